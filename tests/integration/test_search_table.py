"""The board's search follows every write the web app makes with raw SQL, and never blocks one.

On PostgreSQL the search runs over photoflow.task_search (migration 008), kept by triggers on
"Tasks": after inserts, updates, deletes and TRUNCATE made as the web app makes them, the table
equals what "Tasks" says, row for row. If the table is broken (a column dropped, the table gone)
the web app's writes still go through. SQLite has no table of ours on "Tasks"' path at all.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import psycopg2
import pytest

from photoflow_desktop.domain.counts import column_counts
from photoflow_desktop.domain.datetime_field import to_epoch_millis
from photoflow_desktop.domain.db import sqlite_path
from photoflow_desktop.domain.queries import column_page
from photoflow_desktop.domain.search import parse_query
from photoflow_desktop.domain.search_table import refill_search_table
from photoflow_desktop.maintenance import detach, migrations
from tests.support.backends import only_postgres, only_sqlite

INSERT = (
    'INSERT INTO "Tasks" ("dueAt", task, additional_information, status, "taskColumn") '
    "VALUES (%s, %s, %s, 'NichtBearbeitet', %s)"
)
DUE = datetime(2026, 12, 1, 9, 0)


class WebApp:
    """Raw SQL on a connection of its own, in autocommit, as the web app (Prisma) writes."""

    def __init__(self, url: str, backend: str):
        self.backend = backend
        if backend == "sqlite":
            self.conn = sqlite3.connect(sqlite_path(url), isolation_level=None)
        else:
            self.conn = psycopg2.connect(url)
            self.conn.autocommit = True

    def run(self, sql: str, *params) -> list[tuple]:
        """Execute one statement (%s placeholders on both backends); its rows, if any."""
        if self.backend == "sqlite":
            sql = sql.replace("%s", "?")
        cursor = self.conn.cursor()
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []

    def add(self, title: str, info: str = "", column: str = "1", due: datetime = DUE) -> int:
        """Insert an order (its due date stored as Prisma stores it); its id."""
        stored = to_epoch_millis(due) if self.backend == "sqlite" else due
        self.run(INSERT, stored, title, info, column)
        return self.run('SELECT max(id) FROM "Tasks"')[0][0]

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


@pytest.fixture
def web_app(db, database_url, backend):
    app = WebApp(database_url, backend)
    yield app
    app.close()


def found(text: str) -> dict[str, set[str]]:
    """{column: titles} the search box shows for `text` (finished tasks included)."""
    where = parse_query(text)
    return {
        key: {t.title for t in column_page(key, include_finished=True, where=where)}
        for key in ("1", "2", "3")
    }


def search_rows(web_app: WebApp) -> list[tuple]:
    """photoflow.task_search as stored, by task id."""
    return web_app.run(
        "SELECT task_id, column_key, due, finished, status, haystack"
        " FROM photoflow.task_search ORDER BY task_id"
    )


def expected_rows(web_app: WebApp) -> list[tuple]:
    """What photoflow.task_search must hold, computed from "Tasks" itself."""
    return web_app.run(
        'SELECT id, "taskColumn", "dueAt", is_finished, lower(status),'
        " lower(task || E'\\x1f' || additional_information || E'\\x1f' || status)"
        ' FROM "Tasks" ORDER BY id'
    )


def test_web_app_inserts_updates_and_deletes_show_in_the_search(web_app):
    zebra = web_app.add("Zebra shoot - Okafor", info="studio, grey backdrop")
    web_app.add("Wedding - Lindqvist", column="2")
    assert found("zebra") == {"1": {"Zebra shoot - Okafor"}, "2": set(), "3": set()}
    assert found("grey backdrop")["1"] == {"Zebra shoot - Okafor"}

    web_app.run(
        'UPDATE "Tasks" SET task = %s, "taskColumn" = %s WHERE id = %s', "Giraffe", "3", zebra
    )
    assert found("zebra") == {"1": set(), "2": set(), "3": set()}
    assert found("giraffe")["3"] == {"Giraffe"}

    web_app.run('UPDATE "Tasks" SET is_finished = true WHERE id = %s', zebra)
    assert found("giraffe finished:yes")["3"] == {"Giraffe"}
    assert found("giraffe finished:no")["3"] == set()

    web_app.run('DELETE FROM "Tasks" WHERE id = %s', zebra)
    assert found("giraffe") == {"1": set(), "2": set(), "3": set()}
    assert column_counts(where=parse_query("lindqvist")).counts["2"] == 1


@only_postgres
def test_the_search_table_equals_tasks_after_every_kind_of_web_app_write(web_app):
    first = web_app.add("Portrait - Nakamura", info="Ääh, ÖL & ß")
    second = web_app.add("Headshots - Díaz", column="2")
    assert search_rows(web_app) == expected_rows(web_app)

    web_app.run(
        'UPDATE "Tasks" SET status = %s, "dueAt" = %s WHERE id = %s',
        "Gedruckt",
        "2027-01-02 03:04:05.678",
        first,
    )
    web_app.run('UPDATE "Tasks" SET amount_of_comments = 3 WHERE id = %s', second)
    web_app.run('UPDATE "Tasks" SET id = 9999 WHERE id = %s', second)  # a renumbered row
    assert search_rows(web_app) == expected_rows(web_app)

    web_app.run('DELETE FROM "Tasks" WHERE id = %s', first)
    assert search_rows(web_app) == expected_rows(web_app)

    web_app.run('TRUNCATE "Tasks" CASCADE')
    assert search_rows(web_app) == []


@only_postgres
@pytest.mark.parametrize(
    "breakage",
    [
        "ALTER TABLE photoflow.task_search DROP COLUMN haystack",
        "DROP TABLE photoflow.task_search",
    ],
)
def test_a_broken_search_table_never_fails_a_web_app_write(web_app, breakage):
    kept = web_app.add("Before the breakage")
    web_app.run(breakage)

    added = web_app.add("After the breakage")
    web_app.run('UPDATE "Tasks" SET task = %s WHERE id = %s', "Renamed", kept)
    web_app.run('DELETE FROM "Tasks" WHERE id = %s', added)
    web_app.run('TRUNCATE "Tasks" CASCADE')

    assert web_app.run('SELECT count(*) FROM "Tasks"') == [(0,)]


@only_postgres
def test_refill_brings_a_stale_search_table_level_with_tasks(web_app):
    web_app.add("Kept in step")
    web_app.run('ALTER TABLE "Tasks" DISABLE TRIGGER photoflow_tasks_search')
    try:
        missed = web_app.add("Written while the trigger was off")
        web_app.run('UPDATE "Tasks" SET task = %s WHERE id <> %s', "Retitled", missed)
    finally:
        web_app.run('ALTER TABLE "Tasks" ENABLE TRIGGER photoflow_tasks_search')
    assert search_rows(web_app) != expected_rows(web_app)

    assert refill_search_table() == 2
    assert search_rows(web_app) == expected_rows(web_app)
    assert found("written while")["1"] == {"Written while the trigger was off"}


@only_sqlite
def test_on_sqlite_nothing_of_ours_hooks_into_tasks(web_app):
    triggers = web_app.run(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Tasks'"
    )
    assert triggers == []
    assert web_app.run("SELECT name FROM sqlite_master WHERE name = 'task_search'") == []


@only_postgres
def test_a_detached_board_still_finds_new_orders_and_reattaching_refills(web_app):
    detach.detach()
    assert not web_app.run("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'photoflow_tasks_s%%'")
    web_app.add("Written while detached")
    assert found("while detached")["1"] == {"Written while detached"}  # read from "Tasks"

    migrations.apply_pending()  # `db migrate`: attaches again

    assert search_rows(web_app) == expected_rows(web_app)
    assert found("while detached")["1"] == {"Written while detached"}


def test_search_pages_follow_each_other_in_due_order_without_gaps(db, web_app):
    for number in range(30):
        title = f"{'Wedding' if number % 3 else 'Portrait'} {number:02d}"
        web_app.add(title, due=DUE + timedelta(days=number % 7, minutes=number))
    where = parse_query("wedding")
    every = column_page("1", limit=1000, where=where)
    pages, after = [], None
    while page := column_page("1", after=after, limit=4, where=where):
        pages += page
        after = page[-1].sort_key
    assert [t.id for t in pages] == [t.id for t in every]
    assert len(every) == 20 and all("Wedding" in t.title for t in every)
    assert [t.sort_key for t in every] == sorted(t.sort_key for t in every)
