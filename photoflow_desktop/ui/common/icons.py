"""The application icon: loaded from resources/icons, PNG sizes rendered from the SVG.

`python -m photoflow_desktop.ui.common.icons` re-renders resources/icons/png/ after the SVG changed.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from photoflow_desktop.paths import resources_dir

log = logging.getLogger(__name__)

ICON_NAME = "photoflow"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)


def svg_path() -> Path:
    """The scalable app icon."""
    return resources_dir() / "icons" / f"{ICON_NAME}.svg"


def png_path(size: int) -> Path:
    """The app icon rendered at `size`×`size` pixels."""
    return resources_dir() / "icons" / "png" / f"{ICON_NAME}-{size}.png"


def app_icon() -> QIcon:
    """The PhotoFlow icon in every shipped size (for windows, the task bar and dialogs)."""
    icon = QIcon()
    try:
        svg = svg_path()
    except FileNotFoundError as exc:
        log.warning("No application icon: %s", exc)
        return icon
    for size in PNG_SIZES:
        path = png_path(size)
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    if svg.is_file():
        icon.addFile(str(svg))
    if icon.isNull():
        log.warning("No application icon found in %s", svg.parent)
    return icon


def render_png(svg: Path, size: int) -> QImage:
    """The SVG rendered into a transparent size×size image."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def render_png_sizes(sizes: tuple[int, ...] = PNG_SIZES) -> list[Path]:
    """Write resources/icons/png/photoflow-<size>.png for every size; returns the paths."""
    written = []
    for size in sizes:
        path = png_path(size)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not render_png(svg_path(), size).save(str(path), "PNG"):
            raise OSError(f"Could not write {path}")
        written.append(path)
    return written


def main() -> int:
    """Re-render the PNG sizes from the SVG (needs no display)."""
    _app = QGuiApplication.instance() or QGuiApplication([*sys.argv[:1], "-platform", "offscreen"])
    for path in render_png_sizes():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
