"""The price list: entries an invoice line can start from (add and remove; work in jobs)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from photoflow_desktop.domain.money import format_amount
from photoflow_desktop.domain.price_list import PriceRecord, add_price, delete_price, list_prices
from photoflow_desktop.ui.common.jobs import JobRunner


class PriceListDialog(QDialog):
    """Entries in a table; a row of fields below adds one, "Remove" takes the selected away."""

    def __init__(self, jobs: JobRunner, parent=None):
        super().__init__(parent)
        self.jobs = jobs
        self.prices: list[PriceRecord] = []
        self.setWindowTitle(self.tr("Price list"))
        self.resize(620, 420)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Unit"), self.tr("Unit price"), self.tr("VAT %")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Name"))
        self.unit_edit = QLineEdit()
        self.unit_edit.setPlaceholderText(self.tr("Unit"))
        self.price_edit = QLineEdit()
        self.price_edit.setPlaceholderText("49.00")
        self.vat_edit = QLineEdit("19")
        add = QPushButton(self.tr("Add"))
        add.clicked.connect(self.add_entry)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self.remove_selected)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828")
        entry = QHBoxLayout()
        for widget in (self.name_edit, self.unit_edit, self.price_edit, self.vat_edit, add):
            entry.addWidget(widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(remove, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(entry)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        """Load the entries (in a job)."""
        self.jobs.start(lambda _job: list_prices(), self._loaded, self._failed)

    def _loaded(self, prices: list[PriceRecord]) -> None:
        self.prices = prices
        self.table.setRowCount(len(prices))
        for row, price in enumerate(prices):
            values = (
                price.name,
                price.unit,
                format_amount(price.unit_price),
                f"{price.vat_rate.normalize():f}",
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))

    def _failed(self, error: Exception) -> None:
        self.error_label.setText(str(error))

    def add_entry(self) -> None:
        """Store the entry typed below the table (the domain checks it)."""
        values = (
            self.name_edit.text(),
            self.price_edit.text(),
            self.vat_edit.text(),
            self.unit_edit.text(),
        )

        def added(_price) -> None:
            self.error_label.setText("")
            self.name_edit.clear()
            self.price_edit.clear()
            self.reload()

        self.jobs.start(lambda _job: add_price(*values), added, self._failed)

    def remove_selected(self) -> None:
        """Remove the selected entry (invoices keep their own copy of the line)."""
        row = self.table.currentRow()
        if 0 <= row < len(self.prices):
            price_id = self.prices[row].id
            self.jobs.start(
                lambda _job: delete_price(price_id), lambda _: self.reload(), self._failed
            )
