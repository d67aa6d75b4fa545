"""Backup files on disk: where a new one goes, writing it safely, recognising one by content.

A backup is written through `partial_files.written_whole`: a hidden 0600 file in the target
folder, renamed into place when complete, removed on failure or cancel.
"""

from __future__ import annotations

import errno
import gzip
import zlib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from photoflow_desktop.domain.errors import Message, Phrase
from photoflow_desktop.maintenance.backups import backup_dir, new_backup_path
from photoflow_desktop.maintenance.base import BackupError, BackupFormat, Cancelled
from photoflow_desktop.partial_files import written_whole

GZIP_MAGIC = b"\x1f\x8b"
CUSTOM_MAGIC = b"PGDMP"
SQLITE_MAGIC = b"SQLite format 3\x00"
CHUNK = 1 << 16
_DISK_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


def target_path(destination: Path | None, fmt: BackupFormat, prefix: str) -> Path:
    """The file a backup is written to: `destination` if a file, else a fresh name in a folder."""
    if destination is None:
        return new_backup_path(backup_dir(), fmt.extension, prefix)
    destination = Path(destination).expanduser()
    if destination.is_dir():
        return new_backup_path(destination, fmt.extension, prefix)
    if not destination.parent.is_dir():
        raise BackupError("The folder {folder} does not exist", folder=destination.parent)
    return destination


@contextmanager
def atomic_output(final: Path) -> Iterator[Path]:
    """`written_whole` for a backup: a folder it cannot write to is a BackupError."""
    with ExitStack() as stack:
        try:
            temporary = stack.enter_context(written_whole(final))
        except OSError as exc:
            raise BackupError(
                "Cannot write to {folder}: {problem}",
                folder=final.parent,
                problem=write_failure(exc),
            ) from None
        yield temporary


def write_failure(exc: OSError) -> str:
    """Why a write failed, in words: a full disk (or file size limit) says so plainly."""
    if exc.errno in _DISK_FULL:
        return (
            "the disk is full (or the file size limit was reached); free some space and try again"
        )
    return exc.strerror or str(exc)


def sniff(path: Path) -> tuple[BackupFormat | None, str]:
    """Detect a backup's format from its first bytes: (format, reason when unrecognised)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(64)
    except OSError as exc:
        return None, Message("Cannot read {path}: {problem}", path=path, problem=exc.strerror)
    if not head:
        return None, Phrase("The file is empty")
    if head.startswith(CUSTOM_MAGIC):
        return BackupFormat.CUSTOM, ""
    if head.startswith(SQLITE_MAGIC):
        return BackupFormat.SQLITE, ""
    if head.startswith(GZIP_MAGIC):
        try:
            with gzip.open(path, "rb") as inner:
                inner_head = inner.read(64)
        except (OSError, EOFError, zlib.error):
            return None, "The file looks compressed but cannot be decompressed"
        if inner_head.startswith(SQLITE_MAGIC):
            return BackupFormat.SQLITE_GZIP, ""
        return BackupFormat.GZIP, ""
    if head.lstrip().startswith(b"--") or b"PostgreSQL" in head:
        return BackupFormat.PLAIN, ""
    return None, "This is not a PhotoFlow backup (unknown file type)"


def gunzip_to(path: Path, target: Path, should_cancel=None) -> None:
    """Decompress `path` into `target` whole (raises OSError/EOFError when truncated)."""
    with gzip.open(path, "rb") as source, open(target, "wb") as sink:
        while chunk := source.read(CHUNK):
            if should_cancel and should_cancel():
                raise Cancelled("Stopped")
            sink.write(chunk)
