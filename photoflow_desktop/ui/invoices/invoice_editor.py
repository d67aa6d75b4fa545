"""Write or change an invoice draft: client, tax profile, date of service, lines, notes.

The totals below the lines are worked out as the invoice will show them (domain rules, no
database); saving happens in the caller's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.invoice_records import ClientRecord, InvoiceRecord, ItemDraft
from photoflow_desktop.domain.invoice_totals import check_line, compute_totals
from photoflow_desktop.domain.money import format_amount
from photoflow_desktop.domain.price_list import PriceRecord
from photoflow_desktop.domain.tax_profiles import TaxProfileRecord
from photoflow_desktop.ui.invoices.labels import money_text, to_date

COLUMNS = ("description", "quantity", "unit", "unit_price", "vat_rate")


@dataclass(frozen=True)
class DraftInput:
    """What the editor hands back: everything create_draft/update_draft need."""

    client_id: int
    task_id: int | None
    tax_profile: str
    service_date: date
    items: list[ItemDraft]
    notes: str


class InvoiceEditor(QDialog):
    """The draft form; `values()` holds the checked input once accepted."""

    def __init__(
        self,
        clients: list[ClientRecord],
        profiles: list[TaxProfileRecord],
        prices: list[PriceRecord],
        invoice: InvoiceRecord | None = None,
        prefill: dict | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New invoice") if invoice is None else self.tr("Edit draft"))
        self.resize(820, 560)
        self.profiles = profiles
        self.prices = prices
        prefill = prefill or {}
        self.task_id = invoice.task_id if invoice else prefill.get("task_id")
        self.client_combo = QComboBox()
        for client in clients:
            self.client_combo.addItem(client.name, client.id)
        self.profile_combo = QComboBox()
        for profile in profiles:
            self.profile_combo.addItem(profile.name, profile.key)
        self.profile_combo.currentIndexChanged.connect(self.update_totals)
        self.service_date = QDateEdit(QDate.currentDate())
        self.service_date.setCalendarPopup(True)
        self.lines = QTableWidget(0, len(COLUMNS))
        self.lines.setHorizontalHeaderLabels(
            [self.tr("Description"), self.tr("Quantity"), self.tr("Unit"),
             self.tr("Unit price"), self.tr("VAT %")]
        )  # fmt: skip
        self.lines.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines.itemChanged.connect(self.update_totals)
        add_line = QPushButton(self.tr("Add line"))
        add_line.clicked.connect(lambda: self.add_line(ItemDraft("", "1", "0.00")))
        self.price_button = QPushButton(self.tr("From price list"))
        price_menu = QMenu(self.price_button)
        for price in prices:
            action = price_menu.addAction(f"{price.name} ({money_text(price.unit_price)})")
            action.triggered.connect(lambda _=False, p=price: self.add_line(p.as_item()))
        self.price_button.setMenu(price_menu)
        self.price_button.setEnabled(bool(prices))
        remove_line = QPushButton(self.tr("Remove line"))
        remove_line.clicked.connect(self.remove_line)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setFixedHeight(60)
        self.totals_label = QLabel()
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828")
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save draft"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Client"), self.client_combo)
        if self.task_id is not None:
            form.addRow(self.tr("Order"), QLabel(f"#{self.task_id} {prefill.get('title', '')}"))
        form.addRow(self.tr("Tax"), self.profile_combo)
        form.addRow(self.tr("Date of service"), self.service_date)
        line_buttons = QHBoxLayout()
        for button in (add_line, self.price_button, remove_line):
            line_buttons.addWidget(button)
        line_buttons.addStretch(1)
        line_buttons.addWidget(self.totals_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.lines)
        layout.addLayout(line_buttons)
        layout.addWidget(QLabel(self.tr("Notes on the invoice")))
        layout.addWidget(self.notes_edit)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self._values: DraftInput | None = None
        self._fill(invoice, prefill)

    def _fill(self, invoice: InvoiceRecord | None, prefill: dict) -> None:
        client_id = invoice.client_id if invoice else prefill.get("client_id")
        if client_id is not None:
            self.client_combo.setCurrentIndex(max(self.client_combo.findData(client_id), 0))
        default = next((p.key for p in self.profiles if p.is_default), None)
        profile = invoice.tax_profile if invoice else default
        self.profile_combo.setCurrentIndex(max(self.profile_combo.findData(profile), 0))
        service = (invoice.service_date if invoice else None) or prefill.get("service_date")
        if service is not None:
            self.service_date.setDate(QDate(service.year, service.month, service.day))
        if invoice is not None:
            self.notes_edit.setPlainText(invoice.notes)
            for line in invoice.lines:
                self.add_line(
                    ItemDraft(line.description, line.quantity, line.unit_price, line.vat_rate,
                              line.unit)
                )  # fmt: skip
        elif prefill.get("title"):
            self.add_line(ItemDraft(prefill["title"], "1", "0.00"))
        self.update_totals()

    def _profile(self) -> TaxProfileRecord | None:
        key = self.profile_combo.currentData()
        return next((p for p in self.profiles if p.key == key), None)

    def add_line(self, item: ItemDraft) -> None:
        """Append a line (the VAT rate defaults to the tax profile's)."""
        profile = self._profile()
        rate = item.vat_rate if item.vat_rate is not None else (profile.vat_rate if profile else 19)
        values = (item.description, item.quantity, item.unit, item.unit_price, rate)
        row = self.lines.rowCount()
        self.lines.blockSignals(True)
        self.lines.insertRow(row)
        for column, value in enumerate(values):
            self.lines.setItem(row, column, QTableWidgetItem(_plain(value, column)))
        self.lines.blockSignals(False)
        self.update_totals()

    def remove_line(self) -> None:
        """Remove the selected line."""
        row = self.lines.currentRow()
        if row >= 0:
            self.lines.removeRow(row)
            self.update_totals()

    def items(self) -> list[ItemDraft]:
        """The lines as typed."""

        def text(row, column):
            cell = self.lines.item(row, column)
            return cell.text().strip() if cell else ""

        return [
            ItemDraft(text(r, 0), text(r, 1), text(r, 3), text(r, 4) or None, text(r, 2))
            for r in range(self.lines.rowCount())
        ]

    def checked_lines(self):
        """The lines checked by the domain rules (ValidationError names the first bad one)."""
        profile = self._profile()
        rate = profile.vat_rate if profile else 0
        small = profile.small_business if profile else False
        return [check_line(item, rate, small, n) for n, item in enumerate(self.items(), 1)]

    def update_totals(self) -> None:
        """Show net, VAT and gross as the invoice will, or what is wrong with a line."""
        try:
            totals = compute_totals(self.checked_lines())
        except ValidationError as exc:
            self.totals_label.setText("")
            self.error_label.setText(str(exc))
            return
        self.error_label.setText("")
        self.totals_label.setText(
            self.tr("Net %1 · VAT %2 · Total %3")
            .replace("%1", money_text(totals.net))
            .replace("%2", money_text(totals.vat))
            .replace("%3", money_text(totals.gross))
        )

    def values(self) -> DraftInput | None:
        """The checked input (None before a successful accept)."""
        return self._values

    def accept(self) -> None:
        """Close only when a client is chosen and every line passes the rules."""
        if self.client_combo.currentData() is None:
            self.error_label.setText(self.tr("Choose a client (add one in the clients window)"))
            return
        try:
            self.checked_lines()
        except ValidationError as exc:
            self.error_label.setText(str(exc))
            return
        self._values = DraftInput(
            client_id=self.client_combo.currentData(),
            task_id=self.task_id,
            tax_profile=self.profile_combo.currentData(),
            service_date=to_date(self.service_date.date()),
            items=self.items(),
            notes=self.notes_edit.toPlainText(),
        )
        super().accept()


def _plain(value, column: int) -> str:
    """A cell's text: prices with two decimals, quantities and rates without needless zeros."""
    if value is None or isinstance(value, str):
        return value or ""
    if COLUMNS[column] == "unit_price":
        return format_amount(Decimal(value))
    return f"{Decimal(value).normalize():f}"
