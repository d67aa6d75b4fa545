"""reconnect helpers on both backends (the restart itself: test_server_restart.py)."""

from dataclasses import replace
from datetime import datetime

import peewee
import pytest

from photoflow_desktop.domain import tasks
from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import DatabaseConnectionError, NotFoundError
from photoflow_desktop.domain.reconnect import (
    connection_guard,
    connection_is_alive,
    is_connection_error,
    reset_connection,
)
from photoflow_desktop.domain.records import TaskDraft
from tests.support import postgres
from tests.support.backends import only_postgres

DRAFT = TaskDraft(title="Family portrait", due_at=datetime(2026, 6, 1, 9), status="RAW")


def test_a_reset_healthy_connection_simply_opens_again(db):
    created = tasks.create_task(DRAFT)
    reset_connection(database_proxy)
    assert db.is_closed()
    assert tasks.get_task(created.id).title == "Family portrait"
    assert connection_is_alive(database_proxy)


def test_a_reset_never_pulls_an_open_transaction_away(db):
    with database_proxy.atomic():
        created = tasks.create_task(DRAFT)
        reset_connection(database_proxy)
        tasks.update_task(created.id, replace(DRAFT, title="Kept"))
    assert tasks.get_task(created.id).title == "Kept"


def test_refused_statements_are_not_connection_errors(db):
    created = tasks.create_task(DRAFT)
    with pytest.raises(peewee.IntegrityError) as raised, connection_guard(database_proxy):
        database_proxy.execute_sql(
            'INSERT INTO "Tasks" (id, "dueAt", task, additional_information, status) '
            f"VALUES ({created.id}, '2026-01-01', 'x', '', 'RAW')"
        )
    assert not is_connection_error(raised.value)
    assert not is_connection_error(NotFoundError("gone"))
    assert not db.is_closed()  # a refused statement leaves the connection alone


@only_postgres
def test_a_killed_models_connection_is_reported_once_then_replaced(db, database_url):
    created = tasks.create_task(DRAFT)
    pid = db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    postgres.admin_execute(database_url, f"SELECT pg_terminate_backend({pid})")
    with pytest.raises(DatabaseConnectionError), connection_guard(database_proxy):
        tasks.get_task(created.id)
    with connection_guard(database_proxy):
        assert tasks.get_task(created.id).title == "Family portrait"
