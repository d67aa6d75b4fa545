"""What every maintenance tab shares: the backend, the job runner, prompts, one job at a time."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget
from shiboken6 import isValid

from photoflow_desktop.config import mask_url
from photoflow_desktop.domain.db import postgres_params
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.messages import user_message
from photoflow_desktop.maintenance import pg_runner
from photoflow_desktop.maintenance.backends import backend_for
from photoflow_desktop.maintenance.base import Cancelled
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.common.progress import JobProgress
from photoflow_desktop.ui.maintenance.prompts import Prompts

log = logging.getLogger(__name__)

Work = Callable[[Callable[[int, int, str], None], Callable[[], bool]], object]


def local_time(value: datetime | None) -> str:
    """A naive UTC time shown in the computer's local time, or 'never'."""
    if value is None:
        return translate("Maintenance", "never")
    return value.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _says_unchanged(message: str) -> bool:
    lowered = message.lower()
    return "unchanged" in lowered or "not changed" in lowered


class MaintenanceContext(QObject):
    """The session's maintenance backend plus the rules: one job at a time, masked errors."""

    busyChanged = Signal(bool)
    dataReplaced = Signal()  # restore, migrate, rollback, reset: views reload
    backupsChanged = Signal()  # a backup was written: lists and health refresh

    def __init__(self, session, jobs: JobRunner, prompts: Prompts, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.jobs = jobs
        self.prompts = prompts
        self.backend = backend_for(session)
        self.busy = False
        self._secret = (
            postgres_params(session.url).password if session.backend == "postgresql" else None
        )

    @property
    def display_url(self) -> str:
        """The database URL with its password masked."""
        return mask_url(self.session.url)

    @property
    def target(self) -> str:
        """The database as shown to the user: the file, or name on host plus the masked URL."""
        if self.backend.name == "sqlite":
            return self.backend.display_name
        return f"{self.backend.display_name} ({self.display_url})"

    def mask(self, text: str) -> str:
        """`text` with the database password replaced by ***."""
        return pg_runner.mask(text, self._secret)

    def message_of(self, exc: BaseException) -> str:
        """A dialog-fit message for an error (our messages as they are; others named plainly)."""
        if isinstance(exc, PhotoflowError):
            return self.mask(user_message(exc))
        return self.mask(
            translate("Maintenance", "Unexpected error ({kind}): {problem}").format(
                kind=type(exc).__name__, problem=exc
            )
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busyChanged.emit(busy)

    def run(
        self,
        owner: QWidget,
        progress: JobProgress,
        status: QLabel,
        title: str,
        work: Work,
        on_done: Callable[[object], None],
        failure_note: str = "",
        value_text: Callable[[int], str] | None = None,
    ) -> bool:
        """Run `work(progress, should_cancel)` as a job; errors go to a message box.

        `value_text` formats the progress amounts (e.g. `human_size` when they are bytes).
        """
        if self.busy:
            return False
        self._set_busy(True)
        progress.begin(title, value_text)
        status.clear()

        def job_fn(job):
            return work(job.report, lambda: job.cancelled or progress.stop_requested())

        def done(result) -> None:
            if not isValid(owner):  # the window was destroyed while the job ran
                return
            progress.finish()
            self._set_busy(False)
            on_done(result)

        def failed(exc) -> None:
            if not isValid(owner):
                log.info("%s ended after its window closed: %s", title, self.message_of(exc))
                return
            progress.finish()
            self._set_busy(False)
            if isinstance(exc, Cancelled):
                status.setText(self.mask(user_message(exc)))
                return
            if not isinstance(exc, PhotoflowError):
                log.error("%s failed", title, exc_info=exc)
            message = self.message_of(exc)
            if failure_note and not _says_unchanged(message):
                message = f"{message}\n\n{failure_note}"
            failed_title = translate("Maintenance", "{action} failed").format(action=title)
            status.setText(failed_title + ".")
            self.prompts.error(owner, failed_title, message)

        job = self.jobs.start(job_fn, done, failed, progress.update_progress)
        progress.attach(job)
        return True


class MaintenanceTab(QWidget):
    """A tab of the panel: the shared context plus a progress bar and a status line for its jobs."""

    def __init__(self, context: MaintenanceContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.progress = JobProgress()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def run_job(
        self,
        title: str,
        work: Work,
        on_done: Callable[[object], None],
        status: QLabel | None = None,
        **options,
    ) -> bool:
        """`context.run` with this tab's progress and status line (or another `status` label)."""
        label = self.status if status is None else status
        return self.context.run(self, self.progress, label, title, work, on_done, **options)
