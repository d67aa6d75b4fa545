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
