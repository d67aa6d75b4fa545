"""Errors a user can cause or meet; every message is fit for a dialog or one CLI line.

Messages are translatable while this layer stays Qt-free: an error keeps its English source
text (`template`, with `{name}` placeholders) and the values (`params`); str(error) is the English
sentence, and the UI/CLI translate template and params through i18n.messages.user_message.
A template with "(s)" and an int `count` parameter is a plural ("{count} task(s)").
"""

from __future__ import annotations


class Phrase(str):
    """A parameter that is itself an English source text (a field's name): translated too."""


def english_sentence(template: str, params: dict) -> str:
    """The template filled in, its "(s)" resolved by `count` (English plural rule)."""
    if not params:
        return template
    count = params.get("count")
    if isinstance(count, int) and "(s)" in template:
        template = template.replace("(s)", "" if count == 1 else "s")
    return template.format(**params)


class Message(str):
    """A sentence that is not an error (a verdict, a reason): English text, template + params."""

    def __new__(cls, template: str, /, **params):
        text = super().__new__(cls, english_sentence(template, params))
        text.template, text.params = template, params
        return text


def message_of(error: BaseException) -> str:
    """An error's sentence kept translatable: a Message for our errors, else str(error)."""
    if isinstance(error, PhotoflowError) and error.template:
        return Message(error.template, **error.params)
    return str(error)


class PhotoflowError(Exception):
    """Base of every error shown to the user as a plain message (no traceback)."""

    def __init__(self, template: str = "", /, **params):
        if isinstance(template, Message) and not params:  # a composed sentence: keep its parts
            template, params = template.template, template.params
        self.template = template
        self.params = params
        super().__init__(english_sentence(template, params))


class ValidationError(PhotoflowError):
    """Input that breaks a rule; `field` names the form field it belongs to (or None)."""

    def __init__(self, template: str, field: str | None = None, /, **params):
        super().__init__(template, **params)
        self.field = field


class DatabaseConnectionError(PhotoflowError):
    """The database cannot be opened; the message says what to check (password masked)."""


class NotFoundError(PhotoflowError):
    """The task or comment no longer exists (deleted here or elsewhere)."""


class ConflictError(PhotoflowError):
    """Someone else changed the task since the user looked at it; `current` is what is stored."""

    def __init__(self, template: str, current, /, **params):
        super().__init__(template, **params)
        self.current = current


class DatabaseBusyError(PhotoflowError):
    """SQLite stayed locked by another writer (an import, a backup) longer than we wait."""


class DiskFullError(PhotoflowError):
    """The disk (or the file size limit) ran out while writing; nothing was changed."""


class DatabaseDamagedError(PhotoflowError):
    """The embedded database file is damaged; the message says how to salvage it."""
