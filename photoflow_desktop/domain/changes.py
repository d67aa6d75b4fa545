"""Change feed: PostgreSQL LISTEN/NOTIFY, the change marker, SQLite data_version; backoff.

No Qt here: the UI feeds `PostgresListener.fileno()` to a QSocketNotifier and calls `poll()`
when the socket is readable, or calls `poll()` of a source whose `polled` is True
(`SqliteWatcher`, change_marker.ChangeMarkerPoller) on a timer (DESIGN.md §6).
Each watcher has its OWN connection, apart from the models' one.
"""

from __future__ import annotations

import json
import logging
import os
import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from photoflow_desktop.domain.db import (
    APPLICATION_NAME,
    PostgresParams,
    is_postgres,
)
from photoflow_desktop.domain.errors import DatabaseConnectionError, Message
from photoflow_desktop.domain.pg_driver import load_psycopg2

if TYPE_CHECKING:
    import psycopg2.extensions

log = logging.getLogger(__name__)

CHANNEL = "photoflow_changes"
MARKER_SEQUENCE = "photoflow.change_marker"  # migrations/006_change_marker.py
TASKS_TABLE = "Tasks"
COMMENTS_TABLE = "task_comments"
# A dead server is noticed within ~10 s even when no packet says so (cable pulled, Wi-Fi gone).
KEEPALIVE_OPTIONS = {
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 3,
}


class ConnectionLostError(DatabaseConnectionError):
    """The change feed's connection is gone; the message is fit for the banner."""


@dataclass(frozen=True)
class Change:
    """One notification: which row of which table did what (task_id None: reload everything)."""

    table: str
    op: str
    id: int | None
    task_id: int | None
    column: str | None

    @property
    def whole_board(self) -> bool:
        """True when the change names no task (TRUNCATE, unreadable payload)."""
        return self.task_id is None

    @property
    def task_removed(self) -> bool:
        """True when the task itself was deleted."""
        return self.table == TASKS_TABLE and self.op == "delete"


RELOAD = Change(table="", op="reload", id=None, task_id=None, column=None)


def _as_int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def parse_payload(payload: str) -> Change:
    """The Change in a notification's JSON; anything unreadable means "reload the board"."""
    try:
        data = json.loads(payload)
    except ValueError:
        log.warning("unreadable change notification: %.200r", payload)
        return RELOAD
    if not isinstance(data, dict):
        return RELOAD
    column = data.get("column")
    return Change(
        table=str(data.get("table") or ""),
        op=str(data.get("op") or "").lower(),
        id=_as_int(data.get("id")),
        task_id=_as_int(data.get("task_id")),
        column=column if isinstance(column, str) else None,
    )


def announce_reload(database) -> None:
    """Ask every open board to reload (after a restore, which no row trigger reports).

    PostgreSQL: one notification on the channel, delivered at commit. SQLite needs nothing: a
    restore changes data_version or replaces the file, which the watchers notice.
    """
    if is_postgres(database):
        database.execute_sql(*reload_notification())


def reload_notification() -> tuple[str, tuple[str, str]]:
    """The SQL (and parameters) of the "every board reload" notification on PostgreSQL.

    It also moves the change marker (when migration 006 made it) for boards that poll.
    """
    payload = json.dumps({"table": "", "op": "reload", "id": None, "task_id": None})
    bump = f"pg_catalog.nextval(pg_catalog.to_regclass('{MARKER_SEQUENCE}'))"
    return f"SELECT pg_notify(%s, %s), {bump}", (CHANNEL, payload)


def lost_message(exc: Exception, params: PostgresParams) -> Message:
    """A banner line for a dropped or refused connection (no password, no traceback)."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if params.password:
        text = text.replace(params.password, "***")
    return Message(
        "Lost the connection to the database server at {host}:{port} ({problem})",
        host=params.host,
        port=params.port,
        problem=text,
    )


class PostgresListener:
    """LISTENs on its own autocommit connection; `poll()` returns the pending Changes."""

    polled = False
    mode = "listen"

    def __init__(self, params: PostgresParams, channel: str = CHANNEL, connect_timeout: int = 5):
        self.params = params
        self.channel = channel
        self.connect_timeout = connect_timeout
        self._conn: psycopg2.extensions.connection | None = None

    @property
    def connected(self) -> bool:
        """True while the connection is open (as far as the client knows)."""
        return self._conn is not None and not self._conn.closed

    def connect(self) -> None:
        """Open the connection and LISTEN (ConnectionLostError when the server does not answer)."""
        psycopg2 = load_psycopg2()
        self.close()
        kwargs = self.params.connect_kwargs(
            connect_timeout=self.connect_timeout, **KEEPALIVE_OPTIONS
        )
        kwargs["application_name"] = f"{APPLICATION_NAME} (live)"
        try:
            conn = psycopg2.connect(**kwargs)
            conn.autocommit = True
            with conn.cursor() as cursor:
                cursor.execute(f'LISTEN "{self.channel}"')
        except psycopg2.Error as exc:
            raise ConnectionLostError(lost_message(exc, self.params)) from None
        self._conn = conn

    def fileno(self) -> int:
        """The socket to watch for readability."""
        if self._conn is None:
            raise ConnectionLostError("The change feed is not connected")
        return self._conn.fileno()

    def poll(self) -> list[Change]:
        """Read what the server sent; the Changes in arrival order (ConnectionLostError)."""
        psycopg2 = load_psycopg2()
        if self._conn is None or self._conn.closed:
            raise ConnectionLostError("The change feed is not connected")
        try:
            self._conn.poll()
        except psycopg2.Error as exc:
            self.close()
            raise ConnectionLostError(lost_message(exc, self.params)) from None
        notifies = self._conn.notifies
        changes = [parse_payload(n.payload) for n in notifies if n.channel == self.channel]
        notifies.clear()
        return changes

    def ping(self) -> None:
        """Round trip to the server (ConnectionLostError when it is gone)."""
        psycopg2 = load_psycopg2()
        if self._conn is None or self._conn.closed:
            raise ConnectionLostError("The change feed is not connected")
        try:
            with self._conn.cursor() as cursor:
                cursor.execute("SELECT 1")
        except psycopg2.Error as exc:
            self.close()
            raise ConnectionLostError(lost_message(exc, self.params)) from None

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        psycopg2 = load_psycopg2()
        conn, self._conn = self._conn, None
        if conn is not None and not conn.closed:
            try:
                conn.close()
            except psycopg2.Error:
                log.debug("closing the change feed connection failed", exc_info=True)


class SqliteWatcher:
    """Watches a SQLite file for commits by any other connection (PRAGMA data_version)."""

    polled = True
    mode = "sqlite"

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None
        self._inode: int | None = None

    def connect(self) -> None:
        """Open the watcher's own connection, used only to read (ConnectionLostError: no file)."""
        self.close()
        try:
            self._inode = os.stat(self.path).st_ino
            # check_same_thread off: a reconnect may open it on a worker thread (used serially).
            self._conn = sqlite3.connect(
                str(self.path), isolation_level=None, check_same_thread=False
            )
            self._version = self._read_version()
        except (OSError, sqlite3.Error) as exc:
            self.close()
            raise ConnectionLostError(
                "Cannot watch {path}: {exc}", path=self.path, exc=exc
            ) from None

    def _read_version(self) -> int:
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def poll(self) -> bool:
        """True when another connection committed since the last call (or the file was replaced)."""
        if self._conn is None:
            raise ConnectionLostError("The database file is not being watched")
        try:
            inode = os.stat(self.path).st_ino
            if inode != self._inode:  # replaced (e.g. restored by renaming a file over it)
                self.connect()
                return True
            version = self._read_version()
        except (OSError, sqlite3.Error) as exc:
            self.close()
            raise ConnectionLostError(
                "Cannot watch {path}: {exc}", path=self.path, exc=exc
            ) from None
        changed = version != self._version
        self._version = version
        return changed

    def close(self) -> None:
        """Close the watcher's connection."""
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()


class Backoff:
    """Delays between reconnect attempts: doubling from `initial` up to `maximum`, with jitter."""

    def __init__(
        self,
        initial: float = 0.5,
        maximum: float = 15.0,
        factor: float = 2.0,
        jitter: float = 0.1,
        rng=random.random,
    ):
        self.initial = initial
        self.maximum = maximum
        self.factor = factor
        self.jitter = jitter
        self.rng = rng
        self.attempts = 0

    def next_delay(self) -> float:
        """Seconds to wait before the next attempt (and count it)."""
        base = min(self.maximum, self.initial * self.factor**self.attempts)
        self.attempts += 1
        spread = base * self.jitter * (2 * self.rng() - 1)
        return max(0.0, min(self.maximum, base + spread))

    def reset(self) -> None:
        """Start over after a successful connection."""
        self.attempts = 0


@dataclass
class PendingChanges:
    """Changes gathered during a burst: what to refresh when the burst ends."""

    limit: int = 200
    whole_board: bool = False

    def __post_init__(self):
        self.tasks: dict[int, bool] = {}  # task id → removed (last word wins)

    def add(self, change: Change) -> None:
        """Fold one change in; too many distinct tasks turn into one board reload."""
        if self.whole_board:
            return
        if change.whole_board:
            self.whole_board = True
            self.tasks.clear()
            return
        if change.table == TASKS_TABLE or change.task_id not in self.tasks:
            # A task's own row has the last word; a comment never revives a deleted task.
            self.tasks.pop(change.task_id, None)
            self.tasks[change.task_id] = change.task_removed
        if len(self.tasks) > self.limit:
            self.whole_board = True
            self.tasks.clear()

    def __bool__(self) -> bool:
        return self.whole_board or bool(self.tasks)

    def take(self) -> tuple[bool, list[int], list[int]]:
        """(reload the board, changed task ids, removed task ids) and start empty again."""
        result = (
            self.whole_board,
            [task_id for task_id, removed in self.tasks.items() if not removed],
            [task_id for task_id, removed in self.tasks.items() if removed],
        )
        self.whole_board = False
        self.tasks = {}
        return result
