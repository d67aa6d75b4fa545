"""Help → About: name, version, licence, the database in use (masked), Qt and Python versions."""

from __future__ import annotations

import html
import platform

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from photoflow_desktop import __version__
from photoflow_desktop.config import mask_url
from photoflow_desktop.i18n import translate
from photoflow_desktop.ui.common.icons import app_icon

APP_TITLE = "PhotoFlow Desktop"
LICENCE = "MIT"
ICON_SIZE = 64


def version_details(database_url: str | None = None) -> list[tuple[str, str]]:
    """(label, value) rows shown in the box; the database URL's password is masked."""
    rows = [
        (translate("About", "Version"), __version__),
        (translate("About", "Licence"), LICENCE),
    ]
    if database_url:
        rows.append((translate("About", "Database"), mask_url(database_url)))
    rows += [
        ("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})"),
        (
            "Python",
            translate("About", "{version} on {system} {machine}").format(
                version=platform.python_version(),
                system=platform.system(),
                machine=platform.machine(),
            ),
        ),
    ]
    return rows


class AboutDialog(QDialog):
    """A small box naming the application, its version and licence, and what it runs on."""

    def __init__(self, parent: QWidget | None = None, database_url: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("About", "About {app}").format(app=APP_TITLE))
        self.setWindowIcon(app_icon())

        icon_label = QLabel()
        icon_label.setPixmap(app_icon().pixmap(ICON_SIZE, ICON_SIZE))
        icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)

        title = QLabel(f"<h2>{APP_TITLE}</h2>")
        title.setObjectName("aboutTitle")
        summary = QLabel(
            translate(
                "About",
                "The studio's kanban board for photography orders, on its own SQLite file "
                "or on the PhotoFlow web app's PostgreSQL database.",
            )
        )
        summary.setWordWrap(True)

        self.details = QLabel(_details_html(version_details(database_url)))
        self.details.setObjectName("aboutDetails")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(summary)
        text.addWidget(self.details)
        text.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(icon_label)
        top.addLayout(text, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)


def _details_html(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td style='padding-right:12px'><b>{label}</b></td><td>{html.escape(value)}</td></tr>"
        for label, value in rows
    )
    return f"<table>{cells}</table>"
