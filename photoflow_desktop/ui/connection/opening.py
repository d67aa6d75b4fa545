"""Opening a database for the board, off the UI thread: at start-up and when switching databases.

`DatabaseOpening` runs `decide_startup` as a background job (its progress dialog says which
database is being opened), asks before migrating a database that holds data, migrates in a second
job with progress and cancel, and ends with `finished(session, None)` or `finished(None, problem)`
— the problem one line that says what to do. `try_open` waits for it (start-up, before any window);
`start_session` is the start-up loop around it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog

from photoflow_desktop.config import embedded_default_url, mask_url
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.messages import user_message_line
from photoflow_desktop.maintenance import migrations
from photoflow_desktop.session import Session
from photoflow_desktop.ui.common.db_worker import DatabaseWorker, SynchronousWorker
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.connection.startup import (
    APP_NAME,
    MigrationDecision,
    StartupChoice,
    StartupDecision,
    ask_connect_url,
    ask_startup_choice,
    confirm_migration,
    decide_startup,
)

log = logging.getLogger(__name__)

Confirm = Callable[[Session, migrations.MigrationStatus], bool]
SHOW_AFTER_MS = 400  # a database that opens at once never flashes a dialog


def _progress_dialog(text: str, cancellable: bool) -> QProgressDialog:
    """A busy dialog (no parent: the board it would belong to is disabled meanwhile)."""
    dialog = QProgressDialog(text, translate("Startup", "Cancel"), 0, 0)
    dialog.setObjectName("openingProgress")
    dialog.setWindowTitle(APP_NAME)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    return dialog


class DatabaseOpening(QObject):
    """Opens (and if needed migrates) one database in background jobs; tells when it is done."""

    finished = Signal(object, object)  # Session | None, the problem (one line) | None

    def __init__(self, jobs: JobRunner, confirm: Confirm = confirm_migration, parent=None):
        super().__init__(parent)
        self._jobs = jobs
        self._confirm = confirm
        self._dialog: QProgressDialog | None = None
        self.done = False

    def start(
        self, url: str | None, after: DatabaseWorker | SynchronousWorker | None = None
    ) -> None:
        """Open `url` (None: the configured database) in a job; `finished` follows.

        `after`, a database worker: what it was given so far runs first (the board's last reads
        and writes belong to the database being replaced).
        """
        shown = mask_url(url) if url else mask_url(embedded_default_url())
        self._show(translate("Startup", "Opening {url}…").format(url=shown), cancellable=False)

        def decide() -> None:
            self._jobs.start(
                lambda _job: decide_startup(url), on_done=self._decided, on_error=self._crashed
            )

        if after is None:
            decide()
        else:
            after.run_task(lambda: None, on_done=lambda _nothing: decide(), background=True)

    def _show(self, text: str, cancellable: bool) -> QProgressDialog:
        self._close_dialog()
        self._dialog = _progress_dialog(text, cancellable)
        return self._dialog

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.reset()
            self._dialog.hide()
            self._dialog.deleteLater()
            self._dialog = None

    def _decided(self, decision: StartupDecision) -> None:
        session = decision.session
        if session is None:
            self._finish(None, decision.problem)
        elif decision.migration is MigrationDecision.NONE:
            self._finish(session, None)
        elif decision.migration is MigrationDecision.AUTO:
            self._migrate(session)
        else:
            self._close_dialog()  # the question comes first
            if self._confirm(session, decision.status):
                self._migrate(session)
            else:
                session.close()
                self._finish(
                    None,
                    translate(
                        "Startup", "{url} needs database updates that were not applied ({names})"
                    ).format(url=session.display_url, names=", ".join(decision.status.pending)),
                )

    def _migrate(self, session: Session) -> None:
        """Back up (when there is data) and migrate in a job, with progress and cancel."""
        from photoflow_desktop.maintenance import backend_for
        from photoflow_desktop.maintenance.guarded_migrations import migrate_with_backup

        backend = backend_for(session)
        dialog = self._show(translate("Startup", "Updating the database…"), cancellable=True)

        def on_progress(done: int, total: int, text: str) -> None:
            if self._dialog is not dialog:
                return
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)
            if text:
                dialog.setLabelText(
                    translate("Startup", "Updating the database… {step}").format(step=text)
                )

        job = self._jobs.start(
            lambda job: migrate_with_backup(
                backend, progress=job.report, should_cancel=lambda: job.cancelled
            ),
            on_done=lambda _outcome: self._migrated(session, None),
            on_error=lambda exc: self._migrated(session, exc),
            on_progress=on_progress,
        )
        if self._dialog is dialog:  # still migrating (a synchronous job is done already)
            dialog.canceled.connect(job.cancel)

    def _migrated(self, session: Session, error: Exception | None) -> None:
        if error is None:
            log.info("Database %s migrated", session.display_url)
            self._finish(session, None)
            return
        log.warning("Migrating %s failed: %s", session.display_url, error)
        session.close()
        if isinstance(error, PhotoflowError):
            self._finish(None, user_message_line(error))
            return
        self._finish(
            None,
            translate("Startup", "Updating the database failed: {problem}").format(
                problem=user_message_line(error)
            ),
        )

    def _crashed(self, exc: Exception) -> None:
        """What opening met beyond a diagnosis (a disk error, a driver error)."""
        self._finish(
            None,
            translate("Startup", "Cannot open the database: {problem}").format(
                problem=user_message_line(exc)
            ),
        )

    def _finish(self, session: Session | None, problem: str | None) -> None:
        self._close_dialog()
        self.done = True
        self.finished.emit(session, problem)


def try_open(
    url: str | None, jobs: JobRunner, confirm: Confirm = confirm_migration
) -> tuple[Session | None, str | None]:
    """(session on an up-to-date database, None) or (None, the one-line problem).

    Start-up has no board yet: this waits for the opening in a local event loop.
    """
    opening = DatabaseOpening(jobs, confirm)
    outcome: list[tuple[Session | None, str | None]] = []
    loop = QEventLoop()
    opening.finished.connect(lambda session, problem: outcome.append((session, problem)))
    opening.finished.connect(loop.quit)
    opening.start(url)
    if not outcome:  # synchronous jobs are done already
        loop.exec()
    opening.deleteLater()
    return outcome[0]


def start_session(
    cli_url: str | None,
    jobs: JobRunner,
    choose: Callable[[str], StartupChoice] = ask_startup_choice,
    connect_url: Callable[[JobRunner], str | None] = ask_connect_url,
    confirm: Confirm = confirm_migration,
) -> Session | None:
    """A session on an up-to-date database, asking the user as needed; None when they quit."""
    url = cli_url
    while True:
        session, problem = try_open(url, jobs, confirm)
        if session is not None:
            return session
        log.warning("Cannot open the database: %s", problem)
        choice = choose(problem)
        if choice is StartupChoice.QUIT:
            return None
        if choice is StartupChoice.LOCAL:
            url = embedded_default_url()
        elif choice is StartupChoice.CONNECT:
            url = connect_url(jobs) or url
