"""Sending a comment from a thread dialog: shown at once, stored by the database worker."""

from __future__ import annotations

import itertools

import shiboken6

from photoflow_desktop.domain.errors import NotFoundError, ValidationError
from photoflow_desktop.domain.models import utc_now
from photoflow_desktop.domain.records import CommentRecord
from photoflow_desktop.i18n.messages import user_message
from photoflow_desktop.ui.comments import commands

_PROVISIONAL_IDS = itertools.count(-1, -1)  # a comment on its way has no id yet


def send_comment(dialog, text: str) -> None:
    """Show `text` as the thread's newest comment now; the worker stores it (or it goes back)."""
    sending = CommentRecord(next(_PROVISIONAL_IDS), dialog.task_id, text, utc_now())
    model = dialog.model()
    model.set_comments([*model.records(), sending])
    dialog.composer().clear()
    dialog.scroll_to(sending.id)
    commands.add_later(
        dialog.undo_stack,
        dialog.worker,
        dialog.task_id,
        text,
        on_failed=lambda error: _take_back(dialog, sending, error),
    )


def _take_back(dialog, sending: CommentRecord, error: Exception) -> None:
    """Take the unsent comment out again, give its text back and say why."""
    if not shiboken6.isValid(dialog):
        return
    model = dialog.model()
    model.set_comments([record for record in model.records() if record.id != sending.id])
    if not dialog.composer().toPlainText():
        dialog.composer().setPlainText(sending.text)
    if isinstance(error, NotFoundError):
        dialog.not_found(error)
    elif isinstance(error, ValidationError):
        dialog.show_error(user_message(error))
    else:
        dialog.show_error(commands.database_error_message(error))
