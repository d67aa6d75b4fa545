"""Print an issued invoice on paper through the system's print dialog."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog

from photoflow_desktop.domain.invoice_records import InvoiceRecord
from photoflow_desktop.ui.invoices.pdf import invoice_document


def print_invoice(invoice: InvoiceRecord, lang: str, parent=None) -> bool:
    """Ask for a printer and print; False when the user cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(invoice.number or "invoice")
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    invoice_document(invoice, lang).print_(printer)
    return True
