"""Clients, price list, invoices and payments in the JSON export, and back in on import.

Import is all or nothing (it runs inside the board import's transaction) and checks every
record first. Clients equal to one already stored are reused; an issued invoice whose number
already exists is the same legal document and is skipped (a different one with that number is
refused); drafts are added. Numbers keep their counters ahead of every imported number.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from datetime import date, datetime

from photoflow_desktop.domain.clients import CLIENT_FIELDS, validate_client
from photoflow_desktop.domain.errors import Message, Phrase, ValidationError
from photoflow_desktop.domain.invoice_models import (
    DRAFT,
    KIND_CANCELLATION,
    Client,
    Invoice,
    InvoiceCounter,
    InvoiceItem,
    Payment,
    PriceItem,
    TaskClient,
    TaxProfile,
)
from photoflow_desktop.domain.invoice_queries import invoice_lines, studio_from_json
from photoflow_desktop.domain.invoice_records import ClientDraft
from photoflow_desktop.domain.invoice_totals import compute_totals, make_line
from photoflow_desktop.domain.models import utc_now
from photoflow_desktop.domain.money import format_amount, parse_decimal, parse_money
from photoflow_desktop.domain.validation import clean_text

INVOICE_TEXT = (
    *("kind", "state", "tax_profile", "tax_note", "client_name", "client_address"),
    *("client_tax_id", "notes"),
)
INVOICE_DATES = ("issue_date", "service_date", "due_date")
KNOWN_STATES = ("draft", "issued", "cancelled")
NUMBER = re.compile(r"^\d{4}-\d{4,}$")
STAMPS = ("created_at", "issued_at", "cancelled_at")


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def export_invoice_data() -> dict:
    """Everything of order-to-cash as JSON-ready dicts (money as decimal strings)."""
    payments: dict[int, list] = {}
    for p in Payment.select().order_by(Payment.id):
        payments.setdefault(p.invoice_id, []).append(
            {"paid_on": _day(p.paid_on), "amount": format_amount(p.amount), "method": p.method}
        )
    numbers = dict(Invoice.select(Invoice.id, Invoice.number).tuples())
    invoices = []
    for row in Invoice.select().order_by(Invoice.id):
        record = {
            "id": row.id,
            "number": row.number,
            "cancels": numbers.get(row.cancels_id),
            "client_id": row.client_id,
            "task_id": row.task_id,
            "small_business": bool(row.small_business),
            "payment_days": row.payment_days,
            "seller": json.loads(row.seller) if row.seller else None,
        }
        record |= {
            name: getattr(row, name if name != "tax_profile" else "tax_profile_id")
            for name in INVOICE_TEXT
        }
        record |= {name: _day(getattr(row, name)) for name in INVOICE_DATES}
        record |= {name: getattr(row, name) and getattr(row, name).isoformat() for name in STAMPS}
        record["items"] = [
            {
                "description": line.description,
                "quantity": f"{line.quantity:f}",
                "unit": line.unit,
                "unit_price": format_amount(line.unit_price),
                "vat_rate": f"{line.vat_rate:f}",
            }
            for line in invoice_lines(row.id)
        ]
        record["payments"] = payments.get(row.id, [])
        invoices.append(record)
    return {
        "clients": [
            {"id": c.id, **{name: getattr(c, name) for name in CLIENT_FIELDS}}
            for c in Client.select().order_by(Client.id)
        ],
        "task_clients": [
            {"task_id": t, "client_id": c}
            for t, c in TaskClient.select(TaskClient.task, TaskClient.client).tuples()
        ],
        "price_list": [
            {
                "name": p.name,
                "unit": p.unit,
                "unit_price": format_amount(p.unit_price),
                "vat_rate": f"{p.vat_rate:f}",
            }
            for p in PriceItem.select().order_by(PriceItem.id)
        ],
        "invoices": invoices,
    }


def has_invoice_data(data) -> bool:
    """True when an imported JSON document carries clients or invoices."""
    return isinstance(data, dict) and any(
        data.get(key) for key in ("clients", "invoices", "price_list")
    )


def _checked_invoice(raw: dict, client_ids: set, profiles: set) -> dict:
    label = raw.get("number") or Message("draft #{id}", id=raw.get("id"))
    try:
        if raw.get("client_id") not in client_ids:
            raise ValueError(Message("its client is not in the file"))
        if raw.get("tax_profile") not in profiles:
            raise ValueError(Message("unknown tax profile '{name}'", name=raw.get("tax_profile")))
        kind, state = raw.get("kind"), raw.get("state")
        if kind not in ("invoice", KIND_CANCELLATION) or state not in KNOWN_STATES:
            raise ValueError(Message("kind or state is not one PhotoFlow knows"))
        if raw.get("number") is not None and not NUMBER.match(str(raw["number"])):
            raise ValueError(Message("the number is not of the form YYYY-NNNN"))
        if (state == DRAFT) != (raw.get("number") is None):
            raise ValueError(Message("a draft has no number and an issued invoice has one"))
        lowest = None if kind == KIND_CANCELLATION else 0
        lines = [
            make_line(
                clean_text(i.get("description"), "description", Phrase("Description"), 2000, True),
                parse_decimal(i.get("quantity"), Phrase("Quantity"), places=3, minimum=lowest),
                clean_text(i.get("unit"), "unit", Phrase("Unit"), 50, False),
                parse_money(i.get("unit_price"), Phrase("Unit price")),
                parse_decimal(i.get("vat_rate"), Phrase("VAT"), places=2, maximum=100),
            )
            for i in raw.get("items") or []
        ]
        payments = [
            (
                date.fromisoformat(p["paid_on"]),
                parse_money(p["amount"], Phrase("Amount")),
                clean_text(p.get("method"), "method", Phrase("Method"), 100, False),
            )
            for p in raw.get("payments") or []
        ]
        values = {name: raw.get(name) or "" for name in INVOICE_TEXT}
        values |= {
            name: date.fromisoformat(raw[name]) if raw.get(name) else None for name in INVOICE_DATES
        }
        values |= {
            name: datetime.fromisoformat(raw[name]) if raw.get(name) else None for name in STAMPS
        }
    except (ValueError, ValidationError, KeyError, TypeError, AttributeError) as exc:
        raise ValidationError("Invoice {label}: {exc}", label=label, exc=exc) from None
    seller = studio_from_json(json.dumps(raw.get("seller") or {}))
    values["seller"] = json.dumps(asdict(seller), ensure_ascii=False) if raw.get("seller") else ""
    values["small_business"] = bool(raw.get("small_business"))
    values["payment_days"] = int(raw.get("payment_days") or 0)
    return {"raw": raw, "values": values, "lines": lines, "payments": payments}


def import_invoice_data(data: dict, task_ids: dict[int, int]) -> int:
    """Add the document's clients, prices and invoices (call inside the import's transaction);
    `task_ids` maps the file's order ids to the stored ones. Returns the invoices added."""
    clients = []
    for raw in data.get("clients") or []:
        try:
            draft = validate_client(ClientDraft(**{n: raw.get(n) or "" for n in CLIENT_FIELDS}))
        except ValidationError as exc:
            raise ValidationError("Client {value}: {exc}", value=raw.get("id"), exc=exc) from None
        clients.append((raw.get("id"), draft))
    profiles = {key for (key,) in TaxProfile.select(TaxProfile.key).tuples()}
    originals_first = sorted(
        (raw for raw in data.get("invoices") or [] if isinstance(raw, dict)),
        key=lambda raw: (raw.get("cancels") is not None, str(raw.get("number") or "~")),
    )
    client_ids = {old for old, _ in clients}
    invoices = [_checked_invoice(raw, client_ids, profiles) for raw in originals_first]
    numbers = {raw.get("number") for raw in originals_first}
    for raw in originals_first:
        cancels = raw.get("cancels")
        if cancels and cancels not in numbers and not _number_taken(cancels):
            raise ValidationError(
                "Invoice {value} cancels {cancels}, which is missing",
                value=raw.get("number"),
                cancels=cancels,
            )
    client_map = {old: _stored_client(draft) for old, draft in clients}
    for raw in data.get("task_clients") or []:
        task = task_ids.get(raw.get("task_id"))
        if task is not None and raw.get("client_id") in client_map:
            link = {"task": task, "client": client_map[raw["client_id"]]}
            TaskClient.insert(link).on_conflict_ignore().execute()
    for raw in data.get("price_list") or []:
        PriceItem.insert(
            name=clean_text(raw.get("name"), "name", Phrase("Name"), 200, True),
            unit=raw.get("unit") or "",
            unit_price=parse_money(raw.get("unit_price"), Phrase("Unit price")),
            vat_rate=parse_decimal(raw.get("vat_rate"), Phrase("VAT"), maximum=100),
        ).execute()
    added = 0
    for invoice in invoices:
        added += _insert_invoice(invoice, client_map, task_ids)
    return added


def _number_taken(number: str) -> bool:
    return Invoice.select().where(Invoice.number == number).exists()


def _stored_client(draft: ClientDraft) -> int:
    same = Client.select(Client.id)
    for name in CLIENT_FIELDS:
        same = same.where(getattr(Client, name) == getattr(draft, name))
    found = same.order_by(Client.id).scalar()
    if found is not None:
        return found
    return Client.insert({name: getattr(draft, name) for name in CLIENT_FIELDS}).execute()


def _insert_invoice(invoice: dict, client_map: dict, task_ids: dict) -> int:
    raw, values, lines = invoice["raw"], dict(invoice["values"]), invoice["lines"]
    totals = compute_totals(lines)
    number = raw.get("number")
    if number is not None:
        existing = Invoice.get_or_none(Invoice.number == number)
        if existing is not None:
            if (
                existing.total_gross != totals.gross
                or existing.client_name != values["client_name"]
            ):
                raise ValidationError(
                    "Invoice {number} already exists here with other contents; nothing was "
                    "imported",
                    number=number,
                )
            return 0
    frozen = {
        key: values.pop(key)
        for key in ("state", "issue_date", "due_date", "issued_at", "cancelled_at")
    }
    created_at = values.pop("created_at") or utc_now()
    invoice_id = Invoice.insert(
        **values,
        client=client_map[raw["client_id"]],
        task=task_ids.get(raw.get("task_id")),
        total_net=totals.net,
        total_vat=totals.vat,
        total_gross=totals.gross,
        created_at=created_at,
    ).execute()
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
    if number is not None:
        cancels = None
        if raw.get("cancels"):
            cancels = Invoice.select(Invoice.id).where(Invoice.number == raw["cancels"]).scalar()
        year = int(number.split("-")[0])
        Invoice.update(**frozen, number=number, year=year, cancels=cancels).where(
            Invoice.id == invoice_id
        ).execute()
        _advance_counter(year, int(number.split("-")[1]))
    for paid_on, amount, method in invoice["payments"]:
        Payment.insert(invoice=invoice_id, paid_on=paid_on, amount=amount, method=method).execute()
    return 1


def _advance_counter(year: int, sequence: int) -> None:
    InvoiceCounter.insert(year=year, last_number=0).on_conflict_ignore().execute()
    InvoiceCounter.update(last_number=sequence).where(
        (InvoiceCounter.year == year) & (InvoiceCounter.last_number < sequence)
    ).execute()
