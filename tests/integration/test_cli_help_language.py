"""The CLI's help and usage errors speak the user's language (--lang, the locale), exits unchanged.

argparse's own words ("usage:", "options", "the following arguments are required") are German
too; English stays English and loads no Qt; `--help` never loads the PostgreSQL driver.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from photoflow_desktop.cli import build_parser, main
from photoflow_desktop.cli.language import cli_language
from photoflow_desktop.i18n.build import TRANSLATIONS_DIR

# Runs the real command line in a fresh interpreter; its last stderr line names what got loaded.
PROBE = """
import sys
from photoflow_desktop.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
loaded = [name for name in ("PySide6.QtCore", "psycopg2") if name in sys.modules]
print("loaded:", *loaded, file=sys.stderr)
sys.exit(code)
"""

# Sentences a German user must not meet in help or usage errors.
ENGLISH = (
    "usage:", "positional arguments", "options:", "show this help message", "show program's",
    "error:", "the following arguments are required", "invalid choice", "unrecognized",
    "database operations", "apply pending migrations", "COMMAND", "ACTION", "issue date",
)  # fmt: skip


def run_cli(tmp_path, *args, lang="C.UTF-8", **extra_env):
    """(exit code, stdout, stderr without the probe's line, modules loaded) of a fresh run."""
    # XDG folders (settings) are this test's own: tests/conftest.py isolates them.
    env = dict(os.environ, LANG=lang, HOME=str(tmp_path), **extra_env)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True, timeout=120
    )
    *err, loaded = result.stderr.splitlines()
    return result.returncode, result.stdout, "\n".join(err), loaded.split()[1:]


def english_in(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH if phrase in text]


def test_german_help_is_german_and_loads_no_postgresql_driver(tmp_path):
    code, out, _, loaded = run_cli(tmp_path, "--lang", "de", "--help")
    assert code == 0
    assert out.startswith("Aufruf: photoflow [-h] [--version]")
    for german in (
        "Positionsargumente:", "Optionen:", "BEFEHL", "diese Hilfe anzeigen und beenden",
        "Versionsnummer des Programms anzeigen und beenden", "Datenbankbefehle",
        "Rechnungen: anlegen, ausstellen, stornieren, bezahlen, PDF",
    ):  # fmt: skip
        assert german in " ".join(out.split())  # long help lines wrap
    assert english_in(out) == []
    assert "psycopg2" not in loaded


def test_german_locale_gives_german_db_help(tmp_path):
    code, out, _, _ = run_cli(tmp_path, "db", "--help", lang="de_DE.UTF-8")
    assert code == 0
    assert out.startswith("Aufruf: photoflow db [-h] AKTION ...")
    assert "ausstehende Migrationen anwenden" in out
    assert "eine geprüfte Sicherungsdatei schreiben" in out
    assert english_in(out) == []


def test_german_invoice_issue_help_names_its_argument_in_german(tmp_path):
    code, out, _, _ = run_cli(tmp_path, "--lang", "de", "invoice", "issue", "--help")
    assert code == 0
    assert out.startswith("Aufruf: photoflow invoice issue [-h] [--date JJJJ-MM-TT] ENTWURF_ID")
    assert "Rechnungsdatum (Vorgabe: heute)" in out
    assert english_in(out) == []


def test_english_help_stays_english_without_qt(tmp_path):
    code, out, _, loaded = run_cli(tmp_path, "--lang", "en", "--help", lang="de_DE.UTF-8")
    assert code == 0
    assert out.startswith("usage: photoflow [-h]")
    assert "show this help message and exit" in out and "database operations" in out
    assert "Aufruf" not in out and "Datenbank" not in out
    assert loaded == []


def test_english_usage_error_stays_english(tmp_path):
    code, _, err, _ = run_cli(tmp_path, "invoice", "issue", lang="en_GB.UTF-8")
    assert code == 2
    assert err.endswith(
        "photoflow invoice issue: error: the following arguments are required: DRAFT_ID"
    )


def test_german_usage_error_in_a_fresh_process(tmp_path):
    code, out, err, _ = run_cli(tmp_path, "invoice", "issue", lang="de_DE.UTF-8")
    assert code == 2 and out == ""
    assert err.startswith("Aufruf: photoflow invoice issue")
    assert err.endswith(
        "photoflow invoice issue: Fehler: folgende Argumente sind erforderlich: ENTWURF_ID"
    )
    assert english_in(err) == []


def test_the_invoices_lang_is_not_the_commands_language(tmp_path):
    """`invoice pdf --lang` picks the PDF's language; only a --lang before the command is ours."""
    _, out, _, _ = run_cli(tmp_path, "invoice", "pdf", "--lang", "en", "--help", lang="de_DE.UTF-8")
    assert out.startswith("Aufruf: photoflow invoice pdf")
    _, out, _, _ = run_cli(tmp_path, "--lang", "en", "invoice", "pdf", "--lang", "de", "--help")
    assert out.startswith("usage: photoflow invoice pdf")


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize(
    ("args", "german"),
    [
        (["bogus"], "photoflow: Fehler: Argument BEFEHL: ungültige Auswahl: 'bogus' (möglich: "),
        (["db", "reset", "--force"], "photoflow: Fehler: unbekannte Argumente: --force"),
        (
            ["invoice", "list", "--year", "next"],
            "photoflow invoice list: Fehler: Argument --year: ungültiger int-Wert: 'next'",
        ),
        (
            ["invoice", "create", "--task", "1", "--client", "2"],
            "Fehler: Argument --client: nicht zusammen mit dem Argument --task erlaubt",
        ),
        (["db", "backup", "-o"], "Fehler: Argument -o/--output: erwartet ein Argument"),
        (["--verbose=yes"], "Fehler: Argument -v/--verbose: ignoriertes explizites Argument 'yes'"),
    ],
)
def test_german_usage_errors_exit_2(capsys, args, german):
    with pytest.raises(SystemExit) as exit:
        main(["--lang", "de", *args])
    err = capsys.readouterr().err
    assert exit.value.code == 2
    assert err.startswith("Aufruf: photoflow") and german in err
    assert english_in(err) == []


@pytest.mark.usefixtures("qapp")
def test_english_after_german_in_one_process_is_english_again(capsys):
    """argparse gets its own words back once the German command line is done."""
    with pytest.raises(SystemExit):
        main(["--lang", "de", "bogus"])
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit:
        main(["--lang", "en", "bogus"])
    err = capsys.readouterr().err
    assert exit.value.code == 2
    assert err.startswith("usage: photoflow") and "error: argument COMMAND: invalid choice" in err


def _parsers(parser):
    """`parser` and every subcommand's parser below it."""
    yield parser
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        for child in dict.fromkeys(action.choices.values()):
            yield from _parsers(child)


def _translated_help_sources() -> list[str]:
    """English help texts whose German differs (the ones a German help must not show)."""
    root = ET.parse(TRANSLATIONS_DIR / "photoflow_de.ts").getroot()
    return [
        message.findtext("source")
        for context in root.iter("context")
        if context.findtext("name") == "CliHelp"
        for message in context.iter("message")
        if message.findtext("translation") != message.findtext("source")
    ]


@pytest.mark.usefixtures("qapp")
def test_every_commands_help_is_german():
    english = _translated_help_sources()
    with cli_language("de"):
        helps = {parser.prog: parser.format_help() for parser in _parsers(build_parser())}
    assert len(helps) > 30  # photoflow, its commands and their actions
    left = {
        prog: [text for text in english if text in " ".join(help_text.split())]
        for prog, help_text in helps.items()
    }
    assert {prog: texts for prog, texts in left.items() if texts} == {}
    assert all(text.startswith("Aufruf: ") for text in helps.values())


GUI_PROBE = """
import sys, threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from photoflow_desktop.cli import main

def close_board():
    windows = QApplication.topLevelWidgets()
    shown = [w for w in windows if isinstance(w, QMainWindow) and w.isVisible()]
    if not shown:
        QTimer.singleShot(20, close_board)
        return
    print("menus:", *[action.text() for action in shown[0].menuBar().actions()])
    shown[0].close()

def once_the_board_application_runs():
    pause = threading.Event()
    while not isinstance(QApplication.instance(), QApplication):
        pause.wait(0.02)
    QTimer.singleShot(0, QApplication.instance(), close_board)

threading.Thread(target=once_the_board_application_runs, daemon=True).start()
sys.exit(main(sys.argv[1:]))
"""


def test_german_board_starts_after_the_german_command_line(tmp_path):
    """The parser's QCoreApplication is gone before the board makes its QApplication."""
    env = dict(os.environ, HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    url = f"sqlite:///{tmp_path / 'studio.db'}"
    result = subprocess.run(
        [sys.executable, "-c", GUI_PROBE, "--lang", "de", "--database-url", url],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "menus: &Datei &Bearbeiten" in result.stdout


def test_german_invoice_pdf_and_self_test_draw_with_qt(tmp_path, capsys):
    """Commands that draw get a QApplication, not the parser's QCoreApplication (was: abort)."""
    url = f"sqlite:///{tmp_path / 'studio.db'}"
    studio = ["--name", "Studio", "--address", "Weg 1, 12345 Berlin", "--tax-number", "12/345"]
    for args in (["db", "migrate"], ["invoice", "studio", *studio], ["clients", "add", "Schmidt"]):
        assert main(["--database-url", url, *args]) == 0
    item = ["--item", "Abzüge;10;2.50;19"]
    capsys.readouterr()
    assert (
        main(["--database-url", url, "invoice", "create", "--client", "1", "--issue", *item]) == 0
    )
    number = capsys.readouterr().out.strip()
    pdf = tmp_path / "rechnung.pdf"
    german_pdf = ["--lang", "de", "--database-url", url, "invoice", "pdf", number, "-o", str(pdf)]
    code, out, err, _ = run_cli(tmp_path, *german_pdf)
    assert (code, out.strip()) == (0, str(pdf)), err
    assert pdf.read_bytes().startswith(b"%PDF")
    code, out, err, _ = run_cli(tmp_path, "--lang", "de", "self-test", QT_QPA_PLATFORM="offscreen")
    assert code == 0 and "Traceback" not in err, out + err
