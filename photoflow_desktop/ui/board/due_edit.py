"""The due-date field: type `05.12.2026 14:30` or `2026-12-05 14:30` (after Ctrl+A it sticks),
Tab goes to the next field, and a calendar button still picks the day.

It offers the parts of QDateTimeEdit's interface the task dialog uses (dateTime, setDateTime,
date, setDate, setDisplayFormat, minimum/maximum, dateTimeChanged), so it can stand in for it.
"""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime, QTimeZone, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from photoflow_desktop.domain.typed_dates import parse_typed_datetime

GERMAN_FORMAT = "dd.MM.yyyy HH:mm"
ISO_FORMAT = "yyyy-MM-dd HH:mm"


def typing_format(locale: QLocale | None = None) -> str:
    """How the field shows a date: German `dd.MM.yyyy HH:mm`, elsewhere ISO."""
    locale = locale or QLocale()
    return GERMAN_FORMAT if locale.language() == QLocale.Language.German else ISO_FORMAT


class DueEdit(QWidget):
    """A line edit for a local date and time with a calendar button beside it."""

    dateTimeChanged = Signal(QDateTime)
    textEdited = Signal(str)  # every keystroke, valid or not (the dialog re-checks Save)
    editingFinished = Signal()  # left the field: the text shows the value again

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._format = typing_format()
        self._date_only = False
        self._zone = QTimeZone.systemTimeZone()
        self._value = QDateTime.currentDateTime(self._zone)
        self._minimum: QDateTime | None = None
        self._maximum: QDateTime | None = None
        self.line_edit = QLineEdit(self)
        self.line_edit.setObjectName("dueText")
        self.line_edit.setPlaceholderText(
            QCoreApplication.translate("DueEdit", "e.g. 05.12.2026 14:30 or 2026-12-05 14:30")
        )
        self.line_edit.textEdited.connect(self._typed)
        self.line_edit.textEdited.connect(self.textEdited)
        self.line_edit.editingFinished.connect(self._finish_editing)
        self.calendar = QCalendarWidget()
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(lambda: self.calendar.setSelectedDate(self._value.date()))
        self.calendar_button = QToolButton(self)
        self.calendar_button.setObjectName("dueCalendar")
        self.calendar_button.setText("📅")
        self.calendar_button.setToolTip(
            QCoreApplication.translate("DueEdit", "Pick the day from a calendar")
        )
        self.calendar_button.setMenu(menu)
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar_button.setFocusPolicy(self.calendar_button.focusPolicy().NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line_edit, 1)
        layout.addWidget(self.calendar_button)
        self.setFocusProxy(self.line_edit)
        self._show_value()

    # -- the QDateTimeEdit-like interface ------------------------------------------------
    def dateTime(self) -> QDateTime:
        """The last valid value (local time zone)."""
        return QDateTime(self._value)

    def setDateTime(self, value: QDateTime) -> None:
        """Show `value` (converted to local time)."""
        self._set(value.toTimeZone(self._zone))
        self._show_value()

    def date(self) -> QDate:
        """The day of the value."""
        return self._value.date()

    def setDate(self, day: QDate) -> None:
        """Keep the time, change the day."""
        self.setDateTime(QDateTime(day, self._value.time(), self._zone))

    def setDisplayFormat(self, qt_format: str) -> None:
        """Date only when the format has no hour; the field keeps its typing format."""
        self._date_only = "H" not in qt_format and "h" not in qt_format
        self._format = typing_format()
        if self._date_only:
            self._format = self._format.split(" ")[0]
        self._show_value()

    def setMinimumDateTime(self, value: QDateTime) -> None:
        """Earliest accepted value."""
        self._minimum = value

    def setMaximumDateTime(self, value: QDateTime) -> None:
        """Latest accepted value."""
        self._maximum = value

    def setCalendarPopup(self, _enable: bool) -> None:
        """The calendar button is always there (kept for QDateTimeEdit compatibility)."""

    def setTimeZone(self, zone: QTimeZone) -> None:
        """The zone the typed text means (the system's by default)."""
        self._zone = zone

    def hasAcceptableInput(self) -> bool:
        """Whether the text is a date (and time) the field understood."""
        return self._parse(self.line_edit.text()) is not None

    # -- behaviour -----------------------------------------------------------------------
    def _parse(self, text: str) -> QDateTime | None:
        old = self._value.time()
        parsed = parse_typed_datetime(text, time(old.hour(), old.minute()))
        if parsed is None:
            return None
        value = _to_qdatetime(parsed, self._zone)
        if (self._minimum and value < self._minimum) or (self._maximum and value > self._maximum):
            return None
        return value

    def _typed(self, text: str) -> None:
        value = self._parse(text)
        self._mark_invalid(value is None)
        if value is not None:
            self._set(value)

    def _picked(self, day: QDate) -> None:
        self.calendar_button.menu().hide()
        self.setDate(day)
        self.line_edit.setFocus()

    def _set(self, value: QDateTime) -> None:
        if value != self._value:
            self._value = value
            self.dateTimeChanged.emit(QDateTime(value))

    def _finish_editing(self) -> None:
        self._show_value()
        self.editingFinished.emit()

    def _show_value(self) -> None:
        """Rewrite the text from the value (after a valid edit, or to undo an invalid one)."""
        if self._parse(self.line_edit.text()) == self._value and self.line_edit.hasFocus():
            return  # keep what the person typed while they are still in the field
        self.line_edit.setText(self._value.toString(self._format))
        self._mark_invalid(False)

    def _mark_invalid(self, invalid: bool) -> None:
        palette = self.line_edit.palette()
        default = self.palette().color(QPalette.ColorRole.Text)
        palette.setColor(QPalette.ColorRole.Text, "#c62828" if invalid else default)
        self.line_edit.setPalette(palette)
        self.line_edit.setToolTip(not_a_date_message() if invalid else "")


def not_a_date_message() -> str:
    """What the field says while its text is no date it understands."""
    return QCoreApplication.translate(
        "DueEdit", "Not a date: type 05.12.2026 14:30 or 2026-12-05 14:30"
    )


def _to_qdatetime(value: datetime, zone: QTimeZone) -> QDateTime:
    return QDateTime(
        QDate(value.year, value.month, value.day), QTime(value.hour, value.minute), zone
    )
