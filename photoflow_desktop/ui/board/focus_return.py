"""Gives the keyboard focus back to the board after a dialog closes or a step is undone.

Without it the focus stays nowhere (or on the closed dialog's last widget) and the board's
shortcuts — Ctrl+Enter, Delete, Ctrl+Z — do nothing until a card is clicked again.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QApplication, QWidget

from photoflow_desktop.domain.records import TaskRecord


def focus_card(window, record: TaskRecord | None) -> None:
    """Activate the board window and focus the card of `record` (or where it was)."""
    if not shiboken6.isValid(window) or not window.isVisible():
        return
    window.activateWindow()
    board = window.board
    if record is not None and board.select_task(record.id, focus=True):
        return
    if record is not None and record.column in board.column_keys():
        view = board.column_view(record.column).view
        view.setFocus()
        if view.model().rowCount() and not view.currentIndex().isValid():
            view.setCurrentIndex(view.model().index(0))
        return
    if board.selected_task_id() is not None:
        board.select_task(board.selected_task_id(), focus=True)
    else:
        board.focus_first_card()


def follow_undo_stack(window) -> None:
    """After Undo/Redo, select the card the step was about (focus too, when the board had it)."""
    stack = window.undo_stack
    last = [stack.index()]

    def changed(index: int) -> None:
        if not shiboken6.isValid(stack) or not shiboken6.isValid(window.board):
            return  # the window is being destroyed
        undone = index < last[0]
        last[0] = index
        command = stack.command(index if undone else index - 1)
        task_id = getattr(command, "task_id", None) if command is not None else None
        if task_id is None:
            return
        focus: QWidget | None = QApplication.focusWidget()
        on_board = focus is None or window.board.isAncestorOf(focus)
        window.board.select_task(task_id, focus=on_board)

    stack.indexChanged.connect(changed)
