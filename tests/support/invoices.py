"""Test data for the order-to-cash tests: a studio, a client, an order."""

from __future__ import annotations

from datetime import datetime

from photoflow_desktop.domain import clients, tasks
from photoflow_desktop.domain.invoice_records import ClientDraft, ItemDraft, StudioDetails
from photoflow_desktop.domain.records import TaskDraft

STUDIO = StudioDetails(
    name="Fotostudio Licht & Schatten",
    address="Hauptstraße 1\n10115 Berlin",
    tax_number="27/123/45678",
    vat_id="DE123456789",
    email="hallo@licht-schatten.example",
    bank="Berliner Sparkasse",
    iban="DE89 3704 0044 0532 0130 00",
    bic="COBADEFFXXX",
    footer="Vielen Dank für Ihren Auftrag!",
)

CLIENT = ClientDraft(
    name="Familie Schmidt",
    email="schmidt@example.com",
    phone="+49 30 1234567",
    address="Gartenweg 5\n12345 Potsdam",
)

ITEMS = (
    ItemDraft("Wedding reportage", "1", "1200.00", "19"),
    ItemDraft("Photo book", "2", "89.90", "7"),
)


def add_client(name: str = CLIENT.name, address: str = CLIENT.address):
    """A stored client."""
    return clients.add_client(ClientDraft(name=name, email=CLIENT.email, address=address))


def add_order(title: str = "Wedding Schmidt", client_id: int | None = None):
    """A stored order, linked to `client_id` when given."""
    task = tasks.create_task(TaskDraft(title, datetime(2026, 6, 1, 12, 0), "Gedruckt"))
    if client_id is not None:
        clients.set_task_client(task.id, client_id)
    return task
