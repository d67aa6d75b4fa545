"""Changes made while the database is away are journaled, survive a lost window, apply later."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from photoflow_desktop.domain import tasks
from photoflow_desktop.domain.edit_journal import EditJournal, journal_path
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.paths import user_data_dir
from photoflow_desktop.ui.board import waiting_edits
from photoflow_desktop.ui.board.conflict_dialog import ConflictChoice, ConflictDialog
from photoflow_desktop.ui.board.main_window import MainWindow
from photoflow_desktop.ui.board.undo import FinishTaskCommand, MoveTaskCommand
from photoflow_desktop.ui.common.db_worker import SynchronousWorker
from photoflow_desktop.ui.common.jobs import JobRunner


def _journal(session) -> EditJournal:
    return EditJournal(journal_path(user_data_dir(), session.display_url))


def _changes_while_offline(window):
    """Edit, move and finish three cards while the board cannot reach the database."""
    model = window.board.column_model("1")
    edited, moved, finished = (model.record(row) for row in range(3))
    dialog = window.edit_task(edited.id)  # opened before the connection went
    window.set_read_only(True, "no connection to the database")
    dialog.title_edit.setText("Saved while offline")
    dialog.save_button.click()
    window.run_command(MoveTaskCommand(window.board, moved, "2", "In Bearbeitung"))
    window.run_command(FinishTaskCommand(window.board, finished, True))
    return edited, moved, finished


def _die(window) -> None:
    """The app dies: what waits in its memory is gone, only the journal is left."""
    window.commands.retry_timer.stop()
    window.commands.pending.clear()


def _new_window(qtbot, session) -> MainWindow:
    """The board as the app opens it after a restart, once it applied what waited."""
    window = MainWindow(session, JobRunner(synchronous=True), worker=SynchronousWorker())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.pending)
    return window


def test_changes_waiting_when_the_app_dies_are_applied_by_the_next_board(
    window, seeded_session, qtbot
):
    edited, moved, finished = _changes_while_offline(window)
    assert window.pending_label.text() == "3 changes waiting for the database"
    assert len(_journal(seeded_session)) == 3  # on disk before the app could die
    assert tasks.get_task(edited.id) == edited  # nothing reached the database

    _die(window)
    again = _new_window(qtbot, seeded_session)

    assert tasks.get_task(edited.id).title == "Saved while offline"
    assert tasks.get_task(moved.id).column == "2"
    assert tasks.get_task(finished.id).is_finished
    assert again.pending_label.text() == ""
    assert len(_journal(seeded_session)) == 0
    assert again.undo_stack.count() == 3  # undoable like any other change


def test_a_waiting_change_that_lost_a_race_opens_the_conflict_dialog(window, seeded_session, qtbot):
    edited, moved, _finished = _changes_while_offline(window)
    theirs = tasks.update_task(moved.id, TaskDraft("Renamed at the counter", moved.due_at, "RAW"))
    _die(window)

    asked: list[tuple[str, int]] = []

    def keep_theirs():
        dialog = next((w for w in QApplication.topLevelWidgets() if _asking(w)), None)
        if dialog is None:
            QTimer.singleShot(10, keep_theirs)
            return
        waiting = [edit.operation for edit in _journal(seeded_session).entries()]
        asked.append((dialog.value_label("theirs", "title").text(), "move" in waiting))
        dialog.button(ConflictChoice.KEEP_THEIRS).click()

    QTimer.singleShot(0, keep_theirs)
    _new_window(qtbot, seeded_session)

    # Asked once; while asking, the move is still in the journal (a crash would ask again).
    assert asked == [("Renamed at the counter", True)]
    assert tasks.get_task(moved.id) == theirs  # kept theirs: not overwritten
    assert tasks.get_task(edited.id).title == "Saved while offline"  # the others applied
    assert len(_journal(seeded_session)) == 0


def _asking(widget) -> bool:
    return isinstance(widget, ConflictDialog) and widget.isVisible()


def test_the_user_can_discard_what_waits(window, seeded_session, qtbot):
    edited, moved, finished = _changes_while_offline(window)

    def confirm():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(QMessageBox.StandardButton.Discard).click()
        else:
            QTimer.singleShot(10, confirm)

    QTimer.singleShot(0, confirm)
    window.actions["discard_waiting"].trigger()

    assert window.pending_label.text() == ""
    assert len(_journal(seeded_session)) == 0
    window.set_read_only(False, "")  # the database is back: nothing is applied
    assert [tasks.get_task(t.id) for t in (edited, moved, finished)] == [edited, moved, finished]
    assert not waiting_edits.ask_discard(window)  # nothing left to discard
