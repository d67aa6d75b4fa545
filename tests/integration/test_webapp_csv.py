"""CSV both ways with the web app: files written exactly as its export writes them import; our
export is exactly what its import reads (quoted, CRLF, `ID` header, no trailing line break)."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest

from photoflow_desktop.cli import main
from photoflow_desktop.domain import csvio
from photoflow_desktop.domain import db as db_module
from photoflow_desktop.domain.models import Task
from photoflow_desktop.domain.queries import column_page
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.tasks import create_task

HEADER = ["ID", "task", "dueAt", "status", "additional_information", "is_finished", "taskColumn"]


def web_app_export(rows: list[list]) -> str:
    """The web app's taskOverview arrayToCsv: String() each value, double the quotes, quote
    every field, join with commas, rows with CRLF (no trailing line break)."""
    return "\r\n".join(
        ",".join('"' + str(v).replace('"', '""') + '"' for v in row) for row in [HEADER, *rows]
    )


def web_app_import_rows(text: str) -> list[list[str]]:
    """What the web app's import gets: PapaParse without header mode (quoted fields, CRLF),
    first row dropped, the rest read by position."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return rows[1:]


def test_a_file_as_the_web_app_exports_it_imports(db):
    text = web_app_export(
        [
            [
                7,
                'Hochzeit "Schmidt"',
                "Sat Jun 01 2024 02:00:00 GMT+0200 (Mitteleuropäische Sommerzeit)",
                "NichtBearbeitet",
                "Standesamt, 80 Gäste\nDanach Park",
                "false",
                "1",
            ],
            [
                8,
                "Familie Weber",
                "Mon Dec 30 2024 01:00:00 GMT+0100 (Mitteleuropäische Normalzeit)",
                "Gedruckt",
                "",
                "true",
                "3",
            ],
            [
                9,
                "Passbilder",
                "Fri May 31 2024 20:00:00 GMT-0400 (Eastern Daylight Time)",
                "Entwickelt",
                "4 Stück",
                "false",
                "2",
            ],
        ]
    )
    assert csvio.import_text(text) == 3
    imported = {t.id: t for c in "123" for t in column_page(c, include_finished=True)}
    assert imported[7].title == 'Hochzeit "Schmidt"'
    assert imported[7].info == "Standesamt, 80 Gäste\nDanach Park"
    assert imported[7].due_at == datetime(2024, 6, 1) and imported[7].due_is_date_only
    assert imported[8].due_at == datetime(2024, 12, 30) and imported[8].is_finished
    assert imported[9].due_at == datetime(2024, 6, 1)


@pytest.mark.parametrize("due", ["2024-06-01", "2024-06-01T00:00:00.000Z"])
def test_iso_and_plain_dates_import_too(db, due):
    csvio.import_text(web_app_export([["", "Auftrag", due, "Entwickelt", "", "false", "1"]]))
    assert Task.get().due_at == datetime(2024, 6, 1)


def test_our_export_is_what_the_web_apps_import_reads(db):
    create_task(TaskDraft('Hochzeit "Schmidt"', datetime(2024, 6, 1), "NichtBearbeitet", "a,b"))
    create_task(TaskDraft("Familie Weber", datetime(2024, 6, 2, 9, 30), "Gedruckt", "x\ny"))
    text = csvio.export_csv()
    assert text.split("\r\n")[0] == ",".join(f'"{name}"' for name in HEADER)
    assert not text.endswith(("\r\n", "\n")), "a trailing line break is an empty row there"
    rows = web_app_import_rows(text)
    assert len(rows) == 2 and all(len(row) == 7 for row in rows)
    by_title = {row[1]: row for row in rows}
    first = by_title['Hochzeit "Schmidt"']
    assert first[2] == "2024-06-01T00:00:00.000Z"  # new Date(…) reads it as that instant
    assert first[3:] == ["NichtBearbeitet", "a,b", "false", "1"]
    assert by_title["Familie Weber"][4] == "x\ny"
    # Exactly the bytes its own exporter would write for these rows.
    assert text == web_app_export([[int(row[0]), *row[1:]] for row in rows])


def test_export_then_import_round_trips_through_the_web_app_format(db, another_database_url):
    create_task(TaskDraft("Hochzeit", datetime(2024, 6, 1), "NichtBearbeitet", "Kirche"))
    create_task(TaskDraft("Passbilder", datetime(2024, 6, 2, 9, 30, 0, 250000), "Gedruckt"))
    text = csvio.export_csv()
    before = [(t.id, t.title, t.due_at, t.status, t.info) for t in column_page("1")]
    target = db_module.open_database(another_database_url)
    db_module.bind(target)
    try:
        assert csvio.import_text(text) == 2
        after = [(t.id, t.title, t.due_at, t.status, t.info) for t in column_page("1")]
    finally:
        target.close()
    assert after == before


def test_export_file_holds_exactly_the_web_apps_bytes(db, database_url, tmp_path, capsys):
    create_task(TaskDraft("Hochzeit", datetime(2024, 6, 1), "NichtBearbeitet", "Zeile 1\nZeile 2"))
    out = tmp_path / "export.csv"
    assert main(["--database-url", database_url, "export", "--format", "csv", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data == csvio.export_csv().encode("utf-8")
    assert data.count(b"\r\n") == 1 and not data.endswith(b"\n")
