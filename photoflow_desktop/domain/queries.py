"""Read-only board queries: pages of a column (keyset on (dueAt, id)), counts, statuses, stats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import peewee

from photoflow_desktop.domain.comments import list_comments
from photoflow_desktop.domain.models import Task, utc_now
from photoflow_desktop.domain.records import CommentRecord, TaskRecord
from photoflow_desktop.domain.search_table import (
    SearchCondition,
    board_fields,
    column_window,
    counted_rows,
    tasks_with_fields,
)
from photoflow_desktop.domain.statuses import offered_statuses, stored_statuses
from photoflow_desktop.domain.tasks import get_task, to_record

PAGE_SIZE = 100
SEARCH_WINDOW = 8_000  # tasks filtered in due order before a search asks the whole column


@dataclass(frozen=True)
class BoardStats:
    """The numbers of the stats bar: what the board shows, so they agree with its columns."""

    total: int
    overdue: int
    in_progress: int
    done: int


def visible(include_finished: bool, where: peewee.Expression | None) -> peewee.Node:
    """WHERE clause: unfinished unless `include_finished`, and matching `where` if given."""
    condition = peewee.SQL("1 = 1")
    if not include_finished:
        condition = board_fields().finished == False  # noqa: E712 (peewee expression)
    if where is not None:
        condition &= where
    return condition


def column_page(
    column: str,
    after: tuple[datetime, int] | None = None,
    limit: int = PAGE_SIZE,
    include_finished: bool = False,
    where: peewee.Expression | None = None,
) -> list[TaskRecord]:
    """Up to `limit` tasks of `column` after the keyset `after`, earliest due first.

    Under a search on PostgreSQL, the next SEARCH_WINDOW tasks of the column are filtered first
    (cheap for common words); only when they hold fewer than `limit` matches is the whole column
    asked. SQLite gains nothing from it: it materializes the window before filtering, while the
    plain query stops at the `limit`-th match of its walk in due order.
    """
    fields = board_fields()
    order = (fields.due, fields.task_id)
    search = where if isinstance(where, SearchCondition) else None
    if search is not None and search.columns is not None and column not in search.columns:
        return []  # column:K names another column
    if where is not None and not fields.sqlite:
        window = column_window(column, after, include_finished, SEARCH_WINDOW, search)
        query = tasks_with_fields(window).where(where).order_by(*order).limit(limit)
        page = [to_record(row) for row in query]
        if len(page) == limit:
            return page
        if search is not None and search.due_until is not None and window.count() < SEARCH_WINDOW:
            return page  # the window held the column's whole due range: nothing more matches
    condition = (fields.column == column) & visible(include_finished, where)
    if after is not None:
        condition &= peewee.Tuple(*order) > peewee.Tuple(fields.due.to_value(after[0]), after[1])
    query = tasks_with_fields().where(condition).order_by(*order).limit(limit)
    return [to_record(row) for row in query]


def active_tasks() -> list[TaskRecord]:
    """Every unfinished task, earliest due first (the web app's main query)."""
    query = Task.select().where(Task.is_finished == False).order_by(Task.due_at, Task.id)  # noqa: E712
    return [to_record(row) for row in query]


def counts_per_column(
    include_finished: bool = False, where: peewee.Expression | None = None
) -> dict[str, int]:
    """How many visible tasks each column holds."""
    fields = board_fields()
    query = (
        counted_rows(fields.column, peewee.fn.COUNT(fields.task_id))
        .where(visible(include_finished, where))
        .group_by(fields.column)
        .tuples()
    )
    return {column: count for column, count in query}


def task_with_comments(task_id: int) -> tuple[TaskRecord, list[CommentRecord]]:
    """One task and its thread (NotFoundError if it is gone)."""
    return get_task(task_id), list_comments(task_id)


def distinct_statuses() -> list[str]:
    """Statuses to offer: the web app's workflow, then every other value already stored."""
    return offered_statuses(stored_statuses())


def board_stats(
    now: datetime | None = None,
    done_column: str = "3",
    include_finished: bool = True,
    where: peewee.Expression | None = None,
) -> BoardStats:
    """The figures of what the board shows (`include_finished`, search `where`): every shown
    order, the unfinished overdue ones, those in column 2 and those in the Done column."""
    now = now or utc_now()
    fields = board_fields()
    shown = visible(include_finished, where)
    unfinished = fields.finished == False  # noqa: E712
    count = peewee.fn.COUNT(fields.task_id)
    total, overdue, in_progress, done = (
        counted_rows(
            count,
            count.filter(unfinished & (fields.due < now)),
            count.filter(fields.column == "2"),
            count.filter(fields.column == done_column),
        )
        .where(shown)
        .tuples()
        .get()
    )
    return BoardStats(total=total, overdue=overdue, in_progress=in_progress, done=done)
