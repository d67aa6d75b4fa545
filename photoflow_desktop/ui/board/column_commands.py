"""Board → column commands: add, rename, set a WIP limit, move and delete a column."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox

from photoflow_desktop.domain import columns
from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.domain.reconnect import connection_guard
from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.messages import user_message
from photoflow_desktop.ui.board.column_dialogs import (
    AddColumnDialog,
    DeleteColumnDialog,
    RenameColumnDialog,
    WipLimitDialog,
)


class ColumnCommands:
    """The column commands of one board window (its dialogs open on that window)."""

    def __init__(self, window: QMainWindow):
        self.window = window

    @property
    def board(self):
        """The window's BoardView."""
        return self.window.board

    def current_column_key(self) -> str | None:
        """The focused column, else the selected card's column, else the first."""
        for key in self.board.column_keys():
            if self.board.column_view(key).view.hasFocus():
                return key
        record = self.board.selected_record()
        if record is not None:
            return record.column
        keys = self.board.column_keys()
        return keys[0] if keys else None

    def _column_change(self, change) -> bool:
        """Run a column change (a domain call); show its refusal in a box; rebuild columns."""
        try:
            with connection_guard(database_proxy):
                change()
        except PhotoflowError as exc:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                translate("Board", "Board columns"),
                user_message(exc),
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return False
        self.board.resync()  # deleting a column moves its cards: every column reloads
        self.window.update_actions()
        self.window.dataWritten.emit()
        return True

    def add_column(self):
        """Ask for a title (and WIP limit) and append a column."""
        dialog = AddColumnDialog(self.window)

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                title, wip = dialog.values()
                self._column_change(lambda: columns.add_column(title, wip))

        return self.window.open_dialog(dialog, finished)

    def _column_prompt(self, key: str | None, make_dialog, change):
        """Ask about column `key` (default: the current one); on OK apply `change(key, dialog)`."""
        key = key or self.current_column_key()
        if key is None:
            return None
        dialog = make_dialog(self.board.column_view(key).column)

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                self._column_change(lambda: change(key, dialog))

        return self.window.open_dialog(dialog, finished)

    def rename_column(self, key: str | None = None):
        """Rename the current column."""
        return self._column_prompt(
            key,
            lambda column: RenameColumnDialog(column, self.window),
            lambda key, dialog: columns.rename_column(key, dialog.title()),
        )

    def set_wip_limit(self, key: str | None = None):
        """Set or clear the current column's WIP limit."""
        return self._column_prompt(
            key,
            lambda column: WipLimitDialog(column, self.window),
            lambda key, dialog: columns.set_wip_limit(key, dialog.limit()),
        )

    def move_column(self, step: int, key: str | None = None) -> bool:
        """Move the current column one place left or right."""
        key = key or self.current_column_key()
        keys = self.board.column_keys()
        if key is None:
            return False
        position = keys.index(key) + step
        if not 0 <= position < len(keys):
            return False
        keys.insert(position, keys.pop(keys.index(key)))
        return self._column_change(lambda: columns.reorder_columns(keys))

    def delete_column(self, key: str | None = None):
        """Delete the current column (asking where its cards go when it has any)."""
        return self._column_prompt(
            key,
            lambda column: DeleteColumnDialog(column, self.board.columns, self.window),
            lambda key, dialog: columns.delete_column(key, dialog.move_cards_to()),
        )
