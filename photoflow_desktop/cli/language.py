"""The CLI speaks the chosen language: German loads QtCore's translator, English loads no Qt."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cli_language(language: str) -> Iterator[None]:
    """Install the translators for `language` while a command runs (nothing to do for English)."""
    if language == "en":
        yield
        return
    from PySide6.QtCore import QCoreApplication

    from photoflow_desktop.i18n.install import install_language, uninstall_language

    app = QCoreApplication.instance() or QCoreApplication([])  # translators need an application
    install_language(language)
    try:
        yield
    finally:
        uninstall_language()
        del app
