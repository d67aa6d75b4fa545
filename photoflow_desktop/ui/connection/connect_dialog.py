"""File → Connect to studio server…: enter a PostgreSQL server, test it, save it (0600).

The password is typed into a password field and never shown again: a pasted URL is parsed into
the fields and displayed masked; messages and logs use `mask_url`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.config import load_settings, mask_url, save_setting
from photoflow_desktop.domain.db import open_database, postgres_params, url_scheme
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.domain.models import OWN_SCHEMA
from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.messages import user_message
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.connection.direct_url_field import DirectUrlEdit
from photoflow_desktop.ui.connection.socket_link_dialog import (
    link_address_problem,
    link_override_note,
    saved_link_address,
    store_link_address,
)

log = logging.getLogger(__name__)

SETTING_KEY = "database_url"
MASK = "***"


@dataclass(frozen=True)
class ConnectionCheck:
    """The outcome of a connection test: whether it worked and a line for the user."""

    ok: bool
    message: str


def check_connection(url: str) -> ConnectionCheck:
    """Connect to `url` once and describe what is there (runs in a background job)."""
    try:
        database = open_database(url)
    except PhotoflowError as exc:
        return ConnectionCheck(False, user_message(exc))
    try:
        version = database.server_version
        tables = set(database.get_tables()) | set(database.get_tables(schema=OWN_SCHEMA))
    finally:
        database.close()
    major, minor = divmod(version, 10000)
    name = postgres_params(url).dbname
    if "Tasks" in tables and "board_columns" in tables:
        content = translate("ConnectDialog", "database '{name}' holds a PhotoFlow board")
    elif "Tasks" in tables:
        content = translate(
            "ConnectDialog",
            "database '{name}' is a PhotoFlow web-app database (it will be adopted)",
        )
    elif tables:
        content = translate(
            "ConnectDialog", "database '{name}' holds other tables; PhotoFlow will add its own"
        )
    else:
        content = translate("ConnectDialog", "database '{name}' is empty; PhotoFlow will set it up")
    message = translate("ConnectDialog", "Connected to PostgreSQL {version}: {content}").format(
        version=f"{major}.{minor}", content=content.format(name=name)
    )
    return ConnectionCheck(True, message)


def check_connections(url: str, direct: str) -> ConnectionCheck:
    """Test the server and, if given, the direct connection to the same database."""
    check = check_connection(url)
    if not check.ok or not direct:
        return check
    name, direct_name = postgres_params(url).dbname, postgres_params(direct).dbname
    if name != direct_name:
        return ConnectionCheck(
            False,
            translate(
                "ConnectDialog",
                "The direct connection names database '{direct}', the server above '{name}': "
                "both must reach the same database.",
            ).format(direct=direct_name, name=name),
        )
    direct_check = check_connection(direct)
    if not direct_check.ok:
        message = translate("ConnectDialog", "Direct connection: {problem}")
        return ConnectionCheck(False, message.format(problem=direct_check.message))
    works = translate(
        "ConnectDialog",
        "The direct connection works: backups, restores and instant updates use it.",
    )
    return ConnectionCheck(True, f"{check.message}\n{works}")


class ConnectDialog(QDialog):
    """Server, port, database, user, password; Test connection; Save (tested, stored 0600)."""

    def __init__(self, parent: QWidget | None = None, jobs: JobRunner | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("ConnectDialog", "Connect to studio server"))
        self.setMinimumWidth(600)  # German labels are long; the fields keep room for a URL
        self._jobs = jobs or JobRunner(self)
        self._tested: tuple[tuple[str, str], ConnectionCheck] | None = None
        self._save_after_test = False
        self._running = False
        self._testing: tuple[str, str] = ("", "")  # the server and direct URL being tested
        self._url_typed = False  # the URL field holds text the fields do not reflect yet

        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText(
            translate("ConnectDialog", "postgresql://user:password@host:5432/database")
        )
        self.url_edit.setClearButtonEnabled(True)
        self.host_edit = QLineEdit()
        self.host_edit.setPlaceholderText(translate("ConnectDialog", "studio-nas or 192.168.1.20"))
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(5432)
        self.database_edit = QLineEdit()
        self.user_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.options_edit = QLineEdit()
        self.options_edit.setPlaceholderText(
            translate("ConnectDialog", "e.g. connection_limit=10&sslmode=require")
        )
        self.link_edit = QLineEdit(saved_link_address())
        self.link_edit.setPlaceholderText(
            translate("ConnectDialog", "optional, e.g. http://studio-pc:3000")
        )
        self.link_edit.setClearButtonEnabled(True)
        self.link_edit.setToolTip(
            link_override_note()
            or translate(
                "ConnectDialog",
                "The web app's socket.io server: its open pages and this board refresh each "
                "other at once. Empty: off.",
            )
        )
        self.direct_edit = DirectUrlEdit(self.password_edit.text)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setMinimumHeight(self.result_label.fontMetrics().lineSpacing() * 3)
        self.result_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.test_button = QPushButton(translate("ConnectDialog", "&Test connection"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)

        form = QFormLayout()
        form.addRow(translate("ConnectDialog", "Paste a &URL:"), self.url_edit)
        form.addRow(translate("ConnectDialog", "&Server:"), self.host_edit)
        form.addRow(translate("ConnectDialog", "&Port:"), self.port_spin)
        form.addRow(translate("ConnectDialog", "&Database:"), self.database_edit)
        form.addRow(translate("ConnectDialog", "U&ser:"), self.user_edit)
        form.addRow(translate("ConnectDialog", "Pass&word:"), self.password_edit)
        form.addRow(translate("ConnectDialog", "&Options:"), self.options_edit)
        form.addRow(
            translate("ConnectDialog", "D&irect connection (pooler only):"), self.direct_edit
        )
        form.addRow(
            translate("ConnectDialog", "Web app &live refresh (socket.io):"), self.link_edit
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)

        saved = load_settings().get(SETTING_KEY)
        if saved and _is_postgres_url(saved):
            self._fill_from_url(saved)
        else:
            self.database_edit.setText("photoflow")
        self.url_edit.textEdited.connect(self._url_typing)
        self.url_edit.editingFinished.connect(self._url_entered)
        for edit in (
            self.host_edit,
            self.database_edit,
            self.user_edit,
            self.password_edit,
            self.options_edit,
            self.direct_edit,
        ):
            edit.textEdited.connect(self._fields_changed)
        self.direct_edit.editingFinished.connect(self.direct_edit.show_masked)
        self.port_spin.valueChanged.connect(self._fields_changed)
        self.test_button.clicked.connect(self.test_connection)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._fields_changed()

    def url(self) -> str:
        """The full URL of the fields (holds the password: never show or log it)."""
        user = quote(self.user_edit.text().strip(), safe="")
        password = self.password_edit.text()
        auth = ""
        if user or password:
            auth = user + (f":{quote(password, safe='')}" if password else "") + "@"
        host = self.host_edit.text().strip()
        if ":" in host:
            host = f"[{host}]"
        database = quote(self.database_edit.text().strip(), safe="")
        url = f"postgresql://{auth}{host}:{self.port_spin.value()}/{database}"
        options = self.options_edit.text().strip().lstrip("?")
        return f"{url}?{options}" if options else url

    def _fill_from_url(self, url: str) -> bool:
        try:
            params = postgres_params(url)
        except PhotoflowError as exc:  # unreadable: the message names no part of the URL
            self._show_result(False, str(exc))
            self.save_button.setEnabled(False)
            return False
        self.host_edit.setText(params.host)
        self.port_spin.setValue(params.port)
        self.database_edit.setText(params.dbname)
        self.user_edit.setText(params.user)
        if params.password is not None and params.password != MASK:
            self.password_edit.setText(params.password)
        self.options_edit.setText(urlencode(params.options))
        self.url_edit.setText(mask_url(self.url()))
        return True

    def _url_typing(self, _text: str) -> None:
        self._url_typed = True

    def _url_entered(self) -> None:
        if not self._url_typed:
            return
        self._url_typed = False
        text = self.url_edit.text().strip()
        if _is_postgres_url(text):
            if self._fill_from_url(text):
                self._fields_changed()
        elif text:
            self._show_result(
                False,
                translate(
                    "ConnectDialog",
                    "A server URL starts with postgresql:// (e.g. postgresql://user@host/db)",
                ),
            )
            self.save_button.setEnabled(False)

    def _fields_changed(self) -> None:
        if not self._url_typed:
            self.url_edit.setText(mask_url(self.url()) if self.host_edit.text().strip() else "")
        problem = self._field_problem()
        self.save_button.setEnabled(problem is None and not self._running)
        self.test_button.setEnabled(problem is None and not self._running)
        if problem:
            self._show_result(None, problem)
        elif self._tested and self._tested[0] == self._test_key():
            self._show_result(self._tested[1].ok, self._tested[1].message)
        else:
            self._show_result(None, "")

    def _field_problem(self) -> str | None:
        if not self.host_edit.text().strip():
            return translate("ConnectDialog", "Enter the server's name or address.")
        if not self.database_edit.text().strip():
            return translate("ConnectDialog", "Enter the database name.")
        if any("\x00" in e.text() for e in (self.user_edit, self.password_edit)):
            return translate(
                "ConnectDialog", "The user name or password contains an invisible NUL character."
            )
        options = self.options_edit.text().strip().lstrip("?")
        if options and not all("=" in pair for pair in options.split("&")):
            return translate(
                "ConnectDialog",
                "Options are name=value pairs joined by &, e.g. connection_limit=10",
            )
        return self.direct_edit.problem()

    def _test_key(self) -> tuple[str, str]:
        """What a test result belongs to: the server URL and the direct URL."""
        return self.url(), self.direct_edit.direct_url()

    def _set_busy(self, busy: bool) -> None:
        self._running = busy
        for widget in (
            self.url_edit,
            self.host_edit,
            self.port_spin,
            self.database_edit,
            self.user_edit,
            self.password_edit,
            self.options_edit,
            self.direct_edit,
        ):
            widget.setEnabled(not busy)
        self._fields_changed()

    def test_connection(self) -> None:
        """Try the connection in the background and show the diagnosis."""
        self._url_entered()
        url = self.url()
        log.info("Testing the connection to %s", mask_url(url))
        self._show_result(
            None, translate("ConnectDialog", "Connecting to {url}…").format(url=mask_url(url))
        )
        self.direct_edit.show_masked()
        self._set_busy(True)
        self._testing = (url, direct := self.direct_edit.direct_url())
        # Bound methods, not lambdas: Qt drops the delivery if the dialog is gone by then.
        self._jobs.start(
            lambda job: check_connections(url, direct),
            on_done=self._test_succeeded,
            on_error=self._test_failed,
        )

    def _test_succeeded(self, check: ConnectionCheck) -> None:
        self._tested_done(self._testing, check)

    def _test_failed(self, exc: Exception) -> None:
        self._tested_done(self._testing, ConnectionCheck(False, user_message(exc)))

    def _tested_done(self, key: tuple[str, str], check: ConnectionCheck) -> None:
        self._tested = (key, check)
        self._set_busy(False)
        if key != self._test_key():
            return  # the fields changed meanwhile
        if self._save_after_test:
            self._save_after_test = False
            if check.ok:
                self._store(key[0])

    def save(self) -> None:
        """Test the connection (unless just tested) and, when it works, store it and close."""
        self._url_entered()
        link_problem = link_address_problem(self.link_edit.text())
        if link_problem:
            self._show_result(False, link_problem)
            return
        self.direct_edit.show_masked()
        if self._tested and self._tested[0] == self._test_key():
            if self._tested[1].ok:
                self._store(self.url())
            else:
                self._show_result(False, self._tested[1].message)
            return
        self._save_after_test = True
        self.test_connection()

    def _store(self, url: str) -> None:
        save_setting(SETTING_KEY, url)
        self.direct_edit.store()  # checked with the server in the test
        store_link_address(self.link_edit.text())  # checked in save()
        log.info("Saved the database URL %s", mask_url(url))
        self.accept()

    def _show_result(self, ok: bool | None, message: str) -> None:
        colour = {True: "#2e7d32", False: "#c62828", None: ""}[ok]
        self.result_label.setStyleSheet(f"color: {colour};" if colour else "")
        self.result_label.setText(message)


def _is_postgres_url(text: str) -> bool:
    try:
        return url_scheme(text) == "postgresql" and bool(urlsplit(text).hostname)
    except (PhotoflowError, ValueError):
        return False
