"""The PostgreSQL server restarts under a running board: banner, read-only, reconnect, resync."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime
from pathlib import Path

import peewee
import psycopg2
import pytest

from photoflow_desktop.domain import tasks
from photoflow_desktop.domain.changes import Backoff
from photoflow_desktop.domain.errors import DatabaseConnectionError, NotFoundError
from photoflow_desktop.domain.reconnect import (
    LOST_MESSAGE,
    connection_guard,
    connection_is_alive,
    recover_from,
)
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.maintenance import migrations
from photoflow_desktop.session import open_session
from tests.support import postgres

RESTORE_MS = 20000
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"


@pytest.fixture(scope="module")
def cluster():
    """A PostgreSQL cluster these tests own, so they may stop and start it."""
    yield from postgres.owned_cluster("restart tests")


@pytest.fixture
def session(cluster, request):
    """A migrated, seeded database on the cluster, opened like the app opens it."""
    query = getattr(request, "param", "")
    url = postgres.create_database(cluster.url) + query
    opened = open_session(url)
    migrations.apply_pending()
    seed_board()
    yield opened
    if not postgres.answers(cluster.url):  # a failed test may leave it stopped
        cluster.start()
    opened.close()
    postgres.drop_database(cluster.url, url.split("?")[0])


def raw_execute(url: str, statement: str, *params):
    """One committed statement on a fresh connection (someone else's write)."""
    conn = psycopg2.connect(url.split("?")[0])
    try:
        with conn, conn.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.fetchone() if cursor.description else None
    finally:
        conn.close()


@pytest.mark.parametrize("session", ["", "?connection_limit=3"], indirect=True)
def test_the_models_connection_recovers_after_a_restart(cluster, session):
    record = tasks.create_task(
        TaskDraft(title="Before the restart", due_at=datetime(2026, 6, 1, 9), status="RAW")
    )
    cluster.stop("fast")
    cluster.start()

    lost = pytest.raises(DatabaseConnectionError, match="connection to the database was lost")
    with lost, connection_guard(session.database):
        tasks.get_task(record.id)
    with connection_guard(session.database):  # the next action reconnects by itself
        assert tasks.get_task(record.id).title == "Before the restart"

    cluster.stop("fast")
    cluster.start()
    assert not connection_is_alive(session.database)  # noticed, dropped...
    assert connection_is_alive(session.database)  # ...and open again

    cluster.stop("fast")
    cluster.start()
    with pytest.raises(peewee.DatabaseError) as raised:
        tasks.get_task(record.id)
    assert recover_from(raised.value, session.database) == LOST_MESSAGE  # what a UI shows
    assert tasks.get_task(record.id).title == "Before the restart"
    assert recover_from(NotFoundError("gone"), session.database) is None


def test_a_running_board_survives_a_server_restart(cluster, session, qtbot):
    from photoflow_desktop.ui.board.main_window import MainWindow
    from photoflow_desktop.ui.common.db_worker import SynchronousWorker
    from photoflow_desktop.ui.common.jobs import JobRunner
    from photoflow_desktop.ui.connection.live_board import attach_live_updates

    window = MainWindow(session, JobRunner(synchronous=True), worker=SynchronousWorker())
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    live = attach_live_updates(window)
    live.backoff = Backoff(initial=0.2, maximum=1.0)
    try:
        model = window.board.column_model("1")
        kept = model.record(0)
        total = tasks_count(session.url)

        with qtbot.waitSignal(live.connectionLost, timeout=RESTORE_MS) as lost:
            cluster.stop("fast")
        assert "Lost the connection" in lost.args[0]
        assert window.banner.isVisible()
        assert "Reconnecting" in window.banner.text()
        assert window.read_only
        assert not window.actions["new_task"].isEnabled()
        assert model.row_of(kept.id) >= 0  # the board stays readable
        SCREENSHOTS.mkdir(exist_ok=True)
        qtbot.waitUntil(  # the status bar lays out its labels side by side again
            lambda: window.mode_label.geometry().right() < window.database_label.geometry().left()
        )
        window.grab().save(str(SCREENSHOTS / "connection_lost.png"))

        cluster.start()
        # Changes made while this board is still disconnected: found by the resync.
        (new_id,) = raw_execute(
            session.url,
            'INSERT INTO "Tasks" ("dueAt", task, additional_information, status) '
            "VALUES ('2020-01-01 08:00', 'Booked during the restart', '', 'RAW') RETURNING id",
        )
        raw_execute(session.url, 'UPDATE "Tasks" SET task = %s WHERE id = %s', "Renamed", kept.id)

        with qtbot.waitSignal(live.connectionRestored, timeout=RESTORE_MS):
            pass
        assert not window.banner.isVisible()
        assert not window.read_only
        qtbot.waitUntil(lambda: model.row_of(new_id) >= 0, timeout=RESTORE_MS)
        assert model.record(model.row_of(kept.id)).title == "Renamed"

        # The board writes again through its (reconnected) connection, and hears changes again.
        dialog = window.edit_task(kept.id)
        dialog.title_edit.setText("Edited after the restart")
        dialog.save_button.click()
        assert tasks.get_task(kept.id).title == "Edited after the restart"
        raw_execute(session.url, 'DELETE FROM "Tasks" WHERE id = %s', new_id)
        qtbot.waitUntil(lambda: model.row_of(new_id) < 0, timeout=RESTORE_MS)
        assert tasks_count(session.url) == total  # one added, one deleted: nothing lost
    finally:
        live.stop()


def tasks_count(url: str) -> int:
    """How many tasks the database holds (asked on a separate connection)."""
    return raw_execute(url, 'SELECT count(*) FROM "Tasks"')[0]


def test_a_feed_started_while_the_server_is_down_connects_when_it_is_back(cluster, session, qtbot):
    from photoflow_desktop.ui.connection.live_updates import LiveUpdates

    live = LiveUpdates(session, backoff=Backoff(initial=0.1, maximum=0.5))
    cluster.stop("fast")
    try:
        with qtbot.waitSignal(live.connectionLost, timeout=RESTORE_MS):
            live.start()
        cluster.start()
        with qtbot.waitSignals([live.connectionRestored, live.boardChanged], timeout=RESTORE_MS):
            pass
        assert not live.lost
    finally:
        live.stop()
