"""Is a PostgreSQL backup complete, restorable and PhotoFlow's? (plain, gzip and custom dumps)

A plain dump is read line by line by dump_scan (pg_dump's header, its completion line, its
structure); a custom archive by pg_restore (its table of contents, its schema as SQL, and a
full read that finds a cut-off file). Both must hold PhotoFlow's (or the web app's) tables
with their columns (schema_check).
"""

from __future__ import annotations

import gzip
import os
import zlib
from pathlib import Path

from photoflow_desktop.domain.errors import DatabaseConnectionError, Message, Phrase
from photoflow_desktop.maintenance import pg_runner
from photoflow_desktop.maintenance.base import BackupFormat, VerifyResult
from photoflow_desktop.maintenance.dump_scan import scan_dump
from photoflow_desktop.maintenance.schema_check import schema_problem

NOT_CLEAN_NOTE = "made without --clean: restore replaces PhotoFlow's tables first"


def verify_plain(path: Path, fmt: BackupFormat, progress=None, should_cancel=None) -> VerifyResult:
    """Check a plain (or gzip-compressed) SQL dump."""
    size = path.stat().st_size if fmt is BackupFormat.PLAIN else 0
    try:
        opener = gzip.open if fmt is BackupFormat.GZIP else open
        with opener(path, "rb") as stream:
            scan = scan_dump(stream, progress, size, should_cancel)
    except (OSError, EOFError, zlib.error):
        return VerifyResult(False, fmt, Phrase("The compressed backup is truncated or damaged"))
    if not scan.header:
        return VerifyResult(False, fmt, Phrase("This file is not a pg_dump SQL backup"))
    if not scan.complete:
        return VerifyResult(
            False,
            fmt,
            Phrase(
                "The dump is incomplete: pg_dump's completion line is missing (the file was cut "
                "off)"
            ),
        )
    problem = schema_problem(scan.tables)
    if problem:
        return VerifyResult(False, fmt, problem)
    if scan.own_transactions:
        return VerifyResult(
            False,
            fmt,
            Phrase(
                "This SQL file runs its own transactions (BEGIN/COMMIT or \\connect), so it cannot "
                "be restored all-or-nothing; make the backup with pg_dump or `photoflow db backup`"
            ),
        )
    details = [f"{scan.bytes} bytes of SQL"]
    if not scan.clean:
        details.append(NOT_CLEAN_NOTE)
    return VerifyResult(True, fmt, Phrase("The dump is complete"), details)


def verify_custom(backend, path: Path) -> VerifyResult:
    """Check a pg_dump custom archive with pg_restore (`backend`: a PostgresMaintenance)."""
    try:
        tool = pg_runner.require_tool("pg_restore", backend.server_major())
    except DatabaseConnectionError:  # the server is down: any pg_restore can read a file
        tool = pg_runner.require_tool("pg_restore", 0)
    secret = backend.params.password
    env = backend._env()
    listing = pg_runner.run_tool(
        [tool.path, "--list", str(path)],
        env,
        secret=secret,
        stdout_sink=(toc := bytearray()).extend,
    )
    if listing.returncode != 0:
        return _bad(
            Message(
                "The archive's table of contents is unreadable: {problem}",
                problem=backend._fail_text(listing),
            )
        )
    entries = [
        line
        for line in toc.decode("utf-8", "replace").splitlines()
        if line and not line.startswith(";")
    ]
    schema_sql = bytearray()
    schema = pg_runner.run_tool(
        [tool.path, "--schema-only", "--file=-", str(path)],
        env,
        secret=secret,
        stdout_sink=schema_sql.extend,
    )
    if schema.returncode != 0:
        return _bad(
            Message(
                "The archive's schema is unreadable: {problem}", problem=backend._fail_text(schema)
            )
        )
    problem = schema_problem(scan_dump(bytes(schema_sql).splitlines(keepends=True)).tables)
    if problem:
        return _bad(problem)
    # --list reads only the table of contents; reading the whole archive finds a cut-off file.
    full = pg_runner.run_tool([tool.path, f"--file={os.devnull}", str(path)], env, secret=secret)
    if full.returncode != 0:
        return _bad(
            Message(
                "The archive is truncated or damaged: {problem}", problem=backend._fail_text(full)
            )
        )
    return VerifyResult(
        True,
        BackupFormat.CUSTOM,
        Message("The archive is complete ({count:,} entries)", count=len(entries)),
        entries,
    )


def _bad(message: str) -> VerifyResult:
    return VerifyResult(False, BackupFormat.CUSTOM, message)
