"""The board and the web app's socket.io relay (node): writes go out, their changes come in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from photoflow_desktop import config
from tests.support.linked_board import (
    close_board,
    link_label,
    open_board,
    write_unseen_by_the_feed,
)
from tests.support.socketio_relay import Page
from tests.ui.panel_support import ScriptedPrompts

WAIT_MS = 10_000


def card_title(window, column: str, task_id: int) -> str | None:
    model = window.board.column_model(column)
    row = model.row_of(task_id)
    return model.record(row).title if row >= 0 else None


@pytest.fixture
def linked_board(qtbot, seeded_session, relay, monkeypatch):
    """The board (BoardHost: live updates + web app link) connected to the relay."""
    monkeypatch.setenv("PHOTOFLOW_SOCKETIO_URL", relay.url)
    host = open_board(qtbot, seeded_session)
    qtbot.waitUntil(
        lambda: link_label(host.window).text() == "Web app link: connected", timeout=WAIT_MS
    )
    yield host
    close_board(host)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_without_an_address_the_link_is_off_and_says_how_to_set_it(qtbot, seeded_session):
    host = open_board(qtbot, seeded_session)
    try:
        label = link_label(host.window)
        assert label.text() == "Web app link: off"
        assert "PHOTOFLOW_SOCKETIO_URL" in label.toolTip()
    finally:
        close_board(host)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_address_set_from_the_status_bar_connects_the_link_and_is_saved(
    qtbot, seeded_session, relay, page
):
    host = open_board(qtbot, seeded_session)
    try:
        label = link_label(host.window)
        qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
        dialog = host.link.dialog
        assert dialog.isVisible()
        dialog.url_edit.setText("ftp://studio-pc")
        dialog.save()
        assert dialog.isVisible() and "http://studio-pc:3000" in dialog.message.text()
        assert "socketio_url" not in config.load_settings()

        dialog.url_edit.setText(f"127.0.0.1:{relay.port}")
        dialog.save()

        assert not dialog.isVisible()
        assert config.load_settings()["socketio_url"] == relay.url
        qtbot.waitUntil(lambda: label.text() == "Web app link: connected", timeout=WAIT_MS)
        record = host.window.board.column_model("1").record(0)
        assert host.window.move_task_to(record.id, "2")
        assert page.wait_for(1, timeout=WAIT_MS / 1000)

        host.link.edit_address().url_edit.clear()
        host.link.dialog.save()
        assert label.text() == "Web app link: off" and config.load_settings()["socketio_url"] == ""
    finally:
        close_board(host)


def test_board_comment_and_column_writes_reach_a_web_app_page(linked_board, page, qtbot):
    window = linked_board.window
    record = window.board.column_model("1").record(0)

    assert window.move_task_to(record.id, "2")
    assert page.wait_for(1, timeout=WAIT_MS / 1000)
    window.undo_stack.undo()
    assert page.wait_for(2, timeout=WAIT_MS / 1000)
    thread = window.open_comments(record.id)
    thread.composer().setPlainText("Proofs sent")
    thread.send()
    thread.close()
    assert page.wait_for(3, timeout=WAIT_MS / 1000)
    dialog = window.column_commands.add_column()
    dialog.title_edit.setText("Proofs")
    dialog.accept()
    assert page.wait_for(4, timeout=WAIT_MS / 1000)
    assert page.payloads == [None] * 4  # exactly what the web app's pages send: no payload


def test_a_reset_in_the_maintenance_panel_reaches_a_web_app_page(linked_board, page):
    panel = linked_board.window.open_maintenance()
    panel.context.prompts = prompts = ScriptedPrompts()
    prompts.reset_answers.append((True, False))  # confirmed, no sample orders

    panel.migrations_tab.reset_button.click()

    assert not prompts.errors
    assert page.wait_for(1, timeout=WAIT_MS / 1000)
    panel.reject()


def test_a_change_announced_by_a_web_app_page_reloads_the_open_board(
    linked_board, page, backend, qtbot
):
    window = linked_board.window
    record = window.board.column_model("1").record(0)
    write_unseen_by_the_feed(
        window.session.url,
        backend,
        'UPDATE "Tasks" SET task = %s WHERE id = %s',
        "Renamed in the browser",
        record.id,
    )

    page.emit_change()

    qtbot.waitUntil(
        lambda: card_title(window, "1", record.id) == "Renamed in the browser", timeout=WAIT_MS
    )


def test_the_relay_alone_makes_the_live_feed_resync(linked_board, page, qtbot):
    # nothing was written: neither NOTIFY nor SQLite's data_version can be what resyncs
    with qtbot.waitSignal(linked_board.live.boardChanged, timeout=WAIT_MS):
        page.emit_change()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_status_bar_follows_a_server_restart(linked_board, relay, qtbot):
    label = link_label(linked_board.window)
    relay.stop()
    qtbot.waitUntil(lambda: label.text() == "Web app link: reconnecting", timeout=WAIT_MS)
    record = linked_board.window.board.column_model("1").record(0)
    assert linked_board.window.move_task_to(record.id, "2")  # the edit does not wait for it
    relay.start()
    page = Page(relay.url)
    try:
        qtbot.waitUntil(lambda: label.text() == "Web app link: connected", timeout=WAIT_MS)
    finally:
        page.close()
