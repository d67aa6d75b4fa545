"""Value objects of the order-to-cash use cases: clients, items, totals, invoices, studio."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class ClientDraft:
    """What a user enters for a client."""

    name: str
    email: str = ""
    phone: str = ""
    address: str = ""
    tax_id: str = ""
    notes: str = ""


@dataclass(frozen=True)
class ClientRecord:
    """A stored client."""

    id: int
    name: str
    email: str
    phone: str
    address: str
    tax_id: str
    notes: str


@dataclass(frozen=True)
class ItemDraft:
    """One invoice line as entered; quantity, unit price and VAT rate are text or Decimal."""

    description: str
    quantity: object = "1"
    unit_price: object = "0"
    vat_rate: object | None = None  # None: the invoice's tax profile decides
    unit: str = ""


@dataclass(frozen=True)
class InvoiceLine:
    """A checked invoice line with its net amount (quantity × unit price, rounded to cents)."""

    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    vat_rate: Decimal
    net: Decimal


@dataclass(frozen=True)
class RateTotal:
    """The net, VAT and gross of all lines at one VAT rate."""

    rate: Decimal
    net: Decimal
    vat: Decimal

    @property
    def gross(self) -> Decimal:
        """Net plus VAT."""
        return self.net + self.vat


@dataclass(frozen=True)
class Totals:
    """An invoice's sums: per VAT rate (ascending) and overall."""

    rates: tuple[RateTotal, ...]
    net: Decimal
    vat: Decimal
    gross: Decimal


@dataclass(frozen=True)
class StudioDetails:
    """The seller printed on every invoice (§ 14 UStG: name, address, tax number or VAT id)."""

    name: str = ""
    address: str = ""
    tax_number: str = ""
    vat_id: str = ""
    email: str = ""
    phone: str = ""
    bank: str = ""
    iban: str = ""
    bic: str = ""
    footer: str = ""
    payment_days: int = 14

    def missing(self) -> list[str]:
        """Names of the legally required details that are empty."""
        gaps = [
            label
            for label, value in (("name", self.name), ("address", self.address))
            if not value.strip()
        ]
        if not (self.tax_number.strip() or self.vat_id.strip()):
            gaps.append("tax number or VAT id")
        return gaps


@dataclass(frozen=True)
class InvoiceRecord:
    """An invoice as the list, the PDF and the CLI show it (status derived, see invoice_status)."""

    id: int
    number: str | None
    kind: str
    state: str
    status: str
    client_id: int
    client_name: str
    client_address: str
    client_tax_id: str
    task_id: int | None
    tax_profile: str
    small_business: bool
    tax_note: str
    issue_date: date | None
    service_date: date | None
    due_date: date | None
    notes: str
    totals: Totals
    paid: Decimal
    lines: tuple[InvoiceLine, ...] = ()
    cancels_number: str | None = None
    cancelled_by_number: str | None = None
    seller: StudioDetails = field(default_factory=StudioDetails)

    @property
    def open_amount(self) -> Decimal:
        """What is still to be paid (0 for drafts, cancelled and cancellation invoices)."""
        if self.state != "issued" or self.kind != "invoice":
            return Decimal("0.00")
        return max(self.totals.gross - self.paid, Decimal("0.00"))
