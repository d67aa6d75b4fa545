"""Backup, verify and restore on both backends: round trips, refusals, atomic failure, cancel."""

from __future__ import annotations

import gzip
import os
import sqlite3
import stat

import psycopg2
import pytest

from photoflow_desktop.domain import db as db_module
from photoflow_desktop.domain.comments import add_comment, edit_comment, list_comments
from photoflow_desktop.domain.models import Task, TaskComment
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.domain.tasks import create_task, delete_task
from photoflow_desktop.maintenance import backend_for
from photoflow_desktop.maintenance.base import BackupFormat, Cancelled, RestoreError
from tests.support.backends import only_postgres, only_sqlite
from tests.support.snapshots import board_snapshot


@pytest.fixture
def seeded(db, database_url):
    """A seeded board and its maintenance backend."""
    seed_board()
    return backend_for(database_url, db)


def _change_everything():
    """Edits a user would notice: a new order, a deleted one, an edited comment."""
    create_task(
        TaskDraft(
            title="Added after the backup",
            due_at=Task.select().first().due_at,
            status="RAW",
            info="",
            column="1",
            is_finished=False,
        )
    )
    delete_task(Task.select().order_by(Task.id).first().id)
    comment = TaskComment.select().order_by(TaskComment.id.desc()).first()
    edit_comment(comment.id, "edited after the backup")


def _files(folder):
    return sorted(path.name for path in folder.iterdir())


def test_round_trip_every_format(seeded, db, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for fmt in seeded.formats:
        saved = board_snapshot()
        result = seeded.backup(folder, fmt)
        assert result.verified.ok and result.format is fmt
        assert result.path.name.startswith("backup_") and result.path.name.endswith(fmt.extension)
        assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
        _change_everything()
        assert board_snapshot() != saved

        restored = seeded.restore(result.path, safety_backup_dir=folder)

        assert not db.is_closed()  # the app's connection was closed for the restore, then reopened
        assert board_snapshot() == saved, fmt
        assert restored.rows["Tasks"] == len(saved["tasks"])
        assert restored.safety_backup_path.name.startswith("before-restore_")
        assert seeded.verify(restored.safety_backup_path).ok
    assert not [name for name in _files(folder) if name.startswith(".")]


def test_test_restore_compares_row_counts(seeded, tmp_path):
    result = seeded.backup(tmp_path)
    same = seeded.test_restore(result.path)
    assert same.ok and not same.differences and same.backup_rows["Tasks"] == 30
    add_comment(Task.select().first().id, "one more")
    differs = seeded.test_restore(result.path)
    assert differs.ok and any(line.startswith("task_comments") for line in differs.differences)


def test_a_backup_of_another_applications_database_is_refused(seeded, tmp_path, request):
    if seeded.name == "postgresql":
        import subprocess

        other_url = request.getfixturevalue("empty_database_url")
        with psycopg2.connect(other_url) as connection, connection.cursor() as cursor:
            cursor.execute("CREATE TABLE invoices (id serial PRIMARY KEY, total numeric)")
        connection.close()
        foreign = tmp_path / "invoices.sql"
        env = {**os.environ, **db_module.postgres_params(other_url).libpq_env()}
        with open(foreign, "wb") as handle:
            subprocess.run(
                ["pg_dump", "--clean", "--if-exists"], env=env, stdout=handle, check=True
            )
    else:
        foreign = tmp_path / "invoices.sqlite"
        other = sqlite3.connect(str(foreign))
        other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        other.commit()
        other.close()
    before = board_snapshot()
    verdict = seeded.verify(foreign)
    assert not verdict.ok and "PhotoFlow" in verdict.message
    with pytest.raises(RestoreError, match="not changed"):
        seeded.restore(foreign, safety_backup_dir=tmp_path)
    assert board_snapshot() == before


def _bad_files(backend, folder):
    """Truncated, random and empty files (plus a truncated custom archive on PostgreSQL)."""
    good = {fmt: backend.backup(folder, fmt).path for fmt in backend.formats}
    files = {}
    plain_format = BackupFormat.PLAIN if backend.name == "postgresql" else BackupFormat.SQLITE
    gzip_format = BackupFormat.GZIP if backend.name == "postgresql" else BackupFormat.SQLITE_GZIP
    for label, fmt in (("truncated-plain", plain_format), ("truncated-gzip", gzip_format)):
        data = good[fmt].read_bytes()
        files[label] = data[: len(data) * 2 // 3]
    if backend.name == "postgresql":
        data = good[BackupFormat.CUSTOM].read_bytes()
        files["truncated-custom"] = data[: len(data) * 2 // 3]
        files["foreign-sqlite"] = b"SQLite format 3\x00" + os.urandom(4000)
    else:
        files["foreign-sql"] = gzip.decompress(gzip.compress(b"--\n-- PostgreSQL database dump\n"))
    files["random"] = os.urandom(5000)
    files["empty"] = b""
    for fmt_path in good.values():
        fmt_path.unlink()
    bad = {}
    for label, data in files.items():
        path = folder / f"bad-{label}.bin"
        path.write_bytes(data)
        bad[label] = path
    return bad


def test_bad_files_are_refused_and_nothing_is_touched(seeded, tmp_path):
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    safety = tmp_path / "safety"
    safety.mkdir()
    bad = _bad_files(seeded, incoming)
    _change_everything()
    before = board_snapshot()
    for label, path in bad.items():
        verdict = seeded.verify(path)
        assert not verdict.ok, label
        assert verdict.message, label
        with pytest.raises(RestoreError, match="refused, the database was not changed"):
            seeded.restore(path, safety_backup_dir=safety)
        assert board_snapshot() == before, label
    assert _files(safety) == []  # refused before even the safety backup


def test_cancelled_backup_leaves_no_file(seeded, tmp_path):
    for fmt in seeded.formats:
        folder = tmp_path / fmt.value
        folder.mkdir()
        with pytest.raises(Cancelled):
            seeded.backup(folder, fmt, should_cancel=lambda: True)
        assert _files(folder) == [], fmt


def test_progress_reaches_the_total(seeded, tmp_path):
    seen = []
    seeded.backup(tmp_path, progress=lambda done, total, text: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] and seen[-1][1] > 0
    assert all(done <= total for done, total in seen)


@only_postgres
def test_restore_failing_half_way_leaves_the_database_unchanged(seeded, tmp_path):
    dump = seeded.backup(tmp_path, BackupFormat.PLAIN).path
    text = dump.read_text(encoding="utf-8")
    # The error comes after the DROP TABLEs and after "Tasks" was re-created and filled.
    marker = "COPY public.task_comments"
    assert text.count(marker) == 1
    broken = tmp_path / "broken.sql"
    broken.write_text(
        text.replace(marker, "SELECT 1 / 0;  -- an error in the middle\n" + marker),
        encoding="utf-8",
    )
    assert seeded.verify(broken).ok  # complete file: only replaying it shows the error
    _change_everything()
    before = board_snapshot()

    with pytest.raises(RestoreError, match="rolled back; the database is unchanged") as error:
        seeded.restore(broken, safety_backup_dir=tmp_path)

    assert "division by zero" in str(error.value)
    assert board_snapshot() == before


@only_postgres
@pytest.mark.parametrize("fmt", [BackupFormat.CUSTOM, BackupFormat.GZIP])
def test_archive_failing_at_its_last_step_leaves_the_database_unchanged(
    seeded, tmp_path, database_url, fmt
):
    """An orphan comment in the dump: every table is dropped, re-created and filled before
    the foreign key is added at the very end and fails; the whole restore must roll back."""
    with psycopg2.connect(database_url) as connection, connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")  # skip the FK check once
        cursor.execute("INSERT INTO task_comments (task_id, comment) VALUES (999999, 'orphan')")
    connection.close()
    poisoned = seeded.backup(tmp_path, fmt).path
    assert seeded.verify(poisoned).ok
    TaskComment.delete().where(TaskComment.task_id == 999999).execute()
    _change_everything()
    before = board_snapshot()

    with pytest.raises(RestoreError, match="rolled back; the database is unchanged") as error:
        seeded.restore(poisoned, safety_backup_dir=tmp_path)

    assert "foreign key" in str(error.value)
    assert board_snapshot() == before


@only_sqlite
def test_restore_blocked_by_a_writer_leaves_the_database_unchanged(seeded, tmp_path, database_url):
    good = seeded.backup(tmp_path).path
    _change_everything()
    before = board_snapshot()
    blocker = sqlite3.connect(str(db_module.sqlite_path(database_url)))
    blocker.execute("BEGIN IMMEDIATE")
    seeded.lock_timeout = 0.2
    try:
        with pytest.raises(RestoreError, match="the database is unchanged"):
            seeded.restore(good, safety_backup_dir=tmp_path)
    finally:
        blocker.rollback()
        blocker.close()
    assert board_snapshot() == before


@only_postgres
def test_a_dump_made_without_clean_restores_too(seeded, tmp_path, database_url):
    """The seed guide's `pg_dump db > backup.sql` (no DROP statements) replaces the data."""
    import subprocess

    params = db_module.postgres_params(database_url)
    plain = tmp_path / "guide-backup.sql"
    with open(plain, "wb") as handle:
        subprocess.run(
            ["pg_dump"], env={**os.environ, **params.libpq_env()}, stdout=handle, check=True
        )
    saved = board_snapshot()
    _change_everything()
    verdict = seeded.verify(plain)
    assert verdict.ok and any("without --clean" in line for line in verdict.details)
    seeded.restore(plain, safety_backup_dir=tmp_path)
    assert board_snapshot() == saved


@only_postgres
def test_restore_works_while_the_app_holds_its_connection(seeded, tmp_path, database_url):
    result = seeded.backup(tmp_path, BackupFormat.CUSTOM)
    saved = board_snapshot()
    list_comments(Task.select().first().id)  # the app's connection is open and used
    other = psycopg2.connect(database_url)  # another idle client (e.g. the web app)
    try:
        _change_everything()
        seeded.restore(result.path, safety_backup_dir=tmp_path)
    finally:
        other.close()
    assert board_snapshot() == saved
