"""What to offer when the embedded database is damaged: the newest backup that verifies.

The offer names the backup's time and its row counts, so the user sees what a restore would
bring back; salvage (`photoflow db salvage`) keeps whatever the damaged file still holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from photoflow_desktop.maintenance.backups import list_backups
from photoflow_desktop.maintenance.sqlite_damage import CheckOutcome, damaged_message

_LABELS = {"Tasks": "orders", "task_comments": "comments"}
_ROWS = re.compile(r"^(?P<table>.+): (?P<rows>\d+) rows$")


@dataclass(frozen=True)
class RestoreOffer:
    """A backup that verifies: where, when (naive UTC) and its rows per table."""

    path: Path
    created_at: datetime
    rows: dict[str, int]


def newest_restorable_backup(backend, folder: Path | None = None) -> RestoreOffer | None:
    """The newest backup in `folder` that `backend` verifies, or None."""
    for backup in list_backups(folder):
        verified = backend.verify(backup.path)
        if not verified.ok:
            continue
        rows = {}
        for line in verified.details:
            match = _ROWS.match(line)
            if match:
                rows[match["table"]] = int(match["rows"])
        return RestoreOffer(backup.path, backup.created_at, rows)
    return None


def damaged_database_text(path: Path, outcome: CheckOutcome, offer: RestoreOffer | None) -> str:
    """The start-up message for a damaged file: what happened and both ways out."""
    text = damaged_message(path, outcome)
    if offer is None:
        return text + " No backup that verifies was found in the backup folder."
    counts = ", ".join(
        f"{offer.rows[table]} {label}" for table, label in _LABELS.items() if table in offer.rows
    )
    return (
        f"{text} The newest backup that verifies is {offer.path} "
        f"({offer.created_at:%Y-%m-%d %H:%M} UTC; {counts}): restore it with "
        f"`photoflow db restore {offer.path} --yes` (a copy of the damaged file is kept first)."
    )
