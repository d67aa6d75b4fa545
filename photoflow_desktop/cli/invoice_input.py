"""Turning the `invoice` command's text arguments into checked values (ValidationError → exit 1)."""

from __future__ import annotations

from datetime import date

from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.invoice_records import InvoiceRecord, ItemDraft
from photoflow_desktop.domain.money import format_amount


def parse_id(text: str | None, label: str) -> int | None:
    """A positive whole number, or None when not given."""
    if text is None:
        return None
    value = text.strip()
    if not value.isdigit() or int(value) < 1:
        raise ValidationError(
            "{label} '{text}' is not an id (a whole number like 12)", label=label, text=text
        )
    return int(value)


def parse_day(text: str | None, label: str) -> date | None:
    """YYYY-MM-DD, or None when not given."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            "{label} '{text}' is not a date (use YYYY-MM-DD)", label=label, text=text
        ) from None


def parse_item(text: str) -> ItemDraft:
    """'DESCRIPTION;QTY;UNIT_PRICE;VAT' (VAT may be left out: the tax profile's rate)."""
    parts = text.rsplit(";", 3)
    if len(parts) == 3 and _looks_numeric(parts[1]) and _looks_numeric(parts[2]):
        parts.append("")
    if len(parts) != 4:
        raise ValidationError(
            "Item '{text}' must be written DESCRIPTION;QTY;UNIT_PRICE;VAT (e.g. "
            "'Prints;10;2.50;19')",
            text=text,
        )
    description, quantity, price, vat = (part.strip() for part in parts)
    return ItemDraft(description, quantity, price, vat or None)


def _looks_numeric(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def invoice_json(record: InvoiceRecord) -> dict:
    """The stable JSON form of an invoice in `invoice list --json`."""
    return {
        "id": record.id,
        "number": record.number,
        "kind": record.kind,
        "status": record.status,
        "client": record.client_name,
        "client_id": record.client_id,
        "task_id": record.task_id,
        "issued": _day(record.issue_date),
        "due": _day(record.due_date),
        "net": format_amount(record.totals.net),
        "vat": format_amount(record.totals.vat),
        "total": format_amount(record.totals.gross),
        "paid": format_amount(record.paid),
        "open": format_amount(record.open_amount),
        "cancels": record.cancels_number,
        "cancelled_by": record.cancelled_by_number,
    }
