"""Paints a task card: title, local due date with a relative hint, status chip, comment badge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import Enum

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from photoflow_desktop.domain.agenda import is_done
from photoflow_desktop.domain.models import utc_now
from photoflow_desktop.domain.records import TaskRecord
from photoflow_desktop.i18n import translate
from photoflow_desktop.ui.board.card_texts import chip_status, shown_title
from photoflow_desktop.ui.board.task_model import TaskRole
from photoflow_desktop.ui.common import theme
from photoflow_desktop.ui.common.dates import (
    DAY,
    DAY_WITH_YEAR,
    SHORT,
    SHORT_WITH_YEAR,
    date_format,
    format_local,
)
from photoflow_desktop.ui.common.status_text import status_text

CARD_MARGIN = 4
PADDING = 8
ACCENT_WIDTH = 4
RADIUS = 6
BADGE_SIZE = 20
TITLE_LINES = 2  # a long title wraps to two lines; the tooltip has all of it


class Urgency(Enum):
    """How pressing a card is (the web app's rule: red under a day left or overdue)."""

    FINISHED = "finished"
    URGENT = "urgent"
    SOON = "soon"
    CALM = "calm"


def urgency(record: TaskRecord, now: datetime | None = None) -> Urgency:
    """Finished or in Done → muted; less than a day left or overdue → urgent; < 3 days → soon."""
    if is_done(record):
        return Urgency.FINISHED
    if record.damaged:
        return Urgency.URGENT
    left = record.due_at - (now or utc_now())
    if left < timedelta(days=1):
        return Urgency.URGENT
    if left < timedelta(days=3):
        return Urgency.SOON
    return Urgency.CALM


def relative_hint(due_at: datetime, now: datetime | None = None) -> str:
    """The due date relative to now: "in 2 days", "in 5 hours", "3 days overdue"."""
    delta = due_at - (now or utc_now())
    overdue = delta < timedelta(0)
    span = -delta if overdue else delta
    if span >= timedelta(days=1):
        if overdue:
            return translate("Board", "%n day(s) overdue", None, span.days)
        return translate("Board", "in %n day(s)", None, span.days)
    if span >= timedelta(hours=1):
        if overdue:
            return translate("Board", "%n hour(s) overdue", None, span.seconds // 3600)
        return translate("Board", "in %n hour(s)", None, span.seconds // 3600)
    minutes = max(1, span.seconds // 60)
    if overdue:
        return translate("Board", "%n minute(s) overdue", None, minutes)
    return translate("Board", "in %n minute(s)", None, minutes)


def local_due_text(due_at: datetime, date_only: bool = False) -> str:
    """The due date in local time, e.g. "Tue 24 Nov 14:00" (year added when not this year).

    A date-only due date (UTC midnight, the web app's form) is that calendar date, no time.
    """
    this_year = datetime.now().year
    if date_only:
        fmt = DAY if due_at.year == this_year else DAY_WITH_YEAR
        day = QDate(due_at.year, due_at.month, due_at.day)
        return QLocale().toString(day, date_format(fmt))
    local = due_at.replace(tzinfo=UTC).astimezone()
    return format_local(due_at, SHORT if local.year == this_year else SHORT_WITH_YEAR)


def title_lines(title: str, font: QFont, width: int, max_lines: int = TITLE_LINES) -> list[str]:
    """The title word-wrapped to `width`, at most `max_lines` lines, the last one elided."""
    layout = QTextLayout(title, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    lines: list[str] = []
    while len(lines) < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start = line.textStart()
        if len(lines) == max_lines - 1:
            rest = title[start:]
            lines.append(QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width))
            break
        lines.append(title[start : start + line.textLength()].rstrip())
    layout.endLayout()
    return lines or [""]


def due_texts(record: TaskRecord, now: datetime | None = None) -> tuple[str, str]:
    """(due date, hint) shown on the card; a damaged stored date is shown raw with a warning."""
    if "due_at" in record.damaged:
        raw = record.damaged["due_at"]
        text = QCoreApplication.translate("CardDelegate", "Damaged due date: {raw}")
        return text.format(raw=raw), QCoreApplication.translate("CardDelegate", "set a new date")
    hint = relative_hint(record.due_at, now)
    if is_done(record):  # finished (or in Done) is never urgent: no "in 18 hours"
        hint = (
            QCoreApplication.translate("CardDelegate", "finished")
            if record.is_finished
            else QCoreApplication.translate("CardDelegate", "done")
        )
    return local_due_text(record.due_at, record.due_is_date_only), hint


def card_rect(item_rect: QRect) -> QRect:
    """The card inside its list row (margins around it)."""
    return item_rect.adjusted(CARD_MARGIN, CARD_MARGIN // 2, -CARD_MARGIN, -CARD_MARGIN // 2)


def badge_rect(item_rect: QRect) -> QRect:
    """Where the comment badge sits (top right of the card): double-click opens comments."""
    card = card_rect(item_rect)
    return QRect(
        card.right() - PADDING - BADGE_SIZE - 8,
        card.top() + PADDING - 2,
        BADGE_SIZE + 8,
        BADGE_SIZE,
    )


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


class CardDelegate(QStyledItemDelegate):
    """Draws one card per row from the TaskRecord role; never queries the database."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.now: datetime | None = None  # fixed "now" for screenshots and tests

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        """Every card has the same height (the view uses uniform item sizes)."""
        metrics = QFontMetrics(option.font)
        title_height = TITLE_LINES * QFontMetrics(_bold(option.font)).height()
        height = 2 * CARD_MARGIN + 2 * PADDING + title_height + metrics.height() + 6 + BADGE_SIZE
        return QSize(160, height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Paint the card of `index`."""
        record: TaskRecord | None = index.data(TaskRole.Record)
        if record is None:
            return
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        level = urgency(record, self.now)
        muted = level is Urgency.FINISHED
        text_color = theme.muted_text(palette) if muted else palette.color(QPalette.ColorRole.Text)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = card_rect(option.rect)
        painter.setPen(QPen(theme.card_border(palette, selected), 2 if selected else 1))
        painter.setBrush(theme.card_background(palette, selected))
        painter.drawRoundedRect(QRectF(card).adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)

        accent = self._accent(level, palette)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        bar = QRectF(card.left() + 1, card.top() + 1, ACCENT_WIDTH, card.height() - 2)
        painter.drawRoundedRect(bar, 2, 2)

        inner = card.adjusted(PADDING + ACCENT_WIDTH, PADDING, -PADDING, -PADDING)
        badge = badge_rect(option.rect)
        title_font = QFont(option.font)
        title_font.setBold(True)
        title_font.setStrikeOut(record.is_finished)
        painter.setFont(title_font)
        painter.setPen(text_color)
        title_metrics = QFontMetrics(title_font)
        title_width = badge.left() - inner.left() - 6
        lines = title_lines(shown_title(record), title_font, title_width)
        title_rect = QRect(
            inner.left(), inner.top(), title_width, TITLE_LINES * title_metrics.height()
        )
        for number, line in enumerate(lines):
            line_rect = QRect(
                inner.left(),
                inner.top() + number * title_metrics.height(),
                title_width,
                title_metrics.height(),
            )
            painter.drawText(
                line_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line
            )
        self._paint_badge(painter, badge, record.comment_count, palette, muted)

        painter.setFont(option.font)
        metrics = QFontMetrics(option.font)
        due_top = title_rect.bottom() + 4
        due_rect = QRect(inner.left(), due_top, inner.width(), metrics.height())
        due_text, hint = due_texts(record, self.now)
        due_color = text_color if level in (Urgency.FINISHED, Urgency.CALM) else accent
        painter.setPen(text_color)
        painter.drawText(
            due_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, due_text
        )
        hint_left = due_rect.left() + metrics.horizontalAdvance(due_text + "  ")
        hint_rect = QRect(hint_left, due_top, max(0, inner.right() - hint_left), metrics.height())
        bold = QFont(option.font)
        bold.setBold(level is Urgency.URGENT)
        painter.setFont(bold)
        painter.setPen(due_color)
        painter.drawText(
            hint_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(bold).elidedText(hint, Qt.TextElideMode.ElideRight, hint_rect.width()),
        )

        chip = self._paint_chip(
            painter,
            option.font,
            chip_status(record),
            inner,
            due_rect.bottom() + 6,
            palette,
            muted,
        )
        client = index.data(TaskRole.ClientName)
        if client:
            painter.setFont(option.font)
            painter.setPen(theme.muted_text(palette))
            client_rect = QRect(
                chip.right() + 8, chip.top(), inner.right() - chip.right() - 8, chip.height()
            )
            elided = metrics.elidedText(client, Qt.TextElideMode.ElideRight, client_rect.width())
            painter.drawText(
                client_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided
            )
        painter.restore()

    @staticmethod
    def _accent(level: Urgency, palette: QPalette) -> QColor:
        if level is Urgency.URGENT:
            return theme.urgent_color(palette)
        if level is Urgency.SOON:
            return theme.soon_color(palette)
        if level is Urgency.CALM:
            return theme.calm_color(palette)
        return theme.muted_text(palette)

    @staticmethod
    def _paint_badge(painter: QPainter, rect: QRect, count: int, palette: QPalette, muted: bool):
        """A speech-bubble-like pill with the comment count (hollow when there are none)."""
        text = palette.color(QPalette.ColorRole.Text)
        if count:
            fill = theme.mix(
                palette.color(QPalette.ColorRole.Highlight),
                palette.color(QPalette.ColorRole.Base),
                0.75 if not muted else 0.9,
            )
            painter.setBrush(fill)
        else:
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(theme.mix(text, palette.color(QPalette.ColorRole.Base), 0.6), 1))
        painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
        font = painter.font()
        font.setBold(bool(count))
        font.setPointSizeF(max(6.0, font.pointSizeF() - 1))
        painter.setFont(font)
        painter.setPen(theme.muted_text(palette) if muted or not count else text)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count) if count < 1000 else "999+")

    @staticmethod
    def _paint_chip(
        painter: QPainter,
        base_font: QFont,
        status: str,
        inner: QRect,
        top: int,
        palette: QPalette,
        muted: bool,
    ) -> QRect:
        """The status as a rounded chip under the due date; returns where it went."""
        font = QFont(base_font)
        font.setPointSizeF(max(6.0, base_font.pointSizeF() - 1))
        metrics = QFontMetrics(font)
        label = metrics.elidedText(
            status_text(status), Qt.TextElideMode.ElideRight, inner.width() - 12
        )
        width = metrics.horizontalAdvance(label) + 12
        chip = QRect(inner.left(), top, width, BADGE_SIZE - 2)
        background, foreground = theme.chip_colors(status, palette)
        if muted:
            background = theme.mix(background, palette.color(QPalette.ColorRole.Base), 0.5)
            foreground = theme.muted_text(palette)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(QRectF(chip), 8, 8)
        painter.setFont(font)
        painter.setPen(foreground)
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)
        return chip
