"""The board's database worker: one thread with its own connection runs every query in order.

`worker.run_task(func, on_done, on_error)` queues `func()`; it runs on the worker thread (Picard's
one-thread pool, so writes keep their order) and the outcome comes back to the UI thread through
a Qt signal: `on_done(result)`, or `on_error(exc)` for what a database can do to us (it refused,
the connection broke, our own PhotoflowError). Anything else is a bug: it is raised again on the
UI thread, where tests see it. Peewee keeps one connection per thread: the worker takes over
the idle connection the session opened on the UI thread (or opens its own through the shared
database proxy on its first query) and gives it back when it stops; after a broken connection
it drops it there, so the next task reconnects.

Background reads (the stats, the status suggestions) run on a second thread with a connection
of its own, opened when the first one comes: a filter or a move never waits behind them, not
even behind one already running. All other tasks — every write — keep the order they were
given in, on the first thread.

`SynchronousWorker` has the same interface and runs each task at once on the calling thread
(Picard's FakeThreadPool): tests stay deterministic without sleeps.
"""

from __future__ import annotations

import itertools
import logging
import queue
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass

import peewee
import shiboken6
from PySide6.QtCore import QObject, QThread, Signal

from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.domain.pg_driver import driver_errors
from photoflow_desktop.domain.reconnect import recover_from

log = logging.getLogger(__name__)

# Task order: what the user waits for (pages, changes, counts) before the stats; a stop last.
URGENT, BACKGROUND, LAST = 0, 1, 2
# What a query can meet that is not a bug of ours: the user sees it, the board stays usable.
EXPECTED_ERRORS = (PhotoflowError, peewee.PeeweeException)


@dataclass
class _Task:
    func: Callable[[], object]
    on_done: Callable[[object], None] | None
    on_error: Callable[[Exception], None] | None
    read_only: bool = False  # safe to run again after the connection was replaced
    result: object = None
    error: BaseException | None = None


def _execute(task: _Task) -> None:
    """Run one task here, keeping its result or error (a lost connection is dropped).

    A read that met a dead connection (an idle timeout, a server restart) runs once more on a
    fresh one; a write never does: the user sees it failed and decides.
    """
    for attempt in (1, 2):
        try:
            task.result = task.func()
            return
        except EXPECTED_ERRORS as exc:
            task.error = exc
            lost = isinstance(exc, peewee.PeeweeException) and recover_from(exc, database_proxy)
            if not (lost and task.read_only and attempt == 1):
                return
            log.info("the worker's connection was replaced; reading again")
            task.error = None
        except Exception as exc:  # a bug: carried to the UI thread and raised there
            task.error = exc
            return


def _deliver(task: _Task) -> None:
    """Call the task's callback on this (the UI) thread; a bug is raised here."""
    for callback in (task.on_done, task.on_error):
        owner = getattr(callback, "__self__", None)
        if isinstance(owner, QObject) and not shiboken6.isValid(owner):
            return  # its widget is gone (the window closed while the task ran)
    error = task.error
    if error is None:
        if task.on_done is not None:
            task.on_done(task.result)
        return
    if not isinstance(error, EXPECTED_ERRORS):
        raise error
    log.info("database task failed: %s", str(error).strip().splitlines()[:1])
    if task.on_error is not None:
        task.on_error(error)


class SynchronousWorker(QObject):
    """Runs each task at once on the calling thread (tests, and the CLI's selftest)."""

    busyChanged = Signal(bool)

    def run_task(
        self,
        func: Callable[[], object],
        on_done: Callable[[object], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        read_only: bool = False,
        background: bool = False,
    ) -> None:
        """Run `func()` now and call `on_done(result)` or `on_error(exc)`."""
        task = _Task(func, on_done, on_error, read_only)
        _execute(task)
        _deliver(task)

    @property
    def busy(self) -> bool:
        """Never busy: every task is done when run_task returns."""
        return False

    def stop(self) -> None:
        """Nothing runs in the background."""

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Every task is done already."""
        return True


def _hand_over_connection() -> tuple[peewee.Database, object] | None:
    """Take the calling thread's idle open connection away from it, for the worker to adopt.

    The session connected on the UI thread to check the database answers; the UI thread runs no
    board query after that, so the worker takes that connection over instead of opening another
    (a connect costs two round trips). Should the UI thread query later, it opens its own.
    """
    database = database_proxy.obj
    if database is None or database.is_closed() or database.in_transaction():
        return None
    state = database._state  # peewee keeps one connection per thread in this thread-local
    connection = state.conn
    state.reset()
    return database, connection


class _WorkerThread(QThread):
    """Takes tasks from a queue until it gets None; posts each finished task back."""

    finished_task = Signal(object)

    def __init__(
        self,
        tasks: queue.PriorityQueue,
        name: str = "databaseWorker",
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._tasks = tasks
        self.adopted: tuple[peewee.Database, object] | None = None
        self.returned: tuple[peewee.Database, object] | None = None
        self.setObjectName(name)

    def run(self) -> None:
        """The worker's loop (on its own thread, with its own connection)."""
        if self.adopted is not None and self.adopted[0] is database_proxy.obj:
            self.adopted[0]._state.set_connection(self.adopted[1])
        self.adopted = None
        try:
            while (task := self._tasks.get()[2]) is not None:
                _execute(task)
                self.finished_task.emit(task)
        finally:
            self.returned = _hand_over_connection()  # back to the thread that stops us


class DatabaseWorker(QObject):
    """A background thread with its own connection runs tasks in the order they were given;
    background reads run on a second one, so they never hold up the first."""

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._tasks: queue.PriorityQueue = queue.PriorityQueue()  # (priority, order, task)
        self._background_tasks: queue.PriorityQueue = queue.PriorityQueue()
        self._order = itertools.count()
        self._waiting = 0
        self._thread = self._start_thread(self._tasks, "databaseWorker")
        self._thread.adopted = _hand_over_connection()
        self._thread.start()
        self._background: _WorkerThread | None = None  # started by the first background read
        self._stopped = False

    def _start_thread(self, tasks: queue.PriorityQueue, name: str) -> _WorkerThread:
        thread = _WorkerThread(tasks, name)
        thread.finished_task.connect(self._finished)  # queued: runs on our thread
        return thread

    def run_task(
        self,
        func: Callable[[], object],
        on_done: Callable[[object], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        read_only: bool = False,
        background: bool = False,
    ) -> None:
        """Queue `func()` for the worker; `on_done(result)` / `on_error(exc)` run on this thread.

        `read_only`: the task only reads, so it may run again after a dead connection.
        `background`: a read nobody waits for (the stats): it runs on the second thread.
        """
        if self._stopped:
            log.debug("database task dropped: the worker has stopped")
            return
        self._waiting += 1
        if self._waiting == 1:
            self.busyChanged.emit(True)
        task = _Task(func, on_done, on_error, read_only or background)
        if not background:
            self._put(self._tasks, URGENT, task)
            return
        if self._background is None:
            self._background = self._start_thread(self._background_tasks, "databaseReader")
            self._background.start()
        self._put(self._background_tasks, BACKGROUND, task)

    def _put(self, tasks: queue.PriorityQueue, priority: int, task: _Task | None) -> None:
        tasks.put((priority, next(self._order), task))

    def _finished(self, task: _Task) -> None:
        self._waiting -= 1
        if self._stopped:
            return  # the board is closing: nobody waits for this answer any more
        if self._waiting == 0:
            self.busyChanged.emit(False)
        _deliver(task)

    @property
    def busy(self) -> bool:
        """True while tasks wait or run."""
        return self._waiting > 0

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Block until the tasks queued so far ran (before the models are bound elsewhere)."""
        if self._stopped:
            return True
        queues = [self._tasks] + ([self._background_tasks] if self._background else [])
        reached = []
        for tasks in queues:
            reached.append(threading.Event())
            self._put(tasks, LAST, _Task(reached[-1].set, None, None))
            self._waiting += 1
        return all(event.wait(msecs / 1000) for event in reached)

    def stop(self, msecs: int = 30_000) -> None:
        """Finish the queued tasks and end the threads; the first one's connection comes back
        to this thread, the second one's is closed."""
        self._stopped = True
        for thread, tasks in (
            (self._thread, self._tasks),
            (self._background, self._background_tasks),
        ):
            if thread is None or not thread.isRunning():
                continue
            self._put(tasks, LAST, None)
            thread.wait(msecs)
            returned, thread.returned = thread.returned, None
            if returned is not None:
                _take_back(*returned)


def _take_back(database: peewee.Database, connection) -> None:
    """A stopped thread's connection: this thread's again if it has none, else closed."""
    if database is database_proxy.obj and database.is_closed():
        database._state.set_connection(connection)  # the session keeps its connection
        return
    try:  # bound elsewhere meanwhile, or this thread has one of its own again
        database._close(connection)
    except (peewee.PeeweeException, sqlite3.Error, *driver_errors()):
        log.debug("closing the worker's connection failed", exc_info=True)
