"""The comment thread of one task: read, add, edit and delete comments, each change undoable.

The window never queries: the thread is read on the board's database worker (the dialog opens at
once, "Loading…", and fills when it arrives; an older read than the latest is dropped). Adds,
edits and deletes are optimistic (`changes`): shown at once, confirmed by the worker or taken
back with the reason. Confirmed changes land on the board's undo stack (`comment_commands`);
the dialog re-reads its thread whenever the stack's CommentNotifier reports a change to this task
(also for undo/redo done from the main window) and then emits `commentCountChanged(task_id,
count)` for the card badge.
"""

from __future__ import annotations

from dataclasses import replace

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
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

from photoflow_desktop.domain.errors import NotFoundError, ValidationError
from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.messages import user_message
from photoflow_desktop.ui.comments import changes, notices
from photoflow_desktop.ui.comments import commands as comment_commands
from photoflow_desktop.ui.comments import thread_widgets as widgets
from photoflow_desktop.ui.comments.delegate import CommentDelegate
from photoflow_desktop.ui.comments.failures import Action, failure_line
from photoflow_desktop.ui.comments.model import CommentListModel, CommentRole
from photoflow_desktop.ui.comments.pending import ThreadState
from photoflow_desktop.ui.comments.thread_reads import StoredThread, read_thread
from photoflow_desktop.ui.common.db_worker import SynchronousWorker

RELATIVE_REFRESH_MS = 30_000


class CommentsDialog(QDialog):
    """The comment thread of one task, changes undoable on the board's undo stack."""

    commentCountChanged = Signal(int, int)  # task id, new number of comments

    def __init__(self, task_id: int, undo_stack: QUndoStack, parent=None, worker=None):
        super().__init__(parent)
        self.worker = worker or SynchronousWorker()  # reads and stores (outlives us: undo uses it)
        self._task_id = task_id
        self.undo_stack = undo_stack
        self._notifier = comment_commands.comment_notifier(undo_stack)
        self.state = ThreadState()  # the thread as stored, and our changes on their way
        self._generation = 0  # of the latest read asked for; older answers are dropped
        self._announce = False  # emit commentCountChanged when the latest read arrives
        self._gone = False
        self._listening = False
        self._prompt: QMessageBox | None = None
        self.setObjectName("commentsDialog")
        self.resize(560, 680)
        self._build()
        window_title, subtitle = notices.loading_texts(task_id)
        self.setWindowTitle(window_title)
        self._subtitle.setText(subtitle)
        self._view.set_hint(widgets.loading_hint())
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
        self._title = widgets.title_label(self)
        self._subtitle = QLabel(self)
        self._subtitle.setObjectName("taskDue")
        self._subtitle.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self._title)
        layout.addWidget(self._subtitle)

    def _build_thread(self, layout: QVBoxLayout) -> None:
        """The comment list with its actions (copy, edit, delete, undo, redo) and buttons."""
        self._model = CommentListModel(self)
        self._view = widgets.ThreadView(self)
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
        self._error = widgets.error_label(self)
        self._composer = widgets.Composer(self)
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

    def delegate(self) -> CommentDelegate:
        """The thread's delegate (paints the bubbles, owns the in-place editor)."""
        return self._delegate

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
            changes.send_comment(self, text)

    def edit_selected(self) -> None:
        """Open the in-place editor on the selected comment."""
        if self._selected() is not None:
            self._view.edit(self._view.currentIndex())

    def _selected(self):
        """The selected stored comment (None: none, one still being sent, or the task gone)."""
        index = self._view.currentIndex()
        if not index.isValid() or self._gone:
            return None
        record = index.data(CommentRole.Record)
        return None if changes.is_provisional(record) else record

    def copy(self) -> None:
        """Copy the selected comment's text to the clipboard."""
        index = self._view.currentIndex()
        if index.isValid():
            QApplication.clipboard().setText(index.data(CommentRole.Record).text)

    def request_delete(self) -> None:
        """Ask before deleting the selected comment."""
        record = self._selected()
        if record is None:
            return
        title, text, details = notices.delete_question(record)
        box = self._open_prompt(
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )
        box.setObjectName("confirmDelete")
        box.setInformativeText(details)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(translate("Comments", "Delete"))

        def answered(result: int) -> None:
            if result == QMessageBox.StandardButton.Yes and not self._gone:
                changes.delete_comment(self, record)

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
        record = self._model.index_of(comment_id).data(CommentRole.Record)
        if record is not None and not self._gone:
            changes.edit_comment(self, record, text)

    def edit_refused(self, comment_id: int, error: ValidationError) -> None:
        """An edit broke a rule: say which and open the editor again on the kept text."""
        self.show_error(
            translate(
                "Comments", "Edit not saved: {problem}. Press Esc in the editor to cancel."
            ).format(problem=user_message(error))
        )
        if self.isVisible():
            QTimer.singleShot(0, self, lambda: self._reopen_editor(comment_id))

    def _reopen_editor(self, comment_id: int) -> None:
        index = self._model.index_of(comment_id)
        if index.isValid() and not self._gone:
            self._view.setCurrentIndex(index)
            self._view.edit(index)

    def _stack_changed(self, task_id: int) -> None:
        if task_id != self._task_id or self._gone:
            return
        self._hide_error()
        self._reload(announce=True)

    def _stack_failed(self, task_id: int, message: str) -> None:
        if task_id != self._task_id or self._gone:
            return
        self.show_error(message)
        self._reload(announce=True)

    def not_found(self, error: NotFoundError) -> None:
        """A comment or the task vanished: say why and re-read (closes if the task is gone)."""
        self.show_error(user_message(error))
        self._reload()

    # -- reading --------------------------------------------------------------------------
    def _reload(self, announce: bool = False) -> None:
        """Ask the worker for the task and its thread; only the latest answer is shown."""
        self._announce = self._announce or announce
        self._generation += 1
        generation, task_id, alive = self._generation, self._task_id, shiboken6.isValid
        self.worker.run_task(
            lambda: read_thread(task_id),
            on_done=lambda thread: alive(self) and self._thread_read(generation, thread),
            on_error=lambda error: alive(self) and self._read_failed(generation, error),
            read_only=True,
        )

    def _thread_read(self, generation: int, thread: StoredThread) -> None:
        if generation != self._generation or self._gone:
            return  # a newer read is on its way: this one is stale
        first = self.state.task is None
        self.state.read(thread.task, thread.comments)
        self._view.set_hint(widgets.empty_hint())
        self.show_thread()
        if first:  # opened at the newest comment
            QTimer.singleShot(0, self._view, self._view.scrollToBottom)
        if self._announce:
            self._announce = False
            self.commentCountChanged.emit(self._task_id, thread.task.comment_count)

    def _read_failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation or self._gone:
            return
        if isinstance(error, NotFoundError):
            self._task_gone()
            return
        if self.state.task is None:
            self._view.set_hint("")  # not "no comments": nothing was read
        self.show_error(failure_line(Action.READ, error))

    def show_thread(self) -> None:
        """Show the stored thread with our changes still on their way (row by row)."""
        task = self.state.task
        shown = self.state.shown()
        if task is not None:
            window_title, subtitle = notices.header_texts(replace(task, comment_count=len(shown)))
            self.setWindowTitle(window_title)
            self._title.setText(task.title)
            self._subtitle.setText(subtitle)
        self._model.set_comments(shown)
        self._update_buttons()

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
            self.state.task.title
            if self.state.task is not None
            else translate("Comments", "Task #{id}").format(id=self._task_id)
        )
        for widget in (self._view, self._composer, self._send_button):
            widget.setEnabled(False)
        self._edit_button.setEnabled(False)
        self._delete_button.setEnabled(False)
        box = notices.task_deleted_box(title, self._composer.toPlainText(), self)
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
        has_current = self._selected() is not None
        for widget in (self._edit_button, self._delete_button):
            widget.setEnabled(has_current)
        for action in (self._edit_action, self._delete_action, self._copy_action):
            action.setEnabled(has_current)
