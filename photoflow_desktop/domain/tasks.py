"""Task use cases: create, edit, move, finish, delete (and restore for undo).

Every edit may carry `expected`, the TaskRecord the user saw: the change is applied only if the
stored task still has those values (compare-and-set), otherwise ConflictError (DESIGN.md §6).
"""

from __future__ import annotations

from dataclasses import replace

import peewee

from photoflow_desktop.domain.columns import column_keys
from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from photoflow_desktop.domain.models import BoardColumn, Task, TaskComment, utc_now
from photoflow_desktop.domain.records import DeletedTask, TaskDraft, TaskRecord
from photoflow_desktop.domain.stored_values import read_count, read_flag, read_text
from photoflow_desktop.domain.validation import validate_draft

TASK_FIELDS = {
    "title": Task.task,
    "due_at": Task.due_at,
    "status": Task.status,
    "info": Task.additional_information,
    "column": Task.task_column,
    "is_finished": Task.is_finished,
}


def to_record(row: Task) -> TaskRecord:
    """The value object for a Task row; a value of the wrong kind becomes a marked stand-in."""
    read = {
        "title": read_text(row.task),
        "status": read_text(row.status),
        "info": read_text(row.additional_information),
        "is_finished": read_flag(row.is_finished),
        "column": read_text(row.task_column),
        "comment_count": read_count(row.amount_of_comments),
    }
    return TaskRecord(
        id=row.id,
        due_at=row.due_at,
        created_at=row.created_at,
        value_damage={name: raw for name, (_value, raw) in read.items() if raw is not None},
        **{name: value for name, (value, _raw) in read.items()},
    )


def draft_values(draft: TaskDraft) -> dict:
    """The Task columns a draft sets, keyed by field (for insert/update)."""
    return {column: getattr(draft, name) for name, column in TASK_FIELDS.items()}


def get_task(task_id: int) -> TaskRecord:
    """The stored task, or NotFoundError."""
    row = Task.get_or_none(Task.id == task_id)
    if row is None:
        raise NotFoundError("Task #{id} no longer exists (it was deleted)", id=task_id)
    return to_record(row)


def create_task(draft: TaskDraft) -> TaskRecord:
    """Validate and store a new task."""
    draft = validate_draft(draft, column_keys())
    values = {**draft_values(draft), Task.created_at: utc_now(), Task.amount_of_comments: 0}
    return get_task(Task.insert(values).execute())


def _matches(record: TaskRecord):
    """WHERE clause: the stored task still has the editable values of `record`."""
    condition = Task.id == record.id
    for name, column in TASK_FIELDS.items():
        if name not in record.value_damage:  # a stand-in equals nothing stored
            condition &= column == getattr(record, name)
    return condition


def _apply(
    task_id: int, values: dict, expected: TaskRecord | None, also: peewee.Expression | None = None
) -> TaskRecord:
    """UPDATE the task (compare-and-set against `expected` when given, and `also` holds)."""
    condition = _matches(expected) if expected is not None else Task.id == task_id
    if also is not None:
        condition &= also
    with database_proxy.atomic():
        # One round trip: the updated row comes back with the UPDATE.
        updated = list(Task.update(values).where(condition).returning(Task).execute())
        if updated:
            return to_record(updated[0])
        current = get_task(task_id)  # NotFoundError when it was deleted
    raise ConflictError(
        "“{title}” was changed by someone else since you opened it", current, title=current.title
    )


def update_task(task_id: int, draft: TaskDraft, expected: TaskRecord | None = None) -> TaskRecord:
    """Replace the editable fields of a task with `draft` (validated)."""
    draft = validate_draft(draft, column_keys())
    return _apply(task_id, draft_values(draft), expected)


def move_task(task_id: int, column: str, expected: TaskRecord | None = None) -> TaskRecord:
    """Put the task in another column (an existing one; one UPDATE at a million orders)."""
    column = str(column).strip()
    column_exists = peewee.fn.EXISTS(BoardColumn.select().where(BoardColumn.key == column))
    try:
        return _apply(task_id, {Task.task_column: column}, expected, also=column_exists)
    except ConflictError:
        if column not in column_keys():
            raise ValidationError(
                "Column '{column}' does not exist on this board", "column", column=column
            ) from None
        raise


def set_finished(task_id: int, finished: bool, expected: TaskRecord | None = None) -> TaskRecord:
    """Mark the task finished or not."""
    current = expected or get_task(task_id)
    draft = replace(TaskDraft.from_record(current), is_finished=bool(finished))
    return update_task(task_id, draft, expected)


def delete_task(task_id: int, expected: TaskRecord | None = None) -> DeletedTask:
    """Delete the task and its comments (cascade); returns what undo needs to restore it."""
    from photoflow_desktop.domain.comments import list_comments

    with database_proxy.atomic():
        current = get_task(task_id)
        if expected is not None and TaskDraft.from_record(current) != TaskDraft.from_record(
            expected
        ):
            raise ConflictError(
                "“{title}” was changed by someone else; look at it again before deleting",
                current,
                title=current.title,
            )
        comments = list_comments(task_id)
        Task.delete().where(Task.id == task_id).execute()
    return DeletedTask(task=current, comments=comments)


def restore_task(deleted: DeletedTask) -> TaskRecord:
    """Bring a deleted task back with its id and comments (undo of delete)."""
    record = deleted.task
    with database_proxy.atomic():
        try:
            Task.insert(
                {
                    **draft_values(TaskDraft.from_record(record)),
                    Task.id: record.id,
                    Task.created_at: record.created_at,
                    Task.amount_of_comments: len(deleted.comments),
                }
            ).execute()
        except peewee.IntegrityError:
            raise ConflictError("Task #{id} exists again already", None, id=record.id) from None
        if deleted.comments:
            TaskComment.insert_many(
                [
                    {
                        TaskComment.id: c.id,
                        TaskComment.task: record.id,
                        TaskComment.comment: c.text,
                        TaskComment.created_at: c.created_at,
                    }
                    for c in deleted.comments
                ]
            ).execute()
    return get_task(record.id)
