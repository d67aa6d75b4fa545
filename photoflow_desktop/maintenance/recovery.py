"""What to offer when the embedded database is damaged: the newest backup that verifies.

The offer names the backup's time and its row counts, so the user sees what a restore would
bring back; salvage (`photoflow db salvage`) keeps whatever the damaged file still holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from photoflow_desktop.domain.errors import Message, Phrase
from photoflow_desktop.maintenance.backups import list_backups
from photoflow_desktop.maintenance.sqlite_damage import CheckOutcome, damaged_message

_LABELS = {"Tasks": Phrase("{count} order(s)"), "task_comments": Phrase("{count} comment(s)")}
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


def damaged_database_text(path: Path, outcome: CheckOutcome, offer: RestoreOffer | None) -> Message:
    """The start-up message for a damaged file: what happened and both ways out."""
    text = damaged_message(path, outcome)
    if offer is None:
        return Message(
            "{damage} No backup that verifies was found in the backup folder.", damage=text
        )
    counts = [
        Message(template, count=offer.rows[table])
        for table, template in _LABELS.items()
        if table in offer.rows
    ]
    return Message(
        "{damage} The newest backup that verifies is {path} ({time} UTC; {counts}): restore it "
        "with `photoflow db restore {path} --yes` (a copy of the damaged file is kept first).",
        damage=text,
        path=offer.path,
        time=f"{offer.created_at:%Y-%m-%d %H:%M}",
        counts=_Joined(counts),
    )


class _Joined(Message):
    """Messages joined by ", ", each translated (a Message parameter of a Message)."""

    def __new__(cls, parts: list[Message]):
        template = ", ".join(f"{{p{n}}}" for n in range(len(parts)))
        return super().__new__(cls, template, **{f"p{n}": part for n, part in enumerate(parts)})
