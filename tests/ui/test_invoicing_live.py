"""Invoicing changes made on another workstation reach an open board's invoices and clients
windows without Refresh — on PostgreSQL through migration 011's notices, on SQLite through the
file's data version — even with no socket.io relay configured."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from photoflow_desktop.domain.clients import add_client
from photoflow_desktop.domain.invoice_records import ClientDraft
from photoflow_desktop.domain.payments import record_payment

WAIT_MS = 15_000  # waits end as soon as the change arrives


def test_a_client_added_elsewhere_appears_in_the_open_clients_window(boards, qtbot):
    _first, second = boards
    clients = second.invoicing.open_clients()
    assert "Familie Wagner" not in [c.name for c in clients.model.records]

    add_client(ClientDraft("Familie Wagner", email="wagner@example.de"))  # another connection

    qtbot.waitUntil(
        lambda: "Familie Wagner" in [c.name for c in clients.model.records], timeout=WAIT_MS
    )


def test_a_payment_recorded_elsewhere_updates_the_open_invoices_window(boards, qtbot):
    _first, second = boards
    invoices = second.invoicing.open_invoices()
    issued = next(r for r in invoices.model.records if r.number and r.open_amount > 0)

    record_payment(issued.number, issued.open_amount, date(2026, 12, 7), "Überweisung")

    def paid() -> bool:
        shown = next(r for r in invoices.model.records if r.id == issued.id)
        return shown.open_amount == Decimal("0.00")

    qtbot.waitUntil(paid, timeout=WAIT_MS)
