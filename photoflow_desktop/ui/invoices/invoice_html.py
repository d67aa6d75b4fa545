"""An issued invoice as the HTML subset QTextDocument renders (§ 14 UStG fields, de/en)."""

from __future__ import annotations

from html import escape

from photoflow_desktop.domain.invoice_records import InvoiceRecord
from photoflow_desktop.ui.invoices.invoice_labels import (
    format_day,
    format_money,
    format_number,
    label,
)

STYLE = """
body { font-family: 'DejaVu Sans', sans-serif; font-size: 9.5pt; color: #222; }
h1 { font-size: 17pt; font-weight: 600; margin: 0; }
.small { font-size: 7.5pt; color: #666; }
.muted { color: #555; }
th { background-color: #eeeeee; font-weight: 600; text-align: left; }
td.num, th.num { text-align: right; }
.total td { font-weight: 700; border-top: 1px solid #222; }
"""


def _lines(text: str) -> str:
    return "<br>".join(escape(part) for part in text.splitlines() if part.strip())


def _seller_block(invoice: InvoiceRecord, lang: str) -> str:
    seller = invoice.seller
    rows = [f"<b>{escape(seller.name)}</b>", _lines(seller.address)]
    rows += [escape(value) for value in (seller.phone, seller.email) if value]
    if seller.tax_number:
        rows.append(f"{label(lang, 'tax_number')}: {escape(seller.tax_number)}")
    if seller.vat_id:
        rows.append(f"{label(lang, 'vat_id')}: {escape(seller.vat_id)}")
    return "<br>".join(rows)


def _recipient_block(invoice: InvoiceRecord, lang: str) -> str:
    sender = " · ".join(
        escape(part)
        for part in (invoice.seller.name, *invoice.seller.address.splitlines())
        if part.strip()
    )
    rows = [f'<span class="small">{sender}</span>', "", f"<b>{escape(invoice.client_name)}</b>"]
    rows.append(_lines(invoice.client_address))
    if invoice.client_tax_id:
        rows.append(f"{label(lang, 'client_tax_id')}: {escape(invoice.client_tax_id)}")
    return "<br>".join(rows)


def _facts(invoice: InvoiceRecord, lang: str) -> str:
    facts = [
        (label(lang, "number"), invoice.number or ""),
        (label(lang, "issue_date"), format_day(invoice.issue_date, lang)),
        (label(lang, "service_date"), format_day(invoice.service_date, lang)),
    ]
    if invoice.kind == "invoice":
        facts.append((label(lang, "due_date"), format_day(invoice.due_date, lang)))
    return "".join(
        f'<tr><td class="muted">{escape(name)}</td><td class="num">{escape(value)}</td></tr>'
        for name, value in facts
    )


def _items(invoice: InvoiceRecord, lang: str) -> str:
    head = "".join(
        f'<th class="{cls}">{escape(label(lang, key))}</th>'
        for key, cls in (
            ("position", ""),
            ("description", ""),
            ("quantity", "num"),
            ("unit_price", "num"),
            ("vat", "num"),
            ("net", "num"),
        )
    )
    rows = []
    for position, line in enumerate(invoice.lines, start=1):
        quantity = format_number(line.quantity, lang) + (
            f" {escape(line.unit)}" if line.unit else ""
        )
        rows.append(
            f"<tr><td>{position}</td><td>{_lines(line.description)}</td>"
            f'<td class="num">{quantity}</td>'
            f'<td class="num">{format_money(line.unit_price, lang)}</td>'
            f'<td class="num">{format_number(line.vat_rate, lang)}\u00a0%</td>'
            f'<td class="num">{format_money(line.net, lang)}</td></tr>'
        )
    return (
        '<table width="100%" cellspacing="0" cellpadding="4" border="0">'
        f"<tr>{head}</tr>{''.join(rows)}</table>"
    )


def _totals(invoice: InvoiceRecord, lang: str) -> str:
    rows = []
    totals = invoice.totals
    for rate in totals.rates:
        shown = format_number(rate.rate, lang)
        rows.append((label(lang, "net_at", rate=shown), format_money(rate.net, lang)))
        if not invoice.small_business:
            rows.append((label(lang, "vat_at", rate=shown), format_money(rate.vat, lang)))
    if len(totals.rates) > 1:
        rows.append((label(lang, "net_total"), format_money(totals.net, lang)))
    body = "".join(f'<tr><td>{escape(n)}</td><td class="num">{v}</td></tr>' for n, v in rows)
    body += (
        f'<tr class="total"><td><b>{escape(label(lang, "gross_total"))}</b></td>'
        f'<td class="num"><b>{format_money(totals.gross, lang)}</b></td></tr>'
    )
    return (
        '<table align="right" width="55%" cellspacing="0" cellpadding="3" border="0">'
        f"{body}</table>"
    )


def _payment(invoice: InvoiceRecord, lang: str) -> str:
    seller = invoice.seller
    parts = []
    if invoice.kind == "invoice":
        parts.append(
            escape(
                label(
                    lang,
                    "pay",
                    amount=format_money(invoice.totals.gross, lang),
                    due=format_day(invoice.due_date, lang),
                    number=invoice.number,
                )
            )
        )
    bank = ", ".join(
        f"{key} {value}" if key else value
        for key, value in (("", seller.bank), ("IBAN", seller.iban), ("BIC", seller.bic))
        if value
    )
    if bank:
        parts.append(f"{escape(label(lang, 'bank'))}: {escape(bank)}")
    return "<br>".join(parts)


def invoice_html(invoice: InvoiceRecord, lang: str = "de") -> str:
    """The whole invoice as HTML for QTextDocument."""
    title = label(lang, "cancellation" if invoice.kind == "cancellation" else "invoice")
    notes = []
    if invoice.cancels_number:
        notes.append(escape(label(lang, "cancels", number=invoice.cancels_number)))
    if invoice.small_business:
        notes.append(escape(label(lang, "small_business")))
    if invoice.notes and invoice.kind == "invoice":
        notes.append(_lines(invoice.notes))
    footer = _lines(invoice.seller.footer)
    return f"""<html><head><style>{STYLE}</style></head><body>
<table width="100%" cellspacing="0" cellpadding="0"><tr>
<td width="58%" valign="top">{_recipient_block(invoice, lang)}</td>
<td width="42%" valign="top" align="right">{_seller_block(invoice, lang)}</td>
</tr></table>
<p>&nbsp;</p>
<table width="100%" cellspacing="0" cellpadding="0"><tr>
<td valign="bottom"><h1>{escape(title)} {escape(invoice.number or "")}</h1></td>
<td align="right"><table cellspacing="0" cellpadding="2">{_facts(invoice, lang)}</table></td>
</tr></table>
<p>&nbsp;</p>
{_items(invoice, lang)}
<p>&nbsp;</p>
{_totals(invoice, lang)}
<p style="clear: both">&nbsp;</p>
<p>{"<br>".join(notes)}</p>
<p>{_payment(invoice, lang)}</p>
<p class="small">{footer}</p>
</body></html>"""
