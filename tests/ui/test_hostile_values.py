"""The board's crash path: values of the wrong kind in any column of a Prisma-SQLite file never
reach a paint routine unguarded (issue 15, item 1)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from photoflow_desktop.cli import main
from photoflow_desktop.domain.csvio import export_csv, export_json
from photoflow_desktop.session import open_session
from photoflow_desktop.ui.board.main_window import MainWindow
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.maintenance.data_browser import DataBrowser
from tests.support.prisma_sqlite import (
    HOSTILE_ROWS,
    HUGE_INTEGER,
    LONG_STATUS,
    PRISMA_ROWS,
    make_hostile_prisma_sqlite,
)

EVERY_ID = sorted([row[0] for row in PRISMA_ROWS] + list(HOSTILE_ROWS))


@pytest.fixture
def hostile_session(tmp_path):
    path = make_hostile_prisma_sqlite(tmp_path / "dev.db")
    url = f"sqlite:///{path}"
    assert main(["--database-url", url, "db", "migrate"]) == 0
    session = open_session(url)
    yield session
    session.close()


def _shown_cards(window) -> dict:
    return {
        record.id: (key, row, record)
        for key in window.board.column_keys()
        for row, record in enumerate(window.board.column_model(key).records())
    }


def test_board_paints_every_card_with_hostile_values_and_marks_them_damaged(
    qtbot, hostile_session, db_worker
):
    window = MainWindow(hostile_session, JobRunner(synchronous=True), worker=db_worker)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.actions["show_finished"].setChecked(True)  # 'ja' and 7 count as finished
    window.grab()  # every card is painted

    shown = _shown_cards(window)
    assert sorted(shown) == EVERY_ID
    records = {task_id: record for task_id, (_key, _row, record) in shown.items()}
    assert records[20].damaged["comment_count"] == "viele"
    assert records[20].damaged["is_finished"] == "ja"
    assert records[20].comment_count == 0
    assert records[21].comment_count == HUGE_INTEGER and records[21].status == LONG_STATUS
    assert records[22].title == "Passbild\x00Meyer"
    assert records[22].damaged["comment_count"] == "1e+300"
    assert records[23].damaged["title"] == "0xfffe41"
    assert records[23].damaged["status"] == "0xc3"
    assert records[24].damaged["is_finished"] == "7"
    assert records[24].damaged["comment_count"] == "-3"
    assert shown[20][0] == "99"  # a column the board does not know is shown, not hidden
    key, row, _record = shown[23]
    model = window.board.column_model(key)
    tooltip = model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert "0xfffe41" in tooltip and "Damaged" in tooltip


def test_export_keeps_every_row_with_hostile_values(hostile_session):
    exported = {task["id"] for task in json.loads(export_json())["tasks"]}
    assert sorted(exported) == EVERY_ID
    assert len(export_csv().splitlines()) >= len(EVERY_ID) + 1


def test_data_browser_shows_every_hostile_row(qtbot, hostile_session):
    browser = DataBrowser(JobRunner(synchronous=True))
    qtbot.addWidget(browser)
    model = browser.task_model
    while model.canFetchMore():
        model.fetchMore()
    assert sorted(model.record(r).id for r in range(model.rowCount())) == EVERY_ID
    row = next(r for r in range(model.rowCount()) if model.record(r).id == 23)
    index = model.index(row, model.column_of("title"))
    assert model.data(index, Qt.ItemDataRole.DisplayRole) == "Damaged: 0xfffe41"
