"""Client use cases: add, edit, find, delete, and which client an order belongs to."""

from __future__ import annotations

import re

from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import NotFoundError, Phrase, ValidationError
from photoflow_desktop.domain.invoice_models import Client, Invoice, TaskClient
from photoflow_desktop.domain.invoice_records import ClientDraft, ClientRecord
from photoflow_desktop.domain.models import Task
from photoflow_desktop.domain.validation import clean_text

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
CLIENT_FIELDS = ("name", "email", "phone", "address", "tax_id", "notes")


def validate_client(draft: ClientDraft) -> ClientDraft:
    """The draft trimmed, or ValidationError naming the first broken rule."""
    name = clean_text(draft.name, "name", Phrase("Client name"), 200, required=True)
    email = clean_text(draft.email, "email", Phrase("Email"), 254, required=False)
    if email and not _EMAIL.match(email):
        raise ValidationError("Email '{email}' is not an email address", "email", email=email)
    return ClientDraft(
        name=name,
        email=email,
        phone=clean_text(draft.phone, "phone", Phrase("Phone"), 50, required=False),
        address=clean_text(draft.address, "address", Phrase("Address"), 1000, required=False),
        tax_id=clean_text(draft.tax_id, "tax_id", Phrase("Tax id"), 50, required=False),
        notes=clean_text(draft.notes, "notes", Phrase("Notes"), 20_000, required=False),
    )


def to_client_record(row: Client) -> ClientRecord:
    """The value object of a Client row."""
    return ClientRecord(*(getattr(row, name) for name in ("id", *CLIENT_FIELDS)))


def add_client(draft: ClientDraft) -> ClientRecord:
    """Store a new client."""
    draft = validate_client(draft)
    client_id = Client.insert({name: getattr(draft, name) for name in CLIENT_FIELDS}).execute()
    return get_client(client_id)


def update_client(client_id: int, draft: ClientDraft) -> ClientRecord:
    """Change a client's details (issued invoices keep the details they were issued with)."""
    draft = validate_client(draft)
    get_client(client_id)
    Client.update({name: getattr(draft, name) for name in CLIENT_FIELDS}).where(
        Client.id == client_id
    ).execute()
    return get_client(client_id)


def get_client(client_id) -> ClientRecord:
    """The stored client, or NotFoundError."""
    row = Client.get_or_none(Client.id == _client_id(client_id))
    if row is None:
        raise NotFoundError("Client #{client_id} does not exist", client_id=client_id)
    return to_client_record(row)


def _client_id(value) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    if not text.isdigit():
        raise ValidationError("Client id '{text}' is not a number", "client", text=text)
    return int(text)


def list_clients(search: str = "") -> list[ClientRecord]:
    """Clients by name; `search` matches name, email, phone or address (any case, any script)."""
    query = Client.select().order_by(Client.name, Client.id)
    text = clean_text(search, "search", Phrase("Search"), 200, required=False).casefold()
    records = [to_client_record(row) for row in query]
    records.sort(key=lambda client: (client.name.casefold(), client.id))
    if not text:
        return records
    return [
        client
        for client in records
        if any(
            text in value.casefold()
            for value in (client.name, client.email, client.phone, client.address)
        )
    ]


def delete_client(client_id: int) -> None:
    """Delete a client with no invoices (its orders lose the link); else ValidationError."""
    get_client(client_id)
    if Invoice.select().where(Invoice.client == client_id).exists():
        raise ValidationError(
            "Client #{client_id} has invoices and cannot be deleted (invoices must be kept)",
            client_id=client_id,
        )
    with database_proxy.atomic():
        TaskClient.delete().where(TaskClient.client == client_id).execute()
        Client.delete().where(Client.id == client_id).execute()


def set_task_client(task_id: int, client_id: int | None) -> None:
    """Link an order to a client (None: unlink)."""
    if not Task.select().where(Task.id == task_id).exists():
        raise NotFoundError("Order #{task_id} does not exist", task_id=task_id)
    with database_proxy.atomic():
        TaskClient.delete().where(TaskClient.task == task_id).execute()
        if client_id is not None:
            get_client(client_id)
            TaskClient.insert(task=task_id, client=client_id).execute()


def client_of_task(task_id: int) -> ClientRecord | None:
    """The client an order belongs to, or None."""
    row = (
        Client.select()
        .join(TaskClient, on=TaskClient.client == Client.id)
        .where(TaskClient.task == task_id)
        .first()
    )
    return to_client_record(row) if row else None


def client_names_for_tasks(task_ids) -> dict[int, str]:
    """{task id: client name} for the given orders that have a client (the cards show it)."""
    ids = list(task_ids)
    if not ids:
        return {}
    query = (
        TaskClient.select(TaskClient.task, Client.name)
        .join(Client, on=TaskClient.client == Client.id)
        .where(TaskClient.task.in_(ids))
        .tuples()
    )
    return dict(query)


def tasks_of_client(client_id: int) -> list[int]:
    """Ids of the orders linked to a client."""
    query = TaskClient.select(TaskClient.task).where(TaskClient.client == client_id).tuples()
    return sorted(task_id for (task_id,) in query)
