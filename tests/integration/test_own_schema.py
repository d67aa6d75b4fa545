"""Migration 005: our objects live in schema `photoflow`; adoption, rollback, SQLite no-op."""

import sqlite3
import uuid
from datetime import datetime

import psycopg2
import pytest

from photoflow_desktop.domain import columns, comments, tasks
from photoflow_desktop.domain.db import database_proxy, sqlite_path
from photoflow_desktop.domain.models import OWN_SCHEMA, BoardColumn, Task
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.maintenance import backend_for, migrations, web_app_schema
from photoflow_desktop.maintenance.guarded_migrations import migrate_with_backup
from photoflow_desktop.maintenance.migrations import make_router
from tests.support import postgres
from tests.support.backends import only_postgres, only_sqlite
from tests.support.catalog import FIXTURES, run_fixture
from tests.support.database import bound_database

OWN_SCHEMA_MIGRATION = "005_own_schema"
DRAFT = TaskDraft(title="Hochzeit Schulz", due_at=datetime(2026, 6, 1, 9), status="Entwickelt")


@pytest.fixture
def desktop_db_before_005(empty_database_url):
    """A desktop database as versions before 005 left it: 001–004 applied, orders, a column."""
    with bound_database(empty_database_url) as database:
        router = make_router()
        for name in router.diff:
            if name == OWN_SCHEMA_MIGRATION:
                break
            router.run_one(name, router.migrator, fake=False)
        database.execute_sql(
            'INSERT INTO "Tasks" ("dueAt", task, additional_information, status, '
            "amount_of_comments) VALUES ('2026-05-02 08:00:00', 'Passbilder Meyer', '', "
            "'Entwickelt', 1), ('2026-05-03 08:00:00', 'Familie Kaya', 'Studio', 'Gedruckt', 0)"
        )
        database.execute_sql("INSERT INTO task_comments (task_id, comment) VALUES (1, 'Bezahlt')")
        database.execute_sql(
            "INSERT INTO board_columns (key, title, position, wip_limit) "
            "VALUES ('4', 'Abholung', 3, 5)"
        )
        yield database


def _rows(database, table):
    return database.execute_sql(f"SELECT * FROM {table} ORDER BY 1").fetchall()


def _tables(database, schema):
    return set(database.get_tables(schema=schema))


def _index_names(database):
    rows = database.execute_sql(
        "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"
    ).fetchall()
    return {row[0] for row in rows}


@only_postgres
def test_adopting_a_desktop_database_moves_our_objects_and_keeps_every_row(desktop_db_before_005):
    database = desktop_db_before_005
    before = {
        table: _rows(database, table)
        for table in ('"Tasks"', "task_comments", "board_columns", "migratehistory")
    }
    assert migrations.status().pending[0] == OWN_SCHEMA_MIGRATION  # history found in public

    applied = migrations.apply_pending()

    assert applied[0] == OWN_SCHEMA_MIGRATION
    assert _tables(database, "public") == {"Tasks", "task_comments"}
    assert {"board_columns", "migratehistory"} <= _tables(database, OWN_SCHEMA)
    assert _rows(database, '"Tasks"') == before['"Tasks"']
    assert _rows(database, "task_comments") == before["task_comments"]
    assert _rows(database, f"{OWN_SCHEMA}.board_columns") == before["board_columns"]
    history = [row[1] for row in _rows(database, f"{OWN_SCHEMA}.migratehistory")]
    assert history[: len(before["migratehistory"])] == [r[1] for r in before["migratehistory"]]
    assert migrations.status().up_to_date  # history found after the move
    assert _index_names(database) == {
        "Tasks_pkey",
        "task_comments_pkey",
        "Tasks_taskColumn_idx",
        "Tasks_is_finished_idx",
        "Tasks_dueAt_idx",
    }
    assert web_app_schema.prisma_drift(database) == []
    # The board reads our column from its new place.
    assert [c.title for c in columns.list_columns()][-1] == "Abholung"


@only_postgres
def test_before_the_move_check_names_what_prisma_would_drop(desktop_db_before_005):
    drift = web_app_schema.prisma_drift(desktop_db_before_005)
    names = {line.split('"')[1] for line in drift}
    assert names == {
        "board_columns",
        "migratehistory",
        "migratehistory_id_seq",
        "migratehistory_pkey",
        "board_columns_pkey",
        "Tasks_board_order_idx",
        "Tasks_lower_status_idx",
        "Tasks_search_trgm_idx",
        "task_comments_task_id_idx",
    }
    assert all("photoflow db migrate" in line for line in drift)


@only_postgres
def test_rolling_back_005_puts_everything_back_and_migrating_again_moves_it(db):
    created = tasks.create_task(DRAFT)
    comments.add_comment(created.id, "Abzüge bestellt")
    undone = []
    while OWN_SCHEMA_MIGRATION in migrations.status().applied:
        undone.append(migrations.rollback_last())
    assert undone[-1] == OWN_SCHEMA_MIGRATION
    assert {"board_columns", "migratehistory"} <= _tables(db, "public")
    assert OWN_SCHEMA not in {row[0] for row in db.execute_sql("SELECT nspname FROM pg_namespace")}
    assert "Tasks_board_order_idx" in _index_names(db)
    assert migrations.status().pending[0] == OWN_SCHEMA_MIGRATION

    migrations.apply_pending()

    assert migrations.status().up_to_date
    assert "board_columns" in _tables(db, OWN_SCHEMA)
    assert Task.get_by_id(created.id).amount_of_comments == 1


@only_sqlite
def test_on_sqlite_005_changes_nothing_either_way(db):
    def objects():
        return set(db.execute_sql("SELECT type, name, sql FROM sqlite_master").fetchall())

    assert migrations.status().applied[-1] >= OWN_SCHEMA_MIGRATION
    everything = objects()
    while OWN_SCHEMA_MIGRATION in migrations.status().applied[:-1]:
        migrations.rollback_last()  # later migrations first
    before = objects()
    assert migrations.rollback_last() == OWN_SCHEMA_MIGRATION
    assert objects() == before
    migrations.apply_pending()  # 005 and the later ones again
    assert objects() == everything
    assert BoardColumn._meta.schema is None and BoardColumn.select().count() == 3


def test_own_models_follow_the_bound_backend(db, backend):
    expected = OWN_SCHEMA if backend == "postgresql" else None
    assert BoardColumn._meta.schema == expected
    assert Task._meta.schema is None  # the web app's tables stay where Prisma put them
    assert database_proxy.obj is db


@only_postgres
def test_restoring_the_backup_taken_before_005_then_migrating_again(
    desktop_db_before_005, empty_database_url, tmp_path
):
    database = desktop_db_before_005
    backend = backend_for(empty_database_url, database)
    outcome = migrate_with_backup(backend, backup_dir=tmp_path)  # the automatic backup
    assert outcome.backup and outcome.migrations[0] == OWN_SCHEMA_MIGRATION
    tasks.create_task(DRAFT)  # written after the backup: the restore takes it away
    columns.rename_column("4", "Umbenannt")

    backend.restore(outcome.backup.path, safety_backup_dir=tmp_path)

    assert migrations.status().pending[0] == OWN_SCHEMA_MIGRATION  # the backup's history
    migrations.apply_pending()
    assert migrations.status().up_to_date
    assert [t.task for t in Task.select().order_by(Task.id)] == ["Passbilder Meyer", "Familie Kaya"]
    assert columns.get_column("4").title == "Abholung"
    assert _tables(database, "public") == {"Tasks", "task_comments"}
    assert web_app_schema.prisma_drift(database) == []


def test_an_older_web_app_database_keeps_its_kanban_table(backend, empty_database_url):
    if backend == "sqlite":
        connection = sqlite3.connect(sqlite_path(empty_database_url))
        connection.executescript((FIXTURES / "webapp_sqlite_with_kanban.sql").read_text())
        connection.close()
    else:
        run_fixture(empty_database_url, "webapp_postgres.sql", "kanban_card_postgres.sql")
    with bound_database(empty_database_url) as database:
        kanban = 'SELECT * FROM "KanbanCard"'
        cards = database.execute_sql(kanban).fetchall()
        kanban_columns = database.get_columns("KanbanCard")
        assert migrations.status().adoptable

        migrations.apply_pending()

        assert migrations.status().up_to_date
        assert database.execute_sql(kanban).fetchall() == cards
        assert database.get_columns("KanbanCard") == kanban_columns


@only_postgres
def test_a_role_granted_board_columns_before_the_move_still_reads_them(
    desktop_db_before_005, empty_database_url
):
    role = f"desk_{uuid.uuid4().hex[:8]}"
    server = postgres.with_database(empty_database_url, "postgres")
    postgres.admin_execute(server, f"CREATE ROLE {role} LOGIN")
    database = desktop_db_before_005
    try:
        database.execute_sql(f"GRANT SELECT ON board_columns TO {role}")
        migrations.apply_pending()
        other = psycopg2.connect(empty_database_url.replace("postgres@", f"{role}@", 1))
        with other, other.cursor() as cursor:
            cursor.execute(f"SELECT title FROM {OWN_SCHEMA}.board_columns WHERE key = '4'")
            assert cursor.fetchone() == ("Abholung",)
        other.close()
    finally:
        database.execute_sql(f"DROP OWNED BY {role}")
        postgres.admin_execute(server, f"DROP ROLE {role}")
