"""Invoice use cases: create and edit drafts, issue (numbered, frozen), cancel (by a
cancellation invoice that references the original), delete a draft."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from datetime import date, timedelta

import peewee

from photoflow_desktop.domain.clients import client_of_task, get_client
from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import NotFoundError, PhotoflowError, Phrase, ValidationError
from photoflow_desktop.domain.invoice_models import (
    CANCELLED,
    DRAFT,
    ISSUED,
    KIND_CANCELLATION,
    Client,
    Invoice,
    InvoiceItem,
)
from photoflow_desktop.domain.invoice_numbers import take_next_number, write_transaction
from photoflow_desktop.domain.invoice_queries import (
    get_invoice,
    invoice_id_for_number,
    invoice_lines,
)
from photoflow_desktop.domain.invoice_records import InvoiceRecord, StudioDetails
from photoflow_desktop.domain.invoice_totals import MAX_LINES, check_line, compute_totals
from photoflow_desktop.domain.models import Task, utc_now
from photoflow_desktop.domain.tax_profiles import get_tax_profile
from photoflow_desktop.domain.validation import clean_text

SMALL_INVOICE_LIMIT = 250  # § 33 UStDV: below this gross, the client's address may be left out
MAX_PAYMENT_DAYS = 365


class ImmutableInvoiceError(PhotoflowError):
    """An issued invoice cannot be changed; the message says to cancel it instead."""


def _checked_lines(items, profile):
    items = list(items)
    if len(items) > MAX_LINES:
        raise ValidationError("An invoice has at most {limit} lines", "items", limit=MAX_LINES)
    return [
        check_line(item, profile.vat_rate, profile.small_business, number)
        for number, item in enumerate(items, start=1)
    ]


def _client_for(client_id, task_id) -> int:
    if task_id is not None:
        if not Task.select().where(Task.id == task_id).exists():
            raise NotFoundError("Order #{task_id} does not exist", task_id=task_id)
        if client_id is None:
            linked = client_of_task(task_id)
            if linked is None:
                raise ValidationError(
                    "Order #{task_id} has no client: choose one for the order (photoflow "
                    "clients link) or give a client",
                    "client",
                    task_id=task_id,
                )
            return linked.id
    if client_id is None:
        raise ValidationError("An invoice needs a client or an order with a client", "client")
    return get_client(client_id).id


def _check_payment_days(days) -> int:
    if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= MAX_PAYMENT_DAYS:
        raise ValidationError(
            "Payment term must be 0 to {MAX_PAYMENT_DAYS} days (got {days})",
            "payment_days",
            MAX_PAYMENT_DAYS=MAX_PAYMENT_DAYS,
            days=days,
        )
    return days


def _write_lines(invoice_id: int, lines) -> None:
    InvoiceItem.delete().where(InvoiceItem.invoice == invoice_id).execute()
    for position, line in enumerate(lines, start=1):
        InvoiceItem.insert(
            invoice=invoice_id,
            position=position,
            description=line.description,
            quantity=line.quantity,
            unit=line.unit,
            unit_price=line.unit_price,
            vat_rate=line.vat_rate,
        ).execute()
    totals = compute_totals(lines)
    Invoice.update(total_net=totals.net, total_vat=totals.vat, total_gross=totals.gross).where(
        Invoice.id == invoice_id
    ).execute()


def create_draft(
    client_id: int | None = None,
    task_id: int | None = None,
    items=(),
    tax_profile: str | None = None,
    notes: str = "",
    service_date: date | None = None,
    payment_days: int = 14,
) -> InvoiceRecord:
    """A new draft for a client (or an order's client) with `items` (ItemDraft); nothing is
    written when any input is wrong."""
    profile = get_tax_profile(tax_profile)
    lines = _checked_lines(items, profile)
    notes = clean_text(notes, "notes", Phrase("Notes"), 5000, required=False)
    payment_days = _check_payment_days(payment_days)
    with database_proxy.atomic():
        client = _client_for(client_id, task_id)
        invoice_id = Invoice.insert(
            client=client,
            task=task_id,
            tax_profile=profile.key,
            small_business=profile.small_business,
            tax_note=profile.note,
            notes=notes,
            service_date=service_date,
            payment_days=payment_days,
            created_at=utc_now(),
        ).execute()
        _write_lines(invoice_id, lines)
    return get_invoice(invoice_id)


def _draft_row(invoice_id: int) -> Invoice:
    row = Invoice.get_or_none(Invoice.id == invoice_id)
    if row is None:
        raise NotFoundError("Invoice draft #{invoice_id} does not exist", invoice_id=invoice_id)
    if row.state != DRAFT:
        raise ImmutableInvoiceError(
            "Invoice {number} is issued and cannot be changed; cancel it and write a new one",
            number=row.number,
        )
    return row


def update_draft(
    invoice_id: int,
    items=None,
    client_id: int | None = None,
    notes: str | None = None,
    service_date: date | None = None,
) -> InvoiceRecord:
    """Change a draft's lines, client, notes or date of service (issued ones refuse)."""
    with database_proxy.atomic():
        row = _draft_row(invoice_id)
        changes = {}
        if client_id is not None:
            changes["client"] = _client_for(client_id, None)
        if notes is not None:
            changes["notes"] = clean_text(notes, "notes", Phrase("Notes"), 5000, required=False)
        if service_date is not None:
            changes["service_date"] = service_date
        if changes:
            Invoice.update(changes).where(Invoice.id == invoice_id).execute()
        if items is not None:
            _write_lines(invoice_id, _checked_lines(items, get_tax_profile(row.tax_profile_id)))
    return get_invoice(invoice_id)


def delete_draft(invoice_id: int) -> None:
    """Delete a draft (an issued invoice is kept: cancel it instead)."""
    with database_proxy.atomic():
        _draft_row(invoice_id)
        Invoice.delete().where(Invoice.id == invoice_id).execute()


def _freeze(row: Invoice, studio: StudioDetails, issue_date: date, recipient) -> None:
    """Number the draft and copy seller, recipient (name, address, tax id) and dates into it."""
    number = take_next_number(issue_date.year)
    name, address, tax_id = recipient
    updated = (
        Invoice.update(
            state=ISSUED,
            number=number,
            year=issue_date.year,
            issue_date=issue_date,
            service_date=row.service_date or issue_date,
            due_date=issue_date + timedelta(days=row.payment_days),
            client_name=name,
            client_address=address,
            client_tax_id=tax_id,
            seller=json.dumps(asdict(studio), ensure_ascii=False),
            issued_at=utc_now(),
        )
        .where((Invoice.id == row.id) & (Invoice.state == DRAFT))
        .execute()
    )
    if updated != 1:  # another workstation issued it first; the number goes back
        raise ImmutableInvoiceError("Invoice draft #{id} was issued meanwhile", id=row.id)


def _recipient(row: Invoice, gross) -> tuple[str, str, str]:
    client = Client.get_by_id(row.client_id)
    if gross > SMALL_INVOICE_LIMIT and not client.address:
        raise ValidationError(
            "Client '{name}' has no address; an invoice over {limit} € must show "
            "it (add it to the client)",
            "client",
            name=client.name,
            limit=SMALL_INVOICE_LIMIT,
        )
    return client.name, client.address, client.tax_id


def _check_studio(studio: StudioDetails) -> None:
    missing = studio.missing()
    if missing:
        raise ValidationError(
            "The studio's {value} must be set before issuing an invoice (photoflow invoice "
            "studio --help)",
            "studio",
            value=", ".join(missing),
        )


def issue_invoice(
    invoice_id: int, studio: StudioDetails, issue_date: date | None = None
) -> InvoiceRecord:
    """Give the draft the next number of the year and freeze it (a legal act: no undo)."""
    _check_studio(studio)
    issue_date = issue_date or date.today()
    try:
        with write_transaction():
            row = _draft_row(invoice_id)
            lines = invoice_lines(invoice_id)
            if not lines:
                raise ValidationError("An invoice without lines cannot be issued", "items")
            gross = compute_totals(lines).gross
            if gross <= 0:
                raise ValidationError("An invoice must total more than 0.00 to be issued", "items")
            _freeze(row, studio, issue_date, _recipient(row, gross))
    except peewee.IntegrityError as exc:
        raise PhotoflowError("Issuing failed, nothing was changed: {exc}", exc=exc) from None
    return get_invoice(invoice_id)


def cancel_invoice(
    number: str, studio: StudioDetails, issue_date: date | None = None
) -> InvoiceRecord:
    """Cancel an issued invoice by a numbered cancellation invoice with the negated lines."""
    _check_studio(studio)
    issue_date = issue_date or date.today()
    with write_transaction():
        original = Invoice.get_by_id(invoice_id_for_number(number))
        if original.kind == KIND_CANCELLATION:
            raise ValidationError(
                "{number} is itself a cancellation invoice", number=original.number
            )
        if original.state == CANCELLED:
            raise ValidationError("Invoice {number} is already cancelled", number=original.number)
        cancellation_id = Invoice.insert(
            kind=KIND_CANCELLATION,
            cancels=original.id,
            client=original.client_id,
            task=original.task_id,
            tax_profile=original.tax_profile_id,
            small_business=original.small_business,
            tax_note=original.tax_note,
            service_date=original.service_date,
            payment_days=0,
            notes=f"Cancels invoice {original.number}",
            created_at=utc_now(),
        ).execute()
        lines = [
            replace(line, quantity=-line.quantity, net=-line.net)
            for line in invoice_lines(original.id)
        ]
        _write_lines(cancellation_id, lines)
        recipient = (original.client_name, original.client_address, original.client_tax_id)
        _freeze(Invoice.get_by_id(cancellation_id), studio, issue_date, recipient)
        Invoice.update(state=CANCELLED, cancelled_at=utc_now()).where(
            Invoice.id == original.id
        ).execute()
    return get_invoice(cancellation_id)
