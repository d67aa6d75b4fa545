"""`photoflow self-test`: all steps pass on a working install; nothing outside tmp is touched."""

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from photoflow_desktop import selftest
from photoflow_desktop.cli import main

ROOT = Path(__file__).resolve().parents[2]
STEP_NAMES = [
    "PostgreSQL tools",
    "Installation",
    "Temporary database",
    "Migrate",
    "Seed",
    "Render board",
    "Backup + verify",
]


def test_self_test_passes_every_step_and_leaves_no_trace(isolated_user_dirs, tmp_path):
    screenshot = tmp_path / "board.png"
    result = subprocess.run(
        [sys.executable, "-m", "photoflow_desktop", "self-test", "--screenshot", str(screenshot)],
        cwd=isolated_user_dirs,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    steps = {line[6:25].strip(): line[:4].strip() for line in lines[:-1]}
    assert list(steps) == STEP_NAMES
    # PostgreSQL tools are optional (INFO when missing); every other step must be OK.
    assert all(status == "OK" for name, status in steps.items() if name != "PostgreSQL tools")
    assert steps["PostgreSQL tools"] in ("OK", "INFO")
    assert "30 orders" in result.stdout
    assert lines[-1].startswith("Self-test passed: 7 steps")
    assert "Traceback" not in result.stderr
    image = QImage(str(screenshot))
    assert not image.isNull() and image.width() >= 800
    # Nothing was written to the user's folders: no database, no settings, no backups.
    assert [p for p in Path(isolated_user_dirs).rglob("*") if p.is_file()] == []


def test_a_failed_step_fails_the_run_and_skips_what_needs_it(monkeypatch, capsys):
    def broken_migrations(context):
        raise selftest.StepFailed("migrations left pending: ['003_broken']")

    steps = [
        (name, broken_migrations if name == "Migrate" else step, needed)
        for name, step, needed in selftest.STEPS
    ]
    monkeypatch.setattr(selftest, "STEPS", steps)
    code = main(["self-test"])
    out = capsys.readouterr().out
    assert code == 1
    assert "FAIL  Migrate             migrations left pending: ['003_broken']" in out
    assert "SKIP  Seed                'Migrate' failed" in out
    assert "SKIP  Render board" in out and "SKIP  Backup + verify" in out
    assert out.splitlines()[-1].startswith("Self-test FAILED (4 of 7 steps): Migrate, Seed")
