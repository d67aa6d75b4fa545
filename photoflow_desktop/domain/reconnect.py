"""Recover the models' database connection after the server went away (restart, network).

After a PostgreSQL restart the connection peewee holds is dead: every query fails until it is
closed and opened again. `connection_guard` turns such a failure into a dialog-fit
DatabaseConnectionError and drops the dead connection, so the next action reconnects;
`reset_connection` does the dropping alone (the live feed calls it when the server is back).
A failed write is never retried automatically: the user sees it and repeats it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import peewee

from photoflow_desktop.domain.errors import DatabaseConnectionError
from photoflow_desktop.domain.pg_driver import driver_errors, loaded_psycopg2

log = logging.getLogger(__name__)

LOST_MESSAGE = (
    "The connection to the database was lost; the change was not saved. "
    "It reconnects by itself: try again in a moment."
)


def _target(database: peewee.Database | peewee.DatabaseProxy) -> peewee.Database:
    return database.obj if isinstance(database, peewee.DatabaseProxy) else database


def _database_errors() -> tuple[type[Exception], ...]:
    """peewee's errors, and psycopg2's once a PostgreSQL database loaded it (none before)."""
    return (peewee.PeeweeException, *driver_errors())


def _is_pool(database: peewee.Database) -> bool:
    pool = sys.modules.get("playhouse.pool")  # loaded by a connection_limit= URL, if any
    return pool is not None and isinstance(database, pool.PooledDatabase)


def is_connection_error(exc: BaseException) -> bool:
    """True when `exc` means the connection itself is broken (not a refused statement)."""
    if isinstance(exc, peewee.InterfaceError):
        return True
    psycopg2 = loaded_psycopg2()
    if psycopg2 is not None:
        if isinstance(exc, psycopg2.InterfaceError):
            return True
        if isinstance(exc, psycopg2.OperationalError) and not isinstance(
            exc, psycopg2.errors.QueryCanceled
        ):
            return True
    if isinstance(exc, peewee.OperationalError):
        # peewee re-raises the driver's error with the original as its first argument.
        candidates = (exc.args[0] if exc.args else None, exc.__cause__, exc.__context__)
        # A connect that failed may be wrapped twice (peewee around our own connect's error).
        for cause in candidates:
            wrapped = psycopg2 is not None and isinstance(cause, psycopg2.Error)
            if (wrapped or isinstance(cause, peewee.PeeweeException)) and cause is not exc:
                return is_connection_error(cause)
        text = str(exc).lower()
        return "server closed the connection" in text or "connection already closed" in text
    return False


def reset_connection(database: peewee.Database | peewee.DatabaseProxy) -> None:
    """Drop this thread's (dead) connection so the next query opens a fresh one."""
    target = _target(database)
    if target is None or target.is_closed():
        return
    if target.in_transaction():  # never pull a live transaction away; its own error ends it
        log.debug("connection kept: a transaction is open on it")
        return
    try:
        if _is_pool(target):
            target.manual_close()  # the dead connection must not go back to the pool
            target.close_idle()  # the idle ones died with the server too
        else:
            target.close()
    except _database_errors():
        log.debug("closing a dead connection failed; forgetting it", exc_info=True)
        target.dispose()


def connection_is_alive(database: peewee.Database | peewee.DatabaseProxy) -> bool:
    """One round trip: True when the current connection answers (opens one if none is open)."""
    target = _target(database)
    try:
        target.execute_sql("SELECT 1").fetchone()
    except _database_errors() as exc:
        if not is_connection_error(exc):
            raise
        reset_connection(target)
        return False
    return True


def recover_from(
    exc: BaseException, database: peewee.Database | peewee.DatabaseProxy
) -> str | None:
    """If `exc` means a lost connection: drop the connection and return the user's message."""
    if not is_connection_error(exc):
        return None
    log.warning("database connection lost: %s", str(exc).strip().splitlines()[:1])
    reset_connection(database)
    return LOST_MESSAGE


@contextmanager
def connection_guard(database: peewee.Database | peewee.DatabaseProxy) -> Iterator[None]:
    """Run domain calls; a broken connection is reset and raised as DatabaseConnectionError."""
    try:
        yield
    except _database_errors() as exc:
        message = recover_from(exc, database)
        if message is None:
            raise
        raise DatabaseConnectionError(message) from None
