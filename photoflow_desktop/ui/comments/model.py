"""The comment thread of one task as a list model, oldest first, with local and relative times."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import IntEnum

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

from photoflow_desktop.domain.models import utc_now
from photoflow_desktop.domain.records import CommentRecord
from photoflow_desktop.i18n import translate
from photoflow_desktop.ui.common.dates import LONG, format_local

_USER = int(Qt.ItemDataRole.UserRole)
RECENT = timedelta(hours=48)


class CommentRole(IntEnum):
    """Custom data roles of CommentListModel."""

    Record = _USER + 1  # the CommentRecord
    Id = _USER + 2  # the comment id
    LocalTime = _USER + 3  # "Mon 23 Nov 2026, 13:24" in local time
    RelativeTime = _USER + 4  # "5 min ago" for recent comments, "" otherwise


def relative_hint(value: datetime, now: datetime) -> str:
    """'just now', '5 min ago', '3 h ago' or 'yesterday' for recent times; '' otherwise."""
    age = now - value
    if age < timedelta(0) or age >= RECENT:
        return ""
    if age < timedelta(minutes=1):
        return translate("Comments", "just now")
    if age < timedelta(hours=1):
        return translate("Comments", "{minutes} min ago").format(
            minutes=int(age.total_seconds() // 60)
        )
    if age < timedelta(hours=24):
        return translate("Comments", "{hours} h ago").format(hours=int(age.total_seconds() // 3600))
    return translate("Comments", "yesterday")


class CommentListModel(QAbstractListModel):
    """A task's comments, oldest first; `set_comments` applies changes row by row."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[CommentRecord] = []

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        """Number of comments (a list has no children)."""
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def flags(self, index):
        """Comments are selectable; stored ones editable (the delegate's editor commits via a
        command), one still being sent (no id yet) not."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if 0 <= index.row() < len(self._rows) and self._rows[index.row()].id >= 0:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        """Text for display/copy, full time as tooltip, time + text for screen readers, roles."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return record.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return format_local(record.created_at, LONG)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{format_local(record.created_at)}: {record.text}"
        if role == CommentRole.Record:
            return record
        if role == CommentRole.Id:
            return record.id
        if role == CommentRole.LocalTime:
            return format_local(record.created_at)
        if role == CommentRole.RelativeTime:
            return relative_hint(record.created_at, utc_now())
        return None

    def records(self) -> list[CommentRecord]:
        """All comments, oldest first."""
        return list(self._rows)

    def row_of(self, comment_id: int) -> int | None:
        """Row of a comment, or None when it is not in the thread."""
        for row, record in enumerate(self._rows):
            if record.id == comment_id:
                return row
        return None

    def set_comments(self, records: Sequence[CommentRecord]) -> None:
        """Show `records` (oldest first): removes, inserts and updates only the rows that differ."""
        new = list(records)
        new_ids = {record.id for record in new}
        for row in range(len(self._rows) - 1, -1, -1):
            if self._rows[row].id not in new_ids:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        kept_ids = {record.id for record in self._rows}
        if [r.id for r in self._rows] != [r.id for r in new if r.id in kept_ids]:
            self.beginResetModel()
            self._rows = new
            self.endResetModel()
            return
        for row, record in enumerate(new):
            if row < len(self._rows) and self._rows[row].id == record.id:
                if self._rows[row] != record:
                    self._rows[row] = record
                    self.dataChanged.emit(self.index(row), self.index(row))
                continue
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.insert(row, record)
            self.endInsertRows()

    def swap(self, old_id: int, record: CommentRecord) -> None:
        """Put `record` in the row of comment `old_id` (a sent comment got its stored id)."""
        row = self.row_of(old_id)
        if row is not None:
            self._rows[row] = record
            self.dataChanged.emit(self.index(row), self.index(row))

    def refresh_relative_times(self) -> None:
        """Tell views the relative hints of recent comments moved on (call on a timer)."""
        cutoff = utc_now() - RECENT - timedelta(minutes=5)
        first = next((row for row, r in enumerate(self._rows) if r.created_at >= cutoff), None)
        if first is not None:
            self.dataChanged.emit(
                self.index(first), self.index(len(self._rows) - 1), [CommentRole.RelativeTime]
            )

    def index_of(self, comment_id: int) -> QModelIndex:
        """Model index of a comment (invalid when absent)."""
        row = self.row_of(comment_id)
        return QModelIndex() if row is None else self.index(row)
