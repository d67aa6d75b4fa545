"""Finding 5 of issue 14: an order in Done (or finished) never shows urgency — no red or orange
edge — however close or past its due date is; an open order still does."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtGui import QColor

from photoflow_desktop.domain import tasks
from photoflow_desktop.domain.models import utc_now
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.ui.board.card_delegate import ACCENT_WIDTH, CARD_MARGIN
from photoflow_desktop.ui.common import theme


def _edge_colour(window, record) -> QColor:
    """The colour painted on the card's left edge (its urgency bar), read from the screen."""
    view = window.board.column_view(record.column).view
    window.board.select_task(record.id)
    view.clearSelection()
    rect = view.visualRect(view.model().index(view.model().row_of(record.id)))
    image = view.viewport().grab().toImage()
    return image.pixelColor(rect.left() + CARD_MARGIN + 1 + ACCENT_WIDTH // 2, rect.center().y())


def _close(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 40


def _card(window, column: str, hours: float, finished: bool = False):
    draft = TaskDraft("Album Keller", utc_now() + timedelta(hours=hours), "RAW", "", column)
    record = tasks.create_task(draft)
    if finished:
        record = tasks.set_finished(record.id, True)
    window.board.refresh_task(record.id)
    return record


def test_a_card_in_done_due_in_18_hours_has_no_urgent_edge(window, qtbot):
    palette = window.board.column_view("3").view.palette()
    urgent, soon = theme.urgent_color(palette), theme.soon_color(palette)
    done = _card(window, "3", 18)
    edge = _edge_colour(window, done)
    assert not _close(edge, urgent) and not _close(edge, soon)
    overdue_done = _card(window, "3", -30)
    edge = _edge_colour(window, overdue_done)
    assert not _close(edge, urgent) and not _close(edge, soon)
    # The same card still in To do is urgent (the edge is red): the check can see colour.
    open_card = _card(window, "1", 18)
    assert _close(_edge_colour(window, open_card), urgent)


def test_a_finished_card_shown_with_finished_tasks_is_not_urgent(window, qtbot):
    window.actions["show_finished"].trigger()
    palette = window.board.column_view("1").view.palette()
    finished = _card(window, "1", -5, finished=True)
    edge = _edge_colour(window, finished)
    assert not _close(edge, theme.urgent_color(palette))
