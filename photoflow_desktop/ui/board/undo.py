"""Undoable board actions on the window's QUndoStack: create, edit, move, finish, delete.

Every step is optimistic: the board shows the expected result at once (`_predict`), the
database worker runs the domain call with `expected=` the record the board showed (compare-and-
set), and the step's outcome — done, conflict, gone, refused, offline — goes back to the UI
thread. A step that did not apply puts the card back; the outcome goes to the command runner
(command_runner.CommandRunner), the one place that asks the user about a lost race or says why
a change failed. Commands never open dialogs themselves.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from enum import Enum

import peewee
from PySide6.QtGui import QUndoCommand

from photoflow_desktop.domain import tasks
from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import ConflictError, NotFoundError, PhotoflowError
from photoflow_desktop.domain.reconnect import recover_from
from photoflow_desktop.domain.records import DeletedTask, TaskDraft, TaskRecord
from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.messages import user_message
from photoflow_desktop.ui.board.board_reads import BoardQuery, matches

log = logging.getLogger(__name__)
NO_PREDICTION = object()  # a step whose result the board cannot show before it is stored


def _refused(exc: Exception) -> str:
    return translate("Undo", "The database did not accept the change: {problem}").format(
        problem=str(exc).strip()
    )


def _short(title: str, limit: int = 32) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


class StepKind(Enum):
    """How a step ended."""

    DONE = "done"  # stored; `record` is the task now (None: deleted)
    CONFLICT = "conflict"  # someone changed it first; `record` is theirs (None: id taken)
    GONE = "gone"  # the task was deleted elsewhere
    REFUSED = "refused"  # the database said no; `message` says why
    OFFLINE = "offline"  # the database cannot be reached


@dataclass(frozen=True)
class StepOutcome:
    """What the worker reports back for one step."""

    kind: StepKind
    record: TaskRecord | None = None
    matches: bool = False  # the stored task is found by the board's search
    message: str = ""


def run_step(
    step: Callable[[TaskRecord | None], TaskRecord | None],
    expected: TaskRecord | None,
    query: BoardQuery,
) -> StepOutcome:
    """Run one step on the worker thread and classify how it ended."""
    try:
        new = step(expected)
    except ConflictError as exc:
        return StepOutcome(StepKind.CONFLICT, exc.current, message=user_message(exc))
    except NotFoundError:
        return StepOutcome(StepKind.GONE)
    except PhotoflowError as exc:
        return StepOutcome(StepKind.REFUSED, message=user_message(exc))
    except peewee.PeeweeException as exc:
        if recover_from(exc, database_proxy) is not None:
            return StepOutcome(
                StepKind.OFFLINE,
                message=translate(
                    "Undo",
                    "The database cannot be reached, so this step was not applied. "
                    "Nothing changed; try again when the connection is back.",
                ),
            )
        log.warning("board action failed: %s", exc)
        return StepOutcome(StepKind.REFUSED, message=_refused(exc))
    return StepOutcome(StepKind.DONE, new, matches(new, query))


class TaskCommand(QUndoCommand):
    """One board action; subclasses provide `_forward(expected)` and `_backward(expected)`."""

    def __init__(self, board, record: TaskRecord | None, text: str):
        super().__init__(text)
        self.board = board
        self.current = record  # the task as stored after the last step (None: not there)
        self.runner = None  # the CommandRunner that hears every outcome
        self.confirmed = False  # the first application was stored
        self.first = True  # the step under way is the first application
        self.overwrites = 0  # times the user chose to overwrite in this step
        self.after_done: Callable[[TaskCommand], None] | None = None  # once, after the first
        self._skip_redo = False
        self.in_qt_step = False  # inside QUndoStack's call of undo()/redo()

    @property
    def task_id(self) -> int | None:
        """The task this command acts on (None before a create ran)."""
        return self.current.id if self.current else None

    def start(self, forward: bool, expected: TaskRecord | None = None) -> None:
        """Show the step's result at once and run it on the worker (over `expected` if given)."""
        expected = self.current if expected is None else expected
        shown = self.board.find_record(expected.id) if expected is not None else None
        predicted = self._predict(forward, expected)
        if predicted is not NO_PREDICTION:
            self.board.apply_change(shown, predicted)
        step = self._forward if forward else self._backward
        query = self.board.query
        self.board.worker.run_task(
            lambda: run_step(step, expected, query),
            on_done=lambda outcome: self._settle(forward, expected, shown, predicted, outcome),
        )

    def _settle(self, forward, expected, shown, predicted, outcome: StepOutcome) -> None:
        """Confirm the shown result, or put back what was shown; then tell the runner."""
        draft = self.draft_for(forward, expected)
        if outcome.kind is StepKind.GONE and draft is None:
            outcome = StepOutcome(StepKind.DONE)  # deleting what is gone already: done
        on_board = None if predicted is NO_PREDICTION else predicted
        if outcome.kind is StepKind.DONE:
            self.board.apply_change(on_board, outcome.record, matches=outcome.matches)
            self.current = outcome.record
        elif predicted is not NO_PREDICTION:
            self.board.apply_change(on_board, shown, matches=shown is not None)
        if self.runner is not None:
            self.runner.settled(self, forward, outcome)

    def redo(self) -> None:
        """Apply the action again (skipped right after the first application)."""
        if self._skip_redo:
            self._skip_redo = False
            return
        self._run_in_qt_step(True)

    def undo(self) -> None:
        """Revert the action."""
        self._run_in_qt_step(False)

    def _run_in_qt_step(self, forward: bool) -> None:
        self.in_qt_step = True
        try:
            if self.runner is not None:
                self.runner.step_started(self)
            self.start(forward)
        finally:
            self.in_qt_step = False

    def draft_for(self, forward: bool, base: TaskRecord | None) -> TaskDraft | None:
        """What the step writes over `base` (shown as "mine" in the conflict dialog)."""
        return self._forward_draft(base) if forward else self._backward_draft(base)

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

    def _predict(self, forward: bool, expected: TaskRecord | None):
        """The task as the step will store it (None: removed), or NO_PREDICTION."""
        draft = self.draft_for(forward, expected)
        if expected is None or draft is None:
            return NO_PREDICTION
        return replace(expected, **asdict(draft))


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

    def _predict(self, forward, expected):
        if not forward:
            return None
        return self.deleted.task if self.deleted else NO_PREDICTION  # no id before the insert


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

    def _predict(self, forward, expected):
        if forward:
            return None
        return self.deleted.task if self.deleted else NO_PREDICTION
