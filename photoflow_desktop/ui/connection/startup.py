"""Before the board: what opening a database found, and the dialogs that ask about it.

`decide_startup` is a plain function over a URL (it runs in a background job: `opening.py`);
the dialogs are only the faces of its decisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import peewee
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.config import embedded_default_url, mask_url
from photoflow_desktop.domain.db import describe_connection_error
from photoflow_desktop.domain.errors import DatabaseConnectionError
from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.messages import phrase, user_message
from photoflow_desktop.maintenance import migrations, web_app_schema
from photoflow_desktop.session import Session, open_session
from photoflow_desktop.ui.common.jobs import JobRunner

APP_NAME = "PhotoFlow"


class MigrationDecision(Enum):
    """What to do about pending migrations before the board opens."""

    NONE = "up to date"
    AUTO = "apply without asking"  # a brand-new embedded database: the user starts at once
    ASK = "ask first"  # a database that holds data, or a shared server


class StartupChoice(Enum):
    """The user's answer when the database cannot be used."""

    CONNECT = "connect"
    LOCAL = "local"
    QUIT = "quit"


@dataclass
class StartupDecision:
    """The outcome of trying a URL: a session to use (maybe after migrating) or a diagnosis."""

    session: Session | None
    problem: str | None = None
    migration: MigrationDecision = MigrationDecision.NONE
    status: migrations.MigrationStatus | None = None


def decide_startup(url: str | None) -> StartupDecision:
    """Open `url` (None: the configured database) and decide what must happen before the board."""
    try:
        session = open_session(url)
    except DatabaseConnectionError as exc:
        return StartupDecision(None, user_message(exc))
    damaged = _damaged_embedded_database(session)
    if damaged:
        session.close()  # never written to: no board, no migration on a damaged file
        return StartupDecision(None, damaged)
    try:
        status = migrations.status()
        fresh = "Tasks" not in session.database.get_tables()
    except peewee.DatabaseError as exc:
        session.close()
        return StartupDecision(None, phrase(describe_connection_error(exc, session.url)))
    missing = web_app_schema.missing_columns(session.database) if status.up_to_date else []
    if missing:
        session.close()
        return StartupDecision(None, phrase(web_app_schema.schema_changed_message(missing)))
    if status.up_to_date:
        decision = MigrationDecision.NONE
    elif fresh and session.backend == "sqlite":
        decision = MigrationDecision.AUTO
    else:
        decision = MigrationDecision.ASK
    return StartupDecision(session, None, decision, status)


def _damaged_embedded_database(session: Session) -> str | None:
    """The recovery text when the session's SQLite file fails the quick check, else None."""
    from photoflow_desktop.domain.db import sqlite_path
    from photoflow_desktop.maintenance import backend_for
    from photoflow_desktop.maintenance.recovery import (
        damaged_database_text,
        newest_restorable_backup,
    )
    from photoflow_desktop.maintenance.sqlite_damage import check_file

    if session.backend != "sqlite":
        return None
    path = sqlite_path(session.url)
    outcome = check_file(path)
    if not outcome.damaged:
        return None
    return damaged_database_text(path, outcome, newest_restorable_backup(backend_for(session)))


def migration_question(session: Session, status: migrations.MigrationStatus) -> str:
    """The confirmation text for applying `status.pending` to the session's database."""
    names = ", ".join(status.pending)
    text = translate(
        "Startup",
        "The database {url} needs %n update(s) before PhotoFlow can open it: {names}.",
        None,
        len(status.pending),
    ).format(url=session.display_url, names=names)
    if status.adoptable:
        text += "\n\n" + translate(
            "Startup",
            "It is a PhotoFlow web-app database: PhotoFlow Desktop adds only its own table "
            "(board columns) and indexes; the orders and the web app's tables stay as they are.",
        )
    text += "\n\n" + translate(
        "Startup", "If it holds data, a backup is written first. Apply the updates now?"
    )
    return text


class StartupDialog(QDialog):
    """'PhotoFlow cannot open the database': the diagnosis and Connect to… / local / Quit."""

    def __init__(self, problem: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(
            translate("Startup", "{app} — cannot open the database").format(app=APP_NAME)
        )
        self.choice = StartupChoice.QUIT
        heading = QLabel(translate("Startup", "<b>PhotoFlow cannot open the database</b>"))
        self.problem_label = QLabel(problem)
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.connect_button = QPushButton(translate("Startup", "Connect to…"))
        self.local_button = QPushButton(translate("Startup", "Use local database"))
        self.quit_button = QPushButton(translate("Startup", "Quit"))
        self.connect_button.setDefault(True)
        self.local_button.setToolTip(mask_url(embedded_default_url()))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button, choice in (
            (self.connect_button, StartupChoice.CONNECT),
            (self.local_button, StartupChoice.LOCAL),
            (self.quit_button, StartupChoice.QUIT),
        ):
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.problem_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(480)

    def _choose(self, choice: StartupChoice) -> None:
        self.choice = choice
        if choice is StartupChoice.QUIT:
            self.reject()
        else:
            self.accept()


def ask_startup_choice(problem: str) -> StartupChoice:
    """Show the startup dialog (modal) and return what the user picked."""
    dialog = StartupDialog(problem)
    dialog.exec()
    return dialog.choice


def ask_connect_url(jobs: JobRunner) -> str | None:
    """The URL entered (tested and saved) in the Connect dialog, or None when cancelled."""
    from photoflow_desktop.ui.connection.connect_dialog import ConnectDialog

    dialog = ConnectDialog(jobs=jobs)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.url()
    return None


def confirm_migration(session: Session, status: migrations.MigrationStatus) -> bool:
    """Ask before applying migrations to a database that holds data or is shared."""
    answer = QMessageBox.question(
        None,
        translate("Startup", "{app} — update the database").format(app=APP_NAME),
        migration_question(session, status),
        QMessageBox.StandardButton.Apply | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Apply,
    )
    return answer == QMessageBox.StandardButton.Apply
