"""Connect's direct-connection field: a studio behind a pooler sets up backups without files.

Through a real PgBouncer: the server fields name the pooler, the direct field names PostgreSQL
itself; both are tested before anything is saved, the direct URL is stored (0600) with the
password typed once, shown masked, and used as the direct URL from then on.
"""

from __future__ import annotations

import stat
from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from photoflow_desktop.config import load_settings, resolve_direct_url, settings_path
from photoflow_desktop.domain.db import postgres_params
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.connection.connect_dialog import ConnectDialog
from tests.support import postgres
from tests.ui.test_connect_dialog import PASSWORD, fill, visible_texts


def _fill_pooler(connect_dialog, qtbot, bouncer, direct_url) -> None:
    pooled = urlsplit(bouncer.pooled(direct_url))
    fill(connect_dialog, qtbot, pooled.hostname, pooled.port, pooled.path.lstrip("/"))


def _type_direct(connect_dialog, qtbot, text: str) -> None:
    qtbot.keyClick(connect_dialog.direct_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(connect_dialog.direct_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(connect_dialog.direct_edit, text)
    connect_dialog.direct_edit.show_masked()  # what leaving the field does


def test_the_direct_url_is_tested_saved_with_the_password_above_and_shown_masked(
    connect_dialog, qtbot, bouncer, direct_url
):
    _fill_pooler(connect_dialog, qtbot, bouncer, direct_url)
    parts = urlsplit(direct_url)
    _type_direct(
        connect_dialog, qtbot, f"postgresql://postgres@{parts.hostname}:{parts.port}{parts.path}"
    )

    qtbot.mouseClick(connect_dialog.save_button, Qt.MouseButton.LeftButton)

    assert connect_dialog.result() == QDialog.DialogCode.Accepted, (
        connect_dialog.result_label.text()
    )
    saved = load_settings()["direct_url"]
    assert postgres_params(saved).password == PASSWORD  # typed once, above
    assert postgres_params(saved).port == parts.port
    assert resolve_direct_url().url == saved
    assert stat.S_IMODE(settings_path().stat().st_mode) == 0o600
    assert connect_dialog.direct_edit.text().startswith("postgresql://postgres:***@")
    assert PASSWORD not in visible_texts(connect_dialog)


def test_a_direct_url_to_another_database_is_refused_and_nothing_saved(
    connect_dialog, qtbot, bouncer, direct_url, pg_server, request
):
    other = postgres.create_database(pg_server)
    request.addfinalizer(lambda: postgres.drop_database(pg_server, other))
    _fill_pooler(connect_dialog, qtbot, bouncer, direct_url)
    _type_direct(connect_dialog, qtbot, other)

    qtbot.mouseClick(connect_dialog.save_button, Qt.MouseButton.LeftButton)

    assert connect_dialog.result() != QDialog.DialogCode.Accepted
    assert "both must reach the same database" in connect_dialog.result_label.text()
    assert load_settings() == {}


def test_a_direct_url_nobody_answers_is_explained_and_nothing_saved(
    connect_dialog, qtbot, bouncer, direct_url
):
    _fill_pooler(connect_dialog, qtbot, bouncer, direct_url)
    name = urlsplit(direct_url).path
    _type_direct(
        connect_dialog, qtbot, f"postgresql://postgres@127.0.0.1:{postgres.free_port()}{name}"
    )

    qtbot.mouseClick(connect_dialog.save_button, Qt.MouseButton.LeftButton)

    assert connect_dialog.result() != QDialog.DialogCode.Accepted
    assert connect_dialog.result_label.text().startswith("Direct connection: ")
    assert "direct_url" not in load_settings()


def test_emptying_the_field_removes_the_saved_direct_url(
    connect_dialog, qtbot, bouncer, direct_url
):
    _fill_pooler(connect_dialog, qtbot, bouncer, direct_url)
    _type_direct(connect_dialog, qtbot, direct_url)
    qtbot.mouseClick(connect_dialog.save_button, Qt.MouseButton.LeftButton)
    assert resolve_direct_url() is not None

    again = ConnectDialog(jobs=JobRunner(synchronous=True))
    qtbot.addWidget(again)
    assert (
        again.direct_edit.text() == connect_dialog.direct_edit.text()
    )  # shown masked on reopening
    _type_direct(again, qtbot, "")
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)

    assert again.result() == QDialog.DialogCode.Accepted
    assert resolve_direct_url() is None


def test_text_that_is_no_postgres_url_disables_save(connect_dialog, qtbot):
    fill(connect_dialog, qtbot, "studio-nas", 6432, "photoflow")
    qtbot.keyClicks(connect_dialog.direct_edit, "db-host:5432")
    assert not connect_dialog.save_button.isEnabled()
    assert "must start with postgresql://" in connect_dialog.result_label.text()
