"""Column counts: exact for the sizes a studio reads one by one, estimates (said so) above."""

from __future__ import annotations

from datetime import datetime, timedelta

from photoflow_desktop.domain.counts import column_counts
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.search import parse_query
from photoflow_desktop.domain.tasks import create_task, set_finished

DUE = datetime(2026, 5, 1, 9, 0)


def add(title: str, column: str = "1", finished: bool = False) -> None:
    record = create_task(TaskDraft(title, DUE + timedelta(hours=len(title)), "RAW", "", column))
    if finished:
        set_finished(record.id, True)


def test_small_columns_are_counted_exactly(db):
    for number in range(3):
        add(f"Portrait {number}")
    add("Wedding", column="2")
    add("Passport", column="3", finished=True)

    counts = column_counts()
    assert counts.counts == {"1": 3, "2": 1, "3": 0}
    assert counts.estimated == frozenset()
    assert column_counts(include_finished=True).get("3") == 1
    assert column_counts(where=parse_query("portrait")).counts == {"1": 3, "2": 0, "3": 0}


def test_a_column_above_the_threshold_is_an_estimate_and_says_so(db):
    for number in range(30):
        add(f"Portrait {number}")
    add("Wedding", column="2")

    counts = column_counts(exact_up_to=10)
    assert counts.estimated == frozenset({"1"})
    assert counts.get("1") > 10  # never shown below what was counted
    assert counts.get("2") == 1
