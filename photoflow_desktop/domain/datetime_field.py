"""The one place that turns stored dates into datetimes and back (DESIGN.md §2).

PostgreSQL stores `timestamp(3)`, naive UTC. On SQLite the web app's Prisma stores INTEGER
milliseconds since the epoch (UTC); a column default `CURRENT_TIMESTAMP` gives TEXT
`YYYY-MM-DD HH:MM:SS`, and earlier desktop versions wrote peewee's TEXT
`YYYY-MM-DD HH:MM:SS.ffffff`. `PrismaDateTimeField` reads all of them, writes what Prisma writes
(integer milliseconds on SQLite, so the web app keeps reading the file), and turns a value that
is no date into a `DamagedDateTime` instead of raising.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, time, timedelta

import peewee

EPOCH = datetime(1970, 1, 1)
ONE_MILLISECOND = timedelta(milliseconds=1)
DAMAGED_STAND_IN = (9999, 12, 30)
"""Where a damaged value sorts: after every real date, far enough from the end of year 9999
that converting it to any local time zone cannot overflow."""
_SPACED_OFFSET = re.compile(r"\s+(?=[+-]\d\d:?\d\d$)")


class DamagedDateTime(datetime):
    """A stored value that cannot be read as a date: keeps the raw value, sorts after real dates.

    Written back unchanged (the raw value), so moving a damaged card never alters its date.
    """

    raw: object

    def __new__(cls, raw: object, *fields, **named) -> datetime:
        if fields or named:  # datetime.replace() & co. rebuild through the class: plain datetime
            return datetime(raw, *fields, **named)
        value = super().__new__(cls, *DAMAGED_STAND_IN)
        value.raw = raw
        return value

    def __reduce__(self):
        return (DamagedDateTime, (self.raw,))

    def __repr__(self) -> str:
        return f"DamagedDateTime({self.raw!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, DamagedDateTime) and self.raw == other.raw

    def __hash__(self) -> int:
        return hash(("damaged", repr(self.raw)))


def is_damaged(value) -> bool:
    """True when `value` is a stored value that could not be read as a date."""
    return isinstance(value, DamagedDateTime)


def damaged_text(value: DamagedDateTime) -> str:
    """The raw stored value as the user should see it."""
    raw = value.raw
    if isinstance(raw, bytes):
        return f"0x{raw.hex()}"
    return str(raw)


def is_date_only(value: datetime) -> bool:
    """True for a due date at exactly UTC midnight: the web app's date-only form."""
    return not is_damaged(value) and value.time() == time(0)


def utc_midnight(day: date) -> datetime:
    """A date-only due date as the web app stores it (`new Date('YYYY-MM-DD')`: UTC midnight)."""
    return datetime(day.year, day.month, day.day)


def truncate_to_millis(value: datetime) -> datetime:
    """`value` with microseconds cut to whole milliseconds (what timestamp(3) keeps)."""
    return value.replace(microsecond=value.microsecond - value.microsecond % 1000)


def to_epoch_millis(value: datetime) -> int:
    """Naive UTC → integer milliseconds since the epoch (Prisma's SQLite form)."""
    return (value - EPOCH) // ONE_MILLISECOND


def from_epoch_millis(millis: int) -> datetime:
    """Integer milliseconds since the epoch → naive UTC; OverflowError outside years 1–9999."""
    return EPOCH + timedelta(milliseconds=millis)


def parse_stored_text(text: str) -> datetime:
    """A stored TEXT date (ISO forms, SQLite's, peewee's, digits of milliseconds) → naive UTC.

    Raises ValueError when the text is no date.
    """
    text = text.strip()
    if text.lstrip("-").isdigit():
        return from_epoch_millis(int(text))
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    value = datetime.fromisoformat(_SPACED_OFFSET.sub("", text))
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return truncate_to_millis(value)


def read_stored(value) -> datetime | None:
    """Whatever a date column holds → naive UTC datetime, or DamagedDateTime (never raises)."""
    try:
        if value is None or isinstance(value, datetime):
            return value
        if isinstance(value, bool):
            raise ValueError("a boolean is no date")
        if isinstance(value, int):
            return from_epoch_millis(value)
        if isinstance(value, float) and math.isfinite(value):
            return from_epoch_millis(round(value))
        if isinstance(value, str):
            return parse_stored_text(value)
    except (ValueError, OverflowError):
        pass
    return DamagedDateTime(value)


def _on_sqlite(field: peewee.Field) -> bool:
    database = field.model._meta.database
    target = database.obj if isinstance(database, peewee.DatabaseProxy) else database
    return isinstance(target, peewee.SqliteDatabase)


class PrismaDateTimeField(peewee.DateTimeField):
    """A DateTime column as Prisma keeps it: timestamp(3) on PostgreSQL, INTEGER ms on SQLite."""

    def db_value(self, value):
        """The value to store or compare with: raw for damaged, int ms on SQLite."""
        if value is None:
            return None
        if isinstance(value, DamagedDateTime):
            return value.raw
        if isinstance(value, str):
            value = parse_stored_text(value)
        if _on_sqlite(self):
            return to_epoch_millis(value)
        return value

    def python_value(self, value):
        """The stored value as naive UTC datetime (DamagedDateTime when it is no date)."""
        return read_stored(value)
