"""Dates in exchanged files: ISO 8601, `YYYY-MM-DD`, and JavaScript's `String(Date)`.

The web app's CSV export writes `dueAt` as `String(Date)` in the browser's zone, e.g.
`Sat Jun 01 2024 00:00:00 GMT+0200 (Mitteleuropäische Sommerzeit)`: the zone name in brackets
is in the browser's language and is ignored (the offset says everything); day and month names
are read in English or German. Exports use ISO 8601 in UTC with milliseconds, which JavaScript's
`new Date(…)` reads exactly.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from photoflow_desktop.domain.datetime_field import (
    damaged_text,
    is_damaged,
    parse_stored_text,
)
from photoflow_desktop.domain.errors import Message

MONTHS = {
    **dict.fromkeys(("jan", "january", "januar", "jän", "jänner"), 1),
    **dict.fromkeys(("feb", "february", "februar"), 2),
    **dict.fromkeys(("mar", "march", "mär", "märz", "maerz", "mrz"), 3),
    **dict.fromkeys(("apr", "april"), 4),
    **dict.fromkeys(("may", "mai"), 5),
    **dict.fromkeys(("jun", "june", "juni"), 6),
    **dict.fromkeys(("jul", "july", "juli"), 7),
    **dict.fromkeys(("aug", "august"), 8),
    **dict.fromkeys(("sep", "sept", "september"), 9),
    **dict.fromkeys(("oct", "october", "okt", "oktober"), 10),
    **dict.fromkeys(("nov", "november"), 11),
    **dict.fromkeys(("dec", "december", "dez", "dezember"), 12),
}
_WORD = r"[^\W\d_]+"
_CLOCK = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
_ZONE = r"(?:\s*(?:GMT|UTC)\s*(?P<offset>[+-]\d{2}:?\d{2})?)?(?:\s*\(.*\))?"
_JS_DATES = [
    # String(Date): "Sat Jun 01 2024 00:00:00 GMT+0200 (Mitteleuropäische Sommerzeit)"
    re.compile(
        rf"(?:{_WORD}\.?,?\s+)?(?P<month>{_WORD})\.?\s+(?P<day>\d{{1,2}})\.?,?\s+"
        rf"(?P<year>\d{{4}})\s+{_CLOCK}{_ZONE}",
        re.IGNORECASE,
    ),
    # toUTCString / a German order: "Sat, 01 Jun 2024 00:00:00 GMT", "Sa 01. Juni 2024 …"
    re.compile(
        rf"(?:{_WORD}\.?,?\s+)?(?P<day>\d{{1,2}})\.?\s+(?P<month>{_WORD})\.?,?\s+"
        rf"(?P<year>\d{{4}})\s+{_CLOCK}{_ZONE}",
        re.IGNORECASE,
    ),
]


def _from_javascript(text: str) -> datetime:
    for pattern in _JS_DATES:
        match = pattern.fullmatch(text)
        if match:
            break
    else:
        raise ValueError(Message("'{text}' is not a date", text=text))
    month = MONTHS.get(match["month"].casefold())
    if month is None:
        raise ValueError(Message("'{text}' is not a month name", text=match["month"]))
    try:
        local = datetime(
            int(match["year"]),
            month,
            int(match["day"]),
            int(match["hour"]),
            int(match["minute"]),
            int(match["second"] or 0),
        )
    except ValueError:
        raise ValueError(Message("'{text}' is not a real date", text=text)) from None
    offset = (match["offset"] or "+0000").replace(":", "")
    sign = -1 if offset[0] == "-" else 1
    return local - sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5]))


def parse_exchange_date(text) -> datetime:
    """A date from an imported file → naive UTC; ValueError naming the text when unreadable.

    ISO 8601 with Z or an offset, naive ISO (taken as UTC), `YYYY-MM-DD` (UTC midnight, as the
    web app stores due dates) and JavaScript's `String(Date)`.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError(Message("'{text}' is not a date", text=text))
    text = text.strip()
    try:
        try:
            return parse_stored_text(text)
        except ValueError:
            return _from_javascript(text)
    except OverflowError:
        raise ValueError(
            Message("'{text}' lies outside the years 1 to 9999 in UTC", text=text)
        ) from None


def format_exchange_date(value: datetime) -> str:
    """Naive UTC → ISO 8601 with milliseconds and Z (JavaScript's toISOString); damaged: raw."""
    if is_damaged(value):
        return damaged_text(value)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
