"""Committed translations: .qm built from the .ts, .ts up to date with the code, German complete.

Rebuild after changing a user-visible string: `python -m photoflow_desktop.i18n.build`.
"""

from __future__ import annotations

import ast
import builtins
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from photoflow_desktop.i18n.build import LANGUAGES, TRANSLATIONS_DIR, release, update_ts
from photoflow_desktop.i18n.extract import MESSAGE_CALLS, package_files

PLACEHOLDER = re.compile(r"\{[a-z_0-9]*[:}]|%n|%[0-9]")
REBUILD = "run `python -m photoflow_desktop.i18n.build` and translate the new German texts"


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source text) → its <message> element."""
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name"), message.findtext("source")): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def translations(message: ET.Element) -> list[str]:
    """The translation text(s) of a message (one per plural form)."""
    node = message.find("translation")
    forms = node.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [node.text or ""]


@pytest.mark.parametrize("language", LANGUAGES)
def test_committed_qm_is_built_from_the_committed_ts(language, tmp_path):
    release(TRANSLATIONS_DIR, tmp_path)
    name = f"photoflow_{language}.qm"
    assert (tmp_path / name).read_bytes() == (TRANSLATIONS_DIR / name).read_bytes(), REBUILD


def test_ts_sources_hold_every_text_of_the_code(tmp_path):
    for language in LANGUAGES:
        shutil.copy(TRANSLATIONS_DIR / f"photoflow_{language}.ts", tmp_path)
    update_ts(tmp_path)
    for language in LANGUAGES:
        committed = messages(TRANSLATIONS_DIR / f"photoflow_{language}.ts")
        current = messages(tmp_path / f"photoflow_{language}.ts")
        assert sorted(set(current) - set(committed)) == [], f"new texts: {REBUILD}"
        assert sorted(set(committed) - set(current)) == [], f"vanished texts: {REBUILD}"


def test_german_is_complete():
    unfinished = [
        key
        for key, message in messages(TRANSLATIONS_DIR / "photoflow_de.ts").items()
        if message.find("translation").get("type") == "unfinished"
        or not all(text.strip() for text in translations(message))
    ]
    assert unfinished == [], REBUILD


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_of_their_source(language):
    broken = []
    for (context, source), message in messages(
        TRANSLATIONS_DIR / f"photoflow_{language}.ts"
    ).items():
        if message.find("translation").get("type") == "unfinished":
            continue
        wanted = sorted(set(PLACEHOLDER.findall(source)))
        for text in translations(message):
            if sorted(set(PLACEHOLDER.findall(text))) != wanted:
                broken.append((context, source, text))
    assert broken == []


def test_english_plurals_have_a_singular_and_a_plural_form():
    plurals = {
        key: translations(message)
        for key, message in messages(TRANSLATIONS_DIR / "photoflow_en.ts").items()
        if message.get("numerus") == "yes"
    }
    assert plurals[("Board", "in %n day(s)")] == ["in %n day", "in %n days"]
    assert all(len(forms) == 2 and "(s)" not in "".join(forms) for forms in plurals.values())


def test_our_errors_keep_a_template_not_an_f_string():
    """An f-string message cannot be translated: pass a template and its parameters instead."""
    found = []
    for path in package_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            ours = (name.endswith("Error") and not hasattr(builtins, name)) or name in MESSAGE_CALLS
            if ours and isinstance(node.args[0], ast.JoinedStr):
                found.append(f"{path.name}:{node.lineno}")
    assert found == []
