"""Rebuild the translations: `python -m photoflow_desktop.i18n.build`.

1. i18n.extract collects every source text of photoflow_desktop/ (translate calls, our errors'
   templates, statuses, column titles) and pyside6-lupdate merges them into
   resources/translations/photoflow_de.ts and photoflow_en.ts (new texts arrive unfinished,
   vanished ones are dropped);
2. English plural forms are filled from the source text ("%n comment(s)" → "%n comment",
   "%n comments");
3. pyside6-lrelease compiles both into the .qm files the application loads (committed).
Translate the unfinished German entries (Qt Linguist: `pyside6-linguist`) and run it again.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from photoflow_desktop.i18n.extract import PACKAGE_DIR, write_markers

TRANSLATIONS_DIR = PACKAGE_DIR.parent / "resources" / "translations"
LANGUAGES = {"de": "de_DE", "en": "en"}


def _tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease next to this Python (a venv) or on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def update_ts(ts_dir: Path) -> None:
    """Merge the package's source texts into `ts_dir`/photoflow_<lang>.ts for every language."""
    with tempfile.TemporaryDirectory() as tmp:
        markers = write_markers(Path(tmp) / "extracted_texts.py")
        for language, locale in LANGUAGES.items():
            ts = ts_dir / f"photoflow_{language}.ts"
            subprocess.run(
                [_tool("pyside6-lupdate"), str(markers), "-source-language", "en",
                 "-target-language", locale, "-locations", "none", "-no-obsolete",
                 "-silent", "-ts", str(ts)],
                check=True,
            )  # fmt: skip
    fill_english_plurals(ts_dir / "photoflow_en.ts")


def fill_english_plurals(ts: Path) -> None:
    """Give every unfinished plural message of the English .ts its singular and plural form."""
    tree = ET.parse(ts)
    for message in tree.iter("message"):
        translation = message.find("translation")
        if message.get("numerus") != "yes" or translation.get("type") != "unfinished":
            continue
        source = message.findtext("source")
        for form in list(translation):
            translation.remove(form)
        for n in (1, 2):
            ET.SubElement(translation, "numerusform").text = source.replace(
                "(s)", "" if n == 1 else "s"
            )
        del translation.attrib["type"]
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def release(ts_dir: Path, qm_dir: Path) -> list[Path]:
    """Compile photoflow_<lang>.ts in `ts_dir` into .qm files in `qm_dir`."""
    built = []
    for language in LANGUAGES:
        qm = qm_dir / f"photoflow_{language}.qm"
        subprocess.run(
            [_tool("pyside6-lrelease"), "-silent", str(ts_dir / f"photoflow_{language}.ts"),
             "-qm", str(qm)],
            check=True,
        )  # fmt: skip
        built.append(qm)
    return built


def main() -> int:
    """Update the .ts sources, then compile the .qm files, all in resources/translations/."""
    TRANSLATIONS_DIR.mkdir(parents=True, exist_ok=True)
    update_ts(TRANSLATIONS_DIR)
    release(TRANSLATIONS_DIR, TRANSLATIONS_DIR)
    return 0


if __name__ == "__main__":
    sys.exit(main())
