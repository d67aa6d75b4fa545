"""Issue 14, "Also deliver": the Today view (grouped by day, keyboard-driven, the board's search),
due reminders (once per order and day, remembered in a 0600 file, can be turned off, clicking
opens the card) and printed job sheets / day lists (PDF checked with poppler's tools)."""

from __future__ import annotations

import stat
import subprocess
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from photoflow_desktop.domain import clients, comments, tasks
from photoflow_desktop.domain.invoice_records import ClientDraft
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.reminder_log import ReminderLog
from photoflow_desktop.ui.board import print_actions
from photoflow_desktop.ui.board.today_view import open_today_view

TODAY = date.today()


def _utc(day: date, hour: int, minute: int = 0) -> datetime:
    """Local `day` `hour`:`minute` as naive UTC (what the database stores)."""
    return datetime(day.year, day.month, day.day, hour, minute).astimezone(UTC).replace(tzinfo=None)


def _add(title, day_offset, hour=12, column="1", finished=False):
    draft = TaskDraft(title, _utc(TODAY + timedelta(days=day_offset), hour), "RAW", "", column)
    record = tasks.create_task(draft)
    return tasks.set_finished(record.id, True) if finished else record


@pytest.fixture
def day(empty_window):
    """An empty board with orders around today; returns (window, {name: record})."""
    orders = {
        "overdue": _add("Passbilder Jäger", -2, 9),
        "today": _add("Hochzeit Müller-Schmidt", 0, 23, column="2"),
        "soon": _add("Familienfoto Weiß", 3, 10),
        "later": _add("Firmenfeier Bäckerei", 10, 10),
        "done": _add("Abzüge 13×18", 0, 8, column="3"),
        "finished": _add("Leinwand 60×90", -1, 8, finished=True),
    }
    empty_window.refresh()
    return empty_window, orders


def test_today_view_groups_by_day_and_opens_a_card_by_keyboard(day, qtbot):
    window, orders = day
    view = open_today_view(window, TODAY)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    assert view.task_ids() == [orders["overdue"].id, orders["today"].id, orders["soon"].id]
    headings = view.headings()
    assert headings[0] == "Overdue (1)"
    assert headings[1].startswith("Today — ") and headings[1].endswith("(1)")
    assert len(headings) == 3 and headings[2].endswith("(1)")
    assert QApplication.focusWidget() is view.tree
    assert view.current_task_id() == orders["overdue"].id
    qtbot.keyClick(view.tree, Qt.Key.Key_Down)
    assert view.current_task_id() == orders["today"].id
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert window.dialog.windowTitle() == f"Edit task #{orders['today'].id}"
    assert window.board.selected_task_id() == orders["today"].id
    window.dialog.reject()


def test_today_view_follows_the_board_search(day, qtbot):
    window, orders = day
    view = open_today_view(window, TODAY)
    window.search_edit.setText("Weiß")
    window.apply_search()
    assert view.task_ids() == [orders["soon"].id]
    assert "Weiß" in view.scope.text()
    window.clear_search()
    assert len(view.task_ids()) == 3


def _check(qtbot, reminders) -> list[int]:
    """Run one reminder check; the ids it announced once the worker answered."""
    with qtbot.waitSignal(reminders.checked, timeout=10_000) as answered:
        reminders.check()
    return answered.args[0]


def test_reminders_tell_once_per_order_and_day(day, qtbot):
    window, orders = day
    reminders = window.reminders
    reminders.today = lambda: TODAY
    assert reminders.tray is None  # offscreen has no system tray: the note in the window
    told = _check(qtbot, reminders)
    assert sorted(told) == sorted([orders["overdue"].id, orders["today"].id])
    assert reminders.note.isVisible()
    assert reminders.note.title.text() == "2 order(s) overdue or due today"
    assert "Passbilder Jäger" in reminders.note.body.text()
    assert _check(qtbot, reminders) == []  # told already today
    log_file = reminders.log.path
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
    assert ReminderLog(window.session.url).notified(TODAY) == {
        orders["overdue"].id,
        orders["today"].id,
    }  # a restart remembers
    assert window.session.url not in log_file.read_text()
    reminders.today = lambda: TODAY + timedelta(days=1)  # next day: told again
    assert orders["overdue"].id in _check(qtbot, reminders)


def test_clicking_a_reminder_opens_the_card(day, qtbot):
    window, orders = day
    window.reminders.today = lambda: TODAY
    _check(qtbot, window.reminders)
    window.reminders.note.open_button.click()
    assert window.dialog.windowTitle() == f"Edit task #{orders['overdue'].id}"
    assert not window.reminders.note.isVisible()
    window.dialog.reject()


def test_reminders_can_be_turned_off(day, qtbot):
    window, _orders = day
    window.actions["due_reminders"].setChecked(False)
    window.reminders.today = lambda: TODAY
    with qtbot.assertNotEmitted(window.reminders.checked):
        window.reminders.check()  # turned off: nothing is read, nothing told
    assert not window.reminders.note.isVisible()
    assert window.settings.value("reminders/enabled") == "false"


def test_a_closed_board_asks_its_database_nothing_more(day, qtbot):
    """Its reminder timer may still fire; it must not query whatever database is open next."""
    window, _orders = day
    window.reminders.today = lambda: TODAY
    window.close()
    with qtbot.assertNotEmitted(window.reminders.checked):
        window.reminders.check()


def _pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )


def test_job_sheet_pdf_has_the_order_and_its_comments_one_page_each(day, tmp_path):
    window, orders = day
    comments.add_comment(orders["today"].id, "Brautstrauß nicht vergessen")
    client = clients.add_client(ClientDraft("Familie Müller-Schmidt"))
    clients.set_task_client(orders["today"].id, client.id)
    window.board.refresh_task(orders["today"].id)
    window.board.select_task(orders["today"].id)
    path = tmp_path / "sheet.pdf"
    print_actions.job_sheet_pdf(window, str(path))
    text = _pdf_text(path)
    assert "Hochzeit Müller-Schmidt" in text and "Brautstrauß nicht vergessen" in text
    assert "Familie Müller-Schmidt" in text  # the client, since orders can have one
    assert f"#{orders['today'].id}" in text and "In progress" in text
    assert _pages(path) == 1
    both = tmp_path / "both.pdf"
    records = [
        window.board.find_record(orders["today"].id),
        window.board.find_record(orders["soon"].id),
    ]
    print_actions.save_job_sheets(window, records, str(both))
    assert _pages(both) == 2
    assert str(both) in window.statusBar().currentMessage()


def test_day_list_pdf_lists_overdue_and_today(day, tmp_path):
    window, _orders = day
    path = tmp_path / "day.pdf"
    print_actions.day_list_pdf(window, str(path))
    text = _pdf_text(path)
    assert "Day list" in text and "Overdue (1)" in text and "Due today (1)" in text
    assert "Passbilder Jäger" in text and "Hochzeit Müller-Schmidt" in text
    assert "Familienfoto Weiß" not in text and "Abzüge" not in text


def test_print_preview_opens_for_the_selected_card(day, qtbot):
    window, orders = day
    window.board.select_task(orders["soon"].id, focus=True)
    print_actions.print_job_sheet(window)
    preview = window.dialog
    assert type(preview).__name__ == "QPrintPreviewDialog" and preview.isVisible()
    preview.reject()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.board.selected_task_id() == orders["soon"].id
