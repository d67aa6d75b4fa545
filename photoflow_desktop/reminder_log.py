"""Which orders a due reminder has already told about today (once per order and day).

Kept in a small JSON file readable by the user only (0600) in the config folder, per
database, so two boards of one database do not repeat a reminder and a restart neither.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import date
from pathlib import Path

from photoflow_desktop.partial_files import written_whole
from photoflow_desktop.paths import user_config_dir

log = logging.getLogger(__name__)
FILE_NAME = "reminders.json"


class ReminderLog:
    """Remembers (database, day) → task ids already notified; older days are forgotten."""

    def __init__(self, database_url: str, path: Path | None = None):
        self.path = path or user_config_dir() / FILE_NAME
        # The URL may hold a password: only a hash of it is written.
        self.key = hashlib.sha256(database_url.encode("utf-8")).hexdigest()[:16]

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("Reminder log %s unreadable, starting afresh: %s", self.path, exc)
            return {}
        return data if isinstance(data, dict) else {}

    def notified(self, day: date) -> set[int]:
        """Task ids already notified on `day` for this database."""
        entry = self._read().get(self.key, {})
        return set(entry.get("ids", [])) if entry.get("day") == day.isoformat() else set()

    def remember(self, day: date, task_ids: set[int]) -> None:
        """Add `task_ids` to what was notified on `day` (written 0600, replacing the file)."""
        data = self._read()
        ids = self.notified(day) | set(task_ids)
        data[self.key] = {"day": day.isoformat(), "ids": sorted(ids)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with written_whole(self.path) as temporary:
            temporary.write_text(json.dumps(data), encoding="utf-8")
