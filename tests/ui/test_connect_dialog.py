"""Connect to studio server…: tested in the background, saved 0600, password never shown."""

from __future__ import annotations

import logging
import stat
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit

from photoflow_desktop.config import load_settings, settings_path
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.connection.connect_dialog import ConnectDialog
from tests.support import postgres

PASSWORD = "s3cret-Pa55"


@pytest.fixture
def dialog(connect_dialog):
    return connect_dialog


def fill(dialog, qtbot, host, port, database, user="postgres", password=PASSWORD):
    for edit, text in (
        (dialog.host_edit, host),
        (dialog.database_edit, database),
        (dialog.user_edit, user),
        (dialog.password_edit, password),
    ):
        edit.clear()
        qtbot.keyClicks(edit, text)
    dialog.port_spin.setValue(port)


def visible_texts(dialog) -> str:
    """Everything the dialog shows as text (the password field shows only dots)."""
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    texts += [
        edit.text()
        for edit in dialog.findChildren(QLineEdit)
        if edit.echoMode() == QLineEdit.EchoMode.Normal
    ]
    return "\n".join(texts)


def test_a_good_server_is_tested_saved_0600_and_the_password_never_shown(
    dialog, qtbot, pg_server, request, caplog
):
    caplog.set_level(logging.INFO)
    url = postgres.create_database(pg_server)
    request.addfinalizer(lambda: postgres.drop_database(pg_server, url))
    parts = urlsplit(url)
    fill(dialog, qtbot, parts.hostname, parts.port or 5432, parts.path.lstrip("/"))
    assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.url_edit.text().startswith("postgresql://postgres:***@")

    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.result_label.text().startswith("Connected to PostgreSQL ")
    assert "is empty; PhotoFlow will set it up" in dialog.result_label.text()

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.url() == (
        f"postgresql://postgres:{PASSWORD}@{parts.hostname}:{parts.port or 5432}{parts.path}"
    )
    assert load_settings()["database_url"] == dialog.url()
    assert stat.S_IMODE(settings_path().stat().st_mode) == 0o600
    assert PASSWORD not in visible_texts(dialog)
    assert PASSWORD not in caplog.text


def test_a_wrong_port_shows_the_diagnosis_and_saves_nothing(dialog, qtbot):
    fill(dialog, qtbot, "127.0.0.1", 1, "photoflow")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # Save tests first
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "Cannot reach the PostgreSQL server at 127.0.0.1:1" in dialog.result_label.text()
    assert "database_url" not in load_settings()
    assert not settings_path().exists()
    assert PASSWORD not in visible_texts(dialog)


def test_the_test_runs_in_the_background(qtbot):
    dialog = ConnectDialog()  # its own JobRunner: a real worker thread
    qtbot.addWidget(dialog)
    fill(dialog, qtbot, "127.0.0.1", 1, "photoflow")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert not dialog.host_edit.isEnabled()  # fields locked while the job runs
    qtbot.waitUntil(lambda: "Cannot reach" in dialog.result_label.text(), timeout=10_000)
    assert dialog.host_edit.isEnabled()


def test_a_pasted_url_fills_the_fields_and_is_shown_masked(dialog, qtbot):
    dialog.url_edit.setFocus()
    qtbot.keyClicks(
        dialog.url_edit,
        f"postgresql://photoflow:{PASSWORD}@studio-nas:5433/orders?connection_limit=10",
    )
    qtbot.keyClick(dialog.url_edit, Qt.Key.Key_Return)
    assert dialog.host_edit.text() == "studio-nas"
    assert dialog.port_spin.value() == 5433
    assert dialog.database_edit.text() == "orders"
    assert dialog.user_edit.text() == "photoflow"
    assert dialog.password_edit.text() == PASSWORD
    assert dialog.options_edit.text() == "connection_limit=10"
    assert dialog.url_edit.text() == (
        "postgresql://photoflow:***@studio-nas:5433/orders?connection_limit=10"
    )
    assert PASSWORD not in visible_texts(dialog)
    screenshots = Path(__file__).resolve().parents[1] / "screenshots"
    screenshots.mkdir(exist_ok=True)
    assert dialog.grab().save(str(screenshots / "connect_dialog.png"))


def test_missing_fields_disable_save(dialog, qtbot):
    dialog.host_edit.clear()
    qtbot.keyClicks(dialog.database_edit, "x")
    qtbot.keyClicks(dialog.host_edit, "a")
    assert dialog.save_button.isEnabled()
    dialog.host_edit.clear()
    qtbot.keyClicks(dialog.user_edit, "b")
    assert not dialog.save_button.isEnabled()
    assert dialog.result_label.text() == "Enter the server's name or address."


def test_closing_the_dialog_while_testing_is_harmless(qtbot):
    jobs = JobRunner()  # the window's runner: it outlives the dialog
    dialog = ConnectDialog(jobs=jobs)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    fill(dialog, qtbot, "127.0.0.1", 1, "photoflow")
    dialog.show()
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.destroyed, timeout=5_000):
        dialog.reject()  # Cancel while the test runs; the dialog is deleted
    assert jobs.wait_all(10_000)
    qtbot.waitUntil(lambda: not jobs.busy)  # the result was delivered (and dropped) quietly


def test_a_pasted_url_that_cannot_be_read_says_so_without_the_password(dialog, qtbot):
    dialog.url_edit.clear()
    qtbot.keyClicks(dialog.url_edit, "postgresql://anna:S3cr#et/x@db.studio:5432/studio")
    qtbot.keyClick(dialog.url_edit, Qt.Key.Key_Return)
    assert "cannot be read" in dialog.result_label.text()
    assert "S3cr" not in visible_texts(dialog).replace(dialog.url_edit.text(), "")
