"""The board's database worker: its own thread and connection, tasks in order, bugs surface."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest

from photoflow_desktop.domain import tasks
from photoflow_desktop.domain.errors import NotFoundError
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.ui.common.db_worker import DatabaseWorker, SynchronousWorker

WAIT_MS = 10_000


def test_writes_run_in_order_on_the_worker_thread_and_answer_on_this_one(
    session, threaded_worker, qtbot
):
    ran_on, answered_on, created = set(), set(), []

    def create(n: int):
        ran_on.add(threading.get_ident())
        return tasks.create_task(TaskDraft(f"Order {n}", datetime(2026, 4, 1 + n, 9), "RAW"))

    for n in range(5):
        threaded_worker.run_task(
            lambda n=n: create(n),
            on_done=lambda record: answered_on.add(threading.get_ident()) or created.append(record),
        )
    qtbot.waitUntil(lambda: len(created) == 5, timeout=WAIT_MS)

    assert [r.title for r in created] == [f"Order {n}" for n in range(5)]
    assert [r.id for r in created] == sorted(r.id for r in created)
    assert answered_on == {threading.get_ident()}
    assert ran_on and threading.get_ident() not in ran_on


def test_a_refused_task_reports_its_error_and_the_worker_goes_on(session, threaded_worker, qtbot):
    errors, results = [], []
    threaded_worker.run_task(lambda: tasks.get_task(999_999), on_error=errors.append)
    threaded_worker.run_task(lambda: "still working", on_done=results.append)
    qtbot.waitUntil(lambda: results == ["still working"], timeout=WAIT_MS)
    assert [type(e) for e in errors] == [NotFoundError]


def test_a_bug_in_a_task_is_raised_on_the_ui_thread(session, qtbot):
    with pytest.raises(ZeroDivisionError):
        SynchronousWorker().run_task(lambda: 1 / 0, on_error=lambda exc: None)

    worker = DatabaseWorker()
    try:
        with qtbot.captureExceptions() as raised:
            worker.run_task(lambda: 1 / 0, on_error=lambda exc: None)
            qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
        assert [type(value) for _type, value, _traceback in raised] == [ZeroDivisionError]
    finally:
        worker.stop()


def test_the_worker_borrows_the_sessions_connection_and_gives_it_back(session, qtbot):
    assert not session.database.is_closed()
    worker = DatabaseWorker()
    assert session.database.is_closed()  # this thread holds no connection while the worker runs
    titles = []
    worker.run_task(lambda: [t.title for t in tasks_list()], on_done=titles.append)
    qtbot.waitUntil(lambda: bool(titles), timeout=WAIT_MS)
    worker.stop()
    assert not session.database.is_closed()
    assert tasks_list() == []


def tasks_list():
    from photoflow_desktop.domain.queries import active_tasks

    return active_tasks()
