"""The clients window: search, add, edit, and each client's orders and invoices."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.domain import clients as client_cases
from photoflow_desktop.domain.invoice_queries import list_invoices
from photoflow_desktop.domain.invoice_records import ClientRecord
from photoflow_desktop.domain.models import Task
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.invoices.client_dialog import ClientDialog
from photoflow_desktop.ui.invoices.labels import money_text, status_label
from photoflow_desktop.ui.invoices.table_models import ClientTableModel


def _client_details(client_id: int) -> tuple[list[str], list]:
    """Titles of the client's orders and its invoices (runs in a job)."""
    task_ids = client_cases.tasks_of_client(client_id)
    titles = [
        f"#{task_id} {title}"
        for task_id, title in Task.select(Task.id, Task.task).where(Task.id.in_(task_ids)).tuples()
    ]
    return titles, list_invoices(client_id=client_id)


class ClientsWindow(QWidget):
    """Clients list with a search box; the selected client's orders and invoices beside it."""

    changed = Signal()  # a client was added or edited

    def __init__(self, jobs: JobRunner, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.jobs = jobs
        self.setWindowTitle(self.tr("Clients"))
        self.resize(900, 520)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search name, email, phone, address…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.reload)
        self.model = ClientTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _index: self.edit_client())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_details())
        self.add_button = QPushButton(self.tr("Add client…"))
        self.add_button.clicked.connect(self.add_client)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self.edit_client)
        self.orders_list = QListWidget()
        self.invoices_list = QListWidget()
        self.status_label = QLabel()

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search_edit)
        left_layout.addWidget(self.table)
        left_layout.addLayout(buttons)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("Orders")))
        right_layout.addWidget(self.orders_list)
        right_layout.addWidget(QLabel(self.tr("Invoices")))
        right_layout.addWidget(self.invoices_list)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([560, 340])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addWidget(self.status_label)
        self.dialog: QDialog | None = None
        self._select_after_load: int | None = None
        self.reload()

    def selected_client(self) -> ClientRecord | None:
        """The client of the current row."""
        return self.model.record(self.table.currentIndex().row())

    def reload(self) -> None:
        """Load the clients matching the search box (in a job)."""
        text = self.search_edit.text()
        self.jobs.start(
            lambda _job: client_cases.list_clients(text), self._loaded, self._show_error
        )

    def _loaded(self, found: list[ClientRecord]) -> None:
        current = self.selected_client()
        wanted = self._select_after_load or (current.id if current else None)
        self._select_after_load = None
        self.model.set_records(found)
        self.status_label.setText(self.tr("%n client(s)", "", len(found)))
        if wanted is not None:
            self.select_client(wanted)

    def select_client(self, client_id: int) -> None:
        """Make the client's row current."""
        for row, record in enumerate(self.model.records):
            if record.id == client_id:
                self.table.selectRow(row)
                return

    def _show_details(self) -> None:
        client = self.selected_client()
        self.orders_list.clear()
        self.invoices_list.clear()
        if client is None:
            return
        self.jobs.start(lambda _job: _client_details(client.id), self._details_loaded)

    def _details_loaded(self, details) -> None:
        titles, invoices = details
        self.orders_list.addItems(titles)
        self.invoices_list.addItems(
            [
                f"{r.number or self.tr('Draft')}  {status_label(r.status)}  "
                f"{money_text(r.totals.gross)}"
                for r in invoices
            ]
        )

    def add_client(self) -> QDialog:
        """Open the form for a new client."""
        return self._open_dialog(None)

    def edit_client(self) -> QDialog | None:
        """Open the form on the selected client."""
        client = self.selected_client()
        return None if client is None else self._open_dialog(client)

    def _open_dialog(self, client: ClientRecord | None) -> QDialog:
        dialog = ClientDialog(client, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(result: int) -> None:
            draft = dialog.draft()
            if result != QDialog.DialogCode.Accepted or draft is None:
                return

            def save(_job):
                if client is None:
                    return client_cases.add_client(draft)
                return client_cases.update_client(client.id, draft)

            self.jobs.start(save, self._saved, self._show_error)

        dialog.finished.connect(finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, client: ClientRecord) -> None:
        self._select_after_load = client.id
        self.changed.emit()
        self.reload()

    def _show_error(self, error: Exception) -> None:
        QMessageBox.warning(self, self.tr("Clients"), str(error))
