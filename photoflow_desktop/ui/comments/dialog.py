"""The comment thread of one task: read, add, edit and delete comments, each change undoable.

Changes go through `comment_commands` onto the board's undo stack; the dialog reloads its thread
whenever the stack's CommentNotifier reports a change to this task (also for undo/redo done from
the main window) and then emits `commentCountChanged(task_id, count)` for the card badge.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QPalette, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from photoflow_desktop.domain.comments import list_comments
from photoflow_desktop.domain.errors import NotFoundError, ValidationError
from photoflow_desktop.domain.records import TaskRecord
from photoflow_desktop.domain.tasks import get_task
from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.messages import user_message
from photoflow_desktop.ui.comments import commands as comment_commands
from photoflow_desktop.ui.comments.commands import DATABASE_ERRORS, database_error_message
from photoflow_desktop.ui.comments.delegate import CommentDelegate
from photoflow_desktop.ui.comments.model import CommentListModel, CommentRole, format_local
from photoflow_desktop.ui.comments.notices import header_texts, task_deleted_box
from photoflow_desktop.ui.comments.sending import send_comment
from photoflow_desktop.ui.comments.thread_widgets import Composer, ThreadView
from photoflow_desktop.ui.common.db_worker import SynchronousWorker
from photoflow_desktop.ui.common.theme import urgent_color

RELATIVE_REFRESH_MS = 30_000
PREVIEW_CHARS = 200


class CommentsDialog(QDialog):
    """The comment thread of one task, changes undoable on the board's undo stack."""

    commentCountChanged = Signal(int, int)  # task id, new number of comments

    def __init__(self, task_id: int, undo_stack: QUndoStack, parent=None, worker=None):
        super().__init__(parent)
        self.worker = worker or SynchronousWorker(self)  # stores new comments
        self._task_id = task_id
        self.undo_stack = undo_stack
        self._notifier = comment_commands.comment_notifier(undo_stack)
        self._task: TaskRecord | None = None
        self._gone = False
        self._listening = False
        self._prompt: QMessageBox | None = None
        self.setObjectName("commentsDialog")
        self.resize(560, 680)
        self._build()
        self._listen(True)
        self._timer = QTimer(self)
        self._timer.setInterval(RELATIVE_REFRESH_MS)
        self._timer.timeout.connect(self._model.refresh_relative_times)
        self._timer.start()
        self._reload()

    # -- construction ---------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self._build_header(layout)
        self._build_thread(layout)
        self._build_composer(layout)
        self._composer.setFocus()
        self._update_buttons()

    def _build_header(self, layout: QVBoxLayout) -> None:
        """Task title (large, bold) and a line with due date, status and comment count."""
        self._title = QLabel(self)
        self._title.setObjectName("taskTitle")
        self._title.setWordWrap(True)
        self._title.setTextFormat(Qt.TextFormat.PlainText)
        title_font = QFont(self._title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self._title.setFont(title_font)
        self._subtitle = QLabel(self)
        self._subtitle.setObjectName("taskDue")
        self._subtitle.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self._title)
        layout.addWidget(self._subtitle)

    def _build_thread(self, layout: QVBoxLayout) -> None:
        """The comment list with its actions (copy, edit, delete, undo, redo) and buttons."""
        self._model = CommentListModel(self)
        self._view = ThreadView(self)
        self._view.setAccessibleName(translate("Comments", "Comments"))
        self._view.setModel(self._model)
        self._delegate = CommentDelegate(self._view)
        self._view.setItemDelegate(self._delegate)
        self._delegate.editCommitted.connect(self._edit_committed)
        self._view.deleteRequested.connect(self.request_delete)
        self._view.selectionModel().currentChanged.connect(self._update_buttons)

        self._copy_action = self._action(
            translate("Comments", "Copy text"), QKeySequence.StandardKey.Copy, self.copy
        )
        self._edit_action = self._action(
            translate("Comments", "Edit…"), QKeySequence("F2"), self.edit_selected
        )
        self._delete_action = self._action(
            translate("Comments", "Delete…"), QKeySequence(Qt.Key.Key_Delete), self.request_delete
        )
        separator = QAction(self._view)
        separator.setSeparator(True)
        self._view.addAction(separator)
        for action, keys in (
            (
                self.undo_stack.createUndoAction(self, translate("Comments", "Undo")),
                QKeySequence.StandardKey.Undo,
            ),
            (
                self.undo_stack.createRedoAction(self, translate("Comments", "Redo")),
                QKeySequence.StandardKey.Redo,
            ),
        ):
            action.setShortcuts(keys)
            self._view.addAction(action)
            self.addAction(action)
        self._view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self._edit_button = self._button(
            translate("Comments", "Edit…"),
            self.edit_selected,
            translate("Comments", "Edit the selected comment (F2)"),
        )
        self._edit_button.setObjectName("editButton")
        self._delete_button = self._button(
            translate("Comments", "Delete…"),
            self.request_delete,
            translate("Comments", "Delete the selected comment (Delete)"),
        )
        self._delete_button.setObjectName("deleteButton")
        hint = QLabel(translate("Comments", "Double-click or F2 edits · Ctrl+C copies"), self)
        hint.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self._edit_button)
        row.addWidget(self._delete_button)
        row.addStretch(1)
        row.addWidget(hint)
        layout.addWidget(self._view, 1)
        layout.addLayout(row)

    def _build_composer(self, layout: QVBoxLayout) -> None:
        """Inline error line, the new-comment editor, Send and Close."""
        self._error = QLabel(self)
        self._error.setObjectName("errorLabel")
        self._error.setWordWrap(True)
        self._error.setTextFormat(Qt.TextFormat.PlainText)
        palette = self._error.palette()
        palette.setColor(QPalette.ColorRole.WindowText, urgent_color(palette))
        self._error.setPalette(palette)
        self._error.hide()
        self._composer = Composer(self)
        self._composer.setObjectName("composer")
        self._composer.setAccessibleName(translate("Comments", "New comment"))
        self._composer.setTabChangesFocus(True)
        self._composer.setPlaceholderText(
            translate("Comments", "Write a comment… (Ctrl+Enter sends)")
        )
        self._composer.setFixedHeight(self._composer.fontMetrics().lineSpacing() * 4 + 14)
        self._composer.submitted.connect(self.send)
        self._composer.textChanged.connect(self._composer_changed)
        self._send_button = self._button(
            translate("Comments", "Send"),
            self.send,
            translate("Comments", "Add the comment (Ctrl+Enter)"),
        )
        self._send_button.setEnabled(False)
        close_button = self._button(
            translate("Comments", "Close"),
            self.reject,
            translate("Comments", "Close the thread (Esc)"),
        )
        hint = QLabel(translate("Comments", "Ctrl+Enter sends"), self)
        hint.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(hint)
        row.addStretch(1)
        row.addWidget(self._send_button)
        row.addWidget(close_button)
        layout.addWidget(self._error)
        layout.addWidget(self._composer)
        layout.addLayout(row)

    def _action(self, text: str, shortcut: QKeySequence, slot) -> QAction:
        action = QAction(text, self._view)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self._view.addAction(action)
        return action

    def _button(self, text: str, slot, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _listen(self, on: bool) -> None:
        """Follow (or stop following) comment changes made through the undo stack."""
        if on == self._listening:
            return
        if on:
            self._notifier.changed.connect(self._stack_changed)
            self._notifier.failed.connect(self._stack_failed)
        else:
            self._notifier.changed.disconnect(self._stack_changed)
            self._notifier.failed.disconnect(self._stack_failed)
        self._listening = on

    # -- public API -----------------------------------------------------------------------
    @property
    def task_id(self) -> int:
        """The task whose thread is shown."""
        return self._task_id

    def model(self) -> CommentListModel:
        """The thread model (oldest first)."""
        return self._model

    def view(self) -> QListView:
        """The thread list view."""
        return self._view

    def composer(self) -> QPlainTextEdit:
        """The new-comment editor."""
        return self._composer

    def send_button(self) -> QPushButton:
        """The Send button (enabled only for non-blank text)."""
        return self._send_button

    def error_text(self) -> str:
        """The inline error shown to the user ('' when none)."""
        return self._error.text() if self._error.isVisibleTo(self) else ""

    def task_changed(self, task_id: int) -> None:
        """Live feed: the task (or its comments) changed elsewhere; re-read it."""
        if task_id == self._task_id and not self._gone:
            self._reload()

    def task_removed(self, task_id: int) -> None:
        """Live feed: the task was deleted; say so and close."""
        if task_id == self._task_id:
            self._task_gone()

    def send(self) -> None:
        """Add the composer's text as a comment: shown at once, stored by the worker."""
        text = self._composer.toPlainText()
        if not self._gone and text.strip():
            send_comment(self, text)

    def edit_selected(self) -> None:
        """Open the in-place editor on the selected comment."""
        index = self._view.currentIndex()
        if index.isValid() and not self._gone:
            self._view.edit(index)

    def copy(self) -> None:
        """Copy the selected comment's text to the clipboard."""
        index = self._view.currentIndex()
        if index.isValid():
            QApplication.clipboard().setText(index.data(CommentRole.Record).text)

    def request_delete(self) -> None:
        """Ask before deleting the selected comment."""
        index = self._view.currentIndex()
        if not index.isValid() or self._gone:
            return
        record = index.data(CommentRole.Record)
        preview = (
            record.text if len(record.text) <= PREVIEW_CHARS else record.text[:PREVIEW_CHARS] + "…"
        )
        box = self._open_prompt(
            QMessageBox.Icon.Question,
            translate("Comments", "Delete comment"),
            translate("Comments", "Delete this comment from {time}?").format(
                time=format_local(record.created_at)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )
        box.setObjectName("confirmDelete")
        box.setInformativeText(
            preview + "\n\n" + translate("Comments", "You can undo this with Ctrl+Z.")
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(translate("Comments", "Delete"))

        def answered(result: int) -> None:
            if result == QMessageBox.StandardButton.Yes:
                self._delete(record.id)

        box.finished.connect(answered)

    def reject(self) -> None:
        """Esc / Close: asks first when an unsent comment would be lost."""
        if self._gone or not self._composer.toPlainText().strip():
            super().reject()
            return
        box = self._open_prompt(
            QMessageBox.Icon.Question,
            translate("Comments", "Unsent comment"),
            translate("Comments", "Close and discard the comment you have not sent?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        )
        box.setObjectName("confirmDiscard")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered(result: int) -> None:
            if result == QMessageBox.StandardButton.Discard:
                QDialog.reject(self)

        box.finished.connect(answered)

    def done(self, result: int) -> None:
        """Closing stops following the undo stack (showing again resumes it)."""
        self._listen(False)
        self._timer.stop()
        super().done(result)

    def showEvent(self, event) -> None:
        """On show: follow changes again, re-read, and start at the newest comment."""
        super().showEvent(event)
        if not self._listening and not self._gone:
            self._listen(True)
            self._timer.start()
            self._reload()
        QTimer.singleShot(0, self._view, self._view.scrollToBottom)

    # -- changes --------------------------------------------------------------------------
    def _edit_committed(self, comment_id: int, text: str) -> None:
        if self._gone:
            return
        try:
            comment_commands.edit(self.undo_stack, comment_id, text)
        except ValidationError as error:
            self._delegate.keep_pending(comment_id, text)
            self.show_error(
                translate(
                    "Comments", "Edit not saved: {problem}. Press Esc in the editor to cancel."
                ).format(problem=user_message(error))
            )
            if self.isVisible():
                QTimer.singleShot(0, self, lambda: self._reopen_editor(comment_id))
        except NotFoundError as error:
            self.not_found(error)
        except DATABASE_ERRORS as error:
            self._delegate.keep_pending(comment_id, text)
            self.show_error(
                translate("Comments", "Edit not saved: {problem}").format(
                    problem=database_error_message(error)
                )
            )

    def _reopen_editor(self, comment_id: int) -> None:
        index = self._model.index_of(comment_id)
        if index.isValid() and not self._gone:
            self._view.setCurrentIndex(index)
            self._view.edit(index)

    def _delete(self, comment_id: int) -> None:
        try:
            comment_commands.delete(self.undo_stack, comment_id)
        except NotFoundError as error:
            self.not_found(error)
        except DATABASE_ERRORS as error:
            self.show_error(database_error_message(error))

    def _stack_changed(self, task_id: int) -> None:
        if task_id != self._task_id or self._gone:
            return
        self._hide_error()
        if self._reload():
            self.commentCountChanged.emit(self._task_id, self._task.comment_count)

    def _stack_failed(self, task_id: int, message: str) -> None:
        if task_id != self._task_id or self._gone:
            return
        if self._reload():
            self.show_error(
                translate("Comments", "Could not undo/redo: {problem}").format(problem=message)
            )
            self.commentCountChanged.emit(self._task_id, self._task.comment_count)

    def not_found(self, error: NotFoundError) -> None:
        """A comment or the task vanished: if the task is still there, show why and re-read."""
        if self._reload():
            self.show_error(user_message(error))

    def _reload(self) -> bool:
        """Re-read the task and its thread; False (and the 'deleted' message) when it is gone."""
        try:
            task = get_task(self._task_id)
            thread = list_comments(self._task_id)
        except NotFoundError:
            self._task_gone()
            return False
        except DATABASE_ERRORS as error:
            self.show_error(database_error_message(error, reading=True))
            return False
        self._task = task
        window_title, subtitle = header_texts(task)
        self.setWindowTitle(window_title)
        self._title.setText(task.title)
        self._subtitle.setText(subtitle)
        self._model.set_comments(thread)
        self._update_buttons()
        return True

    def scroll_to(self, comment_id: int) -> None:
        """Scroll the thread to a comment."""
        index = self._model.index_of(comment_id)
        if index.isValid():
            self._view.scrollTo(index)

    def _task_gone(self) -> None:
        """Say the task was deleted (keeping any unsent text copyable) and close."""
        if self._gone:
            return
        self._gone = True
        self._listen(False)
        self._timer.stop()
        if self._prompt is not None:
            self._prompt.done(QMessageBox.StandardButton.Cancel)
        title = (
            self._task.title
            if self._task is not None
            else translate("Comments", "Task #{id}").format(id=self._task_id)
        )
        for widget in (self._view, self._composer, self._send_button):
            widget.setEnabled(False)
        self._edit_button.setEnabled(False)
        self._delete_button.setEnabled(False)
        box = task_deleted_box(title, self._composer.toPlainText(), self)
        box.finished.connect(lambda _result: QDialog.reject(self))
        box.open()

    # -- small helpers --------------------------------------------------------------------
    def _open_prompt(self, icon, title: str, text: str, buttons) -> QMessageBox:
        """A window-modal question that does not block the event loop."""
        if self._prompt is not None:
            self._prompt.done(QMessageBox.StandardButton.Cancel)
        box = QMessageBox(icon, title, text, buttons, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(lambda _result: self._forget_prompt(box))
        self._prompt = box
        box.open()
        return box

    def _forget_prompt(self, box: QMessageBox) -> None:
        if self._prompt is box:
            self._prompt = None
        box.deleteLater()

    def prompt(self) -> QMessageBox | None:
        """The question currently asked (delete / discard), if any."""
        return self._prompt

    def _composer_changed(self) -> None:
        self._send_button.setEnabled(bool(self._composer.toPlainText().strip()) and not self._gone)
        self._hide_error()

    def show_error(self, message: str) -> None:
        """Say what went wrong under the thread."""
        self._error.setText(message)
        self._error.show()

    def _hide_error(self) -> None:
        self._error.hide()
        self._error.clear()

    def _update_buttons(self) -> None:
        has_current = self._view.currentIndex().isValid() and not self._gone
        for widget in (self._edit_button, self._delete_button):
            widget.setEnabled(has_current)
        for action in (self._edit_action, self._delete_action, self._copy_action):
            action.setEnabled(has_current)
