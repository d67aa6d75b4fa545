"""The app icon (every shipped size) and the About box (version, licence, masked database)."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from photoflow_desktop import __version__
from photoflow_desktop.ui.common import icons
from photoflow_desktop.ui.common.about_dialog import AboutDialog

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"


def test_app_icon_has_every_png_size_and_is_not_blank(qapp):
    icon = icons.app_icon()
    assert not icon.isNull()
    sizes = {(size.width(), size.height()) for size in icon.availableSizes()}
    assert {(s, s) for s in icons.PNG_SIZES} <= sizes
    image = icon.pixmap(QSize(48, 48)).toImage()
    corner, centre = image.pixelColor(0, 0), image.pixelColor(24, 24)
    assert corner.alpha() == 0  # rounded tile: transparent corners
    assert centre.alpha() == 255


@pytest.mark.parametrize("size", icons.PNG_SIZES)
def test_shipped_png_matches_the_svg(qapp, size):
    shipped = QImage(str(icons.png_path(size))).convertToFormat(
        QImage.Format.Format_ARGB32_Premultiplied
    )
    assert (shipped.width(), shipped.height()) == (size, size)
    assert shipped == icons.render_png(icons.svg_path(), size), (
        "PNG is stale: run python -m photoflow_desktop.ui.common.icons"
    )


def test_desktop_entry_names_the_command_and_icon():
    entry = (icons.svg_path().parents[1] / "photoflow.desktop").read_text(encoding="utf-8")
    lines = dict(line.split("=", 1) for line in entry.splitlines() if "=" in line)
    assert lines["Type"] == "Application"
    assert lines["Exec"] == "photoflow"
    assert lines["Icon"] == icons.ICON_NAME
    assert lines["Name"] == "PhotoFlow"


def test_about_box_shows_version_licence_and_masks_the_password(qtbot):
    dialog = AboutDialog(database_url="postgresql://studio:s3cret@nas:5432/photoflow")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    text = dialog.details.text()
    assert __version__ in text
    assert "MIT" in text
    assert "studio:***@nas:5432/photoflow" in text
    assert "s3cret" not in text
    assert "PySide6" in text and "Python" in text
    assert not dialog.windowIcon().isNull()
    SCREENSHOTS.mkdir(exist_ok=True)
    assert dialog.grab().save(str(SCREENSHOTS / "about_dialog.png"))


def test_about_box_without_a_database_leaves_the_row_out(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert "Database" not in dialog.details.text()
