"""An invoice's status as the studio sees it, derived from what is stored and today's date.

Stored: draft, issued, cancelled. Derived for an issued invoice: paid (payments cover the
gross), overdue (past the due date and not paid), partly_paid, else issued. A cancellation
invoice is shown as "cancellation".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from photoflow_desktop.domain.invoice_models import CANCELLED, DRAFT, KIND_CANCELLATION

STATUSES = ("draft", "issued", "partly_paid", "paid", "overdue", "cancelled", "cancellation")


def derive_status(
    state: str, kind: str, gross: Decimal, paid: Decimal, due: date | None, today: date
) -> str:
    """One of STATUSES."""
    if state == DRAFT:
        return "draft"
    if state == CANCELLED:
        return "cancelled"
    if kind == KIND_CANCELLATION:
        return "cancellation"
    if paid >= gross:
        return "paid"
    if due is not None and today > due:
        return "overdue"
    if paid > 0:
        return "partly_paid"
    return "issued"
