"""German and English through Qt's translation system (DESIGN.md §9).

`translate(context, text, disambiguation, n)` is the one call every user-visible string goes
through (pyside6-lupdate extracts its literal arguments). While no translator is installed — the
English CLI, tests that build widgets directly — it returns the English source text without
loading Qt, with `%n` and "(s)" resolved by the English plural rule.
"""

from __future__ import annotations

import string
from decimal import Decimal

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


class _LocalFormatter(string.Formatter):
    """str.format, with a `,` in a number's format spec grouping the chosen language's way."""

    def format_field(self, value, format_spec: str) -> str:
        text = super().format_field(value, format_spec)
        number = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
        if number and "," in format_spec and _state["language"] == "de":
            return text.translate(_GERMAN_SEPARATORS)
        return text


_GERMAN_SEPARATORS = str.maketrans(",.", ".,")
_FORMATTER = _LocalFormatter()


def fill(text: str, /, **params) -> str:
    """`text.format(**params)`; `{n:,}` groups thousands as the language does (1.234 in German)."""
    return _FORMATTER.format(text, **params)


def grouped(number: int | float) -> str:
    """A count with thousands grouped the chosen language's way: 1,234 / 1.234."""
    return fill("{number:,}", number=number)


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
