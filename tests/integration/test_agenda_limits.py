"""Today view and reminders on a huge backlog: the newest overdue orders and today's, never all."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from photoflow_desktop.domain import tasks
from photoflow_desktop.domain.agenda import agenda, due_for_reminder, open_due_until
from photoflow_desktop.domain.records import TaskDraft

TODAY = date(2026, 12, 7)


def _add(title: str, day: date, hour: int = 12):
    due = datetime(day.year, day.month, day.day, hour, tzinfo=UTC).replace(tzinfo=None)
    return tasks.create_task(TaskDraft(title, due, "RAW", "", "1"))


def test_a_backlog_shows_its_newest_overdue_orders_and_still_today(db):
    for n in range(6):
        _add(f"Old {n}", TODAY - timedelta(days=30 - n))
    _add("Today's wedding", TODAY)
    _add("Tomorrow's portrait", TODAY + timedelta(days=1))

    found = open_due_until(TODAY, days=2, zone=UTC, limit=3)

    assert [r.title for r in found] == [
        "Old 3",
        "Old 4",
        "Old 5",
        "Today's wedding",
        "Tomorrow's portrait",
    ]
    groups = agenda(TODAY, days=2, zone=UTC)  # the default limit holds all of them here
    assert [len(group.tasks) for group in groups] == [6, 1, 1]
    assert [r.title for r in due_for_reminder(TODAY, zone=UTC)][-1] == "Today's wedding"


def test_finished_and_done_orders_are_never_listed(db):
    kept = _add("Retouch Müller", TODAY)
    done = tasks.set_finished(_add("Printed album", TODAY).id, True)
    moved = _add("In Done", TODAY)
    tasks.move_task(moved.id, "3", expected=moved)

    found = open_due_until(TODAY, days=1, zone=UTC)

    assert [r.id for r in found] == [kept.id]
    assert done.id not in [r.id for r in found]
