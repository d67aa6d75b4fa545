"""The board's changes waiting for the database, kept in the edit journal across crashes.

A command that could not reach the database is written to the journal (domain.edit_journal) as
it joins the runner's waiting list, and leaves the journal once its outcome is known (stored,
conflict, refused) or when the user discards it. At start the journal's edits for this database
become waiting commands again and are applied as soon as the board has its columns.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from photoflow_desktop.domain.edit_journal import EditJournal, WaitingEdit, journal_path
from photoflow_desktop.i18n import translate
from photoflow_desktop.paths import user_data_dir
from photoflow_desktop.ui.board.undo import (
    CreateTaskCommand,
    DeleteTaskCommand,
    EditTaskCommand,
    FinishTaskCommand,
    MoveTaskCommand,
    TaskCommand,
)


def edit_for(command: TaskCommand) -> WaitingEdit | None:
    """The journal record of a command's first application (None: not one we keep)."""
    text = command.text()
    if isinstance(command, CreateTaskCommand):
        return WaitingEdit("create", draft=command.draft, text=text)
    seen = command.current
    if seen is None:
        return None
    if isinstance(command, EditTaskCommand):
        return WaitingEdit("edit", seen.id, seen, draft=command.after, text=text)
    if isinstance(command, MoveTaskCommand):
        return WaitingEdit("move", seen.id, seen, value=command.after, text=text)
    if isinstance(command, FinishTaskCommand):
        return WaitingEdit("finish", seen.id, seen, value=command.after, text=text)
    if isinstance(command, DeleteTaskCommand):
        return WaitingEdit("delete", seen.id, seen, text=text)
    return None


def command_for(board, edit: WaitingEdit) -> TaskCommand | None:
    """A board command that applies a journal record (compare-and-set against what was seen)."""
    seen = edit.expected
    if edit.operation == "create":
        command = CreateTaskCommand(board, edit.draft)
    elif seen is None:
        return None
    elif edit.operation == "edit":
        command = EditTaskCommand(board, seen, edit.draft)
    elif edit.operation == "move":
        command = MoveTaskCommand(board, seen, str(edit.value), str(edit.value))
    elif edit.operation == "finish":
        command = FinishTaskCommand(board, seen, bool(edit.value))
    elif edit.operation == "delete":
        command = DeleteTaskCommand(board, seen)
    else:
        return None
    if edit.text:
        command.setText(edit.text)
    command.journal_key = edit.key
    return command


def install(window) -> EditJournal:
    """Give the window's runner its journal, load what waits, add the discard action."""
    journal = EditJournal(journal_path(user_data_dir(), window.session.display_url))
    runner = window.commands
    runner.journal = journal
    for edit in journal.entries():
        command = command_for(window.board, edit)
        if command is None:
            journal.remove(edit.key)
        else:
            command.runner = runner
            runner.pending.append(command)
    runner.show_pending()
    if runner.pending:
        window.board.columnsChanged.connect(  # once the board shows, not in its constructor
            lambda: QTimer.singleShot(0, lambda: window.pending and window.flush_pending()),
            Qt.ConnectionType.SingleShotConnection,
        )
    action = QAction(translate("Board", "&Discard waiting changes…"), window)
    action.setObjectName("discardWaiting")
    action.triggered.connect(lambda: ask_discard(window))
    window.actions["discard_waiting"] = action
    window.file_menu.insertAction(window.actions["quit"], action)
    return journal


def ask_discard(window) -> bool:
    """Ask (modal) whether to throw the waiting changes away; True when they were discarded."""
    texts = window.commands.pending_texts()
    if not texts:
        window.statusBar().showMessage(
            translate("Board", "No changes are waiting for the database."), 5000
        )
        return False
    answer = QMessageBox.question(
        window,
        translate("Board", "Discard waiting changes"),
        translate("Board", "These changes never reached the database and would be lost:")
        + "\n\n"
        + "\n".join(texts),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Discard:
        return False
    window.commands.discard_pending()
    return True


def may_quit(window) -> bool:
    """Ask (modal) what becomes of the waiting changes on quit: kept, discarded, or stay open."""
    texts = window.commands.pending_texts()
    box = QMessageBox(
        QMessageBox.Icon.Question,
        translate("Board", "Changes not saved yet"),
        translate(
            "Board",
            "These changes could not reach the database yet. Keep them to apply them "
            "the next time PhotoFlow opens this database, or discard them?",
        )
        + "\n\n"
        + "\n".join(texts),
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        window,
    )
    box.button(QMessageBox.StandardButton.Save).setText(translate("Board", "Keep for later"))
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Discard:
        window.commands.discard_pending()
    return answer != QMessageBox.StandardButton.Cancel
