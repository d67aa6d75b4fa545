"""Clients, invoices and payments travel with backups and restores (both backends)."""

from datetime import date

import peewee
import pytest

from photoflow_desktop.cli.invoice_input import invoice_json
from photoflow_desktop.domain import invoices, payments
from photoflow_desktop.domain.clients import list_clients
from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.invoice_models import Invoice
from photoflow_desktop.domain.invoice_queries import list_invoices
from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.maintenance import backend_for
from tests.support.invoices import STUDIO

TODAY = date(2026, 6, 15)


def snapshot():
    return [invoice_json(r) for r in list_invoices(today=TODAY)], list_clients()


def test_restore_brings_back_invoices_payments_and_the_counter(db, database_url, tmp_path):
    seed_board()
    backend = backend_for(database_url, db)
    saved = snapshot()
    backup = backend.backup(tmp_path)
    issued = next(r for r in list_invoices(today=TODAY) if r.status == "issued")
    payments.record_payment(issued.number, issued.totals.gross)
    draft = next(r for r in list_invoices() if r.status == "draft")
    newer = invoices.issue_invoice(draft.id, STUDIO)
    assert snapshot() != saved

    backend.restore(backup.path, safety_backup_dir=tmp_path)

    assert snapshot() == saved
    again = invoices.issue_invoice(draft.id, STUDIO)
    assert again.number == newer.number  # the restored counter gives the same next number
    guard = pytest.raises(peewee.DatabaseError, match="cannot be changed")
    with guard, database_proxy.atomic():
        Invoice.update(total_gross=0).where(Invoice.id == again.id).execute()


def test_restoring_a_backup_from_before_invoices_then_migrating_again(db, database_url, tmp_path):
    from photoflow_desktop.maintenance import migrations

    while "007_clients_invoices" in migrations.status().applied:
        migrations.rollback_last()  # later migrations first
    backend = backend_for(database_url, db)
    before_invoices = backend.backup(tmp_path)
    migrations.apply_pending()
    seed_board()  # clients, invoices and order links the old backup knows nothing of

    backend.restore(before_invoices.path, safety_backup_dir=tmp_path)

    assert migrations.status().pending[0] == "007_clients_invoices"
    migrations.apply_pending()
    assert list_invoices() == [] and list_clients() == []
    seed_board()
    assert next(r.number for r in list_invoices() if r.number).endswith("-0001")
