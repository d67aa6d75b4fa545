"""Finding 8 of issue 14: a German Excel CSV (`;`, `10.12.2026`, UTF-8 with BOM or
Windows-1252) is imported with a column mapping — in the domain and through
`photoflow import FILE --map …` — on both backends; a wrong mapping writes nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from photoflow_desktop.cli import main
from photoflow_desktop.domain import csv_mapping
from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.queries import column_page
from photoflow_desktop.session import open_session
from tests.support.database import task_count

# What Excel (German) writes with "CSV (Trennzeichen-getrennt)": ';', CRLF, local dates.
GERMAN_EXCEL = (
    "Titel;Fällig;Status;Notiz;Erledigt\r\n"
    "Hochzeit Müller-Schmidt;10.12.2026;Entwickelt;Album „Sommer“, 30×40;nein\r\n"
    "Passbilder Jäger;11.12.2026 14:30;;;ja\r\n"
    "Familienfoto Weiß;2026-12-12;Gedruckt;;\r\n"
)
MAPPING = "task=Titel,dueAt=Fällig,status=Status,additional_information=Notiz,is_finished=Erledigt"


def _local_to_utc(*parts) -> datetime:
    return datetime(*parts).astimezone(UTC).replace(tzinfo=None)


@pytest.fixture(params=["utf-8-sig", "cp1252"])
def excel_file(request, tmp_path):
    """The German Excel export, saved as UTF-8 with BOM and as Windows-1252."""
    path = tmp_path / f"auftraege-{request.param}.csv"
    text = GERMAN_EXCEL
    if request.param == "cp1252":
        text = text.replace("×", "x")  # not in Windows-1252
    path.write_bytes(text.encode(request.param))
    return path


def test_detection_reads_delimiter_encoding_and_guesses_the_mapping(excel_file):
    table = csv_mapping.read_table(excel_file.read_bytes())
    assert table.delimiter == ";"
    assert table.encoding in ("UTF-8 (BOM)", "Windows-1252")
    assert table.header == ["Titel", "Fällig", "Status", "Notiz", "Erledigt"]
    assert table.rows[0][0] == "Hochzeit Müller-Schmidt"
    assert csv_mapping.guess_mapping(table.header) == csv_mapping.parse_map_option(MAPPING)


def test_cli_imports_a_german_excel_file_with_a_mapping(capsys, database_url, excel_file):
    code = main(["--database-url", database_url, "import", str(excel_file), "--map", MAPPING])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Imported 3 tasks" in out
    with open_session(database_url):
        todo = column_page("1", include_finished=True)
    by_title = {r.title: r for r in todo}
    wedding = by_title["Hochzeit Müller-Schmidt"]
    assert wedding.due_at == datetime(2026, 12, 10)  # a date alone: UTC midnight, as the web app
    assert wedding.status == "Entwickelt" and wedding.info.startswith("Album „Sommer“, 30")
    assert not wedding.is_finished
    passport = by_title["Passbilder Jäger"]
    assert passport.due_at == _local_to_utc(2026, 12, 11, 14, 30) and passport.is_finished
    assert passport.status == csv_mapping.DEFAULT_STATUS
    assert by_title["Familienfoto Weiß"].due_at == datetime(2026, 12, 12)


def test_a_missing_column_or_bad_date_is_one_line_and_writes_nothing(
    capsys, database_url, tmp_path
):
    path = tmp_path / "bad.csv"
    path.write_bytes(GERMAN_EXCEL.encode("utf-8-sig"))
    code = main(["--database-url", database_url, "import", str(path), "--map", "task=Auftrag"])
    _out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "dueAt" in err
    code = main(
        ["--database-url", database_url, "import", str(path), "--map", "task=Auftrag,dueAt=Fällig"]
    )
    _out, err = capsys.readouterr()
    assert code == 1 and "no column 'Auftrag'" in err
    path.write_bytes((GERMAN_EXCEL + "Kaputt;31.02.2026;;;\r\n").encode("utf-8-sig"))
    code = main(["--database-url", database_url, "import", str(path), "--map", MAPPING])
    _out, err = capsys.readouterr()
    assert code == 1 and "Row 4" in err and "Traceback" not in err
    assert task_count(database_url) == 0


def test_bad_map_option_is_refused():
    with pytest.raises(ValidationError, match="unknown field 'titel'"):
        csv_mapping.parse_map_option("titel=Titel")


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [("a;b;c\n1;2;3\n", ";"), ("a,b\n1,2\n", ","), ("a\tb\tc\n1\t2\t3\n", "\t")],
)
def test_delimiters(text, delimiter):
    assert csv_mapping.detect_delimiter(text) == delimiter
