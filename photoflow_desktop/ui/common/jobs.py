"""Run long work off the UI thread with progress and cancel (DESIGN.md §7).

`JobRunner.start(fn, on_done, on_error)` runs `fn(job)` on a QThreadPool; `fn` may call
`job.report(done, total, text)` and should check `job.cancelled`. Results and errors come
back to the UI thread through Qt signals. Tests can use `JobRunner(synchronous=True)` to run
jobs inline (Picard's FakeThreadPool idea): deterministic, no sleeps.
"""

from __future__ import annotations

import logging
import subprocess
import threading
from collections.abc import Callable

import peewee
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.domain.pg_driver import driver_errors

log = logging.getLogger(__name__)

# What background work can meet that is not a bug: our errors, the database's, the disk's and
# the external tools' (pg_dump, psql); psycopg2's are added by job_errors once it is loaded.
JOB_ERRORS = (
    PhotoflowError,
    peewee.PeeweeException,
    OSError,
    subprocess.SubprocessError,
)


def job_errors() -> tuple[type[Exception], ...]:
    """JOB_ERRORS and, on PostgreSQL, the driver's errors (psycopg2 loads with the database)."""
    return (*JOB_ERRORS, *driver_errors())


class Job(QObject):
    """One piece of background work: signals to the UI thread, a cancel flag."""

    progress = Signal(int, int, str)  # done, total, text
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    finished = Signal()  # after succeeded or failed

    def __init__(self, fn: Callable[[Job], object], parent: QObject | None = None):
        super().__init__(parent)
        self._fn = fn
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        """True once the user asked to stop."""
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the work to stop at its next check."""
        self._cancel.set()

    def report(self, done: int, total: int, text: str = "") -> None:
        """Report progress (thread-safe: delivered on the UI thread)."""
        self.progress.emit(done, total, text)

    def run(self) -> None:
        """Run the work here (worker thread or inline) and emit the outcome."""
        try:
            result = self._fn(self)
        except job_errors() as exc:  # what the work can meet reaches the UI as a message
            log.info("Job failed: %s", exc)
            self.failed.emit(exc)
        except Exception as exc:  # a bug: the UI still hears of it, and it is raised again
            log.exception("Job crashed")
            self.failed.emit(exc)
            raise
        else:
            self.succeeded.emit(result)
        finally:
            _close_thread_connection()
            self.finished.emit()


def _close_thread_connection() -> None:
    """A worker thread's database connection is its own (peewee); close it when done."""
    try:
        if (
            database_proxy.obj is not None
            and threading.current_thread() is not threading.main_thread()
        ):
            database_proxy.close()
    except (peewee.PeeweeException, *driver_errors()):  # must not hide the job's own result
        log.debug("closing the worker's connection failed", exc_info=True)


class _Runnable(QRunnable):
    def __init__(self, job: Job):
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job.run()


class JobRunner(QObject):
    """Starts jobs on a thread pool (or inline when `synchronous`), keeping them alive."""

    def __init__(
        self, parent: QObject | None = None, synchronous: bool = False, max_threads: int = 2
    ):
        super().__init__(parent)
        self._synchronous = synchronous
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._running: set[Job] = set()

    def start(
        self,
        fn: Callable[[Job], object],
        on_done: Callable[[object], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> Job:
        """Run `fn(job)` in the background; callbacks run on the UI thread."""
        job = Job(fn)
        if on_done:
            job.succeeded.connect(on_done)
        if on_error:
            job.failed.connect(on_error)
        if on_progress:
            job.progress.connect(on_progress)
        self._running.add(job)
        job.finished.connect(lambda: self._running.discard(job))
        if self._synchronous:
            job.run()
        else:
            self._pool.start(_Runnable(job))
        return job

    def wait_all(self, msecs: int = 30_000) -> bool:
        """Block until every job finished (for shutdown and tests)."""
        return self._pool.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        """True while a job runs."""
        return bool(self._running)
