"""Undoable comment changes on the board's QUndoStack: add, edit, delete — all on the worker.

`add_later`/`edit_later`/`delete_later` hand the first change to the board's database worker and
push its command only once the worker stored it, so the stack holds confirmed changes only; a
refused change goes to `on_failed` and nothing lands on the stack. Undo and redo run on the same
worker, in order; one that fails (the task or comment was deleted elsewhere, the database is
unreachable) turns the command obsolete, the stack drops it and `CommentNotifier.failed` says
why. Commands never open dialogs: the thread dialog and the main window show the message.
Every change, first or undone or redone, is announced by `CommentNotifier.changed(task_id)`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from photoflow_desktop.domain import comments
from photoflow_desktop.domain.records import CommentRecord
from photoflow_desktop.i18n import translate
from photoflow_desktop.ui.comments.failures import Action, failure_line

log = logging.getLogger(__name__)
NOTIFIER_NAME = "photoflowCommentNotifier"


class CommentNotifier(QObject):
    """Announces comment changes made through one undo stack (lives as the stack's child)."""

    changed = Signal(int)  # task id whose thread changed
    failed = Signal(int, str)  # task id, one line: an undo/redo could not be applied
    busyChanged = Signal(bool)  # a comment change is on its way to the database (or no more)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._in_flight = 0

    @property
    def busy(self) -> bool:
        """True while a comment add/edit/delete waits for the worker (undo/redo wait too:
        a command pushed after an undo would drop that undo's redo)."""
        return self._in_flight > 0

    def tracked(self, on_done: Callable, on_error: Callable) -> tuple[Callable, Callable]:
        """Count one change as on its way until one of its answers has run."""
        self._in_flight += 1
        if self._in_flight == 1:
            self.busyChanged.emit(True)

        def answered(callback: Callable) -> Callable:
            def run(answer) -> None:
                try:
                    callback(answer)
                finally:
                    self._arrived()

            return run

        return answered(on_done), answered(on_error)

    def _arrived(self) -> None:
        if shiboken6.isValid(self):
            self._in_flight -= 1
            if self._in_flight == 0:
                self.busyChanged.emit(False)


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
    """Put the comment back (same id and time) or delete it (runs on the worker)."""
    if present:
        comments.restore_comment(record)
    else:
        comments.delete_comment(record.id)


class _CommentCommand(QUndoCommand):
    """Shared plumbing: skip the first redo (already stored), run steps on the worker."""

    def __init__(self, stack: QUndoStack, worker, task_id: int, text: str):
        super().__init__(text)
        self._stack = stack
        self._worker = worker
        self._notifier = comment_notifier(stack)
        self._task_id = task_id
        self._done = True
        self._in_qt_step = False  # inside QUndoStack's call of undo()/redo()

    def _apply(self, forward: bool) -> None:
        raise NotImplementedError

    def _run(self, forward: bool) -> None:
        self._in_qt_step = True
        try:
            self._worker.run_task(
                lambda: self._apply(forward),
                on_done=lambda _result: self._applied(),
                on_error=lambda error: self._not_applied(forward, error),
            )
        finally:
            self._in_qt_step = False

    def _applied(self) -> None:
        if shiboken6.isValid(self._notifier):
            self._notifier.changed.emit(self._task_id)

    def _not_applied(self, forward: bool, error: Exception) -> None:
        """Drop the step from the stack (it follows what is stored) and say why."""
        log.warning("%s of '%s' failed: %s", "Redo" if forward else "Undo", self.text(), error)
        if not shiboken6.isValid(self) or not shiboken6.isValid(self._stack):
            return
        self.setObsolete(True)
        if not self._in_qt_step:  # otherwise QUndoStack drops it when the call returns
            stack = self._stack
            at = stack.index() - 1 if forward else stack.index()
            if 0 <= at < stack.count() and stack.command(at) is self:
                (stack.undo if forward else stack.redo)()  # obsolete: removed, not run
        line = failure_line(Action.REDO if forward else Action.UNDO, error)
        self._notifier.failed.emit(self._task_id, line)

    def redo(self) -> None:
        """Apply the change (the first call only reports it: it was stored before the push)."""
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

    def __init__(self, stack: QUndoStack, worker, added: CommentRecord):
        super().__init__(
            stack,
            worker,
            added.task_id,
            translate("Comments", "Add comment “{text}”").format(text=_short(added.text)),
        )
        self._record = added

    def _apply(self, forward: bool) -> None:
        _set_present(self._record, forward)


class EditCommentCommand(_CommentCommand):
    """Undo puts the old text back; redo the new one."""

    def __init__(self, stack: QUndoStack, worker, before: CommentRecord, after: CommentRecord):
        super().__init__(
            stack,
            worker,
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

    def __init__(self, stack: QUndoStack, worker, deleted: CommentRecord):
        super().__init__(
            stack,
            worker,
            deleted.task_id,
            translate("Comments", "Delete comment “{text}”").format(text=_short(deleted.text)),
        )
        self._record = deleted

    def _apply(self, forward: bool) -> None:
        _set_present(self._record, not forward)


def _edited(comment_id: int, text: str) -> tuple[CommentRecord, CommentRecord]:
    """(before, after) of an edit (runs on the worker)."""
    before = comments.get_comment(comment_id)
    return before, comments.edit_comment(comment_id, text)


def add_later(
    stack: QUndoStack,
    worker,
    task_id: int,
    text: str,
    on_stored: Callable[[CommentRecord], None],
    on_failed: Callable[[Exception], None],
) -> None:
    """Add a comment on the worker; when stored: `on_stored(added)`, then its command is pushed."""

    def stored(added: CommentRecord) -> None:
        on_stored(added)
        if shiboken6.isValid(stack):
            stack.push(AddCommentCommand(stack, worker, added))

    stored, failed = comment_notifier(stack).tracked(stored, on_failed)
    worker.run_task(lambda: comments.add_comment(task_id, text), stored, failed)


def edit_later(
    stack: QUndoStack,
    worker,
    comment_id: int,
    text: str,
    on_stored: Callable[[CommentRecord], None],
    on_failed: Callable[[Exception], None],
) -> None:
    """Change a comment's text on the worker; when stored: `on_stored(after)`, then its command
    is pushed (none when the stored text did not change)."""

    def stored(result: tuple[CommentRecord, CommentRecord]) -> None:
        before, after = result
        on_stored(after)
        if after.text != before.text and shiboken6.isValid(stack):
            stack.push(EditCommentCommand(stack, worker, before, after))

    stored, failed = comment_notifier(stack).tracked(stored, on_failed)
    worker.run_task(lambda: _edited(comment_id, text), stored, failed)


def delete_later(
    stack: QUndoStack,
    worker,
    comment_id: int,
    on_stored: Callable[[CommentRecord], None],
    on_failed: Callable[[Exception], None],
) -> None:
    """Delete a comment on the worker; when stored: `on_stored(deleted)`, then its command."""

    def stored(deleted: CommentRecord) -> None:
        on_stored(deleted)
        if shiboken6.isValid(stack):
            stack.push(DeleteCommentCommand(stack, worker, deleted))

    stored, failed = comment_notifier(stack).tracked(stored, on_failed)
    worker.run_task(lambda: comments.delete_comment(comment_id), stored, failed)
