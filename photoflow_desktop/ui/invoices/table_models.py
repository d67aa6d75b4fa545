"""Table models of the clients and invoices windows: rows of domain records, no queries."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from photoflow_desktop.domain.invoice_records import ClientRecord, InvoiceRecord
from photoflow_desktop.ui.invoices.labels import day_text, money_text, status_label

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_COLORS = {"overdue": "#c62828", "paid": "#2e7d32", "cancelled": "#777777"}


class RecordTableModel(QAbstractTableModel):
    """Rows of records; subclasses name the columns and how each cell reads."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.records: list = []

    def headers(self) -> list[str]:
        """Column titles."""
        raise NotImplementedError

    def cell(self, record, column: int):
        """The text of one cell."""
        raise NotImplementedError

    def set_records(self, records: list) -> None:
        """Show `records` (a reload: the list is small and comes from a finished job)."""
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def record(self, row: int):
        """The record shown in `row`, or None."""
        return self.records[row] if 0 <= row < len(self.records) else None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        """Number of records."""
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        """Number of columns."""
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        """Cell text, the record itself (RECORD_ROLE), alignment."""
        record = self.record(index.row())
        if record is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(record, index.column())
        if role == RECORD_ROLE:
            return record
        return self.extra(record, index.column(), role)

    def extra(self, record, column: int, role):
        """Other roles (alignment, colour); none by default."""
        return None


class ClientTableModel(RecordTableModel):
    """Clients: name, email, phone, tax id."""

    def headers(self) -> list[str]:
        """Column titles."""
        return [self.tr("Name"), self.tr("Email"), self.tr("Phone"), self.tr("Tax id")]

    def cell(self, record: ClientRecord, column: int):
        """Cell text."""
        return (record.name, record.email, record.phone, record.tax_id)[column]


class InvoiceTableModel(RecordTableModel):
    """Invoices: number, status, client, date, due, total, paid, open."""

    MONEY_COLUMNS = (5, 6, 7)

    def headers(self) -> list[str]:
        """Column titles."""
        return [
            self.tr("Number"),
            self.tr("Status"),
            self.tr("Client"),
            self.tr("Date"),
            self.tr("Due"),
            self.tr("Total"),
            self.tr("Paid"),
            self.tr("Open"),
        ]

    def cell(self, record: InvoiceRecord, column: int):
        """Cell text."""
        if column == 0:
            return record.number or self.tr("Draft #%1").replace("%1", str(record.id))
        values = (
            None,
            status_label(record.status),
            record.client_name,
            day_text(record.issue_date),
            day_text(record.due_date),
            money_text(record.totals.gross),
            money_text(record.paid),
            money_text(record.open_amount),
        )
        return values[column]

    def extra(self, record: InvoiceRecord, column: int, role):
        """Amounts right-aligned; the status coloured (overdue red, paid green)."""
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.MONEY_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            color = STATUS_COLORS.get(record.status)
            return QBrush(QColor(color)) if color else None
        return None
