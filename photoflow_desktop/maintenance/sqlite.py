"""SQLite maintenance: online backup API, integrity_check, atomic restore, VACUUM/ANALYZE, stats."""

from __future__ import annotations

import gzip
import sqlite3
import tempfile
import time
import zlib
from contextlib import closing, contextmanager
from pathlib import Path

from photoflow_desktop.domain.db import sqlite_path
from photoflow_desktop.domain.errors import Message, Phrase
from photoflow_desktop.maintenance.backup_files import (
    CHUNK,
    atomic_output,
    gunzip_to,
    sniff,
    target_path,
    write_failure,
)
from photoflow_desktop.maintenance.backups import backup_dir, last_backup_at
from photoflow_desktop.maintenance.base import (
    BackupError,
    BackupFormat,
    BackupResult,
    Cancelled,
    HealthReport,
    IndexInfo,
    MaintenanceBackend,
    OptimizeError,
    OptimizeOperation,
    OptimizeResult,
    RestoreError,
    RestoreResult,
    TableStat,
    TestRestoreResult,
    VerifyResult,
    compare_row_counts,
)
from photoflow_desktop.maintenance.schema_check import schema_problem
from photoflow_desktop.maintenance.sqlite_damage import (
    check_file,
    keep_damaged_copy,
    require_intact,
)
from photoflow_desktop.partial_files import tag

PAGES_PER_STEP = 256
BUSY_POLL = 0.1  # seconds the live connection waits for a lock before the guard looks again
SQLITE_BUSY, SQLITE_LOCKED = 5, 6
REQUIRED_TABLES = ("Tasks", "task_comments")
OPTIMIZE_SQL = {
    OptimizeOperation.VACUUM: ["VACUUM"],
    OptimizeOperation.ANALYZE: ["ANALYZE"],
    OptimizeOperation.VACUUM_ANALYZE: ["VACUUM", "ANALYZE"],
    OptimizeOperation.OPTIMIZE: ["PRAGMA optimize"],
}


class _Stop(Exception):
    """Raised from the backup API's progress callback to abort a copy."""


class _Busy(Exception):
    """Raised from the backup API's progress callback when the target stays locked."""


def _copy(source, target, progress=None, should_cancel=None, pages=PAGES_PER_STEP, text=""):
    """sqlite3 online backup from `source` into `target` with progress (pages) and cancel."""

    def step(_status, remaining, total):
        if should_cancel and should_cancel():
            raise _Stop
        if progress:
            progress(total - remaining, total, text)

    try:
        source.backup(target, pages=pages, progress=step)
    except _Stop:
        raise Cancelled("{value} stopped; nothing was kept", value=text or "Copy") from None


def _user_tables(connection) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [row[0] for row in rows]


def _row_counts(connection) -> dict[str, int]:
    return {
        name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        for name in _user_tables(connection)
    }


def _size_of(connection) -> int:
    page_count = connection.execute("PRAGMA page_count").fetchone()[0]
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    return page_count * page_size


def _open_readonly(path: Path):
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1", uri=True)


class SqliteMaintenance(MaintenanceBackend):
    """Maintenance of a SQLite database file."""

    name = "sqlite"
    label = "SQLite"
    formats = (BackupFormat.SQLITE, BackupFormat.SQLITE_GZIP)
    optimize_operations = (
        OptimizeOperation.VACUUM,
        OptimizeOperation.ANALYZE,
        OptimizeOperation.VACUUM_ANALYZE,
        OptimizeOperation.OPTIMIZE,
    )

    lock_timeout = 30.0  # seconds a restore waits for another writer to finish

    def __init__(self, url: str, database=None):
        super().__init__(url, database)
        self.path = sqlite_path(url)

    @property
    def display_name(self) -> str:
        """The database file's path."""
        return str(self.path)

    @contextmanager
    def _live(self, timeout: float = 30.0):
        if not self.path.is_file():
            raise RestoreError("The database file {path} does not exist", path=self.path)
        connection = sqlite3.connect(str(self.path), timeout=timeout)
        try:
            yield connection
        finally:
            connection.close()

    # --- backup ---------------------------------------------------------------------------

    def backup(
        self, destination=None, format=None, progress=None, should_cancel=None, prefix="backup"
    ) -> BackupResult:
        """Copy the live database with the online backup API, optionally gzip it, verify it."""
        fmt = self._backup_format(format)
        started = time.monotonic()
        if self.path.is_file():
            require_intact(self.path)  # a damaged file: say so, instead of a failed backup
        final = target_path(destination, fmt, prefix)
        with atomic_output(final) as temporary:
            try:
                if fmt is BackupFormat.SQLITE:
                    self._snapshot(temporary, progress, should_cancel)
                else:
                    with tempfile.TemporaryDirectory(
                        dir=final.parent, prefix=f".photoflow-{tag()}-"
                    ) as work:
                        snapshot = Path(work) / "snapshot.sqlite"
                        self._snapshot(snapshot, progress, should_cancel)
                        _gzip_file(snapshot, temporary, should_cancel)
            except OSError as exc:  # disk full, folder removed, …
                raise BackupError(
                    "Writing the backup to {folder} failed: {problem}",
                    folder=final.parent,
                    problem=write_failure(exc),
                ) from None
            verified = self._verified_backup(temporary, should_cancel)
        if progress:
            progress(1, 1, Phrase("Backup written and verified"))
        return self._backup_result(final, fmt, verified, started)

    def _snapshot(self, target: Path, progress, should_cancel) -> None:
        try:
            with self._live() as live, closing(sqlite3.connect(str(target))) as copy:
                _copy(live, copy, progress, should_cancel, text=Phrase("Copying the database"))
                copy.execute("PRAGMA journal_mode=DELETE")  # a standalone file, no -wal needed
        except sqlite3.Error as exc:
            raise BackupError(
                "The backup of {path} failed: {problem}", path=self.path, problem=exc
            ) from None
        except RestoreError as exc:
            raise BackupError(str(exc)) from None

    # --- verify ---------------------------------------------------------------------------

    def verify(self, path, progress=None, should_cancel=None) -> VerifyResult:
        """Whole file readable, integrity_check ok, PhotoFlow's tables present."""
        path = Path(path)
        fmt, reason = sniff(path)
        if fmt is None:
            return VerifyResult(False, None, reason)
        if fmt not in self.formats:
            return VerifyResult(
                False, fmt, Phrase("This is a PostgreSQL backup; it cannot be restored into SQLite")
            )
        with tempfile.TemporaryDirectory(prefix="photoflow-verify-") as work:
            try:
                plain = self._decompressed(path, fmt, Path(work), should_cancel)
            except (OSError, EOFError, zlib.error):
                return VerifyResult(
                    False, fmt, Phrase("The compressed backup is truncated or damaged")
                )
            return self._check_file(plain, fmt)

    def _decompressed(self, path: Path, fmt: BackupFormat, work: Path, should_cancel=None):
        if fmt is BackupFormat.SQLITE:
            return path
        target = work / "backup.sqlite"
        gunzip_to(path, target, should_cancel)
        return target

    def _check_file(self, path: Path, fmt: BackupFormat) -> VerifyResult:
        try:
            with closing(_open_readonly(path)) as connection:
                problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
                if problems != ["ok"]:
                    return VerifyResult(
                        False,
                        fmt,
                        Phrase("The backup is damaged (integrity check failed)"),
                        problems[:20],
                    )
                tables = _row_counts(connection)
                columns = {
                    name: {row[1] for row in connection.execute(f'PRAGMA table_info("{name}")')}
                    for name in REQUIRED_TABLES
                    if name in tables
                }
        except sqlite3.DatabaseError as exc:
            return VerifyResult(
                False,
                fmt,
                Message("The backup cannot be read as a database: {problem}", problem=exc),
            )
        problem = schema_problem(columns)
        if problem:
            return VerifyResult(False, fmt, problem)
        details = [f"{name}: {count} rows" for name, count in tables.items()]
        return VerifyResult(
            True, fmt, Phrase("The backup is complete and passes the integrity check"), details
        )

    def test_restore(self, path, progress=None, should_cancel=None) -> TestRestoreResult:
        """Open a scratch copy of the backup and compare its row counts with the live database."""
        path = Path(path)
        verified = self.verify(path, should_cancel=should_cancel)
        if not verified.ok:
            return TestRestoreResult(False, verified.message, {}, self.row_counts())
        with tempfile.TemporaryDirectory(prefix="photoflow-test-restore-") as work:
            plain = self._decompressed(path, verified.format, Path(work), should_cancel)
            scratch = Path(work) / "scratch.sqlite"
            with (
                closing(_open_readonly(plain)) as source,
                closing(sqlite3.connect(str(scratch))) as target,
            ):
                _copy(source, target, progress, should_cancel, text=Phrase("Test restore"))
                backup_rows = _row_counts(target)
        return compare_row_counts(backup_rows, self.row_counts())

    # --- restore --------------------------------------------------------------------------

    def restore(self, path, progress=None, should_cancel=None, safety_backup_dir=None):
        """Verify, take a safety backup, then copy the backup into the live file in one step."""
        path = Path(path)
        started = time.monotonic()
        verified = self._restorable(path, should_cancel)
        folder = safety_backup_dir or backup_dir()
        if self.path.is_file() and check_file(self.path).damaged:
            # The backup API cannot copy a damaged file: keep its bytes before replacing them.
            safety_path = keep_damaged_copy(self.path, folder)
        else:
            safety_path = self.backup(folder, prefix="before-restore").path
        if progress:
            progress(0, 1, Phrase("Restoring"))
        with (
            self.app_connection_released(),
            tempfile.TemporaryDirectory(prefix="photoflow-restore-") as work,
        ):
            plain = self._decompressed(path, verified.format, Path(work))
            unchanged = f"the database is unchanged. A safety backup is at {safety_path}"
            try:
                with closing(_open_readonly(plain)) as source, self._live(BUSY_POLL) as live:
                    # One step (pages=-1): a single write transaction on the live file.
                    source.backup(live, pages=-1, progress=self._busy_guard(should_cancel))
                    rows = _row_counts(live)
            except _Busy:
                raise RestoreError(
                    "Another program kept the database locked for writing (another PhotoFlow "
                    "window or tool?); nothing was restored and {unchanged}",
                    unchanged=unchanged,
                ) from None
            except _Stop:
                raise Cancelled("Restore stopped; {unchanged}", unchanged=unchanged) from None
            except sqlite3.Error as exc:
                raise RestoreError(
                    "Restore failed and was rolled back; {unchanged} ({exc})",
                    unchanged=unchanged,
                    exc=exc,
                ) from None
        if progress:
            progress(1, 1, Phrase("Restored"))
        return RestoreResult(path, verified.format, safety_path, rows, time.monotonic() - started)

    def _busy_guard(self, should_cancel):
        """A backup-API progress callback that gives up when the target stays locked."""
        deadline = time.monotonic() + self.lock_timeout

        def step(status, _remaining, _total):
            if status in (SQLITE_BUSY, SQLITE_LOCKED):
                if should_cancel and should_cancel():
                    raise _Stop
                if time.monotonic() > deadline:
                    raise _Busy

        return step

    # --- optimize, health -----------------------------------------------------------------

    def optimize(self, operation, progress=None, should_cancel=None) -> OptimizeResult:
        """VACUUM, ANALYZE, both, or PRAGMA optimize; reports pages and sizes."""
        operation = self._operation(operation)
        started = time.monotonic()
        output = []
        try:
            with self._live() as live:
                live.isolation_level = None
                before = _size_of(live)
                free_before = live.execute("PRAGMA freelist_count").fetchone()[0]
                statements = OPTIMIZE_SQL[operation]
                for index, statement in enumerate(statements):
                    if should_cancel and should_cancel():
                        raise Cancelled("{operation} stopped", operation=operation.label)
                    if progress:
                        progress(index, len(statements), statement)
                    live.execute(statement)
                    output.append(f"{statement}: done")
                live.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                after = _size_of(live)
                free_after = live.execute("PRAGMA freelist_count").fetchone()[0]
        except sqlite3.Error as exc:
            raise OptimizeError(
                "{operation} failed: {problem}", operation=operation.label, problem=exc
            ) from None
        output.append(f"Free pages: {free_before} before, {free_after} after")
        if progress:
            progress(1, 1, Phrase("Done"))
        return OptimizeResult(
            operation, "\n".join(output), before, after, time.monotonic() - started
        )

    def row_counts(self) -> dict[str, int]:
        """Rows per table in the live file."""
        with self._live() as live:
            return _row_counts(live)

    def database_size(self) -> int:
        """Bytes used by the database (pages × page size)."""
        with self._live() as live:
            return _size_of(live)

    def health(self, backup_dir=None) -> HealthReport:
        """SQLite version, size, tables with rows and sizes, indexes, journal mode, last backup."""
        with self._live() as live:
            sizes = _object_sizes(live)
            names = dict(live.execute("SELECT name, tbl_name FROM sqlite_master"))
            table_sizes: dict[str, int] = {}
            for name, size in sizes.items():
                owner = names.get(name, name)
                table_sizes[owner] = table_sizes.get(owner, 0) + size
            tables = [
                TableStat(name, table_sizes.get(name, 0), rows)
                for name, rows in _row_counts(live).items()
            ]
            indexes = [
                IndexInfo(table, name, sql or "(automatic)", sizes.get(name, 0))
                for name, table, sql in live.execute(
                    "SELECT name, tbl_name, sql FROM sqlite_master WHERE type='index' "
                    "ORDER BY tbl_name, name"
                )
            ]
            journal_mode = live.execute("PRAGMA journal_mode").fetchone()[0]
            size = _size_of(live)
        advice = []
        if journal_mode != "wal":
            advice.append(
                Message(
                    "The journal mode is {mode}; PhotoFlow opens the file in WAL mode",
                    mode=journal_mode,
                )
            )
        return HealthReport(
            backend=self.name,
            database=str(self.path),
            server_version=f"SQLite {sqlite3.sqlite_version}",
            database_size=size,
            tables=tables,
            connections=[],
            indexes=indexes,
            last_backup_at=last_backup_at(backup_dir),  # None: the backup folder
            pg_dump_path=None,
            pg_dump_version=None,
            pg_dump_compatible=None,
            journal_mode=journal_mode,
            advice=advice,
        )


def _object_sizes(connection) -> dict[str, int]:
    try:
        rows = connection.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")
        return {name: int(size) for name, size in rows}
    except sqlite3.Error:  # built without the dbstat virtual table
        return {}


def _gzip_file(source: Path, target: Path, should_cancel=None) -> None:
    with open(source, "rb") as plain, gzip.open(target, "wb", compresslevel=6) as packed:
        while chunk := plain.read(CHUNK):
            if should_cancel and should_cancel():
                raise Cancelled("Backup stopped; nothing was kept")
            packed.write(chunk)
