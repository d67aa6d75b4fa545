"""UI tests run offscreen (no display needed) against a real database on both backends."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.session import open_session
from photoflow_desktop.ui.common.db_worker import DatabaseWorker, SynchronousWorker
from photoflow_desktop.ui.common.jobs import JobRunner
from tests.support.ui_thread_queries import ui_thread_never_queries  # noqa: F401  (autouse)


@pytest.fixture
def session(database_url):
    """A Session on the fresh migrated database (models bound to it)."""
    opened = open_session(database_url)
    yield opened
    opened.close()


@pytest.fixture
def seeded_session(session):
    """The session with the sample board (~30 orders with comments)."""
    seed_board()
    return session


@pytest.fixture
def db_worker():
    """The board's database worker in tests: synchronous, every task done when it returns."""
    return SynchronousWorker()


@pytest.fixture
def threaded_worker(session):
    """A real database worker (its own thread and connection), stopped before the database goes."""
    worker = DatabaseWorker()
    yield worker
    worker.stop()


@pytest.fixture
def connect_dialog(qtbot):
    """File → Connect to studio server…, shown, testing in synchronous jobs."""
    from photoflow_desktop.ui.connection.connect_dialog import ConnectDialog

    dialog = ConnectDialog(jobs=JobRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def show_window(qtbot, session, worker):
    """The board window on `session`, shown (offscreen) and active."""
    from photoflow_desktop.ui.board.main_window import MainWindow

    window = MainWindow(session, JobRunner(synchronous=True), worker=worker)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


@pytest.fixture
def window(qtbot, seeded_session, db_worker):
    """The board window on the seeded database, shown (offscreen) and active."""
    return show_window(qtbot, seeded_session, db_worker)


@pytest.fixture
def threaded_window(qtbot, seeded_session, threaded_worker):
    """The board window with a real worker thread, once its first pages and counts arrived."""
    window = show_window(qtbot, seeded_session, threaded_worker)
    qtbot.waitUntil(lambda: not threaded_worker.busy, timeout=10_000)
    return window


@pytest.fixture
def empty_window(qtbot, session, db_worker):
    """The board window on an empty board."""
    return show_window(qtbot, session, db_worker)


@pytest.fixture
def decide():
    """`decide(url)`: `decide_startup` run the way the app runs it, in a background job."""
    from photoflow_desktop.ui.connection.startup import decide_startup

    def run(url):
        outcome = []
        JobRunner(synchronous=True).start(lambda _job: decide_startup(url), on_done=outcome.append)
        return outcome[0]

    return run


@pytest.fixture
def fast_poll_ms() -> int:
    """A live-feed poll interval for tests: changes on SQLite show in ms, not the app's 1 s."""
    return 50


@pytest.fixture
def boards(qtbot, seeded_session, db_worker, fast_poll_ms):
    """Two board windows on one database (two workstations), each with its own live feed."""
    from photoflow_desktop.ui.board.main_window import MainWindow
    from photoflow_desktop.ui.connection.live_board import attach_live_updates

    opened = []
    for _ in range(2):
        window = MainWindow(seeded_session, JobRunner(synchronous=True), worker=db_worker)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        window.live = attach_live_updates(window, poll_interval_ms=fast_poll_ms)
        opened.append(window)
    qtbot.waitExposed(opened[1])
    yield opened
    for window in opened:
        window.live.stop()


def drop_task(view, task_id: int) -> None:
    """Drop a card on a column's list the way Qt delivers a drag: enter, move, drop."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    from photoflow_desktop.ui.board.task_model import encode_task_id

    mime = encode_task_id(task_id)
    point = QPoint(view.viewport().width() // 2, 10)
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, Qt.DropAction.MoveAction, mime, buttons, modifiers)
    QApplication.sendEvent(view.viewport(), enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(point, Qt.DropAction.MoveAction, mime, buttons, modifiers)
    QApplication.sendEvent(view.viewport(), move)
    assert move.isAccepted()
    drop = QDropEvent(point, Qt.DropAction.MoveAction, mime, buttons, modifiers)
    QApplication.sendEvent(view.viewport(), drop)


@pytest.fixture
def drop():
    """`drop(view, task_id)`: a synthetic drag-and-drop onto a column (works offscreen)."""
    return drop_task


def ids(model) -> list[int]:
    """Task ids of a column model's loaded rows, top to bottom."""
    return [record.id for record in model.records()]


@pytest.fixture
def column_ids():
    """`column_ids(model)`: the ids of a column model's rows, top to bottom."""
    return ids
