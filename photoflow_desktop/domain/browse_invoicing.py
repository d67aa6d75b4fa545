"""Read-only pages of clients, invoices and payments for the data browser: filter and sort.

Issued invoices are immutable and clients are edited in their own window, so these tables are
only shown. Like `browse`, offset paging over any sort order; the filter is plain text found
(case-insensitively) in the table's text columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import peewee

from photoflow_desktop.domain.browse import BROWSE_PAGE_SIZE
from photoflow_desktop.domain.invoice_models import Client, Invoice, Payment


@dataclass(frozen=True)
class BrowsedRow:
    """One row of a browsed table: its id and the values of the table's columns, in order."""

    id: int
    values: tuple


@dataclass(frozen=True)
class BrowsedTable:
    """What one browsed table shows: columns by name, which of them the filter searches."""

    name: str
    columns: dict[str, peewee.Node]
    searched: tuple[str, ...]

    def query(self) -> peewee.ModelSelect:
        """Every row of the table with its shown columns."""
        if self.name == "payments":
            return Payment.select(*self._selection()).join(Invoice)
        model = Client if self.name == "clients" else Invoice
        return model.select(*self._selection())

    def _selection(self) -> list[peewee.Node]:
        return [column.alias(name) for name, column in self.columns.items()]


TABLES = {
    "clients": BrowsedTable(
        "clients",
        {
            "id": Client.id,
            "name": Client.name,
            "email": Client.email,
            "phone": Client.phone,
            "address": Client.address,
            "tax_id": Client.tax_id,
            "notes": Client.notes,
            "created_at": Client.created_at,
        },
        ("name", "email", "phone", "address", "tax_id", "notes"),
    ),
    "invoices": BrowsedTable(
        "invoices",
        {
            "id": Invoice.id,
            "number": Invoice.number,
            "kind": Invoice.kind,
            "state": Invoice.state,
            "client_name": Invoice.client_name,
            "issue_date": Invoice.issue_date,
            "due_date": Invoice.due_date,
            "total_net": Invoice.total_net,
            "total_vat": Invoice.total_vat,
            "total_gross": Invoice.total_gross,
            "created_at": Invoice.created_at,
        },
        ("number", "kind", "state", "client_name"),
    ),
    "payments": BrowsedTable(
        "payments",
        {
            "id": Payment.id,
            "invoice_number": Invoice.number,
            "paid_on": Payment.paid_on,
            "amount": Payment.amount,
            "method": Payment.method,
            "created_at": Payment.created_at,
        },
        ("invoice_number", "method"),
    ),
}


def _table(name: str) -> BrowsedTable:
    table = TABLES.get(name)
    if table is None:
        raise ValueError(f"Cannot browse the table {name!r}")
    return table


def _filtered(table: BrowsedTable, text: str | None) -> peewee.ModelSelect:
    query = table.query()
    text = (text or "").strip()
    if not text:
        return query
    condition = None
    for name in table.searched:
        found = table.columns[name].contains(text)
        condition = found if condition is None else condition | found
    return query.where(condition)


def invoicing_rows(
    name: str,
    text: str | None = None,
    sort: str = "id",
    descending: bool = False,
    offset: int = 0,
    limit: int = BROWSE_PAGE_SIZE,
) -> list[BrowsedRow]:
    """Up to `limit` rows of table `name` containing `text`, sorted by column `sort`."""
    table = _table(name)
    column = table.columns.get(sort)
    if column is None:
        raise ValueError(f"Cannot sort {name} by {sort!r}")
    key = table.columns["id"]
    order = [column.desc(), key.desc()] if descending else [column.asc(), key.asc()]
    query = _filtered(table, text).order_by(*order).offset(offset).limit(limit)
    return [BrowsedRow(values[0], tuple(values)) for values in query.tuples()]


def invoicing_count(name: str, text: str | None = None) -> int:
    """How many rows of table `name` contain `text`."""
    return _filtered(_table(name), text).count()
