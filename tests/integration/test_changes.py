"""The change feed on both backends: writes by another connection (ours or raw SQL) are seen."""

from __future__ import annotations

import select
import sqlite3
import uuid
from datetime import datetime

import psycopg2
import pytest

from photoflow_desktop.domain import comments, tasks
from photoflow_desktop.domain.changes import (
    Change,
    ConnectionLostError,
    PostgresListener,
    SqliteWatcher,
)
from photoflow_desktop.domain.db import bind, open_database, postgres_params, sqlite_path
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.maintenance import migrations
from tests.support import postgres
from tests.support.backends import only_postgres, only_sqlite

DUE = datetime(2026, 12, 1, 9, 0)


def draft(title: str = "Wedding Smith", column: str = "1") -> TaskDraft:
    """A valid task draft."""
    return TaskDraft(title=title, due_at=DUE, status="RAW", info="", column=column)


class Feed:
    """The backend's watcher behind one interface: `changes()` waits briefly for news."""

    def __init__(self, url: str, backend: str):
        self.backend = backend
        if backend == "postgresql":
            self.source = PostgresListener(postgres_params(url))
        else:
            self.source = SqliteWatcher(sqlite_path(url))
        self.source.connect()

    def changes(self, timeout: float = 2.0) -> list[Change] | bool:
        """PostgreSQL: the Changes that arrive within `timeout`; SQLite: whether it changed."""
        if self.backend == "sqlite":
            return self.source.poll()
        found: list[Change] = []
        while True:
            readable, _, _ = select.select([self.source.fileno()], [], [], timeout)
            if not readable:
                return found
            found.extend(self.source.poll())
            timeout = 0.2  # collect what belongs to the same burst

    def close(self) -> None:
        """Close the watcher's connection."""
        self.source.close()


@pytest.fixture
def feed(db, database_url, backend):
    """A watcher on its own connection to the test database."""
    watcher = Feed(database_url, backend)
    yield watcher
    watcher.close()


def raw_connection(url: str, backend: str):
    """A connection outside peewee, as the web app or psql would have."""
    if backend == "sqlite":
        return sqlite3.connect(sqlite_path(url), isolation_level=None)
    conn = psycopg2.connect(url)
    conn.autocommit = True
    return conn


def test_a_write_through_the_models_is_seen_by_the_other_connection(feed, backend):
    assert not feed.changes(timeout=0.1)
    created = tasks.create_task(draft())
    seen = feed.changes()
    if backend == "sqlite":
        assert seen is True
        assert feed.changes(timeout=0.1) is False  # nothing new since
    else:
        assert seen == [Change("Tasks", "insert", created.id, created.id, "1")]


def test_a_raw_sql_write_is_seen_as_the_web_app_would_make_it(feed, db, database_url, backend):
    conn = raw_connection(database_url, backend)
    try:
        cursor = conn.cursor()
        cursor.execute(
            'INSERT INTO "Tasks" ("dueAt", task, additional_information, status, "taskColumn") '
            "VALUES ('2026-12-01 09:00:00', 'From the web app', '', 'RAW', '2')"
        )
        cursor.execute('SELECT max(id) FROM "Tasks"')
        (task_id,) = cursor.fetchone()
        seen = feed.changes()
        if backend == "sqlite":
            assert seen is True
        else:
            assert seen == [Change("Tasks", "insert", task_id, task_id, "2")]
        assert tasks.get_task(task_id).title == "From the web app"
    finally:
        conn.close()


@only_postgres
def test_payloads_name_table_operation_task_and_column(feed, db):
    created = tasks.create_task(draft())
    feed.changes()
    tasks.move_task(created.id, "2", expected=created)
    assert feed.changes() == [Change("Tasks", "update", created.id, created.id, "2")]

    comment = comments.add_comment(created.id, "Skin retouch on 3 images")
    seen = feed.changes()
    assert Change("task_comments", "insert", comment.id, created.id, None) in seen
    assert Change("Tasks", "update", created.id, created.id, "2") in seen  # the counter

    tasks.delete_task(created.id)
    seen = feed.changes()
    assert Change("Tasks", "delete", created.id, created.id, "2") in seen
    assert Change("task_comments", "delete", comment.id, created.id, None) in seen
    assert all(change.task_id == created.id for change in seen)


@only_postgres
def test_rolled_back_and_no_op_writes_notify_no_one(feed, db, database_url):
    created = tasks.create_task(draft())
    feed.changes()
    conn = psycopg2.connect(database_url)
    try:
        with conn.cursor() as cursor:
            cursor.execute('UPDATE "Tasks" SET task = %s WHERE id = %s', ("Gone", created.id))
        conn.rollback()
        with conn.cursor() as cursor:
            cursor.execute('UPDATE "Tasks" SET task = task WHERE id = %s', (created.id,))
        conn.commit()
    finally:
        conn.close()
    assert feed.changes(timeout=0.3) == []
    assert tasks.get_task(created.id).title == "Wedding Smith"


@only_postgres
def test_a_bulk_import_arrives_at_commit_and_truncate_asks_for_a_reload(feed, db, database_url):
    conn = psycopg2.connect(database_url)
    try:
        with conn.cursor() as cursor:
            cursor.execute(
                'INSERT INTO "Tasks" ("dueAt", task, additional_information, status) '
                "SELECT now(), 'Order ' || n, '', 'RAW' FROM generate_series(1, 500) AS n"
            )
            assert feed.changes(timeout=0.2) == []  # nothing before the commit
            conn.commit()
        seen = feed.changes()
        assert len(seen) == 500
        assert {change.op for change in seen} == {"insert"}
        with conn.cursor() as cursor:
            cursor.execute('TRUNCATE "Tasks" CASCADE')
        conn.commit()
    finally:
        conn.close()
    assert any(change.whole_board for change in feed.changes())


@only_postgres
def test_a_web_app_role_can_still_write_where_functions_are_locked_down(empty_database_url):
    """The web app's own role (not the owner) on a server that revokes EXECUTE by default."""
    role = f"webapp_{uuid.uuid4().hex[:8]}"
    server = postgres.with_database(empty_database_url, "postgres")
    postgres.admin_execute(server, f"CREATE ROLE {role} LOGIN")
    database = open_database(empty_database_url)
    bind(database)
    try:
        database.execute_sql("ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC")
        migrations.apply_pending()
        database.execute_sql(f'GRANT SELECT, INSERT, UPDATE, DELETE ON "Tasks" TO {role}')
        database.execute_sql(f'GRANT USAGE ON SEQUENCE "Tasks_id_seq" TO {role}')
        feed = Feed(empty_database_url, "postgresql")
        webapp = psycopg2.connect(empty_database_url.replace("postgres@", f"{role}@", 1))
        with webapp, webapp.cursor() as cursor:
            cursor.execute(
                'INSERT INTO "Tasks" ("dueAt", task, additional_information, status) '
                "VALUES (now(), 'Via the web app', '', 'RAW') RETURNING id"
            )
            (task_id,) = cursor.fetchone()
            cursor.execute('UPDATE "Tasks" SET status = %s WHERE id = %s', ("Printed", task_id))
        webapp.close()
        assert feed.changes() == [
            Change("Tasks", "insert", task_id, task_id, "1"),
            Change("Tasks", "update", task_id, task_id, "1"),
        ]
        feed.close()
    finally:
        database.execute_sql(f"DROP OWNED BY {role}")  # its grants
        database.close()
        postgres.admin_execute(server, f"DROP ROLE {role}")


@only_postgres
def test_rollback_of_the_migration_removes_triggers_and_function(feed, db):
    undone = []
    while "003_change_notifications" in migrations.status().applied:
        undone.append(migrations.rollback_last())  # later migrations go first
    assert undone[-1] == "003_change_notifications"
    assert db.execute_sql(
        "SELECT count(*) FROM pg_proc WHERE proname = 'photoflow_notify_change'"
    ).fetchone() == (0,)
    db.execute_sql(  # as the web app writes (the models expect every migration applied)
        'INSERT INTO "Tasks" ("dueAt", task, additional_information, status) '
        "VALUES (now(), 'Unseen', '', 'NichtBearbeitet')"
    )
    assert feed.changes(timeout=0.3) == []  # no triggers left
    migrations.apply_pending()
    created = tasks.create_task(draft("Back again"))
    assert feed.changes() == [Change("Tasks", "insert", created.id, created.id, "1")]


@only_sqlite
def test_the_sqlite_migration_adds_nothing(db):
    names = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master").fetchall()}
    assert not any("notify" in name for name in names)
    assert "003_change_notifications" in migrations.status().applied


@only_sqlite
def test_a_sqlite_file_replaced_under_the_watcher_counts_as_a_change(feed, database_url, tmp_path):
    path = sqlite_path(database_url)
    copy = tmp_path / "copy.db"
    source = sqlite3.connect(path)
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    copy.replace(path)
    assert feed.changes() is True
    assert feed.changes() is False


@only_sqlite
def test_a_vanished_sqlite_file_is_reported_as_lost(feed, database_url):
    sqlite_path(database_url).unlink()
    with pytest.raises(ConnectionLostError, match="Cannot watch"):
        feed.changes()


@only_postgres
def test_a_listener_to_a_server_that_is_not_there_says_where(database_url):
    params = postgres_params(postgres.with_database("postgresql://u:secret@127.0.0.1:1/x", "x"))
    listener = PostgresListener(params, connect_timeout=2)
    with pytest.raises(ConnectionLostError) as raised:
        listener.connect()
    assert "127.0.0.1:1" in str(raised.value)
    assert "secret" not in str(raised.value)


@only_postgres
def test_a_column_change_asks_every_board_to_reload(feed, db):
    from photoflow_desktop.domain import columns

    added = columns.add_column("Proofing", None)
    seen = feed.changes()
    assert seen == [Change("board_columns", "insert", None, None, added.key)]
    assert seen[0].whole_board
    columns.rename_column(added.key, "Client proofing")
    assert [change.op for change in feed.changes()] == ["update"]


def test_after_a_restore_every_board_is_asked_to_reload(feed, db, database_url, backend, tmp_path):
    from photoflow_desktop.domain.changes import announce_reload

    if backend == "sqlite":  # a restore copies a backup into the file (SQLite backup API)
        backup = sqlite3.connect(tmp_path / "backup.db")
        live = sqlite3.connect(sqlite_path(database_url))
        live.backup(backup)
        backup.backup(live)
        backup.close()
        live.close()
        announce_reload(db)  # nothing to add on SQLite
        assert feed.changes() is True
    else:
        announce_reload(db)
        seen = feed.changes()
        assert len(seen) == 1 and seen[0].whole_board


@only_postgres
def test_a_real_restore_tells_every_board_to_reload(feed, db, database_url, tmp_path):
    from photoflow_desktop.maintenance import backend_for

    backend = backend_for(database_url, db)
    backup = backend.backup(tmp_path, backend.default_format)
    tasks.create_task(draft("Made after the backup"))
    feed.changes()  # the insert's own notification
    backend.restore(backup.path, safety_backup_dir=tmp_path)
    seen = feed.changes()
    assert seen and seen[-1].whole_board
