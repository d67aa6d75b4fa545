"""Board → column commands: add, rename, set a WIP limit, move and delete a column.

Every read and write runs on the board's database worker. A prompt that needs a card count
opens when the count arrives; its OK stores the answer and the prompt closes once the worker
confirms it (a failure shows why in the prompt, what was typed kept). Moving a column shows the
new order at once and goes back if it is not stored. The board then shows the columns as stored.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import shiboken6
from PySide6.QtWidgets import QMainWindow

from photoflow_desktop.domain import columns
from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.domain.reconnect import connection_guard
from photoflow_desktop.domain.records import ColumnRecord
from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.messages import user_message
from photoflow_desktop.ui.board.board_reads import cards_in_column
from photoflow_desktop.ui.board.column_dialogs import (
    AddColumnDialog,
    DeleteColumnDialog,
    RenameColumnDialog,
    WipLimitDialog,
)


def stored_change(change) -> list[ColumnRecord]:
    """Run a column change (on the worker) and read the columns after it, in one transaction."""
    with connection_guard(database_proxy), database_proxy.atomic():
        change()
        return columns.list_columns()


def failure_message(exc: Exception) -> str:
    """Why a column change or read failed, in one line that says what to do."""
    if isinstance(exc, PhotoflowError):
        return user_message(exc)
    problem = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return translate(
        "Board",
        "The columns were not changed: the database refused ({problem}). "
        "The board shows what is stored; try again in a moment.",
    ).format(problem=problem)


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

    def _alive(self) -> bool:
        return shiboken6.isValid(self.window)

    def _show_failure(self, message: str) -> None:
        if self._alive():
            self.window.commands.show_failure(translate("Board", "Board columns"), message)

    def _column_change(self, change, dialog=None, before: list[ColumnRecord] | None = None) -> bool:
        """Store `change` on the worker; the board shows the stored columns when it is confirmed.

        `dialog` closes once it is stored, or says why not; `before`: the columns the board
        showed before an optimistic change, shown again when it fails. False when it failed
        already (a synchronous worker has answered).
        """
        failed: list[Exception] = []

        def done(stored: list[ColumnRecord]) -> None:
            if not self._alive():
                return
            self.board.resync_with(stored)  # deleting a column moves its cards: all reload
            self.window.update_actions()
            self.window.dataWritten.emit()
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.saved()

        def refused(exc: Exception) -> None:
            failed.append(exc)
            if not self._alive():
                return
            if before is not None:
                self.board.show_columns(before)
            self.board.resync()  # what is stored now, when the database answers
            self.window.update_actions()
            message = failure_message(exc)
            if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible():
                dialog.save_failed(message)
            else:
                self._show_failure(message)

        self.window.worker.run_task(partial(stored_change, change), done, refused)
        return not failed

    def _open(self, dialog, make_change):
        """Open a column prompt; its OK stores `make_change(dialog)` (values read on OK)."""
        dialog.submit = lambda: self._column_change(make_change(dialog), dialog)
        return self.window.open_dialog(dialog, lambda _result: None)

    def add_column(self):
        """Ask for a title (and WIP limit) and append a column."""
        dialog = AddColumnDialog(self.window)
        return self._open(dialog, lambda d: partial(columns.add_column, *d.values()))

    def _column_prompt(self, key: str | None, make_dialog, make_change, count=None):
        """Ask about column `key` (default: the current one), once its card count is read.

        `count(key)` runs on the worker; `make_dialog(column, counted)` builds the prompt and
        `make_change(key, dialog)` the change its OK stores. Returns the prompt when it opened
        at once (no count to wait for, or a synchronous worker), else None.
        """
        key = key or self.current_column_key()
        if key is None:
            return None
        column = self.board.column_view(key).column
        change = partial(make_change, key)
        if count is None:
            return self._open(make_dialog(column, None), change)
        opened = []

        def counted(value: int) -> None:
            if self._alive():
                opened.append(self._open(make_dialog(column, value), change))

        self.window.worker.run_task(
            partial(count, key),
            counted,
            lambda exc: self._show_failure(failure_message(exc)),
            read_only=True,
        )
        return opened[0] if opened else None

    def rename_column(self, key: str | None = None):
        """Rename the current column."""
        return self._column_prompt(
            key,
            lambda column, _count: RenameColumnDialog(column, self.window),
            lambda key, dialog: partial(columns.rename_column, key, dialog.title()),
        )

    def set_wip_limit(self, key: str | None = None):
        """Set or clear the current column's WIP limit."""
        return self._column_prompt(
            key,
            lambda column, open_cards: WipLimitDialog(column, open_cards, self.window),
            lambda key, dialog: partial(columns.set_wip_limit, key, dialog.limit()),
            count=_open_cards,
        )

    def move_column(self, step: int, key: str | None = None) -> bool:
        """Move the current column one place left or right (shown at once)."""
        key = key or self.current_column_key()
        keys = self.board.column_keys()
        if key is None:
            return False
        position = keys.index(key) + step
        if not 0 <= position < len(keys):
            return False
        keys.insert(position, keys.pop(keys.index(key)))
        before = list(self.board.columns)
        by_key = {column.key: column for column in before}
        self.board.show_columns(
            [replace(by_key[k], position=number) for number, k in enumerate(keys)]
        )
        return self._column_change(partial(columns.reorder_columns, keys), before=before)

    def delete_column(self, key: str | None = None):
        """Delete the current column (asking where its cards go when it has any)."""
        return self._column_prompt(
            key,
            lambda column, cards: DeleteColumnDialog(
                column, self.board.columns, cards, self.window
            ),
            lambda key, dialog: partial(columns.delete_column, key, dialog.move_cards_to()),
            count=_all_cards,
        )


def _open_cards(key: str) -> int:
    return cards_in_column(key, include_finished=False)


def _all_cards(key: str) -> int:
    return cards_in_column(key, include_finished=True)
