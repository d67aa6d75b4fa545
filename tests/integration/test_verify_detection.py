"""`db verify` judges a backup by its structure: clean or not, and whose schema it holds."""

from __future__ import annotations

import os
import sqlite3
import subprocess

import psycopg2
import pytest

from photoflow_desktop.domain import db as db_module
from photoflow_desktop.domain.comments import add_comment
from photoflow_desktop.domain.models import Task
from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.domain.tasks import delete_task
from photoflow_desktop.maintenance import backend_for
from photoflow_desktop.maintenance.base import RestoreError
from tests.support.backends import only_postgres, only_sqlite
from tests.support.processes import run_photoflow
from tests.support.snapshots import board_snapshot

SQL_IN_A_COMMENT = 'Customer wrote:\nDROP TABLE IF EXISTS public."Tasks";\nDROP TABLE IF EXISTS x;'


def _pg_dump(url: str, target, *options: str) -> None:
    env = {**os.environ, **db_module.postgres_params(url).libpq_env()}
    with open(target, "wb") as handle:
        subprocess.run(["pg_dump", *options], env=env, stdout=handle, check=True)


@only_postgres
def test_a_dump_without_clean_whose_data_mentions_drop_table_restores(db, database_url, tmp_path):
    seed_board()
    add_comment(Task.select().first().id, SQL_IN_A_COMMENT)
    plain = tmp_path / "no-clean.sql"
    _pg_dump(database_url, plain)  # the web app guide's `pg_dump db > backup.sql`
    saved = board_snapshot()
    delete_task(Task.select().first().id)
    maintenance = backend_for(database_url, db)

    verdict = maintenance.verify(plain)
    assert verdict.ok and any("without --clean" in line for line in verdict.details)
    maintenance.restore(plain, safety_backup_dir=tmp_path)

    assert board_snapshot() == saved


FOREIGN_SCHEMAS = {
    "only a Tasks table": ['CREATE TABLE "Tasks" (id serial PRIMARY KEY, title text)'],
    "both tables, other columns": [
        'CREATE TABLE "Tasks" (id serial PRIMARY KEY, title text, done boolean)',
        "CREATE TABLE task_comments (id serial PRIMARY KEY, body text)",
    ],
}


@only_postgres
@pytest.mark.parametrize("schema", FOREIGN_SCHEMAS.values(), ids=FOREIGN_SCHEMAS.keys())
@pytest.mark.parametrize("options", [["--format=custom"], ["--clean", "--if-exists"]])
def test_another_applications_dump_with_a_tasks_table_is_refused(
    db, database_url, empty_database_url, tmp_path, schema, options
):
    seed_board()
    connection = psycopg2.connect(empty_database_url)
    with connection, connection.cursor() as cursor:
        for statement in schema:
            cursor.execute(statement)
        cursor.execute("""INSERT INTO "Tasks" (title) VALUES ('not a photo order')""")
    connection.close()
    foreign = tmp_path / "other-app.backup"
    _pg_dump(empty_database_url, foreign, *options)
    before = board_snapshot()

    result = run_photoflow("--database-url", database_url, "db", "verify", str(foreign))

    assert result.returncode == 1 and "not a PhotoFlow database" in result.stderr
    assert "Traceback" not in result.stderr
    with pytest.raises(RestoreError, match="not a PhotoFlow database"):
        backend_for(database_url, db).restore(foreign, safety_backup_dir=tmp_path)
    assert board_snapshot() == before


@only_sqlite
def test_a_sqlite_file_with_a_foreign_tasks_table_is_refused(db, database_url, tmp_path):
    seed_board()
    foreign = tmp_path / "other-app.sqlite"
    other = sqlite3.connect(foreign)
    other.execute('CREATE TABLE "Tasks" (id INTEGER PRIMARY KEY, title TEXT)')
    other.execute("CREATE TABLE task_comments (id INTEGER PRIMARY KEY, body TEXT)")
    other.commit()
    other.close()
    maintenance = backend_for(database_url, db)

    verdict = maintenance.verify(foreign)

    assert not verdict.ok and "not a PhotoFlow database" in verdict.message


@only_postgres
@pytest.mark.parametrize("control", ["COMMIT;\nBEGIN;\n", "\\connect -reuse-previous=on\n"])
def test_a_sql_file_that_runs_its_own_transactions_is_refused(db, database_url, tmp_path, control):
    """Its COMMIT (or \\connect) would end the restore's one transaction half-way."""
    seed_board()
    plain = tmp_path / "edited.sql"
    _pg_dump(database_url, plain, "--clean", "--if-exists")
    assert backend_for(database_url, db).verify(plain).ok  # function bodies' BEGIN/END are fine
    text = plain.read_text(encoding="utf-8")
    cut = text.index("\nCOPY public.task_comments")
    plain.write_text(text[:cut] + "\n" + control + text[cut:], encoding="utf-8")
    before = board_snapshot()

    verdict = backend_for(database_url, db).verify(plain)

    assert not verdict.ok and "all-or-nothing" in verdict.message
    with pytest.raises(RestoreError):
        backend_for(database_url, db).restore(plain, safety_backup_dir=tmp_path)
    assert board_snapshot() == before
