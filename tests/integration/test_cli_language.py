"""The CLI speaks German (LANG=de_DE, --lang de, the saved setting); in English it loads no Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from photoflow_desktop.cli import main
from photoflow_desktop.config import settings_path
from tests.support.database import task_count

RUN_AND_REPORT_QT = (
    "import sys\n"
    "from photoflow_desktop.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print('QT' if 'PySide6.QtCore' in sys.modules else 'NO QT')\n"
    "sys.exit(code)\n"
)


def run_cli(tmp_path, *args, lang="C.UTF-8"):
    """Run the CLI in a fresh interpreter with LANG=`lang`; (exit code, stdout, stderr)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env["LANG"] = lang
    result = subprocess.run(
        [sys.executable, "-c", RUN_AND_REPORT_QT, "--database-url",
         f"sqlite:///{tmp_path / 'studio.db'}", *args],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    return result.returncode, result.stdout, result.stderr


def test_german_locale_gives_german_lines(tmp_path):
    code, out, err = run_cli(tmp_path, "db", "reset", lang="de_DE.UTF-8")
    assert code == 1
    assert err == "photoflow: Zurücksetzen löscht alle Aufträge; zum Bestätigen --yes anhängen\n"
    assert out.strip() == "QT"


def test_english_locale_gives_english_lines_without_loading_qt(tmp_path):
    code, out, err = run_cli(tmp_path, "db", "reset", lang="en_GB.UTF-8")
    assert code == 1 and err == "photoflow: Reset deletes every order; add --yes to confirm\n"
    assert out.strip() == "NO QT"


def test_lang_flag_overrides_the_locale(tmp_path):
    assert (
        "Reset deletes every order"
        in run_cli(tmp_path, "--lang", "en", "db", "reset", lang="de_DE.UTF-8")[2]
    )
    assert "Zurücksetzen löscht" in run_cli(tmp_path, "--lang", "de", "db", "reset")[2]


def test_bad_lang_is_bad_usage(tmp_path):
    code, _, err = run_cli(tmp_path, "--lang", "fr", "db", "status")
    assert code == 2 and "--lang" in err


def test_saved_setting_overrides_the_locale(tmp_path):
    settings_path().write_text(json.dumps({"language": "de"}), encoding="utf-8")
    code, out, _ = run_cli(tmp_path, "db", "migrate")  # XDG_CONFIG_HOME is this test's
    assert code == 0 and "angewendet  001_initial" in out


@pytest.mark.usefixtures("qapp")
def test_german_seed_and_plural_line(capsys, database_url):
    code = main(["--lang", "de", "--database-url", database_url, "db", "seed"])
    out = capsys.readouterr().out
    assert code == 0 and out == "30 Beispielaufträge angelegt.\n"
    main(["--database-url", database_url, "export", "--format", "json"])
    titles = [task["task"] for task in json.loads(capsys.readouterr().out)["tasks"]]
    assert "Hochzeitsreportage - Familie Schmidt" in titles
    assert "Wedding Photography - Smith Family" not in titles
    assert task_count(database_url) == 30


def test_german_verify_verdict(tmp_path):
    import sqlite3

    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)")
    code, _, err = run_cli(tmp_path, "db", "verify", str(other), lang="de_DE.UTF-8")
    assert code == 1
    assert err == (
        f"photoflow: {other}: "
        "Diese Sicherung ist keine PhotoFlow-Datenbank: Ihr fehlt die Tabelle Tasks\n"
    )
