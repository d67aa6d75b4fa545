"""The comment thread never waits on the database (issue 12): reads and writes run on the
board's database worker; sends, edits and deletes show at once and are confirmed or taken back.

Both backends; the real threaded worker where the timing matters, the synchronous one where the
database is made unreachable under it.
"""

import threading
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from photoflow_desktop.domain import comments, tasks
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.ui.comments.dialog import CommentsDialog
from tests.support import postgres

CTRL = Qt.KeyboardModifier.ControlModifier


def shown(dialog) -> list[str]:
    """Texts of the thread as the list shows them."""
    return [record.text for record in dialog.model().records()]


def subtitle(dialog) -> str:
    return dialog.findChild(QLabel, "taskDue").text()


def open_editor(view) -> QPlainTextEdit:
    """The in-place editor currently open on the thread (closed ones linger until deleted)."""
    return next(e for e in view.findChildren(QPlainTextEdit, "commentEditor") if e.isVisible())


def new_task(title: str = "Wedding Schneider"):
    return tasks.create_task(TaskDraft(title, datetime(2026, 6, 1, 12, 30), "RAW", column="1"))


def make_unreachable(backend: str, database, database_url: str, request) -> None:
    """The database really goes away: PostgreSQL drops it (ending our session), SQLite's file
    is moved off and a folder stands where it was (a lost network share)."""
    if backend == "postgresql":
        postgres.drop_database(request.getfixturevalue("pg_server"), database_url)
        return
    database.close()
    path = Path(database_url.removeprefix("sqlite:///"))
    path.rename(path.with_name(path.name + ".away"))
    path.mkdir()


def test_a_comment_add_shows_at_once_is_confirmed_and_the_badge_follows(
    qtbot, threaded_window, threaded_worker
):
    window = threaded_window
    board = window.board
    record = board.column_model("1").record(0)
    before = tasks.get_task(record.id).comment_count
    dialog = window.open_comments(record.id)
    qtbot.waitUntil(lambda: "Loading" not in subtitle(dialog), timeout=10_000)
    assert dialog.model().records() == comments.list_comments(record.id)

    qtbot.keyClicks(dialog.composer(), "Proofs approved by the couple")
    with qtbot.waitSignal(dialog.commentCountChanged, timeout=10_000) as blocker:
        qtbot.keyClick(dialog.composer(), Qt.Key.Key_Return, CTRL)
        # At once, before the worker answered: in the thread (no stored id yet), input empty.
        assert shown(dialog)[-1] == "Proofs approved by the couple"
        assert dialog.model().records()[-1].id < 0
        assert dialog.composer().toPlainText() == ""
        assert f"{before + 1} comment" in subtitle(dialog)
    assert blocker.args == [record.id, before + 1]
    stored = comments.list_comments(record.id)
    assert stored[-1].text == "Proofs approved by the couple"
    assert tasks.get_task(record.id).comment_count == before + 1
    assert dialog.model().records() == stored  # the row now carries its stored id
    qtbot.waitUntil(lambda: board.find_record(record.id).comment_count == before + 1)
    assert window.undo_stack.undoText() == "Add comment “Proofs approved by the couple”"

    window.actions["undo"].trigger()  # undo works on the confirmed add
    qtbot.waitUntil(lambda: board.find_record(record.id).comment_count == before)
    qtbot.waitUntil(lambda: "Proofs approved by the couple" not in shown(dialog))
    assert tasks.get_task(record.id).comment_count == before
    assert dialog.model().records() == comments.list_comments(record.id)


@pytest.fixture
def thread_dialog(qtbot, db):
    """A task with one comment and its thread dialog (synchronous worker), shown and active."""
    task = new_task()
    comments.add_comment(task.id, "Venue confirmed")
    stack = QUndoStack()
    dialog = CommentsDialog(task.id, stack)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.stack = stack  # kept alive with the dialog
    return dialog


def test_a_comment_add_is_taken_back_when_the_database_is_gone(
    qtbot, thread_dialog, backend, db, database_url, request
):
    dialog = thread_dialog
    make_unreachable(backend, db, database_url, request)
    qtbot.keyClicks(dialog.composer(), "Written while the studio server was down")
    with qtbot.assertNotEmitted(dialog.commentCountChanged):
        qtbot.keyClick(dialog.composer(), Qt.Key.Key_Return, CTRL)
    assert shown(dialog) == ["Venue confirmed"]  # back to what is stored
    assert dialog.composer().toPlainText() == "Written while the studio server was down"
    error = dialog.error_text()
    assert error.startswith("Comment not sent: ")
    assert "send it again" in error and "\n" not in error  # one line: what happened, what to do
    assert "1 comment" in subtitle(dialog)
    assert dialog.stack.count() == 0  # nothing to undo: nothing was stored
    assert dialog.isVisible()


def test_an_edit_and_a_delete_come_back_when_the_database_is_gone(
    qtbot, thread_dialog, backend, db, database_url, request
):
    dialog = thread_dialog
    make_unreachable(backend, db, database_url, request)
    view = dialog.view()
    view.setFocus()
    view.setCurrentIndex(dialog.model().index(0))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = open_editor(view)
    editor.setPlainText("Venue: town hall")
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    assert shown(dialog) == ["Venue confirmed"]
    assert dialog.error_text().startswith("Edit not saved: ")
    qtbot.keyClick(view, Qt.Key.Key_F2)  # the typed text waits in the next editor
    editor = open_editor(view)
    assert editor.toPlainText() == "Venue: town hall"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)

    dialog.request_delete()
    qtbot.waitUntil(lambda: dialog.prompt() is not None and dialog.prompt().isVisible())
    dialog.prompt().button(dialog.prompt().StandardButton.Yes).click()
    assert shown(dialog) == ["Venue confirmed"]  # came back
    assert dialog.error_text().startswith("Comment not deleted: ")
    assert dialog.stack.count() == 0


def test_a_stale_read_of_the_thread_is_dropped(qtbot, session, threaded_worker):
    task = new_task()
    first = comments.add_comment(task.id, "Venue confirmed")
    stack = QUndoStack()
    gate = threading.Event()
    threaded_worker.run_task(gate.wait, read_only=True)  # the worker is busy for a moment
    try:
        dialog = CommentsDialog(task.id, stack, worker=threaded_worker)
        qtbot.addWidget(dialog)
        dialog.show()
        assert "Loading" in subtitle(dialog)  # opened at once, the thread on its way
        assert dialog.model().rowCount() == 0
        states: list[list[str]] = []
        for signal in (dialog.model().rowsInserted, dialog.model().dataChanged):
            signal.connect(lambda *_args: states.append(shown(dialog)))
        # Another workstation edits the comment after the opening read, before the live read.
        threaded_worker.run_task(lambda: comments.edit_comment(first.id, "Venue: town hall"))
        dialog.task_changed(task.id)
    finally:
        gate.set()
    qtbot.waitUntil(lambda: shown(dialog) == ["Venue: town hall"], timeout=10_000)
    qtbot.waitUntil(lambda: not threaded_worker.busy, timeout=10_000)
    assert states == [["Venue: town hall"]]  # the opening read ("Venue confirmed") never showed
    assert "1 comment" in subtitle(dialog)


def test_an_undo_that_fails_on_the_worker_leaves_the_stack(qtbot, session, threaded_worker):
    """Undo runs on the worker; when it cannot apply, the step goes and the line says why."""
    task = new_task()
    stack = QUndoStack()
    dialog = CommentsDialog(task.id, stack, worker=threaded_worker)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "Loading" not in subtitle(dialog), timeout=10_000)
    dialog.composer().setPlainText("Backdrop: grey")
    with qtbot.waitSignal(dialog.commentCountChanged, timeout=10_000):
        dialog.send()
    assert stack.count() == 1
    comments.delete_comment(comments.list_comments(task.id)[0].id)  # another workstation

    stack.undo()
    qtbot.waitUntil(lambda: stack.count() == 0, timeout=10_000)
    assert dialog.error_text().startswith("Could not undo: Comment #")
    qtbot.waitUntil(lambda: shown(dialog) == [], timeout=10_000)
    assert not stack.canRedo()


def test_undo_and_redo_wait_while_a_comment_is_on_its_way(qtbot, threaded_window):
    """An undo pressed before the comment is stored would lose its redo when the comment's
    command is pushed: Undo/Redo are off until the worker answered."""
    window = threaded_window
    record = window.board.column_model("1").record(0)
    undo = window.actions["undo"]
    window.move_task_to(record.id, "2")  # something to undo
    qtbot.waitUntil(undo.isEnabled, timeout=10_000)
    dialog = window.open_comments(record.id)
    qtbot.waitUntil(lambda: "Loading" not in subtitle(dialog), timeout=10_000)

    qtbot.keyClicks(dialog.composer(), "Album layout sent")
    with qtbot.waitSignal(dialog.commentCountChanged, timeout=10_000):
        qtbot.keyClick(dialog.composer(), Qt.Key.Key_Return, CTRL)
        assert not undo.isEnabled() and not window.actions["redo"].isEnabled()
    qtbot.waitUntil(undo.isEnabled, timeout=10_000)
    assert window.undo_stack.undoText() == "Add comment “Album layout sent”"
