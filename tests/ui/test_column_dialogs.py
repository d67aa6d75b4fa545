"""Column prompts: add, rename, WIP limit, delete (moving cards) — the UI and the database."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from photoflow_desktop.domain.columns import delete_column, get_column, list_columns
from photoflow_desktop.domain.queries import counts_per_column
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.tasks import create_task, get_task, set_finished
from photoflow_desktop.ui.column_dialogs import (
    ColumnDialog,
    DeleteColumnDialog,
    prompt_add_column,
    prompt_delete_column,
    prompt_rename_column,
    prompt_wip_limit,
)

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"


def answer(handler):
    """Run `handler(dialog)` on the next modal dialog, as a user would."""
    QTimer.singleShot(0, lambda: handler(QApplication.activeModalWidget()))


def add_task(title, column):
    return create_task(TaskDraft(title, datetime(2026, 4, 1, 10, 0), "RAW", "", column))


def test_add_column_with_a_wip_limit(db, qtbot):
    def fill(dialog):
        assert dialog.windowTitle() == "Add column"
        assert not dialog.ok_button.isEnabled()  # no title yet
        assert dialog.error_label.isHidden()
        qtbot.keyClicks(dialog.title_edit, "  Retouching ")
        dialog.wip_spin.setValue(4)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    answer(fill)
    added = prompt_add_column()
    assert (added.title, added.wip_limit) == ("Retouching", 4)
    assert [c.title for c in list_columns()] == ["To do", "In progress", "Done", "Retouching"]


def test_cancel_adds_nothing(db, qtbot):
    answer(lambda dialog: dialog.reject())
    assert prompt_add_column() is None
    assert len(list_columns()) == 3


def test_title_rules_are_the_domains(db, qtbot):
    dialog = ColumnDialog()
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("x\x00")
    assert (
        dialog.error_label.text() == "Column title contains an invisible NUL character; remove it"
    )
    assert not dialog.ok_button.isEnabled()
    dialog.title_edit.setText("y" * 101)
    assert "Column title is too long" in dialog.error_label.text()
    dialog.title_edit.setText("   ")
    assert dialog.error_label.text() == "Column title is required"
    dialog.title_edit.setText("Proofs")
    assert dialog.ok_button.isEnabled() and dialog.error_label.isHidden()


def test_rename_column(db, qtbot):
    column = get_column("2")

    def fill(dialog):
        assert dialog.title_edit.text() == "In progress"
        assert not dialog.ok_button.isEnabled()  # unchanged title: nothing to do
        dialog.title_edit.setText("Editing")
        dialog.accept()

    answer(fill)
    assert prompt_rename_column(column).title == "Editing"
    assert get_column("2").title == "Editing"


def test_rename_of_a_column_deleted_meanwhile_is_refused_with_a_message(db, qtbot):
    column = get_column("3")
    seen = []

    def close_message():
        box = QApplication.activeModalWidget()
        seen.append(box.text())
        box.accept()

    def fill(dialog):
        dialog.title_edit.setText("Delivered")
        delete_column("3")  # another workstation deletes it
        QTimer.singleShot(0, close_message)
        dialog.accept()

    answer(fill)
    assert prompt_rename_column(column) is None
    assert seen == ["Column '3' no longer exists"]


def test_wip_limit_set_and_cleared(db, qtbot):
    add_task("Wedding", "2")

    def set_three(dialog):
        assert dialog.hint_label.text().startswith("The column holds 1 open card(s).")
        dialog.wip_spin.setValue(3)
        dialog.accept()

    answer(set_three)
    assert prompt_wip_limit(get_column("2")).wip_limit == 3
    assert get_column("2").wip_limit == 3

    def clear(dialog):
        assert dialog.wip_spin.value() == 3
        dialog.wip_spin.setValue(0)
        assert dialog.wip_spin.text() == "No limit"
        dialog.accept()

    answer(clear)
    prompt_wip_limit(get_column("2"))
    assert get_column("2").wip_limit is None


def test_delete_a_column_with_cards_moves_them(db, qtbot):
    open_task = add_task("Portrait", "2")
    done_task = add_task("Passport", "2")
    set_finished(done_task.id, True)

    def choose(dialog):
        assert "“In progress” holds 2 task(s)" in dialog.message_label.text()
        titles = [dialog.target_combo.itemText(i) for i in range(dialog.target_combo.count())]
        assert titles == ["To do", "Done"]
        dialog.target_combo.setCurrentIndex(1)
        SCREENSHOTS.mkdir(exist_ok=True)
        dialog.grab().save(str(SCREENSHOTS / "delete_column_dialog.png"))
        assert dialog.ok_button.text() == "Delete column"
        dialog.accept()

    answer(choose)
    deleted = prompt_delete_column(get_column("2"))
    assert (deleted.moved_to, deleted.moved_cards) == ("3", 2)
    assert [c.key for c in list_columns()] == ["1", "3"]
    assert get_task(open_task.id).column == "3" and get_task(done_task.id).column == "3"
    assert counts_per_column(include_finished=True) == {"3": 2}


def test_delete_an_empty_column_asks_no_target(db, qtbot):
    def confirm(dialog):
        assert dialog.target_combo.isHidden()
        assert dialog.message_label.text() == "Delete the empty column “Done”?"
        dialog.accept()

    answer(confirm)
    deleted = prompt_delete_column(get_column("3"))
    assert deleted.moved_to is None and deleted.moved_cards == 0
    assert [c.key for c in list_columns()] == ["1", "2"]


def test_the_last_column_cannot_be_deleted(qtbot):
    from photoflow_desktop.domain.records import ColumnRecord

    only = ColumnRecord("1", "To do", 0, None)
    dialog = DeleteColumnDialog(only, [only], card_count=0)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    assert dialog.error_label.text() == "The board needs at least one column"
