"""The invoice PDF (Qt's QPdfWriter) carries the § 14 UStG fields, in German and English."""

import shutil
import subprocess
from datetime import date

import pytest
from PySide6.QtGui import QImage

from photoflow_desktop.cli import main
from photoflow_desktop.domain import invoices
from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.invoice_records import ItemDraft
from photoflow_desktop.studio import save_studio
from photoflow_desktop.ui.invoices.pdf import write_invoice_pdf
from tests.support.invoices import STUDIO, add_client
from tests.support.screenshots import save_screenshot

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext, pdftoppm) not installed"
)
ITEMS = [
    ItemDraft("Hochzeitsreportage, 8 Stunden", "1", "1200.00", "19"),
    ItemDraft("Fotobuch 30x30", "2", "89.90", "7"),
    ItemDraft("Abzüge 13x18", "3", "33.33", "19"),
]


def pdf_text(path) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return " ".join(result.stdout.split())  # one line: layout spacing does not matter


def issued(items=ITEMS, **kwargs):
    draft = invoices.create_draft(client_id=add_client().id, items=items, **kwargs)
    return invoices.issue_invoice(draft.id, STUDIO, date(2026, 3, 2))


def test_german_pdf_shows_number_amounts_and_both_parties(qapp, db, tmp_path):
    path = write_invoice_pdf(issued(), tmp_path / "2026-0001.pdf", "de")
    text = pdf_text(path)
    for expected in (
        "Rechnung 2026-0001",
        "Rechnungsdatum 02.03.2026",
        "Leistungsdatum 02.03.2026",
        "Zahlbar bis 16.03.2026",
        "Hochzeitsreportage, 8 Stunden",
        "Nettobetrag 7 % 179,80 €",
        "Umsatzsteuer 7 % 12,59 €",
        "Nettobetrag 19 % 1.299,99 €",
        "Umsatzsteuer 19 % 247,00 €",
        "Gesamtbetrag 1.739,38 €",
        "Fotostudio Licht & Schatten",
        "Hauptstraße 1",
        "Steuernummer: 27/123/45678",
        "USt-IdNr.: DE123456789",
        "IBAN DE89 3704 0044 0532 0130 00",
        "Familie Schmidt",
        "Gartenweg 5",
        "Vielen Dank für Ihren Auftrag!",
    ):
        assert expected in text.replace("\u00a0", " "), expected
    image = QImage()
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")],
        check=True,
    )
    assert image.load(str(tmp_path / "p-1.png")) and image.width() > 500
    save_screenshot(image, "invoice-pdf")


def test_english_small_business_pdf_has_the_note_and_no_vat(qapp, db, tmp_path):
    invoice = issued(
        [ItemDraft("Portrait session", "1", "150.00")], tax_profile="de_small_business"
    )
    text = pdf_text(write_invoice_pdf(invoice, tmp_path / "en.pdf", "en")).replace("\u00a0", " ")
    assert "Invoice 2026-0001" in text and "Invoice date 2 March 2026" in text
    assert "Total amount €150.00" in text and "No VAT is charged under § 19 UStG" in text
    assert "VAT 0 %" not in text


def test_cancellation_pdf_names_the_cancelled_invoice(qapp, db, tmp_path):
    original = issued()
    cancellation = invoices.cancel_invoice(original.number, STUDIO, date(2026, 3, 9))
    text = pdf_text(write_invoice_pdf(cancellation, tmp_path / "c.pdf", "de")).replace(
        "\u00a0", " "
    )
    assert "Stornorechnung 2026-0002" in text and "Storno zu Rechnung 2026-0001" in text
    assert "Gesamtbetrag -1.739,38 €" in text


def test_a_draft_cannot_be_printed(qapp, db, tmp_path):
    draft = invoices.create_draft(client_id=add_client().id, items=ITEMS)
    with pytest.raises(ValidationError, match="issue the draft first"):
        write_invoice_pdf(draft, tmp_path / "draft.pdf", "de")
    assert not list(tmp_path.glob("*.pdf*"))


def test_cli_writes_the_pdf(qapp, db, database_url, tmp_path, capsys):
    save_studio(STUDIO)
    number = issued().number
    out = tmp_path / "invoice.pdf"
    args = [
        "--database-url",
        database_url,
        "invoice",
        "pdf",
        number,
        "-o",
        str(out),
        "--lang",
        "en",
    ]
    assert main(args) == 0
    assert "Invoice 2026-0001" in pdf_text(out)
    assert main([*args[:4], "2026-0042", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "no invoice numbered '2026-0042'" in capsys.readouterr().err
    assert main([*args[:5], "-o", str(tmp_path / "missing" / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert "check the folder exists" in err and err.count("\n") == 1
