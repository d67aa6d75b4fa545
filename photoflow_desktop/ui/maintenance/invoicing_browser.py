"""The data browser's read-only tables of clients, invoices and payments (filter, sort, paging)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import Qt

from photoflow_desktop.domain import browse_invoicing
from photoflow_desktop.domain.browse import BROWSE_PAGE_SIZE
from photoflow_desktop.i18n import translate
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.maintenance.browser_models import ALIGN_RIGHT, PagedModel, local_text


def _columns(table: str) -> tuple[tuple[str, str, str], ...]:
    """(field, header, tooltip) of a browsed table: headers are the database's column names."""
    tips = {
        "id": translate("DataBrowser", "Row id"),
        "name": translate("DataBrowser", "Client name"),
        "number": translate("DataBrowser", "Invoice number (given when issued)"),
        "kind": translate("DataBrowser", "Invoice or cancellation invoice"),
        "state": translate("DataBrowser", "Stored state: draft, issued or cancelled"),
        "client_name": translate("DataBrowser", "The client's name as printed on the invoice"),
        "total_gross": translate("DataBrowser", "Total including VAT"),
        "invoice_number": translate("DataBrowser", "Number of the invoice paid"),
        "created_at": translate("DataBrowser", "Created (local time)"),
    }
    return tuple(
        (name, name, tips.get(name, "")) for name in browse_invoicing.TABLES[table].columns
    )


def shown_value(value) -> str:
    """A stored value as the browser shows it (money with two places, times in local time)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return local_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value).replace("\n", " ⏎ ")


class InvoicingTableModel(PagedModel):
    """Rows of one of clients, invoices, payments; never edited here."""

    def __init__(self, table: str, jobs: JobRunner, parent=None, page_size: int = BROWSE_PAGE_SIZE):
        super().__init__(jobs, parent, page_size)
        self.COLUMNS = _columns(table)
        self.table = table
        self.text_filter = ""

    def set_filter(self, text: str) -> None:
        """Show only rows whose text columns contain `text` (empty: all)."""
        self.text_filter = text
        self.reload()

    def _query(self) -> dict:
        field, descending = self._sort
        return {
            "name": self.table,
            "text": self.text_filter,
            "sort": field,
            "descending": descending,
        }

    @staticmethod
    def _count(query: dict) -> int:
        return browse_invoicing.invoicing_count(query["name"], query["text"])

    @staticmethod
    def _page(query: dict, offset: int, limit: int) -> list:
        return browse_invoicing.invoicing_rows(offset=offset, limit=limit, **query)

    def flags(self, index):
        """Selectable, never editable."""
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def value(self, row: int, field: str):
        """The stored value of `field` in loaded row `row`."""
        return self._rows[row].values[self.column_of(field)]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        """Display text; long text in the tooltip; numbers and money right-aligned."""
        if not index.isValid():
            return None
        value = self._rows[index.row()].values[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return shown_value(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int | Decimal):
            return ALIGN_RIGHT
        return None
