"""What the database worker reads for the board (plain functions: they run off the UI thread)."""

from __future__ import annotations

from dataclasses import dataclass

import peewee

from photoflow_desktop.domain.clients import client_names_for_tasks
from photoflow_desktop.domain.comments import list_comments
from photoflow_desktop.domain.counts import ColumnCounts, column_counts
from photoflow_desktop.domain.errors import NotFoundError
from photoflow_desktop.domain.models import Task
from photoflow_desktop.domain.queries import (
    PageRequest,
    Pages,
    column_page,
    column_pages,
    counts_per_column,
)
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


class FirstPages:
    """The first pages of a reload, read on the worker and kept for the counts read after them."""

    def __init__(self, requests: list[PageRequest], query: BoardQuery):
        self.requests = requests
        self.query = query
        self.pages: Pages | None = None

    def read(self) -> Pages:
        """Every column's page in one statement (the worker runs this)."""
        self.pages = column_pages(self.requests, self.query.include_finished, self.query.where)
        return self.pages

    def exact_counts(self) -> dict[str, int]:
        """Columns whose page came back short hold exactly the cards read: no count needed."""
        if self.pages is None:
            return {}
        found = {r.column: len(self.pages.records.get(r.column, ())) for r in self.requests}
        return {r.column: found[r.column] for r in self.requests if found[r.column] < r.limit}


def header_counts(query: BoardQuery, keys: list[str], first: FirstPages | None) -> ColumnCounts:
    """The column headers' counts; after a reload only the columns with a full page are counted
    (a rare search needs no count statement at all — one round trip less, no index scan)."""
    short = first.exact_counts() if first is not None else {}
    known = {key: short[key] for key in keys if key in short}
    rest = [key for key in keys if key not in known]
    counted = column_counts(query.include_finished, query.where, keys=rest) if rest else None
    if counted is None:
        return ColumnCounts(known)
    return ColumnCounts({**counted.counts, **known}, counted.estimated)
