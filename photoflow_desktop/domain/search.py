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
from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.models import BoardColumn, Task, utc_now
from photoflow_desktop.domain.search_table import SearchCondition, board_fields
from photoflow_desktop.domain.statuses import spellings

FILTER_KEYS = ("status", "column", "due", "finished")
DUE_VALUES = ("today", "week", "overdue")
YES_VALUES = ("yes", "true", "1")
NO_VALUES = ("no", "false", "0")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

_IMPLYING = ("due", "column", "finished")
_NEITHER = object()  # both finished:yes and finished:no
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
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


def parse_query(text: str | None, now: datetime | None = None) -> SearchCondition | None:
    """A WHERE expression over the search rows, None for empty text (ValidationError)."""
    conditions: list[peewee.ColumnBase] = []
    for key, value in _tokens(text or ""):
        if key is None:
            conditions.append(_text_condition(value))
        elif key not in FILTER_KEYS and not value:
            conditions.append(_text_condition(f"{key}:"))  # "Smith:" is just text
        elif key not in FILTER_KEYS:
            raise ValidationError(
                "Unknown filter '{key}:' — use status:, column:, due: or finished: "
                '(put text containing a colon in quotes, e.g. "10:30")',
                "search",
                key=key,
            )
        elif not value:
            raise ValidationError(
                "'{key}:' needs a value, e.g. {example}", "search", key=key, example=_example(key)
            )
        else:
            conditions.append(_FILTERS[key](value, now or utc_now()))
    if not conditions:
        return None
    expression = conditions[0]
    for condition in conditions[1:]:
        expression &= condition
    return _implied(expression, text or "", now or utc_now())


def _implied(expression: peewee.Node, text: str, now: datetime) -> SearchCondition:
    """`expression` with the due range, columns and finished flag its filters allow."""
    tokens = [(key, value) for key, value in _tokens(text) if key in _IMPLYING and value]
    due_from = due_until = columns = finished = None
    for key, value in tokens:
        if key == "column":
            found = frozenset({_column_key(value)})
            columns = found if columns is None else columns & found
        elif key == "finished":
            flag = value.lower() in YES_VALUES
            finished = flag if finished in (None, flag) else _NEITHER
        elif value.lower() in ("today", "week"):
            start, end = _due_range(value.lower(), now)
            due_from = start if due_from is None else max(due_from, start)
            due_until = end if due_until is None else min(due_until, end)
    if finished is _NEITHER:  # finished:yes finished:no finds nothing; no flag to walk by
        finished = None
    return SearchCondition(expression, due_from, due_until, columns, finished)


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


def _text_condition(words: str) -> peewee.ColumnBase:
    """`words` (LIKE wildcards taken literally) in the title, description or status.

    One lowered haystack per row (title, description and status joined by a separator no one
    can type, so a phrase never spans two fields) and a plain LIKE on it; on PostgreSQL the
    haystack is stored, trigram-indexed, in the search table (domain/search_table.py).
    """
    fields = board_fields()
    return _matching(
        fields.haystack_lowered, fields.haystack, words, anywhere=True, parts=fields.texts
    )


def _status_condition(value: str, now: datetime) -> peewee.ColumnBase:
    """The status in any spelling: `status:Retouched` also finds the web app's `Retuschiert`."""
    fields = board_fields()
    matches = [
        _matching(fields.status_lowered, fields.status, spelling, anywhere=False)
        for spelling in spellings(value)
    ]
    condition = matches[0]
    for match in matches[1:]:
        condition |= match
    return condition


def _matching(
    lowered: peewee.Node,
    stored: peewee.Node,
    text: str,
    anywhere: bool,
    parts: tuple[peewee.Node, ...] = (),
) -> peewee.ColumnBase:
    """`lowered` contains (or, not `anywhere`, equals) `text` lowered.

    On SQLite a LIKE in C on the stored text goes first (it ignores ASCII case; a non-ASCII
    stretch becomes `%`) and only rows it lets through pay for Python's lowering; for all-ASCII
    text it is the whole test (the one difference: a non-ASCII letter whose lowercase is ASCII,
    the Kelvin sign or the Turkish İ, is not found by its ASCII twin). Given the `parts` the
    stored text joins (by a separator no one can type, so no match spans two), that LIKE goes
    on each part instead: the same rows, without building the joined text for every row.
    """
    pattern = _escaped(text.lower())
    exact = _like(lowered, pattern, anywhere) if anywhere else lowered == text.lower()
    if not board_fields().sqlite:
        return exact
    loose = _NON_ASCII.sub("%", pattern)
    prefilter = _like(stored, loose, anywhere)
    if parts and pattern.isascii():
        prefilter = _like(parts[0], loose, anywhere)
        for part in parts[1:]:
            prefilter |= _like(part, loose, anywhere)
    return prefilter if pattern.isascii() else prefilter & exact


def _escaped(text: str) -> str:
    """`text` with LIKE's wildcards and escape character taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like(field: peewee.Node, escaped: str, anywhere: bool) -> peewee.ColumnBase:
    """field LIKE '[%]escaped[%]' ESCAPE '\\' (spelled out: peewee would use GLOB on SQLite)."""
    pattern = f"%{escaped}%" if anywhere else escaped
    return peewee.NodeList(
        (
            field,
            peewee.SQL("LIKE"),
            peewee.Value(pattern, converter=False),
            peewee.SQL("ESCAPE"),
            peewee.Value("\\", converter=False),
        )
    )


def _column_condition(value: str, now: datetime) -> peewee.Expression:
    return board_fields().column == _column_key(value)


def _column_key(value: str) -> str:
    """The key of the column with key or title `value` (ValidationError when there is none).

    The board's own columns are asked first; only a key no column has (a card the web app put
    in a column this board does not know) costs a look at "Tasks" — one index probe, where
    list_columns would collect every such key of a million orders (150 ms) on each search.
    """
    known = list(
        BoardColumn.select(BoardColumn.key, BoardColumn.title)
        .order_by(BoardColumn.position)
        .tuples()
    )
    for key, _title in known:
        if key == value:
            return key
    for key, title in known:
        if title.lower() == value.lower():
            return key
    if Task.select().where(Task.task_column == value).exists():
        return value
    columns = list_columns()
    for column in columns:  # a stray column's title is its key; only case can differ
        if column.title.lower() == value.lower():
            return column.key
    choices = ", ".join(f"{c.key} ({c.title})" for c in columns)
    raise ValidationError(
        "There is no column '{value}' on this board: use {choices}",
        "search",
        value=value,
        choices=choices,
    )


def local_day_start_utc(now: datetime, days_ahead: int = 0) -> datetime:
    """Midnight (local time) `days_ahead` days after the local date of `now`, as naive UTC."""
    local_today = now.replace(tzinfo=UTC).astimezone().date()
    midnight = datetime.combine(local_today + timedelta(days=days_ahead), time())
    return midnight.astimezone().astimezone(UTC).replace(tzinfo=None)


def _due_condition(value: str, now: datetime) -> peewee.Expression:
    value = value.lower()
    if value in ("today", "week"):
        start, end = _due_range(value, now)
    elif value == "overdue":
        fields = board_fields()
        return (fields.due < now) & (fields.finished == False)  # noqa: E712
    else:
        raise ValidationError(
            "Unknown due filter 'due:{value}': use due:today, due:week or due:overdue",
            "search",
            value=value,
        )
    due = board_fields().due
    return (due >= start) & (due < end)


def _due_range(value: str, now: datetime) -> tuple[datetime, datetime]:
    """[start, end) of due:today or due:week, local calendar days, as naive UTC."""
    days = 1 if value == "today" else 7
    return local_day_start_utc(now), local_day_start_utc(now, days)


def _finished_condition(value: str, now: datetime) -> peewee.Expression:
    value = value.lower()
    if value in YES_VALUES:
        return board_fields().finished == True  # noqa: E712
    if value in NO_VALUES:
        return board_fields().finished == False  # noqa: E712
    raise ValidationError(
        "Unknown finished filter 'finished:{value}': use finished:yes or finished:no",
        "search",
        value=value,
    )


_FILTERS = {
    "status": _status_condition,
    "column": _column_condition,
    "due": _due_condition,
    "finished": _finished_condition,
}
