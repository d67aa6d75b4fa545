"""The board through a real PgBouncer in transaction mode (issue 10), offscreen.

Open, move, filter; a change from another connection shows within 2 s — by LISTEN on the
direct URL when there is one, by polling the change marker when there is none (and the status
bar says so).
"""

from __future__ import annotations

import psycopg2
import pytest
from PySide6.QtWidgets import QLabel

from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.session import open_session
from photoflow_desktop.ui.board.main_window import MainWindow
from photoflow_desktop.ui.common.db_worker import SynchronousWorker
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.connection.live_board import attach_live_updates
from tests.support.pgbouncer import pgbouncer_binary

pytestmark = pytest.mark.skipif(
    pgbouncer_binary() is None, reason="pgbouncer is not installed (apt-get install pgbouncer)"
)


@pytest.mark.parametrize("with_direct_url", [True, False], ids=["direct-url", "no-direct-url"])
def test_the_pooled_board_moves_filters_and_follows_other_writers(
    qtbot, monkeypatch, bouncer, direct_url, with_direct_url, fast_poll_ms
):
    if with_direct_url:
        monkeypatch.setenv("DIRECT_URL", direct_url)
    session = open_session(bouncer.pooled(direct_url))
    seed_board()
    window = MainWindow(session, JobRunner(synchronous=True), worker=SynchronousWorker())
    qtbot.addWidget(window)
    window.show()
    window.live = attach_live_updates(window, poll_interval_ms=fast_poll_ms)
    try:
        mode_label = window.findChild(QLabel, "feedModeLabel")
        expected = "" if with_direct_url else "live updates by polling (no direct URL)"
        assert mode_label.text() == expected

        first = window.board.column_model("1").record(0)
        assert window.move_task_to(first.id, "2")
        assert window.board.column_model("2").row_of(first.id) >= 0

        window.search_edit.setText(first.title)
        window.apply_search()
        shown = [
            r
            for key in window.board.column_keys()
            for r in window.board.column_model(key).records()
        ]
        assert first.id in [r.id for r in shown]
        window.search_edit.setText("")
        window.apply_search()

        with psycopg2.connect(direct_url) as web_app, web_app.cursor() as cursor:
            cursor.execute(
                'INSERT INTO "Tasks" (created_at, "dueAt", task, additional_information, status, '
                "\"taskColumn\") VALUES (now() at time zone 'utc', '2020-01-01', "
                "'Vom Webshop', '', 'NichtBearbeitet', '1') RETURNING id"
            )
            new_id = cursor.fetchone()[0]
        qtbot.waitUntil(lambda: window.board.column_model("1").row_of(new_id) >= 0, timeout=2000)
    finally:
        window.live.stop()
        window.close()  # no stats refresh may reach the pooler after the session is closed
        session.close()
