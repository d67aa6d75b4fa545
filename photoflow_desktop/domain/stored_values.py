"""The one place that turns stored non-date values of "Tasks" into what the model expects.

SQLite keeps whatever a program writes, whatever the declared type: text in an INTEGER column,
a BLOB (maybe invalid UTF-8) in a TEXT column, 7 in a BOOLEAN. The raw fields below hand the
stored value over untouched (peewee's own would raise or silently turn 'ja' into True); the
readers turn it into the expected type, or into a harmless stand-in plus the raw value as text,
so the record can mark the field damaged (DESIGN.md §2) and nothing unexpected reaches a paint
routine. PostgreSQL's types make every value well-formed, so the readers change nothing there.
"""

from __future__ import annotations

import peewee


class RawTextField(peewee.TextField):
    """A TEXT column whose stored value is returned as it is (bytes stay bytes)."""

    def python_value(self, value):
        """The stored value, untouched."""
        return value


class RawIntegerField(peewee.IntegerField):
    """An INTEGER column whose stored value is returned as it is (text stays text)."""

    def python_value(self, value):
        """The stored value, untouched."""
        return value


class RawBooleanField(peewee.BooleanField):
    """A BOOLEAN column whose stored value is returned as it is (7 stays 7)."""

    def python_value(self, value):
        """The stored value, untouched."""
        return value


def raw_text(value) -> str:
    """A stored value as the user should see it: bytes in hex, NULL as NULL."""
    if value is None:
        return "NULL"
    if isinstance(value, bytes | bytearray | memoryview):
        return f"0x{bytes(value).hex()}"
    return str(value)


def read_text(value) -> tuple[str, str | None]:
    """(text to use, raw value when the stored one is no text) for a TEXT column."""
    if isinstance(value, str):
        return value, None
    if isinstance(value, bytes | bytearray | memoryview):
        try:
            return bytes(value).decode("utf-8"), None
        except UnicodeDecodeError:
            return "", raw_text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value), None
    return "", raw_text(value)


def read_count(value) -> tuple[int, str | None]:
    """(count to use, raw value when the stored one is no count ≥ 0) for a counter column."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value, None
    return 0, raw_text(value)


def read_flag(value) -> tuple[bool, str | None]:
    """(flag to use, raw value when the stored one is not 0/1/true/false) for a BOOLEAN column.

    The stand-in is what the board's filter `is_finished = false` makes of the value: anything
    but 0 counts as finished.
    """
    if isinstance(value, bool):
        return value, None
    if isinstance(value, int) and value in (0, 1):
        return bool(value), None
    return True, raw_text(value)
