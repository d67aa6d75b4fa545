"""Pick the maintenance backend (SQLite or PostgreSQL) for a session or a database URL.

Its own module so that base.py, which the backends build on, never imports them.
"""

from __future__ import annotations

from photoflow_desktop.maintenance.base import MaintenanceBackend


def backend_for(session_or_url, database=None, direct_url: str | None = None) -> MaintenanceBackend:
    """The maintenance backend for a Session or a database URL (and its direct URL, if any)."""
    from photoflow_desktop.domain.db import url_scheme

    url = getattr(session_or_url, "url", session_or_url)
    if database is None:
        database = getattr(session_or_url, "database", None)
    if url_scheme(url) == "sqlite":
        from photoflow_desktop.maintenance.sqlite import SqliteMaintenance

        return SqliteMaintenance(url, database)
    from photoflow_desktop.maintenance.postgres import PostgresMaintenance

    direct_url = direct_url or getattr(session_or_url, "direct_url", None)
    return PostgresMaintenance(url, database, direct_url=direct_url)
