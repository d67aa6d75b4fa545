"""Record a payment: amount (the open amount offered), day, method."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.invoice_records import InvoiceRecord
from photoflow_desktop.domain.money import format_amount, parse_money
from photoflow_desktop.ui.invoices.labels import money_text, to_date


class PaymentDialog(QDialog):
    """The payment form; `values()` is (amount, day, method) once accepted."""

    def __init__(self, invoice: InvoiceRecord, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record payment for %1").replace("%1", invoice.number or ""))
        self.open_amount = invoice.open_amount
        self.amount_edit = QLineEdit(format_amount(invoice.open_amount))
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.method_combo = QComboBox()
        self.method_combo.setEditable(True)
        self.method_combo.addItems(
            [self.tr("Bank transfer"), self.tr("Cash"), self.tr("Card"), self.tr("PayPal")]
        )
        form = QFormLayout()
        form.addRow(self.tr("Open"), QLabel(money_text(invoice.open_amount)))
        form.addRow(self.tr("Amount"), self.amount_edit)
        form.addRow(self.tr("Received on"), self.date_edit)
        form.addRow(self.tr("Method"), self.method_combo)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828")
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self._values: tuple[Decimal, date, str] | None = None

    def values(self) -> tuple[Decimal, date, str] | None:
        """(amount, day, method), or None before a successful accept."""
        return self._values

    def accept(self) -> None:
        """Close only for an amount above 0 and at most the open amount."""
        try:
            amount = parse_money(self.amount_edit.text(), self.tr("Amount"))
            if amount <= 0 or amount > self.open_amount:
                raise ValidationError(
                    self.tr("Enter an amount above 0 and at most %1").replace(
                        "%1", money_text(self.open_amount)
                    )
                )
        except ValidationError as exc:
            self.error_label.setText(str(exc))
            return
        self._values = (amount, to_date(self.date_edit.date()), self.method_combo.currentText())
        super().accept()
