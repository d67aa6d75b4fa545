"""The data browser's comment table: raw task_comments rows, of one task or all, paged lazily."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from photoflow_desktop.domain import browse
from photoflow_desktop.domain.comments import edit_comment
from photoflow_desktop.domain.records import CommentRecord
from photoflow_desktop.i18n import QT_TRANSLATE_NOOP, translate
from photoflow_desktop.i18n.messages import user_message
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.maintenance.browser_models import ALIGN_RIGHT, PagedModel, local_text


class CommentTableModel(PagedModel):
    """Raw task_comments rows, of one task or all; the text is edited via `edit_comment`."""

    COLUMNS = (
        ("id", "id", QT_TRANSLATE_NOOP("DataBrowser", "Row id")),
        (
            "task_id",
            "task_id",
            QT_TRANSLATE_NOOP("DataBrowser", "The task this comment belongs to"),
        ),
        ("text", "comment", QT_TRANSLATE_NOOP("DataBrowser", "Comment text")),
        ("created_at", "created_at", QT_TRANSLATE_NOOP("DataBrowser", "Written (local time)")),
    )
    EDITABLE = frozenset({"text"})

    def __init__(self, jobs: JobRunner, parent=None, page_size: int = browse.BROWSE_PAGE_SIZE):
        super().__init__(jobs, parent, page_size)
        self.task_id: int | None = None
        self.text_filter = ""

    def set_filter(self, task_id: int | None, text: str = "") -> None:
        """Show the comments of one task (None: all) containing `text`."""
        self.task_id = task_id
        self.text_filter = text
        self.reload()

    def _query(self) -> dict:
        field, descending = self._sort
        return {
            "task_id": self.task_id,
            "text": self.text_filter,
            "sort": field,
            "descending": descending,
        }

    @staticmethod
    def _count(query: dict) -> int:
        return browse.comment_count(query["task_id"], query["text"])

    @staticmethod
    def _page(query: dict, offset: int, limit: int) -> list[CommentRecord]:
        return browse.comment_rows(offset=offset, limit=limit, **query)

    def flags(self, index):
        """Only the comment text is editable."""
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.saving(self._rows[index.row()].id):
            return flags
        if self.field(index.column()) in self.EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        """Display text and edit values."""
        if not index.isValid():
            return None
        record: CommentRecord = self._rows[index.row()]
        field = self.field(index.column())
        value = getattr(record, field)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            if field == "created_at":
                return local_text(value)
            if field == "text":
                return value.replace("\n", " ⏎ ")
            return value
        if role == Qt.ItemDataRole.ToolTipRole and field == "text":
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and field in ("id", "task_id"):
            return ALIGN_RIGHT
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        """Show a new comment text at once and store it (validated); a refusal puts it back."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        record: CommentRecord = self._rows[index.row()]
        if self.field(index.column()) != "text" or value == record.text:
            return False
        if self.saving(record.id):
            return False
        return self._store_edit(
            record,
            replace(record, text=value),
            lambda: edit_comment(record.id, value),
            lambda exc: (record, _comment_refused(record.id, exc)),
        )

    @staticmethod
    def _task_of(record: CommentRecord) -> int:
        return record.task_id


def _comment_refused(comment_id: int, exc: Exception) -> str:
    return translate("DataBrowser", "Comment #{id} not changed: {problem}").format(
        id=comment_id, problem=user_message(exc)
    )
