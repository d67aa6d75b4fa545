"""Start the GUI: the log file, the error box for unexpected errors, then the board."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from logging.handlers import RotatingFileHandler

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.domain.reconnect import recover_from
from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.install import install_language
from photoflow_desktop.i18n.messages import user_message
from photoflow_desktop.paths import user_data_dir
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.connection.opening import start_session
from photoflow_desktop.ui.connection.startup import APP_NAME

log = logging.getLogger(__name__)

LOG_FILE_NAME = "photoflow.log"


def log_file_path():
    """Where the GUI writes its log (unexpected errors land here with their traceback)."""
    return user_data_dir() / LOG_FILE_NAME


def _setup_file_logging() -> None:
    old_umask = os.umask(0o077)  # the log names databases and orders: readable by the user only
    try:
        handler = RotatingFileHandler(log_file_path(), maxBytes=1_000_000, backupCount=2)
    finally:
        os.umask(old_umask)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    logging.getLogger().addHandler(handler)


class ErrorReporter:
    """sys.excepthook for the GUI: log the traceback, show a message box, keep running."""

    def __init__(self, previous=sys.__excepthook__):
        self.previous = previous
        self.box: QMessageBox | None = None

    def install(self) -> None:
        """Become sys.excepthook."""
        sys.excepthook = self

    def __call__(self, exc_type, exc, tb) -> None:
        """Log an uncaught exception and show it in one message box (the default hook if no app)."""
        if issubclass(exc_type, KeyboardInterrupt) or QApplication.instance() is None:
            self.previous(exc_type, exc, tb)
            return
        log.error("Unexpected error:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        if self.box is not None and self.box.isVisible():
            return  # one box at a time: a repeating error must not flood the screen
        try:
            self.box = self._message_box(exc)
            self.box.open()
        except RuntimeError:  # a window already deleted on the C++ side: the default report
            self.previous(exc_type, exc, tb)

    def _message_box(self, exc: BaseException) -> QMessageBox:
        lost_connection = recover_from(exc, database_proxy)  # drops a dead connection too
        if isinstance(exc, PhotoflowError):
            icon, text = QMessageBox.Icon.Warning, user_message(exc)
        elif lost_connection:
            icon, text = QMessageBox.Icon.Warning, lost_connection
        else:
            icon = QMessageBox.Icon.Critical
            text = translate(
                "App",
                "Something went wrong: {error}\n\n"
                "PhotoFlow keeps running. The details were written to {file}.",
            ).format(error=f"{type(exc).__name__}: {exc}", file=log_file_path())
        box = QMessageBox(icon, APP_NAME, text, QMessageBox.StandardButton.Ok)
        box.setParent(QApplication.activeWindow(), box.windowFlags())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._forget_box)
        return box

    def _forget_box(self) -> None:
        self.box = None


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("photoflow")  # matches resources/photoflow.desktop (icon, task bar)
    from photoflow_desktop.ui.common.icons import app_icon

    app.setWindowIcon(app_icon())
    return app


def _start_automatic_backup(window) -> None:
    """Back up in the background when the saved policy says one is due; tell the status bar."""
    from photoflow_desktop.ui.maintenance.auto_backup_tab import start_automatic_backup

    def done(result) -> None:
        path = getattr(result, "path", None)
        if path:
            window.statusBar().showMessage(
                translate("App", "Automatic backup written: {path}").format(path=path), 10_000
            )

    def failed(exc) -> None:
        QMessageBox.warning(  # messages are masked
            window, translate("App", "Automatic backup failed"), user_message(exc)
        )

    start_automatic_backup(window.session, window.jobs, on_done=done, on_error=failed)


def run_gui(cli_url: str | None, language: str = "en") -> int:
    """Open the database (asking when needed), show the board and run the event loop."""
    app = _application()
    install_language(language)
    _setup_file_logging()
    ErrorReporter(sys.excepthook).install()
    jobs = JobRunner(app)
    session = start_session(cli_url, jobs)
    if session is None:
        return 1
    # The board window's modules load only now: the start-up dialogs come up without them.
    from photoflow_desktop.ui.connection.board_host import BoardHost

    host = BoardHost(jobs)
    _start_automatic_backup(host.show(session))
    try:
        return app.exec()
    finally:
        host.close()
