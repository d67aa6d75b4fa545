"""What the invoice windows show for statuses and amounts, in the UI's language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from photoflow_desktop.domain.money import format_amount


def status_label(status: str) -> str:
    """The translated name of an invoice status key."""
    labels = {
        "draft": QCoreApplication.translate("InvoiceStatus", "Draft"),
        "issued": QCoreApplication.translate("InvoiceStatus", "Issued"),
        "partly_paid": QCoreApplication.translate("InvoiceStatus", "Partly paid"),
        "paid": QCoreApplication.translate("InvoiceStatus", "Paid"),
        "overdue": QCoreApplication.translate("InvoiceStatus", "Overdue"),
        "cancelled": QCoreApplication.translate("InvoiceStatus", "Cancelled"),
        "cancellation": QCoreApplication.translate("InvoiceStatus", "Cancellation"),
    }
    return labels.get(status, status)


def money_text(value: Decimal) -> str:
    """An amount in the UI locale's digits with the euro sign (exact: no float involved)."""
    locale = QLocale()
    plain = format_amount(value)
    sign = "-" if plain.startswith("-") else ""
    whole, cents = plain.lstrip("-").split(".")
    group = locale.groupSeparator()
    grouped = ""
    while len(whole) > 3:
        grouped = group + whole[-3:] + grouped
        whole = whole[:-3]
    number = f"{whole}{grouped}{locale.decimalPoint()}{cents}"
    if locale.language() in (QLocale.Language.English, QLocale.Language.C):
        return f"{sign}€{number}"
    return f"{sign}{number} €"


def day_text(value: date | None) -> str:
    """A calendar date as the UI's language writes it: 02.03.2026 (German), else 2026-03-02."""
    if value is None:
        return ""
    if QLocale().language() == QLocale.Language.German:
        return value.strftime("%d.%m.%Y")
    return value.isoformat()


def to_date(value: QDate) -> date:
    """A QDate as a Python date."""
    return date(value.year(), value.month(), value.day())
