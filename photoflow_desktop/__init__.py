"""PhotoFlow Desktop: a photography studio's kanban board."""

__version__ = "0.1.0"
