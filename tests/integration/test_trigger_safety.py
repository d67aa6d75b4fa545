"""Our triggers never refuse a web-app write, whatever becomes of its schema (PostgreSQL)."""

import psycopg2
import pytest

from photoflow_desktop.cli import main
from photoflow_desktop.domain.changes import Change
from photoflow_desktop.maintenance import web_app_schema
from photoflow_desktop.ui.connection.startup import decide_startup
from tests.integration.test_changes import Feed
from tests.support.backends import only_postgres

# What Prisma sends when the web app renames "taskColumn" (a rename becomes drop + add) and
# when a column is simply dropped from schema.prisma.
SCHEMA_CHANGES = {
    "renamed": [
        'ALTER TABLE "Tasks" DROP COLUMN "taskColumn", '
        "ADD COLUMN \"column_key\" TEXT NOT NULL DEFAULT '1'"
    ],
    "renamed-in-place": ['ALTER TABLE "Tasks" RENAME COLUMN "taskColumn" TO "column_key"'],
    "dropped": ['ALTER TABLE "Tasks" DROP COLUMN "taskColumn"'],
}


def web_app_writes(url: str) -> int:
    """The web app's insert, update and delete of an order with a comment; returns the id."""
    connection = psycopg2.connect(url)
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(
                'INSERT INTO "Tasks" ("dueAt", task, additional_information, status) '
                "VALUES ('2026-04-01 09:00:00', 'Taufe Wagner', '', 'NichtBearbeitet') "
                "RETURNING id"
            )
            (task_id,) = cursor.fetchone()
            cursor.execute(
                "INSERT INTO task_comments (task_id, comment) VALUES (%s, 'Hi')", [task_id]
            )
            cursor.execute('UPDATE "Tasks" SET status = %s WHERE id = %s', ("Entwickelt", task_id))
            cursor.execute('DELETE FROM "Tasks" WHERE id = %s', [task_id])
        return task_id
    finally:
        connection.close()


@only_postgres
@pytest.mark.parametrize("change", SCHEMA_CHANGES)
def test_web_app_writes_succeed_after_its_schema_changes(change, db, database_url):
    for statement in SCHEMA_CHANGES[change]:
        db.execute_sql(statement)
    feed = Feed(database_url, "postgresql")
    try:
        task_id = web_app_writes(database_url)  # raises if a trigger refused a write
        seen = feed.changes()
    finally:
        feed.close()
    assert Change("Tasks", "insert", task_id, task_id, None) in seen  # news still arrives
    assert Change("Tasks", "delete", task_id, task_id, None) in seen


def test_the_desktop_names_a_web_app_column_it_cannot_find(db, database_url, capsys):
    db.execute_sql('ALTER TABLE "Tasks" RENAME COLUMN "taskColumn" TO "column_key"')
    assert web_app_schema.missing_columns(db) == ['"Tasks"."taskColumn"']
    code, out, _ = main_output(capsys, "--database-url", database_url, "db", "check")
    assert code == 1
    assert (
        '[FAIL] web-app schema: The web app\'s schema changed: "Tasks"."taskColumn" is missing'
        in out
    )
    code, _, err = main_output(capsys, "--database-url", database_url, "export")
    assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    decision = decide_startup(database_url)
    assert decision.session is None and '"Tasks"."taskColumn" is missing' in decision.problem


@only_postgres
def test_a_column_key_too_long_for_a_notice_does_not_refuse_the_write(db, database_url):
    feed = Feed(database_url, "postgresql")
    connection = psycopg2.connect(database_url)
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(
                'INSERT INTO "Tasks" ("dueAt", task, additional_information, status, '
                "\"taskColumn\") VALUES (now(), 'Lang', '', 'Gedruckt', repeat('x', 20000)) "
                "RETURNING id"
            )
            (task_id,) = cursor.fetchone()
        assert feed.changes() == [Change("Tasks", "insert", task_id, task_id, "x" * 200)]
    finally:
        connection.close()
        feed.close()


def main_output(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err
