"""The guard behind every UI test: window code that queries on the UI thread is named."""

from __future__ import annotations

from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.ui.board.board_reads import BoardQuery, stored_task
from photoflow_desktop.ui.common.db_worker import SynchronousWorker


def test_a_board_read_on_the_ui_thread_is_named(session, ui_thread_never_queries):
    seed_board()  # the test's own queries are not window code

    stored_task(1, BoardQuery())

    assert ui_thread_never_queries, "a read outside the worker went unnoticed"
    assert "ui/board/board_reads.py" in ui_thread_never_queries[0]
    ui_thread_never_queries.clear()  # seen: this test passes


def test_the_same_read_through_the_worker_passes(session, ui_thread_never_queries):
    seed_board()
    answers = []

    SynchronousWorker().run_task(lambda: stored_task(1, BoardQuery()), on_done=answers.append)

    assert answers[0].record is not None
    assert not ui_thread_never_queries
