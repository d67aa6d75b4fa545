"""Moving cards: drag and drop, Ctrl+Left/Right, Move to ▸ — only the two columns change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from photoflow_desktop.domain import columns, tasks
from photoflow_desktop.domain.queries import counts_per_column


def _watch(model, events):
    """Record row inserts/removals of a model; a reset fails the test."""
    model.rowsInserted.connect(
        lambda _p, first, last: events.append(("insert", model.column, first))
    )
    model.rowsRemoved.connect(
        lambda _p, first, last: events.append(("remove", model.column, first))
    )
    model.modelReset.connect(lambda: pytest.fail(f"column {model.column} was reset"))


def test_drop_moves_a_card_to_its_sorted_place_in_the_other_column(window, drop, column_ids):
    board = window.board
    todo, doing, done = (board.column_model(k) for k in ("1", "2", "3"))
    events = []
    for model in (todo, doing, done):
        _watch(model, events)
    record = todo.record(0)
    before_counts = counts_per_column()

    drop(board.column_view("2").view, record.id)

    stored = tasks.get_task(record.id)
    assert stored.column == "2"
    row = doing.row_of(record.id)
    expected_row = sorted([r.sort_key for r in doing.records()]).index(record.sort_key)
    assert row == expected_row
    assert events == [("remove", "1", 0), ("insert", "2", row)]
    assert todo.row_of(record.id) == -1
    assert board.column_view("1").count == before_counts["1"] - 1
    assert board.column_view("2").count == before_counts["2"] + 1
    assert counts_per_column() == {
        **before_counts,
        "1": before_counts["1"] - 1,
        "2": before_counts["2"] + 1,
    }
    assert window.actions["undo"].text().startswith("&Undo Move “")


def test_drop_on_the_same_column_changes_nothing(window, drop):
    todo = window.board.column_model("1")
    record = todo.record(1)
    drop(window.board.column_view("1").view, record.id)
    assert tasks.get_task(record.id).column == "1"
    assert not window.undo_stack.canUndo()


def test_read_only_board_refuses_drops(window):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QDragEnterEvent
    from PySide6.QtWidgets import QApplication

    from photoflow_desktop.ui.board.task_model import encode_task_id

    window.set_read_only(True, "the connection was lost")
    view = window.board.column_view("2").view
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.MoveAction,
        encode_task_id(window.board.column_model("1").record(0).id),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.viewport(), enter)
    assert not enter.isAccepted()
    assert not window.actions["new_task"].isEnabled()
    assert window.mode_label.text() == "Read-only"
    assert window.mode_label.toolTip() == "the connection was lost"
    window.set_read_only(False, "")
    assert window.actions["new_task"].isEnabled()


def test_ctrl_right_and_left_move_the_selected_card(window, qtbot):
    board = window.board
    record = board.column_model("1").record(0)
    board.select_task(record.id, focus=True)
    view = board.column_view("1").view

    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert tasks.get_task(record.id).column == "2"
    assert board.column_model("2").row_of(record.id) >= 0
    assert board.selected_task_id() == record.id
    assert board.column_view("2").view.hasFocus()

    qtbot.keyClick(
        board.column_view("2").view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier
    )
    assert tasks.get_task(record.id).column == "3"
    assert not window.actions["move_right"].isEnabled()  # the last column

    qtbot.keyClick(
        board.column_view("3").view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier
    )
    assert tasks.get_task(record.id).column == "2"
    assert board.column_model("3").row_of(record.id) == -1


def test_context_menu_move_to_lists_the_other_columns(window):
    board = window.board
    record = board.column_model("2").record(0)
    menu = window.show_card_menu(record.id, board.mapToGlobal(board.rect().center()))
    texts = [a.text() for a in menu.actions()]
    assert texts[:2] == ["&Edit task…", "&Comments…"]
    move_menu = next(a.menu() for a in menu.actions() if a.menu() is not None)
    assert [a.text() for a in move_menu.actions()] == ["To do", "Done"]
    board.select_task(record.id)
    move_menu.actions()[1].trigger()
    menu.close()
    assert tasks.get_task(record.id).column == "3"
    assert board.column_model("3").row_of(record.id) >= 0


def test_moving_over_the_wip_limit_turns_the_header_to_a_warning(window, drop):
    board = window.board
    limit = counts_per_column()["3"]
    columns.set_wip_limit("3", limit)
    board.reload_columns()
    header = board.column_view("3")
    assert not header.over_limit
    normal = header.header.palette().color(header.header.backgroundRole())

    drop(header.view, board.column_model("1").record(0).id)

    assert header.over_limit
    assert header.header_text() == f"Done {limit + 1} WIP {limit}"
    assert header.header.palette().color(header.header.backgroundRole()) != normal


def test_column_header_menu_moves_the_column(window):
    board = window.board
    menu = window.show_column_menu("2", board.mapToGlobal(board.rect().center()))
    texts = [a.text() for a in menu.actions()]
    assert texts == [
        "New task here…",
        "Rename column…",
        "Set WIP limit…",
        "Move column left",
        "Move column right",
        "Delete column…",
    ]
    menu.actions()[4].trigger()
    menu.close()
    assert [c.key for c in columns.list_columns()] == ["1", "3", "2"]
    assert board.column_keys() == ["1", "3", "2"]
    assert [board.splitter.widget(i).column.key for i in range(3)] == ["1", "3", "2"]


def test_echo_of_our_own_move_changes_nothing(window, drop):
    board = window.board
    record = board.column_model("1").record(0)
    drop(board.column_view("2").view, record.id)
    events = []
    for key in board.column_keys():
        _watch(board.column_model(key), events)
        board.column_model(key).dataChanged.connect(lambda *args: events.append("changed"))
    board.refresh_task(record.id)  # the live feed reports our own change back
    assert events == []


def test_left_and_right_walk_between_columns(window, qtbot):
    board = window.board
    board.focus_first_card()
    view = board.column_view("1").view
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert board.column_view("2").view.hasFocus()
    assert board.selected_task_id() == board.column_model("2").record(1).id
    qtbot.keyClick(board.column_view("2").view, Qt.Key.Key_Left)
    assert board.selected_task_id() == board.column_model("1").record(1).id
    assert all(tasks.get_task(r.id).column == "1" for r in board.column_model("1").records())
