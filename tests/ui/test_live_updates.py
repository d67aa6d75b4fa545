"""LiveUpdates on its own: burst folding into per-task signals, and retrying an absent server."""

from __future__ import annotations

import psycopg2
import pytest

from photoflow_desktop.config import ResolvedUrl
from photoflow_desktop.domain.changes import Backoff
from photoflow_desktop.domain.db import open_database, sqlite_path
from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.session import Session, open_session
from photoflow_desktop.ui.connection.live_updates import LiveUpdates
from tests.support.backends import only_postgres, only_sqlite


@pytest.fixture
def session(database_url):
    """A session on a fresh, seeded database."""
    opened = open_session(database_url)
    seed_board()
    yield opened
    opened.close()


def record_signals(live: LiveUpdates) -> dict[str, list]:
    """Every signal the feed emits, in lists by name."""
    seen: dict[str, list] = {"changed": [], "removed": [], "board": []}
    live.taskChanged.connect(seen["changed"].append)
    live.taskRemoved.connect(seen["removed"].append)
    live.boardChanged.connect(lambda: seen["board"].append(1))
    return seen


@only_postgres
def test_a_burst_on_a_few_tasks_gives_one_signal_per_task(qtbot, session):
    live = LiveUpdates(session)
    seen = record_signals(live)
    live.start()
    ids = [row[0] for row in session.database.execute_sql('SELECT id FROM "Tasks" LIMIT 3')]
    conn = psycopg2.connect(session.url)
    try:
        with conn, conn.cursor() as cursor:
            for round_number in range(20):
                for task_id in ids[:2]:
                    cursor.execute(
                        'UPDATE "Tasks" SET task = %s WHERE id = %s', (f"r{round_number}", task_id)
                    )
            cursor.execute('DELETE FROM "Tasks" WHERE id = %s', (ids[2],))
        qtbot.waitUntil(lambda: len(seen["changed"]) == 2 and bool(seen["removed"]), timeout=5000)
    finally:
        conn.close()
        live.stop()
    assert sorted(seen["changed"]) == sorted(ids[:2])
    assert seen["removed"] == [ids[2]]
    assert seen["board"] == []


def test_an_absent_server_is_reported_once_and_retried_until_stopped(qtbot):
    url = "postgresql://photoflow:secret@127.0.0.1:1/photoflow"
    session = Session(ResolvedUrl(url, "test"), open_database(url, connect=False))
    live = LiveUpdates(session, backoff=Backoff(initial=0.01, maximum=0.05))
    lost = []
    live.connectionLost.connect(lost.append)
    live.start()
    qtbot.waitUntil(lambda: live.backoff.attempts >= 4, timeout=10000)
    live.stop()
    assert len(lost) == 1  # one banner, however many attempts
    assert "127.0.0.1:1" in lost[0] and "secret" not in lost[0]
    assert not live.running
    qtbot.waitUntil(lambda: not live._connecting, timeout=10000)  # the last attempt returns


@only_sqlite
def test_a_vanished_sqlite_file_is_lost_then_restored(qtbot, session):
    path = sqlite_path(session.url)
    live = LiveUpdates(session, backoff=Backoff(initial=0.05, maximum=0.2), poll_interval_ms=50)
    live.start()
    try:
        with qtbot.waitSignal(live.connectionLost, timeout=5000) as lost:
            path.rename(path.with_suffix(".away"))
        assert "Cannot watch" in lost.args[0]
        with qtbot.waitSignals([live.connectionRestored, live.boardChanged], timeout=5000):
            path.with_suffix(".away").rename(path)
    finally:
        live.stop()


@only_postgres
def test_a_killed_listener_connection_is_replaced_and_the_board_resynced(qtbot, session):
    live = LiveUpdates(session, backoff=Backoff(initial=0.05, maximum=0.2))
    seen = record_signals(live)
    live.start()
    try:
        with qtbot.waitSignal(live.connectionLost, timeout=5000):
            session.database.execute_sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND application_name = %s",
                ("PhotoFlow Desktop (live)",),
            )
        with qtbot.waitSignal(live.connectionRestored, timeout=5000):
            pass
        assert seen["board"] == [1]  # the resync after the gap
        task_id = session.database.execute_sql('SELECT min(id) FROM "Tasks"').fetchone()[0]
        session.database.execute_sql('UPDATE "Tasks" SET task = %s WHERE id = %s', ("x", task_id))
        qtbot.waitUntil(lambda: task_id in seen["changed"], timeout=5000)  # listening again
    finally:
        live.stop()
