"""The board with a real database worker thread: optimistic changes, stale results, paging."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QListView, QMessageBox

from photoflow_desktop.domain import columns, tasks
from photoflow_desktop.domain.queries import column_page
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.search import parse_query
from photoflow_desktop.ui.board import command_runner
from photoflow_desktop.ui.board.conflict_dialog import ConflictChoice
from photoflow_desktop.ui.board.task_model import TaskListModel
from tests.support import postgres
from tests.support.backends import only_postgres

WAIT_MS = 10_000


def _settled(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.worker.busy and not window.commands.busy, timeout=WAIT_MS)


def test_the_window_opens_at_once_and_selects_the_first_card_when_it_arrives(
    seeded_session, threaded_worker, qtbot
):
    from photoflow_desktop.ui.board.main_window import MainWindow
    from photoflow_desktop.ui.common.jobs import JobRunner

    window = MainWindow(seeded_session, JobRunner(synchronous=True), worker=threaded_worker)
    qtbot.addWidget(window)
    window.show()
    assert window.board.columns == []  # nothing read on this thread: the columns are on their way
    _settled(qtbot, window)
    first = window.board.column_model("1").record(0)
    assert window.board.selected_task_id() == first.id
    assert window.stats_bar.figures["total"].value_label.text() != "–"


def test_a_move_shows_at_once_and_the_worker_confirms_it(threaded_window, drop, qtbot):
    board = threaded_window.board
    todo, doing = board.column_model("1"), board.column_model("2")
    record = todo.record(0)

    drop(board.column_view("2").view, record.id)

    # Nothing has come back from the worker yet: the card moved on the board alone.
    assert threaded_window.commands.busy
    assert doing.row_of(record.id) >= 0 and todo.row_of(record.id) == -1
    assert not threaded_window.actions["undo"].isEnabled()  # undo waits for the answer
    _settled(qtbot, threaded_window)
    assert tasks.get_task(record.id).column == "2"
    assert doing.record(doing.row_of(record.id)).column == "2"
    assert threaded_window.undo_stack.undoText().startswith("Move “")

    assert threaded_window.actions["undo"].isEnabled()
    threaded_window.actions["undo"].trigger()  # undo works on the confirmed move
    assert todo.row_of(record.id) >= 0  # at once again
    assert not threaded_window.actions["redo"].isEnabled()  # until the undo is confirmed
    _settled(qtbot, threaded_window)
    assert threaded_window.actions["redo"].isEnabled()
    assert tasks.get_task(record.id).column == "1"
    assert doing.row_of(record.id) == -1


def test_a_refused_move_goes_back_and_says_why(threaded_window, drop, qtbot):
    board = threaded_window.board
    todo = board.column_model("1")
    record = todo.record(0)
    target = columns.add_column("Retouch")
    board.reload_columns()
    qtbot.waitUntil(lambda: target.key in board.column_keys(), timeout=WAIT_MS)
    _settled(qtbot, threaded_window)  # its (empty) first page is in
    columns.delete_column(target.key)  # another workstation deletes it meanwhile

    drop(board.column_view(target.key).view, record.id)
    assert board.column_model(target.key).row_of(record.id) >= 0  # shown there at once

    _settled(qtbot, threaded_window)
    assert todo.row_of(record.id) == 0  # back where it was
    assert board.column_model(target.key).row_of(record.id) == -1
    assert tasks.get_task(record.id).column == "1"
    box = threaded_window.findChild(QMessageBox, "boardActionFailed")
    assert box is not None and "does not exist" in box.text()
    assert not threaded_window.undo_stack.canUndo()


@only_postgres
def test_a_move_goes_back_when_the_server_is_gone(
    threaded_window, drop, qtbot, pg_server, database_url
):
    board = threaded_window.board
    todo, doing = board.column_model("1"), board.column_model("2")
    record = todo.record(0)
    postgres.drop_database(pg_server, database_url)  # closes every connection to it, too

    drop(board.column_view("2").view, record.id)
    assert doing.row_of(record.id) >= 0

    _settled(qtbot, threaded_window)
    assert todo.row_of(record.id) == 0 and doing.row_of(record.id) == -1
    assert threaded_window.pending_label.text() == "1 change waiting for the database"
    assert "cannot be reached" in threaded_window.statusBar().currentMessage()
    assert not threaded_window.undo_stack.canUndo()


def test_a_conflict_comes_back_as_a_result_and_the_runner_asks(
    threaded_window, drop, qtbot, monkeypatch
):
    board = threaded_window.board
    seen = board.column_model("1").record(0)
    tasks.update_task(seen.id, TaskDraft("Renamed elsewhere", seen.due_at, seen.status))
    asked = []
    monkeypatch.setattr(
        command_runner,
        "resolve_conflict",
        lambda _parent, _action, mine, theirs: asked.append(theirs) or ConflictChoice.KEEP_THEIRS,
    )

    drop(board.column_view("2").view, seen.id)
    _settled(qtbot, threaded_window)

    assert [theirs.title for theirs in asked] == ["Renamed elsewhere"]
    assert tasks.get_task(seen.id).column == "1"
    qtbot.waitUntil(lambda: board.column_model("1").row_of(seen.id) >= 0, timeout=WAIT_MS)
    todo = board.column_model("1")
    assert todo.record(todo.row_of(seen.id)).title == "Renamed elsewhere"
    assert board.column_model("2").row_of(seen.id) == -1
    assert not threaded_window.undo_stack.canUndo()


def test_only_the_last_of_two_quick_filters_is_shown(threaded_window, qtbot):
    board = threaded_window.board
    todo = board.column_model("1")
    first, second = todo.record(0), todo.record(1)
    applied = []
    todo.reloaded.connect(lambda: applied.append(list(todo.records())))
    before = todo.records()

    threaded_window.search_edit.setText(f'"{first.title}"')
    threaded_window.apply_search()
    threaded_window.search_edit.setText(f'"{second.title}"')
    threaded_window.apply_search()
    assert todo.records() == before  # the old cards stay until the new ones arrive
    assert todo.loading and board.column_view("1").busy_bar.isVisibleTo(board)
    _settled(qtbot, threaded_window)

    expected = [r.id for r in column_page("1", where=parse_query(f'"{second.title}"'))]
    assert second.id in expected and first.id not in expected
    assert len(applied) == 1  # the first filter's page arrived too late and was dropped
    assert [r.id for r in todo.records()] == expected
    assert not board.column_view("1").busy_bar.isVisibleTo(board)


def test_scrolling_while_a_page_loads_asks_once_and_keeps_the_order(
    session, threaded_worker, qtbot
):
    start = datetime(2026, 3, 1, 9)
    created = [
        tasks.create_task(TaskDraft(f"Order {n}", start + timedelta(days=n), "RAW")).id
        for n in range(5)
    ]
    model = TaskListModel("1", page_size=2, worker=threaded_worker)
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(200, 60)
    requests = []
    model.loadingChanged.connect(lambda loading: loading and requests.append(model.rowCount()))
    view.show()

    model.fetchMore()
    assert model.loading and model.rowCount() == 0
    view.scrollToBottom()
    model.fetchMore()  # the user keeps scrolling while the page is on its way
    model.fetchMore()
    # The view asks for the next page whenever one arrives and it still sits at the bottom.
    qtbot.waitUntil(lambda: not model.canFetchMore() and not model.loading, timeout=WAIT_MS)
    assert [r.id for r in model.records()] == created  # in order, none twice
    assert requests == [0, 2, 4]  # one request per page, each after the last loaded card


def test_the_loading_bar_does_not_move_the_cards(threaded_window, qtbot):
    column = threaded_window.board.column_view("1")
    before = column.view.geometry()
    threaded_window.search_edit.setText("wedding")
    threaded_window.apply_search()
    assert column.model.loading and column.busy_bar.isVisibleTo(column)
    column.layout().activate()
    assert column.view.geometry() == before  # moving them would repaint every card at once
    _settled(qtbot, threaded_window)
