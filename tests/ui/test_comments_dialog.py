"""The comment thread dialog against a real database (SQLite and PostgreSQL).

Every step checks what the user sees (list, title, messages, badge signal) and what is stored
(list_comments, the task's amount_of_comments).
"""

from datetime import datetime, timedelta

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QListView, QMessageBox, QPlainTextEdit

from photoflow_desktop.domain import comments, tasks
from photoflow_desktop.domain.models import utc_now
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.validation import MAX_TEXT_LENGTH
from photoflow_desktop.ui.comments.dialog import CommentsDialog
from photoflow_desktop.ui.comments.model import CommentRole, format_local, relative_hint

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def task(db):
    return tasks.create_task(
        TaskDraft("Wedding Schneider", datetime(2026, 6, 1, 12, 30), "RAW", column="1")
    )


@pytest.fixture
def stack(qapp):
    return QUndoStack()


@pytest.fixture
def open_dialog(qtbot, stack):
    """Open the dialog for a task id, shown and active (so its shortcuts work as for a user)."""

    def open_(task_id):
        dialog = CommentsDialog(task_id, stack)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        return dialog

    return open_


def stored(task_id):
    """(texts oldest first, amount_of_comments) as stored in the database."""
    return [c.text for c in comments.list_comments(task_id)], tasks.get_task(task_id).comment_count


def shown(dialog):
    """Texts of the thread as the list shows them."""
    return [r.text for r in dialog.model().records()]


def type_and_send(qtbot, dialog, text):
    """Type into the composer and press Ctrl+Enter, waiting for the badge signal."""
    qtbot.keyClicks(dialog.composer(), text)
    with qtbot.waitSignal(dialog.commentCountChanged) as blocker:
        qtbot.keyClick(dialog.composer(), Qt.Key.Key_Return, CTRL)
    return blocker.args


def select(qtbot, dialog, row):
    view = dialog.view()
    view.setFocus()
    view.setCurrentIndex(dialog.model().index(row))


def open_editor(dialog):
    """The in-place editor currently open (closed ones linger until deleted), or None."""
    editors = dialog.view().findChildren(QPlainTextEdit, "commentEditor")
    return next((editor for editor in editors if editor.isVisible()), None)


def editor_of(dialog):
    editor = open_editor(dialog)
    assert editor is not None
    return editor


def answer(qtbot, dialog, name, button):
    """Click `button` in the question box `name` the dialog opened."""
    qtbot.waitUntil(lambda: dialog.prompt() is not None and dialog.prompt().isVisible())
    box = dialog.prompt()
    assert box.objectName() == name
    box.button(button).click()


def test_opens_with_title_due_date_and_thread_oldest_first(open_dialog, task):
    first = comments.add_comment(task.id, "Venue confirmed")
    second = comments.add_comment(task.id, "Second shooter booked")
    dialog = open_dialog(task.id)
    due = format_local(task.due_at)
    assert "Wedding Schneider" in dialog.windowTitle() and due in dialog.windowTitle()
    assert f"Due {due}" in dialog.findChild(object, "taskDue").text()
    assert "2 comments" in dialog.findChild(object, "taskDue").text()
    assert isinstance(dialog.view(), QListView)
    assert [r.id for r in dialog.model().records()] == [first.id, second.id]


def test_ctrl_enter_adds_a_comment_and_reports_the_count(qtbot, open_dialog, task):
    dialog = open_dialog(task.id)
    qtbot.keyClicks(dialog.composer(), "Photos delivered")
    qtbot.keyClick(dialog.composer(), Qt.Key.Key_Return)  # plain Enter: a new line, no send
    assert stored(task.id) == ([], 0)
    qtbot.keyClicks(dialog.composer(), "to client")
    with qtbot.waitSignal(dialog.commentCountChanged) as blocker:
        qtbot.keyClick(dialog.composer(), Qt.Key.Key_Return, CTRL)
    assert blocker.args == [task.id, 1]
    assert stored(task.id) == (["Photos delivered\nto client"], 1)
    assert shown(dialog) == ["Photos delivered\nto client"]
    assert dialog.composer().toPlainText() == ""
    assert "1 comment" in dialog.findChild(object, "taskDue").text()

    assert type_and_send(qtbot, dialog, "Invoice sent") == [task.id, 2]
    assert stored(task.id) == (["Photos delivered\nto client", "Invoice sent"], 2)
    assert shown(dialog) == stored(task.id)[0]


def test_send_button_adds_too(qtbot, open_dialog, task):
    dialog = open_dialog(task.id)
    dialog.composer().setPlainText("Prints ordered")
    with qtbot.waitSignal(dialog.commentCountChanged):
        qtbot.mouseClick(dialog.send_button(), Qt.MouseButton.LeftButton)
    assert stored(task.id) == (["Prints ordered"], 1)


def test_blank_comment_is_refused(qtbot, open_dialog, task):
    dialog = open_dialog(task.id)
    assert not dialog.send_button().isEnabled()
    qtbot.keyClicks(dialog.composer(), "   ")
    qtbot.keyClick(dialog.composer(), Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.composer(), "\t ")
    assert not dialog.send_button().isEnabled()
    with qtbot.assertNotEmitted(dialog.commentCountChanged):
        qtbot.keyClick(dialog.composer(), Qt.Key.Key_Return, CTRL)
    assert stored(task.id) == ([], 0)
    assert dialog.model().rowCount() == 0
    qtbot.keyClicks(dialog.composer(), "x")
    assert dialog.send_button().isEnabled()


@pytest.mark.parametrize(
    ("text", "message"),
    [("before\x00after", "NUL"), ("x" * (MAX_TEXT_LENGTH + 1), "too long")],
    ids=["nul", "too-long"],
)
def test_invalid_comment_shows_the_rule_and_keeps_the_text(qtbot, open_dialog, task, text, message):
    dialog = open_dialog(task.id)
    dialog.composer().setPlainText(text)
    assert dialog.send_button().isEnabled()
    with qtbot.assertNotEmitted(dialog.commentCountChanged):
        qtbot.keyClick(dialog.composer(), Qt.Key.Key_Return, CTRL)
    assert message in dialog.error_text()
    assert dialog.composer().toPlainText() == text  # nothing typed is lost
    assert stored(task.id) == ([], 0)
    assert dialog.model().rowCount() == 0
    qtbot.keyClicks(dialog.composer(), "!")  # typing again clears the message
    assert dialog.error_text() == ""


def test_edit_in_place_with_f2_and_undo_redo(qtbot, open_dialog, task, stack):
    comments.add_comment(task.id, "Album: 20 pages")
    dialog = open_dialog(task.id)
    select(qtbot, dialog, 0)
    qtbot.keyClick(dialog.view(), Qt.Key.Key_F2)
    editor = editor_of(dialog)
    assert editor.toPlainText() == "Album: 20 pages"
    editor.selectAll()
    qtbot.keyClicks(editor, "Album: 30 pages, linen cover")
    with qtbot.waitSignal(dialog.commentCountChanged) as blocker:
        qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    assert blocker.args == [task.id, 1]
    assert stored(task.id) == (["Album: 30 pages, linen cover"], 1)
    assert shown(dialog) == ["Album: 30 pages, linen cover"]

    with qtbot.waitSignal(dialog.commentCountChanged):
        stack.undo()
    assert stored(task.id) == (["Album: 20 pages"], 1)
    assert shown(dialog) == ["Album: 20 pages"]
    with qtbot.waitSignal(dialog.commentCountChanged):
        stack.redo()
    assert stored(task.id) == (["Album: 30 pages, linen cover"], 1)
    assert shown(dialog) == ["Album: 30 pages, linen cover"]


def test_double_click_edits_and_a_refused_edit_keeps_the_text(qtbot, open_dialog, task, stack):
    comments.add_comment(task.id, "Call the florist")
    dialog = open_dialog(task.id)
    rect = dialog.view().visualRect(dialog.model().index(0))
    viewport = dialog.view().viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # press sets the item
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    editor = editor_of(dialog)
    editor.setPlainText("Call the florist\x00")
    with qtbot.assertNotEmitted(dialog.commentCountChanged):
        qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    assert "NUL" in dialog.error_text()
    qtbot.waitUntil(lambda: open_editor(dialog) is not None)
    assert editor_of(dialog).toPlainText() == "Call the florist\x00"  # reopened with the text
    assert stored(task.id) == (["Call the florist"], 1)
    assert stack.count() == 0
    qtbot.keyClick(editor_of(dialog), Qt.Key.Key_Escape)  # Esc cancels the edit, not the dialog
    assert dialog.isVisible()
    assert stored(task.id) == (["Call the florist"], 1)


def test_delete_asks_first_and_undo_restores_id_and_time(qtbot, open_dialog, task, stack):
    keep = comments.add_comment(task.id, "Deposit paid")
    doomed = comments.add_comment(task.id, "Wrong venue address")
    dialog = open_dialog(task.id)
    select(qtbot, dialog, 1)

    qtbot.keyClick(dialog.view(), Qt.Key.Key_Delete)
    answer(qtbot, dialog, "confirmDelete", QMessageBox.StandardButton.Cancel)
    assert stored(task.id) == (["Deposit paid", "Wrong venue address"], 2)

    qtbot.keyClick(dialog.view(), Qt.Key.Key_Delete)
    with qtbot.waitSignal(dialog.commentCountChanged) as blocker:
        answer(qtbot, dialog, "confirmDelete", QMessageBox.StandardButton.Yes)
    assert blocker.args == [task.id, 1]
    assert stored(task.id) == (["Deposit paid"], 1)
    assert shown(dialog) == ["Deposit paid"]

    with qtbot.waitSignal(dialog.commentCountChanged) as blocker:
        stack.undo()
    assert blocker.args == [task.id, 2]
    assert comments.list_comments(task.id) == [keep, doomed]  # same id, same time
    assert tasks.get_task(task.id).comment_count == 2
    assert dialog.model().records() == [keep, doomed]

    with qtbot.waitSignal(dialog.commentCountChanged):
        stack.redo()
    assert stored(task.id) == (["Deposit paid"], 1)
    assert shown(dialog) == ["Deposit paid"]


def test_delete_button_asks_too(qtbot, open_dialog, task):
    comments.add_comment(task.id, "Draft note")
    dialog = open_dialog(task.id)
    select(qtbot, dialog, 0)
    qtbot.mouseClick(dialog.findChild(object, "deleteButton"), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.commentCountChanged):
        answer(qtbot, dialog, "confirmDelete", QMessageBox.StandardButton.Yes)
    assert stored(task.id) == ([], 0)


def test_undo_redo_of_add_from_the_board_stack(qtbot, open_dialog, task, stack):
    dialog = open_dialog(task.id)
    type_and_send(qtbot, dialog, "Retouch list sent")
    added = comments.list_comments(task.id)[0]
    assert stack.count() == 1 and "Retouch list sent" in stack.undoText()

    with qtbot.waitSignal(dialog.commentCountChanged) as blocker:
        stack.undo()  # as the main window's Edit → Undo does
    assert blocker.args == [task.id, 0]
    assert stored(task.id) == ([], 0)
    assert dialog.model().rowCount() == 0

    with qtbot.waitSignal(dialog.commentCountChanged) as blocker:
        stack.redo()
    assert blocker.args == [task.id, 1]
    assert comments.list_comments(task.id) == [added]
    assert tasks.get_task(task.id).comment_count == 1
    assert dialog.model().records() == [added]


def test_undo_after_the_comment_vanished_elsewhere_is_dropped_with_a_message(
    qtbot, open_dialog, task, stack
):
    dialog = open_dialog(task.id)
    type_and_send(qtbot, dialog, "Backdrop: grey")
    comments.delete_comment(comments.list_comments(task.id)[0].id)  # another workstation
    stack.undo()
    assert "no longer exists" in dialog.error_text()
    assert stack.count() == 0  # the failed command left the stack
    assert stored(task.id) == ([], 0)
    assert dialog.model().rowCount() == 0
    assert dialog.isVisible()


def test_live_change_from_elsewhere_is_shown(open_dialog, task):
    dialog = open_dialog(task.id)
    comments.add_comment(task.id, "Added on the studio PC")
    dialog.task_changed(task.id + 1000)  # another task: ignored
    assert dialog.model().rowCount() == 0
    dialog.task_changed(task.id)
    assert shown(dialog) == ["Added on the studio PC"]
    assert "1 comment" in dialog.findChild(object, "taskDue").text()


def test_task_removed_elsewhere_says_so_and_closes(qtbot, open_dialog, task):
    comments.add_comment(task.id, "Old note")
    dialog = open_dialog(task.id)
    dialog.composer().setPlainText("Unsent words")
    tasks.delete_task(task.id)
    dialog.task_removed(task.id)
    box = dialog.findChild(QMessageBox, "taskDeleted")
    assert box is not None and box.isVisible()
    assert "Wedding Schneider" in box.text() and "deleted" in box.text()
    assert box.detailedText() == "Unsent words"  # still copyable
    assert not dialog.composer().isEnabled()
    with qtbot.waitSignal(dialog.rejected):
        box.button(QMessageBox.StandardButton.Ok).click()
    assert not dialog.isVisible()


def test_sending_to_a_task_deleted_elsewhere_closes_cleanly(qtbot, open_dialog, task):
    dialog = open_dialog(task.id)
    tasks.delete_task(task.id)  # no live feed told the dialog
    qtbot.keyClicks(dialog.composer(), "Too late")
    with qtbot.assertNotEmitted(dialog.commentCountChanged):
        qtbot.keyClick(dialog.composer(), Qt.Key.Key_Return, CTRL)
    box = dialog.findChild(QMessageBox, "taskDeleted")
    assert box is not None and box.detailedText() == "Too late"
    box.button(QMessageBox.StandardButton.Ok).click()
    assert not dialog.isVisible()
    assert comments.list_comments(task.id) == []


def test_escape_closes_and_asks_only_with_an_unsent_comment(qtbot, open_dialog, task):
    dialog = open_dialog(task.id)
    qtbot.keyClicks(dialog.composer(), "Half a thought")
    qtbot.keyClick(dialog.composer(), Qt.Key.Key_Escape)
    answer(qtbot, dialog, "confirmDiscard", QMessageBox.StandardButton.Cancel)
    assert dialog.isVisible() and dialog.composer().toPlainText() == "Half a thought"
    qtbot.keyClick(dialog.composer(), Qt.Key.Key_Escape)
    answer(qtbot, dialog, "confirmDiscard", QMessageBox.StandardButton.Discard)
    assert not dialog.isVisible()
    assert stored(task.id) == ([], 0)

    empty = open_dialog(task.id)
    qtbot.keyClick(empty.composer(), Qt.Key.Key_Escape)
    assert not empty.isVisible()


def test_ctrl_c_copies_the_selected_comment(qtbot, open_dialog, task):
    comments.add_comment(task.id, "Line one\nLine two")
    dialog = open_dialog(task.id)
    select(qtbot, dialog, 0)
    QApplication.clipboard().clear()
    qtbot.keyClick(dialog.view(), Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == "Line one\nLine two"


def test_long_thread_scrolls_per_pixel_and_opens_at_the_newest(qtbot, open_dialog, task):
    for number in range(300):
        comments.add_comment(task.id, f"Note {number}: " + "words " * (number % 40))
    dialog = open_dialog(task.id)
    view = dialog.view()
    assert view.verticalScrollMode() == QListView.ScrollMode.ScrollPerPixel
    assert dialog.model().rowCount() == 300 == tasks.get_task(task.id).comment_count
    qtbot.waitUntil(lambda: view.verticalScrollBar().value() == view.verticalScrollBar().maximum())
    assert view.verticalScrollBar().maximum() > 0
    last = view.visualRect(dialog.model().index(299))
    assert view.viewport().rect().intersects(last)


def test_relative_hints():
    now = utc_now()
    assert relative_hint(now - timedelta(seconds=20), now) == "just now"
    assert relative_hint(now - timedelta(minutes=5, seconds=30), now) == "5 min ago"
    assert relative_hint(now - timedelta(hours=3, minutes=59), now) == "3 h ago"
    assert relative_hint(now - timedelta(hours=30), now) == "yesterday"
    assert relative_hint(now - timedelta(days=3), now) == ""


def test_ctrl_z_in_the_dialog_undoes_on_the_board_stack(qtbot, open_dialog, task, stack):
    dialog = open_dialog(task.id)
    type_and_send(qtbot, dialog, "Frame chosen: oak")
    dialog.view().setFocus()
    with qtbot.waitSignal(dialog.commentCountChanged) as blocker:
        qtbot.keyClick(dialog.view(), Qt.Key.Key_Z, CTRL)
    assert blocker.args == [task.id, 0]
    assert stored(task.id) == ([], 0)
    assert dialog.model().rowCount() == 0


def test_edit_button_opens_the_editor(qtbot, open_dialog, task):
    comments.add_comment(task.id, "Matte paper")
    dialog = open_dialog(task.id)
    edit_button = dialog.findChild(object, "editButton")
    assert not edit_button.isEnabled()  # nothing selected yet
    select(qtbot, dialog, 0)
    assert edit_button.isEnabled()
    qtbot.mouseClick(edit_button, Qt.MouseButton.LeftButton)
    editor = editor_of(dialog)
    editor.setPlainText("Glossy paper")
    with qtbot.waitSignal(dialog.commentCountChanged):
        qtbot.keyClick(editor, Qt.Key.Key_Enter, CTRL)  # the keypad Enter works too
    assert stored(task.id) == (["Glossy paper"], 1)


def test_opening_a_task_that_is_already_gone_says_so(qtbot, stack, task):
    tasks.delete_task(task.id)
    dialog = CommentsDialog(task.id, stack)
    qtbot.addWidget(dialog)
    box = dialog.findChild(QMessageBox, "taskDeleted")
    assert box is not None and f"Task #{task.id}" in box.text()
    box.button(QMessageBox.StandardButton.Ok).click()
    assert not dialog.isVisible()


def test_delete_on_close_dialog_survives_prompts_and_task_removal(qtbot, stack, task):
    """As the main window opens it (WA_DeleteOnClose): prompts and the close leave no crash."""
    comments.add_comment(task.id, "Keep me")
    comments.add_comment(task.id, "Remove me")
    dialog = CommentsDialog(task.id, stack)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    select(qtbot, dialog, 1)
    qtbot.keyClick(dialog.view(), Qt.Key.Key_Delete)
    with qtbot.waitSignal(dialog.commentCountChanged):
        answer(qtbot, dialog, "confirmDelete", QMessageBox.StandardButton.Yes)
    assert stored(task.id) == (["Keep me"], 1)
    tasks.delete_task(task.id)
    dialog.task_removed(task.id)
    dialog.findChild(QMessageBox, "taskDeleted").button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))  # closed and deleted
    stack.undo()  # undo of the delete now fails cleanly: the task is gone
    assert stack.count() == 0
    assert comments.list_comments(task.id) == []


def test_tab_in_the_editor_saves_without_editing_the_next_comment(qtbot, open_dialog, task):
    comments.add_comment(task.id, "First")
    comments.add_comment(task.id, "Second")
    dialog = open_dialog(task.id)
    select(qtbot, dialog, 0)
    qtbot.keyClick(dialog.view(), Qt.Key.Key_F2)
    editor_of(dialog).setPlainText("First, revised")
    with qtbot.waitSignal(dialog.commentCountChanged):
        qtbot.keyClick(editor_of(dialog), Qt.Key.Key_Tab)
    assert stored(task.id) == (["First, revised", "Second"], 2)
    assert open_editor(dialog) is None


def test_opened_from_a_card_the_badge_follows_every_change(qtbot, window):
    """Ctrl+Shift+C / badge double-click on a card; the card's badge follows add and undo."""
    from photoflow_desktop.ui.board.card_delegate import badge_rect

    board = window.board
    column = board.column_view("1")
    record = board.column_model("1").record(0)
    board.select_task(record.id, focus=True)
    qtbot.keyClick(column.view, Qt.Key.Key_C, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.dialog
    assert isinstance(dialog, CommentsDialog) and dialog.task_id == record.id
    assert dialog.model().records() == comments.list_comments(record.id)
    dialog.activateWindow()  # a window manager does this; offscreen the test does
    qtbot.waitUntil(dialog.isActiveWindow)
    before = tasks.get_task(record.id).comment_count

    type_and_send(qtbot, dialog, "Proofs approved by the couple")
    assert tasks.get_task(record.id).comment_count == before + 1
    assert board.find_record(record.id).comment_count == before + 1  # the badge, at once
    assert shown(dialog)[-1] == "Proofs approved by the couple"

    window.actions["undo"].trigger()  # Edit → Undo in the main window
    assert tasks.get_task(record.id).comment_count == before
    assert board.find_record(record.id).comment_count == before
    assert dialog.model().records() == comments.list_comments(record.id)
    dialog.close()

    index = board.column_model("1").index(board.column_model("1").row_of(record.id))
    badge = badge_rect(column.view.visualRect(index)).center()
    qtbot.mouseClick(column.view.viewport(), Qt.MouseButton.LeftButton, pos=badge)
    qtbot.mouseDClick(column.view.viewport(), Qt.MouseButton.LeftButton, pos=badge)
    assert isinstance(window.dialog, CommentsDialog) and window.dialog.task_id == record.id
    window.dialog.close()


@pytest.mark.parametrize("backend", ["postgresql"])
def test_a_dropped_connection_is_reported_and_the_text_kept(
    qtbot, open_dialog, task, db, pg_server, stack
):
    """The server ends our session mid-work: a clear line, no traceback, nothing typed lost."""
    from tests.support.postgres import admin_execute

    dialog = open_dialog(task.id)
    pid = db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    admin_execute(pg_server, f"SELECT pg_terminate_backend({int(pid)})")
    qtbot.keyClicks(dialog.composer(), "Written while the server restarted")
    with qtbot.assertNotEmitted(dialog.commentCountChanged):
        qtbot.keyClick(dialog.composer(), Qt.Key.Key_Return, CTRL)
    assert dialog.error_text().startswith("Comment not sent: the database cannot be reached.")
    assert dialog.model().rowCount() == 0  # shown at once, taken back when it failed
    assert dialog.composer().toPlainText() == "Written while the server restarted"
    assert dialog.isVisible() and stack.count() == 0

    db.close()  # what the app's reconnect does; then sending again works
    with qtbot.waitSignal(dialog.commentCountChanged):
        qtbot.keyClick(dialog.composer(), Qt.Key.Key_Return, CTRL)
    assert stored(task.id) == (["Written while the server restarted"], 1)
    assert shown(dialog) == ["Written while the server restarted"]


def test_thread_changes_row_by_row_keeping_the_selection(qtbot, open_dialog, task, stack):
    """Adds, edits, deletes and live changes never reset the list (selection and scroll stay)."""
    first = comments.add_comment(task.id, "One")
    comments.add_comment(task.id, "Two")
    dialog = open_dialog(task.id)
    dialog.model().modelReset.connect(lambda: pytest.fail("the thread model was reset"))
    select(qtbot, dialog, 0)
    type_and_send(qtbot, dialog, "Three")
    comments.add_comment(task.id, "Four, from the web app")
    comments.edit_comment(first.id, "One (edited on the studio PC)")
    dialog.task_changed(task.id)
    stack.undo()
    assert shown(dialog) == stored(task.id)[0]
    assert shown(dialog) == ["One (edited on the studio PC)", "Two", "Four, from the web app"]
    assert dialog.view().currentIndex().row() == 0  # still on the first comment


def test_relative_hints_move_on_with_the_clock(open_dialog, task, qtbot):
    """The periodic refresh tells the view to repaint recent comments' hints."""
    comments.add_comment(task.id, "Fresh")
    dialog = open_dialog(task.id)
    index = dialog.model().index(0)
    assert index.data(CommentRole.RelativeTime) == "just now"
    with qtbot.waitSignal(dialog.model().dataChanged) as blocker:
        dialog.model().refresh_relative_times()
    assert blocker.args[0].row() == 0 and CommentRole.RelativeTime in blocker.args[2]
