"""What the database worker reads for a comment thread (plain functions: they run off the UI
thread)."""

from __future__ import annotations

from dataclasses import dataclass

from photoflow_desktop.domain.comments import list_comments
from photoflow_desktop.domain.records import CommentRecord, TaskRecord
from photoflow_desktop.domain.tasks import get_task


@dataclass(frozen=True)
class StoredThread:
    """A task and its comments (oldest first) as stored."""

    task: TaskRecord
    comments: list[CommentRecord]


def read_thread(task_id: int) -> StoredThread:
    """The task and its thread; NotFoundError when the task is gone."""
    return StoredThread(get_task(task_id), list_comments(task_id))
