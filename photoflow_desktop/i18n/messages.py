"""The one place a domain error or a default column title becomes the user's language
(statuses: ui/common/status_text.py)."""

from __future__ import annotations

from photoflow_desktop.domain.errors import Message, PhotoflowError, Phrase
from photoflow_desktop.i18n import fill, translate

# Default column titles as stored by earlier versions of ours and by the web app (German names).
DEFAULT_COLUMN_TITLES = {
    "1": ("To do", "To-Do"),
    "2": ("In progress", "In Bearbeitung"),
    "3": ("Done", "Fertig"),
}


def user_message(error: BaseException | Message) -> str:
    """The error's (or Message's) sentence in the chosen language, its parameters too.

    Python's own exceptions (a ValueError) are shown as they are, unless their one argument is
    a Message (date_text's "'x' is not a date"): then that Message is translated.
    """
    carried = _carried_message(error)
    if carried is not None:
        return user_message(carried)
    if not isinstance(error, PhotoflowError | Message) or not error.template:
        return str(error)
    params = {name: _translated_param(value) for name, value in error.params.items()}
    count = error.params.get("count")
    plural = isinstance(count, int) and "(s)" in error.template
    text = translate("Errors", error.template, None, count if plural else -1)
    try:
        return fill(text, **params) if params else text
    except (KeyError, IndexError, ValueError):  # a broken translation: English beats a crash
        return str(error)


def user_message_line(error: BaseException) -> str:
    """`user_message(error)` cut to its first line (a status bar, a label), never empty."""
    lines = user_message(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def _carried_message(error) -> Message | None:
    """The Message a plain exception carries as its only argument, else None."""
    if isinstance(error, PhotoflowError) or not isinstance(error, BaseException):
        return None
    args = error.args
    return args[0] if len(args) == 1 and isinstance(args[0], Message) else None


def _translated_param(value):
    if isinstance(value, Phrase):
        return translate("Errors", value)
    if isinstance(value, PhotoflowError | Message) or _carried_message(value) is not None:
        return user_message(value)
    return value


def column_title(key: str, title: str) -> str:
    """A column's title as shown: the untouched default in the chosen language, else as stored."""
    defaults = DEFAULT_COLUMN_TITLES.get(key)
    if defaults and title in defaults:
        return translate("Columns", defaults[0])
    return title


def phrase(text: str) -> str:
    """A domain Phrase or Message shown on its own (a format's name, a verdict), translated."""
    if isinstance(text, Message):
        return user_message(text)
    return translate("Errors", text)
