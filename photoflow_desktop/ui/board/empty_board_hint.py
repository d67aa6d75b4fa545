"""The first start on an empty board: a hint above the columns that offers sample orders (one
click), an import, and says how to connect to the studio's server. It goes once orders exist."""

from __future__ import annotations

import peewee
import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.domain.models import Task
from photoflow_desktop.domain.seed import seed_board


class EmptyBoardHint(QFrame):
    """Three ways to a filled board: sample orders, an import, the studio's server."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("emptyBoardHint")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._window = window
        title = QLabel(
            QCoreApplication.translate("EmptyBoardHint", "<b>Welcome — the board is empty.</b>")
        )
        text = QLabel(
            QCoreApplication.translate(
                "EmptyBoardHint",
                "Try it with sample orders, import your orders from a spreadsheet (CSV), or "
                "work on the studio's shared board: File → Connect to studio server… and enter "
                "the address your studio's PostgreSQL server was given, e.g. "
                "postgresql://photoflow@studio-server:5432/photoflow.",
            )
        )
        text.setWordWrap(True)
        self.sample_button = QPushButton(
            QCoreApplication.translate("EmptyBoardHint", "Add sample orders")
        )
        self.sample_button.setObjectName("addSampleOrders")
        self.sample_button.clicked.connect(self.add_samples)
        self.import_button = QPushButton(QCoreApplication.translate("EmptyBoardHint", "Import…"))
        self.import_button.setObjectName("importOrders")
        self.import_button.clicked.connect(lambda: _open_import_dialog(window))
        self.connect_button = QPushButton(
            QCoreApplication.translate("EmptyBoardHint", "Connect to studio server…")
        )
        self.connect_button.setObjectName("connectServer")
        self.connect_button.clicked.connect(window.connect_to_server)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QHBoxLayout()
        for button in (self.sample_button, self.import_button, self.connect_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    def add_samples(self) -> None:
        """Create the sample orders (off the UI thread) and show them."""
        self.sample_button.setEnabled(False)
        self._window.jobs.start(
            lambda _job: seed_board(), on_done=self._added, on_error=self._failed
        )

    def _added(self, _count: int) -> None:
        if shiboken6.isValid(self._window):
            self._window.refresh()
            self._window.board.focus_first_card()

    def _failed(self, exc: Exception) -> None:
        self.sample_button.setEnabled(True)
        detail = str(exc) if isinstance(exc, PhotoflowError) else type(exc).__name__
        self.message.setText(
            QCoreApplication.translate("EmptyBoardHint", "No sample orders added: {0}").format(
                detail
            )
        )
        self.message.show()

    def update_visibility(self) -> None:
        """Shown while the database holds no order at all (finished ones count too)."""
        if not shiboken6.isValid(self):
            return
        try:
            empty = not Task.select().exists()
        except peewee.PeeweeException:  # no database: the banner says so; leave the hint
            return
        self.setVisible(empty and not self._window.read_only)


def attach(window) -> EmptyBoardHint:
    """Put the hint above the board of `window`; it follows the board's counts."""
    hint = EmptyBoardHint(window)
    window.centralWidget().layout().insertWidget(1, hint)
    window.board.countsChanged.connect(hint.update_visibility)
    hint.update_visibility()
    return hint


def _open_import_dialog(window) -> None:
    """Open the import dialog; its module loads on first use."""
    from photoflow_desktop.ui.board.import_dialog import open_import_dialog

    open_import_dialog(window)
