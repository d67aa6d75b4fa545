"""Tax profiles (19 %, 7 %, Kleinunternehmer § 19 UStG) and the studio's default one."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import NotFoundError
from photoflow_desktop.domain.invoice_models import TaxProfile


@dataclass(frozen=True)
class TaxProfileRecord:
    """A VAT regime an invoice is written under."""

    key: str
    name: str
    vat_rate: Decimal
    small_business: bool
    note: str
    is_default: bool


def _record(row: TaxProfile) -> TaxProfileRecord:
    return TaxProfileRecord(
        row.key, row.name, row.vat_rate, bool(row.small_business), row.note, bool(row.is_default)
    )


def list_tax_profiles() -> list[TaxProfileRecord]:
    """Every profile, the default first."""
    rows = TaxProfile.select().order_by(TaxProfile.is_default.desc(), TaxProfile.key)
    return [_record(row) for row in rows]


def get_tax_profile(key: str | None = None) -> TaxProfileRecord:
    """The profile `key`, or the default one when `key` is None; NotFoundError if unknown."""
    if key is None:
        row = TaxProfile.select().order_by(TaxProfile.is_default.desc(), TaxProfile.key).first()
    else:
        row = TaxProfile.get_or_none(TaxProfile.key == key)
    if row is None:
        known = ", ".join(profile.key for profile in list_tax_profiles())
        raise NotFoundError(
            "Tax profile '{key}' does not exist (known: {known})", key=key, known=known
        )
    return _record(row)


def set_default_tax_profile(key: str) -> None:
    """Make `key` the profile new invoices start with."""
    get_tax_profile(key)
    with database_proxy.atomic():
        TaxProfile.update(is_default=False).execute()
        TaxProfile.update(is_default=True).where(TaxProfile.key == key).execute()
