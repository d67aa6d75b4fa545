"""Read-only board queries: pages of a column (keyset on (dueAt, id)), counts, statuses, stats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import peewee

from photoflow_desktop.domain.comments import list_comments
from photoflow_desktop.domain.models import Task, utc_now
from photoflow_desktop.domain.records import CommentRecord, TaskRecord
from photoflow_desktop.domain.statuses import offered_statuses, stored_statuses
from photoflow_desktop.domain.tasks import get_task, to_record

PAGE_SIZE = 100


@dataclass(frozen=True)
class BoardStats:
    """The numbers of the stats bar (like the web app's)."""

    total: int
    overdue: int
    in_progress: int
    done: int


def _visible(include_finished: bool, where: peewee.Expression | None):
    condition = peewee.SQL("1 = 1")
    if not include_finished:
        condition = Task.is_finished == False  # noqa: E712 (peewee expression)
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
    """Up to `limit` tasks of `column` after the keyset `after`, earliest due first."""
    condition = (Task.task_column == column) & _visible(include_finished, where)
    if after is not None:
        condition &= peewee.Tuple(Task.due_at, Task.id) > peewee.Tuple(
            Task.due_at.to_value(after[0]), after[1]
        )
    query = Task.select().where(condition).order_by(Task.due_at, Task.id).limit(limit)
    return [to_record(row) for row in query]


def active_tasks() -> list[TaskRecord]:
    """Every unfinished task, earliest due first (the web app's main query)."""
    query = Task.select().where(Task.is_finished == False).order_by(Task.due_at, Task.id)  # noqa: E712
    return [to_record(row) for row in query]


def counts_per_column(
    include_finished: bool = False, where: peewee.Expression | None = None
) -> dict[str, int]:
    """How many visible tasks each column holds."""
    query = (
        Task.select(Task.task_column, peewee.fn.COUNT(Task.id))
        .where(_visible(include_finished, where))
        .group_by(Task.task_column)
        .tuples()
    )
    return {column: count for column, count in query}


def task_with_comments(task_id: int) -> tuple[TaskRecord, list[CommentRecord]]:
    """One task and its thread (NotFoundError if it is gone)."""
    return get_task(task_id), list_comments(task_id)


def distinct_statuses() -> list[str]:
    """Statuses to offer: the web app's workflow, then every other value already stored."""
    return offered_statuses(stored_statuses())


def board_stats(now: datetime | None = None, done_column: str = "3") -> BoardStats:
    """Total, overdue (unfinished, due before now), in progress (column 2), done (finished)."""
    now = now or utc_now()
    unfinished = Task.is_finished == False  # noqa: E712
    return BoardStats(
        total=Task.select().count(),
        overdue=Task.select().where(unfinished & (Task.due_at < now)).count(),
        in_progress=Task.select().where(unfinished & (Task.task_column == "2")).count(),
        done=Task.select()
        .where((Task.is_finished == True) | (Task.task_column == done_column))  # noqa: E712
        .count(),
    )
