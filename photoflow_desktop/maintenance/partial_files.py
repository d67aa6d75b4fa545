"""Names for files being written, and cleaning up those whose writer died.

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
import time
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
