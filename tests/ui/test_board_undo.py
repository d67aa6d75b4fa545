"""Undo/redo of every board action, and lost races settled through the conflict choice."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from photoflow_desktop.domain import comments, tasks
from photoflow_desktop.domain.errors import NotFoundError
from photoflow_desktop.domain.models import utc_now
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.ui.board import command_runner
from photoflow_desktop.ui.board.conflict_dialog import ConflictChoice


def _undo(window, qtbot):
    qtbot.keyClick(
        window.board.column_view("1").view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
    )


def _redo(window, qtbot):
    qtbot.keyClick(
        window.board.column_view("1").view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def test_undo_redo_create_keeps_the_id(window, qtbot):
    dialog = window.new_task("2")
    dialog.title_edit.setText("Undoable order")
    dialog.save_button.click()
    doing = window.board.column_model("2")
    created = next(r for r in doing.records() if r.title == "Undoable order")
    assert window.undo_stack.undoText() == "New task “Undoable order”"

    _undo(window, qtbot)
    assert doing.row_of(created.id) == -1
    with pytest.raises(NotFoundError):
        tasks.get_task(created.id)

    _redo(window, qtbot)
    assert tasks.get_task(created.id).title == "Undoable order"
    assert doing.row_of(created.id) >= 0


def test_undo_redo_edit(window, qtbot):
    model = window.board.column_model("1")
    record = model.record(0)
    dialog = window.edit_task(record.id)
    dialog.title_edit.setText("Edited title")
    dialog.status_combo.setCurrentText("Developed")
    dialog.save_button.click()
    assert window.actions["undo"].text() == "&Undo Edit “Edited title”"

    window.undo_stack.undo()
    assert tasks.get_task(record.id).title == record.title
    assert model.record(model.row_of(record.id)).status == record.status
    window.undo_stack.redo()
    stored = tasks.get_task(record.id)
    assert (stored.title, stored.status) == ("Edited title", "Entwickelt")  # label → key
    assert model.record(model.row_of(record.id)).title == "Edited title"


def test_undo_redo_move_by_drop(window, qtbot, drop):
    board = window.board
    record = board.column_model("1").record(0)
    drop(board.column_view("3").view, record.id)
    assert tasks.get_task(record.id).column == "3"

    _undo(window, qtbot)
    assert tasks.get_task(record.id).column == "1"
    assert board.column_model("1").row_of(record.id) == 0
    assert board.column_model("3").row_of(record.id) == -1
    assert window.actions["redo"].text().startswith("&Redo Move “")

    _redo(window, qtbot)
    assert tasks.get_task(record.id).column == "3"
    assert board.column_model("3").row_of(record.id) >= 0


def test_undo_redo_finish(window, qtbot):
    model = window.board.column_model("2")
    record = model.record(0)
    window.board.select_task(record.id, focus=True)
    assert window.toggle_finished()
    assert model.row_of(record.id) == -1 and tasks.get_task(record.id).is_finished
    window.undo_stack.undo()
    assert not tasks.get_task(record.id).is_finished
    assert model.row_of(record.id) == 0
    window.undo_stack.redo()
    assert tasks.get_task(record.id).is_finished and model.row_of(record.id) == -1


def test_undo_delete_brings_the_task_back_with_its_comments(window, qtbot):
    model = window.board.column_model("2")
    record = next(r for r in model.records() if r.comment_count == 2)
    thread = [c.text for c in comments.list_comments(record.id)]
    box = window.delete_task(record.id)
    box.button(QMessageBox.StandardButton.Yes).click()
    assert model.row_of(record.id) == -1

    _undo(window, qtbot)
    back = tasks.get_task(record.id)
    assert back.comment_count == 2
    assert [c.text for c in comments.list_comments(record.id)] == thread
    row = model.row_of(record.id)
    assert model.record(row).comment_count == 2

    _redo(window, qtbot)
    with pytest.raises(NotFoundError):
        tasks.get_task(record.id)
    assert model.row_of(record.id) == -1


def test_edit_lost_race_keep_theirs_shows_their_version(window, monkeypatch):
    model = window.board.column_model("1")
    seen = model.record(0)
    dialog = window.edit_task(seen.id)
    tasks.update_task(seen.id, replace(TaskDraft.from_record(seen), title="Their title"))
    asked = []
    monkeypatch.setattr(
        command_runner,
        "resolve_conflict",
        lambda _parent, _action, mine, theirs: (
            asked.append((mine, theirs)) or ConflictChoice.KEEP_THEIRS
        ),
    )
    dialog.title_edit.setText("My title")
    dialog.save_button.click()

    ((mine, theirs),) = asked
    assert (mine.title, theirs.title) == ("My title", "Their title")
    assert tasks.get_task(seen.id).title == "Their title"
    assert model.record(model.row_of(seen.id)).title == "Their title"
    assert not window.undo_stack.canUndo()


def test_move_lost_race_overwrite_applies_my_move_over_theirs(window, drop, monkeypatch):
    board = window.board
    seen = board.column_model("1").record(0)
    later = seen.due_at + timedelta(days=1)
    tasks.update_task(seen.id, replace(TaskDraft.from_record(seen), due_at=later))
    monkeypatch.setattr(command_runner, "resolve_conflict", lambda *args: ConflictChoice.OVERWRITE)

    drop(board.column_view("2").view, seen.id)

    stored = tasks.get_task(seen.id)
    assert (stored.column, stored.due_at) == ("2", later)  # my move, their date
    assert board.column_model("2").record(board.column_model("2").row_of(seen.id)).due_at == later
    window.undo_stack.undo()
    assert tasks.get_task(seen.id).column == "1"


def test_undo_of_a_task_deleted_elsewhere_asks_and_can_leave_it_deleted(window, monkeypatch):
    model = window.board.column_model("2")
    record = model.record(0)
    window.board.select_task(record.id)
    window.toggle_finished()
    tasks.delete_task(record.id)  # another workstation deletes it
    asked = []
    monkeypatch.setattr(
        command_runner,
        "resolve_conflict",
        lambda parent, action, mine, theirs: asked.append(theirs) or ConflictChoice.KEEP_THEIRS,
    )
    window.undo_stack.undo()
    assert asked == [None]
    assert not window.undo_stack.canUndo()  # the obsolete command was dropped
    assert model.row_of(record.id) == -1


def test_comment_count_change_from_the_comments_dialog_updates_the_badge(window, qtbot):
    model = window.board.column_model("1")
    record = model.record(0)
    dialog = window.open_comments(record.id)
    dialog.composer().setPlainText("Client called")
    dialog.send()
    assert comments.list_comments(record.id)[-1].text == "Client called"
    assert model.record(model.row_of(record.id)).comment_count == record.comment_count + 1
    dialog.close()
    window.undo_stack.undo()  # Edit → Undo on the board undoes the comment too
    assert tasks.get_task(record.id).comment_count == record.comment_count
    assert model.record(model.row_of(record.id)).comment_count == record.comment_count


def test_new_task_created_elsewhere_not_on_the_undo_stack(window):
    created = tasks.create_task(TaskDraft("From the web app", utc_now() + timedelta(days=1), "RAW"))
    window.board.refresh_task(created.id)
    assert window.board.column_model("1").row_of(created.id) >= 0
    assert not window.undo_stack.canUndo()


def test_edit_lost_race_edit_again_reopens_the_form_with_my_values(window, monkeypatch):
    model = window.board.column_model("1")
    seen = model.record(0)
    dialog = window.edit_task(seen.id)
    tasks.update_task(seen.id, replace(TaskDraft.from_record(seen), status="Developed"))
    monkeypatch.setattr(command_runner, "resolve_conflict", lambda *args: ConflictChoice.EDIT_AGAIN)
    dialog.title_edit.setText("My title")
    dialog.save_button.click()

    again = window.dialog
    assert again is not dialog and again.windowTitle() == f"Edit task #{seen.id}"
    assert again.title_edit.text() == "My title"  # mine kept …
    assert tasks.get_task(seen.id).title == seen.title  # … nothing written yet
    again.status_combo.setCurrentText("Developed")
    again.save_button.click()  # compared against theirs now: no second conflict
    stored = tasks.get_task(seen.id)
    assert (stored.title, stored.status) == ("My title", "Entwickelt")  # label → key
    assert model.record(model.row_of(seen.id)).title == "My title"


def test_an_edit_saved_while_the_database_is_unreachable_is_applied_when_it_is_back(window):
    model = window.board.column_model("1")
    seen = model.record(0)
    dialog = window.edit_task(seen.id)
    window.set_read_only(True, "no connection to the database")
    dialog.title_edit.setText("Saved while offline")
    dialog.save_button.click()
    assert tasks.get_task(seen.id).title == seen.title
    assert window.pending_label.text() == "1 change waiting for the database"

    window.set_read_only(False, "")
    assert tasks.get_task(seen.id).title == "Saved while offline"
    assert model.record(model.row_of(seen.id)).title == "Saved while offline"
    assert window.pending_label.text() == ""
    assert window.undo_stack.undoText() == "Edit “Saved while offline”"


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_move_that_meets_a_dropped_connection_waits_and_is_applied_later(window, drop, session):
    import psycopg2

    board = window.board
    record = board.column_model("1").record(0)
    (pid,) = session.database.execute_sql("SELECT pg_backend_pid()").fetchone()
    with psycopg2.connect(session.url) as admin, admin.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", (pid,))  # the server drops us
    admin.close()

    drop(board.column_view("2").view, record.id)

    assert window.pending_label.text() == "1 change waiting for the database"
    assert board.column_model("1").row_of(record.id) == 0  # the card stays where it is
    assert window.flush_pending() == 0  # reconnects and applies it
    assert tasks.get_task(record.id).column == "2"
    assert board.column_model("2").row_of(record.id) >= 0
    assert window.pending_label.text() == ""
