"""Right-click menus of the board: a card's (edit, comments, move to, finish, delete) and a
column header's (new task, rename, WIP limit, move, delete)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMainWindow, QMenu

from photoflow_desktop.domain.records import TaskRecord
from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.messages import column_title


def card_menu(window: QMainWindow, task_id: int, position: QPoint) -> QMenu | None:
    """Pop up the context menu of a card at `position`; None when the card is gone."""
    record = window.board.find_record(task_id)
    if record is None:
        return None
    menu = QMenu(window)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.addAction(window.actions["edit_task"])
    menu.addAction(window.actions["comments"])
    move_menu = menu.addMenu(translate("Board", "Move &to"))
    move_menu.setEnabled(not window.read_only)
    fill_move_menu(window, move_menu, record)
    menu.addAction(window.actions["finish_task"])
    menu.addAction(window.actions["create_invoice"])
    menu.addSeparator()
    menu.addAction(window.actions["delete_task"])
    menu.popup(position)
    return menu


def column_menu(window: QMainWindow, key: str, position: QPoint) -> QMenu:
    """Pop up the context menu of column `key`'s header at `position`."""
    menu = QMenu(window)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    keys = window.board.column_keys()
    columns = window.column_commands
    entries = (
        (translate("Board", "New task here…"), lambda: window.new_task(key), True),
        (translate("Board", "Rename column…"), lambda: columns.rename_column(key), True),
        (translate("Board", "Set WIP limit…"), lambda: columns.set_wip_limit(key), True),
        (
            translate("Board", "Move column left"),
            lambda: columns.move_column(-1, key),
            keys.index(key) > 0,
        ),
        (
            translate("Board", "Move column right"),
            lambda: columns.move_column(1, key),
            keys[-1] != key,
        ),
        (translate("Board", "Delete column…"), lambda: columns.delete_column(key), True),
    )
    for text, slot, enabled in entries:
        action = menu.addAction(text)
        action.setEnabled(enabled and not window.read_only)
        action.triggered.connect(lambda _checked=False, run=slot: run())
    menu.popup(position)
    return menu


def fill_move_menu(window: QMainWindow, menu: QMenu, record: TaskRecord | None = None) -> None:
    """Fill a "Move to" menu with the columns the card (default: the selected one) can go to."""
    record = record or window.board.selected_record()
    menu.clear()
    if record is None:
        return
    for column in window.board.columns:
        if column.key == record.column:
            continue
        action = menu.addAction(column_title(column.key, column.title))
        action.setObjectName(f"move_to_{column.key}")
        action.triggered.connect(
            lambda _checked=False, key=column.key, task_id=record.id: window.move_task_to(
                task_id, key
            )
        )
