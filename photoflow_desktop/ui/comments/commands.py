"""Undoable comment edits on the board's QUndoStack: add, edit, delete.

The first change is made by `add`/`edit`/`delete` before the command is pushed, so a refused
change (ValidationError, NotFoundError) raises to the caller and nothing lands on the stack.
Later undo/redo call the domain again; if that fails (the task or comment was deleted
elsewhere, the database is unreachable) the command turns obsolete, the stack drops it and
`CommentNotifier.failed` says why.
Every change, first or undone or redone, is announced by `CommentNotifier.changed(task_id)`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import peewee
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from photoflow_desktop.domain import comments
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.domain.records import CommentRecord
from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.messages import user_message

log = logging.getLogger(__name__)
NOTIFIER_NAME = "photoflowCommentNotifier"
# The database refused or the connection broke (server gone, id taken by a restore elsewhere).
DATABASE_ERRORS = (peewee.DatabaseError, peewee.InterfaceError)


def database_error_message(error: Exception, reading: bool = False) -> str:
    """'The database did not accept the change: <first line of the driver's text>' (or, when
    `reading`, '… did not return the comments: …'), no traceback."""
    detail = str(error).strip().splitlines()
    problem = detail[0] if detail else type(error).__name__
    if reading:
        text = translate("Comments", "The database did not return the comments: {problem}")
    else:
        text = translate("Comments", "The database did not accept the change: {problem}")
    return text.format(problem=problem)


class CommentNotifier(QObject):
    """Announces comment changes made through one undo stack (lives as the stack's child)."""

    changed = Signal(int)  # task id whose thread changed
    failed = Signal(int, str)  # task id, message: an undo/redo could not be applied


def comment_notifier(stack: QUndoStack) -> CommentNotifier:
    """The notifier of `stack` (created on first use, deleted with the stack)."""
    notifier = stack.findChild(CommentNotifier, NOTIFIER_NAME)
    if notifier is None:
        notifier = CommentNotifier(stack)
        notifier.setObjectName(NOTIFIER_NAME)
    return notifier


def _short(text: str, limit: int = 30) -> str:
    """The first line of a comment, cut for an undo menu entry."""
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _set_present(record: CommentRecord, present: bool) -> None:
    """Put the comment back (same id and time) or delete it."""
    if present:
        comments.restore_comment(record)
    else:
        comments.delete_comment(record.id)


class _CommentCommand(QUndoCommand):
    """Shared plumbing: skip the first redo (already done), report results and failures."""

    def __init__(self, notifier: CommentNotifier, task_id: int, text: str):
        super().__init__(text)
        self._notifier = notifier
        self._task_id = task_id
        self._done = True

    def _apply(self, forward: bool) -> None:
        raise NotImplementedError

    def _run(self, forward: bool) -> None:
        try:
            self._apply(forward)
        except (PhotoflowError, *DATABASE_ERRORS) as error:
            log.warning("%s of '%s' failed: %s", "Redo" if forward else "Undo", self.text(), error)
            message = (
                user_message(error)
                if isinstance(error, PhotoflowError)
                else database_error_message(error)
            )
            self.setObsolete(True)
            self._notifier.failed.emit(self._task_id, message)
            return
        self._notifier.changed.emit(self._task_id)

    def redo(self) -> None:
        """Apply the change (the first call only reports it: it was made before the push)."""
        if self._done:
            self._done = False
            self._notifier.changed.emit(self._task_id)
            return
        self._run(True)

    def undo(self) -> None:
        """Revert the change in the database."""
        self._run(False)


class AddCommentCommand(_CommentCommand):
    """Undo deletes the added comment; redo puts it back with its id and time."""

    def __init__(self, notifier: CommentNotifier, added: CommentRecord):
        super().__init__(
            notifier,
            added.task_id,
            translate("Comments", "Add comment “{text}”").format(text=_short(added.text)),
        )
        self._record = added

    def _apply(self, forward: bool) -> None:
        _set_present(self._record, forward)


class EditCommentCommand(_CommentCommand):
    """Undo puts the old text back; redo the new one."""

    def __init__(self, notifier: CommentNotifier, before: CommentRecord, after: CommentRecord):
        super().__init__(
            notifier,
            after.task_id,
            translate("Comments", "Edit comment “{text}”").format(text=_short(after.text)),
        )
        self._before = before
        self._after = after

    def _apply(self, forward: bool) -> None:
        record = self._after if forward else self._before
        comments.edit_comment(record.id, record.text)


class DeleteCommentCommand(_CommentCommand):
    """Undo restores the deleted comment with its id and time; redo deletes it again."""

    def __init__(self, notifier: CommentNotifier, deleted: CommentRecord):
        super().__init__(
            notifier,
            deleted.task_id,
            translate("Comments", "Delete comment “{text}”").format(text=_short(deleted.text)),
        )
        self._record = deleted

    def _apply(self, forward: bool) -> None:
        _set_present(self._record, not forward)


def add(stack: QUndoStack, task_id: int, text: str) -> CommentRecord:
    """Add a comment now and push its undo command; raises ValidationError/NotFoundError."""
    added = comments.add_comment(task_id, text)
    stack.push(AddCommentCommand(comment_notifier(stack), added))
    return added


def add_later(
    stack: QUndoStack,
    worker,
    task_id: int,
    text: str,
    on_failed: Callable[[Exception], None],
) -> None:
    """Add a comment on the database worker; push its undo command when stored, else `on_failed`."""
    worker.run_task(
        lambda: comments.add_comment(task_id, text),
        on_done=lambda added: stack.push(AddCommentCommand(comment_notifier(stack), added)),
        on_error=on_failed,
    )


def edit(stack: QUndoStack, comment_id: int, text: str) -> CommentRecord | None:
    """Change a comment's text now and push its undo command; None when the text is unchanged."""
    before = comments.get_comment(comment_id)
    after = comments.edit_comment(comment_id, text)
    if after.text == before.text:
        return None
    stack.push(EditCommentCommand(comment_notifier(stack), before, after))
    return after


def delete(stack: QUndoStack, comment_id: int) -> CommentRecord:
    """Delete a comment now and push its undo command; returns the deleted comment."""
    deleted = comments.delete_comment(comment_id)
    stack.push(DeleteCommentCommand(comment_notifier(stack), deleted))
    return deleted
