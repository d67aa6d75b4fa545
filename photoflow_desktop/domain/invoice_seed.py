"""Sample clients and invoices in every state for the seeded board (`photoflow db seed`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from photoflow_desktop.domain.clients import add_client, set_task_client
from photoflow_desktop.domain.invoice_models import Invoice
from photoflow_desktop.domain.invoice_records import ClientDraft, ItemDraft, StudioDetails
from photoflow_desktop.domain.invoices import cancel_invoice, create_draft, issue_invoice
from photoflow_desktop.domain.models import Task
from photoflow_desktop.domain.payments import record_payment
from photoflow_desktop.domain.price_list import add_price
from photoflow_desktop.domain.seed_german import in_language

SAMPLE_STUDIO = StudioDetails(
    name="Fotostudio Beispiel",
    address="Musterstraße 12\n10115 Berlin",
    tax_number="27/123/45678",
    email="studio@example.com",
    bank="Beispielbank",
    iban="DE02 1203 0000 0000 2020 51",
    footer="Sample data created by photoflow db seed",
)

SAMPLE_CLIENTS = [
    ClientDraft("Smith Family", "smith@example.com", "030 111111", "Lindenallee 4\n10117 Berlin"),
    ClientDraft("Rossi Family", "rossi@example.com", "", "Via Roma 8\n80331 München"),
    ClientDraft(
        "Restaurant Lindenhof", "info@lindenhof.example", "+49 30 2222222",
        "Am Markt 1\n14467 Potsdam", tax_id="DE811234567",
    ),
    ClientDraft("Theatre Ensemble", "office@ensemble.example", "", "Bühnenweg 3\n10178 Berlin"),
]  # fmt: skip

SAMPLE_PRICES = [
    ("Portrait session (1 hour)", "189.00", "19", "session"),
    ("Wedding reportage (per hour)", "150.00", "19", "hour"),
    ("Fine art print 30x40", "49.00", "7", "piece"),
    ("Photo book 30x30", "89.90", "7", "piece"),
]

# The German seed's clients, prices and lines (order titles: seed_german.GERMAN).
GERMAN_INVOICING = {
    "Smith Family": "Familie Schmidt",
    "Rossi Family": "Familie Rossi",
    "Theatre Ensemble": "Theaterensemble Bühnenlicht",
    "Portrait session (1 hour)": "Porträtsitzung (1 Stunde)",
    "Wedding reportage (per hour)": "Hochzeitsreportage (je Stunde)",
    "Fine art print 30x40": "Fine-Art-Druck 30x40",
    "Photo book 30x30": "Fotobuch 30x30",
    "session": "Sitzung",
    "hour": "Stunde",
    "piece": "Stück",
    "Wedding reportage": "Hochzeitsreportage",
    "Menu shoot, 18 dishes": "Speisekarten-Shooting, 18 Gerichte",
    "Engagement shoot": "Verlobungsshooting",
    "Headshots": "Porträtfotos",
    "Deposit wedding reportage": "Anzahlung Hochzeitsreportage",
    "Sample data created by photoflow db seed": "Beispieldaten, angelegt von photoflow db seed",
    "transfer": "Überweisung",
    "cash": "bar",
}

# (client index, order title or None, lines, days ago issued or None for a draft, fate)
SAMPLE_INVOICES = [
    (1, "Wedding Photography - Rossi", [("Wedding reportage", "8", "150.00", "19"),
                                        ("Photo book 30x30", "1", "89.90", "7")], 40, "paid"),
    (2, "Food Photography - Restaurant Lindenhof", [("Menu shoot, 18 dishes", "1", "890.00", "19")],
     30, "overdue"),
    (0, None, [("Engagement shoot", "1", "189.00", "19")], 12, "cancelled"),
    (3, None, [("Headshots", "16", "45.00", "19")], 8, "partly_paid"),
    (0, "Wedding Photography - Smith Family", [("Deposit wedding reportage", "1", "500.00", "19")],
     5, "issued"),
    (0, "Wedding Photography - Smith Family", [("Wedding reportage", "10", "150.00", "19"),
                                               ("Fine art print 30x40", "4", "49.00", "7")], None,
     "draft"),
]  # fmt: skip


def _task_id(title: str | None) -> int | None:
    if title is None:
        return None
    return Task.select(Task.id).where(Task.task == title).order_by(Task.id.desc()).scalar()


def _in(text: str, language: str) -> str:
    """A sample text in `language` ('de': German, else the English source)."""
    if language != "de":
        return text
    return GERMAN_INVOICING.get(text) or in_language(text, language)


def seed_invoices(today: date | None = None, language: str = "en") -> int:
    """Add the sample clients, price list and invoices (call inside the seed's transaction)."""
    today = today or date.today()
    studio = replace(SAMPLE_STUDIO, footer=_in(SAMPLE_STUDIO.footer, language))
    clients = [
        add_client(replace(draft, name=_in(draft.name, language))) for draft in SAMPLE_CLIENTS
    ]
    for name, price, rate, unit in SAMPLE_PRICES:
        add_price(_in(name, language), price, rate, _in(unit, language))
    for client_index, title, lines, days_ago, fate in SAMPLE_INVOICES:
        client = clients[client_index]
        task_id = _task_id(title and in_language(title, language))
        if task_id is not None:
            set_task_client(task_id, client.id)
        items = [ItemDraft(_in(line[0], language), *line[1:]) for line in lines]
        draft = create_draft(client_id=client.id, task_id=task_id, items=items)
        if days_ago is None:
            continue
        issued = issue_invoice(draft.id, studio, today - timedelta(days=days_ago))
        paid_on = today - timedelta(days=max(days_ago - 7, 0))
        if fate == "paid":
            record_payment(issued.number, issued.totals.gross, paid_on, _in("transfer", language))
        elif fate == "partly_paid":
            record_payment(issued.number, "300.00", paid_on, _in("cash", language))
        elif fate == "cancelled":
            cancel_invoice(issued.number, studio, today - timedelta(days=days_ago - 2))
    return Invoice.select().count()
