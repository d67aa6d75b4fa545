"""The studio's price list (OpenInvoice's Product): name, unit, unit price, VAT rate."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from photoflow_desktop.domain.errors import NotFoundError, Phrase
from photoflow_desktop.domain.invoice_models import PriceItem
from photoflow_desktop.domain.invoice_records import ItemDraft
from photoflow_desktop.domain.invoice_totals import MAX_UNIT_PRICE
from photoflow_desktop.domain.money import parse_decimal, parse_money
from photoflow_desktop.domain.validation import clean_text


@dataclass(frozen=True)
class PriceRecord:
    """One price list entry."""

    id: int
    name: str
    unit: str
    unit_price: Decimal
    vat_rate: Decimal

    def as_item(self, quantity="1") -> ItemDraft:
        """An invoice line for `quantity` of this entry."""
        return ItemDraft(self.name, quantity, self.unit_price, self.vat_rate, self.unit)


def _values(name, unit, unit_price, vat_rate) -> dict:
    return {
        "name": clean_text(name, "name", Phrase("Name"), 200, required=True),
        "unit": clean_text(unit, "unit", Phrase("Unit"), 50, required=False),
        "unit_price": parse_money(
            unit_price, Phrase("Unit price"), "unit_price", maximum=MAX_UNIT_PRICE
        ),
        "vat_rate": parse_decimal(vat_rate, Phrase("VAT"), maximum=Decimal(100), field="vat_rate"),
    }


def add_price(name, unit_price, vat_rate, unit: str = "") -> PriceRecord:
    """Store a new price list entry."""
    return get_price(PriceItem.insert(_values(name, unit, unit_price, vat_rate)).execute())


def update_price(price_id: int, name, unit_price, vat_rate, unit: str = "") -> PriceRecord:
    """Change an entry (invoices already written keep their own copy of the line)."""
    get_price(price_id)
    values = _values(name, unit, unit_price, vat_rate)
    PriceItem.update(values).where(PriceItem.id == price_id).execute()
    return get_price(price_id)


def delete_price(price_id: int) -> None:
    """Remove an entry."""
    get_price(price_id)
    PriceItem.delete().where(PriceItem.id == price_id).execute()


def get_price(price_id: int) -> PriceRecord:
    """The entry, or NotFoundError."""
    row = PriceItem.get_or_none(PriceItem.id == price_id)
    if row is None:
        raise NotFoundError("Price list entry #{price_id} does not exist", price_id=price_id)
    return PriceRecord(row.id, row.name, row.unit, row.unit_price, row.vat_rate)


def list_prices() -> list[PriceRecord]:
    """Every entry by name."""
    return [
        PriceRecord(row.id, row.name, row.unit, row.unit_price, row.vat_rate)
        for row in PriceItem.select().order_by(PriceItem.name, PriceItem.id)
    ]
