"""The first start on an empty board: a hint above the columns that offers sample orders (one
click), an import, and says how to connect to the studio's server. It goes once orders exist.

Whether the board is empty follows from the column counts the worker delivered; only when every
column is empty while finished orders are hidden does the worker look whether any order exists.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.ui.board.board_reads import holds_orders

log = logging.getLogger(__name__)


class EmptyBoardHint(QFrame):
    """Three ways to a filled board: sample orders, an import, the studio's server."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("emptyBoardHint")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._window = window
        self._generation = 0  # drops an answer about the database once the counts moved on
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
        """Shown while the database holds no order at all (finished ones count too).

        Decided from the column counts the board shows; a search says nothing about the
        database, so the hint stays as it is while one is on.
        """
        if not shiboken6.isValid(self) or not shiboken6.isValid(self._window.board):
            return
        board = self._window.board
        if board.where is not None or not board.columns:
            return
        self._generation += 1
        if any(board.column_view(key).count for key in board.column_keys()):
            self.setVisible(False)
        elif board.include_finished:
            self._show_if_empty(self._generation, holds=False)
        else:  # hidden finished orders may exist: the worker looks
            generation = self._generation
            self._window.worker.run_task(
                holds_orders,
                on_done=lambda holds: self._show_if_empty(generation, holds),
                on_error=lambda exc: log.info("empty board hint not updated: %s", exc),
                read_only=True,
                background=True,
            )

    def _show_if_empty(self, generation: int, holds: bool) -> None:
        if shiboken6.isValid(self) and generation == self._generation:
            self.setVisible(not holds and not self._window.read_only)


def attach(window) -> EmptyBoardHint:
    """Put the hint above the board of `window`; it follows the board's counts (hidden until the
    first counts arrive, so a full board never flashes it)."""
    hint = EmptyBoardHint(window)
    hint.hide()
    window.centralWidget().layout().insertWidget(1, hint)
    window.board.countsChanged.connect(hint.update_visibility)
    return hint


def _open_import_dialog(window) -> None:
    """Open the import dialog; its module loads on first use."""
    from photoflow_desktop.ui.board.import_dialog import open_import_dialog

    open_import_dialog(window)
