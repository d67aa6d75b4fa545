"""Finding 1 of issue 14: after a dialog closes, the keyboard focus is back on the card it was
about, so the board's shortcuts (Ctrl+Enter, Ctrl+Z, Delete) keep working."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from photoflow_desktop.domain import tasks

CTRL = Qt.KeyboardModifier.ControlModifier


def _select_second_card(window, qtbot):
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # a window manager is slow
    board = window.board
    view = board.column_view("1").view
    view.setFocus()
    record = board.column_model("1").record(1)
    board.select_task(record.id, focus=True)
    return record, view


def _focused_card(window, qtbot):
    """The selected card and the focused widget once the board window is active again."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window.board.selected_task_id(), QApplication.focusWidget()


def test_edit_saved_with_ctrl_enter_gives_focus_back_to_the_card(window, qtbot):
    record, view = _select_second_card(window, qtbot)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = window.dialog
    assert dialog.windowTitle() == f"Edit task #{record.id}"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.title_edit.setText(record.title + " (Album)")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return, CTRL)
    assert tasks.get_task(record.id).title == record.title + " (Album)"
    assert not dialog.isVisible()

    selected, focus = _focused_card(window, qtbot)
    assert selected == record.id and focus is view
    # The board's shortcuts work at once: Ctrl+Enter finishes the card, Ctrl+Z undoes that.
    qtbot.keyClick(focus, Qt.Key.Key_Return, CTRL)
    assert tasks.get_task(record.id).is_finished
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)
    assert not tasks.get_task(record.id).is_finished


def test_cancelled_delete_question_gives_focus_back_to_the_card(window, qtbot):
    record, view = _select_second_card(window, qtbot)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    box = window.dialog
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Cancel).click()
    selected, focus = _focused_card(window, qtbot)
    assert selected == record.id and focus is view
    qtbot.keyClick(focus, Qt.Key.Key_Return, CTRL)
    assert tasks.get_task(record.id).is_finished


def test_delete_then_ctrl_z_brings_the_card_back(window, qtbot):
    record, view = _select_second_card(window, qtbot)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    window.dialog.button(QMessageBox.StandardButton.Yes).click()
    assert window.board.find_record(record.id) is None
    _selected, focus = _focused_card(window, qtbot)
    assert focus is view  # the column the card was in, on its neighbour
    qtbot.keyClick(focus, Qt.Key.Key_Z, CTRL)
    assert tasks.get_task(record.id).title == record.title
    assert window.board.selected_task_id() == record.id


def test_closing_comments_gives_focus_back_to_the_card(window, qtbot):
    record, view = _select_second_card(window, qtbot)
    qtbot.keyClick(view, Qt.Key.Key_C, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.dialog
    assert dialog.task_id == record.id
    dialog.close()
    selected, focus = _focused_card(window, qtbot)
    assert selected == record.id and focus is view
    qtbot.keyClick(focus, Qt.Key.Key_Return, CTRL)
    assert tasks.get_task(record.id).is_finished
