"""Shows the board of one database at a time; File → Connect switches it to another database.

The models share one global database proxy, so a switch stops the old board's live feed and
jobs, lets its worker finish what it was given, then opens (and if needed migrates) the new
database in background jobs — the old board stays on screen, disabled, with a progress dialog —
and only then replaces the window. When the new database cannot be used, the old board comes
back, bound to its own database again and re-read, and one line says why.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from photoflow_desktop.domain.db import bind
from photoflow_desktop.i18n import translate
from photoflow_desktop.session import Session
from photoflow_desktop.ui.board.main_window import MainWindow
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.connection.live_board import attach_live_updates
from photoflow_desktop.ui.connection.opening import Confirm, DatabaseOpening
from photoflow_desktop.ui.connection.socket_link import attach_socket_link
from photoflow_desktop.ui.connection.startup import APP_NAME, confirm_migration


class BoardHost(QObject):
    """Owns the current session, its window and its live feed."""

    switched = Signal(bool)  # a switch ended: True when the new board shows, False: the old stays

    def __init__(
        self,
        jobs: JobRunner,
        parent: QObject | None = None,
        worker_factory: Callable[[], object] | None = None,
        confirm: Confirm = confirm_migration,
    ):
        super().__init__(parent)
        self.jobs = jobs
        self._worker_factory = worker_factory  # None: each window starts its database thread
        self._confirm = confirm
        self.opening: DatabaseOpening | None = None  # the switch under way
        self.session: Session | None = None
        self.window: MainWindow | None = None
        self.live = None
        self.link = None  # the window's link to the web app's socket.io server
        self.message: QMessageBox | None = None  # the last "could not switch" box (tests read it)

    def show(self, session: Session) -> MainWindow:
        """Open the board of `session` (the previous window, if any, is the caller's to close)."""
        worker = self._worker_factory() if self._worker_factory else None
        window = MainWindow(session, self.jobs, worker=worker)
        window.switchRequested.connect(self.switch_to)
        self.session, self.window = session, window
        self.live = attach_live_updates(window)
        old_link, self.link = self.link, attach_socket_link(window, lambda: self.live)
        if old_link is not None:
            old_link.stop()
        window.show()
        return window

    def switch_to(self, url: str) -> None:
        """Open `url` in the background and then show its board instead; `switched` tells.

        Meanwhile the old board stays on screen, disabled (nothing may reach the database being
        replaced); when `url` cannot be used it comes back as it was.
        """
        if self.opening is not None:
            return  # one switch at a time
        old_session, old_window = self.session, self.window
        if old_window.pending:
            self._tell(
                translate(
                    "Connection",
                    "%n change(s) still wait for {url}. Save or discard them (File → Quit asks) "
                    "before opening another database.",
                    None,
                    len(old_window.pending),
                ).format(url=old_session.display_url)
            )
            self.switched.emit(False)
            return
        self.live.stop()
        self.jobs.wait_all()
        old_window.setEnabled(False)
        opening = self.opening = DatabaseOpening(self.jobs, self._confirm, self)
        opening.finished.connect(
            lambda session, problem: self._opened(old_session, old_window, session, problem)
        )
        opening.start(url, after=old_window.worker)

    def _opened(self, old_session: Session, old_window: MainWindow, session, problem) -> None:
        self.opening.deleteLater()
        self.opening = None
        if session is None:
            bind(old_session.database)
            if shiboken6.isValid(old_window):
                old_window.setEnabled(True)
                self.live = attach_live_updates(old_window)
                old_window.board.resync()  # what it read while the other database was bound
            self._tell(
                translate("Connection", "The board stays on {url}: {problem}").format(
                    url=old_session.display_url, problem=problem
                )
            )
            self.switched.emit(False)
            return
        self.show(session)
        if shiboken6.isValid(old_window):
            old_window.close()
            old_window.deleteLater()
        old_session.close()
        self.switched.emit(True)

    def close(self) -> None:
        """Stop the live feed and background work, then close the database."""
        if self.live is not None:
            self.live.stop()
        if self.link is not None:
            self.link.stop()
        self.jobs.wait_all()
        if self.session is not None:
            self.session.close()

    def _tell(self, text: str) -> None:
        self.message = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text, parent=self.window)
        self.message.open()
