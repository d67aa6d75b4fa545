"""The CLI speaks the chosen language: German loads QtCore's translator, English loads no Qt.

The language is known before the argument parser is built (`ui_language_in` reads `--lang` from
the raw command line), so the parser's help and its usage errors are in that language too.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from photoflow_desktop.cli.argparse_words import translated_argparse

_VALUE_OPTIONS = ("--lang", "--database-url")  # the main parser's options that take a value


def _option(token: str, option: str) -> bool:
    """Whether `token` names `option` (argparse accepts an unambiguous prefix: --lan, --data)."""
    return len(token) > 2 and option.startswith(token)


def ui_language_in(argv: list[str]) -> str | None:
    """The last `--lang X` / `--lang=X` before the subcommand, or None when there is none.

    A `--lang` after the subcommand is the subcommand's own (`invoice pdf --lang`: the
    invoice's language).
    """
    found = None
    tokens = iter(argv)
    for token in tokens:
        if token == "--" or not token.startswith("-"):
            break  # the subcommand (or the end of the options)
        name, has_value, value = token.partition("=")
        option = next((option for option in _VALUE_OPTIONS if _option(name, option)), None)
        if option is None:
            continue
        if not has_value:
            value = next(tokens, None)
        if option == "--lang":
            found = value
    return found


def _application(widgets: bool):
    """The Qt application the translators need: an offscreen QApplication for `widgets`."""
    if not widgets:
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication([])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication(["photoflow"])


@contextmanager
def cli_language(language: str, widgets: bool = False) -> Iterator[None]:
    """Install the translators for `language` while the command line is parsed or a command runs.

    Nothing to do for English. Otherwise a Qt application is made when none runs — a
    QCoreApplication, or for a command drawing with Qt (`widgets`: invoice pdf, self-test) an
    offscreen QApplication — and shut down at the end: no other kind of application can start
    while one is left over (the board's QApplication, a command's).
    """
    if language == "en":
        yield
        return
    from PySide6.QtCore import QCoreApplication

    from photoflow_desktop.i18n.install import install_language, uninstall_language

    ours = None if QCoreApplication.instance() else _application(widgets)
    install_language(language)
    try:
        with translated_argparse():
            yield
    finally:
        uninstall_language()
        if ours is not None:
            ours.shutdown()
