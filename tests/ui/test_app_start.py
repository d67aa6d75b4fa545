"""Starting the GUI: a database that cannot be opened offers choices; a new user starts at once."""

from __future__ import annotations

import logging
import stat
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from photoflow_desktop.config import embedded_default_url
from photoflow_desktop.domain.columns import list_columns
from photoflow_desktop.domain.db import sqlite_path
from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.maintenance import migrations
from photoflow_desktop.ui.app import ErrorReporter, log_file_path, run_gui
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.connection.opening import start_session
from photoflow_desktop.ui.connection.startup import (
    MigrationDecision,
    StartupChoice,
    StartupDialog,
    migration_question,
)
from tests.support import postgres

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
UNREACHABLE = "postgresql://photoflow:topsecret@127.0.0.1:1/photoflow"


@pytest.fixture
def jobs(qapp):
    return JobRunner(synchronous=True)


@pytest.fixture
def sessions():
    opened = []
    yield opened
    for session in opened:
        session.close()


class Recorder:
    """Stands in for the user: records what was asked and answers from a script."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.asked: list[str] = []

    def __call__(self, question, *rest):
        self.asked.append(question)
        return self.answers.pop(0)


def test_an_unreachable_server_gives_a_one_line_diagnosis(decide):
    decision = decide(UNREACHABLE)
    assert decision.session is None
    assert decision.problem.startswith("Cannot reach the PostgreSQL server at 127.0.0.1:1")
    assert "\n" not in decision.problem and "topsecret" not in decision.problem


def test_a_new_user_gets_the_embedded_database_migrated_without_a_question(decide):
    decision = decide(None)
    try:
        assert decision.migration is MigrationDecision.AUTO
        assert decision.session.url == embedded_default_url()
    finally:
        decision.session.close()


def test_unreachable_server_offers_the_dialog_and_local_database_works(jobs, sessions, decide):
    choose = Recorder(StartupChoice.LOCAL)
    confirm = Recorder()  # must not be asked: the embedded default is new
    session = start_session(UNREACHABLE, jobs, choose=choose, confirm=confirm)
    sessions.append(session)

    assert len(choose.asked) == 1 and "Cannot reach" in choose.asked[0]
    assert confirm.asked == []
    assert session.url == embedded_default_url()
    assert migrations.status().up_to_date
    assert [c.title for c in list_columns()] == ["To do", "In progress", "Done"]
    assert stat.S_IMODE(sqlite_path(session.url).stat().st_mode) == 0o600
    assert decide(None).migration is MigrationDecision.NONE  # next start: straight in


def test_quit_returns_no_session(jobs):
    assert start_session(UNREACHABLE, jobs, choose=Recorder(StartupChoice.QUIT)) is None


def test_connect_to_uses_the_url_from_the_connect_dialog(jobs, sessions, pg_server, request):
    url = postgres.create_database(pg_server)
    request.addfinalizer(lambda: postgres.drop_database(pg_server, url))
    choose = Recorder(StartupChoice.CONNECT)
    confirm = Recorder(True)
    session = start_session(
        UNREACHABLE, jobs, choose=choose, connect_url=lambda _jobs: url, confirm=confirm
    )
    sessions.append(session)
    assert session.url == url
    assert confirm.asked == [session]  # a server database is migrated only after asking
    assert migrations.status().up_to_date
    assert len(list_columns()) == 3


def test_a_server_database_is_only_migrated_after_asking(jobs, pg_server, request, decide):
    url = postgres.create_database(pg_server)
    request.addfinalizer(lambda: postgres.drop_database(pg_server, url))
    decision = decide(url)
    try:
        assert decision.migration is MigrationDecision.ASK
        question = migration_question(decision.session, decision.status)
        pending = decision.status.pending
        assert pending[:2] == ["001_initial", "002_board_columns_and_indexes"]
        assert f"needs {len(pending)} updates before PhotoFlow can open it: 001_initial, 002_" in (
            question
        )
        assert "a backup is written first" in question
    finally:
        decision.session.close()

    choose = Recorder(StartupChoice.QUIT)
    assert start_session(url, jobs, choose=choose, confirm=Recorder(False)) is None
    assert "needs database updates that were not applied (001_initial" in choose.asked[0]
    decision = decide(url)
    try:
        assert not decision.status.up_to_date  # declining changed nothing
    finally:
        decision.session.close()


def test_startup_dialog_shows_the_diagnosis_and_three_choices(qtbot):
    dialog = StartupDialog("Cannot reach the PostgreSQL server at studio-nas:5432: check …")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "studio-nas:5432" in dialog.problem_label.text()
    SCREENSHOTS.mkdir(exist_ok=True)
    assert dialog.grab().save(str(SCREENSHOTS / "startup_dialog.png"))
    assert [b.text() for b in (dialog.connect_button, dialog.local_button, dialog.quit_button)] == [
        "Connect to…",
        "Use local database",
        "Quit",
    ]
    qtbot.mouseClick(dialog.local_button, Qt.MouseButton.LeftButton)
    assert dialog.choice is StartupChoice.LOCAL
    assert dialog.result() == StartupDialog.DialogCode.Accepted


def test_the_error_hook_logs_and_shows_one_box(qtbot, caplog):
    reporter = ErrorReporter(previous=lambda *args: pytest.fail("fell back to the default hook"))
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        info = sys.exc_info()
    with caplog.at_level(logging.ERROR):
        reporter(*info)
        reporter(*info)  # the same error again: still one box
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    visible = [b for b in boxes if b.isVisible()]
    assert len(visible) == 1
    assert "Something went wrong: RuntimeError: boom" in visible[0].text()
    assert "Traceback" in caplog.text and "boom" in caplog.text
    visible[0].accept()
    assert reporter.box is None

    reporter(ValidationError, ValidationError("Title is required"), None)
    assert reporter.box.text() == "Title is required"
    reporter.box.accept()

    import psycopg2

    dropped = psycopg2.OperationalError("server closed the connection unexpectedly")
    reporter(type(dropped), dropped, None)
    assert "connection to the database was lost" in reporter.box.text()
    assert "psycopg2" not in reporter.box.text()
    reporter.box.accept()


@pytest.fixture
def gui_hooks(monkeypatch):
    """run_gui installs an excepthook and a log file handler: undo both after the test."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    handlers = list(logging.getLogger().handlers)
    yield
    for handler in logging.getLogger().handlers:
        if handler not in handlers:
            logging.getLogger().removeHandler(handler)
            handler.close()


def when_shown(kind, act, ready=lambda _widget: True):
    """Call `act(widget)` once a top-level widget of `kind` is visible (and `ready`)."""

    def poll():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible() and ready(widget):
                act(widget)
                return
        QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def test_run_gui_opens_the_board_of_a_new_user_and_exits_cleanly(qapp, gui_hooks):
    from photoflow_desktop.ui.board.main_window import MainWindow

    seen = {}

    def look_and_close(window):
        seen["title"] = window.windowTitle()
        seen["columns"] = window.board.column_keys()
        seen["icon"] = not QApplication.windowIcon().isNull()
        window.close()

    # The board reads its columns on its database thread: look once they are in.
    when_shown(MainWindow, look_and_close, ready=lambda window: bool(window.board.columns))
    assert run_gui(None) == 0
    assert seen["columns"] == ["1", "2", "3"]  # the embedded database was migrated
    assert seen["icon"]
    assert QApplication.applicationName() == "PhotoFlow"
    assert QApplication.organizationName() == "PhotoFlow"
    assert sys.excepthook.__class__.__name__ == "ErrorReporter"
    assert log_file_path().exists()


def test_run_gui_offers_choices_when_the_server_is_unreachable(qapp, gui_hooks):
    shown = {}

    def quit_from_dialog(dialog):
        shown["problem"] = dialog.problem_label.text()
        dialog.quit_button.click()

    when_shown(StartupDialog, quit_from_dialog)
    assert run_gui(UNREACHABLE) == 1
    assert shown["problem"].startswith("Cannot reach the PostgreSQL server at 127.0.0.1:1")


def test_automatic_backup_runs_on_start_when_due_and_not_again(window):
    from photoflow_desktop.maintenance import backups
    from photoflow_desktop.ui.app import _start_automatic_backup

    _start_automatic_backup(window)
    assert backups.list_backups() == []  # off by default
    backups.save_policy(backups.AutoBackupPolicy(enabled=True, interval_hours=24, keep=3))
    _start_automatic_backup(window)
    written = backups.list_backups()
    assert len(written) == 1 and written[0].path.stat().st_mode & 0o777 == 0o600
    assert str(written[0].path) in window.statusBar().currentMessage()
    _start_automatic_backup(window)  # the newest is fresh: nothing is due
    assert len(backups.list_backups()) == 1
