"""One line for a comment change or read that did not work: what happened and what to do."""

from __future__ import annotations

from enum import Enum

from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.domain.reconnect import is_connection_error
from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.messages import user_message


class Action(Enum):
    """What did not work."""

    SEND = "send"
    EDIT = "edit"
    DELETE = "delete"
    READ = "read"
    UNDO = "undo"
    REDO = "redo"


def reason(error: Exception) -> str:
    """Why, in a few words: our own error's sentence, 'cannot be reached' (the connection broke,
    the SQLite file cannot be opened) or the refusal."""
    if isinstance(error, PhotoflowError):
        return user_message(error).rstrip(".")
    if is_connection_error(error) or "unable to open database file" in str(error):
        return translate("Comments", "the database cannot be reached")
    detail = str(error).strip().splitlines()
    return translate("Comments", "the database refused it ({problem})").format(
        problem=detail[0] if detail else type(error).__name__
    )


def failure_line(action: Action, error: Exception) -> str:
    """'Comment not sent: <why>. <what to do>' for `action`."""
    if action is Action.SEND:
        text = translate(
            "Comments",
            "Comment not sent: {reason}. Your text is still below; send it again "
            "when the database answers.",
        )
    elif action is Action.EDIT:
        text = translate(
            "Comments",
            "Edit not saved: {reason}. Your text is kept: press F2 on the comment and save "
            "it again.",
        )
    elif action is Action.DELETE:
        text = translate(
            "Comments", "Comment not deleted: {reason}. Try again when the database answers."
        )
    elif action is Action.READ:
        text = translate(
            "Comments",
            "Comments not loaded: {reason}. Close the thread and open it again to retry.",
        )
    elif action is Action.UNDO:
        text = translate(
            "Comments", "Could not undo: {reason}. The step was dropped; the thread is as stored."
        )
    else:
        text = translate(
            "Comments", "Could not redo: {reason}. The step was dropped; the thread is as stored."
        )
    return text.format(reason=reason(error))
