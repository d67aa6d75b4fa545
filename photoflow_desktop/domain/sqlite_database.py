"""The embedded (SQLite) database as PhotoFlow opens it: immediate write locks, clear errors.

- Every transaction starts with `BEGIN IMMEDIATE`: a writer takes the write lock before it
  reads, so a second writer waits (busy_timeout) instead of failing on a stale read snapshot.
- SQLite's raw errors a user can meet become one clear line: a lock held too long (another
  program importing), a full disk, a damaged file.
"""

from __future__ import annotations

import peewee

from photoflow_desktop.domain.errors import (
    DatabaseBusyError,
    DatabaseDamagedError,
    DiskFullError,
    Message,
    Phrase,
)

BUSY_TIMEOUT_MS = 30_000


def translate_sqlite_error(exc: Exception, path: str) -> Exception | None:
    """Our error for a SQLite error a user can cause or meet, or None to keep the original."""
    text = str(exc).lower()
    if "database is locked" in text or "database table is locked" in text:
        return DatabaseBusyError(
            "The database {path} is busy: another program (an import, a backup or another "
            "PhotoFlow) kept it locked for {value} seconds. Try again when it has finished.",
            path=path,
            value=BUSY_TIMEOUT_MS // 1000,
        )
    if "database or disk is full" in text or "file too large" in text:
        return DiskFullError(
            "The disk holding {path} is full: nothing was changed. Free some space and try again.",
            path=path,
        )
    if "malformed" in text or "file is not a database" in text:
        return DatabaseDamagedError(
            "The database file {path} is damaged ({exc}). Copy every readable row into a new "
            "file with `photoflow db salvage -o NEW_FILE`, or restore a backup.",
            path=path,
            exc=exc,
        )
    return None


def describe_database_error(exc: Exception, path: str = Phrase("the database")) -> Message:
    """One line for a database error that reached the top (never a traceback); a Message."""
    mine = translate_sqlite_error(exc, path)
    if mine is not None:
        return Message(mine.template, **mine.params)
    first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return Message(
        "the database refused: {problem} (`photoflow db check` says why)", problem=first_line
    )


class PhotoflowSqliteDatabase(peewee.SqliteDatabase):
    """peewee's SqliteDatabase with BEGIN IMMEDIATE and clear errors (see the module doc)."""

    def __init__(self, path: str, **kwargs):
        kwargs.setdefault("lock_type", "IMMEDIATE")
        super().__init__(path, **kwargs)

    def _translated(self, exc: Exception):
        mine = translate_sqlite_error(exc, self.database)
        if mine is None:
            raise exc
        raise mine from exc

    def execute_sql(self, sql, params=None, *args, **kwargs):
        """Run a statement; SQLite's lock, disk-full and damage errors become ours."""
        try:
            return super().execute_sql(sql, params, *args, **kwargs)
        except peewee.DatabaseError as exc:
            self._translated(exc)

    def begin(self, *args, **kwargs):
        """BEGIN IMMEDIATE (waits up to busy_timeout for another writer)."""
        try:
            return super().begin(*args, **kwargs)
        except peewee.DatabaseError as exc:
            self._translated(exc)

    def rollback(self):
        """ROLLBACK, unless SQLite already rolled back by itself (it does on a full disk)."""
        connection = self._state.conn
        if connection is not None and not connection.in_transaction:
            return None
        return super().rollback()

    def commit(self):
        """COMMIT; a full disk at this point is reported clearly (the transaction rolls back)."""
        try:
            return super().commit()
        except peewee.DatabaseError as exc:
            self._translated(exc)
