"""A damaged embedded database: detected, refused where it matters, salvaged — never a traceback."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from tests.support.bulk import add_bulk_orders
from tests.support.damage import damage
from tests.support.database import bound_database
from tests.support.processes import run_photoflow

ORDERS = 3000


@pytest.fixture
def board_file(tmp_path):
    """A migrated SQLite file with 3,000 orders and a comment on each (a few MB)."""
    path = tmp_path / "photoflow.db"
    result = run_photoflow("--database-url", f"sqlite:///{path}", "db", "migrate")
    assert result.returncode == 0, result.stderr
    with bound_database(f"sqlite:///{path}") as database:
        add_bulk_orders(ORDERS)
        database.execute_sql(
            "INSERT INTO task_comments (task_id, comment, created_at) "
            "SELECT id, 'comment on ' || id, created_at FROM \"Tasks\""
        )
        database.execute_sql('UPDATE "Tasks" SET amount_of_comments = 1')
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _one_clear_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1, result
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.mark.parametrize("offset", [0, 4096, None], ids=["header", "schema page", "middle"])
def test_db_stats_on_a_damaged_file_is_one_clear_line(board_file, offset):
    damage(board_file, offset)

    result = run_photoflow("--database-url", f"sqlite:///{board_file}", "db", "stats")

    line = _one_clear_line(result)
    assert "damaged" in line and "salvage" in line


def test_commands_refused_on_a_damaged_file_leave_it_as_it_was(board_file):
    damage(board_file)
    before = board_file.read_bytes()
    for command in (["db", "stats"], ["export", "--format", "json"], ["db", "backup"]):
        result = run_photoflow("--database-url", f"sqlite:///{board_file}", *command)
        assert "salvage" in _one_clear_line(result), command
    assert board_file.read_bytes() == before


def _rows(path, table: str) -> dict[int, tuple]:
    """Every row of `table` by id, read from a healthy file."""
    connection = sqlite3.connect(path)
    try:
        return {row[0]: row for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY id')}
    finally:
        connection.close()


def _without_sqlite3_program(tmp_path) -> dict[str, str]:
    """An environment whose PATH has no sqlite3 program (the row-by-row fallback)."""
    empty = tmp_path / "no-tools"
    empty.mkdir(exist_ok=True)
    return {"PATH": str(empty)}


@pytest.mark.parametrize("tools", ["default", "no sqlite3 program"])
def test_salvage_copies_every_readable_row_into_a_fresh_migrated_file(board_file, tmp_path, tools):
    intact = tmp_path / "intact-copy.db"
    shutil.copy(board_file, intact)
    damage(board_file)
    damaged_bytes = board_file.read_bytes()
    salvaged = tmp_path / "salvaged.db"
    env = _without_sqlite3_program(tmp_path) if tools != "default" else None

    result = run_photoflow(
        "--database-url", f"sqlite:///{board_file}", "db", "salvage", "-o", str(salvaged), env=env
    )

    assert result.returncode == 0, result.stderr
    assert board_file.read_bytes() == damaged_bytes  # the damaged file was only read
    check = sqlite3.connect(salvaged)
    assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    check.close()
    status = run_photoflow("--database-url", f"sqlite:///{salvaged}", "db", "status")
    assert status.returncode == 0 and "Up to date." in status.stdout
    original, saved = _rows(intact, "Tasks"), _rows(salvaged, "Tasks")
    lost_tasks = len(original) - len(saved)
    assert 0 <= lost_tasks <= 40  # one 4 KB page holds at most a few dozen orders
    comments = _rows(salvaged, "task_comments")
    counted = Counter(row[2] for row in comments.values())
    for task_id, row in saved.items():  # what came back is exactly what was there …
        expected = original[task_id]
        assert row[:7] == expected[:7] and row[8:] == expected[8:] and row[7] == counted[task_id]
    original_comments = _rows(intact, "task_comments")
    assert all(original_comments[cid] == row for cid, row in comments.items())
    assert len(comments) >= ORDERS - 40 - lost_tasks  # … and nearly everything came back
    print(f"salvage ({tools}): lost {lost_tasks} orders, {ORDERS - len(comments)} comments")


def test_export_refuses_a_damaged_file_unless_salvage(board_file, tmp_path):
    damage(board_file)
    out = tmp_path / "orders.json"

    refused = run_photoflow(
        "--database-url", f"sqlite:///{board_file}", "export", "--format", "json", "-o", str(out)
    )
    assert "damaged" in _one_clear_line(refused) and not out.exists()

    salvaged = run_photoflow(
        "--database-url",
        f"sqlite:///{board_file}",
        "export",
        "--format",
        "json",
        "--salvage",
        "-o",
        str(out),
    )
    assert salvaged.returncode == 0, salvaged.stderr
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert ORDERS - 40 <= len(exported["tasks"]) < ORDERS


def test_restore_over_a_damaged_file_keeps_a_copy_of_it_first(board_file, tmp_path):
    backup = run_photoflow(
        "--database-url", f"sqlite:///{board_file}", "db", "backup", "-o", str(tmp_path)
    )
    assert backup.returncode == 0, backup.stderr
    backup_path = backup.stdout.split("Backup written: ", 1)[1].splitlines()[0]
    damage(board_file)
    damaged_bytes = board_file.read_bytes()

    restored = run_photoflow(
        "--database-url", f"sqlite:///{board_file}", "db", "restore", backup_path, "--yes"
    )

    assert restored.returncode == 0, restored.stderr
    kept = restored.stdout.split("Safety backup of the previous data: ", 1)[1].splitlines()[0]
    assert Path(kept).read_bytes() == damaged_bytes
    stats = run_photoflow("--database-url", f"sqlite:///{board_file}", "db", "stats")
    assert stats.returncode == 0 and f"{ORDERS:,} rows" in stats.stdout


def test_the_quick_check_at_open_is_bounded_in_time(board_file):
    """A very big file is not read whole at every start: the check stops at its budget."""
    from photoflow_desktop.maintenance.sqlite_damage import Health, check_file

    assert check_file(board_file).health is Health.INTACT
    assert check_file(board_file, seconds=0).health is Health.UNFINISHED
    damage(board_file)
    assert check_file(board_file).health is Health.DAMAGED
