"""The words and number formats printed on an invoice, in German and English.

An invoice's language is the client's, not the app's, so these are fixed per document language
(chosen when printing) rather than following the UI's translation.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from photoflow_desktop.domain.money import to_cents

LABELS = {
    "de": {
        "invoice": "Rechnung",
        "cancellation": "Stornorechnung",
        "number": "Rechnungsnummer",
        "issue_date": "Rechnungsdatum",
        "service_date": "Leistungsdatum",
        "due_date": "Zahlbar bis",
        "cancels": (
            "Storno zu Rechnung {number} – die dort berechneten Beträge werden gutgeschrieben."
        ),
        "position": "Pos.",
        "description": "Beschreibung",
        "quantity": "Menge",
        "unit_price": "Einzelpreis",
        "vat": "USt.",
        "net": "Netto",
        "net_at": "Nettobetrag {rate}\u00a0%",
        "vat_at": "Umsatzsteuer {rate}\u00a0%",
        "net_total": "Summe netto",
        "gross_total": "Gesamtbetrag",
        "tax_number": "Steuernummer",
        "vat_id": "USt-IdNr.",
        "client_tax_id": "USt-IdNr. des Kunden",
        "pay": (
            "Bitte überweisen Sie {amount} bis zum {due} unter Angabe der Rechnungsnummer {number}."
        ),
        "bank": "Bankverbindung",
        "small_business": (
            "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet (Kleinunternehmerregelung)."
        ),
        "page_title": "Rechnung {number}",
    },
    "en": {
        "invoice": "Invoice",
        "cancellation": "Cancellation invoice",
        "number": "Invoice number",
        "issue_date": "Invoice date",
        "service_date": "Date of service",
        "due_date": "Due by",
        "cancels": "Cancels invoice {number} – the amounts charged there are credited.",
        "position": "No.",
        "description": "Description",
        "quantity": "Qty",
        "unit_price": "Unit price",
        "vat": "VAT",
        "net": "Net",
        "net_at": "Net amount {rate}\u00a0%",
        "vat_at": "VAT {rate}\u00a0%",
        "net_total": "Total net",
        "gross_total": "Total amount",
        "tax_number": "Tax number",
        "vat_id": "VAT ID",
        "client_tax_id": "Client's VAT ID",
        "pay": "Please transfer {amount} by {due}, quoting invoice number {number}.",
        "bank": "Bank details",
        "small_business": "No VAT is charged under § 19 UStG (German small business regulation).",
        "page_title": "Invoice {number}",
    },
}


def label(lang: str, key: str, **values) -> str:
    """The text of `key` in `lang` with `values` filled in."""
    return LABELS[lang][key].format(**values)


def format_money(value: Decimal, lang: str) -> str:
    """1234.5 → '1.234,50 €' (de) or '€1,234.50' (en)."""
    amount = to_cents(value)
    sign = "-" if amount < 0 else ""
    grouped = f"{abs(amount):,.2f}"
    if lang == "de":
        grouped = grouped.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return f"{sign}{grouped} €"
    return f"{sign}€{grouped}"


def format_number(value: Decimal, lang: str) -> str:
    """A quantity or rate without needless zeros: 2.000 → '2', 0.500 → '0,5' (de)."""
    text = f"{value.normalize():f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "de" else text


def format_day(value: date | None, lang: str) -> str:
    """'02.03.2026' (de) or '2 March 2026' (en)."""
    if value is None:
        return ""
    if lang == "de":
        return value.strftime("%d.%m.%Y")
    months = "January February March April May June July August September October November December"
    return f"{value.day} {months.split()[value.month - 1]} {value.year}"
