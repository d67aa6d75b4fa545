"""Read a plain pg_dump SQL script by its structure, line by line, the way psql will.

What a dump holds is judged from pg_dump's own layout, never from a substring anywhere (the
data itself may contain any text, e.g. `DROP TABLE IF EXISTS` in a comment):
- COPY … FROM stdin blocks (up to `\\.`) are data and are skipped;
- a dump made with `--clean` has its DROP statements before the first table-of-contents
  comment (`-- Name: …; Type: …`);
- CREATE TABLE statements give each table's columns (checked by schema_check);
- BEGIN/COMMIT/\\connect outside data would end the restore's one transaction early.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from photoflow_desktop.domain.errors import Phrase
from photoflow_desktop.maintenance.base import Cancelled

PLAIN_HEADER = b"--\n-- PostgreSQL database dump"
PLAIN_TRAILER = b"-- PostgreSQL database dump complete"
_CREATE_TABLE = re.compile(rb'^CREATE (?:UNLOGGED )?TABLE (?:"?public"?\.)?"?([^"\s(]+)"? \($')
_TRANSACTION_CONTROL = re.compile(
    rb"^(?:(?:BEGIN|COMMIT|ROLLBACK|END|START TRANSACTION|ABORT)\b|\\c(?:onnect)?\b)", re.I
)
_FUNCTION_BODY = re.compile(rb"\bAS (\$[A-Za-z_]*\$)")  # pg_dump's `    AS $$` / `AS $_$`
_COLUMN = re.compile(rb'^\s+"?([^"\s]+)"?\s')


@dataclass
class DumpScan:
    """What the scan found: header, completion line, clean drops, tables and their columns."""

    header: bool = False
    complete: bool = False
    clean: bool = False
    bytes: int = 0
    tables: dict[str, set[str]] = field(default_factory=dict)
    own_transactions: bool = False  # BEGIN/COMMIT/\connect outside data: not all-or-nothing


def scan_dump(lines, progress=None, total: int = 0, should_cancel=None) -> DumpScan:
    """Scan an iterable of byte lines (a binary file, or pg_restore --schema-only output)."""
    scan = DumpScan()
    in_copy = False
    seen_toc = False
    table: str | None = None
    dollar: bytes | None = None  # the open $tag$ of a function body, if any
    tail = b""
    for number, line in enumerate(lines):
        if number < 2:
            scan.header = (tail + line).startswith(PLAIN_HEADER[: len(tail + line)])
        scan.bytes += len(line)
        tail = (tail + line)[-512:]
        if in_copy:
            in_copy = line.rstrip(b"\r\n") != b"\\."
        elif dollar is not None:  # inside a function body: not statements of the dump
            dollar = None if dollar in line else dollar
        elif match := _FUNCTION_BODY.search(line):
            dollar = None if match[1] in line[match.end() :] else match[1]
        elif table is not None:
            if line.startswith(b")"):
                table = None
            elif (match := _COLUMN.match(line)) and match[1] != b"CONSTRAINT":
                scan.tables[table].add(match[1].decode("utf-8", "replace"))
        elif line.startswith(b"COPY ") and line.rstrip().endswith(b"FROM stdin;"):
            in_copy = True
        elif _TRANSACTION_CONTROL.match(line):
            scan.own_transactions = True
        elif line.startswith(b"-- Name: "):
            seen_toc = True
        elif line.startswith(b"DROP ") and not seen_toc:
            scan.clean = True
        elif match := _CREATE_TABLE.match(line.rstrip(b"\r\n")):
            table = match[1].decode("utf-8", "replace")
            scan.tables[table] = set()
        if number % 4096 == 0:
            if should_cancel and should_cancel():
                raise Cancelled("Verification stopped")
            if progress:
                progress(
                    min(scan.bytes, total) if total else scan.bytes,
                    total,
                    Phrase("Reading the dump"),
                )
    scan.complete = ends_with_trailer(tail)
    return scan


def ends_with_trailer(tail: bytes) -> bool:
    """pg_dump's completion comment, followed only by comment dashes and `\\unrestrict KEY`."""
    index = tail.rfind(PLAIN_TRAILER)
    if index < 0:
        return False
    rest = tail[index + len(PLAIN_TRAILER) :].splitlines()
    return all(line.strip() in (b"", b"--") or line.startswith(b"\\unrestrict ") for line in rest)
