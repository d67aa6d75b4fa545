"""View → Today: overdue orders, today's and the next days', grouped by day; keyboard-driven
(arrows, Enter opens the card, Ctrl+P prints the day list) and filtered like the board.

The agenda is read on the board's database worker; while it is on its way the view says so and
keeps the rows it shows, and an answer to an older request (an older search) is dropped.
"""

from __future__ import annotations

import logging
from datetime import UTC, date

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, QTime, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from photoflow_desktop.domain.agenda import DayGroup, agenda
from photoflow_desktop.i18n.messages import user_message_line
from photoflow_desktop.ui.board.open_card import open_card
from photoflow_desktop.ui.common import theme
from photoflow_desktop.ui.common.status_text import status_text

log = logging.getLogger(__name__)
DAYS = 7
TASK_ROLE = Qt.ItemDataRole.UserRole


def day_heading(day: date | None, today: date) -> str:
    """ "Overdue", "Today — Wednesday, 2 December", "Tomorrow — …" or the long date."""
    if day is None:
        return QCoreApplication.translate("TodayView", "Overdue")
    long = QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)
    if day == today:
        return QCoreApplication.translate("TodayView", "Today — {0}").format(long)
    if (day - today).days == 1:
        return QCoreApplication.translate("TodayView", "Tomorrow — {0}").format(long)
    return long


class TodayView(QDialog):
    """The operator's day as a list; follows the board (its search and its changes)."""

    filled = Signal()  # the worker's answer is shown

    def __init__(self, window, today: date | None = None):
        super().__init__(window)
        self.setObjectName("todayView")
        self.setWindowTitle(QCoreApplication.translate("TodayView", "Today"))
        self.resize(680, 620)
        self._window = window
        self._today = today
        self._generation = 0  # the newest request; older answers are dropped
        self.loading = False
        self.scope = QLabel()
        self.scope.setWordWrap(True)
        self.state = QLabel()  # "Loading…" while the worker reads, or why it could not
        self.state.setObjectName("todayState")
        self.state.setWordWrap(True)
        self.state.hide()
        self.tree = QTreeWidget()
        self.tree.setObjectName("todayList")
        self.tree.setHeaderLabels(
            [
                QCoreApplication.translate("TodayView", "Due"),
                QCoreApplication.translate("TodayView", "Order"),
                QCoreApplication.translate("TodayView", "Status"),
            ]
        )
        self.tree.setRootIsDecorated(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, header.ResizeMode.Stretch)
        header.setSectionResizeMode(2, header.ResizeMode.ResizeToContents)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(self._skip_heading)
        hint = QLabel(
            QCoreApplication.translate(
                "TodayView", "↑↓ choose · Enter opens the order · Ctrl+P prints the day list"
            )
        )
        hint.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scope)
        layout.addWidget(self.state)
        layout.addWidget(self.tree, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=lambda: _print_day_list(window))
        QShortcut(QKeySequence("F5"), self, activated=self.reload)
        window.board.countsChanged.connect(self.reload)  # the board changed or was filtered
        self.reload()

    def today(self) -> date:
        """The day shown as today (fixed in tests and screenshots)."""
        return self._today or date.today()

    def reload(self) -> None:
        """Read the agenda again on the worker (same search as the board); the rows stay."""
        if not shiboken6.isValid(self) or not shiboken6.isValid(self._window.board):
            return
        self._generation += 1
        generation = self._generation
        today = self.today()
        where = self._window.board.where
        search = self._window.search_edit.text().strip() if where is not None else ""
        self._set_loading(True)
        self._window.worker.run_task(
            lambda: agenda(today, DAYS, where),
            on_done=lambda groups: self._fill(generation, today, search, groups),
            on_error=lambda exc: self._failed(generation, exc),
            read_only=True,
        )

    def _set_loading(self, loading: bool) -> None:
        self.loading = loading
        if loading:
            self.state.setText(QCoreApplication.translate("TodayView", "Loading…"))
        self.state.setVisible(loading)

    def _failed(self, generation: int, exc: Exception) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        log.info("today view not refreshed: %s", exc)
        self.loading = False
        self.state.setText(
            QCoreApplication.translate(
                "TodayView", "Not refreshed: {0} Press F5 to try again."
            ).format(user_message_line(exc))
        )
        self.state.show()

    def _fill(self, generation: int, today: date, search: str, groups: list[DayGroup]) -> None:
        """Show the worker's answer (unless a newer request is on its way), keeping the choice."""
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self._set_loading(False)
        self.scope.setText(
            QCoreApplication.translate(
                "TodayView", "Open orders, overdue and the next {0} days, matching “{1}”."
            ).format(DAYS, search)
            if search
            else QCoreApplication.translate(
                "TodayView", "Open orders, overdue and the next {0} days."
            ).format(DAYS)
        )
        chosen = self.current_task_id()
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        urgent = theme.urgent_color(self.palette())
        first = None
        for group in groups:
            heading = QTreeWidgetItem([f"{day_heading(group.day, today)} ({len(group.tasks)})"])
            heading.setFirstColumnSpanned(True)
            heading.setFont(0, bold)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            if group.day is None:
                heading.setForeground(0, urgent)
            self.tree.addTopLevelItem(heading)
            for record in group.tasks:
                texts = [_when(record.due_at, group.day), record.title, status_text(record.status)]
                item = QTreeWidgetItem(texts)
                item.setData(0, TASK_ROLE, record.id)
                item.setToolTip(1, record.title)
                self.tree.addTopLevelItem(item)
                if first is None or record.id == chosen:
                    first = item
        if first is not None:
            self.tree.setCurrentItem(first)
        self.tree.resizeColumnToContents(0)
        self.filled.emit()

    def current_task_id(self) -> int | None:
        """The order under the cursor."""
        item = self.tree.currentItem()
        return item.data(0, TASK_ROLE) if item is not None else None

    def task_ids(self) -> list[int]:
        """Every order listed, top to bottom."""
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item.data(0, TASK_ROLE) for item in items if item.data(0, TASK_ROLE)]

    def headings(self) -> list[str]:
        """The group headings, top to bottom."""
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item.text(0) for item in items if item.data(0, TASK_ROLE) is None]

    def _skip_heading(self, current: QTreeWidgetItem | None, previous) -> None:
        """The arrow keys step over the day headings, from order to order."""
        if current is None or current.data(0, TASK_ROLE):
            return
        row = self.tree.indexOfTopLevelItem(current)
        before = self.tree.indexOfTopLevelItem(previous) if previous is not None else -1
        step = 1 if row > before else -1
        while 0 <= row < self.tree.topLevelItemCount():
            item = self.tree.topLevelItem(row)
            if item.data(0, TASK_ROLE):
                self.tree.setCurrentItem(item)
                return
            row += step
        if previous is not None:
            self.tree.setCurrentItem(previous)

    def _activated(self, item: QTreeWidgetItem) -> None:
        task_id = item.data(0, TASK_ROLE)
        if task_id:
            open_card(self._window, task_id)


def _when(due_at, day: date | None) -> str:
    """The time of an order due on a day, the date of an overdue one (local time)."""
    local = due_at.replace(tzinfo=UTC).astimezone()
    if day is None:
        return QLocale().toString(QDate(local.year, local.month, local.day), "ddd d MMM")
    return QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)


def open_today_view(window, today: date | None = None) -> TodayView:
    """View → Today (one window; raised when already open)."""
    existing = window.findChild(TodayView, "todayView")
    if existing is not None and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing
    view = TodayView(window, today)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view.show()
    view.activateWindow()
    view.tree.setFocus()
    return view


def _print_day_list(window) -> None:
    """Print the day list; the printing module (and QtPrintSupport) loads on first use."""
    from photoflow_desktop.ui.board.print_actions import print_day_list

    print_day_list(window)
