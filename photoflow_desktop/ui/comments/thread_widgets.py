"""The comment dialog's two widgets: the thread list and the new-comment editor."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QPlainTextEdit, QWidget

from photoflow_desktop.i18n import translate
from photoflow_desktop.ui.comments.delegate import is_send_key
from photoflow_desktop.ui.common.theme import urgent_color


def empty_hint() -> str:
    """What an empty thread says once it was read."""
    return translate("Comments", "No comments yet.\nWrite the first one below.")


def loading_hint() -> str:
    """What the thread says until the worker brought it."""
    return translate("Comments", "Loading the comments…")


def title_label(parent: QWidget) -> QLabel:
    """The task's title over the thread: large, bold, wrapped, plain text."""
    label = QLabel(parent)
    label.setObjectName("taskTitle")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    label.setFont(font)
    return label


def error_label(parent: QWidget) -> QLabel:
    """The (hidden) line under the thread that says what went wrong, in the urgent colour."""
    label = QLabel(parent)
    label.setObjectName("errorLabel")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, urgent_color(palette))
    label.setPalette(palette)
    label.hide()
    return label


class Composer(QPlainTextEdit):
    """The new-comment editor: Ctrl+Enter emits `submitted` instead of a line break."""

    submitted = Signal()

    def keyPressEvent(self, event) -> None:
        """Ctrl+Enter sends; other keys edit as usual."""
        if is_send_key(event):
            event.accept()
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class ThreadView(QListView):
    """The thread list: per-pixel scrolling, a hint when empty, Delete asks to delete."""

    deleteRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("commentList")
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.verticalScrollBar().setSingleStep(20)
        self._hint = empty_hint()

    def set_hint(self, text: str) -> None:
        """What the empty list says ('Loading…' until the thread arrived)."""
        self._hint = text
        self.viewport().update()

    def keyPressEvent(self, event) -> None:
        """Delete asks to delete the selected comment (when no action shortcut caught it)."""
        if (
            event.key() == Qt.Key.Key_Delete
            and self.state() != QAbstractItemView.State.EditingState
        ):
            event.accept()
            self.deleteRequested.emit()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event) -> None:
        """The comments, or a short hint when there are none (yet)."""
        super().paintEvent(event)
        if self._hint and self.model() is not None and self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.viewport().rect(),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self._hint,
            )
            painter.end()
