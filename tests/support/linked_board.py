"""A board window with its live feed and web app link, and writes only the relay can report."""

from __future__ import annotations

import sqlite3

import psycopg2

from photoflow_desktop.domain.db import sqlite_path
from photoflow_desktop.ui.common.db_worker import SynchronousWorker
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.connection.board_host import BoardHost


def link_label(window):
    return window.statusBar().findChild(object, "webAppLinkLabel")


def write_unseen_by_the_feed(url: str, backend: str, statement: str, *params) -> None:
    """The web app writes; on PostgreSQL without firing our NOTIFY triggers (as behind a pooler
    with no LISTEN), so only the socket.io relay can tell the board."""
    if backend == "sqlite":
        with sqlite3.connect(sqlite_path(url), isolation_level=None) as conn:
            conn.execute(statement.replace("%s", "?"), params)
        conn.close()
        return
    conn = psycopg2.connect(url)
    try:
        with conn, conn.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")  # triggers stay quiet
            cursor.execute(statement, params)
    finally:
        conn.close()


def open_board(qtbot, session) -> BoardHost:
    host = BoardHost(JobRunner(synchronous=True), worker_factory=SynchronousWorker)
    window = host.show(session)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return host


def close_board(host: BoardHost) -> None:
    host.live.stop()
    host.link.stop()
