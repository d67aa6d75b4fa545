"""Load the chosen language's translations (ours and Qt's own) into the running Qt application."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from photoflow_desktop import i18n
from photoflow_desktop.paths import resources_dir

log = logging.getLogger(__name__)

LOCALES = {"de": QLocale("de_DE"), "en": QLocale("en")}
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    """The folder holding photoflow_de.qm and photoflow_en.qm."""
    return resources_dir() / "translations"


def _qt_translation_dirs() -> list[Path]:
    """Where Qt's own catalogues (qtbase_de.qm: OK/Cancel, standard dialogs) may be."""
    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    bundle_root = getattr(sys, "_MEIPASS", None)
    if bundle_root:
        dirs.append(Path(bundle_root) / "PySide6" / "Qt" / "translations")
    return dirs


def _load(name: str, folders: list[Path]) -> QTranslator | None:
    translator = QTranslator()
    for folder in folders:
        if translator.load(name, str(folder)):
            return translator
    return None


def install_language(language: str) -> None:
    """Install the translators for `language` ('de' or 'en') and make its QLocale the default.

    Needs a QCoreApplication (or QApplication); replaces translators installed before.
    """
    uninstall_language()
    QLocale.setDefault(LOCALES[language])
    ours = _load(f"photoflow_{language}", [translations_dir()])
    if ours is None:
        log.warning("translations for %r are missing from %s", language, translations_dir())
    wanted = [ours]
    if language != "en":
        wanted.append(_load(f"qtbase_{language}", _qt_translation_dirs()))
    for translator in wanted:
        if translator is not None and QCoreApplication.installTranslator(translator):
            _installed.append(translator)
    i18n.mark_installed(bool(_installed), language)


def uninstall_language() -> None:
    """Remove our translators again (tests switch languages; the default QLocale goes back)."""
    while _installed:
        QCoreApplication.removeTranslator(_installed.pop())
    QLocale.setDefault(QLocale.system())
    i18n.mark_installed(False)
