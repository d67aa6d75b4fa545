"""Table models of the data browser: raw "Tasks" and task_comments rows, paged lazily.

Rows come from `domain.browse` one page at a time (`canFetchMore`/`fetchMore`), read in
background jobs; sorting asks the database again. An edit goes through the domain use cases
(validated, compare-and-set for tasks); a refused edit keeps the old value and is reported
through `editFailed`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QDateTime, QModelIndex, Qt, Signal
from shiboken6 import isValid

from photoflow_desktop.domain import browse
from photoflow_desktop.domain.columns import list_columns
from photoflow_desktop.domain.datetime_field import damaged_text, is_damaged
from photoflow_desktop.domain.errors import ConflictError, ValidationError
from photoflow_desktop.domain.queries import distinct_statuses
from photoflow_desktop.domain.records import TaskDraft, TaskRecord
from photoflow_desktop.domain.tasks import update_task
from photoflow_desktop.i18n import QT_TRANSLATE_NOOP, translate
from photoflow_desktop.i18n.messages import column_title, user_message
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.common.status_text import status_text

DISPLAY_FORMAT = "%Y-%m-%d %H:%M"
NO_PARENT = QModelIndex()
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class BrowserRole(IntEnum):
    """Custom data roles of the browser's table models."""

    Choices = Qt.ItemDataRole.UserRole + 1  # [(label, value)] an editor may offer


def local_text(value: datetime | None) -> str:
    """A naive UTC time as local 'YYYY-MM-DD HH:MM' (a damaged stored value: raw, marked)."""
    if value is None:
        return ""
    if is_damaged(value):
        text = QCoreApplication.translate("DataBrowser", "Damaged: {raw}")
        return text.format(raw=damaged_text(value))
    return value.replace(tzinfo=UTC).astimezone().strftime(DISPLAY_FORMAT)


def to_qdatetime(value: datetime) -> QDateTime:
    """A naive UTC time as a local QDateTime (what a QDateTimeEdit edits)."""
    millis = int(value.replace(tzinfo=UTC).timestamp() * 1000)
    return QDateTime.fromMSecsSinceEpoch(millis)


def _not_changed(task_id: int, exc: Exception) -> str:
    return translate("DataBrowser", "Task #{id} not changed: {problem}").format(
        id=task_id, problem=user_message(exc)
    )


def from_edited(value) -> datetime:
    """An edited date (QDateTime, aware/naive-local datetime or 'YYYY-MM-DD HH:MM') as naive UTC."""
    if isinstance(value, QDateTime):
        if not value.isValid():
            raise ValidationError("Due date must be a real date and time", "due_at")
        return datetime.fromtimestamp(value.toMSecsSinceEpoch() / 1000, UTC).replace(tzinfo=None)
    if isinstance(value, str):
        try:
            value = datetime.strptime(value.strip(), DISPLAY_FORMAT)
        except ValueError:
            raise ValidationError(
                "Due date must look like 2026-03-15 14:00 (local time)", "due_at"
            ) from None
    if not isinstance(value, datetime):
        raise ValidationError("Due date must be a real date and time", "due_at")
    return value.astimezone(UTC).replace(tzinfo=None)


def _checked(value) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return int(value) == Qt.CheckState.Checked.value


class PagedModel(QAbstractTableModel):
    """Rows loaded a page at a time in background jobs; subclasses say what to query and edit.

    A reload (filter, sort, data replaced) and each further page run in a JobRunner job; a
    result that arrives after a newer reload started is dropped. While a page is on its way
    `canFetchMore` is False, so the view does not ask twice.
    """

    editFailed = Signal(str)  # a dialog-fit message: why the edit was refused
    rowEdited = Signal(int)  # id of the row that was changed
    loadingChanged = Signal(bool)
    loadFailed = Signal(str)

    COLUMNS: tuple[tuple[str, str, str], ...] = ()  # (field, header, tooltip)
    EDITABLE: frozenset[str] = frozenset()

    def __init__(self, jobs: JobRunner, parent=None, page_size: int = browse.BROWSE_PAGE_SIZE):
        super().__init__(parent)
        self._jobs = jobs
        self.page_size = page_size
        self._rows: list = []
        self._total = 0
        self._sort = ("id", False)
        self._generation = 0
        self._loading = False
        self._saving: set[int] = set()  # ids of rows whose edit is on its way to the database

    # subclasses: what to query (a snapshot taken on the UI thread), run in the worker ------
    def _query(self) -> dict:
        raise NotImplementedError

    @staticmethod
    def _count(query: dict) -> int:
        raise NotImplementedError

    @staticmethod
    def _page(query: dict, offset: int, limit: int) -> list:
        raise NotImplementedError

    @staticmethod
    def _extras():
        """Read in the worker with each reload, besides the rows (e.g. choices for editors)."""
        return None

    def _use_extras(self, extras) -> None:
        """Keep what `_extras` read (on the UI thread)."""

    # loading ------------------------------------------------------------------------------
    def _set_loading(self, loading: bool) -> None:
        self._loading = loading
        self.loadingChanged.emit(loading)

    @property
    def loading(self) -> bool:
        """True while a reload or a page is being read."""
        return self._loading

    def reload(self) -> None:
        """Read the count and the first page again (filter or sort changed, data replaced)."""
        self._generation += 1
        generation, query, limit = self._generation, self._query(), self.page_size
        self._set_loading(True)

        def work(_job):
            return self._count(query), self._page(query, 0, limit), self._extras()

        def done(result) -> None:
            if not self._current(generation):
                return
            self.beginResetModel()
            self._total, self._rows, extras = result
            self._use_extras(extras)
            self.endResetModel()
            self._set_loading(False)

        self._jobs.start(work, done, lambda exc: self._failed(generation, exc))

    def _current(self, generation: int) -> bool:
        """The result belongs to the newest reload and the model still exists (window open)."""
        return isValid(self) and generation == self._generation

    def _failed(self, generation: int, exc: Exception) -> None:
        if not self._current(generation):
            return
        self._set_loading(False)
        self.loadFailed.emit(
            translate("DataBrowser", "Could not read the rows: {problem}").format(
                problem=user_message(exc)
            )
        )

    @property
    def total(self) -> int:
        """Rows matching the filter in the database (loaded or not)."""
        return self._total

    def canFetchMore(self, parent=NO_PARENT) -> bool:
        """More rows wait in the database (and none are on their way)."""
        return not parent.isValid() and not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent=NO_PARENT) -> None:
        """Read the next page in the background; rows are appended when it arrives."""
        if parent.isValid() or self._loading:
            return
        generation, query = self._generation, self._query()
        offset, limit = len(self._rows), self.page_size
        self._set_loading(True)

        def work(_job):
            return self._page(query, offset, limit)

        def done(page) -> None:
            if not self._current(generation):
                return
            if not page:
                self._total = len(self._rows)
            else:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
                self._rows.extend(page)
                self.endInsertRows()
            self._set_loading(False)

        self._jobs.start(work, done, lambda exc: self._failed(generation, exc))

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column in the database."""
        self._sort = (self.COLUMNS[column][0], order == Qt.SortOrder.DescendingOrder)
        self.reload()

    # shape --------------------------------------------------------------------------------
    def rowCount(self, parent=NO_PARENT) -> int:
        """Loaded rows."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=NO_PARENT) -> int:
        """One column per database field."""
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        """Database column names, their meaning as tooltip."""
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section][1]
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("DataBrowser", self.COLUMNS[section][2])
        return None

    def field(self, column: int) -> str:
        """The record field shown in `column`."""
        return self.COLUMNS[column][0]

    def column_of(self, field: str) -> int:
        """The column showing `field`."""
        return [name for name, _h, _t in self.COLUMNS].index(field)

    def record(self, row: int):
        """The record shown in `row`."""
        return self._rows[row]

    def row_of(self, record_id: int) -> int | None:
        """The loaded row of a record id, or None."""
        for row, record in enumerate(self._rows):
            if record.id == record_id:
                return row
        return None

    def _replace_row(self, row: int, record) -> None:
        self._rows[row] = record
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def _show_record(self, record) -> None:
        """Show `record` in its row, if that row is still loaded."""
        if isValid(self) and (row := self.row_of(record.id)) is not None:
            self._replace_row(row, record)

    def saving(self, record_id: int) -> bool:
        """True while an edit of this row is being stored (the row is not editable meanwhile)."""
        return record_id in self._saving

    def _store_edit(
        self,
        record,
        shown,
        write: Callable[[], object],
        refused: Callable[[Exception], tuple[object, str]],
    ) -> bool:
        """Show `shown` at once and `write()` it in the background.

        The stored row replaces it when the database answers; on a refusal `refused(exc)` says
        which row to show again (the old one, or the stored one after a conflict) and why.
        """
        self._saving.add(record.id)
        self._show_record(shown)

        def stored(result) -> None:
            self._saving.discard(record.id)
            self._show_record(result)
            self.rowEdited.emit(self._task_of(result))

        def failed(exc: Exception) -> None:
            self._saving.discard(record.id)
            back, message = refused(exc)
            self._show_record(back)
            self.editFailed.emit(message)

        self._jobs.start(lambda _job: write(), stored, failed)
        return True

    @staticmethod
    def _task_of(record) -> int:
        """The task a stored row belongs to (what `rowEdited` names)."""
        return record.id


class TaskTableModel(PagedModel):
    """Raw "Tasks" rows; edits go through `tasks.update_task` with compare-and-set."""

    COLUMNS = (
        ("id", "id", QT_TRANSLATE_NOOP("DataBrowser", "Row id")),
        ("title", "task", QT_TRANSLATE_NOOP("DataBrowser", "Title of the order")),
        (
            "due_at",
            "dueAt",
            QT_TRANSLATE_NOOP("DataBrowser", "Due date (shown in local time, stored as UTC)"),
        ),
        ("status", "status", QT_TRANSLATE_NOOP("DataBrowser", "Workflow status (free text)")),
        ("info", "additional_information", QT_TRANSLATE_NOOP("DataBrowser", "Description")),
        ("is_finished", "is_finished", QT_TRANSLATE_NOOP("DataBrowser", "Finished")),
        ("column", "taskColumn", QT_TRANSLATE_NOOP("DataBrowser", "Key of the board column")),
        (
            "comment_count",
            "amount_of_comments",
            QT_TRANSLATE_NOOP("DataBrowser", "Number of comments (kept by PhotoFlow)"),
        ),
        ("created_at", "created_at", QT_TRANSLATE_NOOP("DataBrowser", "Created (local time)")),
    )
    EDITABLE = frozenset({"title", "due_at", "status", "info", "column"})

    def __init__(self, jobs: JobRunner, parent=None, page_size: int = browse.BROWSE_PAGE_SIZE):
        super().__init__(jobs, parent, page_size)
        self._where = None
        self._choices: dict[str, list[tuple[str, str]]] = {"column": [], "status": []}

    @staticmethod
    def _extras():
        columns = [(f"{c.key} — {column_title(c.key, c.title)}", c.key) for c in list_columns()]
        return {"column": columns, "status": [(status_text(s), s) for s in distinct_statuses()]}

    def _use_extras(self, extras) -> None:
        self._choices = extras

    def set_filter(self, where) -> None:
        """Show only tasks matching `where` (a `search.parse_query` expression or None)."""
        self._where = where
        self.reload()

    def _query(self) -> dict:
        field, descending = self._sort
        return {"where": self._where, "sort": field, "descending": descending}

    @staticmethod
    def _count(query: dict) -> int:
        return browse.task_count(query["where"])

    @staticmethod
    def _page(query: dict, offset: int, limit: int) -> list[TaskRecord]:
        return browse.task_rows(offset=offset, limit=limit, **query)

    def flags(self, index):
        """Editable text fields, a checkbox for is_finished; id and counters read-only."""
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        field = self.field(index.column())
        if self.saving(self._rows[index.row()].id):
            return flags
        if field in self.EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        if field == "is_finished":
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        """Display text, edit values, the finished checkbox."""
        if not index.isValid():
            return None
        record: TaskRecord = self._rows[index.row()]
        field = self.field(index.column())
        value = getattr(record, field)
        if role == Qt.ItemDataRole.CheckStateRole and field == "is_finished":
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.EditRole:
            return to_qdatetime(value) if field == "due_at" else value
        if role == BrowserRole.Choices:
            return self._choices.get(field)
        if field in record.value_damage and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):  # a stored value of the wrong kind: raw, marked
            text = QCoreApplication.translate("DataBrowser", "Damaged: {raw}")
            return text.format(raw=record.value_damage[field])
        if role == Qt.ItemDataRole.DisplayRole:
            if field == "is_finished":
                return None  # the checkbox says it
            if field in ("due_at", "created_at"):
                return local_text(value)
            if field == "info":
                return value.replace("\n", " ⏎ ")
            return value
        if role == Qt.ItemDataRole.ToolTipRole and field in ("title", "info"):
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and field in ("id", "comment_count"):
            return ALIGN_RIGHT
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        """Show an edit at once and store it through the domain (validated, compare-and-set).

        A refused edit puts the old value back (or the stored row, if it changed elsewhere).
        """
        if not index.isValid():
            return False
        record: TaskRecord = self._rows[index.row()]
        field = self.field(index.column())
        if self.saving(record.id):
            return False
        try:
            if role == Qt.ItemDataRole.CheckStateRole and field == "is_finished":
                new_value = _checked(value)
            elif role == Qt.ItemDataRole.EditRole and field in self.EDITABLE:
                new_value = from_edited(value) if field == "due_at" else value
            else:
                return False
        except ValidationError as exc:
            self.editFailed.emit(_not_changed(record.id, exc))
            return False
        draft = replace(TaskDraft.from_record(record), **{field: new_value})
        if draft == TaskDraft.from_record(record):
            return False
        return self._store_edit(
            record,
            replace(record, **{field: new_value}),
            lambda: update_task(record.id, draft, expected=record),
            lambda exc: _task_refused(record, exc),
        )


def _task_refused(record: TaskRecord, exc: Exception) -> tuple[TaskRecord, str]:
    """The row to show again after a refused task edit, and why it was refused."""
    if isinstance(exc, ConflictError):
        message = translate(
            "DataBrowser",
            "Task #{id} not changed: {problem}. The row now shows the stored values.",
        ).format(id=record.id, problem=user_message(exc))
        return exc.current or record, message
    return record, _not_changed(record.id, exc)
