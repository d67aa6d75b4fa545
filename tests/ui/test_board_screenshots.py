"""Screenshots of the seeded board in a light and a dark palette (tests/support/screenshots)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from photoflow_desktop.domain.columns import set_wip_limit
from photoflow_desktop.ui.board.main_window import MainWindow
from photoflow_desktop.ui.common import theme
from photoflow_desktop.ui.common.db_worker import SynchronousWorker
from photoflow_desktop.ui.common.jobs import JobRunner
from tests.support.screenshots import save_screenshot


@pytest.fixture
def palette_app(qapp):
    """Fusion style (follows the palette fully); the palette is restored afterwards."""
    previous_palette = qapp.palette()
    previous_style = qapp.style().name()
    qapp.setStyle("Fusion")
    yield qapp
    qapp.setPalette(previous_palette)
    qapp.setStyle(previous_style)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize("mode", ["light", "dark"])
def test_board_screenshot(mode, palette_app, seeded_session, qtbot):
    palette = theme.dark_palette() if mode == "dark" else theme.light_palette()
    QApplication.setPalette(palette)
    window = MainWindow(seeded_session, JobRunner(synchronous=True), worker=SynchronousWorker())
    qtbot.addWidget(window)
    window.resize(1280, 760)
    window.board.splitter.setSizes([420, 420, 420])
    window.show()
    qtbot.waitExposed(window)
    set_wip_limit("2", 8)  # "In progress" is over its WIP limit in the picture
    window.board.reload_columns()
    window.board.select_task(window.board.column_model("1").record(1).id)

    image = window.grab().toImage()
    save_screenshot(image, f"board-{mode}")

    assert theme.is_dark(window.palette()) == (mode == "dark")
    background = image.pixelColor(5, image.height() // 2)
    window_colour = palette.color(QPalette.ColorRole.Window)
    assert abs(background.lightness() - window_colour.lightness()) < 40
    assert window.board.column_view("2").over_limit
