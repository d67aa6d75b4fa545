"""Shows the board of one database at a time; File → Connect switches it to another database.

The models share one global database proxy, so a switch stops the old board's live feed and
jobs, opens (and if needed migrates) the new database, and only then replaces the window. When
the new database cannot be used, the old board stays, bound to its own database again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from photoflow_desktop.domain.db import bind
from photoflow_desktop.i18n import translate
from photoflow_desktop.session import Session
from photoflow_desktop.ui.board.main_window import MainWindow
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.connection.live_board import attach_live_updates
from photoflow_desktop.ui.connection.socket_link import attach_socket_link
from photoflow_desktop.ui.connection.startup import APP_NAME, try_open


class BoardHost(QObject):
    """Owns the current session, its window and its live feed."""

    def __init__(
        self,
        jobs: JobRunner,
        open_database=try_open,
        parent: QObject | None = None,
        worker_factory: Callable[[], object] | None = None,
    ):
        super().__init__(parent)
        self.jobs = jobs
        self._worker_factory = worker_factory  # None: each window starts its database thread
        self._open_database = open_database
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

    def switch_to(self, url: str) -> bool:
        """Replace the board with the one of `url`; False (old board kept) when that fails."""
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
            return False
        self.live.stop()
        self.jobs.wait_all()
        old_window.worker.wait_idle()  # its queued reads and writes belong to the old database
        session, problem = self._open_database(url, self.jobs)
        if session is None:
            bind(old_session.database)
            self.live = attach_live_updates(old_window)
            self._tell(
                translate("Connection", "The board stays on {url}: {problem}").format(
                    url=old_session.display_url, problem=problem
                )
            )
            return False
        self.show(session)
        old_window.close()
        old_window.deleteLater()
        old_session.close()
        return True

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
