"""Helpers for the maintenance panel's tests: scripted answers to the panel's questions."""

from __future__ import annotations

from pathlib import Path

from photoflow_desktop.ui.maintenance.prompts import Prompts


class ScriptedPrompts(Prompts):
    """Answers confirmations from a script and records what the panel asked and reported."""

    def __init__(self):
        self.confirm_answers: list[bool] = []
        self.reset_answers: list[tuple[bool, bool]] = []
        self.files: list[Path | None] = []
        self.folders: list[Path | None] = []
        self.questions: list[str] = []
        self.errors: list[tuple[str, str]] = []

    def confirm(self, parent, title, text, action) -> bool:
        """The next scripted answer (the question is recorded)."""
        self.questions.append(text)
        return self.confirm_answers.pop(0)

    def confirm_reset(self, parent, database_name):
        """The next scripted (confirmed, seed) answer."""
        self.questions.append(f"reset {database_name}")
        return self.reset_answers.pop(0)

    def open_backup_file(self, parent, folder):
        """The next scripted file."""
        return self.files.pop(0)

    def choose_folder(self, parent, folder):
        """The next scripted folder."""
        return self.folders.pop(0)

    def error(self, parent, title, text) -> None:
        """Recorded instead of a modal box."""
        self.errors.append((title, text))
