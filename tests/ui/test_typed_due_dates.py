"""Finding 2 of issue 14: a due date typed after Ctrl+A sticks (German and ISO form), Tab goes to
the next field, and the calendar still picks a day — in the real task dialog on a real database."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import QApplication

from photoflow_desktop.domain import tasks
from photoflow_desktop.ui.board.task_dialog import qdatetime_to_utc

CTRL = Qt.KeyboardModifier.ControlModifier


def _local(year, month, day, hour, minute):
    zone = QTimeZone.systemTimeZone()
    return qdatetime_to_utc(QDateTime(QDate(year, month, day), QTime(hour, minute), zone))


def _edit_dialog(window, qtbot):
    record = window.board.column_model("1").record(0)
    window.edit_task(record.id)
    dialog = window.dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return record, dialog


def _type_due(dialog, qtbot, text):
    dialog.due_edit.setFocus()
    field = QApplication.focusWidget()
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)


@pytest.mark.parametrize("text", ["05.12.2026 14:30", "2026-12-05 14:30"])
def test_a_typed_due_date_sticks_and_tab_goes_on(window, qtbot, text):
    record, dialog = _edit_dialog(window, qtbot)
    _type_due(dialog, qtbot, text)
    assert QApplication.focusWidget() is dialog.date_only_check  # the next field
    dialog.save_button.click()
    assert tasks.get_task(record.id).due_at == _local(2026, 12, 5, 14, 30)


def test_a_typed_date_alone_keeps_the_time(window, qtbot):
    record, dialog = _edit_dialog(window, qtbot)
    before = dialog.due_edit.dateTime().time()
    _type_due(dialog, qtbot, "10.12.2026")
    dialog.save_button.click()
    assert tasks.get_task(record.id).due_at == _local(2026, 12, 10, before.hour(), before.minute())


def test_nonsense_is_not_saved_and_the_field_shows_the_old_date_again(window, qtbot):
    record, dialog = _edit_dialog(window, qtbot)
    _type_due(dialog, qtbot, "31.02.2026 14:30")
    dialog.save_button.click()
    assert tasks.get_task(record.id).due_at == record.due_at


def test_the_calendar_still_picks_a_day(window, qtbot):
    record, dialog = _edit_dialog(window, qtbot)
    calendar = dialog.due_edit.calendar
    calendar.clicked.emit(QDate(2027, 1, 15))
    time_of_day = dialog.due_edit.dateTime().time()
    assert dialog.due_edit.dateTime().date() == QDate(2027, 1, 15)
    dialog.save_button.click()
    assert tasks.get_task(record.id).due_at == _local(
        2027, 1, 15, time_of_day.hour(), time_of_day.minute()
    )


def test_a_typed_date_with_date_only_is_stored_as_utc_midnight(window, qtbot):
    record, dialog = _edit_dialog(window, qtbot)
    dialog.date_only_check.setChecked(True)
    _type_due(dialog, qtbot, "10.12.2026")
    dialog.save_button.click()
    stored = tasks.get_task(record.id)
    assert stored.due_at == datetime(2026, 12, 10) and stored.due_is_date_only


def test_a_non_date_and_ctrl_enter_in_the_field_saves_nothing(window, qtbot):
    record, dialog = _edit_dialog(window, qtbot)
    dialog.due_edit.setFocus()
    field = QApplication.focusWidget()
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(field, "next tuesday")
    qtbot.keyClick(field, Qt.Key.Key_Return, CTRL)

    assert dialog.isVisible(), "Ctrl+Enter saved the last valid date instead of the typed text"
    assert not dialog.save_button.isEnabled()
    assert "Not a date" in dialog.errors["due_at"].text()
    assert tasks.get_task(record.id).due_at == record.due_at

    qtbot.keyClick(field, Qt.Key.Key_Tab)  # leaving the field shows the stored date again
    assert dialog.save_button.isEnabled()
    assert dialog.errors["due_at"].text() == ""
