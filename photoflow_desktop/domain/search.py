"""The board's search box: free text and filter tokens turned into a database WHERE clause.

`Smith "white background" status:Retouched column:2 due:week finished:no`
- free words (or "quoted phrases") must each appear, case-insensitively, in the title, the
  description or the status;
- `status:X` the status is X (case-insensitive); `column:K` the column with key or title K;
- `due:today|week|overdue` due during today / today and the next 6 days (local calendar days),
  or unfinished and already past due; `finished:yes|no`.
Text with a colon that is not a filter goes in quotes ("10:30"). Case-insensitive matching
agrees on both backends: PostgreSQL's LOWER is Unicode-aware, and on SQLite (whose LOWER only
knows ASCII) the same Python `str.lower` is registered as `pf_lower`.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta

import peewee

from photoflow_desktop.domain.columns import list_columns
from photoflow_desktop.domain.db import database_proxy, is_postgres
from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.models import Task, utc_now
from photoflow_desktop.domain.statuses import spellings

FILTER_KEYS = ("status", "column", "due", "finished")
DUE_VALUES = ("today", "week", "overdue")
YES_VALUES = ("yes", "true", "1")
NO_VALUES = ("no", "false", "0")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
FIELD_SEPARATOR = "\x1f"  # ASCII unit separator: cannot be typed into the search box

_TOKEN = re.compile(
    r'(?P<key>[^\W\d_]+):(?:"(?P<quoted>[^"]*)"?|(?P<value>\S*))'
    r'|"(?P<phrase>[^"]*)"?'
    r"|(?P<word>\S+)"
)


def _tokens(text: str) -> list[tuple[str | None, str]]:
    """(key, value) for filters, (None, text) for free words and phrases, in order.

    NUL characters and lone surrogates (half a character, e.g. from a broken paste) are
    dropped: no stored text can hold them (PostgreSQL refuses NUL, UTF-8 cannot encode a lone
    surrogate), and they must not reach the database driver.
    """
    found = []
    for match in _TOKEN.finditer(_UNSTORABLE.sub("", text)):
        if match["key"] is not None:
            value = match["quoted"] if match["quoted"] is not None else match["value"]
            found.append((match["key"].lower(), value.strip()))
        else:
            words = match["phrase"] if match["phrase"] is not None else match["word"]
            if words.strip():
                found.append((None, words.strip()))
    return found


def parse_query(text: str | None, now: datetime | None = None) -> peewee.Expression | None:
    """A WHERE expression over Task for the search text, None for empty text (ValidationError)."""
    conditions: list[peewee.ColumnBase] = []
    for key, value in _tokens(text or ""):
        if key is None:
            conditions.append(_text_condition(value))
        elif key not in FILTER_KEYS and not value:
            conditions.append(_text_condition(f"{key}:"))  # "Smith:" is just text
        elif key not in FILTER_KEYS:
            raise ValidationError(
                f"Unknown filter '{key}:' — use status:, column:, due: or finished: "
                '(put text containing a colon in quotes, e.g. "10:30")',
                "search",
            )
        elif not value:
            raise ValidationError(f"'{key}:' needs a value, e.g. {_example(key)}", "search")
        else:
            conditions.append(_FILTERS[key](value, now or utc_now()))
    if not conditions:
        return None
    expression = conditions[0]
    for condition in conditions[1:]:
        expression &= condition
    return expression


def mentions_finished(text: str | None) -> bool:
    """True when the text has a finished: filter (show finished tasks and let it decide)."""
    return any(key == "finished" for key, _ in _tokens(text or ""))


def _example(key: str) -> str:
    return {
        "status": "status:Retouched",
        "column": "column:2",
        "due": "due:today",
        "finished": "finished:yes",
    }[key]


def _lower(field: peewee.Node) -> peewee.Node:
    """LOWER(field) with Unicode rules on both backends."""
    if is_postgres(database_proxy):
        return peewee.fn.LOWER(field)
    return peewee.fn.pf_lower(field)  # registered on every SQLite connection (domain/db.py)


def _text_condition(words: str) -> peewee.ColumnBase:
    """`words` (LIKE wildcards taken literally) in the title, description or status.

    One lowered haystack per row (title, description and status joined by a separator no one
    can type, so a phrase never spans two fields) and a plain LIKE on it: on PostgreSQL this is
    about 3x faster than ILIKE over three LOWER()ed fields.
    """
    haystack = _lower(
        Task.task.concat(FIELD_SEPARATOR)
        .concat(Task.additional_information)
        .concat(FIELD_SEPARATOR)
        .concat(Task.status)
    )
    escaped = words.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    # Spelled out: peewee would turn LIKE into GLOB on SQLite.
    return peewee.NodeList(
        (
            haystack,
            peewee.SQL("LIKE"),
            peewee.Value(f"%{escaped}%", converter=False),
            peewee.SQL("ESCAPE"),
            peewee.Value("\\", converter=False),
        )
    )


def _status_condition(value: str, now: datetime) -> peewee.Expression:
    """The status in any spelling: `status:Retouched` also finds the web app's `Retuschiert`."""
    return _lower(Task.status).in_([spelling.lower() for spelling in spellings(value)])


def _column_condition(value: str, now: datetime) -> peewee.Expression:
    columns = list_columns()
    for column in columns:
        if column.key == value:
            return Task.task_column == column.key
    for column in columns:
        if column.title.lower() == value.lower():
            return Task.task_column == column.key
    choices = ", ".join(f"{c.key} ({c.title})" for c in columns)
    raise ValidationError(f"There is no column '{value}' on this board: use {choices}", "search")


def local_day_start_utc(now: datetime, days_ahead: int = 0) -> datetime:
    """Midnight (local time) `days_ahead` days after the local date of `now`, as naive UTC."""
    local_today = now.replace(tzinfo=UTC).astimezone().date()
    midnight = datetime.combine(local_today + timedelta(days=days_ahead), time())
    return midnight.astimezone().astimezone(UTC).replace(tzinfo=None)


def _due_condition(value: str, now: datetime) -> peewee.Expression:
    value = value.lower()
    if value == "today":
        start, end = local_day_start_utc(now), local_day_start_utc(now, 1)
    elif value == "week":
        start, end = local_day_start_utc(now), local_day_start_utc(now, 7)
    elif value == "overdue":
        return (Task.due_at < now) & (Task.is_finished == False)  # noqa: E712
    else:
        raise ValidationError(
            f"Unknown due filter 'due:{value}': use due:today, due:week or due:overdue", "search"
        )
    return (Task.due_at >= start) & (Task.due_at < end)


def _finished_condition(value: str, now: datetime) -> peewee.Expression:
    value = value.lower()
    if value in YES_VALUES:
        return Task.is_finished == True  # noqa: E712
    if value in NO_VALUES:
        return Task.is_finished == False  # noqa: E712
    raise ValidationError(
        f"Unknown finished filter 'finished:{value}': use finished:yes or finished:no", "search"
    )


_FILTERS = {
    "status": _status_condition,
    "column": _column_condition,
    "due": _due_condition,
    "finished": _finished_condition,
}
