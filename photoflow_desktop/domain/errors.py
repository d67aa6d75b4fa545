"""Errors a user can cause or meet; every message is fit for a dialog or one CLI line."""

from __future__ import annotations


class PhotoflowError(Exception):
    """Base of every error shown to the user as a plain message (no traceback)."""


class ValidationError(PhotoflowError):
    """Input that breaks a rule; `field` names the form field it belongs to (or None)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class DatabaseConnectionError(PhotoflowError):
    """The database cannot be opened; the message says what to check (password masked)."""


class NotFoundError(PhotoflowError):
    """The task or comment no longer exists (deleted here or elsewhere)."""


class ConflictError(PhotoflowError):
    """Someone else changed the task since the user looked at it; `current` is what is stored."""

    def __init__(self, message: str, current):
        super().__init__(message)
        self.current = current


class DatabaseBusyError(PhotoflowError):
    """SQLite stayed locked by another writer (an import, a backup) longer than we wait."""


class DiskFullError(PhotoflowError):
    """The disk (or the file size limit) ran out while writing; nothing was changed."""


class DatabaseDamagedError(PhotoflowError):
    """The embedded database file is damaged; the message says how to salvage it."""
