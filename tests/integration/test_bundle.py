"""The PyInstaller bundle builds with the documented command and passes its own self-test."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from photoflow_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("PyInstaller") is None,
        reason="PyInstaller is not installed (pip install -e '.[build]')",
    ),
]


def test_bundle_builds_and_its_self_test_passes(tmp_path):
    dist, work = tmp_path / "dist", tmp_path / "build"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "photoflow_desktop.build",
            "--dist",
            str(dist),
            "--work",
            str(work),
            "--screenshot",
            str(tmp_path / "board.png"),
        ],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    executable = dist / "photoflow" / "photoflow"
    assert executable.is_file() and os.access(executable, os.X_OK)
    assert f"Bundle: {executable}" in result.stdout
    assert "Bundle self-test passed." in result.stdout
    # The bundle used its own migrations (not the checkout's) and rendered the board.
    assert f"migrations in {dist / 'photoflow' / '_internal' / 'migrations'}" in result.stdout
    assert (tmp_path / "board.png").stat().st_size > 10_000
    internal = dist / "photoflow" / "_internal"
    assert (internal / "resources" / "icons" / "photoflow.svg").is_file()
    assert (internal / "resources" / "photoflow.desktop").is_file()
    platforms = sorted(p.name for p in (internal / "PySide6/Qt/plugins/platforms").iterdir())
    assert platforms == ["libqminimal.so", "libqoffscreen.so", "libqxcb.so"]
    assert not list(internal.rglob("*QtWebEngine*")) and not list(internal.rglob("libQt6Quick*"))
    # Printing: QtPrintSupport and the CUPS plugin ride along; CUPS itself is the workstation's.
    assert list(internal.rglob("QtPrintSupport*.so"))
    assert (internal / "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so").is_file()
    assert not list(internal.rglob("libcups.so*"))
    # Qt's own catalogues: German only (standard buttons); ours: both languages.
    qt_catalogues = sorted(p.name for p in (internal / "PySide6/Qt/translations").iterdir())
    assert qt_catalogues == ["qtbase_de.qm"]
    assert (internal / "resources" / "translations" / "photoflow_de.qm").is_file()
    german = subprocess.run(
        [str(executable), "--lang", "de", "--database-url", f"sqlite:///{tmp_path / 'x.db'}",
         "db", "reset"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert german.returncode == 1
    assert "Zurücksetzen löscht alle Aufträge" in german.stderr
    version = subprocess.run(
        [str(executable), "--version"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert version.returncode == 0
    assert version.stdout.strip() == f"photoflow {__version__}"
