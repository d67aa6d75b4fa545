"""Invoice lines and totals as German invoices show them: each line's net rounded to cents,
then per VAT rate the net summed and its VAT rounded half-up, gross = net + VAT (DESIGN.md §10)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from photoflow_desktop.domain.errors import Message, Phrase, ValidationError
from photoflow_desktop.domain.invoice_records import InvoiceLine, ItemDraft, RateTotal, Totals
from photoflow_desktop.domain.money import ZERO, parse_decimal, parse_money, to_cents
from photoflow_desktop.domain.validation import clean_text

MAX_UNIT_PRICE = Decimal("1000000.00")
MAX_QUANTITY = Decimal("10000.000")
MAX_GROSS = Decimal("9999999999.99")  # NUMERIC(12,2)
MAX_LINES = 500


def check_line(draft: ItemDraft, default_rate: Decimal, small_business: bool, number: int):
    """The draft as an InvoiceLine, or ValidationError naming the line and the broken rule."""

    def where(label: str) -> Message:
        return Message("Line {number}: {label}", number=number, label=Phrase(label))

    description = clean_text(
        draft.description, "description", where("Description"), 2000, required=True
    )
    unit = clean_text(draft.unit, "unit", where("Unit"), 50, required=False)
    quantity = parse_decimal(
        draft.quantity, where("Quantity"), places=3, maximum=MAX_QUANTITY, field="quantity"
    )
    if quantity == 0:
        raise ValidationError(
            "Line {number}: Quantity must be more than 0", "quantity", number=number
        )
    price = parse_money(draft.unit_price, where("Unit price"), "unit_price", maximum=MAX_UNIT_PRICE)
    if draft.vat_rate is None or draft.vat_rate == "":
        rate = default_rate
    else:
        rate = parse_decimal(
            draft.vat_rate, where("VAT"), places=2, maximum=Decimal(100), field="vat_rate"
        )
    if small_business and rate != 0:
        raise ValidationError(
            "Line {number}: VAT {rate} % is not allowed: a Kleinunternehmer (§ 19 UStG) charges "
            "no VAT",
            "vat_rate",
            number=number,
            rate=rate,
        )
    return make_line(description, quantity, unit, price, rate)


def make_line(description, quantity, unit, unit_price, vat_rate) -> InvoiceLine:
    """An InvoiceLine from checked values (net = quantity × unit price, half-up to cents)."""
    return InvoiceLine(
        description, quantity, unit, unit_price, vat_rate, to_cents(quantity * unit_price)
    )


def compute_totals(lines) -> Totals:
    """Net and VAT per rate (VAT rounded once per rate, half-up) and the invoice's sums."""
    nets: dict[Decimal, Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        nets[line.vat_rate] += line.net
    rates = tuple(
        RateTotal(rate, net, to_cents(net * rate / 100)) for rate, net in sorted(nets.items())
    )
    net = sum((r.net for r in rates), ZERO)
    vat = sum((r.vat for r in rates), ZERO)
    if abs(net + vat) > MAX_GROSS:
        raise ValidationError("The invoice total is too large", "items")
    return Totals(rates, net, vat, net + vat)
