"""The operator's day with a real database worker thread (issue 12): Today view, reminders,
printouts and the empty-board hint read on the worker and show when its answer arrives."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from photoflow_desktop.domain import tasks
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.ui.board import print_actions
from photoflow_desktop.ui.board.today_view import open_today_view
from tests.ui.conftest import show_window

TODAY = date.today()
WAIT_MS = 10_000


def _utc(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour).astimezone(UTC).replace(tzinfo=None)


def _add(title: str, day_offset: int, hour: int = 12, finished: bool = False):
    draft = TaskDraft(title, _utc(TODAY + timedelta(days=day_offset), hour), "RAW", "", "1")
    record = tasks.create_task(draft)
    return tasks.set_finished(record.id, True) if finished else record


@pytest.fixture
def day(qtbot, session, threaded_worker):
    """A board on its own worker thread with orders around today, once its first reads are in."""
    orders = {
        "overdue": _add("Passbilder Jäger", -2, 9),
        "today": _add("Hochzeit Müller-Schmidt", 0, 23),
        "soon": _add("Familienfoto Weiß", 3, 10),
    }
    window = show_window(qtbot, session, threaded_worker)
    qtbot.waitUntil(lambda: not threaded_worker.busy, timeout=WAIT_MS)
    return window, orders


def test_the_today_view_says_it_loads_and_fills_when_the_worker_answers(day, qtbot):
    window, orders = day
    view = open_today_view(window, TODAY)
    assert view.loading and view.state.isVisible() and view.state.text() == "Loading…"
    assert view.task_ids() == []  # nothing was read on this thread
    with qtbot.waitSignal(view.filled, timeout=WAIT_MS):
        pass
    assert view.task_ids() == [orders["overdue"].id, orders["today"].id, orders["soon"].id]
    assert not view.loading and not view.state.isVisible()

    view.reload()  # F5: the rows stay while the new answer is on its way
    assert view.loading and len(view.task_ids()) == 3
    with qtbot.waitSignal(view.filled, timeout=WAIT_MS):
        pass
    assert len(view.task_ids()) == 3


def test_the_today_view_drops_an_answer_to_an_older_search(day, qtbot):
    window, orders = day
    view = open_today_view(window, TODAY)
    with qtbot.waitSignal(view.filled, timeout=WAIT_MS):
        pass
    shown: list[list[int]] = []
    view.filled.connect(lambda: shown.append(view.task_ids()))

    view.reload()  # asks for every order …
    window.search_edit.setText("Weiß")
    window.apply_search()  # … then the search changes before that answer is back
    view.reload()
    qtbot.waitUntil(lambda: not window.worker.busy and not view.loading, timeout=WAIT_MS)

    assert shown and all(ids == [orders["soon"].id] for ids in shown)  # never the older answer
    assert "Weiß" in view.scope.text()


def test_a_reminder_shows_when_the_worker_answers(day, qtbot):
    window, orders = day
    reminders = window.reminders
    reminders.today = lambda: TODAY
    with qtbot.waitSignal(reminders.checked, timeout=WAIT_MS) as answered:
        reminders.check()
        assert not reminders.note.isVisible()  # asked; the answer is not here yet
    assert sorted(answered.args[0]) == sorted([orders["overdue"].id, orders["today"].id])
    assert reminders.note.isVisible() and "Passbilder Jäger" in reminders.note.body.text()


def test_a_job_sheet_is_written_once_its_comments_are_read(day, qtbot, tmp_path):
    window, orders = day
    window.board.select_task(orders["soon"].id)
    path = tmp_path / "sheet.pdf"
    print_actions.job_sheet_pdf(window, str(path))
    assert not path.exists()
    assert window.statusBar().currentMessage() == "Preparing the printout…"
    qtbot.waitUntil(path.exists, timeout=WAIT_MS)
    assert str(path) in window.statusBar().currentMessage()


def test_the_empty_board_hint_waits_for_the_counts(qtbot, session, threaded_worker):
    window = show_window(qtbot, session, threaded_worker)
    assert not window.empty_hint.isVisible()  # no counts yet: no flash of "the board is empty"
    qtbot.waitUntil(window.empty_hint.isVisible, timeout=WAIT_MS)


def test_a_board_of_finished_orders_is_not_offered_samples(qtbot, session, db_worker):
    _add("Leinwand 60×90", -1, finished=True)
    window = show_window(qtbot, session, db_worker)
    assert window.board.column_view("1").count == 0  # finished orders are hidden …
    assert not window.empty_hint.isVisible()  # … but the database is not empty
    window.actions["show_finished"].setChecked(True)
    assert window.board.column_view("1").count == 1 and not window.empty_hint.isVisible()
