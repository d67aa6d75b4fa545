"""What the desktop stores for dates on each backend: Prisma's forms, date-only as UTC midnight."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from photoflow_desktop.domain import tasks
from photoflow_desktop.domain.datetime_field import utc_midnight
from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.records import TaskDraft

DRAFT = TaskDraft("Hochzeit Schmidt", datetime(2024, 6, 1, 14, 30, 0, 123000), "NichtBearbeitet")


def _stored_due(task_id: int):
    return database_proxy.execute_sql(
        'SELECT "dueAt" FROM "Tasks" WHERE id = %s'
        if database_proxy.param == "%s"
        else 'SELECT "dueAt" FROM "Tasks" WHERE id = ?',
        (task_id,),
    ).fetchone()[0]


def test_due_dates_are_stored_as_prisma_stores_them(db, backend):
    record = tasks.create_task(DRAFT)
    stored = _stored_due(record.id)
    if backend == "sqlite":
        assert stored == 1717252200123  # integer milliseconds since the epoch, UTC
    else:
        assert stored == datetime(2024, 6, 1, 14, 30, 0, 123000)  # timestamp(3), naive UTC
    assert tasks.get_task(record.id).due_at == DRAFT.due_at


def test_a_date_only_order_is_stored_as_the_web_app_writes_it(db, backend):
    record = tasks.create_task(replace(DRAFT, due_at=utc_midnight(datetime(2024, 6, 1).date())))
    stored = _stored_due(record.id)
    assert stored == (1717200000000 if backend == "sqlite" else datetime(2024, 6, 1))
    assert record.due_is_date_only
    assert not tasks.create_task(DRAFT).due_is_date_only


def test_compare_and_set_matches_what_was_stored(db):
    record = tasks.create_task(DRAFT)
    moved = tasks.move_task(record.id, "2", expected=record)
    assert moved.column == "2" and moved.due_at == DRAFT.due_at
