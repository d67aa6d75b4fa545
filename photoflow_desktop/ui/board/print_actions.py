"""File → Print job sheet / Print day list (with Qt's print preview) and both as PDF.

QtPrintSupport is loaded only when the user prints: the one-folder bundle (photoflow.spec)
leaves it out, and the board must start without it. There, printing says to save a PDF.
"""

from __future__ import annotations

import importlib
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence, QTextDocument
from PySide6.QtWidgets import QFileDialog

from photoflow_desktop.domain.agenda import agenda
from photoflow_desktop.domain.clients import client_names_for_tasks
from photoflow_desktop.domain.comments import list_comments
from photoflow_desktop.domain.records import TaskRecord
from photoflow_desktop.i18n.messages import column_title
from photoflow_desktop.ui.board import job_sheets


def job_sheet_document(window, records: list[TaskRecord]) -> QTextDocument:
    """The job sheets of `records`, one page each, with comments and column names."""
    titles = {column.key: column_title(column.key, column.title) for column in window.board.columns}
    clients = client_names_for_tasks([r.id for r in records])
    sheets = [
        job_sheets.job_sheet_html(
            r, list_comments(r.id), titles.get(r.column, r.column), clients.get(r.id)
        )
        for r in records
    ]
    return job_sheets.job_sheets_document(sheets)


def day_list_document(window, day: date | None = None) -> QTextDocument:
    """Today's list (overdue and due today), filtered like the board."""
    day = day or date.today()
    titles = {column.key: column_title(column.key, column.title) for column in window.board.columns}
    groups = agenda(day, 1, window.board.where)
    return job_sheets.html_document(job_sheets.day_list_html(day, groups, titles))


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


def print_job_sheet(window):
    """Print preview of the selected order's job sheet."""
    record = window.board.selected_record()
    if record is None:
        return None
    return _preview(window, job_sheet_document(window, [record]))


def job_sheet_pdf(window, path: str | None = None) -> str | None:
    """Save the selected order's job sheet as a PDF (asks where unless `path`)."""
    record = window.board.selected_record()
    if record is None:
        return None
    path = path or _pdf_path(window, f"job-sheet-{record.id}.pdf")
    if path:
        job_sheets.write_pdf(job_sheet_document(window, [record]), path)
    return path or None


def print_day_list(window):
    """Print preview of today's list."""
    return _preview(window, day_list_document(window))


def day_list_pdf(window, path: str | None = None) -> str | None:
    """Save today's list as a PDF (asks where unless `path`)."""
    path = path or _pdf_path(window, f"day-list-{date.today().isoformat()}.pdf")
    if path:
        job_sheets.write_pdf(day_list_document(window), path)
    return path or None


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
