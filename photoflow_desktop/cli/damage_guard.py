"""Before a command opens the embedded database: refuse a damaged file with one clear line.

Commands meant for a damaged file (check, verify, restore, salvage, export --salvage) set
`allows_damaged` in their parser defaults; every other command stops before it reads or
writes anything, so a damaged file is never changed by accident.
"""

from __future__ import annotations

from photoflow_desktop.config import resolve_database_url
from photoflow_desktop.domain.db import sqlite_path, url_scheme
from photoflow_desktop.maintenance.sqlite_damage import require_intact


def refuse_damaged_database(args) -> None:
    """Raise DatabaseDamagedError when the command's SQLite file fails the quick check."""
    if getattr(args, "allows_damaged", False) or getattr(args, "salvage", False):
        return
    url = resolve_database_url(getattr(args, "database_url", None)).url
    if url_scheme(url) != "sqlite":
        return
    path = sqlite_path(url)
    if path.is_file() and path.stat().st_size > 0:
        require_intact(path)
