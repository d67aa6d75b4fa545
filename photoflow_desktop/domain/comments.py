"""Comment use cases. `amount_of_comments` moves in the same transaction, in SQL, so two
workstations commenting at once still leave it equal to the real count."""

from __future__ import annotations

from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import NotFoundError
from photoflow_desktop.domain.models import Task, TaskComment, utc_now
from photoflow_desktop.domain.records import CommentRecord
from photoflow_desktop.domain.validation import validate_comment


def to_comment_record(row: TaskComment) -> CommentRecord:
    """The value object for a task_comments row."""
    return CommentRecord(
        id=row.id, task_id=row.task_id, text=row.comment, created_at=row.created_at
    )


def _bump_count(task_id: int, delta: int) -> None:
    updated = (
        Task.update(amount_of_comments=Task.amount_of_comments + delta)
        .where(Task.id == task_id)
        .execute()
    )
    if not updated:
        raise NotFoundError("Task #{id} no longer exists (it was deleted)", id=task_id)


def list_comments(task_id: int) -> list[CommentRecord]:
    """The thread of a task, oldest first."""
    query = (
        TaskComment.select()
        .where(TaskComment.task == task_id)
        .order_by(TaskComment.created_at, TaskComment.id)
    )
    return [to_comment_record(row) for row in query]


def get_comment(comment_id: int) -> CommentRecord:
    """One comment, or NotFoundError."""
    row = TaskComment.get_or_none(TaskComment.id == comment_id)
    if row is None:
        raise NotFoundError("Comment #{id} no longer exists", id=comment_id)
    return to_comment_record(row)


def add_comment(task_id: int, text: str) -> CommentRecord:
    """Validate and append a comment; the task's counter goes up by one atomically."""
    text = validate_comment(text)
    with database_proxy.atomic():
        _bump_count(task_id, +1)
        row = TaskComment.create(task=task_id, comment=text, created_at=utc_now())
    return to_comment_record(row)


def edit_comment(comment_id: int, text: str) -> CommentRecord:
    """Replace a comment's text."""
    text = validate_comment(text)
    with database_proxy.atomic():
        updated = TaskComment.update(comment=text).where(TaskComment.id == comment_id).execute()
        if not updated:
            raise NotFoundError("Comment #{id} no longer exists", id=comment_id)
        return get_comment(comment_id)


def delete_comment(comment_id: int) -> CommentRecord:
    """Delete a comment; returns it (for undo). The counter goes down by one atomically.

    DELETE … RETURNING both removes and reads the row, so of two workstations deleting the same
    comment at once only the one that really removed it moves the counter; the other gets
    NotFoundError. Starting with the write also keeps SQLite from upgrading a stale read.
    """
    with database_proxy.atomic():
        removed = list(
            TaskComment.delete()
            .where(TaskComment.id == comment_id)
            .returning(TaskComment)
            .execute()
        )
        if not removed:
            raise NotFoundError("Comment #{comment_id} no longer exists", comment_id=comment_id)
        _bump_count(removed[0].task_id, -1)
    return to_comment_record(removed[0])


def restore_comment(comment: CommentRecord) -> CommentRecord:
    """Put a deleted comment back with its id and time (undo of delete)."""
    with database_proxy.atomic():
        _bump_count(comment.task_id, +1)
        TaskComment.insert(
            id=comment.id,
            task=comment.task_id,
            comment=comment.text,
            created_at=comment.created_at,
        ).execute()
    return get_comment(comment.id)
