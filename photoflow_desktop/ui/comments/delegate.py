"""Paints one comment as a bubble (time + wrapped text) and edits it in place.

The in-place editor is a multi-line QPlainTextEdit: Ctrl+Enter saves, Esc cancels, and its text
can be selected and copied freely. A save does not write the model: `editCommitted(id, text)`
goes to the dialog, which runs the undoable command and refreshes the thread.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import QAbstractItemView, QPlainTextEdit, QStyle, QStyledItemDelegate

from photoflow_desktop.i18n import translate
from photoflow_desktop.ui.comments.model import CommentRole

MARGIN = 6  # around a bubble
PADDING = 10  # inside a bubble
HEADER_GAP = 4  # between the time line and the text
MIN_EDITOR_HEIGHT = 110
SEND_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def is_send_key(event) -> bool:
    """Ctrl+Enter (either Enter key): the 'save / send' chord of comment editors."""
    return (
        event.key() in SEND_KEYS
        and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        == Qt.KeyboardModifier.ControlModifier
    )


def _text_layout(text: str, font: QFont, width: float) -> tuple[QTextLayout, float]:
    """The text broken into lines at word boundaries (anywhere for very long words)."""
    layout = QTextLayout(text.replace("\n", "\u2028"), font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    height = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(width, 10.0))
        line.setPosition(QPointF(0, height))
        height += line.height()
    layout.endLayout()
    return layout, height


class CommentDelegate(QStyledItemDelegate):
    """Bubble painter and in-place editor for CommentListModel rows."""

    editCommitted = Signal(int, str)  # comment id, the edited text (not yet validated)

    def __init__(self, view: QAbstractItemView):
        super().__init__(view)
        self._view = view
        self._heights: dict[tuple[int, str, int, str], int] = {}
        self._pending: dict[int, str] = {}
        self._editing: int | None = None  # the comment whose editor is open (its row grows)

    # -- fonts and geometry ---------------------------------------------------------------
    def _header_font(self) -> QFont:
        font = QFont(self._view.font())
        font.setPointSizeF(font.pointSizeF() * 0.9)
        return font

    def _text_width(self) -> int:
        return self._view.viewport().width() - 2 * (MARGIN + PADDING)

    def _header_height(self) -> int:
        return QFontMetrics(self._header_font()).height()

    def sizeHint(self, option, index) -> QSize:
        """Height of the wrapped text plus the time line, for the view's current width."""
        record = index.data(CommentRole.Record)
        width = self._text_width()
        key = (record.id, record.text, width, self._view.font().key())
        height = self._heights.get(key)
        if height is None:
            _, text_height = _text_layout(record.text, self._view.font(), width)
            height = int(2 * (MARGIN + PADDING) + self._header_height() + HEADER_GAP + text_height)
            if len(self._heights) > 5000:
                self._heights.clear()
            self._heights[key] = height
        if record.id == self._editing:
            height = max(height, MIN_EDITOR_HEIGHT + 2 * MARGIN)
        return QSize(self._view.viewport().width(), height)

    def _bubble(self, rect: QRect) -> QRectF:
        return QRectF(rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN))

    # -- painting -------------------------------------------------------------------------
    def paint(self, painter: QPainter, option, index) -> None:
        """A rounded bubble: local time (bold) and relative hint, then the wrapped text."""
        record = index.data(CommentRole.Record)
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        bubble = self._bubble(option.rect)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(palette.color(QPalette.ColorRole.AlternateBase))
        border = QColor(palette.color(QPalette.ColorRole.Mid))
        if selected:
            fill = QColor(palette.color(QPalette.ColorRole.Highlight))
            fill.setAlpha(40)
            border = QColor(palette.color(QPalette.ColorRole.Highlight))
        painter.setPen(border)
        painter.setBrush(fill)
        painter.drawRoundedRect(bubble.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        if focused and selected:
            pen = painter.pen()
            pen.setWidthF(1.5)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(bubble.adjusted(1, 1, -1, -1), 5, 5)

        left = bubble.left() + PADDING
        top = bubble.top() + PADDING
        header_font = self._header_font()
        header_font.setBold(True)
        header_metrics = QFontMetrics(header_font)
        painter.setFont(header_font)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        local_time = index.data(CommentRole.LocalTime)
        painter.drawText(QPointF(left, top + header_metrics.ascent()), local_time)
        relative = index.data(CommentRole.RelativeTime)
        if relative:
            hint_font = self._header_font()
            painter.setFont(hint_font)
            painter.setPen(palette.color(QPalette.ColorRole.Link))
            x = left + header_metrics.horizontalAdvance(local_time + "  ")
            painter.drawText(QPointF(x, top + header_metrics.ascent()), f"· {relative}")

        painter.setPen(palette.color(QPalette.ColorRole.Text))
        layout, _ = _text_layout(record.text, self._view.font(), self._text_width())
        layout.draw(painter, QPointF(left, top + self._header_height() + HEADER_GAP))
        painter.restore()

    # -- editing --------------------------------------------------------------------------
    def createEditor(self, parent, option, index) -> QPlainTextEdit:
        """A multi-line editor over the bubble (Ctrl+Enter saves, Esc cancels)."""
        self._editing = index.data(CommentRole.Id)
        self.sizeHintChanged.emit(index)
        editor = QPlainTextEdit(parent)
        editor.setObjectName("commentEditor")
        editor.setTabChangesFocus(True)
        editor.setToolTip(translate("Comments", "Ctrl+Enter saves, Esc cancels"))
        return editor

    def destroyEditor(self, editor, index) -> None:
        """Close the editor; the row shrinks back to its text."""
        super().destroyEditor(editor, index)
        self._editing = None
        if index.isValid():
            self.sizeHintChanged.emit(index)

    def setEditorData(self, editor: QPlainTextEdit, index) -> None:
        """The comment's text, or the text of a refused edit so nothing typed is lost."""
        record = index.data(CommentRole.Record)
        editor.setPlainText(self._pending.pop(record.id, record.text))
        editor.moveCursor(editor.textCursor().MoveOperation.End)

    def setModelData(self, editor: QPlainTextEdit, model, index) -> None:
        """Hand the edited text to the dialog (the model changes when the command ran)."""
        record = index.data(CommentRole.Record)
        text = editor.toPlainText()
        if text != record.text:
            self.editCommitted.emit(record.id, text)

    def updateEditorGeometry(self, editor, option, index) -> None:
        """The editor covers the bubble (the row is grown to fit it while editing)."""
        editor.setGeometry(self._bubble(option.rect).toRect())

    def keep_pending(self, comment_id: int, text: str) -> None:
        """Remember a refused edit; the next editor for that comment starts with it."""
        self._pending[comment_id] = text

    def eventFilter(self, editor, event) -> bool:
        """Ctrl+Enter (or Tab) saves and stays on this comment; the rest as Qt's delegate."""
        if event.type() == QEvent.Type.KeyPress and (
            is_send_key(event) or event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        ):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(editor, event)
