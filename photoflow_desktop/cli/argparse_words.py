"""argparse's own words ("usage: ", "options", its usage errors) in the chosen language.

argparse looks its words up through its module-level `_` and `ngettext` (gettext's) when it
builds a parser, formats help or reports an error; `translated_argparse` points them at our
translations while a language is installed. The words are listed here so that i18n.extract
collects them; a word a later Python adds or rewords stays English until it is listed.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from photoflow_desktop.i18n import QT_TRANSLATE_NOOP, translate

CONTEXT = "Argparse"

WORDS = (
    QT_TRANSLATE_NOOP("Argparse", "usage: "),
    QT_TRANSLATE_NOOP("Argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("Argparse", "options"),
    QT_TRANSLATE_NOOP("Argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("Argparse", "show program's version number and exit"),
    QT_TRANSLATE_NOOP("Argparse", "%(prog)s: error: %(message)s\n"),
    QT_TRANSLATE_NOOP("Argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("Argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("Argparse", "one of the arguments %s is required"),
    QT_TRANSLATE_NOOP("Argparse", "not allowed with argument %s"),
    QT_TRANSLATE_NOOP("Argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("Argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("Argparse", "unknown parser %(parser_name)r (choices: %(choices)s)"),
    QT_TRANSLATE_NOOP("Argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("Argparse", "ambiguous option: %(option)s could match %(matches)s"),
    QT_TRANSLATE_NOOP("Argparse", "unexpected option string: %s"),
    QT_TRANSLATE_NOOP("Argparse", "ignored explicit argument %r"),
    QT_TRANSLATE_NOOP("Argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("Argparse", "expected at most one argument"),
    QT_TRANSLATE_NOOP("Argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("Argparse", "expected %s argument"),  # ngettext: one
    QT_TRANSLATE_NOOP("Argparse", "expected %s arguments"),  # ngettext: several
)


def _word(text: str) -> str:
    """argparse's `_`: the word in the installed language."""
    return translate(CONTEXT, text)


def _plural_word(singular: str, plural: str, n: int) -> str:
    """argparse's `ngettext`: German and English both use the singular for exactly one."""
    return translate(CONTEXT, singular if n == 1 else plural)


@contextmanager
def translated_argparse() -> Iterator[None]:
    """argparse speaks the installed language inside the block, gettext's English after it."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _word, _plural_word
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved
