"""The operations every database backend offers: backup, verify, restore, optimize, health.

Plain Python (no Qt): the UI runs these in a JobRunner worker, the CLI calls them directly.
Long operations take `progress(done, total, text)` (total 0: amount unknown, show a busy bar)
and `should_cancel()` callables; a cancelled operation raises `Cancelled` and leaves nothing
half-done (no partial file, database unchanged).
Results are frozen dataclasses; errors a user can cause are PhotoflowError subclasses whose
messages fit a dialog (the password is always masked).
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from photoflow_desktop.domain.errors import Message, PhotoflowError, Phrase
from photoflow_desktop.i18n import fill, translate

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]

__all__ = [
    "BackupError",
    "BackupFormat",
    "BackupResult",
    "CancelFn",
    "Cancelled",
    "ConnectionInfo",
    "HealthReport",
    "IndexInfo",
    "MaintenanceBackend",
    "MaintenanceError",
    "OptimizeError",
    "OptimizeOperation",
    "OptimizeResult",
    "ProgressFn",
    "RestoreError",
    "RestoreResult",
    "TableStat",
    "TestRestoreResult",
    "ToolMissingError",
    "VerifyError",
    "VerifyResult",
    "human_size",
    "utc_now",
]


def utc_now() -> datetime:
    """Naive UTC now (as every timestamp in PhotoFlow)."""
    return datetime.now(UTC).replace(tzinfo=None)


# --- errors -------------------------------------------------------------------------------


class Cancelled(PhotoflowError):
    """The user stopped a long operation; what was finished stays, nothing is half-done."""


class MaintenanceError(PhotoflowError):
    """A maintenance operation failed; the message says what happened and what to do."""


class BackupError(MaintenanceError):
    """A backup could not be written (no partial file is left behind)."""


class VerifyError(MaintenanceError):
    """A backup file is not a complete, restorable backup of this backend."""


class RestoreError(MaintenanceError):
    """A restore was refused or failed; the message says whether the database was changed."""


class OptimizeError(MaintenanceError):
    """VACUUM/ANALYZE/optimize failed."""


class ToolMissingError(MaintenanceError):
    """pg_dump/psql/pg_restore is not installed (or too old); the message says what to install."""


# --- formats and operations ---------------------------------------------------------------


class BackupFormat(StrEnum):
    """Backup file formats; PostgreSQL offers PLAIN/GZIP/CUSTOM, SQLite SQLITE/SQLITE_GZIP."""

    PLAIN = "plain"  # pg_dump SQL text, .sql
    GZIP = "gzip"  # pg_dump SQL text gzipped, .sql.gz
    CUSTOM = "custom"  # pg_dump custom archive, .dump
    SQLITE = "sqlite"  # SQLite database file, .sqlite
    SQLITE_GZIP = "sqlite-gzip"  # SQLite database file gzipped, .sqlite.gz

    @property
    def extension(self) -> str:
        """File name extension including the dot(s)."""
        return _EXTENSIONS[self]

    @property
    def label(self) -> str:
        """Human-readable name for menus and messages."""
        return _LABELS[self]


_EXTENSIONS = {
    BackupFormat.PLAIN: ".sql",
    BackupFormat.GZIP: ".sql.gz",
    BackupFormat.CUSTOM: ".dump",
    BackupFormat.SQLITE: ".sqlite",
    BackupFormat.SQLITE_GZIP: ".sqlite.gz",
}
_LABELS = {
    BackupFormat.PLAIN: Phrase("SQL script (.sql)"),
    BackupFormat.GZIP: Phrase("Compressed SQL script (.sql.gz)"),
    BackupFormat.CUSTOM: Phrase("pg_dump custom archive (.dump)"),
    BackupFormat.SQLITE: Phrase("SQLite database file (.sqlite)"),
    BackupFormat.SQLITE_GZIP: Phrase("Compressed SQLite database file (.sqlite.gz)"),
}


class OptimizeOperation(StrEnum):
    """Maintenance passes; a backend lists the ones it offers in `optimize_operations`."""

    VACUUM = "vacuum"
    ANALYZE = "analyze"
    VACUUM_ANALYZE = "vacuum-analyze"
    VACUUM_FULL = "vacuum-full"  # PostgreSQL only; locks every table while it runs
    OPTIMIZE = "optimize"  # SQLite only: PRAGMA optimize

    @property
    def label(self) -> str:
        """Human-readable name (the SQL command)."""
        return {
            OptimizeOperation.VACUUM: "VACUUM",
            OptimizeOperation.ANALYZE: "ANALYZE",
            OptimizeOperation.VACUUM_ANALYZE: "VACUUM ANALYZE",
            OptimizeOperation.VACUUM_FULL: "VACUUM FULL",
            OptimizeOperation.OPTIMIZE: "PRAGMA optimize",
        }[self]

    @property
    def locks_tables(self) -> bool:
        """True when the operation blocks other users while it runs (warn before starting)."""
        return self is OptimizeOperation.VACUUM_FULL


# --- results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class VerifyResult:
    """Whether a file is a complete backup; `message` is one sentence for the user."""

    ok: bool
    format: BackupFormat | None  # detected from the content, None when unrecognised
    message: str
    details: list[str] = field(default_factory=list)  # e.g. TOC entries, integrity_check lines


@dataclass(frozen=True)
class BackupResult:
    """A backup that was written, renamed into place (mode 0600) and verified."""

    path: Path
    format: BackupFormat
    size: int  # bytes on disk
    created_at: datetime  # naive UTC
    verified: VerifyResult
    duration: float  # seconds


@dataclass(frozen=True)
class TestRestoreResult:
    """A backup restored into a scratch database and its row counts compared with the live one."""

    ok: bool
    message: str
    backup_rows: dict[str, int]  # table -> rows in the restored copy
    live_rows: dict[str, int]  # table -> rows in the live database now
    differences: list[str] = field(default_factory=list)  # "Tasks: backup 30, live 31"

    __test__ = False  # not a pytest test class


@dataclass(frozen=True)
class RestoreResult:
    """A completed restore."""

    path: Path  # the backup that was restored
    format: BackupFormat
    safety_backup_path: Path | None  # the copy of the database taken just before
    rows: dict[str, int]  # table -> rows after the restore
    duration: float  # seconds


@dataclass(frozen=True)
class OptimizeResult:
    """What VACUUM/ANALYZE/optimize did."""

    operation: OptimizeOperation
    output: str  # the server's VERBOSE notices / SQLite's messages
    size_before: int  # database size in bytes
    size_after: int
    duration: float  # seconds


@dataclass(frozen=True)
class TableStat:
    """One table: total size on disk (with indexes) and live rows."""

    name: str
    size: int  # bytes (SQLite: 0 when dbstat is unavailable)
    live_rows: int


@dataclass(frozen=True)
class ConnectionInfo:
    """One client connected to the database (PostgreSQL's pg_stat_activity)."""

    application_name: str
    state: str
    since: datetime | None  # naive UTC: when the connection started (backend_start)
    client: str  # address or "local"
    user: str


@dataclass(frozen=True)
class IndexInfo:
    """One index."""

    table: str
    name: str
    definition: str
    size: int  # bytes (0 when unknown)


@dataclass(frozen=True)
class HealthReport:
    """Everything the Health tab and `photoflow db stats` show."""

    backend: str  # 'sqlite' or 'postgresql'
    database: str  # database name or file path (never a password)
    server_version: str
    database_size: int  # bytes
    tables: list[TableStat]
    connections: list[ConnectionInfo]  # empty on SQLite
    indexes: list[IndexInfo]
    last_backup_at: datetime | None  # naive UTC, newest file in the backup folder
    pg_dump_path: str | None  # None on SQLite or when not found
    pg_dump_version: str | None
    pg_dump_compatible: bool | None  # None on SQLite
    journal_mode: str | None  # SQLite only
    advice: list[str]  # sentences: what is wrong and what to do (empty when all is well)

    def as_dict(self) -> dict:
        """JSON-ready form (datetimes as ISO 8601 strings); keys are stable for scripts."""
        return {
            "backend": self.backend,
            "database": self.database,
            "server_version": self.server_version,
            "database_size": self.database_size,
            "tables": [vars(t) for t in self.tables],
            "connections": [
                {**vars(c), "since": c.since.isoformat() if c.since else None}
                for c in self.connections
            ],
            "indexes": [vars(i) for i in self.indexes],
            "last_backup_at": self.last_backup_at.isoformat() if self.last_backup_at else None,
            "pg_dump_path": self.pg_dump_path,
            "pg_dump_version": self.pg_dump_version,
            "pg_dump_compatible": self.pg_dump_compatible,
            "journal_mode": self.journal_mode,
            "advice": list(self.advice),
        }


def human_size(size: int | None) -> str:
    """A size in bytes for people: 1536 → '1.5 KB', German '1,5 KB' (None → '–')."""
    if size is None:
        return "–"
    if size < 1024:
        return fill(translate("Sizes", "{n:,} bytes"), n=size)
    value = size / 1024
    for unit in ("KB", "MB"):
        if value < 1024:
            return fill("{value:,.1f} {unit}", value=value, unit=unit)
        value /= 1024
    return fill("{value:,.1f} GB", value=value)


# --- the backend --------------------------------------------------------------------------


class MaintenanceBackend(ABC):
    """Backup, verify, restore, optimize and health for one database URL.

    `database` is the peewee database the application has bound (if any): restore closes its
    connections before replacing the data and the caller's next query reconnects.
    Every method may run in a worker thread; each opens its own connections.
    """

    name: str  # 'sqlite' or 'postgresql'
    label: str  # 'SQLite' or 'PostgreSQL', for messages
    formats: tuple[BackupFormat, ...]
    optimize_operations: tuple[OptimizeOperation, ...]

    def __init__(self, url: str, database=None):
        self.url = url
        self.database = database

    @contextmanager
    def app_connection_released(self):
        """Close the application's own connection(s) for the block, reopen afterwards."""
        database = self.database
        was_open = database is not None and not database.is_closed()
        if database is not None:
            if hasattr(database, "close_idle"):  # a connection pool
                database.close_idle()
            if not database.is_closed():
                database.close()
        try:
            yield
        finally:
            if was_open:
                database.connect(reuse_if_open=True)

    @property
    def default_format(self) -> BackupFormat:
        """The format used when none is asked for."""
        return self.formats[0]

    def _backup_format(self, format: BackupFormat | str | None) -> BackupFormat:
        """The asked-for format (None: the default); BackupError when this backend lacks it."""
        fmt = BackupFormat(format or self.default_format)
        if fmt not in self.formats:
            raise BackupError(
                "A {backend} database cannot be backed up as {format}",
                backend=self.label,
                format=fmt.label,
            )
        return fmt

    def _verified_backup(self, path: Path, should_cancel: CancelFn | None) -> VerifyResult:
        """Verify a backup just written; BackupError when it fails (its file is then deleted)."""
        verified = self.verify(path, should_cancel=should_cancel)
        if not verified.ok:
            raise BackupError(
                "The backup failed its check and was deleted: {problem}", problem=verified.message
            )
        return verified

    def _backup_result(
        self, final: Path, fmt: BackupFormat, verified: VerifyResult, started: float
    ) -> BackupResult:
        """The result for a backup renamed into place at `final`, begun at monotonic `started`."""
        return BackupResult(
            path=final,
            format=fmt,
            size=final.stat().st_size,
            created_at=utc_now(),
            verified=verified,
            duration=time.monotonic() - started,
        )

    def _restorable(self, path: Path, should_cancel: CancelFn | None) -> VerifyResult:
        """Verify `path` before a restore: RestoreError when it is not restorable, or Cancelled."""
        verified = self.verify(path, should_cancel=should_cancel)
        if not verified.ok:
            raise RestoreError(
                "Restore refused, the database was not changed: {problem}",
                problem=verified.message,
            )
        if should_cancel and should_cancel():
            raise Cancelled("Restore stopped before anything was changed")
        return verified

    def _operation(self, operation: OptimizeOperation | str) -> OptimizeOperation:
        """The asked-for pass; OptimizeError when this backend does not offer it."""
        operation = OptimizeOperation(operation)
        if operation not in self.optimize_operations:
            raise OptimizeError(
                "{operation} is not available for {backend}",
                operation=operation.label,
                backend=self.label,
            )
        return operation

    @property
    @abstractmethod
    def display_name(self) -> str:
        """What a confirmation names as the target: database name@host or the file path."""

    @abstractmethod
    def backup(
        self,
        destination: Path | None = None,
        format: BackupFormat | None = None,
        progress: ProgressFn | None = None,
        should_cancel: CancelFn | None = None,
        prefix: str = "backup",
    ) -> BackupResult:
        """Write a verified backup; `destination` is a file, a folder or None (backup folder)."""

    @abstractmethod
    def verify(
        self,
        path: Path,
        progress: ProgressFn | None = None,
        should_cancel: CancelFn | None = None,
    ) -> VerifyResult:
        """Check that `path` is a complete backup of this backend (never raises for a bad file)."""

    @abstractmethod
    def test_restore(
        self,
        path: Path,
        progress: ProgressFn | None = None,
        should_cancel: CancelFn | None = None,
    ) -> TestRestoreResult:
        """Restore `path` into a scratch database, compare row counts with the live one."""

    @abstractmethod
    def restore(
        self,
        path: Path,
        progress: ProgressFn | None = None,
        should_cancel: CancelFn | None = None,
        safety_backup_dir: Path | None = None,
    ) -> RestoreResult:
        """Replace the database with `path` atomically, after verifying it and a safety backup."""

    @abstractmethod
    def optimize(
        self,
        operation: OptimizeOperation,
        progress: ProgressFn | None = None,
        should_cancel: CancelFn | None = None,
    ) -> OptimizeResult:
        """Run VACUUM/ANALYZE/… and report the output and the size before and after."""

    @abstractmethod
    def health(self, backup_dir: Path | None = None) -> HealthReport:
        """Versions, sizes, tables, connections, indexes, last backup, tool compatibility."""

    @abstractmethod
    def row_counts(self) -> dict[str, int]:
        """Exact row count of each PhotoFlow table in the live database."""

    @abstractmethod
    def database_size(self) -> int:
        """Size of the database in bytes."""


def compare_row_counts(backup_rows: dict[str, int], live_rows: dict[str, int]) -> TestRestoreResult:
    """A test-restore result from the row counts of the restored copy and of the live database."""
    differences = [
        Message(
            "{table}: backup {backup}, live {live}",
            table=name,
            backup=backup_rows.get(name, "-"),
            live=live_rows.get(name, "-"),
        )
        for name in sorted(set(backup_rows) | set(live_rows))
        if backup_rows.get(name) != live_rows.get(name)
    ]
    if differences:
        message = Phrase(
            "The backup restores cleanly; its row counts differ from the live database"
        )
    else:
        message = Phrase(
            "The backup restores cleanly and has the same row counts as the live database"
        )
    return TestRestoreResult(True, message, backup_rows, live_rows, differences)
