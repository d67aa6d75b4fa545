"""Print an issued invoice on paper through the system's print dialog.

QtPrintSupport is loaded only when the user prints (start-up stays lean); a Qt without it
(a trimmed build) makes printing say to save a PDF instead.
"""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QDialog

from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.domain.invoice_records import InvoiceRecord
from photoflow_desktop.ui.invoices.pdf import invoice_document


def print_invoice(invoice: InvoiceRecord, lang: str, parent=None) -> bool:
    """Ask for a printer and print; False when the user cancelled."""
    try:
        support = importlib.import_module("PySide6.QtPrintSupport")
    except ImportError:
        raise PhotoflowError(
            "Printing is not available in this build; use Save PDF… and print the file"
        ) from None
    printer = support.QPrinter(support.QPrinter.PrinterMode.HighResolution)
    printer.setDocName(invoice.number or "invoice")
    dialog = support.QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    invoice_document(invoice, lang).print_(printer)
    return True
