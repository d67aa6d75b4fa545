"""Dates shown in the chosen language: QLocale's day and month names, formats per language."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, QTimeZone

from photoflow_desktop.i18n import QT_TRANSLATE_NOOP, translate

# QDateTime formats (source texts: the German translation puts the day before a dot, etc.)
SHORT = QT_TRANSLATE_NOOP("Dates", "ddd dd MMM HH:mm")
SHORT_WITH_YEAR = QT_TRANSLATE_NOOP("Dates", "ddd dd MMM yyyy HH:mm")
DAY = QT_TRANSLATE_NOOP("Dates", "ddd dd MMM")
DAY_WITH_YEAR = QT_TRANSLATE_NOOP("Dates", "ddd dd MMM yyyy")
MEDIUM = QT_TRANSLATE_NOOP("Dates", "ddd d MMM yyyy, HH:mm")
LONG = QT_TRANSLATE_NOOP("Dates", "dddd d MMMM yyyy, HH:mm:ss")
SHEET = QT_TRANSLATE_NOOP("Dates", "dddd, d MMMM yyyy, HH:mm")
SHEET_DAY = QT_TRANSLATE_NOOP("Dates", "dddd, d MMMM yyyy")
EDIT = QT_TRANSLATE_NOOP("Dates", "ddd yyyy-MM-dd  HH:mm")
EDIT_DATE = QT_TRANSLATE_NOOP("Dates", "ddd yyyy-MM-dd")


def to_local(value: datetime) -> QDateTime:
    """A naive UTC timestamp from the database as a local QDateTime."""
    utc = QDateTime(
        QDate(value.year, value.month, value.day),
        QTime(value.hour, value.minute, value.second, value.microsecond // 1000),
        QTimeZone.utc(),
    )
    return utc.toLocalTime()


def date_format(name: str) -> str:
    """One of the formats above in the chosen language."""
    return translate("Dates", name)


def format_local(value: datetime, fmt: str = MEDIUM) -> str:
    """A naive UTC timestamp in local time, formatted with the chosen language's QLocale."""
    return QLocale().toString(to_local(value), date_format(fmt))
