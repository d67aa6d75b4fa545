"""Printed paper for the studio: a job sheet per order (one page each, with its comments) and
the day list (overdue and due today) — as QTextDocuments for Qt printing or a PDF."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QMarginsF, QTime
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from photoflow_desktop.domain.agenda import DayGroup
from photoflow_desktop.domain.records import CommentRecord, TaskRecord
from photoflow_desktop.ui.common.dates import SHEET, SHEET_DAY, date_format
from photoflow_desktop.ui.common.status_text import status_text

NOTE_LINES = 8  # ruled lines for handwritten notes
STYLE = (
    "body { font-family: sans-serif; font-size: 11pt; }"
    "h1 { font-size: 20pt; margin-bottom: 2pt; }"
    "h2 { font-size: 13pt; margin-top: 14pt; }"
    "td, th { padding: 4pt 8pt; border-bottom: 1px solid #999; }"
    "th { text-align: left; background: #eee; }"
    ".muted { color: #666; }"
)


def local_text(value: datetime, with_time: bool = True) -> str:
    """A naive UTC datetime in local time, written the locale's long way."""
    local = value.replace(tzinfo=UTC).astimezone()
    qt = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    return QLocale().toString(qt, date_format(SHEET if with_time else SHEET_DAY))


def _escape(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def job_sheet_html(
    record: TaskRecord,
    comments: list[CommentRecord],
    column_title: str,
    client_name: str | None = None,
) -> str:
    """One order's job sheet: what, when, status, description, the comment thread, notes."""
    status = (
        QCoreApplication.translate("JobSheet", "finished") if record.is_finished else column_title
    )
    rows = [
        (QCoreApplication.translate("JobSheet", "Due"), local_text(record.due_at)),
        (QCoreApplication.translate("JobSheet", "Status"), status_text(record.status)),
        (QCoreApplication.translate("JobSheet", "Column"), status),
    ]
    if client_name:
        rows.insert(0, (QCoreApplication.translate("JobSheet", "Client"), client_name))
    table = "".join(f"<tr><th>{_escape(k)}</th><td>{_escape(v)}</td></tr>" for k, v in rows)
    thread = (
        "".join(
            f"<p><span class='muted'>{_escape(local_text(c.created_at))}</span><br>"
            f"{_escape(c.text)}</p>"
            for c in comments
        )
        or f"<p class='muted'>{_escape(QCoreApplication.translate('JobSheet', 'No comments.'))}</p>"
    )
    description = record.info or QCoreApplication.translate("JobSheet", "No description.")
    return (
        f"<h1>{_escape(record.title)}</h1>"
        f"<p class='muted'>{_escape(QCoreApplication.translate('JobSheet', 'Order'))} "
        f"#{record.id}</p>"
        f"<table width='100%' cellspacing='0'>{table}</table>"
        f"<h2>{_escape(QCoreApplication.translate('JobSheet', 'Description'))}</h2>"
        f"<p>{_escape(description)}</p>"
        f"<h2>{_escape(QCoreApplication.translate('JobSheet', 'Comments'))}</h2>{thread}"
        f"<h2>{_escape(QCoreApplication.translate('JobSheet', 'Notes'))}</h2>"
        "<table width='100%' cellspacing='0'>"
        + "<tr><td>&nbsp;</td></tr>" * NOTE_LINES
        + "</table>"
    )


def job_sheets_document(sheets: list[str]) -> QTextDocument:
    """Several job sheets, one per page."""
    pages = "<div style='page-break-after: always'></div>".join(sheets)
    document = QTextDocument()
    document.setDefaultStyleSheet(STYLE)
    document.setHtml(f"<html><body>{pages}</body></html>")
    return document


def day_list_html(day: date, groups: list[DayGroup], column_titles: dict[str, str]) -> str:
    """The day's list: overdue orders, then those due `day`, each with a box to tick."""
    heading = QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)
    parts = [f"<h1>{_escape(QCoreApplication.translate('JobSheet', 'Day list'))} — {heading}</h1>"]
    for group in groups:
        if group.day is None:
            title = QCoreApplication.translate("JobSheet", "Overdue")
        elif group.day == day:
            title = QCoreApplication.translate("JobSheet", "Due today")
        else:
            continue
        rows = "".join(
            "<tr><td>☐</td>"
            f"<td>{_escape(local_text(r.due_at) if group.day is None else _time(r.due_at))}</td>"
            f"<td><b>{_escape(r.title)}</b></td><td>{_escape(status_text(r.status))}</td>"
            f"<td>{_escape(column_titles.get(r.column, r.column))}</td></tr>"
            for r in group.tasks
        )
        parts.append(f"<h2>{_escape(title)} ({len(group.tasks)})</h2>")
        parts.append(f"<table width='100%' cellspacing='0'>{rows}</table>")
    if len(parts) == 1:
        nothing = QCoreApplication.translate("JobSheet", "Nothing is due today or overdue.")
        parts.append(f"<p>{_escape(nothing)}</p>")
    return "".join(parts)


def _time(value: datetime) -> str:
    local = value.replace(tzinfo=UTC).astimezone()
    return QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)


def html_document(body: str) -> QTextDocument:
    """A printable document of `body`."""
    document = QTextDocument()
    document.setDefaultStyleSheet(STYLE)
    document.setHtml(f"<html><body>{body}</body></html>")
    return document


def write_pdf(document: QTextDocument, path: str) -> None:
    """Write `document` as an A4 PDF to `path`."""
    writer = QPdfWriter(path)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    writer.setCreator("PhotoFlow")
    document.print_(writer)
