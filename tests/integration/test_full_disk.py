"""A full disk during backup, export, import, migrate and restore (RLIMIT_FSIZE on the CLI).

Each must end as one clear line on stderr (exit 1), leave no partial file that could pass for
a complete one, and leave the database exactly as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from photoflow_desktop.domain.db import sqlite_path, url_scheme
from photoflow_desktop.domain.seed import seed_board
from tests.support.backends import only_sqlite
from tests.support.bulk import add_bulk_orders
from tests.support.processes import file_size_limited, run_photoflow
from tests.support.state import data_state

LIMIT = 16 * 1024  # bytes a child may write per file


def _limited(url: str, *args: str):
    return run_photoflow("--database-url", url, *args, preexec_fn=file_size_limited(LIMIT))


def _one_clear_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    return lines[0]


def _says_disk_full(line: str) -> bool:
    return "full" in line.lower()


@pytest.fixture
def board(db, database_url):
    """A board with ~2 MB of orders: more than a limited child may write."""
    add_bulk_orders(6000)
    seed_board()
    db.close()
    return database_url


def _database_bytes(url: str) -> bytes | None:
    return sqlite_path(url).read_bytes() if url_scheme(url) == "sqlite" else None


def test_backup_on_a_full_disk(board, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    before = data_state(board)

    result = _limited(board, "db", "backup", "-o", str(folder))

    assert _says_disk_full(_one_clear_line(result))
    assert list(folder.iterdir()) == []
    assert data_state(board) == before


def test_export_on_a_full_disk(board, tmp_path):
    target = tmp_path / "orders.csv"

    result = _limited(board, "export", "-o", str(target))

    assert _says_disk_full(_one_clear_line(result))
    assert list(tmp_path.glob("*orders*")) == []


@only_sqlite
def test_import_on_a_full_disk(board, tmp_path):
    source = tmp_path / "more.csv"
    exported = run_photoflow("--database-url", board, "export", "-o", str(source))
    assert exported.returncode == 0, exported.stderr
    before = data_state(board)

    result = _limited(board, "import", str(source))

    assert _says_disk_full(_one_clear_line(result))
    assert data_state(board) == before


def test_migrate_on_a_full_disk(board):
    for _ in range(2):
        assert run_photoflow("--database-url", board, "db", "rollback").returncode == 0
    before = data_state(board)

    result = _limited(board, "db", "migrate")

    assert _says_disk_full(_one_clear_line(result))
    assert data_state(board) == before


def test_restore_on_a_full_disk(board, tmp_path):
    backup = run_photoflow("--database-url", board, "db", "backup", "-o", str(tmp_path))
    assert backup.returncode == 0, backup.stderr
    path = backup.stdout.split("Backup written: ", 1)[1].splitlines()[0]
    seed_more = run_photoflow("--database-url", board, "db", "seed")
    assert seed_more.returncode == 0, seed_more.stderr
    before = data_state(board)

    result = _limited(board, "db", "restore", path, "--yes")

    assert _says_disk_full(_one_clear_line(result))
    assert data_state(board) == before
    assert not [p for p in Path(tmp_path).iterdir() if ".partial" in p.name]


@only_sqlite
def test_a_full_disk_is_not_taken_for_a_damaged_database(board, tmp_path):
    """Opening needs room for SQLite's -shm file: without it, say 'full', never 'damaged'."""
    import shutil
    import sqlite3

    with sqlite3.connect(sqlite_path(board)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    alone = tmp_path / "alone.db"
    shutil.copy(sqlite_path(board), alone)  # no -wal/-shm beside it yet

    result = _limited(f"sqlite:///{alone}", "db", "stats")

    line = _one_clear_line(result)
    assert _says_disk_full(line) and "damaged" not in line
