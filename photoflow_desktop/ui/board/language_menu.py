"""View → Language: follow the system, or always German / English (takes effect on restart)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu

from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.language import save_language, saved_language

# The languages' own names (a German reader looks for "Deutsch", an English one for "English").
CHOICES = (("de", "Deutsch"), ("en", "English"))


def add_language_menu(window: QMainWindow, view_menu: QMenu) -> QMenu:
    """Add the Language submenu; the checked entry is the saved choice (None: the system's)."""
    menu = view_menu.addMenu(translate("Language", "&Language"))
    menu.setObjectName("languageMenu")
    group = QActionGroup(menu)
    entries = [(None, translate("Language", "As the &system")), *CHOICES]
    saved = saved_language()
    for language, text in entries:
        action = QAction(text, menu)
        action.setObjectName(f"language_{language or 'system'}")
        action.setCheckable(True)
        action.setChecked(language == saved)
        action.triggered.connect(lambda _checked=False, chosen=language: _choose(window, chosen))
        group.addAction(action)
        menu.addAction(action)
    return menu


def _choose(window: QMainWindow, language: str | None) -> None:
    save_language(language)
    window.statusBar().showMessage(
        translate("Language", "The language changes when PhotoFlow starts again."), 10_000
    )
