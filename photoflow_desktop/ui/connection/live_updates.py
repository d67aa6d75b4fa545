"""LiveUpdates: turns the change feed into Qt signals, coalesces bursts, reconnects with backoff.

PostgreSQL: a QSocketNotifier on the listener's socket (no polling thread); SQLite: a timer
reading PRAGMA data_version about once a second. Changes arriving close together are merged
and delivered when the burst is over (at most MAX_WAIT_MS after the first one); a burst
touching many tasks becomes one `boardChanged`. A dropped connection emits `connectionLost`,
reconnects off the UI thread with backoff, re-LISTENs, then emits `connectionRestored` followed
by `boardChanged` (whatever changed meanwhile is picked up by that resync).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QElapsedTimer, QObject, QSocketNotifier, QThreadPool, QTimer, Signal

from photoflow_desktop.domain.change_marker import PostgresFeed
from photoflow_desktop.domain.changes import (
    RELOAD,
    Backoff,
    ConnectionLostError,
    PendingChanges,
    SqliteWatcher,
)
from photoflow_desktop.domain.db import postgres_params, sqlite_path
from photoflow_desktop.domain.reconnect import reset_connection
from photoflow_desktop.i18n.messages import user_message
from photoflow_desktop.session import Session

log = logging.getLogger(__name__)

COALESCE_MS = 25  # quiet time that ends a burst
MAX_WAIT_MS = 150  # a steady stream is still delivered this often
SQLITE_POLL_MS = 1000


class _ConnectAttempt(QObject):
    """Carries a background connect's outcome back to the UI thread."""

    finished = Signal(object, object)  # the new source; None on success, else the banner text


class LiveUpdates(QObject):
    """Signals for changes made anywhere to the session's database."""

    taskChanged = Signal(int)
    taskRemoved = Signal(int)
    boardChanged = Signal()
    connectionLost = Signal(str)
    connectionRestored = Signal()
    modeChanged = Signal(str)  # the source's mode after each connect: listen, polling, sqlite

    def __init__(
        self,
        session: Session,
        parent: QObject | None = None,
        backoff: Backoff | None = None,
        poll_interval_ms: int = SQLITE_POLL_MS,
    ):
        super().__init__(parent)
        self.session = session
        self.postgres = session.backend == "postgresql"
        self.source = self._new_source()
        self.backoff = backoff or Backoff()
        self.pending = PendingChanges()
        self.running = False
        self.lost = False
        self._connecting = False
        self._notifier: QSocketNotifier | None = None
        self._burst = QElapsedTimer()
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(COALESCE_MS)
        self._flush_timer.timeout.connect(self._flush)
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(poll_interval_ms)
        self._poll_timer.timeout.connect(self._poll_sqlite)
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self._retry)
        self._attempt = _ConnectAttempt(self)
        self._attempt.finished.connect(self._attempt_finished)

    def _new_source(self) -> PostgresFeed | SqliteWatcher:
        """A change feed of its own (not connected yet)."""
        if self.postgres:
            direct = self.session.direct_url
            return PostgresFeed(
                postgres_params(self.session.url), postgres_params(direct) if direct else None
            )
        return SqliteWatcher(sqlite_path(self.session.url))

    # -- public --------------------------------------------------------------------------
    def start(self) -> None:
        """Connect and start watching (a refused connection emits connectionLost and retries)."""
        if self.running:
            return
        self.running = True
        if self._connecting:  # a reconnect from before a stop() is under way: it reports back
            return
        try:
            self.source.connect()
        except ConnectionLostError as exc:
            self._lose(user_message(exc))
            return
        self._connected()

    def external_change(self) -> None:
        """Another source (the web app's socket.io relay) says the data changed: resync soon."""
        if self.running and not self.lost:
            self.pending.add(RELOAD)
            self._schedule_flush()

    def stop(self) -> None:
        """Stop watching and close the feed's connection."""
        self.running = False
        for timer in (self._flush_timer, self._poll_timer, self._retry_timer):
            timer.stop()
        self._unwatch()
        self.pending.take()

    # -- watching ------------------------------------------------------------------------
    def _watch(self) -> None:
        if not self.source.polled:
            self._notifier = QSocketNotifier(self.source.fileno(), QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._read_postgres)
            self._read_postgres()  # anything that arrived while connecting
        else:
            self._poll_timer.start()

    def _unwatch(self) -> None:
        self._poll_timer.stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)  # before its socket closes
            self._notifier.deleteLater()
            self._notifier = None
        self.source.close()

    def _read_postgres(self, *_args) -> None:
        if self._drain():
            self._schedule_flush()

    def _drain(self) -> bool:
        """Fold what the socket holds into `pending`; True when something new came."""
        if self._notifier is None:
            return False
        try:
            changes = self.source.poll()
        except ConnectionLostError as exc:
            self._lose(user_message(exc))
            return False
        for change in changes:
            self.pending.add(change)
        return bool(changes)

    def _poll_sqlite(self) -> None:
        try:
            changed = self.source.poll()
        except ConnectionLostError as exc:
            self._lose(user_message(exc))
            return
        if changed:
            self.pending.add(RELOAD)  # data_version says "something": the board resyncs
            self._schedule_flush()

    def _schedule_flush(self) -> None:
        if not self._flush_timer.isActive():
            self._burst.start()
            self._flush_timer.start()
        elif self._burst.elapsed() + COALESCE_MS < MAX_WAIT_MS:
            self._flush_timer.start()  # still inside the burst: wait for it to end

    def _flush(self) -> None:
        if self.postgres:
            self._drain()  # the tail of a burst already in the socket belongs to it
            if self.lost:
                return
        reload, changed, removed = self.pending.take()
        if reload:
            self.boardChanged.emit()
            return
        for task_id in removed:
            self.taskRemoved.emit(task_id)
        for task_id in changed:
            self.taskChanged.emit(task_id)

    # -- losing and getting back the connection ------------------------------------------
    def _lose(self, reason: str) -> None:
        self._flush_timer.stop()
        self.pending.take()
        self._unwatch()
        if not self.running:
            return
        if not self.lost:
            self.lost = True
            log.warning("live updates: %s", reason)
            self.connectionLost.emit(reason)
        delay = self.backoff.next_delay()
        self._retry_timer.start(int(delay * 1000))

    def _retry(self) -> None:
        """Connect a new feed off the UI thread (it can take seconds); swapped in on success."""
        # The UI thread and the background connect never share a source: stop() may close
        # `self.source` at any time, the new one is only the pool thread's until it reports.
        if not self.running or self._connecting:
            return
        self._connecting = True
        fresh, attempt = self._new_source(), self._attempt

        def connect() -> None:
            try:
                fresh.connect()
                outcome = None
            except ConnectionLostError as exc:
                outcome = user_message(exc)
            try:
                attempt.finished.emit(fresh, outcome)
            except RuntimeError:  # the LiveUpdates was deleted meanwhile
                fresh.close()

        QThreadPool.globalInstance().start(connect)

    def _attempt_finished(self, fresh, outcome: str | None) -> None:
        self._connecting = False
        if not self.running or outcome is not None:
            fresh.close()
        if not self.running:
            return
        if outcome is not None:
            log.info("live updates: reconnect failed: %s", outcome)
            self._retry_timer.start(int(self.backoff.next_delay() * 1000))
            return
        self.source.close()  # closed by _lose already; the new feed takes its place
        self.source = fresh
        self._connected()

    def _connected(self) -> None:
        """Watch the new connection; after a loss, say so and have the board resync."""
        self.backoff.reset()
        self.modeChanged.emit(self.source.mode)
        was_lost, self.lost = self.lost, False
        if was_lost:
            reset_connection(self.session.database)  # it died with the server, most likely
        self._watch()
        if self.lost or not was_lost:  # fine from the start, or dropped again at once
            return
        log.info("live updates: connection restored")
        self.connectionRestored.emit()
        self.boardChanged.emit()
