"""What is due when: done orders (never urgent), overdue, due today, the next days — for the
cards' urgency, the Today view and the due reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

import peewee

from photoflow_desktop.domain.models import Task
from photoflow_desktop.domain.records import TaskRecord
from photoflow_desktop.domain.search_table import tasks_with_fields
from photoflow_desktop.domain.tasks import to_record

DONE_COLUMN = "3"  # the web app's "Done" column


def is_done(record: TaskRecord) -> bool:
    """Finished, or in the Done column: nothing about it is urgent any more."""
    return record.is_finished or record.column == DONE_COLUMN


def local_day(due_at: datetime, zone: tzinfo | None = None) -> date:
    """The calendar day (in `zone`, default the local one) of a naive UTC due date."""
    return due_at.replace(tzinfo=UTC).astimezone(zone).date()


def _utc_start_of(day: date, zone: tzinfo | None) -> datetime:
    """Naive UTC of local midnight starting `day` (in `zone`, default the system's)."""
    if zone is None:
        local = datetime(day.year, day.month, day.day).astimezone()
    else:
        local = datetime(day.year, day.month, day.day, tzinfo=zone)
    return local.astimezone(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class DayGroup:
    """Orders of one heading in the Today view: overdue, or one calendar day."""

    day: date | None  # None: overdue (before today)
    tasks: tuple[TaskRecord, ...]


AGENDA_LIMIT = 200  # per part: the most recently overdue orders, and the first ones to come


def open_due_until(
    today: date,
    days: int = 7,
    where: peewee.Expression | None = None,
    zone: tzinfo | None = None,
    limit: int = AGENDA_LIMIT,
) -> list[TaskRecord]:
    """Open orders (not done) due before the end of `today + days - 1`, earliest first.

    At most `limit` overdue ones (the most recently overdue: a backlog of years must not hide
    today) and `limit` from today on, so a huge database never loads its whole backlog.
    """
    start, end = _utc_start_of(today, zone), _utc_start_of(today + timedelta(days=days), zone)
    condition = (Task.is_finished == False) & (Task.task_column != DONE_COLUMN)  # noqa: E712
    if where is not None:
        condition &= where
    # The board's search conditions name the search rows "w": join them as the board does.
    overdue = (
        tasks_with_fields()
        .where(condition & (Task.due_at < start))
        .order_by(Task.due_at.desc(), Task.id.desc())
        .limit(limit)
    )
    coming = (
        tasks_with_fields()
        .where(condition & (Task.due_at >= start) & (Task.due_at < end))
        .order_by(Task.due_at, Task.id)
        .limit(limit)
    )
    return [to_record(row) for row in reversed(list(overdue))] + [to_record(row) for row in coming]


def agenda(
    today: date, days: int = 7, where: peewee.Expression | None = None, zone: tzinfo | None = None
) -> list[DayGroup]:
    """Overdue first, then today and each following day that has orders (up to `days`)."""
    overdue: list[TaskRecord] = []
    by_day: dict[date, list[TaskRecord]] = {}
    for record in open_due_until(today, days, where, zone):
        day = local_day(record.due_at, zone)
        if day < today:
            overdue.append(record)
        else:
            by_day.setdefault(day, []).append(record)
    groups = [DayGroup(None, tuple(overdue))] if overdue else []
    groups += [DayGroup(day, tuple(records)) for day, records in sorted(by_day.items())]
    return groups


def due_for_reminder(today: date, zone: tzinfo | None = None) -> list[TaskRecord]:
    """Open orders due today or overdue: what a reminder tells about."""
    return open_due_until(today, 1, None, zone)
