"""Read-only board queries: pages of a column (keyset on (dueAt, id)), counts, statuses, stats."""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass
from datetime import datetime

import peewee

from photoflow_desktop.domain.comments import list_comments
from photoflow_desktop.domain.invoice_models import Client, TaskClient
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


@dataclass(frozen=True)
class PageRequest:
    """One column's page: the tasks after the keyset `after` (None: from the first), `limit`."""

    column: str
    after: tuple[datetime, int] | None = None
    limit: int = PAGE_SIZE


@dataclass(frozen=True)
class Pages:
    """Pages read together: the tasks per column key and the client of each order that has one."""

    records: dict[str, list[TaskRecord]]
    client_names: dict[int, str]


def column_page(
    column: str,
    after: tuple[datetime, int] | None = None,
    limit: int = PAGE_SIZE,
    include_finished: bool = False,
    where: peewee.Expression | None = None,
) -> list[TaskRecord]:
    """Up to `limit` tasks of `column` after the keyset `after`, earliest due first."""
    pages = column_pages([PageRequest(column, after, limit)], include_finished, where)
    return pages.records[column]


def column_pages(
    requests: list[PageRequest],
    include_finished: bool = False,
    where: peewee.Expression | None = None,
) -> Pages:
    """The page of every request (one per column) in one statement: one round trip.

    Each column's part is the keyset query on its index; the parts are joined by UNION ALL, and
    each row carries the client's name (a LEFT JOIN) and which part it came from.
    Under a search on PostgreSQL, a column's next SEARCH_WINDOW tasks are filtered first (cheap
    for common words); a second part asks the whole column, and runs only when that window was
    full and held fewer than `limit` matches (its guard is evaluated once, before any scan).
    SQLite gains nothing from the window: it materializes it before filtering, while the plain
    query stops at the `limit`-th match of its walk in due order.
    """
    parts: list[peewee.SelectQuery] = []
    for number, request in enumerate(requests):
        parts.extend(_parts(number, request, include_finished, where))
    records: dict[str, list[TaskRecord]] = {request.column: [] for request in requests}
    names: dict[int, str] = {}
    if not parts:
        return Pages(records, names)
    rows: dict[int, list[Task]] = {}
    fields = [field.name for field in Task._meta.sorted_fields]
    for *values, client, part in functools.reduce(operator.add, parts).tuples():  # UNION ALL
        row = Task(**dict(zip(fields, values, strict=True)))
        rows.setdefault(part, []).append(row)
        if client is not None:
            names[row.id] = client
    for number, request in enumerate(requests):
        found = rows.get(2 * number + 1) or rows.get(2 * number, [])  # the whole column's wins
        records[request.column] = [to_record(row) for row in found]
    return Pages(records, names)


def _parts(
    number: int, request: PageRequest, include_finished: bool, where: peewee.Expression | None
) -> list[peewee.SelectQuery]:
    """The queries of one request: part 2n (its page), or 2n (the window) and 2n+1 (the column)."""
    fields = board_fields()
    order = (fields.due, fields.task_id)
    search = where if isinstance(where, SearchCondition) else None
    if search is not None and search.columns is not None and request.column not in search.columns:
        return []  # column:K names another column
    condition = (fields.column == request.column) & visible(include_finished, where)
    if request.after is not None:
        after = request.after
        condition &= peewee.Tuple(*order) > peewee.Tuple(fields.due.to_value(after[0]), after[1])
    whole = tasks_with_fields().where(condition).order_by(*order).limit(request.limit)
    if where is None or fields.sqlite:
        return [_tagged(whole, 2 * number)]
    window = column_window(request.column, request.after, include_finished, SEARCH_WINDOW, search)
    found = tasks_with_fields(window).where(where).order_by(*order).limit(request.limit)
    needed = peewee.Expression(_count(found), "<", request.limit)  # too few in the window,
    needed &= peewee.Expression(_count(window), ">=", SEARCH_WINDOW)  # and the column goes on
    return [_tagged(found, 2 * number), _tagged(whole.where(needed), 2 * number + 1)]


def _count(query: peewee.SelectQuery) -> peewee.Node:
    """SELECT COUNT(*) of `query`'s rows, as a scalar subquery."""
    return peewee.Select([query.alias("counted")], [peewee.fn.COUNT(peewee.SQL("*"))])


def _tagged(query: peewee.ModelSelect, part: int) -> peewee.ModelSelect:
    """`query` (every Task column) and two more: the name of the order's client, the part."""
    return (
        query.join_from(Task, TaskClient, peewee.JOIN.LEFT_OUTER, on=TaskClient.task == Task.id)
        .join_from(TaskClient, Client, peewee.JOIN.LEFT_OUTER, on=Client.id == TaskClient.client)
        .select_extend(Client.name, peewee.Value(part))
    )


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
