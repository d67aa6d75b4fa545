"""Issue 13.4: a board killed while changes wait for a stopped server loses none of them.

Real processes: a board (offscreen) on a throwaway PostgreSQL cluster makes four changes while
the server is stopped, is killed with SIGKILL, the server starts again, and a new board process
applies every change from the journal.
"""

from __future__ import annotations

import os
import select
import signal
import stat
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest

from photoflow_desktop.domain.edit_journal import JOURNAL_FOLDER
from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.maintenance import migrations
from photoflow_desktop.session import open_session
from tests.support import journal_board, postgres

REPO = Path(__file__).resolve().parents[2]
LINE_TIMEOUT_S = 60  # a board that never answers fails the test


@pytest.fixture(scope="module")
def cluster():
    """A PostgreSQL cluster this test owns, so it may stop and start it."""
    yield from postgres.owned_cluster("crash test")


@pytest.fixture
def database_url(cluster):
    """A migrated, seeded database on the cluster."""
    url = postgres.create_database(cluster.url)
    opened = open_session(url)
    migrations.apply_pending()
    seed_board()
    opened.close()
    yield url
    if not postgres.answers(cluster.url):
        cluster.start()
    postgres.drop_database(cluster.url, url)


class Board:
    """A board process and the lines it prints."""

    def __init__(self, url: str, home: Path, *args: str):
        env = {
            **os.environ,
            "PHOTOFLOW_DATABASE_URL": url,
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "QT_QPA_PLATFORM": "offscreen",
        }
        self.log = home / f"board-{args[0]}.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.support.journal_board", *args],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self.log.open("w"),  # a pipe nobody reads could fill up and stop the board
            text=True,
        )

    def expect(self, word: str) -> list[str]:
        """Wait for the next line (it must start with `word`); its other words."""
        ready, _, _ = select.select([self.process.stdout], [], [], LINE_TIMEOUT_S)
        line = self.process.stdout.readline() if ready else ""  # EOF when the board died
        if not line.startswith(word):
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"expected {word!r}, got {line!r}: {self.log.read_text()}")
        return line.split()[1:]


def test_changes_waiting_when_the_board_is_killed_are_applied_after_a_restart(
    cluster, database_url, tmp_path
):
    go_file = tmp_path / "server-stopped"
    first = Board(database_url, tmp_path, "offline", str(go_file))
    edited, moved, finished = (int(word) for word in first.expect("ready"))
    before = {task_id: tasks_row(database_url, task_id) for task_id in (edited, moved, finished)}

    cluster.stop("fast")
    go_file.touch()
    assert first.expect("waiting") == ["4"]
    (journal,) = (tmp_path / "data" / "photoflow" / JOURNAL_FOLDER).iterdir()
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600
    assert len(journal.read_text().splitlines()) == 4
    first.process.send_signal(signal.SIGKILL)
    assert first.process.wait(timeout=LINE_TIMEOUT_S) == -signal.SIGKILL

    cluster.start()
    assert {task_id: tasks_row(database_url, task_id) for task_id in before} == before
    second = Board(database_url, tmp_path, "resume")
    assert second.expect("loaded") == ["4"]
    assert second.expect("done") == ["4"]  # all four applied, each undoable
    assert second.process.wait(timeout=LINE_TIMEOUT_S) == 0

    assert tasks_row(database_url, edited)[0] == journal_board.EDITED_TITLE
    assert tasks_row(database_url, moved)[1] == "2"
    assert tasks_row(database_url, finished)[2] is True
    assert count_titled(database_url, journal_board.NEW_TASK) == 1
    assert not journal.exists()


def tasks_row(url: str, task_id: int) -> tuple:
    """(title, column, finished) as stored, read on a connection of its own."""
    with psycopg2.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute(
            'SELECT task, "taskColumn", is_finished FROM "Tasks" WHERE id = %s', (task_id,)
        )
        row = cursor.fetchone()
    conn.close()
    return row


def count_titled(url: str, title: str) -> int:
    """How many tasks carry `title`."""
    with psycopg2.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute('SELECT count(*) FROM "Tasks" WHERE task = %s', (title,))
        (count,) = cursor.fetchone()
    conn.close()
    return count
