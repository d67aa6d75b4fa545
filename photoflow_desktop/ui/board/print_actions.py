"""File → Print job sheet / Print day list (with Qt's print preview) and both as PDF.

What goes on the paper is read on the board's database worker (the status bar says it is being
prepared); the preview opens or the PDF is written on the UI thread when the answer arrives.
QtPrintSupport is loaded only when the user prints (start-up stays lean); a Qt without it
(a trimmed build) makes printing say to save a PDF instead.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from datetime import date

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence, QTextDocument
from PySide6.QtWidgets import QFileDialog

from photoflow_desktop.domain.agenda import DayGroup, agenda
from photoflow_desktop.domain.records import TaskRecord
from photoflow_desktop.i18n.messages import column_title, user_message_line
from photoflow_desktop.ui.board import job_sheets
from photoflow_desktop.ui.board.board_reads import JobSheetData, job_sheet_reads

log = logging.getLogger(__name__)
MESSAGE_MS = 10_000


def _column_titles(window) -> dict[str, str]:
    return {column.key: column_title(column.key, column.title) for column in window.board.columns}


def job_sheet_document(window, sheets: list[JobSheetData]) -> QTextDocument:
    """The job sheets read for `sheets`, one page each, with comments and column names."""
    titles = _column_titles(window)
    return job_sheets.job_sheets_document(
        [
            job_sheets.job_sheet_html(
                sheet.record,
                sheet.comments,
                titles.get(sheet.record.column, sheet.record.column),
                sheet.client_name,
            )
            for sheet in sheets
        ]
    )


def day_list_document(window, day: date, groups: list[DayGroup]) -> QTextDocument:
    """The day list of `day` (overdue and due that day) from the agenda read for it."""
    return job_sheets.html_document(job_sheets.day_list_html(day, groups, _column_titles(window)))


def _read_then(window, read: Callable[[], object], show: Callable[[object], None]) -> None:
    """Read on the worker (the status bar says so meanwhile), then `show(answer)` here."""
    status = window.statusBar()
    preparing = QCoreApplication.translate("PrintActions", "Preparing the printout…")
    status.showMessage(preparing)

    def done(answer) -> None:
        if not shiboken6.isValid(window):
            return
        if status.currentMessage() == preparing:
            status.clearMessage()
        show(answer)

    def failed(exc: Exception) -> None:
        log.info("printout not prepared: %s", exc)
        if shiboken6.isValid(window):
            status.showMessage(
                QCoreApplication.translate(
                    "PrintActions", "Nothing printed: {0} Try again when the database answers."
                ).format(user_message_line(exc)),
                MESSAGE_MS,
            )

    window.worker.run_task(read, on_done=done, on_error=failed, read_only=True)


def _write_pdf(window, document: QTextDocument, path: str) -> None:
    job_sheets.write_pdf(document, path)
    window.statusBar().showMessage(
        QCoreApplication.translate("PrintActions", "Saved as PDF: {0}").format(path), MESSAGE_MS
    )


def _preview(window, document: QTextDocument):
    """Qt's print preview of `document` (None, with a hint, where printing is not built in)."""
    try:
        support = importlib.import_module("PySide6.QtPrintSupport")
    except ImportError:
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "PrintActions", "Printing is not available in this build: save it as PDF instead."
            ),
            10_000,
        )
        return None
    printer = support.QPrinter(support.QPrinter.PrinterMode.HighResolution)
    dialog = support.QPrintPreviewDialog(printer, window)
    dialog.paintRequested.connect(document.print_)
    dialog.document = document  # keep it alive while the preview shows
    window.open_dialog(dialog, lambda _result: None, about=window.board.selected_record())
    return dialog


def _pdf_path(window, suggestion: str) -> str:
    path, _filter = QFileDialog.getSaveFileName(
        window,
        QCoreApplication.translate("PrintActions", "Save as PDF"),
        suggestion,
        QCoreApplication.translate("PrintActions", "PDF files (*.pdf)"),
    )
    return path


def print_job_sheet(window) -> None:
    """Print preview of the selected order's job sheet (opens once its comments are read)."""
    record = window.board.selected_record()
    if record is not None:
        _read_then(
            window,
            lambda: job_sheet_reads([record]),
            lambda sheets: _preview(window, job_sheet_document(window, sheets)),
        )


def job_sheet_pdf(window, path: str | None = None) -> None:
    """Save the selected order's job sheet as a PDF (asks where unless `path`)."""
    record = window.board.selected_record()
    if record is None:
        return
    path = path or _pdf_path(window, f"job-sheet-{record.id}.pdf")
    if path:
        save_job_sheets(window, [record], path)


def save_job_sheets(window, records: list[TaskRecord], path: str) -> None:
    """Write the job sheets of `records` (one page each) to the PDF `path`."""
    _read_then(
        window,
        lambda: job_sheet_reads(records),
        lambda sheets: _write_pdf(window, job_sheet_document(window, sheets), path),
    )


def _read_day_list(window, show: Callable[[date, list[DayGroup]], None]) -> None:
    day, where = date.today(), window.board.where
    _read_then(window, lambda: agenda(day, 1, where), lambda groups: show(day, groups))


def print_day_list(window) -> None:
    """Print preview of today's list, filtered like the board."""
    _read_day_list(
        window, lambda day, groups: _preview(window, day_list_document(window, day, groups))
    )


def day_list_pdf(window, path: str | None = None) -> None:
    """Save today's list as a PDF (asks where unless `path`)."""
    path = path or _pdf_path(window, f"day-list-{date.today().isoformat()}.pdf")
    if path:
        _read_day_list(
            window,
            lambda day, groups: _write_pdf(window, day_list_document(window, day, groups), path),
        )


def install(window, menu, before) -> None:
    """Add the print actions to `menu` (File) above action `before`, and to `window.actions`."""
    entries = (
        ("print_job_sheet", lambda: print_job_sheet(window), "Ctrl+P"),
        ("job_sheet_pdf", lambda: job_sheet_pdf(window), None),
        ("print_day_list", lambda: print_day_list(window), "Ctrl+Shift+P"),
        ("day_list_pdf", lambda: day_list_pdf(window), None),
    )
    texts = {
        "print_job_sheet": QCoreApplication.translate("PrintActions", "Print &job sheet…"),
        "job_sheet_pdf": QCoreApplication.translate("PrintActions", "Job sheet as PD&F…"),
        "print_day_list": QCoreApplication.translate("PrintActions", "Print d&ay list…"),
        "day_list_pdf": QCoreApplication.translate("PrintActions", "Day list as PDF…"),
    }
    for name, slot, keys in entries:
        action = QAction(texts[name], window)
        menu.insertAction(before, action)
        action.setObjectName(name)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False, slot=slot: slot())
        window.addAction(action)
        window.actions[name] = action
