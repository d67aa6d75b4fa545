"""The thread dialog's own changes — send, edit, delete — shown at once, stored by the worker.

Each change is checked here first (the rules need no database), then shown (optimistic) and
handed to the board's database worker. Confirmed: it becomes part of the stored thread and its
undo command is pushed. Refused or unreachable: the thread goes back to what is stored, the
text the user typed is kept (composer or editor) and one line says why and what to do.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import shiboken6

from photoflow_desktop.domain.errors import NotFoundError, ValidationError
from photoflow_desktop.domain.models import utc_now
from photoflow_desktop.domain.records import CommentRecord
from photoflow_desktop.domain.validation import validate_comment
from photoflow_desktop.i18n.messages import user_message
from photoflow_desktop.ui.comments import commands
from photoflow_desktop.ui.comments.failures import Action, failure_line
from photoflow_desktop.ui.comments.pending import Change

_PROVISIONAL_IDS = itertools.count(-1, -1)  # a comment on its way has no id yet


def is_provisional(record: CommentRecord) -> bool:
    """True for a comment shown while it is still being sent (no stored id yet)."""
    return record.id < 0


def send_comment(dialog, text: str) -> None:
    """Show `text` as the thread's newest comment now; the worker stores it (or it goes back)."""
    try:
        cleaned = validate_comment(text)
    except ValidationError as error:
        dialog.show_error(user_message(error))
        return
    sending = CommentRecord(next(_PROVISIONAL_IDS), dialog.task_id, cleaned, utc_now())
    token = dialog.state.propose(Change.ADD, sending)
    dialog.show_thread()
    dialog.composer().clear()
    dialog.scroll_to(sending.id)

    def stored(added: CommentRecord) -> None:
        if shiboken6.isValid(dialog):
            dialog.model().swap(sending.id, added)  # the same row, now with its stored id
            dialog.state.confirm(token, added)
            dialog.show_thread()

    def failed(error: Exception) -> None:
        if shiboken6.isValid(dialog):
            dialog.state.take_back(token)
            dialog.show_thread()
            if not dialog.composer().toPlainText():
                dialog.composer().setPlainText(text)  # nothing typed is lost
            _say(dialog, Action.SEND, error)

    commands.add_later(dialog.undo_stack, dialog.worker, dialog.task_id, cleaned, stored, failed)


def edit_comment(dialog, record: CommentRecord, text: str) -> None:
    """Show the new text of `record` now; the worker stores it (or the old text comes back)."""
    delegate = dialog.delegate()
    try:
        cleaned = validate_comment(text)
    except ValidationError as error:
        delegate.keep_pending(record.id, text)
        dialog.edit_refused(record.id, error)
        return
    token = dialog.state.propose(Change.EDIT, replace(record, text=cleaned))
    dialog.show_thread()

    def keep_text() -> None:
        delegate.keep_pending(record.id, text)  # the next editor starts with it

    stored, failed = _settled_by(dialog, token, Action.EDIT, keep_text)
    commands.edit_later(dialog.undo_stack, dialog.worker, record.id, cleaned, stored, failed)


def delete_comment(dialog, record: CommentRecord) -> None:
    """Take `record` out of the thread now; the worker deletes it (or it comes back)."""
    token = dialog.state.propose(Change.DELETE, record)
    dialog.show_thread()
    stored, failed = _settled_by(dialog, token, Action.DELETE)
    commands.delete_later(dialog.undo_stack, dialog.worker, record.id, stored, failed)


def _settled_by(dialog, token, action: Action, on_failure=None):
    """The worker's two answers to a proposed change: confirm it, or take it back and say why
    (after `on_failure()`, which keeps what the user typed)."""

    def stored(result: CommentRecord) -> None:
        if shiboken6.isValid(dialog):
            dialog.state.confirm(token, result)
            dialog.show_thread()

    def failed(error: Exception) -> None:
        if shiboken6.isValid(dialog):
            dialog.state.take_back(token)
            dialog.show_thread()
            if on_failure is not None:
                on_failure()
            _say(dialog, action, error)

    return stored, failed


def _say(dialog, action: Action, error: Exception) -> None:
    """A vanished task or comment re-reads the thread; anything else is one line."""
    if isinstance(error, NotFoundError):
        dialog.not_found(error)
    else:
        dialog.show_error(failure_line(action, error))
