"""One board column as a lazy list model: pages keyset on (dueAt, id), single-card updates."""

from __future__ import annotations

import bisect
import logging
from enum import IntEnum

import peewee
from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QObject, Qt

from photoflow_desktop.domain.clients import client_names_for_tasks
from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.queries import PAGE_SIZE, column_page
from photoflow_desktop.domain.reconnect import recover_from
from photoflow_desktop.domain.records import TaskRecord
from photoflow_desktop.i18n import translate
from photoflow_desktop.ui.board.card_texts import card_tooltip, shown_status, shown_title

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
    """The visible tasks of one column, earliest due first, fetched a page at a time."""

    def __init__(
        self,
        column: str,
        include_finished: bool = False,
        where: peewee.Expression | None = None,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
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

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: B008
        """Load the next page after the last loaded (dueAt, id)."""
        if parent.isValid() or self._exhausted:
            return
        after = self._keys[-1] if self._keys else None
        try:
            page = column_page(
                self.column,
                after=after,
                limit=self.page_size,
                include_finished=self.include_finished,
                where=self.where,
            )
            self._client_names.update(client_names_for_tasks(record.id for record in page))
        except Exception as exc:
            if recover_from(exc, database_proxy) is None:
                raise
            # Disconnected: keep what is shown and stop asking; the resync on reconnect reloads.
            log.warning("column %s: next page not loaded, the connection was lost", self.column)
            self._exhausted = True
            return
        if len(page) < self.page_size:
            self._exhausted = True
        if not page:
            return
        first = len(self._records)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._records.extend(page)
        self._keys.extend(record.sort_key for record in page)
        self._ids.update(record.id for record in page)
        self.endInsertRows()

    # -- board API ------------------------------------------------------------------------
    def reload(self, min_rows: int = 0) -> None:
        """Forget every row and load again (filter change, resync) up to `min_rows` rows."""
        self.beginResetModel()
        self._records.clear()
        self._keys.clear()
        self._ids.clear()
        self._exhausted = False
        self.endResetModel()
        self.fetchMore()
        while len(self._records) < min_rows and self.canFetchMore():
            self.fetchMore()

    def set_query(self, include_finished: bool, where: peewee.Expression | None) -> None:
        """Show finished tasks or not, and apply a search expression (reloads)."""
        self.include_finished = include_finished
        self.where = where
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
