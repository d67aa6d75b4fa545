"""Finding 4 of issue 14: the stats bar counts what the board shows — under a search, with and
without finished tasks — and says what each figure counts."""

from __future__ import annotations

from photoflow_desktop.domain import tasks


def _figures(window) -> dict[str, int]:
    return {
        name: int(figure.value_label.text().replace(",", ""))
        for name, figure in window.stats_bar.figures.items()
    }


def _column_counts(window) -> dict[str, int]:
    return {key: window.board.column_view(key).count for key in window.board.column_keys()}


def _agree(window) -> None:
    figures, counts = _figures(window), _column_counts(window)
    assert figures["total"] == sum(counts.values())
    assert figures["in_progress"] == counts["2"]
    assert figures["done"] == counts["3"]


def test_figures_agree_with_the_columns_with_and_without_a_search(window, qtbot):
    _agree(window)
    one = window.board.column_model("1").record(0)
    window.search_edit.setText(one.title)
    window.apply_search()
    window.refresh_stats()
    assert _figures(window)["total"] == sum(_column_counts(window).values()) >= 1
    _agree(window)
    assert window.stats_bar.scope_label.isVisible()
    window.actions["show_finished"].trigger()
    window.refresh_stats()
    _agree(window)
    window.clear_search()
    window.refresh_stats()
    _agree(window)
    assert not window.stats_bar.scope_label.isVisible()


def test_finished_cards_count_only_when_shown(window, qtbot):
    record = window.board.column_model("1").record(0)
    tasks.set_finished(record.id, True)
    window.refresh()
    _agree(window)
    window.actions["show_finished"].trigger()
    window.refresh_stats()
    _agree(window)


def test_each_figure_says_what_it_counts(window):
    tips = [figure.toolTip() for figure in window.stats_bar.figures.values()]
    assert all("Shown orders" in tip or "board shows" in tip for tip in tips)
