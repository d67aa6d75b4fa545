"""Reading invoices: one with its lines, or lists filtered by status, year and client."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date
from decimal import Decimal

import peewee

from photoflow_desktop.domain.errors import NotFoundError, ValidationError
from photoflow_desktop.domain.invoice_models import Client, Invoice, InvoiceItem, Payment
from photoflow_desktop.domain.invoice_records import InvoiceRecord, StudioDetails, Totals
from photoflow_desktop.domain.invoice_status import STATUSES, derive_status
from photoflow_desktop.domain.invoice_totals import compute_totals, make_line
from photoflow_desktop.domain.money import ZERO


def paid_sums(invoice_ids=None) -> dict[int, Decimal]:
    """{invoice id: sum of its payments}."""
    query = Payment.select(Payment.invoice, peewee.fn.SUM(Payment.amount)).group_by(Payment.invoice)
    if invoice_ids is not None:
        query = query.where(Payment.invoice.in_(list(invoice_ids)))
    return {invoice_id: Payment.amount.python_value(total) for invoice_id, total in query.tuples()}


def studio_from_json(text: str) -> StudioDetails:
    """The seller snapshot stored with an issued invoice."""
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        data = {}
    known = {f.name for f in fields(StudioDetails)}
    return StudioDetails(**{k: v for k, v in data.items() if k in known})


def _numbers(ids) -> dict[int, str]:
    ids = [i for i in ids if i is not None]
    if not ids:
        return {}
    return dict(Invoice.select(Invoice.id, Invoice.number).where(Invoice.id.in_(ids)).tuples())


def _cancelled_by(ids) -> dict[int, str]:
    query = Invoice.select(Invoice.cancels, Invoice.number).where(Invoice.cancels.in_(list(ids)))
    return dict(query.tuples())


def _record(row, client: Client, paid, today, lines=(), totals=None, refs=None) -> InvoiceRecord:
    refs = refs or {}
    draft = row.state == "draft"
    if totals is None:
        totals = Totals((), row.total_net, row.total_vat, row.total_gross)
    return InvoiceRecord(
        id=row.id,
        number=row.number,
        kind=row.kind,
        state=row.state,
        status=derive_status(row.state, row.kind, row.total_gross, paid, row.due_date, today),
        client_id=client.id,
        client_name=client.name if draft else row.client_name,
        client_address=client.address if draft else row.client_address,
        client_tax_id=client.tax_id if draft else row.client_tax_id,
        task_id=row.task_id,
        tax_profile=row.tax_profile_id,
        small_business=bool(row.small_business),
        tax_note=row.tax_note,
        issue_date=row.issue_date,
        service_date=row.service_date,
        due_date=row.due_date,
        notes=row.notes,
        totals=totals,
        paid=paid,
        lines=tuple(lines),
        cancels_number=refs.get("cancels"),
        cancelled_by_number=refs.get("cancelled_by"),
        seller=studio_from_json(row.seller),
    )


def invoice_lines(invoice_id: int):
    """The invoice's lines in order."""
    rows = (
        InvoiceItem.select().where(InvoiceItem.invoice == invoice_id).order_by(InvoiceItem.position)
    )
    return [make_line(r.description, r.quantity, r.unit, r.unit_price, r.vat_rate) for r in rows]


def get_invoice(invoice_id: int, today: date | None = None) -> InvoiceRecord:
    """The invoice with its lines, totals per rate and payments; NotFoundError if unknown."""
    row = Invoice.get_or_none(Invoice.id == invoice_id)
    if row is None:
        raise NotFoundError("Invoice draft #{invoice_id} does not exist", invoice_id=invoice_id)
    lines = invoice_lines(invoice_id)
    refs = {"cancels": _numbers([row.cancels_id]).get(row.cancels_id)}
    refs["cancelled_by"] = _cancelled_by([row.id]).get(row.id)
    return _record(
        row,
        Client.get_by_id(row.client_id),
        paid_sums([invoice_id]).get(invoice_id, ZERO),
        today or date.today(),
        lines,
        compute_totals(lines),
        refs,
    )


def invoice_id_for_number(number: str) -> int:
    """The id of the invoice numbered `number`; NotFoundError if there is none."""
    text = str(number).strip()
    found = Invoice.select(Invoice.id).where(Invoice.number == text).scalar()
    if found is None:
        raise NotFoundError("There is no invoice numbered '{text}'", text=text)
    return found


def get_invoice_by_number(number: str, today: date | None = None) -> InvoiceRecord:
    """The issued invoice `number` with its lines."""
    return get_invoice(invoice_id_for_number(number), today)


def list_invoices(
    status: str | None = None,
    year: int | None = None,
    client_id: int | None = None,
    today: date | None = None,
) -> list[InvoiceRecord]:
    """Invoices (drafts last, else by number), filtered by derived status, year and client."""
    if status is not None and status not in STATUSES:
        raise ValidationError(
            "Unknown status '{status}' (use one of: {value})",
            status=status,
            value=", ".join(STATUSES),
        )
    query = Invoice.select(Invoice, Client).join(Client, on=Invoice.client == Client.id)
    if year is not None:
        query = query.where(Invoice.year == year)
    if client_id is not None:
        query = query.where(Invoice.client == client_id)
    rows = list(query)
    paid = paid_sums()
    numbers = {row.id: row.number for row in rows}
    cancelled_by = {row.cancels_id: row.number for row in rows if row.cancels_id}
    today = today or date.today()
    records = [
        _record(
            row,
            row.client,
            paid.get(row.id, ZERO),
            today,
            refs={"cancels": numbers.get(row.cancels_id), "cancelled_by": cancelled_by.get(row.id)},
        )
        for row in rows
    ]
    records.sort(key=lambda r: (r.number is None, r.number or "", r.id))
    return [r for r in records if status is None or r.status == status]


def outstanding(records) -> tuple[Decimal, Decimal]:
    """(open amount of all issued invoices, the part of it that is overdue)."""
    open_total = sum((r.open_amount for r in records), ZERO)
    overdue = sum((r.open_amount for r in records if r.status == "overdue"), ZERO)
    return open_total, overdue
