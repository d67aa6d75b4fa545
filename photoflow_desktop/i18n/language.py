"""Which language the UI and the CLI speak: --lang, then the saved setting, then the system."""

from __future__ import annotations

import os

from photoflow_desktop.config import load_settings, save_setting

LANGUAGES = ("de", "en")
SETTING_KEY = "language"
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def system_language() -> str:
    """'de' when the system locale is German, else 'en'.

    On Unix the locale variables decide (as for QLocale.system()) without loading Qt; with none
    set (Windows, macOS) QLocale.system() is asked.
    """
    for name in _LOCALE_VARIABLES:
        value = os.environ.get(name)
        if value:
            return "de" if value.lower().startswith("de") else "en"
    from PySide6.QtCore import QLocale

    return "de" if QLocale.system().language() == QLocale.Language.German else "en"


def saved_language() -> str | None:
    """The language chosen in the UI (View → Language), or None to follow the system."""
    value = load_settings().get(SETTING_KEY)
    return value if value in LANGUAGES else None


def save_language(language: str | None) -> None:
    """Remember the UI choice (None: follow the system again); takes effect on the next start."""
    save_setting(SETTING_KEY, language)


def chosen_language(cli_choice: str | None = None) -> str:
    """First hit wins: --lang, the saved setting, the system locale."""
    if cli_choice in LANGUAGES:
        return cli_choice
    return saved_language() or system_language()
