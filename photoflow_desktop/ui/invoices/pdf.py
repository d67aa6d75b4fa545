"""An issued invoice as PDF or on paper, through Qt's own text engine (QTextDocument)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from photoflow_desktop.domain.errors import PhotoflowError, ValidationError
from photoflow_desktop.domain.invoice_records import InvoiceRecord
from photoflow_desktop.partial_files import written_whole
from photoflow_desktop.ui.invoices.invoice_html import invoice_html
from photoflow_desktop.ui.invoices.invoice_labels import label

MARGINS_MM = QMarginsF(20, 18, 18, 18)
RESOLUTION_DPI = 300


def invoice_document(invoice: InvoiceRecord, lang: str) -> QTextDocument:
    """The invoice laid out for A4 (drafts cannot be printed: they have no number)."""
    if invoice.number is None:
        raise ValidationError("Only an issued invoice can be printed; issue the draft first")
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setHtml(invoice_html(invoice, lang))
    document.setMetaInformation(
        QTextDocument.MetaInformation.DocumentTitle,
        label(lang, "page_title", number=invoice.number),
    )
    return document


def write_invoice_pdf(invoice: InvoiceRecord, path: str | Path, lang: str = "de") -> Path:
    """Write the invoice as an A4 PDF to `path` (a temporary file renamed into place)."""
    document = invoice_document(invoice, lang)
    target = Path(path)
    if not target.parent.is_dir() or not os.access(target.parent, os.W_OK):
        raise PhotoflowError(
            "Cannot write {file}: check the folder exists and is writable", file=target
        )
    with written_whole(target) as temporary:
        _print_to_pdf(document, invoice, lang, temporary)
        if temporary.stat().st_size == 0:
            raise PhotoflowError(
                "Cannot write {file}: check the folder exists and is writable", file=target
            )
    return target


def _print_to_pdf(
    document: QTextDocument, invoice: InvoiceRecord, lang: str, temporary: Path
) -> None:
    writer = QPdfWriter(str(temporary))
    writer.setResolution(RESOLUTION_DPI)
    writer.setTitle(label(lang, "page_title", number=invoice.number))
    writer.setCreator(invoice.seller.name or "PhotoFlow")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    # QTextDocument lays out in screen pixels and scales to the printer's resolution itself.
    points = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
    scale = _screen_dpi() / 72
    document.setPageSize(QSizeF(points.width() * scale, points.height() * scale))
    document.print_(writer)
    del writer  # closes the file


def _screen_dpi() -> float:
    """The DPI QTextDocument assumes for layout (Qt's default: the primary screen's, else 96)."""
    screen = QGuiApplication.primaryScreen()
    return round(screen.logicalDotsPerInchX()) if screen is not None else 96


def write_invoice_pdf_offscreen(invoice: InvoiceRecord, path: str | Path, lang: str) -> Path:
    """write_invoice_pdf from the command line: starts an offscreen Qt when none runs."""
    application = QGuiApplication.instance()
    if application is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        application = QGuiApplication(["photoflow"])
    return write_invoice_pdf(invoice, path, lang)
