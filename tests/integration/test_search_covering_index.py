"""Migration 010: the board's walk over photoflow.task_search reads one covering index.

On a database the web app made (adopted), 010 swaps 008's key-only board index for one that
also carries the status and haystack; nothing on "Tasks" changes, Prisma sees no drift, the web
app's writes keep going through and keep the search current. Rollback puts 008's index back.
On SQLite, where there is no search table, 010 changes nothing at all.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from photoflow_desktop.domain.db import sqlite_path
from photoflow_desktop.domain.queries import column_page
from photoflow_desktop.domain.search import parse_query
from photoflow_desktop.maintenance import migrations, web_app_schema
from tests.integration.test_migrations import PRISMA_SQL
from tests.support.backends import only_postgres, only_sqlite
from tests.support.database import bound_database
from tests.support.prisma_sqlite import make_prisma_sqlite

COVERING_MIGRATION = "010_search_covering_index"
NOW = datetime(2026, 3, 10, 12, 0)


@pytest.fixture
def web_app_db(empty_database_url):
    """A PostgreSQL database as the web app's `prisma migrate deploy` left it, with one order."""
    with bound_database(empty_database_url) as database:
        for statement in PRISMA_SQL:
            database.execute_sql(statement)
        yield database


def search_indexes(database) -> set[str]:
    """Names of the indexes on photoflow.task_search."""
    rows = database.execute_sql(
        "SELECT indexname FROM pg_indexes WHERE schemaname = 'photoflow' "
        "AND tablename = 'task_search'"
    ).fetchall()
    return {name for (name,) in rows}


def task_indexes(database) -> set[str]:
    """Names of the indexes on the web app's "Tasks"."""
    rows = database.execute_sql(
        "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'Tasks'"
    ).fetchall()
    return {name for (name,) in rows}


def undo_010() -> None:
    """Roll back the later migrations, then 010 itself."""
    while migrations.rollback_last() != COVERING_MIGRATION:
        pass


def titles(text: str) -> list[str]:
    """Titles the board shows in column 1 for the search `text`."""
    return [t.title for t in column_page("1", where=parse_query(text, now=NOW))]


@only_postgres
def test_adopting_a_web_app_database_covers_the_board_walk_without_drift(web_app_db):
    assert COVERING_MIGRATION in migrations.apply_pending()
    undo_010()
    before = task_indexes(web_app_db)

    assert migrations.apply_pending()[0] == COVERING_MIGRATION

    indexes = search_indexes(web_app_db)
    assert "task_search_board_cover_idx" in indexes
    assert "task_search_board_idx" not in indexes  # the covering one replaces it
    assert task_indexes(web_app_db) == before  # nothing new on "Tasks"
    assert web_app_schema.prisma_drift(web_app_db) == []
    # The web app's own insert goes through and is found by the board's search at once.
    web_app_db.execute_sql(
        """INSERT INTO "Tasks" ("dueAt", task, additional_information, status)
           VALUES ('2026-03-12 09:00:00', 'Newborn Session Kaya', 'white background', 'RAW')"""
    )
    assert titles("kaya") == ["Newborn Session Kaya"]
    assert titles("wedding smith") == ["Wedding Photography - Smith Family"]


@only_postgres
def test_rolling_back_010_puts_the_key_only_index_back_and_search_keeps_working(web_app_db):
    migrations.apply_pending()

    undo_010()

    indexes = search_indexes(web_app_db)
    assert "task_search_board_idx" in indexes
    assert "task_search_board_cover_idx" not in indexes
    assert titles("wedding") == ["Wedding Photography - Smith Family"]
    assert web_app_schema.prisma_drift(web_app_db) == []
    assert migrations.apply_pending()[0] == COVERING_MIGRATION
    assert "task_search_board_cover_idx" in search_indexes(web_app_db)


@only_sqlite
def test_on_sqlite_010_changes_nothing(backend, tmp_path):
    path = make_prisma_sqlite(tmp_path / "dev.db")
    with bound_database(f"sqlite:///{path}"):
        assert COVERING_MIGRATION in migrations.apply_pending()  # the web app's file, adopted
        undo_010()
        before = _schema(path)
        assert migrations.apply_pending()[0] == COVERING_MIGRATION
        assert _schema(path) == before


def _schema(path) -> list[tuple]:
    conn = sqlite3.connect(sqlite_path(f"sqlite:///{path}"))
    try:
        return conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    finally:
        conn.close()
