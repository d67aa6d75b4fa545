"""Finding 9 of issue 14: a long title wraps to two lines on the card (the second elided only
when even two lines are not enough), and the tooltip has the whole title."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

from photoflow_desktop.domain import tasks
from photoflow_desktop.domain.models import utc_now
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.ui.board import card_delegate

TITLE = "Hochzeit Müller-Schmidt – Album Sommer am See mit Leinwand und zwei Ordnern für die Eltern"


def test_a_long_title_shows_on_two_lines_with_its_tooltip(window, qtbot):
    draft = TaskDraft(TITLE, utc_now() + timedelta(days=9), "RAW", "", "1")
    record = tasks.create_task(draft)
    window.board.refresh_task(record.id)
    view = window.board.column_view("1").view
    model = view.model()
    index = model.index(model.row_of(record.id))
    rect = view.visualRect(index)
    bold = QFont(view.font())
    bold.setBold(True)
    line_height = QFontMetrics(bold).height()
    width = (
        card_delegate.badge_rect(rect).left()
        - (
            card_delegate.card_rect(rect).left()
            + card_delegate.PADDING
            + card_delegate.ACCENT_WIDTH
        )
        - 6
    )
    one_line = QFontMetrics(bold).elidedText(TITLE, Qt.TextElideMode.ElideRight, width)
    lines = card_delegate.title_lines(TITLE, bold, width)
    assert len(lines) == 2
    shown = " ".join(line.rstrip("…") for line in lines)
    assert TITLE.startswith(lines[0]) and len(shown) > 1.6 * len(one_line.rstrip("…"))
    # The card is tall enough for both lines above the due date and the status chip.
    due_height = QFontMetrics(view.font()).height()
    assert rect.height() >= 2 * line_height + due_height + card_delegate.BADGE_SIZE
    assert index.data(Qt.ItemDataRole.ToolTipRole).splitlines()[0] == TITLE


def test_a_short_title_stays_on_one_line():
    font = QFont()
    assert card_delegate.title_lines("Passbild Keller", font, 400) == ["Passbild Keller"]
