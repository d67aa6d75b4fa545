"""The one place that runs board commands and hears their outcomes (DESIGN.md §7).

A command runs at once (the card moves, optimistically) and its outcome arrives from the
database worker. Done: a first application is pushed on the undo stack. A lost race: this
runner asks through the conflict dialog (overwrite, keep theirs, edit again) — never the
command. Refused: the card is back and a message says why. Offline on a first application:
the change waits and is applied when the database is back. An undo or redo that did not apply
is dropped from the stack, so undo/redo always follow what is stored. Commands run one at a
time, in order; undo and redo wait while one is under way.
"""

from __future__ import annotations

from dataclasses import asdict, replace

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from photoflow_desktop.domain import tasks
from photoflow_desktop.domain.records import DeletedTask, TaskRecord
from photoflow_desktop.i18n import translate
from photoflow_desktop.ui.board.conflict_dialog import ConflictChoice, resolve_conflict
from photoflow_desktop.ui.board.undo import StepKind, StepOutcome, TaskCommand, run_step
from photoflow_desktop.ui.board.waiting_edits import edit_for

MAX_OVERWRITES = 3
RETRY_MS = 5000


def offline_message() -> str:
    """What the status bar says when a change met an unreachable database."""
    return translate(
        "CommandRunner",
        "The database cannot be reached: the card is back where it was, and the change "
        "is applied when the database is back.",
    )


class CommandRunner(QObject):
    """Starts the window's task commands (the worker runs them in order), settles outcomes."""

    busyChanged = Signal(bool)

    def __init__(self, window, parent: QObject | None = None):
        super().__init__(parent or window)
        self.window = window
        self.pending: list[TaskCommand] = []  # kept while the database could not be reached
        self.journal = None  # EditJournal: the waiting changes on disk (waiting_edits.install)
        self._running: list[TaskCommand] = []  # steps under way, oldest first
        self._waiting: list[TaskCommand] = []  # new commands held while an undo/redo runs
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self.flush_pending)

    @property
    def busy(self) -> bool:
        """True while a command's step is under way."""
        return bool(self._running)

    # -- starting ------------------------------------------------------------------------
    def run(self, command: TaskCommand) -> bool:
        """Apply a command at once (the worker stores it in turn); False if it did not apply."""
        command.runner = self
        if self.window.read_only:
            self._keep_for_later(command)
            return False
        if any(not running.first for running in self._running):
            self._waiting.append(command)  # pushing now would cut the undone step off the stack
            return True
        self._begin(command, first=True)
        command.start(True)
        return self._result_of(command)

    def _result_of(self, command: TaskCommand) -> bool:
        """True while under way or when it was done (a synchronous worker has answered)."""
        return command in self._running or command.confirmed

    def _begin(self, command: TaskCommand, first: bool) -> None:
        command.first = first  # its first application (not an undo/redo)
        command.overwrites = 0
        self._running.append(command)
        if len(self._running) == 1:
            self.busyChanged.emit(True)

    def step_started(self, command: TaskCommand) -> None:
        """An undo or redo of `command` starts (QUndoStack called it)."""
        command.runner = self
        self._begin(command, first=False)

    def _end(self, command: TaskCommand) -> None:
        if command in self._running:
            self._running.remove(command)
            if not self._running:
                self.busyChanged.emit(False)
        while self._waiting and all(running.first for running in self._running):
            self.run(self._waiting.pop(0))

    # -- outcomes ------------------------------------------------------------------------
    def settled(self, command: TaskCommand, forward: bool, outcome: StepOutcome) -> None:
        """A step of `command` ended: push it, ask about a lost race, or say why it failed."""
        kind = outcome.kind
        asks = kind is StepKind.GONE or (kind is StepKind.CONFLICT and outcome.record is not None)
        if not asks and not (kind is StepKind.OFFLINE and command.first):
            self._forget(command)  # its outcome is known: the journal lets it go
        if kind is StepKind.DONE:
            self._done(command)
        elif kind is StepKind.CONFLICT and outcome.record is not None:
            self._conflict(command, forward, outcome.record)
        elif kind is StepKind.GONE:
            self._gone(command, forward)
        elif kind is StepKind.OFFLINE and command.first:
            self._end(command)
            self._keep_for_later(command)
            self.window.statusBar().showMessage(offline_message(), 10_000)
        else:
            self._failed(
                command,
                forward,
                outcome.message or translate("CommandRunner", "The change was not applied."),
            )

    def _done(self, command: TaskCommand) -> None:
        self.window.dataWritten.emit()  # committed: the web app link tells its pages
        if command.first:
            command.confirmed = True
            command._skip_redo = True
            self.window.undo_stack.push(command)
            if command.after_done is not None:
                command.after_done(command)
        self._end(command)

    def _step_not_applied(self, command: TaskCommand, forward: bool) -> None:
        """Drop an undo/redo that did not apply: the stack follows what is stored."""
        if command.first:
            self._end(command)
            return
        command.setObsolete(True)
        if not command.in_qt_step:  # otherwise QUndoStack drops it when the call returns
            stack = self.window.undo_stack
            if forward:
                stack.undo()  # obsolete: removed without running it
            else:
                stack.redo()
        self._end(command)

    def _failed(self, command: TaskCommand, forward: bool, message: str) -> None:
        self._step_not_applied(command, forward)
        self.show_failure(command.text(), message)

    def show_failure(self, action: str, message: str) -> QMessageBox:
        """Say why a board change (titled `action`) was not applied, without blocking."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            action,
            message,
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("boardActionFailed")
        box.open()
        return box

    def _conflict(self, command: TaskCommand, forward: bool, theirs: TaskRecord) -> None:
        mine = command.draft_for(forward, theirs)
        choice = resolve_conflict(self.window, command.text(), mine, theirs)
        if choice is ConflictChoice.OVERWRITE and command.overwrites < MAX_OVERWRITES:
            command.overwrites += 1
            command.start(forward, expected=theirs)
            return
        self._forget(command)  # answered (a crash during the question asks again next time)
        if choice is ConflictChoice.OVERWRITE:
            self._failed(
                command,
                forward,
                translate(
                    "CommandRunner", "The task keeps changing elsewhere; try again in a moment"
                ),
            )
            return
        command.current = theirs
        self.window.board.refresh_task(theirs.id)
        self._step_not_applied(command, forward)
        if choice is ConflictChoice.EDIT_AGAIN:
            self.window.edit_task(theirs.id, prefill=mine, seen=theirs)

    def _gone(self, command: TaskCommand, forward: bool) -> None:
        seen = command.current
        mine = command.draft_for(forward, seen)
        choice = resolve_conflict(self.window, command.text(), mine, None)
        self._forget(command)
        if choice is ConflictChoice.KEEP_THEIRS or seen is None or mine is None:
            if seen is not None:
                self.window.board.refresh_task(seen.id)
            self._step_not_applied(command, forward)
            return
        # "Create it again with my values" (and, for Edit again, open it after).
        record = replace(seen, **asdict(mine), comment_count=0)
        board = self.window.board
        query = board.query
        board.worker.run_task(
            lambda: run_step(lambda _e: tasks.restore_task(DeletedTask(record, [])), None, query),
            on_done=lambda outcome: self._recreated(command, forward, choice, outcome),
        )

    def _recreated(
        self, command: TaskCommand, forward: bool, choice: ConflictChoice, outcome: StepOutcome
    ) -> None:
        if outcome.kind is not StepKind.DONE or outcome.record is None:
            message = outcome.message or translate(
                "CommandRunner", "The task could not be created again."
            )
            self._failed(command, forward, message)
            return
        self.window.board.apply_change(None, outcome.record, matches=outcome.matches)
        command.current = outcome.record
        if choice is ConflictChoice.EDIT_AGAIN:
            self._step_not_applied(command, forward)
            self.window.edit_task(outcome.record.id)
            return
        self._done(command)

    # -- changes kept while the database could not be reached ----------------------------
    def _keep_for_later(self, command: TaskCommand) -> None:
        self.pending.append(command)
        if self.journal is not None and command.journal_key is None:
            edit = edit_for(command)
            if edit is not None:
                self.journal.append(edit)  # on disk before the user sees "waiting"
                command.journal_key = edit.key
        self.show_pending()
        if not self.window.read_only:
            self.retry_timer.start()

    def flush_pending(self) -> int:
        """Apply the changes kept while the database was unreachable; returns how many wait."""
        self.retry_timer.stop()
        waiting = list(self.pending)
        self.pending.clear()  # the same list the window shows
        for command in waiting:
            if self.window.read_only:
                self.pending.append(command)
            else:
                self.run(command)
        self.show_pending()
        return len(self.pending)

    def _forget(self, command: TaskCommand) -> None:
        """Remove a command's record from the journal (applied, refused or in conflict)."""
        if command.journal_key is not None and self.journal is not None:
            self.journal.remove(command.journal_key)
        command.journal_key = None

    def discard_pending(self) -> None:
        """Throw away every waiting change (the user confirmed it)."""
        self.retry_timer.stop()
        self.pending.clear()
        if self.journal is not None:
            self.journal.clear()
        self.show_pending()

    def show_pending(self) -> None:
        """The status bar's "N change(s) waiting" with the changes as its tooltip."""
        texts = self.pending_texts()
        label = self.window.pending_label
        waiting = translate("Board", "%n change(s) waiting for the database", None, len(texts))
        label.setText(waiting if texts else "")
        label.setToolTip("\n".join(texts))

    def pending_texts(self) -> list[str]:
        """What waits, as the undo texts (for the status bar and the close question)."""
        return [command.text() for command in self.pending]
