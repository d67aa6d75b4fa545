"""`photoflow db backup|restore|verify|vacuum|stats|check`; a backup before migrate/rollback."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from photoflow_desktop.cli import main
from photoflow_desktop.domain import db as db_module
from photoflow_desktop.maintenance import backend_for
from photoflow_desktop.paths import default_backup_dir
from tests.support import postgres
from tests.support.backends import only_postgres
from tests.support.database import task_count


def run(capsys, url, *args):
    code = main(["--database-url", url, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _written_path(out: str, label: str) -> Path:
    line = next(line for line in out.splitlines() if line.startswith(label))
    return Path(line.split(": ", 1)[1].strip())


def test_backup_verify_restore(capsys, database_url, tmp_path):
    run(capsys, database_url, "db", "seed")
    code, out, _ = run(capsys, database_url, "db", "backup")
    assert code == 0
    backup = _written_path(out, "Backup written")
    assert backup.parent == default_backup_dir() and backup.name.startswith("backup_")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600

    code, out, _ = run(capsys, database_url, "db", "verify", str(backup), "--test-restore")
    assert code == 0 and "OK" in out and "same row counts" in out

    run(capsys, database_url, "db", "reset", "--yes")
    assert task_count(database_url) == 0
    code, _, err = run(capsys, database_url, "db", "restore", str(backup))
    assert code == 1 and "--yes" in err and "UTC" in err and task_count(database_url) == 0
    code, out, _ = run(capsys, database_url, "db", "restore", str(backup), "--yes")
    assert code == 0 and "Safety backup" in out
    assert task_count(database_url) == 30
    assert _written_path(out, "Safety backup").is_file()


def test_backup_format_from_option_and_file_name(capsys, database_url, tmp_path, backend):
    gz_target = tmp_path / ("board.sql.gz" if backend == "postgresql" else "board.sqlite.gz")
    code, out, _ = run(capsys, database_url, "db", "backup", "-o", str(gz_target))
    assert code == 0 and gz_target.read_bytes()[:2] == b"\x1f\x8b"
    code, out, _ = run(
        capsys, database_url, "db", "backup", "-o", str(tmp_path), "--format", "gzip"
    )
    assert code == 0 and _written_path(out, "Backup written").name.endswith(".gz")
    if backend == "sqlite":
        code, _, err = run(capsys, database_url, "db", "backup", "--format", "custom")
        assert code == 1 and "not available for sqlite" in err


def test_verify_and_restore_refuse_a_bad_file_with_one_line(capsys, database_url, tmp_path):
    run(capsys, database_url, "db", "seed")
    junk = tmp_path / "junk.sql"
    junk.write_bytes(b"\x00\x01 not a backup")
    code, out, err = run(capsys, database_url, "db", "verify", str(junk))
    assert code == 1 and out == "" and err.count("\n") == 1 and err.startswith("photoflow: ")
    code, _, err = run(capsys, database_url, "db", "restore", str(junk), "--yes")
    assert code == 1 and "not changed" in err and "Traceback" not in err
    assert task_count(database_url) == 30
    code, _, err = run(capsys, database_url, "db", "verify", str(tmp_path / "missing.sql"))
    assert code == 1 and "does not exist" in err


def test_vacuum_and_stats(capsys, database_url):
    run(capsys, database_url, "db", "seed")
    code, out, _ = run(capsys, database_url, "db", "vacuum", "--analyze")
    assert code == 0 and "VACUUM ANALYZE" in out and "→" in out
    code, out, _ = run(capsys, database_url, "db", "vacuum", "--full")
    assert code == 0 and out.startswith(("VACUUM FULL", "VACUUM:"))
    code, out, _ = run(capsys, database_url, "db", "stats")
    assert code == 0 and "Tasks" in out and "Last backup: never" in out
    run(capsys, database_url, "db", "backup")
    code, out, _ = run(capsys, database_url, "db", "stats", "--json")
    report = json.loads(out)
    assert code == 0
    assert set(report) == {
        "advice",
        "backend",
        "connections",
        "database",
        "database_size",
        "indexes",
        "journal_mode",
        "last_backup_at",
        "pg_dump_compatible",
        "pg_dump_path",
        "pg_dump_version",
        "server_version",
        "tables",
    }
    tasks = next(table for table in report["tables"] if table["name"] == "Tasks")
    assert tasks["live_rows"] == 30 and report["last_backup_at"]
    assert any(index["name"] == "Tasks_dueAt_idx" for index in report["indexes"])


def test_check_passes_on_a_healthy_database(capsys, database_url):
    code, out, _ = run(capsys, database_url, "db", "check", "--json")
    report = json.loads(out)
    assert code == 0 and report["ok"] is True
    assert all(item["ok"] for item in report["checks"])


def test_check_reports_pending_migrations(capsys, empty_database_url, backend):
    if backend == "sqlite":
        db_module.open_database(empty_database_url).close()  # the file exists, no tables
    code, out, _ = run(capsys, empty_database_url, "db", "check")
    assert code == 1 and "[FAIL] migrations" in out and "photoflow db migrate" in out


@only_postgres
def test_check_diagnoses_unreachable_server_and_missing_database(capsys, database_url):
    unreachable = "postgresql://photoflow:secret@127.0.0.1:1/photoflow"
    code, out, _ = run(capsys, unreachable, "db", "check", "--json")
    report = json.loads(out)
    assert code == 1 and report["checks"][0] == {
        "name": "reachable",
        "ok": False,
        "message": report["checks"][0]["message"],
        "warning": False,
    }
    assert "secret" not in out and "Cannot reach" in report["checks"][0]["message"]
    missing = postgres.with_database(database_url, "pf_no_such_database")
    code, out, _ = run(capsys, missing, "db", "check")
    assert code == 1 and "[FAIL] database" in out and "[ok  ] reachable" in out


def test_migrate_and_rollback_write_a_backup_first(capsys, database_url):
    run(capsys, database_url, "db", "seed")
    code, out, _ = run(capsys, database_url, "db", "rollback")
    assert code == 0 and "rolled back" in out
    before_rollback = _written_path(out, "Backup written first")
    assert before_rollback.name.startswith("before-rollback_")
    assert backend_for(database_url).verify(before_rollback).ok

    code, out, _ = run(capsys, database_url, "db", "migrate")
    assert code == 0 and "applied" in out
    before_migrate = _written_path(out, "Backup written first")
    assert before_migrate.name.startswith("before-migrate_")
    assert stat.S_IMODE(before_migrate.stat().st_mode) == 0o600
    assert backend_for(database_url).verify(before_migrate).ok
    assert out.index("Backup written first") < out.index("applied")

    code, out, _ = run(capsys, database_url, "db", "migrate")
    assert code == 0 and "up to date" in out and "Backup" not in out


def test_migrating_a_new_database_needs_no_backup(capsys, empty_database_url):
    code, out, _ = run(capsys, empty_database_url, "db", "migrate")
    assert code == 0 and "applied  001_initial" in out and "Backup" not in out
