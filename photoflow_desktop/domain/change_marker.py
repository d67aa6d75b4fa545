"""Live updates where LISTEN cannot work: poll the change marker (migrations/006_change_marker.py).

`PostgresFeed` picks the source for a PostgreSQL board: LISTEN on the direct URL, or on the
board's URL when no pooler is in between; otherwise `ChangeMarkerPoller`, which the UI polls on
a timer like the SQLite watcher (about once a second).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from photoflow_desktop.domain.changes import (
    KEEPALIVE_OPTIONS,
    MARKER_SEQUENCE,
    ConnectionLostError,
    PostgresListener,
    lost_message,
)
from photoflow_desktop.domain.db import APPLICATION_NAME, PostgresParams
from photoflow_desktop.domain.errors import DatabaseConnectionError
from photoflow_desktop.domain.pg_driver import load_psycopg2
from photoflow_desktop.domain.pooler import detect_pooler

if TYPE_CHECKING:
    import psycopg2.extensions

log = logging.getLogger(__name__)

MARKER_READ = (
    "SELECT pg_catalog.to_regclass(%(marker)s) IS NOT NULL, "
    "pg_catalog.pg_sequence_last_value(pg_catalog.to_regclass(%(marker)s)), "
    "pg_catalog.txid_snapshot_xmin(pg_catalog.txid_current_snapshot())"
)

SETTLE_POLLS = 30  # give up waiting for old transactions after this many polls: resync anyway


class ChangeMarkerPoller:
    """Polls the change marker (a sequence every write moves) where LISTEN cannot work.

    One cheap statement per poll, fine through a transaction pooler. nextval() does not roll
    back and happens before the writer commits, so a poll can see the bump before the write
    is visible: after a bump, `poll()` says "changed" again on the next poll, and — if
    transactions were still running then — once more when every one of them has ended (the
    snapshot's xmin has passed a transaction id taken one poll after the bump; transaction
    ids are cluster-wide, so a busy cluster can delay this, at most SETTLE_POLLS polls).
    """

    polled = True
    mode = "polling"

    def __init__(self, params: PostgresParams, connect_timeout: int = 5):
        self.params = params
        self.connect_timeout = connect_timeout
        self._conn: psycopg2.extensions.connection | None = None
        self._marker = None
        self._settling = False
        self._settle_xid: int | None = None
        self._settle_polls = 0

    def connect(self) -> None:
        """Open the poller's connection and note the marker (ConnectionLostError)."""
        psycopg2 = load_psycopg2()
        self.close()
        kwargs = self.params.connect_kwargs(
            connect_timeout=self.connect_timeout, **KEEPALIVE_OPTIONS
        )
        kwargs["application_name"] = f"{APPLICATION_NAME} (polling)"
        try:
            self._conn = psycopg2.connect(**kwargs)
            self._conn.autocommit = True
            self._marker, _xmin = self._read()
        except psycopg2.Error as exc:
            self.close()
            raise ConnectionLostError(lost_message(exc, self.params)) from None
        self._settling = False

    def _read(self) -> tuple:
        with self._conn.cursor() as cursor:
            cursor.execute(MARKER_READ, {"marker": MARKER_SEQUENCE})
            exists, marker, xmin = cursor.fetchone()
        if not exists:
            self.close()
            raise ConnectionLostError(
                "Live updates by polling need the change marker: run `photoflow db migrate` "
                "(migration 006)"
            )
        return marker, int(xmin)

    def _new_xid(self) -> int:
        """A transaction id assigned now (a snapshot's xmax may be older: snapshots are reused)."""
        psycopg2 = load_psycopg2()
        try:
            with self._conn.cursor() as cursor:
                cursor.execute("SELECT pg_catalog.txid_current()")
                return int(cursor.fetchone()[0])
        except psycopg2.Error as exc:
            self.close()
            raise ConnectionLostError(lost_message(exc, self.params)) from None

    def poll(self) -> bool:
        """True when something was written since the last call (or may just have become visible)."""
        psycopg2 = load_psycopg2()
        if self._conn is None or self._conn.closed:
            raise ConnectionLostError("The change feed is not connected")
        try:
            marker, xmin = self._read()
        except psycopg2.Error as exc:
            self.close()
            raise ConnectionLostError(lost_message(exc, self.params)) from None
        if marker != self._marker:
            self._marker = marker
            self._settling, self._settle_xid, self._settle_polls = True, None, 0
            return True
        if not self._settling:
            return False
        if self._settle_xid is None:  # one poll after the bump: resync again in any case
            self._settle_xid = self._new_xid()  # every writer that bumped earlier is below it
            return True
        self._settle_polls += 1
        if xmin >= self._settle_xid or self._settle_polls >= SETTLE_POLLS:
            self._settling = False
            return True
        return False

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        psycopg2 = load_psycopg2()
        conn, self._conn = self._conn, None
        if conn is not None and not conn.closed:
            try:
                conn.close()
            except psycopg2.Error:
                log.debug("closing the change poller's connection failed", exc_info=True)


class PostgresFeed:
    """LISTEN where a session is possible (a direct URL, or no pooler found), else the poller.

    The choice needs a probe of the server, so it is made in `connect()` (which the UI runs
    like any connect) and kept for reconnects. `mode` is "listen" or "polling".
    """

    def __init__(self, params: PostgresParams, direct: PostgresParams | None = None):
        self.params = params
        self.direct = direct
        self._inner: PostgresListener | ChangeMarkerPoller | None = None

    @property
    def polled(self) -> bool:
        """True when the UI must call `poll()` on a timer (no socket to watch)."""
        return self._inner is not None and self._inner.polled

    @property
    def mode(self) -> str:
        """'listen', 'polling', or '' before the first connect."""
        return self._inner.mode if self._inner is not None else ""

    def _choose(self):
        if self.direct is not None:
            return PostgresListener(self.direct)
        try:
            info = detect_pooler(self.params)
        except DatabaseConnectionError as exc:
            raise ConnectionLostError(str(exc)) from None
        if info.pooler:
            log.info("live updates by polling: %s (%s)", info.label, info.evidence)
            return ChangeMarkerPoller(self.params)
        return PostgresListener(self.params)

    def connect(self) -> None:
        """Choose the source (first time only) and connect it (ConnectionLostError)."""
        if self._inner is None:
            self._inner = self._choose()
        self._inner.connect()

    def fileno(self) -> int:
        """The listener's socket."""
        return self._inner.fileno()

    def poll(self):
        """The listener's Changes, or the poller's "changed" flag."""
        if self._inner is None:
            raise ConnectionLostError("The change feed is not connected")
        return self._inner.poll()

    def close(self) -> None:
        """Close the source's connection."""
        if self._inner is not None:
            self._inner.close()
