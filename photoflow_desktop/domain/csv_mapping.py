"""Import any spreadsheet's CSV by choosing which column is the title, due date, status, …

A German Excel file (`;` between fields, `10.12.2026` dates, UTF-8 with BOM or Windows-1252)
is read as it comes: the encoding and the delimiter are detected, the person (or
`--map task=Titel,dueAt=Fällig`) says which column holds what, and the rows go through the
regular import (csvio: checked all together, all or nothing).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import UTC, datetime, time

from photoflow_desktop.domain.csvio import import_text
from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.typed_dates import parse_typed_date, parse_typed_datetime

# The fields an order has (the web app's CSV names); the first two are required.
FIELDS = ("task", "dueAt", "status", "additional_information", "is_finished", "taskColumn")
REQUIRED_FIELDS = ("task", "dueAt")
DEFAULT_STATUS = "NichtBearbeitet"  # the web app's first workflow step
DELIMITERS = (";", ",", "\t")
# Header words that usually mean a field (German and English, lower case).
_HINTS = {
    "task": ("task", "titel", "title", "auftrag", "bezeichnung", "name", "kunde"),
    "dueAt": ("dueat", "due", "fällig", "faellig", "termin", "datum", "date", "abgabe"),
    "status": ("status", "stand", "zustand"),
    "additional_information": (
        "additional_information",
        "beschreibung",
        "description",
        "notiz",
        "notes",
        "info",
        "details",
        "bemerkung",
    ),
    "is_finished": ("is_finished", "erledigt", "fertig", "finished", "done"),
    "taskColumn": ("taskcolumn", "spalte", "column"),
}


@dataclass(frozen=True)
class Table:
    """A CSV file as read: its header, rows, and what was detected."""

    header: list[str]
    rows: list[list[str]]
    delimiter: str
    encoding: str


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file and its encoding: UTF-8 (with or without BOM), else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "UTF-8 (BOM)"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def detect_delimiter(text: str) -> str:
    """`;`, `,` or tab: the one that splits the first lines into the same, largest width."""
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    best, best_width = ",", 1
    for delimiter in DELIMITERS:
        widths = {
            len(row) for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
        }
        if len(widths) == 1 and (width := widths.pop()) > best_width:
            best, best_width = delimiter, width
    return best


def read_table(data: bytes) -> Table:
    """Decode, detect the delimiter and split into header and rows (blank lines skipped)."""
    text, encoding = decode(data)
    delimiter = detect_delimiter(text)
    try:
        rows = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if r]
    except csv.Error as exc:
        raise ValidationError("The CSV file cannot be read: {exc}", exc=exc) from None
    if not rows:
        raise ValidationError("The file is empty: it needs a header line and at least one row")
    header = [name.strip() for name in rows[0]]
    return Table(header, rows[1:], delimiter, encoding)


def guess_mapping(header: list[str]) -> dict[str, str]:
    """A first guess at which column holds which field, from the header words."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for field, words in _HINTS.items():
        for name in header:
            if name not in taken and name.strip().casefold() in words:
                mapping[field] = name
                taken.add(name)
                break
    return mapping


def parse_map_option(text: str) -> dict[str, str]:
    """`task=Titel,dueAt=Fällig` → {"task": "Titel", "dueAt": "Fällig"} (ValidationError if bad)."""
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        field, equals, column = part.partition("=")
        if not equals or not column.strip():
            raise ValidationError("--map needs FIELD=COLUMN pairs, not '{part}'", part=part)
        if field.strip() not in FIELDS:
            raise ValidationError(
                "--map: unknown field '{value}' (known: {value2})",
                value=field.strip(),
                value2=", ".join(FIELDS),
            )
        mapping[field.strip()] = column.strip()
    return mapping


def _check_mapping(table: Table, mapping: dict[str, str]) -> dict[str, int]:
    missing = [field for field in REQUIRED_FIELDS if not mapping.get(field)]
    if missing:
        raise ValidationError("Choose the column for: {value}", value=", ".join(missing))
    positions = {}
    for field, column in mapping.items():
        if column not in table.header:
            raise ValidationError(
                "The file has no column '{column}' (it has: {value})",
                column=column,
                value=", ".join(table.header),
            )
        positions[field] = table.header.index(column)
    return positions


def exchange_due(text: str) -> str:
    """A due date as the import reads it: a date alone is UTC midnight (as the web app stores
    it), a date with a time is local time; ISO timestamps pass through."""
    text = text.strip()
    day = parse_typed_date(text)
    if day is not None:
        return datetime.combine(day, time(0, 0)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    local = parse_typed_datetime(text)
    if local is not None:
        utc = local.astimezone(UTC)
        return utc.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return text  # the regular import reads ISO and the web app's forms, or names the row


def mapped_rows(table: Table, mapping: dict[str, str]) -> list[dict]:
    """The table's rows as import records (the web app's field names)."""
    positions = _check_mapping(table, mapping)
    records = []
    for fields in table.rows:
        record = {
            field: fields[position].strip() if position < len(fields) else ""
            for field, position in positions.items()
        }
        record["dueAt"] = exchange_due(record["dueAt"])
        record["status"] = record.get("status") or DEFAULT_STATUS
        record.setdefault("additional_information", "")
        records.append(record)
    return records


def import_mapped(data: bytes, mapping: dict[str, str]) -> int:
    """Import a CSV file's rows with `mapping` (all or nothing); returns how many were added."""
    rows = mapped_rows(read_table(data), mapping)
    return import_text(json.dumps({"tasks": rows}, ensure_ascii=False))
