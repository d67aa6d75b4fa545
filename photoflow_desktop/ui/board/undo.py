"""Undoable board actions on the window's QUndoStack: create, edit, move, finish, delete.

The window applies the first change with `command.execute()` and pushes the command only when
that worked (the first redo is then skipped); a first change that met an unreachable database
(`connection_error`) is kept by the window and executed again once the database is back.
Every step calls a domain function with `expected=` the record the board showed; a lost race
(ConflictError, or the task deleted elsewhere) asks the user through
`conflict_dialog.resolve_conflict`. A step that cannot be applied makes the command obsolete,
so the stack drops it. The board's cards follow every step through `BoardView.apply_change`.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, replace

import peewee
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox

from photoflow_desktop.domain import tasks
from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import ConflictError, NotFoundError, PhotoflowError
from photoflow_desktop.domain.reconnect import recover_from
from photoflow_desktop.domain.records import DeletedTask, TaskDraft, TaskRecord
from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.messages import user_message
from photoflow_desktop.ui.board.conflict_dialog import ConflictChoice, resolve_conflict

log = logging.getLogger(__name__)
MAX_OVERWRITES = 3


def _refused(exc: Exception) -> str:
    return translate("Undo", "The database did not accept the change: {problem}").format(
        problem=str(exc).strip()
    )


def _short(title: str, limit: int = 32) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


class TaskCommand(QUndoCommand):
    """One board action; subclasses provide `_forward(expected)` and `_backward(expected)`."""

    def __init__(self, board, record: TaskRecord | None, text: str):
        super().__init__(text)
        self.board = board
        self.current = record  # the task as stored after the last step (None: not there)
        self.edit_again: tuple[TaskRecord, TaskDraft | None] | None = None
        self.connection_error = False  # the first application met an unreachable database
        self._skip_redo = False
        self._first_time = False

    @property
    def task_id(self) -> int | None:
        """The task this command acts on (None before a create ran)."""
        return self.current.id if self.current else None

    def execute(self) -> bool:
        """Apply the action the first time; True when it worked (then push the command)."""
        self.connection_error = False
        self.edit_again = None
        self._first_time = True
        try:
            done = self._step(self._forward, self._forward_draft)
        finally:
            self._first_time = False
        self._skip_redo = done
        return done

    def redo(self) -> None:
        """Apply the action again (skipped right after `execute`)."""
        if self._skip_redo:
            self._skip_redo = False
            return
        if not self._step(self._forward, self._forward_draft):
            self.setObsolete(True)

    def undo(self) -> None:
        """Revert the action."""
        if not self._step(self._backward, self._backward_draft):
            self.setObsolete(True)

    # -- subclass hooks ------------------------------------------------------------------
    def _forward(self, expected: TaskRecord | None) -> TaskRecord | None:
        raise NotImplementedError

    def _backward(self, expected: TaskRecord | None) -> TaskRecord | None:
        raise NotImplementedError

    def _forward_draft(self, base: TaskRecord | None) -> TaskDraft | None:
        """What the forward step writes over `base` (shown in the conflict dialog)."""
        return None

    def _backward_draft(self, base: TaskRecord | None) -> TaskDraft | None:
        """What the backward step writes over `base`."""
        return None

    # -- shared machinery ----------------------------------------------------------------
    def _parent(self):
        return self.board.window()

    def _step(self, step, draft_for) -> bool:
        """Run one step with compare-and-set; resolve lost races; update the board."""
        expected = self.current
        for _attempt in range(MAX_OVERWRITES):
            try:
                new = step(expected)
            except ConflictError as exc:
                if exc.current is None:  # a restore found the id taken
                    return self._fail(user_message(exc))
                choice = resolve_conflict(
                    self._parent(), self.text(), draft_for(exc.current), exc.current
                )
                if choice is ConflictChoice.OVERWRITE:
                    expected = exc.current
                    continue
                return self._keep_theirs(exc.current, draft_for(exc.current), choice)
            except NotFoundError:
                mine = draft_for(expected)
                if mine is None:  # deleting a task someone else deleted already: done
                    self.board.apply_change(expected, None)
                    self.current = None
                    return True
                choice = resolve_conflict(self._parent(), self.text(), mine, None)
                if choice is not ConflictChoice.KEEP_THEIRS and expected is not None:
                    # "Create it again with my values" (and, for Edit again, open it after).
                    new = self._recreate(expected, mine)
                    if new is None:
                        return False
                    self.board.apply_change(None, new)
                    self.current = new
                    if choice is ConflictChoice.EDIT_AGAIN:
                        self.edit_again = (new, None)
                        return False
                    return True
                self.board.refresh_task(expected.id if expected else 0)
                return False
            except PhotoflowError as exc:
                return self._fail(user_message(exc))
            except (peewee.OperationalError, peewee.InterfaceError) as exc:
                if recover_from(exc, database_proxy) is None:  # not the connection: refused
                    log.warning("board action failed: %s", exc)
                    return self._fail(_refused(exc))
                if self._first_time:
                    self.connection_error = True  # the window keeps it for later
                    return False
                return self._fail(
                    translate(
                        "Undo",
                        "The database cannot be reached, so this step was not applied. "
                        "Nothing changed; try again when the connection is back.",
                    )
                )
            except peewee.DatabaseError as exc:
                log.warning("board action failed: %s", exc)
                return self._fail(_refused(exc))
            self.board.apply_change(expected, new)
            self.current = new
            return True
        return self._fail(
            translate("Undo", "The task keeps changing elsewhere; try again in a moment")
        )

    def _keep_theirs(
        self, theirs: TaskRecord, mine: TaskDraft | None, choice: ConflictChoice
    ) -> bool:
        self.current = theirs
        self.board.refresh_task(theirs.id)
        if choice is ConflictChoice.EDIT_AGAIN:
            self.edit_again = (theirs, mine)
        return False

    def _recreate(self, seen: TaskRecord, mine: TaskDraft) -> TaskRecord | None:
        """Put a task deleted elsewhere back with my values (same id, no comments)."""
        record = replace(seen, **asdict(mine), comment_count=0)
        try:
            return tasks.restore_task(DeletedTask(record, []))
        except PhotoflowError as exc:
            self._fail(user_message(exc))
            return None

    def _fail(self, message: str) -> bool:
        """Say why the step was not applied (a non-blocking message box)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.text(),
            message,
            QMessageBox.StandardButton.Ok,
            self._parent(),
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("boardActionFailed")
        box.open()
        return False


class CreateTaskCommand(TaskCommand):
    """New task; undo deletes it (keeping any comments for redo), redo restores it."""

    def __init__(self, board, draft: TaskDraft):
        super().__init__(
            board, None, translate("Undo", "New task “{title}”").format(title=_short(draft.title))
        )
        self.draft = draft
        self.deleted: DeletedTask | None = None

    def _forward(self, expected):
        if self.deleted is None:
            return tasks.create_task(self.draft)
        return tasks.restore_task(self.deleted)

    def _backward(self, expected):
        self.deleted = tasks.delete_task(expected.id, expected=expected)
        return None

    def _forward_draft(self, base):
        return self.draft


class _SetValueCommand(TaskCommand):
    """An action that writes `after` over the task; undo writes `before` back."""

    def __init__(self, board, seen: TaskRecord, text: str, before, after):
        super().__init__(board, seen, text)
        self.before = before
        self.after = after

    def _write(self, expected: TaskRecord, value) -> TaskRecord:
        """Store `value` over the task the user saw (compare-and-set)."""
        raise NotImplementedError

    def _draft(self, base: TaskRecord | None, value) -> TaskDraft | None:
        """`base` with `value` written over it (what the conflict dialog shows as mine)."""
        raise NotImplementedError

    def _forward(self, expected):
        return self._write(expected, self.after)

    def _backward(self, expected):
        return self._write(expected, self.before)

    def _forward_draft(self, base):
        return self._draft(base, self.after)

    def _backward_draft(self, base):
        return self._draft(base, self.before)


class EditTaskCommand(_SetValueCommand):
    """Replace a task's fields with the dialog's draft; undo writes the old values back."""

    def __init__(self, board, seen: TaskRecord, draft: TaskDraft):
        text = translate("Undo", "Edit “{title}”").format(title=_short(draft.title))
        super().__init__(board, seen, text, TaskDraft.from_record(seen), draft)

    def _write(self, expected, value):
        return tasks.update_task(expected.id, value, expected=expected)

    def _draft(self, base, value):
        return value


class MoveTaskCommand(_SetValueCommand):
    """Put a card in another column; undo puts it back."""

    def __init__(self, board, seen: TaskRecord, column: str, column_title: str):
        text = translate("Undo", "Move “{title}” to {column}").format(
            title=_short(seen.title), column=column_title
        )
        super().__init__(board, seen, text, seen.column, column)

    def _write(self, expected, value):
        return tasks.move_task(expected.id, value, expected=expected)

    def _draft(self, base, value):
        return replace(TaskDraft.from_record(base), column=value) if base else None


class FinishTaskCommand(_SetValueCommand):
    """Mark a task finished (or not); undo flips it back."""

    def __init__(self, board, seen: TaskRecord, finished: bool):
        text = (
            translate("Undo", "Finish “{title}”")
            if finished
            else translate("Undo", "Unfinish “{title}”")
        ).format(title=_short(seen.title))
        super().__init__(board, seen, text, not finished, finished)

    def _write(self, expected, value):
        return tasks.set_finished(expected.id, value, expected=expected)

    def _draft(self, base, value):
        return replace(TaskDraft.from_record(base), is_finished=value) if base else None


class DeleteTaskCommand(TaskCommand):
    """Delete a task with its comments; undo brings both back (same id)."""

    def __init__(self, board, seen: TaskRecord):
        super().__init__(
            board, seen, translate("Undo", "Delete “{title}”").format(title=_short(seen.title))
        )
        self.deleted: DeletedTask | None = None

    def _forward(self, expected):
        self.deleted = tasks.delete_task(expected.id, expected=expected)
        return None

    def _backward(self, expected):
        return tasks.restore_task(self.deleted)

    def _backward_draft(self, base):
        return TaskDraft.from_record(self.deleted.task) if self.deleted else None
