"""One board column as a lazy list model: pages keyset on (dueAt, id), single-card updates."""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable
from enum import IntEnum

import peewee
import shiboken6
from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QObject, Qt, Signal

from photoflow_desktop.domain.queries import PAGE_SIZE, PageRequest, Pages, column_pages
from photoflow_desktop.domain.records import TaskRecord
from photoflow_desktop.i18n import translate
from photoflow_desktop.ui.board.card_texts import card_tooltip, shown_status, shown_title
from photoflow_desktop.ui.common.db_worker import DatabaseWorker, SynchronousWorker

TASK_MIME_TYPE = "application/x-photoflow-task-id"


log = logging.getLogger(__name__)


class TaskRole(IntEnum):
    """Custom data roles of TaskListModel."""

    Record = Qt.ItemDataRole.UserRole + 1
    Id = Qt.ItemDataRole.UserRole + 2
    ClientName = Qt.ItemDataRole.UserRole + 3


def encode_task_id(task_id: int) -> QMimeData:
    """Drag payload naming one task."""
    mime = QMimeData()
    mime.setData(TASK_MIME_TYPE, str(task_id).encode("ascii"))
    return mime


def decode_task_id(mime: QMimeData) -> int | None:
    """The task id of a drag payload, or None when it is not one of ours."""
    if not mime.hasFormat(TASK_MIME_TYPE):
        return None
    try:
        return int(bytes(mime.data(TASK_MIME_TYPE).data()).decode("ascii"))
    except ValueError:
        return None


class TaskListModel(QAbstractListModel):
    """The visible tasks of one column, earliest due first, fetched a page at a time.

    Pages come from the database worker; a page asked for before the column was reloaded
    (a newer filter, a resync) is dropped by its generation number.
    """

    loadingChanged = Signal(bool)  # a page is on its way / arrived
    reloaded = Signal()  # the first page after reload() replaced the rows
    pageFailed = Signal(str)  # a page could not be read (the reason)

    def __init__(
        self,
        column: str,
        include_finished: bool = False,
        where: peewee.Expression | None = None,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
        worker: DatabaseWorker | SynchronousWorker | None = None,
    ):
        super().__init__(parent)
        self.worker = worker or SynchronousWorker(self)
        self._generation = 0
        self._loading = False
        self.column = column
        self.include_finished = include_finished
        self.where = where
        self.page_size = page_size
        self._records: list[TaskRecord] = []
        self._keys: list[tuple] = []
        self._ids: set[int] = set()  # quick "is it loaded?" for live updates
        self._client_names: dict[int, str] = {}  # the order's client, read with each page
        self._exhausted = False

    # -- Qt model API ---------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt default)
        """Loaded rows (more arrive through fetchMore)."""
        return 0 if parent.isValid() else len(self._records)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        """Title for display, the TaskRecord and id for custom roles."""
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return record.title
        if role == TaskRole.Record:
            return record
        if role == TaskRole.Id:
            return record.id
        if role == TaskRole.ClientName:
            return self._client_names.get(record.id, "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return card_tooltip(record)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return translate(
                "Board", "{title}, {status}, %n comment(s)", None, record.comment_count
            ).format(title=shown_title(record), status=shown_status(record))
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        """Cards can be selected and dragged; the list accepts drops."""
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def mimeTypes(self) -> list[str]:
        """The drag payload type."""
        return [TASK_MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        """The dragged card's id (one card at a time)."""
        for index in indexes:
            if index.isValid():
                return encode_task_id(self._records[index.row()].id)
        return QMimeData()

    def supportedDragActions(self) -> Qt.DropAction:
        """Cards move between columns."""
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        """Cards move between columns."""
        return Qt.DropAction.MoveAction

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        """True while the column has tasks after the last loaded one."""
        return not parent.isValid() and not self._exhausted

    @property
    def loading(self) -> bool:
        """True while a page is on its way from the worker."""
        return self._loading

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loadingChanged.emit(loading)

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: B008
        """Ask the worker for the next page after the last loaded (dueAt, id)."""
        if parent.isValid() or self._exhausted or self._loading:
            return  # the page on its way brings the next rows (scrolling on asks again)
        after = self._keys[-1] if self._keys else None
        self._request(after, self.page_size, replace=False)

    def _request(self, after: tuple | None, limit: int, replace: bool) -> None:
        request = PageRequest(self.column, after, limit)
        include_finished, where = self.include_finished, self.where
        on_done, on_error = self.page_delivery(request, replace)
        self.worker.run_task(
            lambda: column_pages([request], include_finished, where),
            on_done=on_done,
            on_error=on_error,
            read_only=True,
        )

    def page_delivery(
        self, request: PageRequest, replace: bool
    ) -> tuple[Callable[[Pages], None], Callable[[Exception], None]]:
        """Mark `request` as on its way; returns (on_done, on_error) for its answer.

        The board reads the pages of every column in one statement and hands each model its own;
        an answer that comes after a newer reload of this column is dropped.
        """
        generation = self._generation
        self._set_loading(True)

        def done(pages: Pages) -> None:
            records = pages.records.get(request.column, [])
            self._page_arrived(generation, records, pages.client_names, request.limit, replace)

        return done, lambda exc: self._page_failed(generation, exc)

    def _page_arrived(
        self,
        generation: int,
        page: list[TaskRecord],
        client_names: dict[int, str],
        limit: int,
        replace: bool,
    ) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return  # the column was reloaded (new filter, resync) since this was asked for
        self._set_loading(False)
        self._client_names.update(client_names)
        self._exhausted = len(page) < limit
        if replace:
            self._replace_rows(page)
            self.reloaded.emit()
        elif page:
            first = len(self._records)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._records.extend(page)
            self._keys.extend(record.sort_key for record in page)
            self._ids.update(record.id for record in page)
            self.endInsertRows()

    def _page_failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return
        self._set_loading(False)
        # Keep what is shown and stop asking; the resync on reconnect (or the next filter)
        # reloads. The worker has already dropped a broken connection.
        log.warning("column %s: page not loaded: %s", self.column, str(exc).splitlines()[:1])
        self._exhausted = True
        self.pageFailed.emit(str(exc))

    def _replace_rows(self, page: list[TaskRecord]) -> None:
        """Turn the loaded rows into `page` with removes and inserts of row runs (no reset)."""
        wanted = {record.id for record in page}
        row = len(self._records)
        while row > 0:  # from the bottom: each run of unwanted rows goes in one step
            last = row - 1
            while row > 0 and self._records[row - 1].id not in wanted:
                row -= 1
            if row <= last:
                self._remove_run(row, last)
            else:
                row -= 1
        row = 0
        while row < len(page):
            record = page[row]
            if row < len(self._records) and self._records[row].id == record.id:
                if self._records[row] != record:
                    self._records[row] = record
                    self._keys[row] = record.sort_key
                    self.dataChanged.emit(self.index(row), self.index(row))
                row += 1
                continue
            if record.id in self._ids:  # it sorts elsewhere now: take it out first
                old = self.row_of(record.id)
                self._remove_run(old, old)
            run = [record]  # the new cards that follow here go in together
            while row + len(run) < len(page) and page[row + len(run)].id not in self._ids:
                run.append(page[row + len(run)])
            self.beginInsertRows(QModelIndex(), row, row + len(run) - 1)
            self._records[row:row] = run
            self._keys[row:row] = [r.sort_key for r in run]
            self._ids.update(r.id for r in run)
            self.endInsertRows()
            row += len(run)

    def _remove_run(self, first: int, last: int) -> None:
        self.beginRemoveRows(QModelIndex(), first, last)
        self._ids.difference_update(r.id for r in self._records[first : last + 1])
        del self._records[first : last + 1]
        del self._keys[first : last + 1]
        self.endRemoveRows()

    # -- board API ------------------------------------------------------------------------
    def reload(self, min_rows: int = 0) -> None:
        """Load again (filter change, resync) up to `min_rows` rows; old cards stay meanwhile."""
        request = self.start_reload(min_rows)
        self._request(request.after, request.limit, replace=True)

    def start_reload(self, min_rows: int = 0) -> PageRequest:
        """Begin loading again (answers to earlier requests are dropped); the page to ask for."""
        self._generation += 1
        self._loading = False
        self._exhausted = False
        return PageRequest(self.column, None, max(self.page_size, min_rows))

    def set_query(
        self, include_finished: bool, where: peewee.Expression | None, reload: bool = True
    ) -> None:
        """Show finished tasks or not, and apply a search expression (reloads unless told)."""
        self.include_finished = include_finished
        self.where = where
        if reload:
            self.reload()

    def set_client_name(self, task_id: int, name: str) -> None:
        """Show `name` as the client of a loaded card ('' for none)."""
        self._client_names[task_id] = name
        row = self.row_of(task_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row), self.index(row), [TaskRole.ClientName])

    def row_of(self, task_id: int) -> int:
        """The row of a loaded task, or -1."""
        if task_id not in self._ids:
            return -1
        for row, record in enumerate(self._records):
            if record.id == task_id:
                return row
        return -1

    def record(self, row: int) -> TaskRecord:
        """The TaskRecord at `row`."""
        return self._records[row]

    def records(self) -> list[TaskRecord]:
        """The loaded records, in board order."""
        return list(self._records)

    def visible_here(self, record: TaskRecord) -> bool:
        """Column and finished state allow the task here (the search is checked elsewhere)."""
        return record.column == self.column and (self.include_finished or not record.is_finished)

    def is_loaded_position(self, record: TaskRecord) -> bool:
        """True when the record sorts within the loaded pages (or every page is loaded)."""
        return self._exhausted or bool(self._keys and record.sort_key < self._keys[-1])

    def remove_task(self, task_id: int) -> bool:
        """Remove a loaded card (begin/endRemoveRows); False when it was not loaded."""
        row = self.row_of(task_id)
        if row < 0:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._records[row]
        del self._keys[row]
        self._ids.discard(task_id)
        self.endRemoveRows()
        return True

    def put_task(self, record: TaskRecord) -> int:
        """Insert or update a card at its sorted position; returns its row (-1: not loaded)."""
        row = self.row_of(record.id)
        if row >= 0 and self._keys[row] == record.sort_key:
            self._records[row] = record
            index = self.index(row)
            self.dataChanged.emit(index, index)
            return row
        if row >= 0:
            self.remove_task(record.id)
        if not self.is_loaded_position(record):
            return -1  # it arrives with a later page
        row = bisect.bisect_left(self._keys, record.sort_key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._records.insert(row, record)
        self._keys.insert(row, record.sort_key)
        self._ids.add(record.id)
        self.endInsertRows()
        return row
