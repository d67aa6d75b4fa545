"""Gapless invoice numbers per year (YYYY-NNNN) from a counter row locked by the issuing
transaction: UPDATE … RETURNING on PostgreSQL (the row lock queues concurrent issuers), BEGIN
IMMEDIATE on SQLite (one writer at a time). A rolled-back issue gives its number back."""

from __future__ import annotations

from photoflow_desktop.domain.db import database_proxy, is_postgres
from photoflow_desktop.domain.invoice_models import InvoiceCounter


def write_transaction():
    """A transaction holding the write lock from its start (SQLite: BEGIN IMMEDIATE)."""
    if is_postgres(database_proxy):
        return database_proxy.atomic()
    return database_proxy.atomic("IMMEDIATE")


def format_number(year: int, sequence: int) -> str:
    """'2026-0001'."""
    return f"{year}-{sequence:04d}"


def take_next_number(year: int) -> str:
    """The next number of `year`; call inside write_transaction() together with the issue."""
    InvoiceCounter.insert(year=year, last_number=0).on_conflict_ignore().execute()
    query = (
        InvoiceCounter.update(last_number=InvoiceCounter.last_number + 1)
        .where(InvoiceCounter.year == year)
        .returning(InvoiceCounter.last_number)
    )
    (row,) = list(query.execute())
    return format_number(year, row.last_number)
