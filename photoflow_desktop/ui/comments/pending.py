"""A thread as stored plus the dialog's changes the database worker has not confirmed yet.

The dialog shows `shown()`: the last stored thread it read with its own unconfirmed adds, edits
and deletes laid over it (optimistic). A confirmed change becomes part of the stored thread; a
refused one is simply taken away again, so the thread goes back to what is stored.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from enum import Enum

from photoflow_desktop.domain.records import CommentRecord, TaskRecord

_TOKENS = itertools.count(1)


class Change(Enum):
    """What an unconfirmed change does to the thread."""

    ADD = "add"
    EDIT = "edit"
    DELETE = "delete"


class ThreadState:
    """The stored task and thread, and the changes on their way (oldest first)."""

    def __init__(self) -> None:
        self.task: TaskRecord | None = None
        self.stored: list[CommentRecord] = []
        self._pending: dict[int, tuple[Change, CommentRecord]] = {}

    def read(self, task: TaskRecord, comments: list[CommentRecord]) -> None:
        """A fresh read of the task and its thread arrived."""
        self.task = task
        self.stored = list(comments)

    def propose(self, change: Change, record: CommentRecord) -> int:
        """Show `change` of `record` before it is stored; returns its token."""
        token = next(_TOKENS)
        self._pending[token] = (change, record)
        return token

    def confirm(self, token: int, stored: CommentRecord) -> None:
        """The worker stored the change: `stored` is the comment as the database has it now."""
        change, _proposed = self._pending.pop(token, (None, None))
        if change is Change.ADD:
            self.stored.append(stored)
        elif change is Change.EDIT:
            self.stored = [stored if r.id == stored.id else r for r in self.stored]
        elif change is Change.DELETE:
            self.stored = [r for r in self.stored if r.id != stored.id]

    def take_back(self, token: int) -> None:
        """The change was not stored: the thread shows what is stored again."""
        self._pending.pop(token, None)

    def shown(self) -> list[CommentRecord]:
        """The stored thread with the unconfirmed changes applied, oldest first."""
        rows = list(self.stored)
        for change, record in self._pending.values():
            if change is Change.ADD:
                rows.append(record)
            elif change is Change.EDIT:
                rows = [replace(r, text=record.text) if r.id == record.id else r for r in rows]
            else:
                rows = [r for r in rows if r.id != record.id]
        return rows
