"""Input rules; a broken rule raises ValidationError with a message a photographer understands."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from photoflow_desktop.domain.datetime_field import is_damaged, truncate_to_millis
from photoflow_desktop.domain.errors import Phrase, ValidationError
from photoflow_desktop.domain.records import TaskDraft

MAX_TITLE_LENGTH = 500
MAX_TEXT_LENGTH = 20_000
MAX_STATUS_LENGTH = 100
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
MAX_ID = 2_147_483_647
"""The largest id PostgreSQL's `integer` (the web app's `serial`) holds; SQLite keeps the same."""


def clean_text(value, field: str, label: str, max_length: int, required: bool) -> str:
    """`value` trimmed at the ends; raises ValidationError for NUL, over-length or missing text."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError("{label} must be text", field, label=label)
    if "\x00" in value:
        raise ValidationError(
            "{label} contains an invisible NUL character; remove it", field, label=label
        )
    if any("\ud800" <= char <= "\udfff" for char in value):
        raise ValidationError(
            "{label} contains a broken character (a lone UTF-16 surrogate); remove it",
            field,
            label=label,
        )
    value = value.strip()
    if required and not value:
        raise ValidationError("{label} is required", field, label=label)
    if len(value) > max_length:
        raise ValidationError(
            "{label} is too long ({length:,} characters; at most {limit:,})",
            field,
            label=label,
            length=len(value),
            limit=max_length,
        )
    return value


def check_due_at(value) -> datetime:
    """A real date within sensible years, as naive UTC cut to milliseconds.

    A damaged stored value passes unchanged, so moving or finishing its card keeps it as it is.
    """
    if is_damaged(value):
        return value
    if not isinstance(value, datetime):
        raise ValidationError("Due date must be a real date and time", "due_at")
    if value.tzinfo is not None:
        raise ValidationError("Due date must be given in UTC without a time zone", "due_at")
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            "Due date {date} is not plausible (years {first}–{last})",
            "due_at",
            date=f"{value:%Y-%m-%d}",
            first=EARLIEST_YEAR,
            last=LATEST_YEAR,
        )
    return truncate_to_millis(value)


def check_id(value, label: str = "id") -> int:
    """A whole number from 1 to 2,147,483,647 (PostgreSQL integer); ValidationError otherwise."""
    if isinstance(value, str) and re.fullmatch(r"\s*-?[0-9]{1,30}\s*", value):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            "{label} '{value}' is not a whole number", "id", label=label, value=value
        )
    if not 1 <= value <= MAX_ID:
        raise ValidationError(
            "{label} {value} is outside 1 to {limit:,}",
            "id",
            label=label,
            value=value,
            limit=MAX_ID,
        )
    return value


def validate_draft(draft: TaskDraft, column_keys) -> TaskDraft:
    """The draft with its text trimmed, or ValidationError naming the first broken rule."""
    title = clean_text(draft.title, "title", Phrase("Title"), MAX_TITLE_LENGTH, required=True)
    status = clean_text(draft.status, "status", Phrase("Status"), MAX_STATUS_LENGTH, required=True)
    info = clean_text(draft.info, "info", Phrase("Description"), MAX_TEXT_LENGTH, required=False)
    due_at = check_due_at(draft.due_at)
    column = str(draft.column).strip() if draft.column is not None else ""
    if column not in set(column_keys):
        raise ValidationError(
            "Column '{column}' does not exist on this board", "column", column=column
        )
    if not isinstance(draft.is_finished, bool):
        raise ValidationError("Finished must be yes or no", "is_finished")
    return replace(draft, title=title, status=status, info=info, due_at=due_at, column=column)


def validate_comment(text) -> str:
    """The comment trimmed, or ValidationError (empty, too long, NUL)."""
    return clean_text(text, "comment", Phrase("Comment"), MAX_TEXT_LENGTH, required=True)


def validate_column_title(title) -> str:
    """A column title trimmed, or ValidationError."""
    return clean_text(title, "title", Phrase("Column title"), 100, required=True)


def validate_wip_limit(limit) -> int | None:
    """None (no limit) or a whole number of 1 or more."""
    if limit is None or limit == 0:
        return None
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
        raise ValidationError("WIP limit must be a whole number (0 for none)", "wip_limit")
    return limit
