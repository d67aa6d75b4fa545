"""Plain value objects the use cases return: what the UI shows and what an edit compares with."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from photoflow_desktop.domain.datetime_field import damaged_text, is_damaged, is_date_only


@dataclass(frozen=True)
class TaskRecord:
    """A task as read from the database (due_at and created_at are naive UTC)."""

    id: int
    title: str
    due_at: datetime
    status: str
    info: str
    is_finished: bool
    column: str
    comment_count: int
    created_at: datetime
    value_damage: dict[str, str] = field(default_factory=dict, compare=False)
    """Non-date fields whose stored value was of the wrong kind → that raw value (see
    stored_values); the field itself holds a harmless stand-in."""

    @property
    def sort_key(self) -> tuple[datetime, int]:
        """Board order: earliest due first, then id (the keyset used for paging)."""
        return (self.due_at, self.id)

    @property
    def damaged(self) -> dict[str, str]:
        """Fields whose stored value cannot be shown → that raw value (empty when all is well)."""
        stored = {"due_at": self.due_at, "created_at": self.created_at}
        dates = {name: damaged_text(value) for name, value in stored.items() if is_damaged(value)}
        return {**self.value_damage, **dates}

    @property
    def due_is_date_only(self) -> bool:
        """The due date has no time of day (UTC midnight, as the web app stores due dates)."""
        return is_date_only(self.due_at)


@dataclass(frozen=True)
class TaskDraft:
    """What a user enters to create or edit a task."""

    title: str
    due_at: datetime
    status: str
    info: str = ""
    column: str = "1"
    is_finished: bool = False

    @classmethod
    def from_record(cls, record: TaskRecord) -> TaskDraft:
        """The editable part of a stored task."""
        return cls(
            title=record.title,
            due_at=record.due_at,
            status=record.status,
            info=record.info,
            column=record.column,
            is_finished=record.is_finished,
        )


@dataclass(frozen=True)
class CommentRecord:
    """One comment of a task's thread."""

    id: int
    task_id: int
    text: str
    created_at: datetime


@dataclass(frozen=True)
class DeletedTask:
    """Everything needed to bring a deleted task back (undo): the task and its comments."""

    task: TaskRecord
    comments: list[CommentRecord] = field(default_factory=list)


@dataclass(frozen=True)
class ColumnRecord:
    """A board column."""

    key: str
    title: str
    position: int
    wip_limit: int | None
