"""Peewee models of the order-to-cash tables (ours): clients, price list, tax profiles, invoices.

All derive from OwnModel (schema `photoflow` on PostgreSQL). Money is a ScaledDecimalField:
NUMERIC(12,2) on PostgreSQL, integer cents on SQLite. Migration 007 creates the tables.
"""

from __future__ import annotations

import peewee

from photoflow_desktop.domain.models import OwnModel, Task, utc_now
from photoflow_desktop.domain.money import ScaledDecimalField

# Stored invoice states; "paid", "partly_paid" and "overdue" are derived (invoice_status.py).
DRAFT, ISSUED, CANCELLED = "draft", "issued", "cancelled"
KIND_INVOICE, KIND_CANCELLATION = "invoice", "cancellation"


class Client(OwnModel):
    """A customer of the studio."""

    id = peewee.AutoField()
    name = peewee.TextField()
    email = peewee.TextField(default="")
    phone = peewee.TextField(default="")
    address = peewee.TextField(default="")
    tax_id = peewee.TextField(default="")
    notes = peewee.TextField(default="")
    created_at = peewee.DateTimeField(default=utc_now)

    class Meta:
        table_name = "clients"


class TaskClient(OwnModel):
    """Which client an order belongs to (at most one); "Tasks" itself stays the web app's."""

    task = peewee.ForeignKeyField(
        Task, primary_key=True, column_name="task_id", on_delete="CASCADE"
    )
    client = peewee.ForeignKeyField(Client, column_name="client_id")

    class Meta:
        table_name = "task_clients"


class PriceItem(OwnModel):
    """An entry of the price list (OpenInvoice's Product)."""

    id = peewee.AutoField()
    name = peewee.TextField()
    unit = peewee.TextField(default="")
    unit_price = ScaledDecimalField(places=2)
    vat_rate = ScaledDecimalField(places=2)

    class Meta:
        table_name = "price_list"


class TaxProfile(OwnModel):
    """A VAT regime: 19 %, 7 %, or Kleinunternehmer (§ 19 UStG: no VAT, a required note)."""

    key = peewee.TextField(primary_key=True)
    name = peewee.TextField()
    vat_rate = ScaledDecimalField(places=2)
    small_business = peewee.BooleanField(default=False)
    note = peewee.TextField(default="")
    is_default = peewee.BooleanField(default=False)

    class Meta:
        table_name = "tax_profiles"


class Invoice(OwnModel):
    """An invoice or a cancellation invoice; frozen once issued (a trigger guards it too)."""

    id = peewee.AutoField()
    number = peewee.TextField(null=True, unique=True)
    year = peewee.IntegerField(null=True)
    kind = peewee.TextField(default=KIND_INVOICE)
    state = peewee.TextField(default=DRAFT)
    cancels = peewee.ForeignKeyField(
        "self", null=True, column_name="cancels_id", backref="cancellations"
    )
    client = peewee.ForeignKeyField(Client, column_name="client_id")
    task = peewee.ForeignKeyField(Task, null=True, column_name="task_id", on_delete="SET NULL")
    tax_profile = peewee.ForeignKeyField(TaxProfile, column_name="tax_profile")
    small_business = peewee.BooleanField(default=False)
    tax_note = peewee.TextField(default="")
    issue_date = peewee.DateField(null=True)
    service_date = peewee.DateField(null=True)
    due_date = peewee.DateField(null=True)
    payment_days = peewee.IntegerField(default=14)
    client_name = peewee.TextField(default="")
    client_address = peewee.TextField(default="")
    client_tax_id = peewee.TextField(default="")
    seller = peewee.TextField(default="")
    notes = peewee.TextField(default="")
    total_net = ScaledDecimalField(places=2, default=0)
    total_vat = ScaledDecimalField(places=2, default=0)
    total_gross = ScaledDecimalField(places=2, default=0)
    created_at = peewee.DateTimeField(default=utc_now)
    issued_at = peewee.DateTimeField(null=True)
    cancelled_at = peewee.DateTimeField(null=True)

    class Meta:
        table_name = "invoices"


class InvoiceItem(OwnModel):
    """One line of an invoice: quantity × unit price at a VAT rate."""

    id = peewee.AutoField()
    invoice = peewee.ForeignKeyField(
        Invoice, column_name="invoice_id", on_delete="CASCADE", backref="items"
    )
    position = peewee.IntegerField()
    description = peewee.TextField()
    quantity = ScaledDecimalField(places=3)
    unit = peewee.TextField(default="")
    unit_price = ScaledDecimalField(places=2)
    vat_rate = ScaledDecimalField(places=2)

    class Meta:
        table_name = "invoice_items"


class Payment(OwnModel):
    """Money received for an issued invoice."""

    id = peewee.AutoField()
    invoice = peewee.ForeignKeyField(Invoice, column_name="invoice_id", backref="payments")
    paid_on = peewee.DateField()
    amount = ScaledDecimalField(places=2)
    method = peewee.TextField(default="")
    created_at = peewee.DateTimeField(default=utc_now)

    class Meta:
        table_name = "payments"


class InvoiceCounter(OwnModel):
    """The last invoice number given in a year (one row per year; gapless numbering)."""

    year = peewee.IntegerField(primary_key=True)
    last_number = peewee.IntegerField(default=0)

    class Meta:
        table_name = "invoice_counters"
