"""German and English through Qt's translation system (DESIGN.md §9).

`translate(context, text, disambiguation, n)` is the one call every user-visible string goes
through (pyside6-lupdate extracts its literal arguments). While no translator is installed — the
English CLI, tests that build widgets directly — it returns the English source text without
loading Qt, with `%n` and "(s)" resolved by the English plural rule.
"""

from __future__ import annotations

_state: dict = {"installed": False, "language": "en"}


def english(text: str, n: int = -1) -> str:
    """The English source text with its plural resolved (`%n` → n, "(s)" → "s" unless n is 1)."""
    if n < 0:
        return text
    return text.replace("%n", str(n)).replace("(s)", "" if n == 1 else "s")


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` in the chosen language (Qt's QCoreApplication.translate once a language is set)."""
    if not _state["installed"]:
        return english(text, n)
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text, disambiguation, n)


def mark_installed(installed: bool, language: str = "en") -> None:
    """Record whether Qt translators are installed, and for which language (i18n.install only)."""
    _state["installed"] = installed
    _state["language"] = language if installed else "en"


def current_language() -> str:
    """'de' or 'en': the language the running application speaks."""
    return _state["language"]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # Qt's name: lupdate looks for it
    """Mark `text` for translation where it is defined; translate(context, text) where shown."""
    return text
