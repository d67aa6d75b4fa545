"""Backend-specific database operations (migrations, backup, restore, health). No Qt here."""

from photoflow_desktop.maintenance.backends import backend_for

__all__ = ["backend_for"]
