"""File → Connect…: the web app's live-refresh (socket.io) address is set beside the server."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from photoflow_desktop.config import load_settings, resolve_socketio_url, save_setting
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.connection.connect_dialog import ConnectDialog
from photoflow_desktop.ui.connection.socket_link_dialog import WebAppLinkDialog
from tests.support import postgres


@pytest.fixture
def dialog(connect_dialog):
    return connect_dialog


def _fill_server(dialog, qtbot, url: str) -> None:
    parts = urlsplit(url)
    for edit, text in (
        (dialog.host_edit, parts.hostname),
        (dialog.database_edit, parts.path.lstrip("/")),
        (dialog.user_edit, "postgres"),
    ):
        edit.clear()
        qtbot.keyClicks(edit, text)
    dialog.port_spin.setValue(parts.port or 5432)


def test_the_address_typed_in_connect_is_saved_and_used_by_the_link(
    dialog, qtbot, pg_server, request
):
    url = postgres.create_database(pg_server)
    request.addfinalizer(lambda: postgres.drop_database(pg_server, url))
    _fill_server(dialog, qtbot, url)
    qtbot.keyClicks(dialog.link_edit, "studio-pc:3000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert load_settings()["socketio_url"] == "http://studio-pc:3000"
    assert resolve_socketio_url().url == "http://studio-pc:3000"
    status_bar_dialog = WebAppLinkDialog()  # the status bar's dialog shows the same setting
    qtbot.addWidget(status_bar_dialog)
    assert status_bar_dialog.url_edit.text() == "http://studio-pc:3000"


def test_emptying_the_field_turns_the_link_off(qtbot, pg_server, request):
    save_setting("socketio_url", "http://studio-pc:3000")
    dialog = ConnectDialog(jobs=JobRunner(synchronous=True))
    qtbot.addWidget(dialog)
    assert dialog.link_edit.text() == "http://studio-pc:3000"  # the saved address is shown
    url = postgres.create_database(pg_server)
    request.addfinalizer(lambda: postgres.drop_database(pg_server, url))
    _fill_server(dialog, qtbot, url)
    dialog.link_edit.clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert resolve_socketio_url() is None


def test_a_wrong_address_is_explained_and_nothing_is_saved(dialog, qtbot):
    _fill_server(dialog, qtbot, "postgresql://127.0.0.1:1/photoflow")
    qtbot.keyClicks(dialog.link_edit, "ftp://studio-pc")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "http://studio-pc:3000" in dialog.result_label.text()  # the example to follow
    assert "Cannot reach" not in dialog.result_label.text()  # no connection was tried
    assert "socketio_url" not in load_settings() and "database_url" not in load_settings()


def test_the_environment_variable_is_named_when_it_overrides_the_field(qtbot, monkeypatch):
    monkeypatch.setenv("PHOTOFLOW_SOCKETIO_URL", "http://other-pc:3000")
    dialog = ConnectDialog(jobs=JobRunner(synchronous=True))
    qtbot.addWidget(dialog)
    assert "PHOTOFLOW_SOCKETIO_URL" in dialog.link_edit.toolTip()
    assert "http://other-pc:3000" in dialog.link_edit.toolTip()
