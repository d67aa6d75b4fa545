"""A column holding more cards than are counted exactly says "about" in its header."""

from __future__ import annotations

import pytest

from photoflow_desktop.domain import counts


@pytest.fixture
def estimating_window(monkeypatch, backend, request):
    """The board window (on each backend), opened while one card per column is counted exactly."""
    monkeypatch.setattr(counts, "COUNT_EXACT_UP_TO", 1)
    return request.getfixturevalue("window")


def test_an_estimated_count_reads_about(estimating_window):
    view = estimating_window.board.column_view("1")
    assert view.count_estimated
    assert view.header_text().startswith(f"{view.column.title} about {view.count:,}")


def test_a_rare_search_is_counted_from_its_cards_without_a_count_query(window, monkeypatch):
    """Every column's page came back short: the headers count its cards, no count is asked
    (at a million orders that saved ~100 ms of trigram index scan, and a round trip)."""
    counted: list[list[str]] = []
    real = counts._estimates  # the first step of every column count

    def recorded(keys, condition):
        counted.append(keys)
        return real(keys, condition)

    monkeypatch.setattr(counts, "_estimates", recorded)
    window.search_edit.setText("Müller")
    window.apply_search()

    board = window.board
    cards = {key: board.column_model(key).rowCount() for key in board.column_keys()}
    headers = {key: board.column_view(key).count for key in board.column_keys()}
    assert headers == cards and sum(cards.values()) >= 1
    assert counted == []


def test_a_full_page_is_still_counted(window, monkeypatch):
    """A column holding more matches than one page is counted, not taken from its cards."""
    monkeypatch.setattr(window.board.column_model("1"), "page_size", 2)
    window.search_edit.setText("a")
    window.apply_search()

    view = window.board.column_view("1")
    assert window.board.column_model("1").rowCount() == 2
    assert view.count > 2
