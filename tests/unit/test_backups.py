"""The backup folder: names, listing order, chosen folder, automatic-backup policy, pruning."""

from datetime import datetime, timedelta

import pytest

from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.maintenance import backups
from photoflow_desktop.paths import default_backup_dir


def _touch(folder, name):
    path = folder / name
    path.write_bytes(b"x")
    return path


def test_names_are_timestamped_and_never_collide(tmp_path):
    when = datetime(2026, 3, 1, 9, 5, 7)
    assert backups.backup_file_name(".sql.gz", when=when) == "backup_20260301_090507.sql.gz"
    first = backups.new_backup_path(tmp_path, ".dump")
    first.write_bytes(b"x")
    second = backups.new_backup_path(tmp_path, ".dump")
    assert second != first and second.name.endswith(".dump") and second.parent == tmp_path


def test_listing_is_newest_first_and_ignores_other_files(tmp_path):
    _touch(tmp_path, "backup_20260101_000000.sql")
    _touch(tmp_path, "before-restore_20260301_120000.dump")
    _touch(tmp_path, "backup_20260201_000000.sqlite.gz")
    _touch(tmp_path, "notes.txt")
    _touch(tmp_path, ".backup_20270101_000000.sql.abc.partial")
    listed = backups.list_backups(tmp_path)
    assert [item.path.name for item in listed] == [
        "before-restore_20260301_120000.dump",
        "backup_20260201_000000.sqlite.gz",
        "backup_20260101_000000.sql",
    ]
    assert listed[0].prefix == "before-restore"
    assert backups.last_backup_at(tmp_path) == datetime(2026, 3, 1, 12, 0, 0)
    assert backups.last_backup_at(tmp_path / "nothing-here") is None


def test_the_backup_folder_can_be_changed_and_reset(tmp_path):
    assert backups.backup_dir() == default_backup_dir()
    chosen = tmp_path / "elsewhere"
    backups.set_backup_dir(chosen)
    assert backups.backup_dir() == chosen and chosen.is_dir()
    backups.set_backup_dir(None)
    assert backups.backup_dir() == default_backup_dir()


def test_policy_is_saved_and_validated():
    assert backups.load_policy() == backups.AutoBackupPolicy(False, 24, 10)
    backups.save_policy(backups.AutoBackupPolicy(True, 6, 3))
    assert backups.load_policy() == backups.AutoBackupPolicy(True, 6, 3)
    with pytest.raises(ValidationError):
        backups.save_policy(backups.AutoBackupPolicy(True, 0, 3))


def test_due_and_prune(tmp_path):
    now = datetime(2026, 3, 10, 12, 0, 0)
    policy = backups.AutoBackupPolicy(True, 24, 2)
    assert backups.backup_due(policy, tmp_path, now)  # no backup at all yet
    for day in (1, 5, 9):
        _touch(tmp_path, f"backup_202603{day:02d}_120000.sql")
    _touch(tmp_path, "before-migrate_20260301_000000.sql")
    assert not backups.backup_due(policy, tmp_path, now - timedelta(days=1) + timedelta(hours=1))
    assert backups.backup_due(policy, tmp_path, now)
    assert not backups.backup_due(backups.AutoBackupPolicy(False, 24, 2), tmp_path, now)
    removed = backups.prune(2, tmp_path)
    assert [path.name for path in removed] == ["backup_20260301_120000.sql"]
    assert (tmp_path / "before-migrate_20260301_000000.sql").exists()  # safety copies stay
