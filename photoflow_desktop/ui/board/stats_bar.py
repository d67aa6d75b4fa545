"""The stats bar above the board: what the board shows (search and "Show finished" included),
overdue among it, in progress, in Done — so each figure agrees with the columns below."""

from __future__ import annotations

import logging

import peewee
import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.domain.queries import BoardStats, board_stats
from photoflow_desktop.i18n import grouped, translate
from photoflow_desktop.i18n.messages import user_message
from photoflow_desktop.ui.common.db_worker import DatabaseWorker, SynchronousWorker
from photoflow_desktop.ui.common.theme import urgent_color

log = logging.getLogger(__name__)


def figure_texts() -> tuple[tuple[str, str, str], ...]:
    """(name, caption, what it counts) of each figure, in the current language."""
    return (
        (
            "total",
            QCoreApplication.translate("StatsBar", "Shown"),
            QCoreApplication.translate(
                "StatsBar", "Orders the board shows now: the sum of the column counts"
            ),
        ),
        (
            "overdue",
            QCoreApplication.translate("StatsBar", "Overdue"),
            QCoreApplication.translate(
                "StatsBar", "Shown orders, not finished, whose due date has passed"
            ),
        ),
        (
            "in_progress",
            QCoreApplication.translate("StatsBar", "In progress"),
            QCoreApplication.translate("StatsBar", "Shown orders in the “In progress” column"),
        ),
        (
            "done",
            QCoreApplication.translate("StatsBar", "In Done"),
            QCoreApplication.translate(
                "StatsBar", "Shown orders in the “Done” column (its header count)"
            ),
        ),
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
    """Four figures; `refresh()` recounts them on the database worker (coalescing repeats)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        worker: DatabaseWorker | SynchronousWorker | None = None,
    ):
        super().__init__(parent)
        self._worker = worker or SynchronousWorker(self)
        self._running = False
        self._again = False
        self.stats: BoardStats | None = None
        self.include_finished = False  # what the board shows: set_query follows it
        self.where: peewee.Expression | None = None
        self.figures = {name: _Figure(caption, tip) for name, caption, tip in figure_texts()}
        self.scope_label = QLabel()  # "Matching the search:" while one is active
        self.scope_label.setObjectName("statsScope")
        self.scope_label.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.scope_label)
        for figure in self.figures.values():
            layout.addWidget(figure)
        layout.addStretch(1)

    def set_query(self, include_finished: bool, where: peewee.Expression | None) -> None:
        """Count what the board shows from now on, and recount."""
        self.include_finished, self.where = include_finished, where
        self.scope_label.setText(
            QCoreApplication.translate("StatsBar", "Matching the search:")
            if where is not None
            else ""
        )
        self.scope_label.setVisible(where is not None)
        self.refresh()

    def refresh(self) -> None:
        """Recount on the database worker; the figures update when it answers."""
        if self._running:
            self._again = True  # a burst of changes costs one more count, not one each
            return
        self._running = True
        self._again = False
        include_finished, where = self.include_finished, self.where  # the view asked for now
        self._worker.run_task(
            lambda: board_stats(include_finished=include_finished, where=where),
            on_done=lambda stats: self._show(stats, include_finished, where),
            on_error=self._failed,
            read_only=True,
            background=True,
        )

    def _show(
        self, stats: BoardStats, include_finished: bool, where: peewee.Expression | None
    ) -> None:
        if not shiboken6.isValid(self):
            return
        self._running = False
        if include_finished != self.include_finished or where is not self.where:
            self.refresh()  # counted for an older search: never shown, counted again
            return
        self.stats = stats
        for name, figure in self.figures.items():
            figure.value_label.setText(grouped(getattr(stats, name)))
            figure.setToolTip(figure.tooltip)
        overdue = self.figures["overdue"].value_label
        urgent = urgent_color(self.palette()).name()
        overdue.setStyleSheet(f"color: {urgent};" if stats.overdue else "")
        if self._again:
            self.refresh()

    def _failed(self, exc: Exception) -> None:
        if not shiboken6.isValid(self):
            return
        self._running = False
        message = (
            user_message(exc)
            if isinstance(exc, PhotoflowError)
            else translate("Board", "the database did not answer")
        )
        log.warning("Board statistics not refreshed: %s", exc)
        for figure in self.figures.values():
            figure.value_label.setText("–")
            figure.setToolTip(
                translate("Board", "Could not count: {problem}").format(problem=message)
            )
        if self._again:
            self.refresh()
