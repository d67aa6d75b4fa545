"""Clients, invoices and payments in the JSON export and back in on import (both backends)."""

import json

import pytest

from photoflow_desktop.cli.invoice_input import invoice_json
from photoflow_desktop.domain import invoices
from photoflow_desktop.domain.clients import client_of_task, list_clients
from photoflow_desktop.domain.csvio import export_json, import_text
from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.invoice_queries import list_invoices
from photoflow_desktop.domain.models import Task
from photoflow_desktop.domain.price_list import list_prices
from photoflow_desktop.domain.seed import seed_board
from tests.support.database import bound_database
from tests.support.invoices import ITEMS, STUDIO, add_client

ID_KEYS = ("id", "client_id", "task_id")


def comparable():
    rows = [invoice_json(r) for r in list_invoices()]
    return [{k: v for k, v in row.items() if k not in ID_KEYS} for row in rows]


def test_export_then_import_into_an_empty_database(db, another_database_url):
    seed_board()
    text = export_json()
    before = comparable(), [(c.name, c.address) for c in list_clients()], len(list_prices())
    with bound_database(another_database_url):
        import_text(text)
        after = comparable(), [(c.name, c.address) for c in list_clients()], len(list_prices())
        assert after == before
        linked = Task.get(Task.task == "Wedding Photography - Rossi")
        assert client_of_task(linked.id).name == "Rossi Family"
        draft = next(r for r in list_invoices() if r.status == "draft")
        next_number = invoices.issue_invoice(draft.id, STUDIO).number
        assert next_number.endswith("-0007")  # the counter continues after the imported numbers


def test_importing_the_same_export_again_keeps_each_invoice_once(db):
    seed_board()
    text = export_json()
    import_text(text)
    numbers = [r.number for r in list_invoices() if r.number]
    assert len(numbers) == len(set(numbers)) == 6
    assert len(list_clients()) == 4  # equal clients are reused


def test_a_different_invoice_under_a_known_number_refuses_the_whole_file(db):
    client = add_client()
    draft = invoices.create_draft(client_id=client.id, items=ITEMS)
    invoices.issue_invoice(draft.id, STUDIO)
    document = json.loads(export_json())
    document["invoices"][0]["items"][0]["unit_price"] = "1.00"
    tasks_before = Task.select().count()
    with pytest.raises(ValidationError, match="already exists here with other contents"):
        import_text(json.dumps(document))
    assert Task.select().count() == tasks_before and len(list_invoices()) == 1


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda inv: inv.update(number="26-1"), "not of the form YYYY-NNNN"),
        (lambda inv: inv.update(tax_profile="de_vat_25"), "unknown tax profile"),
        (lambda inv: inv["items"][0].update(quantity="-1"), "Quantity must not be below 0"),
        (lambda inv: inv["items"][0].update(unit_price="abc"), "is not a number"),
        (lambda inv: inv.update(client_id=999), "its client is not in the file"),
        (lambda inv: inv.update(cancels="2025-0042"), "cancels 2025-0042, which is missing"),
    ],
)
def test_bad_invoice_records_are_refused_before_anything_is_written(db, change, says):
    client = add_client()
    invoices.issue_invoice(invoices.create_draft(client_id=client.id, items=ITEMS).id, STUDIO)
    document = json.loads(export_json())
    document["invoices"][0]["number"] = "2027-0001"
    change(document["invoices"][0])
    with pytest.raises(ValidationError, match=says):
        import_text(json.dumps(document))
    assert len(list_invoices()) == 1 and len(list_clients()) == 1
