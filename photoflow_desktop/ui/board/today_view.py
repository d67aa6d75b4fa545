"""View → Today: overdue orders, today's and the next days', grouped by day; keyboard-driven
(arrows, Enter opens the card, Ctrl+P prints the day list) and filtered like the board."""

from __future__ import annotations

from datetime import UTC, date

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, QTime
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from photoflow_desktop.domain.agenda import agenda
from photoflow_desktop.ui.board.open_card import open_card
from photoflow_desktop.ui.common import theme
from photoflow_desktop.ui.common.status_text import status_text

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

    def __init__(self, window, today: date | None = None):
        super().__init__(window)
        self.setObjectName("todayView")
        self.setWindowTitle(QCoreApplication.translate("TodayView", "Today"))
        self.resize(680, 620)
        self._window = window
        self._today = today
        self.scope = QLabel()
        self.scope.setWordWrap(True)
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
        """Read the agenda again (same search as the board), keeping the chosen order."""
        if not shiboken6.isValid(self) or not shiboken6.isValid(self._window.board):
            return
        chosen = self.current_task_id()
        today = self.today()
        where = self._window.board.where
        self.scope.setText(
            QCoreApplication.translate(
                "TodayView", "Open orders, overdue and the next {0} days, matching “{1}”."
            ).format(DAYS, self._window.search_edit.text().strip())
            if where is not None
            else QCoreApplication.translate(
                "TodayView", "Open orders, overdue and the next {0} days."
            ).format(DAYS)
        )
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        urgent = theme.urgent_color(self.palette())
        first = None
        for group in agenda(today, DAYS, where):
            heading = QTreeWidgetItem([f"{day_heading(group.day, today)} ({len(group.tasks)})"])
            heading.setFirstColumnSpanned(True)
            heading.setFont(0, bold)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            if group.day is None:
                heading.setForeground(0, urgent)
            self.tree.addTopLevelItem(heading)
            for record in group.tasks:
                local = record.due_at.replace(tzinfo=UTC).astimezone()
                when = QLocale().toString(
                    QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat
                )
                if group.day is None:
                    when = QLocale().toString(
                        QDate(local.year, local.month, local.day), "ddd d MMM"
                    )
                item = QTreeWidgetItem([when, record.title, status_text(record.status)])
                item.setData(0, TASK_ROLE, record.id)
                item.setToolTip(1, record.title)
                self.tree.addTopLevelItem(item)
                if first is None or record.id == chosen:
                    first = item
        if first is not None:
            self.tree.setCurrentItem(first)
        self.tree.resizeColumnToContents(0)

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
