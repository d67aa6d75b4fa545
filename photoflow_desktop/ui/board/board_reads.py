"""What the database worker reads for the board (plain functions: they run off the UI thread)."""

from __future__ import annotations

from dataclasses import dataclass

import peewee

from photoflow_desktop.domain.clients import client_names_for_tasks
from photoflow_desktop.domain.comments import list_comments
from photoflow_desktop.domain.errors import NotFoundError
from photoflow_desktop.domain.models import Task
from photoflow_desktop.domain.queries import column_page, counts_per_column
from photoflow_desktop.domain.records import CommentRecord, TaskRecord
from photoflow_desktop.domain.tasks import get_task


@dataclass(frozen=True)
class BoardQuery:
    """What the board shows: finished tasks or not, and the search expression."""

    include_finished: bool = False
    where: peewee.Expression | None = None


@dataclass(frozen=True)
class StoredTask:
    """A task as stored (None: gone) and whether the board's search matches it."""

    record: TaskRecord | None
    matches: bool


def matches(record: TaskRecord | None, query: BoardQuery) -> bool:
    """True when the stored task is found by the board's search (finished state included)."""
    if record is None:
        return False
    if query.where is None:
        return query.include_finished or not record.is_finished
    # The task itself is the first row after (dueAt, id - 1) iff it matches the search.
    found = column_page(
        record.column,
        after=(record.due_at, record.id - 1),
        limit=1,
        include_finished=query.include_finished,
        where=query.where,
    )
    return bool(found) and found[0].id == record.id


def stored_task(task_id: int, query: BoardQuery) -> StoredTask:
    """Read one task and whether the board shows it (a live update, a refresh)."""
    try:
        record = get_task(task_id)
    except NotFoundError:
        return StoredTask(None, False)
    return StoredTask(record, matches(record, query))


def holds_orders() -> bool:
    """True when the database holds any order at all (finished ones too)."""
    return Task.select().exists()


@dataclass(frozen=True)
class JobSheetData:
    """What one printed job sheet shows beside the card: its comments and its client."""

    record: TaskRecord
    comments: list[CommentRecord]
    client_name: str | None


def job_sheet_reads(records: list[TaskRecord]) -> list[JobSheetData]:
    """The comments and client of each of `records`, for their job sheets."""
    clients = client_names_for_tasks([record.id for record in records])
    return [
        JobSheetData(record, list_comments(record.id), clients.get(record.id)) for record in records
    ]


def cards_in_column(key: str, include_finished: bool) -> int:
    """How many tasks column `key` holds (finished ones too when asked): the column prompts."""
    return counts_per_column(include_finished=include_finished).get(key, 0)
