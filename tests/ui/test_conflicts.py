"""Lost-update races between two boards: the second writer gets the choice; nothing is lost."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from photoflow_desktop.domain import tasks
from photoflow_desktop.domain.errors import NotFoundError
from photoflow_desktop.domain.records import TaskDraft, TaskRecord
from photoflow_desktop.ui.board.conflict_dialog import (
    ConflictChoice,
    ConflictDialog,
    resolve_conflict,
)
from photoflow_desktop.ui.board.undo import MoveTaskCommand

WAIT_MS = 5000
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"


def answer_conflict(choice: ConflictChoice, shown: list[dict], tries: int = 500) -> None:
    """When the conflict dialog opens, note what it shows and press the button for `choice`."""

    def attempt(left: int) -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ConflictDialog)]
        dialog = next((d for d in dialogs if d.isVisible()), None)
        if dialog is None:
            if left:
                QTimer.singleShot(10, lambda: attempt(left - 1))
            return
        shown.append(
            {
                "message": dialog.message.text(),
                "differing": dialog.differing_fields(),
                "buttons": {c for c in ConflictChoice if dialog.button(c) is not None},
                "theirs_title": _text(dialog.value_label("theirs", "title")),
                "yours_title": _text(dialog.value_label("yours", "title")),
                "theirs_column": _text(dialog.value_label("theirs", "column")),
                "yours_column": _text(dialog.value_label("yours", "column")),
            }
        )
        dialog.button(choice).click()

    QTimer.singleShot(0, lambda: attempt(tries))


def _text(label) -> str | None:
    return label.text() if label is not None else None


def card(window, task_id: int) -> TaskRecord | None:
    """The record a board shows for `task_id`, or None."""
    return window.board.find_record(task_id)


def edit_title(window, task_id: int, title: str):
    """Open the edit dialog on `task_id` and type a new title (not saved yet)."""
    dialog = window.edit_task(task_id)
    dialog.title_edit.setText(title)
    return dialog


@pytest.fixture
def race(boards, qtbot):
    """B opens a task; A changes it and saves first; B's board has caught up meanwhile."""
    first, second = boards
    task_id = second.board.column_model("1").record(0).id
    pending = edit_title(second, task_id, "Second board's title")
    edit_title(first, task_id, "First board's title").save_button.click()
    qtbot.waitUntil(lambda: card(second, task_id).title == "First board's title", timeout=WAIT_MS)
    return first, second, task_id, pending


def test_keep_theirs_leaves_the_first_edit_and_tells_what_differs(race, qtbot):
    first, second, task_id, pending = race
    shown: list[dict] = []
    answer_conflict(ConflictChoice.KEEP_THEIRS, shown)
    pending.save_button.click()

    assert len(shown) == 1
    assert shown[0]["differing"] == ["title"]
    assert shown[0]["theirs_title"] == "First board's title"
    assert shown[0]["yours_title"] == "Second board's title"
    assert "changed by someone else" in shown[0]["message"]
    assert tasks.get_task(task_id).title == "First board's title"
    assert card(second, task_id).title == "First board's title"
    assert card(first, task_id).title == "First board's title"
    assert not second.undo_stack.canUndo()  # nothing was applied on the second board
    assert first.undo_stack.canUndo()


def test_overwrite_applies_the_second_edit_and_the_first_board_follows(race, qtbot):
    first, second, task_id, pending = race
    shown: list[dict] = []
    answer_conflict(ConflictChoice.OVERWRITE, shown)
    pending.save_button.click()

    assert len(shown) == 1
    assert tasks.get_task(task_id).title == "Second board's title"
    qtbot.waitUntil(lambda: card(first, task_id).title == "Second board's title", timeout=WAIT_MS)
    assert second.undo_stack.canUndo()


def test_edit_again_reopens_the_form_with_my_values_over_theirs(race, qtbot):
    first, second, task_id, pending = race
    shown: list[dict] = []
    answer_conflict(ConflictChoice.EDIT_AGAIN, shown)
    pending.save_button.click()

    assert len(shown) == 1
    again = second.dialog
    assert again is not pending and again.isVisible()
    assert again.title_edit.text() == "Second board's title"  # my typing is not lost
    assert tasks.get_task(task_id).title == "First board's title"
    again.title_edit.setText("Both titles merged")
    again.save_button.click()  # based on theirs now: no second conflict
    assert len(shown) == 1
    assert tasks.get_task(task_id).title == "Both titles merged"
    qtbot.waitUntil(lambda: card(first, task_id).title == "Both titles merged", timeout=WAIT_MS)


def test_a_move_against_a_stale_card_gets_the_conflict(boards, qtbot):
    first, second = boards
    seen = second.board.column_model("1").record(0)
    assert first.move_task_to(seen.id, "3")
    shown: list[dict] = []
    answer_conflict(ConflictChoice.KEEP_THEIRS, shown)

    assert not second.run_command(MoveTaskCommand(second.board, seen, "2", "In progress"))

    assert (shown[0]["theirs_column"], shown[0]["yours_column"]) == ("Done", "In progress")
    assert tasks.get_task(seen.id).column == "3"
    qtbot.waitUntil(lambda: card(second, seen.id).column == "3", timeout=WAIT_MS)


def test_an_edit_of_a_task_deleted_elsewhere_can_leave_it_deleted(boards, qtbot):
    first, second = boards
    task_id = second.board.column_model("1").record(0).id
    pending = edit_title(second, task_id, "Edited after all")
    tasks.delete_task(task_id)  # another workstation deletes it
    shown: list[dict] = []
    answer_conflict(ConflictChoice.KEEP_THEIRS, shown)
    pending.save_button.click()

    assert "deleted by someone else" in shown[0]["message"]
    assert shown[0]["buttons"] == set(ConflictChoice)
    with pytest.raises(NotFoundError):
        tasks.get_task(task_id)
    qtbot.waitUntil(lambda: card(second, task_id) is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: card(first, task_id) is None, timeout=WAIT_MS)


def test_an_edit_of_a_task_deleted_elsewhere_can_bring_it_back(boards, qtbot):
    first, second = boards
    task_id = second.board.column_model("1").record(0).id
    pending = edit_title(second, task_id, "Needed after all")
    tasks.delete_task(task_id)
    answer_conflict(ConflictChoice.OVERWRITE, [])
    pending.save_button.click()

    assert tasks.get_task(task_id).title == "Needed after all"
    qtbot.waitUntil(
        lambda: getattr(card(first, task_id), "title", None) == "Needed after all",
        timeout=WAIT_MS,
    )


@pytest.mark.parametrize(
    ("choice", "deleted"), [(ConflictChoice.KEEP_THEIRS, False), (ConflictChoice.OVERWRITE, True)]
)
def test_deleting_a_task_someone_just_changed_asks_again(boards, qtbot, choice, deleted):
    first, second = boards
    task_id = second.board.column_model("1").record(0).id
    second.delete_task(task_id)
    confirm = second.dialog
    edit_title(first, task_id, "Changed while you were deciding").save_button.click()
    shown: list[dict] = []
    answer_conflict(choice, shown)
    confirm.button(QMessageBox.StandardButton.Yes).click()

    assert shown[0]["buttons"] == {ConflictChoice.KEEP_THEIRS, ConflictChoice.OVERWRITE}
    assert shown[0]["theirs_title"] == "Changed while you were deciding"
    if deleted:
        with pytest.raises(NotFoundError):
            tasks.get_task(task_id)
        qtbot.waitUntil(lambda: card(first, task_id) is None, timeout=WAIT_MS)
    else:
        assert tasks.get_task(task_id).title == "Changed while you were deciding"
        qtbot.waitUntil(lambda: card(second, task_id) is not None, timeout=WAIT_MS)


def _record(**changes) -> TaskRecord:
    values = dict(
        id=7,
        title="Wedding Smith",
        due_at=datetime(2026, 6, 1, 10, 0),
        status="RAW",
        info="",
        is_finished=False,
        column="1",
        comment_count=2,
        created_at=datetime(2026, 5, 1),
    )
    values.update(changes)
    return TaskRecord(**values)


def test_the_dialog_marks_differing_fields_and_closing_keeps_theirs(qtbot):
    theirs = _record(status="Developed", column="2")
    mine = TaskDraft.from_record(_record(title="Wedding Smith (album)"))
    dialog = ConflictDialog("Edit", mine, theirs, {"1": "To do", "2": "In progress"})
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.differing_fields() == ["title", "status", "column"]
    assert dialog.value_label("theirs", "column").text() == "In progress"
    assert dialog.value_label("yours", "column").text() == "To do"
    assert dialog.value_label("theirs", "status").font().bold()
    assert not dialog.value_label("theirs", "due_at").font().bold()
    assert dialog.value_label("yours", "is_finished").text() == "no"
    dialog.resize(640, 320)
    SCREENSHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "conflict_dialog.png"))
    dialog.reject()
    assert dialog.choice is ConflictChoice.KEEP_THEIRS


def test_a_task_deleted_twice_only_says_so(qtbot):
    dialog = ConflictDialog("Delete", None, None)
    qtbot.addWidget(dialog)
    assert "already deleted" in dialog.message.text()
    assert dialog.button(ConflictChoice.OVERWRITE) is None
    dialog.button(ConflictChoice.KEEP_THEIRS).click()
    assert dialog.choice is ConflictChoice.KEEP_THEIRS


def test_without_a_board_the_dialog_names_columns_by_key_and_reads_nothing(session, qtbot):
    shown: list[dict] = []
    theirs = _record(column="2")
    mine = TaskDraft.from_record(_record(column="1"))
    answer_conflict(ConflictChoice.KEEP_THEIRS, shown)
    assert resolve_conflict(None, "Move", mine, theirs) is ConflictChoice.KEEP_THEIRS
    assert (shown[0]["theirs_column"], shown[0]["yours_column"]) == ("2", "1")
