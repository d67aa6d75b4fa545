"""Background reads (the stats) never hold up what the user waits for; stale ones are dropped."""

from __future__ import annotations

import threading

from photoflow_desktop.domain.queries import board_stats, column_page
from photoflow_desktop.domain.search import parse_query

WAIT_MS = 10_000


def _block_background(worker) -> threading.Event:
    """Occupy the worker's background reader until the returned event is set."""
    release = threading.Event()
    worker.run_task(lambda: release.wait(WAIT_MS / 1000), background=True)
    return release


def test_a_filter_is_answered_while_a_background_read_is_running(threaded_window, qtbot):
    board = threaded_window.board
    release = _block_background(threaded_window.worker)
    try:
        threaded_window.search_edit.setText("wedding")
        threaded_window.apply_search()
        expected = [r.id for r in column_page("1", where=parse_query("wedding"))]
        qtbot.waitUntil(
            lambda: [r.id for r in board.column_model("1").records()] == expected,
            timeout=WAIT_MS,
        )
        assert not release.is_set()  # the stats reader is still busy: the cards did not wait
    finally:
        release.set()


def test_figures_counted_for_an_older_search_are_never_shown(threaded_window, qtbot):
    bar = threaded_window.stats_bar
    qtbot.waitUntil(lambda: bar.stats is not None, timeout=WAIT_MS)
    shown = []
    real_show = bar._show
    bar._show = lambda stats, *asked: shown.append(stats) or real_show(stats, *asked)
    release = _block_background(threaded_window.worker)
    bar.set_query(False, parse_query("portrait"))  # waits behind the blocked read
    bar.set_query(False, parse_query("wedding"))  # the one the board shows now
    release.set()
    wedding = board_stats(include_finished=False, where=parse_query("wedding"))
    qtbot.waitUntil(lambda: bar.stats == wedding and not bar._running, timeout=WAIT_MS)
    assert len(shown) == 2  # the portrait figures came back, and were dropped
    assert bar.figures["total"].value_label.text() == f"{wedding.total:,}"
