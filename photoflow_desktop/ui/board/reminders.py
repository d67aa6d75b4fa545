"""Due reminders: orders due today or overdue are announced once per order and day — in the
system tray where the desktop has one, else as a note in the board window. Clicking opens the
card; View → Due reminders turns them off. The check reads on the board's database worker (in
the background: cards and changes go first) and the note shows when its answer arrives."""

from __future__ import annotations

import logging
from datetime import UTC, date

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSystemTrayIcon, QVBoxLayout

from photoflow_desktop.domain.agenda import due_for_reminder
from photoflow_desktop.domain.records import TaskRecord
from photoflow_desktop.reminder_log import ReminderLog
from photoflow_desktop.ui.board.open_card import open_card
from photoflow_desktop.ui.common.icons import app_icon

log = logging.getLogger(__name__)
CHECK_EVERY_MS = 5 * 60_000
FIRST_CHECK_MS = 3_000  # after start-up, once the board is on screen
SETTING = "reminders/enabled"
SHOWN_TITLES = 3


def reminder_text(records: list[TaskRecord], today: date) -> tuple[str, str]:
    """The notification's title and body for `records` (due today or overdue)."""
    overdue = [r for r in records if r.due_at.replace(tzinfo=UTC).astimezone().date() < today]
    title = QCoreApplication.translate("Reminders", "%n order(s) due", "", len(records))
    if overdue:
        title = QCoreApplication.translate(
            "Reminders", "%n order(s) overdue or due today", "", len(records)
        )
    lines = []
    for record in records[:SHOWN_TITLES]:
        local = record.due_at.replace(tzinfo=UTC).astimezone()
        if record in overdue:
            when = QCoreApplication.translate("Reminders", "overdue since {0}").format(
                local.strftime("%d.%m. %H:%M")
            )
        else:
            when = QCoreApplication.translate("Reminders", "today {0}").format(
                local.strftime("%H:%M")
            )
        lines.append(f"• {record.title} — {when}")
    if len(records) > SHOWN_TITLES:
        lines.append(
            QCoreApplication.translate(
                "Reminders", "… and %n more", "", len(records) - SHOWN_TITLES
            )
        )
    return title, "\n".join(lines)


class ReminderNote(QFrame):
    """The in-window notification (used where there is no system tray)."""

    openRequested = Signal()

    def __init__(self, parent):
        super().__init__(parent)
        self.setObjectName("reminderNote")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "#reminderNote { background: palette(base); border: 2px solid #c62828;"
            " border-radius: 6px; }"
        )
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.open_button = QPushButton(QCoreApplication.translate("Reminders", "Open"))
        self.open_button.clicked.connect(self.openRequested)
        self.open_button.clicked.connect(self.hide)
        close = QPushButton(QCoreApplication.translate("Reminders", "Dismiss"))
        close.clicked.connect(self.hide)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addLayout(buttons)
        self.hide()

    def show_message(self, title: str, body: str) -> None:
        """Show in the top right corner of the window."""
        self.title.setText(title)
        self.body.setText(body)
        width = 440
        self.setFixedWidth(width)
        self.setFixedHeight(self.layout().totalHeightForWidth(width))
        parent = self.parentWidget()
        self.move(parent.width() - self.width() - 16, 110)
        self.show()
        self.raise_()


class DueReminders(QObject):
    """Checks every few minutes what is due today or overdue and tells about new ones."""

    checked = Signal(list)  # a check's answer arrived: the task ids it announced (maybe none)

    def __init__(self, window, log: ReminderLog, use_tray: bool | None = None):
        super().__init__(window)
        self.window = window
        self.log = log
        self.today = date.today  # replaced in tests
        self.first_task_id: int | None = None
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable() if use_tray is None else use_tray:
            self.tray = QSystemTrayIcon(app_icon(), self)
            self.tray.setToolTip("PhotoFlow")
            self.tray.messageClicked.connect(self.open_first)
            self.tray.activated.connect(lambda _reason: self.open_first())
            self.tray.show()
        self.note = ReminderNote(window)
        self.note.openRequested.connect(self.open_first)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    @property
    def enabled(self) -> bool:
        """The setting (on unless turned off)."""
        return str(self.window.settings.value(SETTING, "true")).lower() == "true"

    def set_enabled(self, on: bool) -> None:
        """Turn reminders on or off (remembered)."""
        self.window.settings.setValue(SETTING, "true" if on else "false")
        if on:
            self.timer.start()
            self.check()
        else:
            self.timer.stop()
            self.note.hide()

    def start(self) -> None:
        """Check now and then every few minutes (when enabled)."""
        if self.enabled:
            self.timer.start()
            QTimer.singleShot(FIRST_CHECK_MS, self, self.check)

    def check(self) -> None:
        """Ask the worker what is due today or overdue; `_announce` tells about new ones.

        A disabled window (the board is switching to another database) or a closed one is not
        asked about.
        """
        window = self.window
        if not shiboken6.isValid(window) or not window.isVisible() or not window.isEnabled():
            return
        if not self.enabled:
            return
        today = self.today()
        self.window.worker.run_task(
            lambda: due_for_reminder(today),
            on_done=lambda due: self._announce(today, due),
            on_error=lambda exc: log.info("reminders not checked: %s", exc),  # the banner tells
            read_only=True,
            background=True,
        )

    def _announce(self, today: date, due: list[TaskRecord]) -> None:
        """Tell about the orders of `due` not yet announced on `today`."""
        if not shiboken6.isValid(self) or not shiboken6.isValid(self.window) or not self.enabled:
            return  # the window closed, or reminders were turned off, while the worker read
        seen = self.log.notified(today)
        new = [record for record in due if record.id not in seen]
        if new:
            self.first_task_id = new[0].id
            title, body = reminder_text(new, today)
            if self.tray is not None:
                self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 15_000)
            else:
                self.note.show_message(title, body)
            self.log.remember(today, {record.id for record in new})
        self.checked.emit([record.id for record in new])

    def open_first(self) -> None:
        """Clicking the notification: open the card it was about."""
        if self.first_task_id is not None:
            open_card(self.window, self.first_task_id)


def install(window, menu) -> DueReminders:
    """Reminders for `window`, with View → Due reminders (checkable) in `menu`."""
    reminders = DueReminders(window, ReminderLog(window.session.url))
    action = menu.addAction(QCoreApplication.translate("Reminders", "Due &reminders"))
    action.setObjectName("due_reminders")
    action.setCheckable(True)
    action.setChecked(reminders.enabled)
    action.setToolTip(
        QCoreApplication.translate(
            "Reminders", "Tell me once a day about orders due today or overdue"
        )
    )
    action.toggled.connect(reminders.set_enabled)
    window.actions["due_reminders"] = action
    reminders.start()
    return reminders
