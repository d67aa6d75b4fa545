"""Pages of raw rows for the data browser (the Prisma Studio role): any sort order, a filter.

Offset paging: the browser lets the user sort by any column, where a keyset would need one
index per column; pages are small (the view fetches the next page when it scrolls there).
"""

from __future__ import annotations

import peewee

from photoflow_desktop.domain.comments import to_comment_record
from photoflow_desktop.domain.models import Task, TaskComment
from photoflow_desktop.domain.records import CommentRecord, TaskRecord
from photoflow_desktop.domain.search_table import tasks_with_fields
from photoflow_desktop.domain.tasks import to_record

BROWSE_PAGE_SIZE = 200

# Sortable fields of the browser, by the names the records use.
TASK_SORT_FIELDS = {
    "id": Task.id,
    "title": Task.task,
    "due_at": Task.due_at,
    "status": Task.status,
    "info": Task.additional_information,
    "is_finished": Task.is_finished,
    "column": Task.task_column,
    "comment_count": Task.amount_of_comments,
    "created_at": Task.created_at,
}
COMMENT_SORT_FIELDS = {
    "id": TaskComment.id,
    "task_id": TaskComment.task,
    "text": TaskComment.comment,
    "created_at": TaskComment.created_at,
}


def _order(fields: dict, sort: str, descending: bool, tiebreak) -> list:
    column = fields.get(sort)
    if column is None:
        raise ValueError(f"Cannot sort by {sort!r}")
    first = column.desc() if descending else column.asc()
    last = tiebreak.desc() if descending else tiebreak.asc()
    return [first, last] if column is not tiebreak else [first]


def _task_query(where: peewee.Expression | None):
    query = tasks_with_fields()
    return query.where(where) if where is not None else query


def task_rows(
    where: peewee.Expression | None = None,
    sort: str = "id",
    descending: bool = False,
    offset: int = 0,
    limit: int = BROWSE_PAGE_SIZE,
) -> list[TaskRecord]:
    """Up to `limit` tasks matching `where` (e.g. `search.parse_query`), sorted by `sort`."""
    query = _task_query(where).order_by(*_order(TASK_SORT_FIELDS, sort, descending, Task.id))
    return [to_record(row) for row in query.offset(offset).limit(limit)]


def task_count(where: peewee.Expression | None = None) -> int:
    """How many tasks match `where`."""
    return _task_query(where).count()


def _comment_query(task_id: int | None, text: str | None):
    query = TaskComment.select()
    if task_id is not None:
        query = query.where(TaskComment.task == task_id)
    if text and text.strip():
        query = query.where(TaskComment.comment.contains(text.strip()))
    return query


def comment_rows(
    task_id: int | None = None,
    text: str | None = None,
    sort: str = "id",
    descending: bool = False,
    offset: int = 0,
    limit: int = BROWSE_PAGE_SIZE,
) -> list[CommentRecord]:
    """Up to `limit` comments (of one task, containing `text` when given), sorted by `sort`."""
    order = _order(COMMENT_SORT_FIELDS, sort, descending, TaskComment.id)
    query = _comment_query(task_id, text).order_by(*order).offset(offset).limit(limit)
    return [to_comment_record(row) for row in query]


def comment_count(task_id: int | None = None, text: str | None = None) -> int:
    """How many comments match."""
    return _comment_query(task_id, text).count()
