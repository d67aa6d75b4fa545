"""Feed a plain SQL dump to psql so that it commits only when the whole dump has arrived.

`psql --single-transaction --file=-` sends COMMIT at the end of its input — also when that end
comes from a writer that died half-way (the app killed, a cut-off file), committing half a
database. So psql runs without it and the script is wrapped here: BEGIN, the dump, and COMMIT
only after pg_dump's completion line has been streamed. psql reaching the end of its input
without COMMIT ends its session and the server rolls back: whoever dies — the app, psql or the
server — a restore is all-or-nothing.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

from photoflow_desktop.maintenance.backup_files import CHUNK
from photoflow_desktop.maintenance.dump_scan import ends_with_trailer

PSQL_OPTIONS = ["--no-psqlrc", "-v", "ON_ERROR_STOP=1", "--quiet", "--file=-"]


class PlainScript:
    """The SQL psql reads for one plain restore; `complete` once COMMIT was handed over."""

    def __init__(self, path: Path, compressed: bool, clean: bool):
        self.path = path
        self.compressed = compressed
        self.clean = clean
        self.fed = 0  # bytes of the file read so far (for progress)
        self.complete = False

    def chunks(self) -> Iterator[bytes]:
        """BEGIN, the replace preamble if needed, the dump; COMMIT only at pg_dump's own end."""
        yield b"BEGIN;\n" + (b"" if self.clean else replace_preamble())
        tail = b""
        with open(self.path, "rb") as raw:
            stream = gzip.GzipFile(fileobj=raw) if self.compressed else raw
            while chunk := stream.read(CHUNK):
                yield chunk
                tail = (tail + chunk)[-512:]
                self.fed = raw.tell()
        if ends_with_trailer(tail):  # a file cut off (even at a line end) never commits
            self.complete = True
            yield b"\nCOMMIT;\n"


def replace_preamble() -> bytes:
    """SQL run before a dump made without --clean: drop what it will create (same transaction)."""
    from photoflow_desktop.domain.models import OWN_SCHEMA
    from photoflow_desktop.maintenance.reset import PHOTOFLOW_FUNCTIONS, PHOTOFLOW_TABLES

    statements = [f'DROP TABLE IF EXISTS public."{name}" CASCADE;' for name in PHOTOFLOW_TABLES]
    statements.append('DROP TABLE IF EXISTS public."_prisma_migrations" CASCADE;')
    statements.append(f"DROP SCHEMA IF EXISTS {OWN_SCHEMA} CASCADE;")
    statements += [
        f"DROP FUNCTION IF EXISTS public.{name}() CASCADE;" for name in PHOTOFLOW_FUNCTIONS
    ]
    return ("\n".join(statements) + "\n").encode()
