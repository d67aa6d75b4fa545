"""Migrations: status, migrate, rollback, and adopting a database the web app created."""

import pytest

from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.domain.models import BoardColumn
from photoflow_desktop.maintenance import migrations
from photoflow_desktop.paths import migrations_dir
from tests.support.backends import only_postgres
from tests.support.database import bound_database

ALL = sorted(p.stem for p in migrations_dir().glob("[0-9][0-9][0-9]_*.py"))

# What `prisma migrate deploy` creates for the web app, plus its bookkeeping table.
PRISMA_SQL = [
    """CREATE TABLE "_prisma_migrations" (id VARCHAR(36) PRIMARY KEY, checksum VARCHAR(64) NOT NULL,
        finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT,
        rolled_back_at TIMESTAMPTZ, started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        applied_steps_count INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE "Tasks" ("id" SERIAL NOT NULL, "created_at" TIMESTAMP(3) NOT NULL DEFAULT
        CURRENT_TIMESTAMP, "dueAt" TIMESTAMP(3) NOT NULL, "task" TEXT NOT NULL,
        "additional_information" TEXT NOT NULL, "status" TEXT NOT NULL,
        "is_finished" BOOLEAN NOT NULL DEFAULT false, "amount_of_comments" INTEGER NOT NULL
        DEFAULT 0, "taskColumn" TEXT NOT NULL DEFAULT '1',
        CONSTRAINT "Tasks_pkey" PRIMARY KEY ("id"))""",
    """CREATE TABLE "task_comments" ("id" SERIAL NOT NULL, "created_at" TIMESTAMP(3) NOT NULL
        DEFAULT CURRENT_TIMESTAMP, "task_id" INTEGER NOT NULL, "comment" TEXT NOT NULL,
        CONSTRAINT "task_comments_pkey" PRIMARY KEY ("id"))""",
    """ALTER TABLE "task_comments" ADD CONSTRAINT "task_comments_task_id_fkey" FOREIGN KEY
        ("task_id") REFERENCES "Tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE""",
    """INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name,
        applied_steps_count) VALUES ('0b6c', 'abc123', now(), '20260301000000_init', 1)""",
    """INSERT INTO "Tasks" ("dueAt", task, additional_information, status, amount_of_comments)
        VALUES ('2026-03-15 14:00:00', 'Wedding Photography - Smith Family',
        'Outdoor ceremony, 100 guests', 'Scheduled', 1)""",
    """INSERT INTO task_comments (task_id, comment) VALUES (1, 'Photos delivered to client')""",
]


@pytest.fixture
def empty_db(empty_database_url):
    with bound_database(empty_database_url) as database:
        yield database


def _snapshot(tables):
    return {
        table: database_proxy.execute_sql(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
        for table in tables
    }


def test_migrate_creates_everything_on_an_empty_database(empty_db):
    assert migrations.status().pending == ALL
    assert migrations.apply_pending() == ALL
    current = migrations.status()
    assert current.applied == ALL and current.up_to_date
    assert {"Tasks", "task_comments"} <= set(empty_db.get_tables())
    assert "board_columns" in set(empty_db.get_tables(schema=BoardColumn._meta.schema))


def test_rollback_then_migrate_round_trips(db):
    before = migrations.status().applied
    undone = migrations.rollback_last()
    assert undone == before[-1]
    assert migrations.status().pending == [undone]
    assert migrations.apply_pending() == [undone]
    assert migrations.status().applied == before


def test_rolling_back_the_initial_migration_is_refused(db):
    while migrations.status().applied != [migrations.INITIAL_MIGRATION]:
        migrations.rollback_last()
    with pytest.raises(PhotoflowError, match="delete every order"):
        migrations.rollback_last()
    assert "Tasks" in db.get_tables()


def test_progress_is_reported_per_migration(empty_db):
    seen = []
    migrations.apply_pending(progress=lambda done, total, name: seen.append((done, total, name)))
    assert seen[0] == (0, len(ALL), ALL[0])
    assert seen[-1] == (len(ALL), len(ALL), "")


@only_postgres
def test_a_web_app_database_is_adopted_without_touching_its_rows(empty_db):
    for statement in PRISMA_SQL:
        empty_db.execute_sql(statement)
    before = _snapshot(["Tasks", "task_comments", "_prisma_migrations"])
    status = migrations.status()
    assert status.adoptable and migrations.INITIAL_MIGRATION not in status.pending

    applied = migrations.apply_pending()

    assert migrations.INITIAL_MIGRATION not in applied and applied  # later ones ran
    assert _snapshot(["Tasks", "task_comments", "_prisma_migrations"]) == before
    assert migrations.status().up_to_date
    # The web app keeps working: its own insert (Prisma sends every column but defaults).
    empty_db.execute_sql(
        """INSERT INTO "Tasks" ("dueAt", task, additional_information, status)
           VALUES ('2026-04-01 09:00:00', 'Newborn Session', '', 'RAW')"""
    )
    from photoflow_desktop.domain.queries import active_tasks

    assert [t.title for t in active_tasks()] == [
        "Wedding Photography - Smith Family",
        "Newborn Session",
    ]
