"""PostgreSQL maintenance: pg_dump backups, verify, atomic psql/pg_restore restore, VACUUM, health.

Dumps are made with `--clean --if-exists` so replaying one replaces the data; a restore runs in
one transaction (psql over a script that commits only at the dump's verified end — see
plain_replay —, pg_restore --single-transaction --exit-on-error), so a failure or a kill half-way
leaves the database exactly as it was.
"""

from __future__ import annotations

import collections
import contextlib
import gzip
import os
import threading
import time
import uuid
from pathlib import Path

import psycopg2
from psycopg2 import sql

from photoflow_desktop.domain.changes import reload_notification
from photoflow_desktop.domain.db import describe_connection_error, postgres_params
from photoflow_desktop.domain.errors import DatabaseConnectionError, Message, Phrase
from photoflow_desktop.domain.pooler import detect_pooler, session_refusal
from photoflow_desktop.maintenance import pg_runner
from photoflow_desktop.maintenance.backup_files import (
    atomic_output,
    sniff,
    target_path,
    write_failure,
)
from photoflow_desktop.maintenance.backups import backup_dir
from photoflow_desktop.maintenance.base import (
    BackupError,
    BackupFormat,
    BackupResult,
    Cancelled,
    HealthReport,
    MaintenanceBackend,
    MaintenanceError,
    OptimizeError,
    OptimizeOperation,
    OptimizeResult,
    RestoreError,
    RestoreResult,
    TestRestoreResult,
    VerifyResult,
    compare_row_counts,
)
from photoflow_desktop.maintenance.pg_health import postgres_health, table_key
from photoflow_desktop.maintenance.pg_verify import verify_custom, verify_plain
from photoflow_desktop.maintenance.plain_replay import PSQL_OPTIONS, PlainScript
from photoflow_desktop.partial_files import tag

DUMP_OPTIONS = ["--clean", "--if-exists", "--no-owner", "--no-privileges"]
RESTORE_LOCK_TIMEOUT = "-c lock_timeout=30s"
OPTIMIZE_SQL = {
    OptimizeOperation.VACUUM: "VACUUM (VERBOSE)",
    OptimizeOperation.ANALYZE: "ANALYZE (VERBOSE)",
    OptimizeOperation.VACUUM_ANALYZE: "VACUUM (VERBOSE, ANALYZE)",
    OptimizeOperation.VACUUM_FULL: "VACUUM (FULL, VERBOSE)",
}
USER_TABLES = (
    "SELECT schemaname, tablename FROM pg_tables "
    "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
)


class PostgresMaintenance(MaintenanceBackend):
    """Maintenance of a PostgreSQL database through pg_dump/psql/pg_restore and catalog queries."""

    name = "postgresql"
    label = "PostgreSQL"
    formats = (BackupFormat.CUSTOM, BackupFormat.GZIP, BackupFormat.PLAIN)
    optimize_operations = tuple(OPTIMIZE_SQL)

    def __init__(self, url: str, database=None, direct_url: str | None = None):
        super().__init__(direct_url or url, database)  # sessions go to the direct URL
        self.params = postgres_params(self.url)
        self.has_direct_url = direct_url is not None

    def _require_session(self, operation: str) -> None:
        """Refuse `operation` (one line naming DIRECT_URL) behind a pooler without a direct URL."""
        if self.has_direct_url:
            return
        info = detect_pooler(self.params)
        if info.pooler:
            raise MaintenanceError(session_refusal(operation, info, self.params))

    @property
    def display_name(self) -> str:
        """'photoflow on host:5432'."""
        return f"{self.params.dbname} on {self.params.host}:{self.params.port}"

    # --- connections and tools ------------------------------------------------------------

    def _connect(self, dbname: str | None = None):
        """A new autocommit psycopg2 connection (to `dbname`, default the configured one)."""
        kwargs = self.params.connect_kwargs(connect_timeout="10")
        kwargs["application_name"] = "PhotoFlow Desktop maintenance"
        kwargs["dbname"] = dbname or self.params.dbname
        try:
            connection = psycopg2.connect(**kwargs)
        except psycopg2.Error as exc:
            raise DatabaseConnectionError(describe_connection_error(exc, self.url)) from None
        connection.autocommit = True
        return connection

    def _query(self, statement: str, args=None, dbname: str | None = None) -> list[tuple]:
        connection = self._connect(dbname)
        try:
            with connection.cursor() as cursor:
                cursor.execute(statement, args)
                return cursor.fetchall()
        finally:
            connection.close()

    def server_major(self) -> int:
        """The server's major version (15 for 15.4)."""
        return int(self._query("SHOW server_version_num")[0][0]) // 10000

    def _env(self, dbname: str | None = None, extra: dict | None = None) -> dict[str, str]:
        libpq = self.params.libpq_env()
        if dbname:
            libpq["PGDATABASE"] = dbname
        return pg_runner.child_env(libpq, extra)

    def _fail_text(self, run: pg_runner.ToolRun) -> str:
        return (
            pg_runner.mask(run.last_lines(), self.params.password) or f"exit code {run.returncode}"
        )

    # --- backup ---------------------------------------------------------------------------

    def backup(
        self, destination=None, format=None, progress=None, should_cancel=None, prefix="backup"
    ) -> BackupResult:
        """pg_dump into a temporary file next to the target, verify it, rename it into place."""
        fmt = self._backup_format(format)
        self._require_session(Phrase("A backup"))
        started = time.monotonic()
        total = self.database_size()
        tool = pg_runner.require_tool("pg_dump", self.server_major())
        final = target_path(destination, fmt, prefix)
        argv = [tool.path, f"--format={'custom' if fmt is BackupFormat.CUSTOM else 'plain'}"]
        argv += DUMP_OPTIONS
        with atomic_output(final) as temporary:
            written = [0]
            with open(temporary, "wb") as raw:
                sink = (
                    gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6)
                    if fmt is BackupFormat.GZIP
                    else raw
                )

                def write(chunk: bytes) -> None:
                    sink.write(chunk)
                    written[0] += len(chunk)

                def tick() -> None:
                    if progress:
                        progress(min(written[0], total), total, Phrase("Writing the backup"))

                try:
                    run = pg_runner.run_tool(
                        argv,
                        self._env(),
                        secret=self.params.password,
                        stdout_sink=write,
                        on_tick=tick,
                        should_cancel=should_cancel,
                        cancel_text="Backup stopped; the partial file was deleted",
                    )
                    if sink is not raw:
                        sink.close()
                    raw.flush()
                    os.fsync(raw.fileno())
                except OSError as exc:  # disk full, folder removed, …
                    raise BackupError(
                        "Writing the backup to {folder} failed: {problem}",
                        folder=final.parent,
                        problem=write_failure(exc),
                    ) from None
            if run.returncode != 0:
                raise BackupError("pg_dump failed: {problem}", problem=self._fail_text(run))
            if progress:
                progress(total, total, Phrase("Verifying the backup"))
            verified = self._verified_backup(temporary, should_cancel)
        if progress:
            progress(total, total, Phrase("Backup written and verified"))
        return self._backup_result(final, fmt, verified, started)

    # --- verify ---------------------------------------------------------------------------

    def verify(self, path, progress=None, should_cancel=None) -> VerifyResult:
        """Detect the format from the content and check the dump is complete."""
        path = Path(path)
        fmt, reason = sniff(path)
        if fmt is None:
            return VerifyResult(False, None, reason)
        if fmt not in self.formats:
            return VerifyResult(
                False, fmt, Phrase("This is a SQLite backup; it cannot be restored into PostgreSQL")
            )
        if fmt is BackupFormat.CUSTOM:
            return verify_custom(self, path)
        return verify_plain(path, fmt, progress, should_cancel)

    # --- restore --------------------------------------------------------------------------

    def _replay(
        self, path: Path, verified: VerifyResult, dbname: str, progress, should_cancel, clean: bool
    ) -> pg_runner.ToolRun:
        """Restore `path` into `dbname` in a single transaction."""
        fmt = verified.format
        server_major = self.server_major()
        options = f"{os.environ.get('PGOPTIONS', '')} {RESTORE_LOCK_TIMEOUT}".strip()
        env = self._env(dbname, {"PGOPTIONS": options})
        if fmt is BackupFormat.CUSTOM:
            tool = pg_runner.require_tool("pg_restore", server_major)
            entries = max(1, len(verified.details))
            seen = [0]

            def on_line(line: str) -> None:
                if "processing" in line or "creating" in line:
                    seen[0] += 1
                    if progress:
                        progress(min(seen[0], entries), entries, line.split(": ", 1)[-1])

            argv = [
                tool.path,
                "--single-transaction",
                "--exit-on-error",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--verbose",
                f"--dbname={dbname}",
                str(path),
            ]
            return pg_runner.run_tool(
                argv,
                env,
                secret=self.params.password,
                on_stderr_line=on_line,
                should_cancel=should_cancel,
                cancel_text="Restore stopped; the database is unchanged",
            )
        tool = pg_runner.require_tool("psql", server_major)
        total = path.stat().st_size
        script = PlainScript(path, fmt is BackupFormat.GZIP, clean)

        def tick() -> None:
            if progress:
                progress(min(script.fed, total), total, Phrase("Restoring"))

        run = pg_runner.run_tool(
            [tool.path, *PSQL_OPTIONS],
            env,
            secret=self.params.password,
            stdin_chunks=script.chunks(),
            on_tick=tick,
            should_cancel=should_cancel,
            cancel_text="Restore stopped; the database is unchanged",
        )
        if run.returncode == 0 and not script.complete:
            return pg_runner.ToolRun(1, "the dump ended without pg_dump's completion line")
        return run

    def restore(self, path, progress=None, should_cancel=None, safety_backup_dir=None):
        """Verify, take a safety backup, then replay the dump in one transaction."""
        path = Path(path)
        self._require_session(Phrase("A restore"))
        started = time.monotonic()
        verified = self._restorable(path, should_cancel)
        safety = self.backup(
            safety_backup_dir or backup_dir(), BackupFormat.CUSTOM, prefix="before-restore"
        )
        # Every restore drops what the dump creates first, our whole schema included (clean=False
        # adds that preamble): objects a later migration put in schema photoflow would make the
        # dump's own DROP SCHEMA fail. A custom archive becomes a script so psql can run it so.
        with self.app_connection_released(), self._as_script(path, verified, safety.path) as script:
            run = self._replay(*script, self.params.dbname, progress, should_cancel, clean=False)
        if run.returncode != 0:
            raise RestoreError(
                "Restore failed and was rolled back; the database is unchanged. "
                "A safety backup is at {path}. {hint}",
                path=safety.path,
                hint=self._error_hint(run),
            )
        self._announce_reload()
        if progress:
            progress(1, 1, Phrase("Restored"))
        return RestoreResult(
            path, verified.format, safety.path, self.row_counts(), time.monotonic() - started
        )

    @contextlib.contextmanager
    def _as_script(self, path: Path, verified: VerifyResult, beside: Path):
        """(path, verified) of a plain SQL script: a custom archive is written out next to
        `beside` by pg_restore (removed afterwards); other formats are scripts already."""
        if verified.format is not BackupFormat.CUSTOM:
            yield path, verified
            return
        tool = pg_runner.require_tool("pg_restore", self.server_major())
        # Tagged like a partial file: left by a killed restore, the next backup removes it.
        script = beside.with_name(f".{path.name}.{tag()}.restore.partial")
        try:
            run = pg_runner.run_tool(
                [tool.path, *DUMP_OPTIONS, f"--file={script}", str(path)],
                self._env(),
                secret=self.params.password,
            )
            if run.returncode != 0:
                raise RestoreError(
                    "Restore failed before it began; the database is unchanged. Reading the "
                    "archive failed: {value}",
                    value=self._fail_text(run),
                )
            yield script, VerifyResult(True, BackupFormat.PLAIN, Phrase(""), [])
        finally:
            script.unlink(missing_ok=True)

    def _announce_reload(self) -> None:
        """A restore fires no row trigger: tell every open board to reload."""
        self._execute(*reload_notification())

    def _error_hint(self, run: pg_runner.ToolRun) -> Message:
        text = self._fail_text(run)
        if "lock timeout" in text:
            return Message(
                "Another program kept a table locked; close other PhotoFlow windows and the "
                "web app, then try again. ({problem})",
                problem=text,
            )
        return Message("The tool said: {problem}", problem=text)

    def test_restore(self, path, progress=None, should_cancel=None) -> TestRestoreResult:
        """Restore into a scratch database, count its rows, compare with live, drop it."""
        path = Path(path)
        self._require_session(Phrase("A test restore"))
        verified = self.verify(path, should_cancel=should_cancel)
        if not verified.ok:
            return TestRestoreResult(False, verified.message, {}, self.row_counts())
        scratch = f"photoflow_test_restore_{uuid.uuid4().hex[:10]}"
        try:
            self._execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
        except psycopg2.Error as exc:
            return TestRestoreResult(
                False,
                Message(
                    "Cannot create a scratch database for the test restore ({problem}); the "
                    "user needs the CREATEDB privilege",
                    problem=exc.pgerror or exc,
                ),
                {},
                self.row_counts(),
            )
        try:
            run = self._replay(path, verified, scratch, progress, should_cancel, clean=True)
            if run.returncode != 0:
                return TestRestoreResult(
                    False,
                    Message("The test restore failed: {problem}", problem=self._fail_text(run)),
                    {},
                    self.row_counts(),
                )
            backup_rows = self._row_counts(scratch)
        finally:
            self._execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(scratch))
            )
        return compare_row_counts(backup_rows, self.row_counts())

    def _execute(self, statement, args=None) -> None:
        """Run one statement on a short-lived autocommit connection."""
        connection = self._connect()
        try:
            with connection.cursor() as cursor:
                cursor.execute(statement, args)
        finally:
            connection.close()

    # --- optimize -------------------------------------------------------------------------

    def optimize(self, operation, progress=None, should_cancel=None) -> OptimizeResult:
        """VACUUM/ANALYZE on an autocommit connection; VERBOSE notices become the output."""
        operation = self._operation(operation)
        started = time.monotonic()
        before = self.database_size()
        connection = self._connect()
        connection.notices = collections.deque()  # psycopg2 trims a plain list to 50 notices
        outcome: list[BaseException] = []

        def work() -> None:
            try:
                with connection.cursor() as cursor:
                    cursor.execute(OPTIMIZE_SQL[operation])
            except BaseException as exc:  # handed to the calling thread
                outcome.append(exc)

        worker = threading.Thread(target=work, daemon=True)
        try:
            worker.start()
            cancelled = False
            while worker.is_alive():
                if not cancelled and should_cancel and should_cancel():
                    connection.cancel()
                    cancelled = True
                if progress:
                    progress(
                        0,
                        0,
                        Message(
                            "{operation}: {count} message(s)",
                            operation=operation.label,
                            count=len(connection.notices),
                        ),
                    )
                worker.join(0.1)
            output = "".join(connection.notices).strip()
        finally:
            connection.close()
        if cancelled:
            raise Cancelled("{operation} stopped", operation=operation.label)
        if outcome:
            error = outcome[0]
            text = getattr(error, "pgerror", None) or str(error)
            raise OptimizeError(
                "{operation} failed: {problem}", operation=operation.label, problem=text.strip()
            )
        after = self.database_size()
        if progress:
            progress(1, 1, Phrase("Done"))
        return OptimizeResult(operation, output, before, after, time.monotonic() - started)

    # --- statistics -----------------------------------------------------------------------

    def database_size(self) -> int:
        """pg_database_size of the database."""
        return int(self._query("SELECT pg_database_size(current_database())")[0][0])

    def _row_counts(self, dbname: str | None = None) -> dict[str, int]:
        connection = self._connect(dbname)
        try:
            with connection.cursor() as cursor:
                cursor.execute(USER_TABLES)
                tables = cursor.fetchall()
                counts = {}
                for schema, table in tables:
                    cursor.execute(
                        sql.SQL("SELECT count(*) FROM {}.{}").format(
                            sql.Identifier(schema), sql.Identifier(table)
                        )
                    )
                    counts[table_key(schema, table)] = cursor.fetchone()[0]
                return counts
        finally:
            connection.close()

    def row_counts(self) -> dict[str, int]:
        """Exact rows per table in the live database."""
        return self._row_counts()

    def health(self, backup_dir=None) -> HealthReport:
        """Server version, sizes, tables, connections, indexes, last backup, pg_dump check."""
        return postgres_health(self, backup_dir)
