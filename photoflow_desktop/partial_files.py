"""Writing a file whole or not at all: hidden partial names, and cleaning up after dead writers.

`written_whole` is the one temp-file-and-rename routine of the package (backups, exports,
settings, the reminder log, invoice PDFs): the new content goes to a hidden file beside the
target, readable by the user only (0600), is flushed to disk and renamed over the target.

A backup or export is written under a hidden temporary name (`.NAME.pf<PID>.XXXX.partial`, or
a `.photoflow-…-pf<PID>-XXXX` work folder) and renamed when complete. A writer killed half-way
(kill -9, power cut) cannot remove its leftovers, so the next writer in the same folder does:
anything carrying the PID of a process that no longer runs, and untagged leftovers of older
versions after a day.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

_TAGGED = re.compile(r"^\..*[.-]pf(\d+)[.-].*")
_UNTAGGED_MAX_AGE = 24 * 3600


def tag() -> str:
    """This process's tag in temporary names: 'pf<PID>'."""
    return f"pf{os.getpid()}"


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) would send CTRL_C_EVENT there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _is_leftover(entry: Path) -> bool:
    name = entry.name
    if not (".partial" in name or name.startswith(".photoflow-")):
        return False
    match = _TAGGED.match(name)
    if match:
        return not _running(int(match[1]))
    try:
        return time.time() - entry.stat().st_mtime > _UNTAGGED_MAX_AGE
    except OSError:
        return False


def remove_stale_partials(folder: Path) -> list[Path]:
    """Delete leftovers of dead writers in `folder`; returns what was removed."""
    removed = []
    try:
        entries = [entry for entry in Path(folder).iterdir() if entry.name.startswith(".")]
    except OSError:
        return removed
    for entry in entries:
        if not _is_leftover(entry):
            continue
        try:
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError as exc:
            log.warning("Could not remove the leftover %s: %s", entry, exc)
            continue
        log.info("Removed %s, left by an interrupted backup or export", entry)
        removed.append(entry)
    return removed


@contextmanager
def written_whole(final: Path) -> Iterator[Path]:
    """Yield a new hidden 0600 file beside `final`; on success it is fsynced and renamed to it.

    When the block fails the partial file (and an SQLite -journal/-wal beside it) is removed and
    `final` stays as it was. Leftovers of writers killed earlier in the folder go first.
    Creating the partial file raises OSError before the block runs (no rights, a full disk).
    """
    final = Path(final)
    remove_stale_partials(final.parent)
    descriptor, name = tempfile.mkstemp(
        prefix=f".{final.name}.{tag()}.", suffix=".partial", dir=final.parent
    )
    os.close(descriptor)
    temporary = Path(name)
    try:
        os.chmod(temporary, 0o600)
        yield temporary
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, final)
    finally:
        for leftover in (temporary, Path(f"{temporary}-journal"), Path(f"{temporary}-wal")):
            leftover.unlink(missing_ok=True)
