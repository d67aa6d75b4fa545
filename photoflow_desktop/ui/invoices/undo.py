"""Undoable invoice edits — the ones that are no legal act: booking a payment, deleting a draft.
(Issuing and cancelling are never undone; the window asks before them.)"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from photoflow_desktop.domain.invoice_queries import get_invoice
from photoflow_desktop.domain.invoice_records import InvoiceRecord, ItemDraft
from photoflow_desktop.domain.invoices import create_draft, delete_draft
from photoflow_desktop.domain.payments import delete_payment, record_payment


class RecordPaymentCommand(QUndoCommand):
    """redo books the payment, undo deletes it again; both run as jobs of `window`."""

    def __init__(self, window, invoice_id: int, number: str, amount, day, method: str):
        super().__init__(window.tr("Record payment for %1").replace("%1", number))
        self.window = window
        self.invoice_id = invoice_id
        self.number, self.amount, self.day, self.method = number, amount, day, method
        self.payment_id: int | None = None

    def redo(self) -> None:
        """Book the payment."""

        def book():
            payment = record_payment(self.number, self.amount, self.day, self.method)
            self.payment_id = payment.id
            return payment

        self.window.run_write(book, self.invoice_id)

    def undo(self) -> None:
        """Delete the booked payment."""
        if self.payment_id is not None:
            payment_id, self.payment_id = self.payment_id, None
            self.window.run_write(lambda: delete_payment(payment_id), self.invoice_id)


class DeleteDraftCommand(QUndoCommand):
    """redo deletes the draft, undo writes it again (same client, order, lines; a new id)."""

    def __init__(self, window, draft: InvoiceRecord):
        super().__init__(window.tr("Delete draft"))
        self.window = window
        self.draft_id = draft.id
        self.kept: InvoiceRecord | None = None

    def redo(self) -> None:
        """Remember the draft with its lines, then delete it."""

        def remove():
            self.kept = get_invoice(self.draft_id)
            delete_draft(self.draft_id)

        self.window.run_write(remove)

    def undo(self) -> None:
        """Write the remembered draft again."""
        kept = self.kept
        if kept is None:
            return

        def restore():
            items = [
                ItemDraft(
                    line.description, line.quantity, line.unit_price, line.vat_rate, line.unit
                )
                for line in kept.lines
            ]
            again = create_draft(
                client_id=kept.client_id,
                task_id=kept.task_id,
                items=items,
                tax_profile=kept.tax_profile,
                notes=kept.notes,
                service_date=kept.service_date,
            )
            self.draft_id = again.id
            return again

        self.window.run_write(restore)
