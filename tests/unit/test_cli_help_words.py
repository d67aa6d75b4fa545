"""The CLI's language is read before its parser exists; argparse's words translate faithfully."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from photoflow_desktop.cli.argparse_words import CONTEXT, WORDS
from photoflow_desktop.cli.language import ui_language_in
from photoflow_desktop.i18n.build import TRANSLATIONS_DIR


@pytest.mark.parametrize(
    ("argv", "language"),
    [
        (["--lang", "de", "db", "status"], "de"),
        (["--lang=de", "--help"], "de"),
        (["--lan", "de"], "de"),  # argparse takes an unambiguous prefix
        (["--database-url", "sqlite:///x.db", "--lang", "en", "db"], "en"),
        (["--database-url=sqlite:///x.db", "-v", "--lang", "de"], "de"),
        (["--lang", "de", "--lang", "en"], "en"),  # the last one wins, as in argparse
        (["invoice", "pdf", "2026-0001", "--lang", "en"], None),  # the invoice's language
        (["--lang", "de", "invoice", "pdf", "--lang", "en"], "de"),
        (["--", "--lang", "de"], None),
        (["--lang"], None),
        ([], None),
    ],
)
def test_ui_language_is_read_before_the_subcommand(argv, language):
    assert ui_language_in(argv) == language


PERCENT = re.compile(r"%(?:\([a-z_]+\))?[a-z%]")


def test_german_argparse_words_keep_their_placeholders():
    """argparse fills them with %: a lost or changed one would break its message."""
    root = ET.parse(TRANSLATIONS_DIR / "photoflow_de.ts").getroot()
    german = {
        message.findtext("source"): message.findtext("translation")
        for context in root.iter("context")
        if context.findtext("name") == CONTEXT
        for message in context.iter("message")
    }
    assert sorted(german) == sorted(WORDS)
    broken = {
        word: german[word]
        for word in WORDS
        if sorted(PERCENT.findall(word)) != sorted(PERCENT.findall(german[word]))
        or word.endswith(" ") != german[word].endswith(" ")
        or word.endswith("\n") != german[word].endswith("\n")
    }
    assert broken == {}
