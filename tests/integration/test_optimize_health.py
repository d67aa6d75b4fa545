"""VACUUM/ANALYZE/optimize, health report and automatic backups on both backends."""

from __future__ import annotations

from datetime import timedelta

import pytest

from photoflow_desktop.domain.models import Task
from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.domain.tasks import delete_task
from photoflow_desktop.maintenance import backend_for
from photoflow_desktop.maintenance.backups import (
    AutoBackupPolicy,
    list_backups,
    run_automatic_backup,
    utc_now,
)
from photoflow_desktop.maintenance.base import Cancelled, OptimizeError, OptimizeOperation
from tests.support.backends import only_postgres


@pytest.fixture
def seeded(db, database_url):
    """A seeded board and its maintenance backend."""
    seed_board()
    return backend_for(database_url, db)


def test_every_optimize_operation_reports_sizes(seeded):
    for task in list(Task.select())[:20]:
        delete_task(task.id)
    for operation in seeded.optimize_operations:
        result = seeded.optimize(operation)
        assert result.operation is operation
        assert result.size_before > 0 and result.size_after > 0
        assert result.output
    assert Task.select().count() == 10  # data untouched


def test_an_operation_of_the_other_backend_is_refused(seeded):
    other = (
        OptimizeOperation.OPTIMIZE
        if seeded.name == "postgresql"
        else (OptimizeOperation.VACUUM_FULL)
    )
    with pytest.raises(OptimizeError, match="not available"):
        seeded.optimize(other)


@only_postgres
def test_vacuum_verbose_output_and_cancel(seeded):
    result = seeded.optimize(OptimizeOperation.VACUUM)
    assert 'vacuuming "' in result.output and "Tasks" in result.output
    with pytest.raises(Cancelled):
        seeded.optimize(OptimizeOperation.VACUUM_FULL, should_cancel=lambda: True)


def test_health_report(seeded, tmp_path):
    seeded.optimize(OptimizeOperation.ANALYZE)  # PostgreSQL's live-row statistics are current
    seeded.backup(tmp_path)
    report = seeded.health(tmp_path)
    tables = {table.name: table for table in report.tables}
    assert tables["Tasks"].live_rows == 30 and tables["task_comments"].live_rows == 24
    assert report.database_size > 0 and report.last_backup_at is not None
    assert abs(report.last_backup_at - utc_now()) < timedelta(minutes=5)
    assert {"Tasks_dueAt_idx", "Tasks_taskColumn_idx", "Tasks_is_finished_idx"} <= {
        index.name for index in report.indexes
    }
    if seeded.name == "postgresql":
        assert report.server_version.startswith("PostgreSQL ")
        assert report.pg_dump_compatible is True and report.pg_dump_path
        assert tables["Tasks"].size > 0
        assert any(c.application_name == "PhotoFlow Desktop" for c in report.connections)
    else:
        assert report.journal_mode == "wal" and report.connections == []
    assert report.advice == []


@only_postgres
def test_health_explains_an_old_pg_dump(seeded, tmp_path, monkeypatch):
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    old = fake_bin / "pg_dump"
    old.write_text('#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n')
    old.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake_bin))  # the only pg_dump on PATH is too old
    monkeypatch.setattr("photoflow_desktop.maintenance.pgtools.install_folders", lambda: [])
    report = seeded.health(tmp_path)
    assert report.pg_dump_compatible is False and report.pg_dump_version == "9.6"
    major = report.server_version.split()[1].split(".")[0]
    assert any(f"postgresql-client-{major}" in line for line in report.advice)


def test_automatic_backup_when_due_keeps_the_newest(seeded, tmp_path):
    policy = AutoBackupPolicy(enabled=True, interval_hours=24, keep=2)
    first = run_automatic_backup(seeded, policy, tmp_path)
    assert first is not None and first.verified.ok
    assert run_automatic_backup(seeded, policy, tmp_path) is None  # the newest is fresh
    assert run_automatic_backup(seeded, AutoBackupPolicy(False, 1, 2), tmp_path) is None
    later = utc_now() + timedelta(hours=25)
    second = run_automatic_backup(seeded, policy, tmp_path, now=later)
    third = run_automatic_backup(seeded, policy, tmp_path, now=later + timedelta(hours=25))
    assert second is not None and third is not None
    kept = [item.path for item in list_backups(tmp_path)]
    assert kept == [third.path, second.path] and not first.path.exists()
