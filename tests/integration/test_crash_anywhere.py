"""kill -9 of the CLI in the middle of import, backup, migrate and restore, on both backends.

Afterwards the database is exactly as before or exactly as after (every migration whole), and
a backup file is either complete or absent; leftovers of the killed writer go at the next run.
"""

from __future__ import annotations

import signal
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from photoflow_desktop.domain.csvio import export_csv
from photoflow_desktop.domain.db import sqlite_path, url_scheme
from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.maintenance.backups import backup_dir
from tests.support.bulk import add_bulk_orders
from tests.support.database import bound_database
from tests.support.processes import kill_when, run_photoflow, start_photoflow, wait_until
from tests.support.state import data_state, others_gone, writing_transaction_open

IMPORT_ROWS = 100_000
BACKUP_ROWS = 150_000


@pytest.fixture(scope="module")
def import_file(tmp_path_factory) -> Path:
    """A CSV of 100,000 orders, exported from a scratch SQLite file."""
    folder = tmp_path_factory.mktemp("import")
    url = f"sqlite:///{folder / 'source.db'}"
    result = run_photoflow("--database-url", url, "db", "migrate")
    assert result.returncode == 0, result.stderr
    with bound_database(url):
        add_bulk_orders(IMPORT_ROWS)
        path = folder / "orders.csv"
        path.write_text(export_csv(), encoding="utf-8")
    return path


def _settled(url: str) -> None:
    """Wait until a killed CLI's server session is gone (PostgreSQL rolls back then)."""
    if url_scheme(url) == "postgresql":
        assert wait_until(lambda: others_gone(url), timeout=120)


def _sqlite_write_lock_taken(url: str) -> bool:
    """True while another connection holds the SQLite file's write lock (a transaction)."""
    with closing(sqlite3.connect(sqlite_path(url), timeout=0)) as probe:
        try:
            probe.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return True
        probe.rollback()
        return False


def _writing(url: str):
    """True once the CLI is inside its write transaction (PostgreSQL: it has written rows)."""
    if url_scheme(url) == "sqlite":
        return lambda: _sqlite_write_lock_taken(url)
    return lambda: writing_transaction_open(url)


def test_killed_import_leaves_the_database_as_before(db, database_url, import_file):
    seed_board()
    db.close()
    before = data_state(database_url)
    process = start_photoflow("--database-url", database_url, "import", str(import_file))

    assert kill_when(process, _writing(database_url)), "the import ended before the kill"

    _settled(database_url)
    assert data_state(database_url) == before  # killed inside its transaction: nothing stays


def _visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def _partial_written(folder: Path):
    return lambda: any(p.stat().st_size > 0 for p in folder.glob(".*.partial"))


def test_killed_backup_leaves_no_file_that_looks_valid(db, database_url, tmp_path):
    add_bulk_orders(BACKUP_ROWS)
    db.close()
    folder = tmp_path / "backups"
    folder.mkdir()
    process = start_photoflow("--database-url", database_url, "db", "backup", "-o", str(folder))

    assert kill_when(process, _partial_written(folder)), "the backup ended before the kill"

    assert _visible(folder) == []  # no backup that looks complete
    assert _hidden(folder), "the killed writer's partial file is the reproduction"
    again = run_photoflow("--database-url", database_url, "db", "backup", "-o", str(folder))
    assert again.returncode == 0, again.stderr
    assert _hidden(folder) == []  # the dead writer's partial file was cleaned up
    (backup,) = _visible(folder)
    verify = run_photoflow("--database-url", database_url, "db", "verify", str(folder / backup))
    assert verify.returncode == 0, verify.stderr


@pytest.mark.parametrize("moment", ["during the backup", "after the backup"])
def test_killed_migrate_keeps_every_migration_whole(db, database_url, moment):
    seed_board()
    db.close()
    full = data_state(database_url)["history"]
    for _ in range(2):
        result = run_photoflow("--database-url", database_url, "db", "rollback")
        assert result.returncode == 0, result.stderr
    before = data_state(database_url)
    folder = backup_dir()
    if moment == "during the backup":
        condition = _partial_written(folder)
    else:
        condition = lambda: any(p.name.startswith("before-migrate") for p in folder.iterdir())  # noqa: E731
    process = start_photoflow("--database-url", database_url, "db", "migrate")

    killed = kill_when(process, condition)

    _settled(database_url)
    state = data_state(database_url)
    assert state["tasks"] == before["tasks"] and state["comments"] == before["comments"]
    assert state["history"] == full[: len(state["history"])]  # whole migrations only
    assert len(state["history"]) >= len(before["history"])
    again = run_photoflow("--database-url", database_url, "db", "migrate")
    assert again.returncode == 0, again.stderr
    assert data_state(database_url) == {**before, "history": full}
    assert killed or state["history"] == full


def test_killed_restore_leaves_before_or_after(db, database_url, tmp_path):
    add_bulk_orders(20_000)
    seed_board()
    db.close()
    backup = run_photoflow("--database-url", database_url, "db", "backup", "-o", str(tmp_path))
    assert backup.returncode == 0, backup.stderr
    path = backup.stdout.split("Backup written: ", 1)[1].splitlines()[0]
    after = data_state(database_url)
    with bound_database(database_url) as database:
        database.execute_sql("DELETE FROM task_comments")
        database.execute_sql('DELETE FROM "Tasks" WHERE mod(id, 2) = 0')
    before = data_state(database_url)
    folder = backup_dir()
    process = start_photoflow("--database-url", database_url, "db", "restore", path, "--yes")

    kill_when(
        process,
        lambda: any(p.name.startswith("before-restore") for p in folder.iterdir()),
        signal.SIGKILL,
    )

    _settled(database_url)
    assert data_state(database_url) in (before, after)
