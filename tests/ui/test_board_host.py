"""File → Connect opens the other database's board at once; a failed switch keeps the board."""

from datetime import datetime

from PySide6.QtWidgets import QApplication, QProgressDialog

from photoflow_desktop.domain.queries import active_tasks
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.tasks import create_task
from photoflow_desktop.session import open_session
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.connection.board_host import BoardHost
from tests.support import postgres
from tests.support.backends import only_sqlite


def _titles(window):
    board = window.board
    return [r.title for r in board.column_model("1").records()] if board.columns else []


def _shows(qtbot, window, titles) -> None:
    """Wait until the board (its own worker thread) shows `titles` in column 1."""
    qtbot.waitUntil(lambda: _titles(window) == titles, timeout=10_000)


def _local_and_server_orders(database_url: str, another_database_url: str):
    """An order in each database; the session on the first (local) one stays open."""
    other = open_session(another_database_url)
    create_task(TaskDraft("Studio server order", datetime(2026, 5, 1, 9), "RAW"))
    other.close()
    first = open_session(database_url)
    create_task(TaskDraft("Local order", datetime(2026, 5, 2, 9), "RAW"))
    return first


@only_sqlite
def test_switching_shows_the_other_database_and_closes_the_old_one(
    qtbot, database_url, another_database_url
):
    first = _local_and_server_orders(database_url, another_database_url)
    host = BoardHost(JobRunner(synchronous=True))
    old_window = host.show(first)  # the switch below deletes it (not qtbot's to close)
    _shows(qtbot, old_window, ["Local order"])

    with qtbot.waitSignal(host.switched) as switched:
        old_window.switchRequested.emit(another_database_url)  # what File → Connect does

    assert switched.args == [True]
    qtbot.addWidget(host.window)
    assert host.window is not old_window and host.session.url == another_database_url
    assert first.database.is_closed() and not old_window.isVisible()
    _shows(qtbot, host.window, ["Studio server order"])
    assert [t.title for t in active_tasks()] == ["Studio server order"]  # models follow
    host.close()


@only_sqlite
def test_a_switch_that_fails_keeps_the_old_board_working(qtbot, database_url, tmp_path):
    first = open_session(database_url)
    create_task(TaskDraft("Local order", datetime(2026, 5, 2, 9), "RAW"))
    host = BoardHost(JobRunner(synchronous=True))
    window = host.show(first)
    qtbot.addWidget(window)

    with qtbot.waitSignal(host.switched) as switched:
        host.switch_to("postgresql://studio:secret@127.0.0.1:1/photoflow")

    assert switched.args == [False]
    assert host.window is window and host.session is first and window.isEnabled()
    text = host.message.text()
    assert "stays on" in text and "Cannot reach" in text
    assert "secret" not in text and "\n" not in text
    host.message.accept()
    assert [t.title for t in active_tasks()] == ["Local order"]  # bound to the old database again
    window.board.resync()
    _shows(qtbot, window, ["Local order"])
    host.close()


@only_sqlite
def test_the_old_board_stays_until_the_new_database_is_open(
    qtbot, database_url, another_database_url
):
    first = _local_and_server_orders(database_url, another_database_url)
    jobs = JobRunner()  # real threads: the database opens in the background
    host = BoardHost(jobs)
    old_window = host.show(first)  # its own database thread too
    _shows(qtbot, old_window, ["Local order"])

    host.switch_to(another_database_url)

    # Nothing has answered yet: the old board is on screen, disabled, and says what happens.
    assert host.window is old_window and old_window.isVisible() and not old_window.isEnabled()
    assert _titles(old_window) == ["Local order"]
    progress = [w for w in QApplication.topLevelWidgets() if w.objectName() == "openingProgress"]
    assert len(progress) == 1 and isinstance(progress[0], QProgressDialog)
    assert progress[0].labelText().startswith("Opening sqlite:///")
    with qtbot.waitSignal(host.switched, timeout=10_000) as switched:
        pass
    assert switched.args == [True]
    qtbot.addWidget(host.window)
    assert host.window is not old_window and not old_window.isVisible()
    _shows(qtbot, host.window, ["Studio server order"])
    host.close()


@only_sqlite
def test_switching_to_a_new_server_database_asks_then_migrates_it_in_the_background(
    qtbot, database_url, pg_server, request
):
    url = postgres.create_database(pg_server)
    request.addfinalizer(lambda: postgres.drop_database(pg_server, url))
    asked = []
    host = BoardHost(JobRunner(), confirm=lambda _session, status: asked.append(status) or True)
    old_window = host.show(open_session(database_url))
    qtbot.waitUntil(lambda: bool(old_window.board.columns), timeout=10_000)

    with qtbot.waitSignal(host.switched, timeout=30_000) as switched:
        host.switch_to(url)

    assert switched.args == [True]
    assert asked and asked[0].pending[0] == "001_initial"  # a server database: asked first
    assert host.session.url == url and not old_window.isVisible()
    qtbot.waitUntil(lambda: host.window.board.column_keys() == ["1", "2", "3"], timeout=10_000)
    host.window.close()  # its database thread ends before the database is dropped
    host.close()
