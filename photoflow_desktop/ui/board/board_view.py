"""The board: every column side by side; applies single-task changes incrementally.

Every read (columns, pages, counts, a changed task) runs on the database worker; the answers
arrive as callbacks on the UI thread, and one asked for under an older query is dropped.
"""

from __future__ import annotations

import logging

import peewee
import shiboken6
from PySide6.QtCore import QItemSelectionModel, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QWidget

from photoflow_desktop.domain.clients import client_names_for_tasks
from photoflow_desktop.domain.columns import list_columns
from photoflow_desktop.domain.counts import ColumnCounts
from photoflow_desktop.domain.records import ColumnRecord, TaskRecord
from photoflow_desktop.ui.board.board_reads import (
    BoardQuery,
    FirstPages,
    StoredTask,
    header_counts,
    stored_task,
)
from photoflow_desktop.ui.board.column_view import ColumnView
from photoflow_desktop.ui.board.task_model import TaskListModel
from photoflow_desktop.ui.common.db_worker import DatabaseWorker, SynchronousWorker

log = logging.getLogger(__name__)
WIDTH_KEY = "board/column_width/{}"


class BoardView(QWidget):
    """Columns side by side (a splitter, so widths can be dragged and are remembered)."""

    taskActivated = Signal(int)  # double-click / Enter on a card: edit it
    commentsRequested = Signal(int)  # double-click on a card's comment badge
    taskDropped = Signal(int, str)  # a card dropped on a column: task id, column key
    addRequested = Signal(str)  # "+" of a column
    contextMenuRequested = Signal(int, QPoint)  # task id, global position
    columnMenuRequested = Signal(str, QPoint)  # column key, global position (header menu)
    countsChanged = Signal()  # column counts changed (the stats may have too)
    columnsChanged = Signal()  # the columns were (re)built from board_columns
    selectionChanged = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.query = BoardQuery()
        self.columns: list[ColumnRecord] = []
        self.settings: QSettings | None = None  # where column widths are remembered
        self.worker: DatabaseWorker | SynchronousWorker = SynchronousWorker(self)
        self._count_generation = 0
        self._focus_on_arrival = False  # select the first card once the first page is in
        self._views: dict[str, ColumnView] = {}
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(6)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)
        self.clock = QTimer(self)  # "in 2 hours" and urgency colours age: repaint each minute
        self.clock.setInterval(60_000)
        self.clock.timeout.connect(self.repaint_cards)
        self.clock.start()

    def repaint_cards(self) -> None:
        """Repaint every visible card (relative due hints and urgency follow the clock)."""
        for view in self._views.values():
            view.view.viewport().update()

    # -- the contract used by live updates and comments ----------------------------------
    def column_model(self, key: str) -> TaskListModel:
        """The model of column `key` (KeyError when the board has no such column)."""
        return self._views[key].model

    def column_view(self, key: str) -> ColumnView:
        """The widget of column `key`."""
        return self._views[key]

    def column_keys(self) -> list[str]:
        """Column keys left to right."""
        return [column.key for column in self.columns]

    def selected_task_id(self) -> int | None:
        """The id of the selected card, or None."""
        record = self.selected_record()
        return record.id if record else None

    def selected_record(self) -> TaskRecord | None:
        """The selected card's record as the user sees it, or None."""
        for view in self._views.values():
            index = view.view.currentIndex()
            if index.isValid() and view.view.selectionModel().isSelected(index):
                return view.model.record(index.row())
        return None

    def find_record(self, task_id: int) -> TaskRecord | None:
        """The loaded card of `task_id` (what the user sees), or None."""
        for view in self._views.values():
            row = view.model.row_of(task_id)
            if row >= 0:
                return view.model.record(row)
        return None

    @property
    def include_finished(self) -> bool:
        """Finished tasks are shown."""
        return self.query.include_finished

    @property
    def where(self) -> peewee.Expression | None:
        """The search expression (None: no search)."""
        return self.query.where

    def refresh_client_name(self, task_id: int) -> None:
        """Re-read (on the worker) which client an order belongs to and show it on its card."""
        self.worker.run_task(
            lambda: client_names_for_tasks([task_id]).get(task_id, ""),
            on_done=lambda name: self._show_client_name(task_id, name),
            read_only=True,
        )

    def _show_client_name(self, task_id: int, name: str) -> None:
        if shiboken6.isValid(self):
            for view in self._views.values():
                view.model.set_client_name(task_id, name)

    def refresh_task(self, task_id: int) -> None:
        """Re-read one task (on the worker) and insert/update/move/remove its card (no reset)."""
        query = self.query
        self.worker.run_task(
            lambda: stored_task(task_id, query),
            on_done=lambda stored: self._show_stored(task_id, query, stored),
            read_only=True,
        )

    def _show_stored(self, task_id: int, query: BoardQuery, stored: StoredTask) -> None:
        if not shiboken6.isValid(self):
            return
        if query is not self.query:  # the search changed meanwhile: ask again
            self.refresh_task(task_id)
            return
        shown = self.find_record(task_id)
        if shown is not None and shown == stored.record:
            return  # already on the board as stored (e.g. the echo of our own change)
        # A card on the board is what was stored before: header counts can be adjusted.
        known = shown is not None
        self.apply_change(shown, stored.record, exact_counts=known, matches=stored.matches)

    def resync(self) -> None:
        """Reload every column from the database; the cards stay until the new ones arrive."""
        self.worker.run_task(list_columns, on_done=self.resync_with, read_only=True)

    def resync_with(self, columns: list[ColumnRecord]) -> None:
        """Show `columns` (as stored) and reload every column's cards and counts."""
        if not shiboken6.isValid(self):
            return
        if columns != self.columns:
            self.show_columns(columns)
        self._load_first_pages(self._views.values(), keep_rows=True)
        self.refresh_counts()

    # -- building ------------------------------------------------------------------------
    def reload_columns(self) -> None:
        """Rebuild the columns from board_columns (added, renamed, reordered, deleted)."""
        self.worker.run_task(list_columns, on_done=self.show_columns, read_only=True)

    def show_columns(self, columns: list[ColumnRecord]) -> None:
        """Lay out `columns` left to right (views of known keys are kept, with their cards)."""
        if not shiboken6.isValid(self):
            return
        selected = self.selected_task_id()
        self.save_widths()
        old_views = self._views
        self._views = {}
        for column in columns:
            view = old_views.pop(column.key, None)
            if view is None:
                view = self._make_column(column)
            else:
                view.set_column(column)
            self._views[column.key] = view
            self.splitter.addWidget(view)  # re-adding moves it to the end: the new order
        for view in old_views.values():
            view.setParent(None)
            view.deleteLater()
        self.columns = columns
        self._restore_widths()
        empty = [v for v in self._views.values() if v.model.rowCount() == 0 and not v.model.loading]
        self._load_first_pages(empty)
        self.refresh_counts()
        if selected is not None:
            self.select_task(selected)
        self.columnsChanged.emit()

    def _make_column(self, column: ColumnRecord) -> ColumnView:
        model = TaskListModel(
            column.key, self.include_finished, self.where, parent=self, worker=self.worker
        )
        view = ColumnView(column, model)
        view.addRequested.connect(self.addRequested)
        view.taskDropped.connect(self.taskDropped)
        view.contextMenuRequested.connect(self.contextMenuRequested)
        view.headerMenuRequested.connect(self.columnMenuRequested)
        view.view.cardDoubleClicked.connect(self.taskActivated)
        view.view.badgeDoubleClicked.connect(self.commentsRequested)
        view.view.neighbourRequested.connect(
            lambda step, key=column.key: self.focus_neighbour(key, step)
        )
        selection = view.view.selectionModel()
        selection.currentChanged.connect(
            lambda current, _previous, key=column.key: self._on_current(key, current)
        )
        selection.selectionChanged.connect(
            lambda _selected, _deselected: self.selectionChanged.emit()
        )
        model.rowsInserted.connect(self._rows_arrived)
        return view

    def _on_current(self, key: str, current) -> None:
        """One selected card on the whole board: selecting here clears the other columns."""
        if current.isValid():
            for other_key, view in self._views.items():
                if other_key != key:
                    view.view.selectionModel().clear()
        self.selectionChanged.emit()

    # -- query state ---------------------------------------------------------------------
    def set_query(self, include_finished: bool, where: peewee.Expression | None) -> None:
        """Show finished or not and apply a search: every column reloads (old cards stay)."""
        self.query = BoardQuery(include_finished, where)
        for view in self._views.values():
            view.model.set_query(include_finished, where, reload=False)
            lane = view.view
            lane.empty_text = lane.EMPTY_TEXT if where is None else lane.EMPTY_SEARCH_TEXT
        first = self._load_first_pages(self._views.values())
        self.refresh_counts(after=first)

    def _load_first_pages(self, views, keep_rows: bool = False) -> FirstPages | None:
        """Read the first page of each of `views` again, all in one statement on the worker.

        With `keep_rows` each column asks for as many rows as it shows (a resync keeps the
        scroll position); answers asked for before a newer reload of a column are dropped.
        """
        models = [view.model for view in views]
        if not models:
            return None
        requests = [model.start_reload(model.rowCount() if keep_rows else 0) for model in models]
        answers = [
            model.page_delivery(r, replace=True) for model, r in zip(models, requests, strict=True)
        ]
        first = FirstPages(requests, self.query)
        self.worker.run_task(
            first.read,
            on_done=lambda pages: _each(answers, 0, pages),
            on_error=lambda exc: _each(answers, 1, exc),
            read_only=True,
        )
        return first

    def refresh_counts(self, after: FirstPages | None = None) -> None:
        """Column counts from the database (all visible tasks, not just loaded pages).

        They are counted on the worker; under a search the headers show "…" until it answers,
        and an answer for an older query is dropped. `after`: the first pages just asked for
        (the worker reads them first); a column whose page came back short needs no count.
        """
        self._count_generation += 1
        generation = self._count_generation
        query = self.query
        keys = self.column_keys()
        if query.where is not None:
            for view in self._views.values():
                view.set_count_pending()
        self.worker.run_task(
            lambda: header_counts(query, keys, after),
            on_done=lambda counts: self._show_counts(generation, counts),
            on_error=lambda exc: log.warning("column counts not refreshed: %s", exc),
            read_only=True,
        )

    def _show_counts(self, generation: int, counts: ColumnCounts) -> None:
        if not shiboken6.isValid(self) or generation != self._count_generation:
            return  # a newer count is on its way (or the board is gone)
        for key, view in self._views.items():
            view.set_count(counts.get(key), estimated=key in counts.estimated)
        self.countsChanged.emit()

    # -- incremental changes -------------------------------------------------------------
    def shows(self, record: TaskRecord | None, key: str, matches: bool | None = None) -> bool:
        """Whether column `key` shows this task under the current view (finished, search).

        Under a search `matches` says whether the stored task is found (read on the worker);
        unknown (an optimistic change), a card shown now is taken to stay shown.
        """
        if record is None or key not in self._views:
            return False
        if not self._views[key].model.visible_here(record):
            return False
        if self.where is None:
            return True
        return matches if matches is not None else self.find_record(record.id) is not None

    def apply_change(
        self,
        old: TaskRecord | None,
        new: TaskRecord | None,
        exact_counts: bool = True,
        matches: bool | None = None,
    ) -> None:
        """Show `new` (None: removed) where `old` was: touches only the affected columns.

        With `exact_counts` (the caller knows `old` as it was stored, and no search is on)
        the header counts are adjusted locally; otherwise they are re-read.
        """
        task_id = (new or old).id if (new or old) else None
        if task_id is None:
            return
        was_selected = self.selected_task_id() == task_id
        target = new.column if new is not None and self.shows(new, new.column, matches) else None
        for key, view in self._views.items():
            if key != target:
                view.model.remove_task(task_id)
        row = self._views[target].model.put_task(new) if target else -1
        if exact_counts and self.where is None:
            for key, view in self._views.items():
                delta = int(key == target) - int(old is not None and view.model.visible_here(old))
                if delta:
                    view.set_count(view.count + delta, view.count_estimated)
            self.countsChanged.emit()
        else:
            self.refresh_counts()
        if was_selected and target and row >= 0:
            self.select_task(task_id)

    def select_task(self, task_id: int, focus: bool = False) -> bool:
        """Select the card of `task_id` (scrolling to it); False when it is not shown."""
        for view in self._views.values():
            row = view.model.row_of(task_id)
            if row >= 0:
                index = view.model.index(row)
                view.view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                view.view.scrollTo(index)
                if focus:
                    view.view.setFocus()
                return True
        return False

    def focus_neighbour(self, key: str, step: int) -> bool:
        """Move the keyboard focus `step` columns from `key`, onto the card at the same row."""
        keys = self.column_keys()
        position = keys.index(key) + step
        if not 0 <= position < len(keys):
            return False
        row = max(self._views[key].view.currentIndex().row(), 0)
        target = self._views[keys[position]]
        target.view.setFocus()
        if target.model.rowCount():
            index = target.model.index(min(row, target.model.rowCount() - 1))
            target.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        return True

    def focus_first_card(self) -> None:
        """Put the keyboard focus on the first column that has cards (selecting its top card).

        While the first pages are still on their way, the first card that arrives gets it.
        """
        self._focus_on_arrival = False
        for view in self._views.values():
            if view.model.rowCount():
                view.view.setCurrentIndex(view.model.index(0))
                view.view.setFocus()
                return
        if self._views:
            next(iter(self._views.values())).view.setFocus()
            self._focus_on_arrival = any(v.model.loading for v in self._views.values())

    def _rows_arrived(self) -> None:
        if self._focus_on_arrival and self.selected_task_id() is None:
            self.focus_first_card()

    def set_read_only(self, read_only: bool) -> None:
        """Disable dragging, dropping and "+" while the database cannot be written."""
        for view in self._views.values():
            view.view.set_read_only(read_only)
            view.add_button.setEnabled(not read_only)

    # -- column widths -------------------------------------------------------------------
    def save_widths(self) -> None:
        """Remember each column's width by key (in `settings`)."""
        if self.settings is None:
            return
        for key, view in self._views.items():
            if view.isVisible() and view.width() > 0:
                self.settings.setValue(WIDTH_KEY.format(key), view.width())

    def _restore_widths(self) -> None:
        widths = []
        for key in self._views:
            value = self.settings.value(WIDTH_KEY.format(key)) if self.settings else None
            try:
                widths.append(int(value) if value is not None else 280)
            except (TypeError, ValueError):
                widths.append(280)
        self.splitter.setSizes(widths)


def _each(answers: list[tuple], position: int, answer: object) -> None:
    """Hand `answer` to callback `position` (0: done, 1: failed) of every column's pair."""
    for callbacks in answers:
        callbacks[position](answer)
