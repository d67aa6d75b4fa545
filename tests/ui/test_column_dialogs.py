"""Column prompts: add, rename, WIP limit, delete (moving cards) — the UI and the database.

Each test fills a dialog as a user would and applies the answer through domain.columns the way
the main window does; the card counts a prompt shows are read as the window's worker reads them.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from photoflow_desktop.domain import columns
from photoflow_desktop.domain.queries import counts_per_column
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.tasks import create_task, get_task, set_finished
from photoflow_desktop.ui.board.board_reads import cards_in_column
from photoflow_desktop.ui.board.column_dialogs import (
    AddColumnDialog,
    DeleteColumnDialog,
    RenameColumnDialog,
    WipLimitDialog,
)
from photoflow_desktop.ui.common.db_worker import SynchronousWorker

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"


@pytest.fixture
def shown(qtbot):
    def show(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return show


def counted(key, include_finished):
    """The column's card count, read through the database worker as the window reads it."""
    answers = []
    SynchronousWorker().run_task(
        partial(cards_in_column, key, include_finished), on_done=answers.append
    )
    return answers[0]


def open_cards(key):
    return counted(key, include_finished=False)


def all_cards(key):
    return counted(key, include_finished=True)


def add_task(title, column):
    return create_task(TaskDraft(title, datetime(2026, 4, 1, 10, 0), "RAW", "", column))


def test_add_column_with_a_wip_limit(db, qtbot, shown):
    dialog = shown(AddColumnDialog())
    assert dialog.windowTitle() == "Add column"
    assert not dialog.ok_button.isEnabled()  # no title yet, and no red line either
    assert dialog.error_label.isHidden()
    qtbot.keyClicks(dialog.title_edit, "  Retouching ")
    dialog.wip_spin.setValue(4)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values() == ("Retouching", 4)

    added = columns.add_column(*dialog.values())
    assert [c.title for c in columns.list_columns()] == [
        "To do",
        "In progress",
        "Done",
        "Retouching",
    ]
    assert columns.get_column(added.key).wip_limit == 4


def test_no_wip_limit_is_none(db, qtbot, shown):
    dialog = shown(AddColumnDialog())
    qtbot.keyClicks(dialog.title_edit, "Proofs")
    assert dialog.wip_spin.text() == "No limit"
    assert dialog.values() == ("Proofs", None)


def test_title_rules_are_the_domains(qtbot, shown):
    dialog = shown(AddColumnDialog())
    dialog.title_edit.setText("x\x00")
    assert (
        dialog.error_label.text() == "Column title contains an invisible NUL character; remove it"
    )
    assert not dialog.ok_button.isEnabled()
    dialog.accept()  # Enter on an invalid form: stays open, text kept
    assert dialog.isVisible() and dialog.title_edit.text() == "x\x00"
    dialog.title_edit.setText("y" * 101)
    assert "Column title is too long" in dialog.error_label.text()
    dialog.title_edit.setText("   ")
    assert dialog.error_label.text() == "Column title is required"
    dialog.title_edit.setText("Proofs")
    assert dialog.ok_button.isEnabled() and dialog.error_label.isHidden()


def test_rename_column(db, qtbot, shown):
    dialog = shown(RenameColumnDialog(columns.get_column("2")))
    assert dialog.windowTitle() == "Rename column"
    assert dialog.title_edit.text() == "In progress"
    assert not dialog.ok_button.isEnabled()  # unchanged title: nothing to do
    dialog.title_edit.setText("Editing ")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    columns.rename_column("2", dialog.title())
    assert columns.get_column("2").title == "Editing"


def test_wip_limit_set_and_cleared(db, qtbot, shown):
    add_task("Wedding", "2")
    done = add_task("Passport", "2")
    set_finished(done.id, True)
    dialog = shown(WipLimitDialog(columns.get_column("2"), open_cards("2")))
    assert dialog.hint_label.text().startswith("The column holds 1 open card.")
    dialog.wip_spin.setValue(3)
    dialog.accept()
    columns.set_wip_limit("2", dialog.limit())
    assert columns.get_column("2").wip_limit == 3

    dialog = shown(WipLimitDialog(columns.get_column("2"), open_cards("2")))
    assert dialog.wip_spin.value() == 3
    dialog.wip_spin.setValue(0)
    assert dialog.wip_spin.text() == "No limit"
    dialog.accept()
    columns.set_wip_limit("2", dialog.limit())
    assert columns.get_column("2").wip_limit is None


def test_delete_a_column_with_cards_moves_them(db, qtbot, shown):
    open_task = add_task("Portrait", "2")
    done_task = add_task("Passport", "2")
    set_finished(done_task.id, True)
    dialog = shown(
        DeleteColumnDialog(columns.get_column("2"), columns.list_columns(), all_cards("2"))
    )
    assert "“In progress” holds 2 tasks" in dialog.message_label.text()
    titles = [dialog.target_combo.itemText(i) for i in range(dialog.target_combo.count())]
    assert titles == ["To do", "Done"]
    dialog.target_combo.setCurrentIndex(1)
    assert dialog.ok_button.text() == "Delete column"
    SCREENSHOTS.mkdir(exist_ok=True)
    assert dialog.grab().save(str(SCREENSHOTS / "delete_column_dialog.png"))
    dialog.accept()

    assert dialog.move_cards_to() == "3"
    assert columns.delete_column("2", dialog.move_cards_to()) == 2
    assert [c.key for c in columns.list_columns()] == ["1", "3"]
    assert get_task(open_task.id).column == "3" and get_task(done_task.id).column == "3"
    assert counts_per_column(include_finished=True) == {"3": 2}


def test_delete_an_empty_column_asks_no_target(db, qtbot, shown):
    dialog = shown(
        DeleteColumnDialog(columns.get_column("3"), columns.list_columns(), all_cards("3"))
    )
    assert dialog.target_combo.isHidden()
    assert dialog.message_label.text() == "Delete the empty column “Done”?"
    dialog.accept()
    assert dialog.move_cards_to() is None
    columns.delete_column("3", dialog.move_cards_to())
    assert [c.key for c in columns.list_columns()] == ["1", "2"]


def test_the_last_column_cannot_be_deleted(db, qtbot, shown):
    columns.delete_column("2")
    columns.delete_column("3")
    only = columns.get_column("1")
    dialog = shown(DeleteColumnDialog(only, columns.list_columns(), all_cards("1")))
    assert not dialog.ok_button.isEnabled()
    assert dialog.error_label.text() == "The board needs at least one column"
