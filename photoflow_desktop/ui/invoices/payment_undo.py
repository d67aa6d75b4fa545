"""Recording a payment as an undoable command (not a legal act: Ctrl+Z takes it back)."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

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
