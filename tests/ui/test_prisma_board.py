"""The real board window on a Prisma-made SQLite file (integer-ms dates, a damaged value), cards
with date-only due dates, and the task dialog's date-only choice and status labels."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from PySide6.QtCore import QDate, Qt

from photoflow_desktop.cli import main
from photoflow_desktop.domain.columns import list_columns
from photoflow_desktop.domain.csvio import export_json
from photoflow_desktop.domain.queries import distinct_statuses
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.tasks import create_task, get_task, update_task
from photoflow_desktop.session import open_session
from photoflow_desktop.ui.board.card_delegate import due_texts, local_due_text
from photoflow_desktop.ui.board.main_window import MainWindow
from photoflow_desktop.ui.board.task_dialog import TaskDialog
from photoflow_desktop.ui.common.db_worker import SynchronousWorker
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.maintenance.data_browser import DataBrowser
from tests.support.prisma_sqlite import DAMAGED_ID, DAMAGED_RAW, PRISMA_ROWS, make_prisma_sqlite


@pytest.fixture
def prisma_session(tmp_path):
    path = make_prisma_sqlite(tmp_path / "dev.db")
    url = f"sqlite:///{path}"
    assert main(["--database-url", url, "db", "migrate"]) == 0
    session = open_session(url)
    yield session
    session.close()


def test_board_window_shows_every_card_of_a_prisma_file_and_marks_the_damaged_one(
    qtbot, prisma_session
):
    window = MainWindow(prisma_session, JobRunner(synchronous=True), worker=SynchronousWorker())
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.grab()  # every card is painted, the damaged one included

    shown = {
        record.id: record
        for key in window.board.column_keys()
        for record in window.board.column_model(key).records()
    }
    assert sorted(shown) == [row[0] for row in PRISMA_ROWS]
    due_text, hint = due_texts(shown[DAMAGED_ID])
    assert due_text == f"Damaged due date: {DAMAGED_RAW}" and hint == "set a new date"
    assert due_texts(shown[1])[0] == "Thu 08 Feb 2024"  # Prisma's UTC midnight: a date, no time
    exported = {task["id"] for task in json.loads(export_json())["tasks"]}
    assert exported == set(shown)


def test_data_browser_row_shows_the_damaged_value(qtbot, prisma_session):
    browser = DataBrowser(JobRunner(synchronous=True))
    qtbot.addWidget(browser)
    model = browser.task_model
    while model.canFetchMore():
        model.fetchMore()
    row = next(r for r in range(model.rowCount()) if model.record(r).id == DAMAGED_ID)
    index = model.index(row, model.column_of("due_at"))
    assert model.data(index, Qt.ItemDataRole.DisplayRole) == f"Damaged: {DAMAGED_RAW}"


def test_a_date_only_due_date_shows_no_time():
    assert local_due_text(datetime(2024, 6, 1), date_only=True) == "Sat 01 Jun 2024"
    assert ":" in local_due_text(datetime(2024, 6, 1, 14, 0))


def test_dialog_edits_a_date_only_order_as_a_date_and_stores_utc_midnight(db, qtbot):
    stored = create_task(TaskDraft("Hochzeit Schmidt", datetime(2024, 6, 1), "Entwickelt"))
    dialog = TaskDialog(list_columns(), distinct_statuses(), record=stored)
    qtbot.addWidget(dialog)
    assert dialog.date_only_check.isChecked()
    assert dialog.due_edit.date() == QDate(2024, 6, 1)
    assert dialog.status_combo.currentText() == "Developed"
    assert dialog.draft() == TaskDraft.from_record(stored)  # opening and saving changes nothing
    dialog.due_edit.setDate(QDate(2024, 6, 3))
    update_task(stored.id, dialog.draft(), expected=stored)
    assert get_task(stored.id).due_at == datetime(2024, 6, 3)


def test_dialog_turns_a_timed_order_into_a_date_only_one(db, qtbot):
    stored = create_task(TaskDraft("Passbilder", datetime(2024, 6, 1, 9, 30), "Gedruckt"))
    dialog = TaskDialog(list_columns(), distinct_statuses(), record=stored)
    qtbot.addWidget(dialog)
    assert not dialog.date_only_check.isChecked()
    dialog.date_only_check.setChecked(True)
    dialog.due_edit.setDate(QDate(2024, 7, 1))
    assert dialog.draft().due_at == datetime(2024, 7, 1)  # what the web app writes
    assert dialog.draft().status == "Gedruckt"  # the key is stored, the label shown


def test_dialog_asks_for_a_new_date_instead_of_saving_a_damaged_one(qtbot, prisma_session):
    damaged = get_task(DAMAGED_ID)
    dialog = TaskDialog(list_columns(), distinct_statuses(), record=damaged)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    assert DAMAGED_RAW in dialog.errors["due_at"].text()
    dialog.due_edit.setDate(QDate(2024, 9, 1))
    assert dialog.save_button.isEnabled()
