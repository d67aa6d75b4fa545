"""The board's doors to order-to-cash: the Invoices menu, "Create invoice" on a card, the
client picker of the task dialog, and client names for the cards."""

from __future__ import annotations

from datetime import UTC
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from photoflow_desktop.domain.clients import client_of_task, list_clients, set_task_client
from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.domain.invoice_records import ClientRecord
from photoflow_desktop.domain.reconnect import connection_guard
from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.messages import user_message

if TYPE_CHECKING:
    from photoflow_desktop.ui.board.task_dialog import TaskDialog
    from photoflow_desktop.ui.invoices.clients_window import ClientsWindow
    from photoflow_desktop.ui.invoices.invoices_window import InvoicesWindow


def read_client_choices(task_id: int | None) -> tuple[list[ClientRecord], int | None]:
    """Every client and the order's current one (the worker reads them for the task dialog)."""
    current = client_of_task(task_id) if task_id is not None else None
    return list_clients(), current.id if current else None


def store_task_client(task_id: int, client_id: int | None) -> None:
    """Link the order to the client (on the worker; a lost connection says so in one line)."""
    with connection_guard(database_proxy):
        set_task_client(task_id, client_id)


class InvoicingLink(QObject):
    """Adds the invoicing actions to a board window and opens the two windows on demand."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.clients_window: ClientsWindow | None = None
        self.invoices_window: InvoicesWindow | None = None
        actions = window.actions
        actions["clients"] = self._action(
            "clients", QCoreApplication.translate("InvoicingLink", "&Clients…"), self.open_clients
        )
        actions["invoices"] = self._action(
            "invoices",
            QCoreApplication.translate("InvoicingLink", "&Invoices…"),
            self.open_invoices,
        )
        actions["create_invoice"] = self._action(
            "create_invoice",
            QCoreApplication.translate("InvoicingLink", "Create &invoice…"),
            self.create_invoice,
        )
        bar = window.menuBar()
        menu = QMenu(QCoreApplication.translate("InvoicingLink", "&Invoices"), window)
        for name in ("invoices", "clients", None, "create_invoice"):
            menu.addSeparator() if name is None else menu.addAction(actions[name])
        # Before the Tools menu (found by its Maintenance action: its title may be translated).
        maintenance = actions.get("maintenance")
        tools = next(
            (a for a in bar.actions() if a.menu() and maintenance in a.menu().actions()), None
        )
        bar.insertMenu(tools, menu) if tools else bar.addMenu(menu)

    def _action(self, name: str, text: str, slot) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def open_clients(self) -> ClientsWindow:
        """Show the clients window (one per board window)."""
        if self.clients_window is None:
            from photoflow_desktop.ui.invoices.clients_window import ClientsWindow  # on first use

            self.clients_window = ClientsWindow(self.window.jobs, self.window)
            self.clients_window.changed.connect(self.window.board.resync)
            self.clients_window.changed.connect(self._clients_changed)
        self.clients_window.show()
        self.clients_window.raise_()
        return self.clients_window

    def open_invoices(self) -> InvoicesWindow:
        """Show the invoices window (one per board window)."""
        if self.invoices_window is None:
            from photoflow_desktop.ui.invoices.invoices_window import InvoicesWindow  # on first use

            self.invoices_window = InvoicesWindow(self.window.jobs, self.window)
            self.invoices_window.changed.connect(self._invoices_changed)
        else:
            self.invoices_window.reload()
        self.invoices_window.show()
        self.invoices_window.raise_()
        return self.invoices_window

    def refresh_open_windows(self) -> None:
        """Read the open invoices and clients windows again (the data changed elsewhere)."""
        for shown in (self.invoices_window, self.clients_window):
            if shown is not None and shown.isVisible():
                shown.reload()

    def _clients_changed(self) -> None:
        self.window.dataWritten.emit()  # the web app link tells other desktops and pages
        if self.invoices_window is not None and self.invoices_window.isVisible():
            self.invoices_window.reload()  # client names and the client filter

    def _invoices_changed(self) -> None:
        self.window.dataWritten.emit()
        if self.clients_window is not None and self.clients_window.isVisible():
            self.clients_window.reload()  # a client's invoices

    def create_invoice(self, task_id: int | None = None) -> None:
        """A new draft for the selected (or given) order: its client and title prefilled."""
        record = self.window.board.find_record(task_id) if task_id else None
        record = record or self.window.board.selected_record()
        if record is None:
            return
        service_day = record.due_at.replace(tzinfo=UTC).astimezone().date()

        def opened(client: ClientRecord | None) -> None:
            prefill = {"task_id": record.id, "title": record.title, "service_date": service_day}
            if client is not None:
                prefill["client_id"] = client.id
            self.open_invoices().new_invoice_when_ready(prefill)

        self.window.jobs.start(lambda _job: client_of_task(record.id), opened)

    def fill_client_choices(self, dialog: TaskDialog, task_id: int | None) -> None:
        """Read the clients (and the order's one) on the worker into the open task dialog."""
        self.window.worker.run_task(
            partial(read_client_choices, task_id),
            on_done=dialog.show_client_choices,
            on_error=dialog.client_choices_failed,
            read_only=True,
        )

    def link_client(self, task_id: int, client_id: int | None, before: int | None) -> None:
        """Store the order's client (on the worker) when the dialog changed it; cards show it."""
        if client_id == before:
            return
        self.window.worker.run_task(
            partial(store_task_client, task_id, client_id),
            on_done=lambda _stored: self.window.board.refresh_client_name(task_id),
            on_error=self._link_failed,
        )

    def _link_failed(self, error: Exception) -> None:
        reason = (
            user_message(error)
            if isinstance(error, PhotoflowError)
            else (str(error).strip().splitlines() or [type(error).__name__])[0]
        )
        self.window.commands.show_failure(
            translate("InvoicingLink", "Client of the order"),
            translate(
                "InvoicingLink",
                "The order was saved, but its client was not set ({reason}). "
                "Choose the client again in the order's form.",
            ).format(reason=reason),
        )
