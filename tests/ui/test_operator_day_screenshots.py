"""Screenshots for issue 14 (offscreen, 1280×800): the board with a wrapped long title and the
stats bar, the Today view, a due reminder, and the first page of a job sheet (PDF → PNG)."""

from __future__ import annotations

import subprocess
from datetime import timedelta

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from photoflow_desktop.domain import comments, tasks
from photoflow_desktop.domain.models import utc_now
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.i18n.install import install_language, uninstall_language
from photoflow_desktop.ui.board import print_actions
from photoflow_desktop.ui.board.main_window import MainWindow
from photoflow_desktop.ui.board.today_view import open_today_view
from photoflow_desktop.ui.common import theme
from photoflow_desktop.ui.common.db_worker import SynchronousWorker
from photoflow_desktop.ui.common.jobs import JobRunner
from tests.support.screenshots import save_screenshot

LONG = "Hochzeit Müller-Schmidt – Album „Sommer am See“ mit Leinwand 60×90 und zwei Elternalben"


@pytest.fixture
def light_app(qapp):
    previous_palette, previous_style = qapp.palette(), qapp.style().name()
    qapp.setStyle("Fusion")
    QApplication.setPalette(theme.light_palette())
    yield qapp
    qapp.setPalette(previous_palette)
    qapp.setStyle(previous_style)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize("language", ["de", "en"])
def test_operator_day_screenshots(light_app, session, qtbot, tmp_path, language):
    install_language(language)
    seed_board(language=language)  # the sample orders in the screenshot's language
    try:
        _take_screenshots(session, qtbot, tmp_path, language)
    finally:
        uninstall_language()


def _take_screenshots(seeded_session, qtbot, tmp_path, language):
    record = tasks.create_task(
        TaskDraft(LONG, utc_now() + timedelta(hours=5), "Entwickelt", "Album 30×40", "1")
    )
    comments.add_comment(record.id, "Brautstrauß-Detail für Seite 3, Eltern wünschen Leinen")
    window = MainWindow(seeded_session, JobRunner(synchronous=True), worker=SynchronousWorker())
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.board.select_task(record.id, focus=True)
    board = window.grab().toImage()
    save_screenshot(board, f"operator-board-{language}")
    assert board.width() == 1280

    today = open_today_view(window)
    qtbot.waitExposed(today)
    save_screenshot(today.grab().toImage(), f"today-view-{language}")
    assert today.task_ids()
    today.close()

    with qtbot.waitSignal(window.reminders.checked):
        window.reminders.check()
    assert window.reminders.note.isVisible()
    save_screenshot(window.grab().toImage(), f"reminder-note-{language}")

    window.board.select_task(record.id)
    pdf = str(tmp_path / "sheet.pdf")
    print_actions.job_sheet_pdf(window, pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf,
            str(tmp_path / "page"),
        ],
        check=True,
    )
    page = QImage(str(tmp_path / "page.png"))
    assert not page.isNull() and page.height() > page.width()  # A4 portrait
    save_screenshot(page, f"job-sheet-{language}")
