"""Damage a real SQLite file the way a bad disk does: random bytes over one region."""

from __future__ import annotations

import os
import random
from pathlib import Path

PAGE = 4096


def damage(path: Path, offset: int | None = None, size: int = PAGE, seed: int = 13) -> int:
    """Overwrite `size` bytes at `offset` (default: the page in the middle); returns the offset."""
    length = path.stat().st_size
    if offset is None:
        offset = (length // 2) // PAGE * PAGE
    noise = random.Random(seed).randbytes(size)
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(noise)
        handle.flush()
        os.fsync(handle.fileno())
    return offset
