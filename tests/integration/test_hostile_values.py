"""Stored values of the wrong kind in "Tasks" become marked stand-ins, on both backends."""

from __future__ import annotations

import json

from photoflow_desktop.domain.columns import list_columns
from photoflow_desktop.domain.csvio import export_json
from photoflow_desktop.domain.db import database_proxy, is_postgres
from photoflow_desktop.domain.queries import distinct_statuses
from photoflow_desktop.domain.tasks import get_task, move_task

LONG_STATUS = "Gedruckt" * 1250  # 10,000 characters


def _insert(task_id: int, count: str, finished: str, column: str, title: str, status: str):
    # Dates as each backend's web app stores them (Prisma: integer ms on SQLite).
    created, due = (
        ("'2024-02-08 19:30:27'", "'2024-06-01 00:00:00'")
        if is_postgres(database_proxy)
        else ("1707420627000", "1717200000000")
    )
    database_proxy.execute_sql(
        'INSERT INTO "Tasks" (id, created_at, "dueAt", task, additional_information, status,'
        f' is_finished, amount_of_comments, "taskColumn") VALUES ({task_id},'
        f" {created}, {due},"
        f" {title}, '', {status}, {finished}, {count}, {column})"
    )


def test_unknown_column_long_status_and_huge_count_are_shown_as_stored(db):
    _insert(70, "2147483647", "false", "'99'", "'Fotobuch'", f"'{LONG_STATUS}'")
    record = get_task(70)
    assert record.comment_count == 2147483647 and record.status == LONG_STATUS
    assert not record.damaged
    assert [c.key for c in list_columns()][-1] == "99"  # the card's column is on the board
    assert LONG_STATUS in distinct_statuses()
    assert move_task(70, "2", expected=record).column == "2"
    assert 70 in {task["id"] for task in json.loads(export_json())["tasks"]}


def test_values_of_the_wrong_kind_are_marked_and_the_card_still_moves(db):
    if is_postgres(database_proxy):  # PostgreSQL's types refuse them: nothing to guard there
        _insert(71, "-3", "true", "'1'", "'Passbild'", "'Entwickelt'")
        assert get_task(71).damaged == {"comment_count": "-3"}
        return
    _insert(71, "'viele'", "'ja'", "'1'", "x'fffe'", "x'c3'")
    record = get_task(71)
    assert record.damaged == {
        "comment_count": "viele",
        "is_finished": "ja",
        "title": "0xfffe",
        "status": "0xc3",
    }
    assert (record.title, record.status, record.comment_count) == ("", "", 0)
    moved = move_task(71, "2", expected=record)  # the stand-ins do not count as a conflict
    assert moved.column == "2" and moved.damaged["title"] == "0xfffe"
    exported = next(t for t in json.loads(export_json())["tasks"] if t["id"] == 71)
    assert exported["task"] == "0xfffe"
