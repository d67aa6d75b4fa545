"""The backup folder: file names, listing, last backup time, automatic-backup policy, pruning.

Backups are named `<prefix>_YYYYMMDD_HHMMSS<ext>` (prefix `backup`; safety copies taken before
a restore or a migration use `before-restore`/`before-migrate`). Times in names are UTC.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from photoflow_desktop.config import load_settings, save_setting
from photoflow_desktop.maintenance.base import BackupFormat, utc_now
from photoflow_desktop.paths import default_backup_dir

log = logging.getLogger(__name__)

BACKUP_DIR_SETTING = "backup_dir"
AUTO_BACKUP_SETTING = "auto_backup"
NAME_PATTERN = re.compile(
    r"^(?P<prefix>[a-z-]+)_(?P<stamp>\d{8}_\d{6})(?:_(?P<n>\d+))?"
    f"(?P<ext>{'|'.join(re.escape(fmt.extension) for fmt in BackupFormat)})$"
)
STAMP_FORMAT = "%Y%m%d_%H%M%S"
AUTOMATIC_PREFIX = "backup"


@dataclass(frozen=True)
class BackupFile:
    """A backup in the folder: where, when (naive UTC, from the name), how big, which kind."""

    path: Path
    created_at: datetime
    size: int
    prefix: str  # 'backup', 'before-restore', 'before-migrate', …


@dataclass(frozen=True)
class AutoBackupPolicy:
    """Back up on start when the newest backup is older than `interval_hours`; keep `keep`."""

    enabled: bool = False
    interval_hours: int = 24
    keep: int = 10


def backup_dir() -> Path:
    """The folder backups go to: the saved choice, else the default under the user data dir."""
    chosen = load_settings().get(BACKUP_DIR_SETTING)
    if chosen:
        path = Path(chosen).expanduser()
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        return path
    return default_backup_dir()


def set_backup_dir(path: Path | None) -> None:
    """Remember another backup folder (None returns to the default)."""
    save_setting(BACKUP_DIR_SETTING, str(Path(path).expanduser()) if path else None)


def backup_file_name(extension: str, prefix: str = AUTOMATIC_PREFIX, when=None) -> str:
    """`backup_YYYYMMDD_HHMMSS.ext` for `when` (naive UTC, default now)."""
    return f"{prefix}_{(when or utc_now()).strftime(STAMP_FORMAT)}{extension}"


def new_backup_path(folder: Path, extension: str, prefix: str = AUTOMATIC_PREFIX) -> Path:
    """A fresh, unused path in `folder` (a numbered suffix when a backup exists this second)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    name = backup_file_name(extension, prefix)
    candidate = folder / name
    counter = 1
    while candidate.exists():
        stem = name[: -len(extension)]
        candidate = folder / f"{stem}_{counter}{extension}"
        counter += 1
    return candidate


def parse_backup_name(path: Path) -> tuple[str, datetime] | None:
    """(prefix, naive UTC time) from a backup file name, or None for other files."""
    match = NAME_PATTERN.match(path.name)
    if not match:
        return None
    return match["prefix"], datetime.strptime(match["stamp"], STAMP_FORMAT)


def list_backups(folder: Path | None = None) -> list[BackupFile]:
    """Backups in `folder` (default: the backup folder), newest first."""
    folder = folder or backup_dir()
    found = []
    if not folder.is_dir():
        return found
    for entry in folder.iterdir():
        parsed = parse_backup_name(entry)
        if parsed is None or not entry.is_file():
            continue
        prefix, created_at = parsed
        found.append(BackupFile(entry, created_at, entry.stat().st_size, prefix))
    found.sort(key=lambda item: (item.created_at, item.path.name), reverse=True)
    return found


def last_backup_at(folder: Path | None = None) -> datetime | None:
    """Time (naive UTC) of the newest backup in the folder, or None."""
    backups = list_backups(folder)
    return backups[0].created_at if backups else None


def backup_time(path: Path) -> datetime:
    """When a backup file was made: from its name, else its modification time (naive UTC)."""
    parsed = parse_backup_name(path)
    if parsed:
        return parsed[1]
    stamp = os.stat(path).st_mtime
    return datetime.fromtimestamp(stamp, UTC).replace(tzinfo=None)


def load_policy() -> AutoBackupPolicy:
    """The saved automatic-backup policy (disabled by default)."""
    saved = load_settings().get(AUTO_BACKUP_SETTING) or {}
    defaults = AutoBackupPolicy()
    return AutoBackupPolicy(
        enabled=bool(saved.get("enabled", defaults.enabled)),
        interval_hours=int(saved.get("interval_hours", defaults.interval_hours)),
        keep=int(saved.get("keep", defaults.keep)),
    )


def save_policy(policy: AutoBackupPolicy) -> None:
    """Remember the automatic-backup policy."""
    if policy.interval_hours < 1 or policy.keep < 1:
        from photoflow_desktop.domain.errors import ValidationError

        raise ValidationError("Back up at least every hour and keep at least one backup")
    save_setting(AUTO_BACKUP_SETTING, vars(policy))


def backup_due(policy: AutoBackupPolicy, folder: Path | None = None, now=None) -> bool:
    """True when automatic backups are on and the newest backup is older than the interval."""
    if not policy.enabled:
        return False
    newest = last_backup_at(folder)
    if newest is None:
        return True
    return (now or utc_now()) - newest >= timedelta(hours=policy.interval_hours)


def prune(keep: int, folder: Path | None = None, prefix: str = AUTOMATIC_PREFIX) -> list[Path]:
    """Delete all but the newest `keep` backups named `prefix_…`; returns the deleted paths."""
    if keep < 1:
        raise ValueError("keep must be at least 1")
    mine = [item for item in list_backups(folder) if item.prefix == prefix]
    removed = []
    for item in mine[keep:]:
        try:
            item.path.unlink()
        except OSError as exc:
            log.warning("Could not delete old backup %s: %s", item.path, exc)
            continue
        removed.append(item.path)
    return removed


def run_automatic_backup(
    backend, policy=None, folder=None, now=None, progress=None, should_cancel=None
):
    """If a backup is due, write one and prune to the newest K; returns the BackupResult or None."""
    policy = policy or load_policy()
    folder = folder or backup_dir()
    if not backup_due(policy, folder, now):
        return None
    result = backend.backup(folder, progress=progress, should_cancel=should_cancel)
    prune(policy.keep, folder)
    return result
