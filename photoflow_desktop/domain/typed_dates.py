"""Reads a date (and time) the way people type it: German `05.12.2026 14:30` or ISO
`2026-12-05 14:30`, with or without the time, day and month with or without leading zeros."""

from __future__ import annotations

import re
from datetime import date, datetime, time

_GERMAN = re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})")
_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
_TIME = re.compile(r"(?P<h>\d{1,2})[:.](?P<min>\d{2})(?::(?P<s>\d{2}))?(?:\s*Uhr)?")
_SEPARATOR = re.compile(r"\s*(?:T|,|\s)\s*")


def parse_typed_date(text: str) -> date | None:
    """A typed calendar date (`05.12.2026`, `5.12.2026` or `2026-12-05`), or None."""
    text = text.strip()
    for pattern in (_GERMAN, _ISO):
        match = pattern.fullmatch(text)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


def parse_typed_datetime(text: str, default_time: time = time(0, 0)) -> datetime | None:
    """A typed date with an optional time (`05.12.2026 14:30`, `2026-12-05T14:30`), or None.

    The result is naive and means whatever zone the person typed in (the UI's local time).
    """
    text = text.strip()
    day = parse_typed_date(text)
    if day is not None:
        return datetime.combine(day, default_time)
    for pattern in (_GERMAN, _ISO):
        match = pattern.match(text)
        if match is None:
            continue
        day = parse_typed_date(match.group(0))
        rest = text[match.end() :]
        separator = _SEPARATOR.match(rest)
        if day is None or separator is None or separator.end() == 0:
            return None
        clock = _TIME.fullmatch(rest[separator.end() :])
        if clock is None:
            return None
        try:
            return datetime.combine(
                day, time(int(clock["h"]), int(clock["min"]), int(clock["s"] or 0))
            )
        except ValueError:
            return None
    return None
