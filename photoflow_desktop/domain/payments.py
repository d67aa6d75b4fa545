"""Payments received for issued invoices: record one, list them, take back a mistaken one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from photoflow_desktop.domain.errors import NotFoundError, Phrase, ValidationError
from photoflow_desktop.domain.invoice_models import ISSUED, KIND_INVOICE, Invoice, Payment
from photoflow_desktop.domain.invoice_numbers import write_transaction
from photoflow_desktop.domain.invoice_queries import invoice_id_for_number, paid_sums
from photoflow_desktop.domain.money import ZERO, format_amount, parse_money
from photoflow_desktop.domain.validation import clean_text


@dataclass(frozen=True)
class PaymentRecord:
    """One payment."""

    id: int
    invoice_id: int
    paid_on: date
    amount: Decimal
    method: str


def record_payment(
    number: str, amount, paid_on: date | None = None, method: str = ""
) -> PaymentRecord:
    """Book `amount` (> 0, at most the open amount) against the issued invoice `number`."""
    amount = parse_money(amount, Phrase("Amount"), "amount")
    if amount <= 0:
        raise ValidationError("Amount must be more than 0.00", "amount")
    method = clean_text(method, "method", Phrase("Payment method"), 100, required=False)
    paid_on = paid_on or date.today()
    if not isinstance(paid_on, date):
        raise ValidationError("Payment date must be a date", "paid_on")
    with write_transaction():
        invoice = Invoice.get_by_id(invoice_id_for_number(number))
        if invoice.kind != KIND_INVOICE:
            raise ValidationError(
                "{number} is a cancellation invoice: nothing to pay", number=invoice.number
            )
        if invoice.state != ISSUED:
            raise ValidationError(
                "Invoice {value} is {state}: no payment can be recorded",
                value=invoice.number or "#" + str(invoice.id),
                state=invoice.state,
            )
        open_amount = invoice.total_gross - paid_sums([invoice.id]).get(invoice.id, ZERO)
        if amount > open_amount:
            raise ValidationError(
                "Payment of {value} is more than the open amount {value2} of invoice {number}",
                "amount",
                value=format_amount(amount),
                value2=format_amount(open_amount),
                number=invoice.number,
            )
        payment_id = Payment.insert(
            invoice=invoice.id, paid_on=paid_on, amount=amount, method=method
        ).execute()
    return PaymentRecord(payment_id, invoice.id, paid_on, amount, method)


def payments_of(invoice_id: int) -> list[PaymentRecord]:
    """The invoice's payments, oldest first."""
    rows = (
        Payment.select().where(Payment.invoice == invoice_id).order_by(Payment.paid_on, Payment.id)
    )
    return [PaymentRecord(r.id, r.invoice_id, r.paid_on, r.amount, r.method) for r in rows]


def delete_payment(payment_id: int) -> None:
    """Take back a payment booked by mistake (the undo of record_payment)."""
    if Payment.delete().where(Payment.id == payment_id).execute() != 1:
        raise NotFoundError("Payment #{payment_id} does not exist", payment_id=payment_id)
