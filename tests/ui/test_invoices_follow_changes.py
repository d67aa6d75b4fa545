"""An open invoices window follows invoice and client changes made elsewhere: by the CLI in
another process (announced through the web app's socket.io relay) and by the clients window."""

from __future__ import annotations

import subprocess
import sys

import pytest

from photoflow_desktop.domain.clients import list_clients, update_client
from photoflow_desktop.domain.invoice_records import ClientDraft
from tests.support.linked_board import close_board, link_label, open_board

WAIT_MS = 10_000


@pytest.fixture
def linked_board(qtbot, seeded_session, relay, monkeypatch):
    monkeypatch.setenv("PHOTOFLOW_SOCKETIO_URL", relay.url)
    host = open_board(qtbot, seeded_session)
    qtbot.waitUntil(
        lambda: link_label(host.window).text() == "Web app link: connected", timeout=WAIT_MS
    )
    yield host
    close_board(host)


def _shown_ids(invoices_window) -> set[int]:
    return {record.id for record in invoices_window.model.records}


def test_a_draft_made_by_the_cli_in_another_process_appears_in_the_open_window(linked_board, qtbot):
    window = linked_board.window
    invoices = window.invoicing.open_invoices()
    qtbot.addWidget(invoices)
    qtbot.waitUntil(lambda: bool(invoices.model.records), timeout=WAIT_MS)
    client = list_clients()[0]
    created = subprocess.run(
        [sys.executable, "-m", "photoflow_desktop", "--database-url", window.session.url,
         "invoice", "create", "--client", str(client.id),
         "--item", "Passbilder;2;12.50;19"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    draft_id = int(created.stdout.strip())
    qtbot.waitUntil(lambda: draft_id in _shown_ids(invoices), timeout=WAIT_MS)


def test_a_client_renamed_in_the_clients_window_is_renamed_in_the_invoices_filter(
    linked_board, qtbot
):
    window = linked_board.window
    invoices = window.invoicing.open_invoices()
    clients = window.invoicing.open_clients()
    qtbot.addWidget(invoices)
    qtbot.addWidget(clients)
    client = list_clients()[0]
    update_client(client.id, ClientDraft("Familie Umbenannt", client.email))
    clients.changed.emit()  # what the clients window says after its own save

    def names() -> list[str]:
        combo = invoices.client_filter
        return [combo.itemText(i) for i in range(combo.count())]

    qtbot.waitUntil(lambda: "Familie Umbenannt" in names(), timeout=WAIT_MS)
