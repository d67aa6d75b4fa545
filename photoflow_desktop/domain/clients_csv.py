"""Clients as CSV (name, email, phone, address, tax_id, notes): export; import all or nothing."""

from __future__ import annotations

import csv
import io

from photoflow_desktop.domain.clients import CLIENT_FIELDS, list_clients, validate_client
from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.invoice_models import Client
from photoflow_desktop.domain.invoice_records import ClientDraft

MAX_ROWS = 100_000


def export_clients_csv() -> str:
    """Every client, one row each, with a header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CLIENT_FIELDS)
    for client in list_clients():
        writer.writerow([getattr(client, name) for name in CLIENT_FIELDS])
    return out.getvalue()


def import_clients_csv(text: str) -> int:
    """Add the file's clients; one bad row → ValidationError naming it and nothing is written."""
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in (reader.fieldnames or [])]
    if "name" not in header:
        raise ValidationError("The client CSV needs a header row with at least a 'name' column")
    unknown = [name for name in header if name not in CLIENT_FIELDS]
    if unknown:
        raise ValidationError(
            "Unknown column(s) {value}; use {value2}",
            value=", ".join(unknown),
            value2=", ".join(CLIENT_FIELDS),
        )
    reader.fieldnames = header
    drafts = []
    for number, row in enumerate(reader, start=2):
        if number > MAX_ROWS:
            raise ValidationError("The file has more than {MAX_ROWS:,} clients", MAX_ROWS=MAX_ROWS)
        if None in row:
            raise ValidationError("Row {number}: more fields than the header names", number=number)
        values = {name: (row.get(name) or "") for name in CLIENT_FIELDS}
        try:
            drafts.append(validate_client(ClientDraft(**values)))
        except ValidationError as exc:
            raise ValidationError(
                "Row {number}: {exc}", exc.field, number=number, exc=exc
            ) from None
    with database_proxy.atomic():
        for draft in drafts:
            Client.insert({name: getattr(draft, name) for name in CLIENT_FIELDS}).execute()
    return len(drafts)
