"""The change marker (migration 006) a board polls where LISTEN cannot work.

Writers never wait for each other because of it, a broken marker never fails a write, and a
bump seen before the writer's commit is visible is followed by one more "changed" after it.
"""

from __future__ import annotations

import psycopg2
import pytest

from photoflow_desktop.domain.change_marker import SETTLE_POLLS, ChangeMarkerPoller
from photoflow_desktop.domain.changes import ConnectionLostError
from photoflow_desktop.domain.db import postgres_params
from photoflow_desktop.maintenance import migrations
from tests.support.database import bound_database

INSERT_TASK = (
    'INSERT INTO "Tasks" (created_at, "dueAt", task, additional_information, status) '
    "VALUES (now(), now(), %s, '', 'NichtBearbeitet')"
)


@pytest.fixture
def pg_url(pg_server, pg_template, request):
    """A fresh migrated PostgreSQL database (the marker is PostgreSQL only)."""
    from tests.support import postgres

    url = postgres.create_database(pg_server, template=pg_template)
    request.addfinalizer(lambda: postgres.drop_database(pg_server, url))
    return url


def web_app(url: str, autocommit: bool = True):
    """A connection writing as the web app does (plain SQL)."""
    connection = psycopg2.connect(url)
    connection.autocommit = autocommit
    return connection


@pytest.fixture
def poller(pg_url):
    """A connected ChangeMarkerPoller."""
    watching = ChangeMarkerPoller(postgres_params(pg_url))
    watching.connect()
    yield watching
    watching.close()


def test_every_write_to_the_three_tables_moves_the_marker(pg_url, poller):
    connection = web_app(pg_url)
    try:
        with connection.cursor() as cursor:
            for statement in (
                (INSERT_TASK, ("Porträt",)),
                (
                    "INSERT INTO task_comments (created_at, task_id, comment) SELECT now(), id, "
                    "'ok' FROM \"Tasks\" LIMIT 1",
                    None,
                ),
                ("UPDATE board_columns SET title = title || '!' WHERE key = '1'", None)
                if _has_board_columns(cursor)
                else (INSERT_TASK, ("Zweiter",)),
                ('DELETE FROM "Tasks"', None),
            ):
                cursor.execute(*statement)
                assert poller.poll() is True
                assert poller.poll() is True  # one poll later, in case the commit lagged
                settle(poller)
    finally:
        connection.close()


def settle(poller) -> None:
    """Poll until the poller has nothing more to say (other tests share the cluster)."""
    for _ in range(SETTLE_POLLS + 2):
        if not poller.poll():
            return
    raise AssertionError("the poller kept reporting changes with nothing written")


def _has_board_columns(cursor) -> bool:
    cursor.execute("SELECT to_regclass('board_columns') IS NOT NULL")
    return cursor.fetchone()[0]


def test_a_bump_seen_before_the_commit_is_followed_by_one_after_it(pg_url, poller):
    writer = web_app(pg_url, autocommit=False)
    reader = web_app(pg_url)
    try:
        with writer.cursor() as cursor:
            cursor.execute(INSERT_TASK, ("Noch nicht sichtbar",))
        assert poller.poll() is True  # the marker moved inside the open transaction
        with reader.cursor() as cursor:
            cursor.execute('SELECT count(*) FROM "Tasks"')
            assert cursor.fetchone()[0] == 0  # a resync now would not see the task
        assert poller.poll() is True  # one poll later (the writer is still running)
        assert [poller.poll() for _ in range(5)] == [False] * 5  # waiting for the writer
        writer.commit()
        assert any(poller.poll() for _ in range(SETTLE_POLLS)), "no resync after the commit"
        settle(poller)
    finally:
        writer.close()
        reader.close()


def test_two_writers_never_wait_for_each_other_because_of_the_marker(pg_url):
    first, second = web_app(pg_url, autocommit=False), web_app(pg_url, autocommit=False)
    try:
        with first.cursor() as cursor:
            cursor.execute(INSERT_TASK, ("Erster",))
        with second.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")  # waiting on the first would fail here
            cursor.execute(INSERT_TASK, ("Zweiter",))
            cursor.execute("UPDATE \"Tasks\" SET status = 'Gedruckt' WHERE task = 'Zweiter'")
        second.commit()
        first.commit()
    finally:
        first.close()
        second.close()


def test_a_missing_marker_never_fails_a_write_and_the_poller_says_what_to_do(pg_url):
    connection = web_app(pg_url)
    try:
        with connection.cursor() as cursor:
            cursor.execute("DROP SEQUENCE photoflow.change_marker")
            cursor.execute(INSERT_TASK, ("Trotzdem gespeichert",))
            cursor.execute('SELECT count(*) FROM "Tasks"')
            assert cursor.fetchone()[0] == 1
    finally:
        connection.close()
    with pytest.raises(ConnectionLostError, match="photoflow db migrate"):
        ChangeMarkerPoller(postgres_params(pg_url)).connect()


def test_rollback_of_006_removes_the_marker_and_migrate_brings_it_back(pg_url):
    with bound_database(pg_url):
        undone = []
        while "006_change_marker" in migrations.status().applied:
            undone.append(migrations.rollback_last())  # later migrations (007, 008) first
        assert undone[-1] == "006_change_marker"
        connection = web_app(pg_url)
        with connection.cursor() as cursor:
            cursor.execute(INSERT_TASK, ("Ohne Marker",))
            cursor.execute("SELECT to_regclass('photoflow.change_marker')")
            assert cursor.fetchone()[0] is None
        connection.close()
        assert migrations.apply_pending() == undone[::-1]
    watching = ChangeMarkerPoller(postgres_params(pg_url))
    watching.connect()
    watching.close()


def test_the_feed_reads_the_sequence_the_migration_makes():
    from photoflow_desktop.domain import changes
    from photoflow_desktop.maintenance import own_schema

    assert changes.MARKER_SEQUENCE == own_schema.MARKER_SEQUENCE  # domain cannot import it


def test_detach_takes_the_marker_trigger_off_and_migrate_puts_it_back(pg_url, poller):
    from photoflow_desktop.maintenance import detach

    with bound_database(pg_url):
        detach.detach()
        assert detach.ours_in_web_app_schema() == []
        connection = web_app(pg_url)
        with connection.cursor() as cursor:
            cursor.execute(INSERT_TASK, ("Abgehängt",))
        assert poller.poll() is False  # detached: the web app's tables carry nothing of ours
        detach.reattach()
        with connection.cursor() as cursor:
            cursor.execute(INSERT_TASK, ("Wieder dran",))
        connection.close()
        assert poller.poll() is True
