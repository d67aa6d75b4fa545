"""Invoices on both backends: drafts, issuing, immutability, cancellation, payments, cascade."""

from datetime import date
from decimal import Decimal

import peewee
import pytest

from photoflow_desktop.domain import clients, invoices, payments, tasks
from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import NotFoundError, ValidationError
from photoflow_desktop.domain.invoice_models import Invoice, InvoiceItem, TaskClient
from photoflow_desktop.domain.invoice_queries import get_invoice_by_number, list_invoices
from photoflow_desktop.domain.invoice_records import ItemDraft
from tests.support.backends import only_postgres
from tests.support.invoices import ITEMS, STUDIO, add_client, add_order

D = Decimal
ISSUED_ON = date(2026, 3, 2)


def issued(client_id, items=ITEMS, on=ISSUED_ON):
    draft = invoices.create_draft(client_id=client_id, items=items)
    return invoices.issue_invoice(draft.id, STUDIO, issue_date=on)


def test_draft_from_an_order_takes_its_client(db):
    client = add_client()
    order = add_order(client_id=client.id)
    draft = invoices.create_draft(task_id=order.id, items=[ItemDraft(order.title, "1", "450.00")])
    assert (draft.number, draft.status, draft.client_name, draft.task_id) == (
        None,
        "draft",
        "Familie Schmidt",
        order.id,
    )
    assert draft.lines[0].vat_rate == D("19.00")  # the studio's default profile
    assert (draft.totals.net, draft.totals.vat, draft.totals.gross) == (
        D("450.00"),
        D("85.50"),
        D("535.50"),
    )


def test_issue_numbers_per_year_and_freezes_the_invoice(db):
    client = add_client()
    first = issued(client.id)
    second = issued(client.id)
    next_year = issued(client.id, on=date(2027, 1, 4))
    assert [first.number, second.number, next_year.number] == [
        "2026-0001",
        "2026-0002",
        "2027-0001",
    ]
    assert (first.issue_date, first.due_date, first.service_date) == (
        ISSUED_ON,
        date(2026, 3, 16),
        ISSUED_ON,
    )
    assert first.seller == STUDIO and first.totals.gross == D("1620.39")
    with pytest.raises(invoices.ImmutableInvoiceError, match="2026-0001 is issued"):
        invoices.update_draft(first.id, items=[ItemDraft("Cheaper", "1", "1.00")])
    with pytest.raises(invoices.ImmutableInvoiceError):
        invoices.delete_draft(first.id)


def test_the_database_itself_refuses_to_rewrite_an_issued_invoice(db):
    invoice = issued(add_client().id)
    for change in (
        lambda: Invoice.update(total_gross=D("1.00")).where(Invoice.id == invoice.id).execute(),
        lambda: (
            Invoice.update(state="draft", number=None).where(Invoice.id == invoice.id).execute()
        ),
        lambda: Invoice.delete().where(Invoice.id == invoice.id).execute(),
        lambda: InvoiceItem.update(unit_price=D("0.01")).execute(),
        lambda: InvoiceItem.delete().execute(),
        lambda: InvoiceItem.insert(
            invoice=invoice.id, position=9, description="x", quantity=1, unit_price=1, vat_rate=0
        ).execute(),
    ):
        with (
            pytest.raises(peewee.DatabaseError, match="cannot be changed"),
            database_proxy.atomic(),
        ):
            change()
    assert get_invoice_by_number(invoice.number).totals.gross == D("1620.39")


def test_client_edits_leave_issued_invoices_as_they_were(db):
    client = add_client()
    invoice = issued(client.id)
    clients.update_client(client.id, clients.ClientDraft("Schmidt GmbH", address="Neu 1"))
    again = get_invoice_by_number(invoice.number)
    assert (again.client_name, again.client_address) == ("Familie Schmidt", invoice.client_address)


def test_cancellation_references_and_negates_the_original(db):
    original = issued(add_client().id)
    cancellation = invoices.cancel_invoice(original.number, STUDIO, issue_date=date(2026, 3, 9))
    assert cancellation.number == "2026-0002" and cancellation.cancels_number == "2026-0001"
    assert cancellation.status == "cancellation"
    assert cancellation.totals.gross == -original.totals.gross
    assert [line.quantity for line in cancellation.lines] == [D("-1.000"), D("-2.000")]
    again = get_invoice_by_number(original.number)
    assert (again.status, again.cancelled_by_number, again.open_amount) == (
        "cancelled",
        "2026-0002",
        D("0.00"),
    )
    with pytest.raises(ValidationError, match="already cancelled"):
        invoices.cancel_invoice(original.number, STUDIO)
    with pytest.raises(ValidationError, match="itself a cancellation"):
        invoices.cancel_invoice(cancellation.number, STUDIO)


def test_payments_drive_the_status(db):
    invoice = issued(add_client().id)  # gross 1620.39, due 2026-03-16
    on_time = date(2026, 3, 10)
    assert get_invoice_by_number(invoice.number, today=on_time).status == "issued"
    assert get_invoice_by_number(invoice.number, today=date(2026, 3, 17)).status == "overdue"
    payments.record_payment(invoice.number, "620.39", date(2026, 3, 5), "transfer")
    partly = get_invoice_by_number(invoice.number, today=on_time)
    assert (partly.status, partly.paid, partly.open_amount) == (
        "partly_paid",
        D("620.39"),
        D("1000.00"),
    )
    with pytest.raises(ValidationError, match=r"more than the open amount 1000\.00"):
        payments.record_payment(invoice.number, "1000.01")
    payments.record_payment(invoice.number, "1000.00", date(2026, 3, 20), "cash")
    assert get_invoice_by_number(invoice.number, today=date(2026, 4, 1)).status == "paid"
    assert [r.number for r in list_invoices(status="paid")] == [invoice.number]


def test_no_payment_on_drafts_or_cancelled_invoices(db):
    client = add_client()
    original = issued(client.id)
    invoices.cancel_invoice(original.number, STUDIO)
    with pytest.raises(ValidationError, match="cancelled: no payment"):
        payments.record_payment(original.number, "10.00")
    with pytest.raises(NotFoundError, match="no invoice numbered '2026-0099'"):
        payments.record_payment("2026-0099", "10.00")


def test_deleting_an_order_unlinks_its_client_but_keeps_the_invoice(db):
    client = add_client()
    order = add_order(client_id=client.id)
    draft = invoices.create_draft(task_id=order.id, items=ITEMS)
    invoice = invoices.issue_invoice(draft.id, STUDIO, issue_date=ISSUED_ON)
    tasks.delete_task(order.id)
    assert TaskClient.select().count() == 0
    kept = get_invoice_by_number(invoice.number)
    assert (kept.task_id, kept.totals.gross) == (None, invoice.totals.gross)


def test_bad_input_writes_nothing(db):
    client = add_client()
    for kwargs, says in (
        ({"client_id": client.id, "items": [ItemDraft("Print", "-2", "5.00")]}, "below 0"),
        ({"client_id": client.id, "items": [ItemDraft("Print", "1", "5.005")]}, "decimal places"),
        ({"client_id": client.id, "items": [ItemDraft("Print", "1", "5", "120")]}, "above 100"),
        ({"client_id": client.id, "items": [ItemDraft("Print", "x", "5")]}, "not a number"),
        ({"client_id": 999, "items": ITEMS}, "Client #999 does not exist"),
        ({"task_id": 999, "items": ITEMS}, "Order #999 does not exist"),
        ({"task_id": add_order().id, "items": ITEMS}, "has no client"),
    ):
        with pytest.raises((ValidationError, NotFoundError), match=says):
            invoices.create_draft(**kwargs)
    assert Invoice.select().count() == 0 and InvoiceItem.select().count() == 0


def test_issuing_needs_the_studio_details_and_an_amount(db):
    draft = invoices.create_draft(client_id=add_client().id, items=ITEMS)
    from dataclasses import replace

    with pytest.raises(ValidationError, match="tax number or VAT id must be set"):
        invoices.issue_invoice(draft.id, replace(STUDIO, tax_number="", vat_id=""))
    empty = invoices.create_draft(client_id=draft.client_id)
    with pytest.raises(ValidationError, match="without lines"):
        invoices.issue_invoice(empty.id, STUDIO)
    no_address = invoices.create_draft(client_id=add_client("Walk-in", address="").id, items=ITEMS)
    with pytest.raises(ValidationError, match="has no address"):
        invoices.issue_invoice(no_address.id, STUDIO)
    assert Invoice.select().where(Invoice.number.is_null(False)).count() == 0
    # the refused issues took no number: the next one is still the first
    assert invoices.issue_invoice(draft.id, STUDIO, ISSUED_ON).number == "2026-0001"


def test_small_business_invoice_has_no_vat_and_the_note(db):
    draft = invoices.create_draft(
        client_id=add_client().id,
        items=[ItemDraft("Portrait session", "1", "150.00")],
        tax_profile="de_small_business",
    )
    invoice = invoices.issue_invoice(draft.id, STUDIO, ISSUED_ON)
    assert (invoice.totals.vat, invoice.totals.gross) == (D("0.00"), D("150.00"))
    assert invoice.small_business and "§ 19 UStG" in invoice.tax_note


def test_the_seed_has_clients_and_invoices_in_every_state(db):
    from photoflow_desktop.domain.invoice_status import STATUSES
    from photoflow_desktop.domain.seed import seed_board

    seed_board()
    assert {r.status for r in list_invoices()} == set(STATUSES)
    assert len(clients.list_clients()) == 4
    numbers = [r.number for r in list_invoices() if r.number]
    year = int(numbers[0][:4])
    assert numbers == [f"{year}-{n:04d}" for n in range(1, len(numbers) + 1)]


def test_an_order_deleted_by_the_web_app_loses_its_client_link(db, database_url, backend):
    import sqlite3

    import psycopg2

    from photoflow_desktop.domain.db import sqlite_path

    client = add_client()
    order = add_order(client_id=client.id)
    invoice = issued(client.id)
    Invoice.update(task=order.id).where(Invoice.id == invoice.id).execute()  # allowed: not frozen
    # Plain SQL on a connection of its own, as the web app deletes (Prisma turns SQLite's
    # foreign keys on).
    if backend == "sqlite":
        web_app = sqlite3.connect(sqlite_path(database_url), isolation_level=None)
        web_app.execute("PRAGMA foreign_keys = ON")
        web_app.execute('DELETE FROM "Tasks" WHERE id = ?', (order.id,))
    else:
        web_app = psycopg2.connect(database_url)
        with web_app, web_app.cursor() as cursor:
            cursor.execute('DELETE FROM "Tasks" WHERE id = %s', (order.id,))
    web_app.close()
    assert TaskClient.select().count() == 0
    assert get_invoice_by_number(invoice.number).task_id is None


@only_postgres  # detach exists on PostgreSQL only
def test_orders_deleted_while_detached_lose_their_links_when_attached_again(db):
    from photoflow_desktop.maintenance import detach

    client = add_client()
    kept, deleted = add_order("Kept", client.id), add_order("Deleted", client.id)
    detach.detach()  # the web app alone: no trigger of ours on "Tasks"
    db.execute_sql('DELETE FROM "Tasks" WHERE id = %s', (deleted.id,))
    assert TaskClient.select().count() == 2
    detach.reattach()
    assert [link.task_id for link in TaskClient.select()] == [kept.id]
    tasks.delete_task(kept.id)  # attached again: the trigger follows the next delete
    assert TaskClient.select().count() == 0
