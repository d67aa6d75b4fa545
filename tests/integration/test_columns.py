"""Board columns: add, rename, WIP limit, reorder, delete (cards move, never vanish)."""

from datetime import datetime

import pytest

from photoflow_desktop.domain import columns, tasks
from photoflow_desktop.domain.errors import NotFoundError, ValidationError
from photoflow_desktop.domain.records import TaskDraft


def _titles():
    return [c.title for c in columns.list_columns()]


def test_add_rename_limit_reorder(db):
    review = columns.add_column("  Client review ", wip_limit=3)
    assert (review.key, review.title, review.position, review.wip_limit) == (
        "4",
        "Client review",
        3,
        3,
    )
    columns.rename_column("4", "Waiting for client")
    assert columns.set_wip_limit("4", 0).wip_limit is None
    columns.reorder_columns(["1", "4", "2", "3"])
    assert _titles() == ["To do", "Waiting for client", "In progress", "Done"]


def test_bad_column_input_changes_nothing(db):
    with pytest.raises(ValidationError):
        columns.add_column("   ")
    with pytest.raises(ValidationError):
        columns.set_wip_limit("1", -2)
    with pytest.raises(ValidationError):
        columns.reorder_columns(["1", "2"])
    with pytest.raises(NotFoundError):
        columns.rename_column("99", "Ghost")
    assert _titles() == ["To do", "In progress", "Done"]


def test_deleting_a_column_with_cards_asks_where_they_go(db):
    task = tasks.create_task(TaskDraft("Print Order", datetime(2026, 5, 1), "RAW", column="2"))
    with pytest.raises(ValidationError, match="1 task"):
        columns.delete_column("2")
    assert columns.delete_column("2", move_cards_to="3") == 1
    assert tasks.get_task(task.id).column == "3"
    assert [(c.key, c.position) for c in columns.list_columns()] == [("1", 0), ("3", 1)]


def test_an_empty_column_is_deleted_at_once(db):
    columns.add_column("Archive")
    assert columns.delete_column("4") == 0
    assert _titles() == ["To do", "In progress", "Done"]
