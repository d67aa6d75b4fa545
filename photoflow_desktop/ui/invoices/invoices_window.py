"""The invoices window: filter by status, year and client; open and overdue totals; write,
issue, cancel, pay, print. Database work runs in jobs; issuing and cancelling ask first."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.domain import invoices as invoice_cases
from photoflow_desktop.domain.clients import list_clients
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.domain.invoice_queries import get_invoice, list_invoices, outstanding
from photoflow_desktop.domain.invoice_records import InvoiceRecord
from photoflow_desktop.domain.invoice_status import STATUSES
from photoflow_desktop.domain.price_list import list_prices
from photoflow_desktop.domain.tax_profiles import list_tax_profiles
from photoflow_desktop.studio import load_studio
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.invoices.invoice_editor import InvoiceEditor
from photoflow_desktop.ui.invoices.labels import money_text, status_label
from photoflow_desktop.ui.invoices.payment_dialog import PaymentDialog
from photoflow_desktop.ui.invoices.pdf import write_invoice_pdf
from photoflow_desktop.ui.invoices.price_list_dialog import PriceListDialog
from photoflow_desktop.ui.invoices.printing import print_invoice
from photoflow_desktop.ui.invoices.studio_dialog import StudioDialog
from photoflow_desktop.ui.invoices.table_models import InvoiceTableModel
from photoflow_desktop.ui.invoices.undo import DeleteDraftCommand, RecordPaymentCommand


@dataclass(frozen=True)
class Listing:
    """What one load brings back: the rows, the totals and the choices for the forms."""

    invoices: list[InvoiceRecord]
    open_total: object
    overdue_total: object
    years: list[int]
    clients: list
    profiles: list
    prices: list


def load_listing(status: str | None, year: int | None, client_id: int | None) -> Listing:
    """Everything the window shows (runs in a job)."""
    matching = list_invoices(year=year, client_id=client_id)
    open_total, overdue_total = outstanding(matching)
    years = sorted({r.issue_date.year for r in list_invoices() if r.issue_date}, reverse=True)
    shown = [r for r in matching if status is None or r.status == status]
    return Listing(
        shown, open_total, overdue_total, years, list_clients(), list_tax_profiles(), list_prices()
    )


class InvoicesWindow(QWidget):
    """Invoices with filters and the actions of order-to-cash."""

    changed = Signal()

    def __init__(self, jobs: JobRunner, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.jobs = jobs
        self.undo_stack = QUndoStack(self)
        self.listing: Listing | None = None
        self.dialog: QWidget | None = None
        self._select_after_load: int | None = None
        self._prefill_after_load: dict | None = None
        self._loading = False
        self.setWindowTitle(self.tr("Invoices"))
        self.resize(1100, 600)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in STATUSES:
            self.status_filter.addItem(status_label(status), status)
        self.year_filter = QComboBox()
        self.year_filter.addItem(self.tr("All years"), None)
        self.client_filter = QComboBox()
        self.client_filter.addItem(self.tr("All clients"), None)
        for combo in (self.status_filter, self.year_filter, self.client_filter):
            combo.activated.connect(lambda _index: self.reload())
        self.language = QComboBox()
        self.language.addItem(self.tr("PDF in German"), "de")
        self.language.addItem(self.tr("PDF in English"), "en")
        self.model = InvoiceTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the client's name
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _index: self.edit_draft())
        self.totals_label = QLabel()
        self.totals_label.setStyleSheet("font-weight: 600")
        self.buttons = {}
        actions = [
            ("new", self.tr("New invoice…"), self.new_invoice),
            ("edit", self.tr("Edit draft…"), self.edit_draft),
            ("issue", self.tr("Issue…"), self.issue_selected),
            ("pay", self.tr("Record payment…"), self.record_payment),
            ("cancel", self.tr("Cancel invoice…"), self.cancel_selected),
            ("delete", self.tr("Delete draft"), self.delete_draft),
            ("pdf", self.tr("Save PDF…"), self.save_pdf),
            ("print", self.tr("Print…"), self.print_selected),
            ("refresh", self.tr("Refresh"), self.reload),
            ("prices", self.tr("Price list…"), self.edit_prices),
            ("studio", self.tr("Studio details…"), self.edit_studio),
        ]
        for key, text, slot in actions:
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, run=slot: run())
            self.buttons[key] = button
        filters = QHBoxLayout()
        for widget in (self.status_filter, self.year_filter, self.client_filter):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.buttons["refresh"])
        row = QHBoxLayout()
        for key in ("new", "edit", "issue", "pay", "cancel", "delete"):
            row.addWidget(self.buttons[key])
        row.addStretch(1)
        for widget in (self.language, self.buttons["pdf"], self.buttons["print"]):
            row.addWidget(widget)
        row.addWidget(self.buttons["prices"])
        row.addWidget(self.buttons["studio"])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addWidget(self.totals_label)
        layout.addLayout(row)
        self.addActions(
            [self.undo_stack.createUndoAction(self), self.undo_stack.createRedoAction(self)]
        )
        for action, shortcut in zip(self.actions(), ("Ctrl+Z", "Ctrl+Shift+Z"), strict=True):
            action.setShortcut(shortcut)
        self.buttons["refresh"].setShortcut("F5")  # invoices written elsewhere
        self._update_buttons()
        self.reload()

    # -- loading -------------------------------------------------------------------------
    def reload(self) -> None:
        """Load the invoices under the current filters (in a job)."""
        filters = (
            self.status_filter.currentData(),
            self.year_filter.currentData(),
            self.client_filter.currentData(),
        )
        self._loading = True
        self.jobs.start(lambda _job: load_listing(*filters), self._loaded, self._load_failed)

    def _load_failed(self, error: Exception) -> None:
        self._loading = False
        self.show_error(error)

    def _loaded(self, listing: Listing) -> None:
        self._loading = False
        current = self.selected()
        wanted = self._select_after_load or (current.id if current else None)
        self._select_after_load = None
        self.listing = listing
        self._refill(self.year_filter, self.tr("All years"), [(str(y), y) for y in listing.years])
        self._refill(
            self.client_filter, self.tr("All clients"), [(c.name, c.id) for c in listing.clients]
        )
        self.model.set_records(listing.invoices)
        self.totals_label.setText(
            self.tr("Open: %1 · Overdue: %2")
            .replace("%1", money_text(listing.open_total))
            .replace("%2", money_text(listing.overdue_total))
        )
        if wanted is not None:
            self.select_invoice(wanted)
        self._update_buttons()
        if self._prefill_after_load is not None:
            prefill, self._prefill_after_load = self._prefill_after_load, None
            self.new_invoice(prefill)

    @staticmethod
    def _refill(combo: QComboBox, all_text: str, entries) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, None)
        for text, data in entries:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)

    def selected(self) -> InvoiceRecord | None:
        """The invoice of the current row."""
        return self.model.record(self.table.currentIndex().row())

    def select_invoice(self, invoice_id: int) -> None:
        """Make the invoice's row current."""
        for row, record in enumerate(self.model.records):
            if record.id == invoice_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        record = self.selected()
        draft = record is not None and record.state == "draft"
        issued = record is not None and record.number is not None
        self.buttons["edit"].setEnabled(draft)
        self.buttons["issue"].setEnabled(draft)
        self.buttons["delete"].setEnabled(draft)
        self.buttons["pay"].setEnabled(record is not None and record.open_amount > 0)
        cancellable = issued and record.state == "issued" and record.kind == "invoice"
        self.buttons["cancel"].setEnabled(cancellable)
        self.buttons["pdf"].setEnabled(issued)
        self.buttons["print"].setEnabled(issued)
        self.buttons["new"].setEnabled(self.listing is not None)

    # -- actions -------------------------------------------------------------------------
    def run_write(self, work, select: int | None = None) -> None:
        """Run a write in a job; reload (and select `select` or the result's id) after."""

        def done(result) -> None:
            self._select_after_load = select or getattr(result, "id", None)
            self.changed.emit()
            self.reload()

        self.jobs.start(lambda _job: work(), done, self.show_error)

    def _open(self, dialog: QWidget, on_accept) -> QWidget:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(
            lambda result: on_accept() if result == QDialog.DialogCode.Accepted else None
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def new_invoice(self, prefill: dict | None = None) -> QWidget | None:
        """Open the editor for a new draft (`prefill`: client_id, task_id, title, service_date)."""
        if self.listing is None:
            return None
        editor = InvoiceEditor(
            self.listing.clients, self.listing.profiles, self.listing.prices, None, prefill, self
        )

        def create() -> None:
            v = editor.values()
            self.run_write(
                lambda: invoice_cases.create_draft(
                    client_id=v.client_id, task_id=v.task_id, items=v.items,
                    tax_profile=v.tax_profile, notes=v.notes, service_date=v.service_date,
                    payment_days=load_studio().payment_days,
                )
            )  # fmt: skip

        return self._open(editor, create)

    def new_invoice_when_ready(self, prefill: dict) -> None:
        """Open the editor with `prefill` once the clients and prices are loaded."""
        if self.listing is None or self._loading:
            self._prefill_after_load = prefill
        else:
            self.new_invoice(prefill)

    def edit_draft(self) -> None:
        """Open the selected draft in the editor (its lines are loaded first)."""
        record = self.selected()
        if record is None or record.state != "draft" or self.listing is None:
            return
        self.jobs.start(lambda _job: get_invoice(record.id), self._edit_loaded, self.show_error)

    def _edit_loaded(self, invoice: InvoiceRecord) -> None:
        editor = InvoiceEditor(
            self.listing.clients, self.listing.profiles, self.listing.prices, invoice, None, self
        )

        def save() -> None:
            v = editor.values()
            self.run_write(
                lambda: invoice_cases.update_draft(
                    invoice.id, items=v.items, client_id=v.client_id, notes=v.notes,
                    service_date=v.service_date,
                )
            )  # fmt: skip

        self._open(editor, save)

    def _confirm(self, title: str, text: str, on_yes) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(
            lambda result: on_yes() if result == QMessageBox.StandardButton.Yes else None
        )
        self.dialog = box
        box.open()
        return box

    def issue_selected(self) -> QMessageBox | None:
        """Ask, then give the selected draft its number (a legal act: it cannot be undone)."""
        record = self.selected()
        if record is None or record.state != "draft":
            return None
        studio = load_studio()
        text = (
            self.tr(
                "Issue this invoice to %1 over %2?\n\nIt gets the next invoice number and can "
                "never be changed again; a mistake needs a cancellation invoice."
            )
            .replace("%1", record.client_name)
            .replace("%2", money_text(record.totals.gross))
        )
        return self._confirm(
            self.tr("Issue invoice"),
            text,
            lambda: self.run_write(
                lambda: invoice_cases.issue_invoice(record.id, studio), record.id
            ),
        )

    def cancel_selected(self) -> QMessageBox | None:
        """Ask, then cancel the selected invoice by a cancellation invoice."""
        record = self.selected()
        if record is None or record.number is None:
            return None
        studio = load_studio()
        text = self.tr(
            "Cancel invoice %1?\n\nA cancellation invoice with the next number is issued "
            "that credits every amount of %1. This cannot be undone."
        ).replace("%1", record.number)
        return self._confirm(
            self.tr("Cancel invoice"),
            text,
            lambda: self.run_write(lambda: invoice_cases.cancel_invoice(record.number, studio)),
        )

    def delete_draft(self) -> None:
        """Delete the selected draft (Ctrl+Z brings it back)."""
        record = self.selected()
        if record is not None and record.state == "draft":
            self.undo_stack.push(DeleteDraftCommand(self, record))

    def record_payment(self) -> QWidget | None:
        """Ask for amount, day and method; the booking can be undone (Ctrl+Z)."""
        record = self.selected()
        if record is None or record.open_amount <= 0:
            return None
        dialog = PaymentDialog(record, self)

        def book() -> None:
            amount, day, method = dialog.values()
            command = RecordPaymentCommand(self, record.id, record.number, amount, day, method)
            self.undo_stack.push(command)

        return self._open(dialog, book)

    def save_pdf(self, path: str | None = None) -> None:
        """Write the selected invoice as PDF (asks for the file when `path` is None)."""
        record = self.selected()
        if record is None or record.number is None:
            return
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Save invoice as PDF"), f"{record.number}.pdf", "PDF (*.pdf)"
            )
            if not path:
                return
        lang = self.language.currentData()
        self.jobs.start(
            lambda _job: get_invoice(record.id),
            lambda invoice: self._write_pdf(invoice, path, lang),
            self.show_error,
        )

    def _write_pdf(self, invoice: InvoiceRecord, path: str, lang: str) -> None:
        try:
            write_invoice_pdf(invoice, path, lang)
        except (OSError, PhotoflowError) as exc:  # a full disk, a folder without rights
            self.show_error(exc)

    def print_selected(self) -> None:
        """Print the selected invoice through the system's print dialog."""
        record = self.selected()
        if record is not None and record.number is not None:
            lang = self.language.currentData()
            self.jobs.start(
                lambda _job: get_invoice(record.id),
                lambda invoice: self._print(invoice, lang),
                self.show_error,
            )

    def _print(self, invoice: InvoiceRecord, lang: str) -> None:
        try:
            print_invoice(invoice, lang, self)
        except PhotoflowError as exc:  # no print support in this build
            self.show_error(exc)

    def edit_prices(self) -> QWidget:
        """Open the price list; new entries are offered in the editor after it closes."""
        dialog = PriceListDialog(self.jobs, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.reload())
        self.dialog = dialog
        dialog.open()
        return dialog

    def edit_studio(self) -> QWidget:
        """Open the studio details form."""
        return self._open(StudioDialog(self), lambda: None)

    def show_error(self, error: Exception) -> None:
        """Say what went wrong in one box (the data stays as it was)."""
        QMessageBox.warning(self, self.tr("Invoices"), str(error))
