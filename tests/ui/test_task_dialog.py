"""The task form: inline validation, Save only when valid, local time in, naive UTC out."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import QDialog

from photoflow_desktop.domain.columns import list_columns
from photoflow_desktop.domain.queries import distinct_statuses
from photoflow_desktop.domain.records import ColumnRecord, TaskDraft
from photoflow_desktop.domain.statuses import WORKFLOW
from photoflow_desktop.domain.tasks import create_task, get_task, update_task
from photoflow_desktop.ui.board.task_dialog import (
    TaskDialog,
    qdatetime_to_utc,
    utc_to_local_qdatetime,
)

COLUMNS = [
    ColumnRecord("1", "To do", 0, None),
    ColumnRecord("2", "In progress", 1, 5),
    ColumnRecord("3", "Done", 2, None),
]


@pytest.fixture
def new_dialog(qtbot):
    dialog = TaskDialog(COLUMNS, list(WORKFLOW), default_column="2")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_new_task_form_waits_for_a_title(new_dialog, qtbot):
    assert new_dialog.windowTitle() == "New task"
    assert not new_dialog.save_button.isEnabled()
    assert new_dialog.errors["title"].isHidden()  # not shouted at before typing
    assert new_dialog.column_combo.currentData() == "2"
    assert new_dialog.status_combo.currentText() == "Not processed"  # the label shows
    assert new_dialog.status_combo.currentData() == "NichtBearbeitet"  # the web app's key

    qtbot.keyClicks(new_dialog.title_edit, "Wedding - Smith")
    assert new_dialog.save_button.isEnabled()

    new_dialog.title_edit.selectAll()
    qtbot.keyClick(new_dialog.title_edit, Qt.Key.Key_Delete)
    assert not new_dialog.save_button.isEnabled()
    assert new_dialog.errors["title"].isVisible()
    assert new_dialog.errors["title"].text() == "Title is required"


def test_bad_input_shows_the_domain_message_and_keeps_everything(new_dialog, qtbot):
    qtbot.keyClicks(new_dialog.title_edit, "Portrait")
    new_dialog.info_edit.setPlainText("bad\x00text")
    assert not new_dialog.save_button.isEnabled()
    assert new_dialog.errors["info"].text() == (
        "Description contains an invisible NUL character; remove it"
    )
    new_dialog.status_combo.setCurrentText("   ")
    assert new_dialog.errors["status"].text() == "Status is required"

    new_dialog.accept()  # e.g. Enter pressed: the dialog stays open, nothing is lost
    assert new_dialog.isVisible()
    assert new_dialog.result() != QDialog.DialogCode.Accepted
    assert new_dialog.title_edit.text() == "Portrait"
    assert new_dialog.info_edit.toPlainText() == "bad\x00text"

    new_dialog.info_edit.setPlainText("Studio, white background")
    new_dialog.status_combo.setCurrentText("Proofs sent")  # free text is allowed
    assert new_dialog.save_button.isEnabled()
    assert new_dialog.errors["info"].isHidden()
    assert new_dialog.errors["status"].isHidden()


def test_save_returns_a_trimmed_draft_in_utc(new_dialog, qtbot):
    qtbot.keyClicks(new_dialog.title_edit, "  Newborn shoot  ")
    new_dialog.status_combo.setCurrentText("Retouched")
    new_dialog.column_combo.setCurrentIndex(2)
    new_dialog.finished_check.setChecked(True)
    qtbot.mouseClick(new_dialog.save_button, Qt.MouseButton.LeftButton)

    assert new_dialog.result() == QDialog.DialogCode.Accepted
    draft = new_dialog.draft()
    assert (draft.title, draft.status, draft.column, draft.is_finished) == (
        "Newborn shoot",
        "Retuschiert",
        "3",
        True,
    )
    shown = new_dialog.due_edit.dateTime()
    assert draft.due_at == qdatetime_to_utc(shown)
    # The editor shows local wall-clock time: the same instant as the UTC draft.
    local = datetime.fromtimestamp(shown.toMSecsSinceEpoch() / 1000)
    assert shown.toString("yyyy-MM-dd HH:mm") == local.strftime("%Y-%m-%d %H:%M")
    assert draft.due_at.tzinfo is None


def test_edit_round_trips_a_stored_task(db, qtbot):
    stored = create_task(
        TaskDraft(
            "Wedding - Smith",
            datetime(2026, 3, 15, 13, 30, 0, 250000),
            "Entwickelt",
            "Outdoor ceremony, 100 guests",
            "2",
        )
    )
    dialog = TaskDialog(list_columns(), distinct_statuses(), record=stored)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == f"Edit task #{stored.id}"
    assert dialog.title_edit.text() == "Wedding - Smith"
    assert dialog.status_combo.currentText() == "Developed"
    assert dialog.column_combo.currentText() == "In progress"
    assert dialog.info_edit.toPlainText() == "Outdoor ceremony, 100 guests"
    assert dialog.save_button.isEnabled()
    assert dialog.draft() == TaskDraft.from_record(stored)  # opening and saving changes nothing

    dialog.title_edit.setText("Wedding - Smith & Jones")
    dialog.due_edit.setDateTime(dialog.due_edit.dateTime().addDays(1))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    update_task(stored.id, dialog.draft(), expected=stored)

    after = get_task(stored.id)
    assert after.title == "Wedding - Smith & Jones"
    assert after.due_at == datetime(2026, 3, 16, 13, 30, 0, 250000)


def test_a_stored_status_outside_the_list_is_kept(db, qtbot):
    stored = create_task(TaskDraft("Headshots", datetime(2026, 5, 1, 9, 0), "Waiting for client"))
    dialog = TaskDialog(list_columns(), distinct_statuses(), record=stored)
    qtbot.addWidget(dialog)
    statuses = [dialog.status_combo.itemData(i) for i in range(dialog.status_combo.count())]
    assert statuses[: len(WORKFLOW)] == list(WORKFLOW)
    assert "Waiting for client" in statuses
    assert dialog.status_combo.currentText() == "Waiting for client"


def test_screenshot(new_dialog, qtbot):
    qtbot.keyClicks(new_dialog.title_edit, "Wedding Photography - Smith Family")
    new_dialog.info_edit.setPlainText("Outdoor ceremony, 100 guests\x00")
    out = Path(__file__).resolve().parents[1] / "screenshots"
    out.mkdir(exist_ok=True)
    assert new_dialog.grab().save(str(out / "task_dialog.png"))


def test_time_zone_conversion_both_ways():
    berlin_summer = QDateTime(QDate(2026, 7, 1), QTime(14, 30), QTimeZone(b"Europe/Berlin"))
    assert qdatetime_to_utc(berlin_summer) == datetime(2026, 7, 1, 12, 30)
    shown = utc_to_local_qdatetime(datetime(2026, 7, 1, 12, 30, 0, 125000))
    assert qdatetime_to_utc(shown) == datetime(2026, 7, 1, 12, 30, 0, 125000)
    assert shown.timeZone() == QTimeZone.systemTimeZone()
