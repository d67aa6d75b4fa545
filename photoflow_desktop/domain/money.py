"""Money as Decimal: strict parsing of user input, cents rounded half-up, storage per backend.

German invoices round each line's net and then each VAT rate's tax to cents, half-up
(DESIGN.md §10). Amounts never pass through float. On PostgreSQL a `ScaledDecimalField` is a
NUMERIC(12, places); on SQLite an INTEGER of the smallest unit (cents for money).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import peewee

from photoflow_desktop.domain.db import is_postgres
from photoflow_desktop.domain.errors import ValidationError

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
_NUMBER = re.compile(r"^(-?)(\d+)(?:\.(\d+))?$")


def to_cents(value: Decimal) -> Decimal:
    """`value` rounded half-up to whole cents (0.005 → 0.01)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def format_amount(value: Decimal) -> str:
    """A decimal string with two places and a point, as JSON and the CLI show money ("219.79")."""
    return f"{to_cents(value):.2f}"


def parse_decimal(
    value,
    label: str,
    places: int = 2,
    minimum: Decimal | None = ZERO,
    maximum: Decimal | None = None,
    field: str | None = None,
) -> Decimal:
    """`value` (text, int or Decimal) as a Decimal of at most `places` decimals (ValidationError).

    Text must use a decimal point ("219.79"); a comma, letters, exponents, NaN or more decimals
    than `places` are refused with one sentence saying what to type instead.
    """
    if isinstance(value, (bool, float)):
        raise ValidationError(
            "{label} must be a number written with a decimal point", field, label=label
        )
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValidationError("{label} must be a number", field, label=label)
        value = format(value, "f")
    if not isinstance(value, str):
        raise ValidationError("{label} must be a number", field, label=label)
    text = value.strip()
    match = _NUMBER.match(text)
    if match is None:
        hint = " (use a decimal point, not a comma)" if re.fullmatch(r"-?\d+,\d+", text) else ""
        raise ValidationError(
            "{label} '{text}' is not a number{hint}", field, label=label, text=text, hint=hint
        )
    decimals = match.group(3) or ""
    if len(decimals) > places:
        raise ValidationError(
            "{label} '{text}' has more than {places} decimal places",
            field,
            label=label,
            text=text,
            places=places,
        )
    number = Decimal(text).quantize(Decimal(1).scaleb(-places))
    if minimum is not None and number < minimum:
        raise ValidationError(
            "{label} must not be below {minimum} (got {text})",
            field,
            label=label,
            minimum=minimum,
            text=text,
        )
    if maximum is not None and number > maximum:
        raise ValidationError(
            "{label} must not be above {maximum} (got {text})",
            field,
            label=label,
            maximum=maximum,
            text=text,
        )
    return number


def parse_money(value, label: str, field: str | None = None, **limits) -> Decimal:
    """An amount in euros with at most two decimals (not negative unless `minimum` says so)."""
    return parse_decimal(value, label, places=2, field=field, **limits)


class ScaledDecimalField(peewee.Field):
    """A Decimal of fixed `places`: NUMERIC(12, places) on PostgreSQL, scaled INTEGER on SQLite."""

    field_type = "DECIMAL"

    def __init__(self, places: int = 2, *args, **kwargs):
        self.places = places
        self.quantum = Decimal(1).scaleb(-places)
        super().__init__(*args, **kwargs)

    def db_value(self, value):
        """Decimal → the stored form of the bound backend."""
        if value is None:
            return None
        number = Decimal(value).quantize(self.quantum, rounding=ROUND_HALF_UP)
        if not is_postgres(self.model._meta.database):
            return int(number.scaleb(self.places))
        return number

    def python_value(self, value):
        """Stored form → Decimal with exactly `places` decimals."""
        if value is None:
            return None
        if isinstance(value, int):
            return Decimal(value).scaleb(-self.places).quantize(self.quantum)
        return Decimal(str(value)).quantize(self.quantum)
