"""Is the embedded database file damaged? A bounded quick check at open, a full one later.

`PRAGMA quick_check` reads every page but skips the index-content comparison; a progress
handler stops it after a time budget so opening a very big file stays fast (the answer is then
"unfinished"; `db check` runs the full `integrity_check`). A damaged file is never
written to: commands refuse it with DatabaseDamagedError, and a copy of it is kept before
anything replaces it.
"""

from __future__ import annotations

import enum
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from photoflow_desktop.domain.errors import DatabaseDamagedError, Message, Phrase

QUICK_CHECK_SECONDS = 1.0
_PROGRESS_STEP = 10_000  # SQLite VM instructions between two looks at the clock
_CORRUPTION_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


class Health(enum.Enum):
    """What a check found."""

    INTACT = "intact"
    DAMAGED = "damaged"
    UNFINISHED = "unfinished"  # the time budget ran out, or the file cannot be read just now


@dataclass
class CheckOutcome:
    """A check's verdict and SQLite's first problem lines."""

    health: Health
    problems: list[str] = field(default_factory=list)

    @property
    def damaged(self) -> bool:
        """True when the file is known to be damaged."""
        return self.health is Health.DAMAGED


def check_file(path: Path, seconds: float | None = QUICK_CHECK_SECONDS) -> CheckOutcome:
    """PRAGMA quick_check of `path`, read-only, given up after `seconds` (None: no limit)."""
    pragma = "quick_check(20)"
    try:
        connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return _failed(exc)
    stopped = [False]
    if seconds is not None:
        deadline = time.monotonic() + seconds

        def over_budget() -> int:
            stopped[0] = time.monotonic() > deadline
            return int(stopped[0])

        connection.set_progress_handler(over_budget, _PROGRESS_STEP)
    try:
        rows = [row[0] for row in connection.execute(f"PRAGMA {pragma}")]
    except sqlite3.Error as exc:
        return CheckOutcome(Health.UNFINISHED) if stopped[0] else _failed(exc)
    finally:
        connection.close()
    if rows == ["ok"]:
        return CheckOutcome(Health.INTACT)
    return CheckOutcome(Health.DAMAGED, rows)


def _failed(exc: sqlite3.Error) -> CheckOutcome:
    """Damaged only for SQLite's corruption codes; a full disk, a lock or I/O is no verdict."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    text = str(exc).lower()
    if code in _CORRUPTION_CODES or "malformed" in text or "not a database" in text:
        return CheckOutcome(Health.DAMAGED, [str(exc)])
    return CheckOutcome(Health.UNFINISHED, [str(exc)])


def damaged_message(path: Path, outcome: CheckOutcome) -> Message:
    """The one line that tells the user what happened and what to do."""
    first = outcome.problems[0] if outcome.problems else Phrase("integrity check failed")
    return Message(
        "The database file {path} is damaged ({problem}); it was left untouched. Copy every "
        "readable row into a new file with `photoflow db salvage -o NEW_FILE`, or restore a "
        "backup.",
        path=path,
        problem=first,
    )


def require_intact(path: Path, seconds: float | None = QUICK_CHECK_SECONDS) -> CheckOutcome:
    """Raise DatabaseDamagedError when the quick check finds `path` damaged."""
    outcome = check_file(path, seconds)
    if outcome.damaged:
        raise DatabaseDamagedError(damaged_message(path, outcome))
    return outcome


def keep_damaged_copy(path: Path, folder: Path) -> Path:
    """Copy the damaged file (and its -wal) byte for byte into `folder`; returns the copy."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = folder / f"damaged_{stamp}_{path.name}"
    shutil.copy2(path, target)
    wal = Path(f"{path}-wal")
    if wal.exists():
        shutil.copy2(wal, Path(f"{target}-wal"))
    target.chmod(0o600)
    return target
