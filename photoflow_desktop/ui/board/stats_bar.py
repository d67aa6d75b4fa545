"""The stats bar above the board (like the web app's): total, overdue, in progress, done."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.domain.queries import BoardStats, board_stats
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.common.theme import urgent_color

log = logging.getLogger(__name__)

FIGURES = (
    ("total", "Total", "Every order on the board"),
    ("overdue", "Overdue", "Unfinished orders whose due date has passed"),
    ("in_progress", "In progress", "Unfinished orders in the “In progress” column"),
    ("done", "Done", "Finished orders, and orders in the “Done” column"),
)


class _Figure(QFrame):
    """One number with its caption."""

    def __init__(self, caption: str, tooltip: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.tooltip = tooltip
        self.setToolTip(tooltip)
        self.value_label = QLabel("–")
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.value_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.value_label.setFont(font)
        caption_label = QLabel(caption)
        caption_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.setSpacing(0)
        layout.addWidget(self.value_label)
        layout.addWidget(caption_label)


class StatsBar(QWidget):
    """Four figures; `refresh()` recounts them in the background (coalescing repeated calls)."""

    def __init__(self, parent: QWidget | None = None, jobs: JobRunner | None = None):
        super().__init__(parent)
        self._jobs = jobs or JobRunner(self, max_threads=1)
        self._running = False
        self._again = False
        self.stats: BoardStats | None = None
        self.figures = {name: _Figure(caption, tip) for name, caption, tip in FIGURES}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        for figure in self.figures.values():
            layout.addWidget(figure)
        layout.addStretch(1)

    def refresh(self) -> None:
        """Recount from the database (off the UI thread); the figures update when done."""
        if self._running:
            self._again = True  # a burst of changes costs one more count, not one each
            return
        self._running = True
        self._again = False
        self._jobs.start(lambda job: board_stats(), on_done=self._show, on_error=self._failed)

    def _show(self, stats: BoardStats) -> None:
        self._running = False
        self.stats = stats
        for name, figure in self.figures.items():
            figure.value_label.setText(f"{getattr(stats, name):,}")
            figure.setToolTip(figure.tooltip)
        overdue = self.figures["overdue"].value_label
        urgent = urgent_color(self.palette()).name()
        overdue.setStyleSheet(f"color: {urgent};" if stats.overdue else "")
        if self._again:
            self.refresh()

    def _failed(self, exc: Exception) -> None:
        self._running = False
        message = str(exc) if isinstance(exc, PhotoflowError) else "the database did not answer"
        log.warning("Board statistics not refreshed: %s", exc)
        for figure in self.figures.values():
            figure.value_label.setText("–")
            figure.setToolTip(f"Could not count: {message}")
        if self._again:
            self.refresh()
