"""Task use cases on both backends: what the board does to an order."""

from dataclasses import replace
from datetime import datetime

import pytest

from photoflow_desktop.domain import comments, queries, tasks
from photoflow_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from photoflow_desktop.domain.models import Task
from photoflow_desktop.domain.records import TaskDraft

DRAFT = TaskDraft(
    "Wedding Photography - Smith Family",
    datetime(2026, 3, 15, 14, 0),
    "RAW",
    "Outdoor ceremony, 100 guests",
)


def test_create_then_read_back_everything(db):
    created = tasks.create_task(DRAFT)
    assert tasks.get_task(created.id) == created
    assert (created.title, created.due_at, created.column, created.comment_count) == (
        DRAFT.title,
        DRAFT.due_at,
        "1",
        0,
    )
    assert not created.is_finished


def test_bad_input_writes_nothing(db):
    with pytest.raises(ValidationError):
        tasks.create_task(replace(DRAFT, title="  "))
    with pytest.raises(ValidationError):
        tasks.create_task(replace(DRAFT, column="42"))
    assert Task.select().count() == 0


def test_edit_move_finish(db):
    task = tasks.create_task(DRAFT)
    edited = tasks.update_task(task.id, replace(DRAFT, title="Wedding - Smith", status="Developed"))
    assert (edited.title, edited.status) == ("Wedding - Smith", "Developed")
    assert tasks.move_task(task.id, "2").column == "2"
    assert tasks.set_finished(task.id, True).is_finished
    assert [t.id for t in queries.active_tasks()] == []


def test_an_edit_based_on_an_old_view_is_a_conflict_not_an_overwrite(db):
    seen = tasks.create_task(DRAFT)
    theirs = tasks.update_task(seen.id, replace(DRAFT, status="Retouched"))  # another workstation
    with pytest.raises(ConflictError) as caught:
        tasks.update_task(seen.id, replace(DRAFT, title="Mine"), expected=seen)
    assert caught.value.current == theirs
    assert (
        tasks.get_task(seen.id).status == "Retouched"
        and tasks.get_task(seen.id).title == DRAFT.title
    )
    with pytest.raises(ConflictError):
        tasks.move_task(seen.id, "3", expected=seen)
    assert tasks.move_task(seen.id, "3", expected=theirs).column == "3"


def test_editing_a_task_deleted_elsewhere_says_so(db):
    seen = tasks.create_task(DRAFT)
    tasks.delete_task(seen.id)
    with pytest.raises(NotFoundError, match="deleted"):
        tasks.update_task(seen.id, DRAFT, expected=seen)


def test_delete_cascades_and_restore_brings_comments_back(db):
    task = tasks.create_task(DRAFT)
    first = comments.add_comment(task.id, "Venue booked")
    comments.add_comment(task.id, "Second shooter confirmed")
    deleted = tasks.delete_task(task.id)
    assert comments.TaskComment.select().count() == 0
    restored = tasks.restore_task(deleted)
    assert restored == tasks.get_task(task.id) and restored.comment_count == 2
    assert comments.list_comments(task.id)[0] == first
    assert restored.id == task.id and restored.created_at == task.created_at


def test_delete_after_someone_else_changed_it_asks_again(db):
    seen = tasks.create_task(DRAFT)
    tasks.update_task(seen.id, replace(DRAFT, title="Changed elsewhere"))
    with pytest.raises(ConflictError):
        tasks.delete_task(seen.id, expected=seen)
    assert tasks.get_task(seen.id).title == "Changed elsewhere"


def test_column_pages_follow_due_date_and_keyset(db):
    created = [
        tasks.create_task(replace(DRAFT, title=f"Order {n}", due_at=datetime(2026, 1, 1 + n % 5)))
        for n in range(12)
    ]
    expected = sorted(created, key=lambda t: t.sort_key)
    first = queries.column_page("1", limit=5)
    second = queries.column_page("1", after=first[-1].sort_key, limit=5)
    third = queries.column_page("1", after=second[-1].sort_key, limit=5)
    assert first + second + third == expected
    assert len(third) == 2


def test_finished_tasks_are_hidden_unless_asked_for(db):
    done = tasks.create_task(replace(DRAFT, is_finished=True))
    open_ = tasks.create_task(replace(DRAFT, title="Open"))
    assert queries.column_page("1") == [open_]
    assert {t.id for t in queries.column_page("1", include_finished=True)} == {done.id, open_.id}
    assert queries.counts_per_column() == {"1": 1}
    assert queries.counts_per_column(include_finished=True) == {"1": 2}


def test_statuses_offer_the_workflow_then_stored_values(db):
    tasks.create_task(replace(DRAFT, status="Scheduled"))
    tasks.create_task(replace(DRAFT, status="Retouched"))  # an earlier version's spelling
    statuses = queries.distinct_statuses()
    assert statuses == ["NichtBearbeitet", "Entwickelt", "Retuschiert", "Gedruckt", "Scheduled"]


def test_board_stats_count_overdue_and_progress(db):
    tasks.create_task(replace(DRAFT, due_at=datetime(2000, 1, 1)))
    tasks.create_task(replace(DRAFT, column="2"))
    tasks.create_task(replace(DRAFT, column="3", is_finished=True))
    stats = queries.board_stats(now=datetime(2026, 1, 1))
    assert (stats.total, stats.overdue, stats.in_progress, stats.done) == (3, 1, 1, 1)


def test_task_with_comments(db):
    task = tasks.create_task(DRAFT)
    comments.add_comment(task.id, "one")
    record, thread = queries.task_with_comments(task.id)
    assert record.comment_count == 1 and [c.text for c in thread] == ["one"]
