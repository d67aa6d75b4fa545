"""An installed wheel finds its migrations (not the checkout's, not the current directory's)
and its translations."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_installed_wheel_migrates_a_new_database_from_any_directory(tmp_path):
    wheel_dir, target, elsewhere = tmp_path / "wheel", tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "-w", str(wheel_dir), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(wheel_dir.glob("photoflow_desktop-*.whl"))
    subprocess.run(
        [*pip, "install", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    database = tmp_path / "studio.db"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import photoflow_desktop, sys; from photoflow_desktop.cli import main; "
            "assert 'site' in photoflow_desktop.__file__, photoflow_desktop.__file__; "
            "sys.exit(main(sys.argv[1:]))",
            "--database-url",
            f"sqlite:///{database}",
            "db",
            "migrate",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "applied  001_initial" in result.stdout
    assert not (elsewhere / "migrations").exists()  # peewee-migrate's cwd default was not used
    assert (target / "photoflow_desktop/_data/resources/translations/photoflow_de.qm").is_file()
    german = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from photoflow_desktop.cli import main; sys.exit(main(sys.argv[1:]))",
            "--lang",
            "de",
            "--database-url",
            f"sqlite:///{database}",
            "db",
            "reset",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert german.returncode == 1
    assert german.stderr == (
        "photoflow: Zurücksetzen löscht alle Aufträge; zum Bestätigen --yes anhängen\n"
    )
