"""Cold-start figures: `--help`, a SQLite `db status`, and process start to the first board window.

Run on demand: `pytest -m benchmark tests/benchmarks -k startup -s`
(or `python tests/benchmarks/bench_startup.py`).
Each figure is the median wall time of several fresh processes, printed next to two baselines
measured in the same run (an empty Python, Python importing PySide6.QtWidgets), so a slow or busy
machine shows as slow baselines too. The window figure runs the real `photoflow` GUI path offscreen
on a migrated, seeded SQLite file and stops the process as soon as the MainWindow is visible.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from time import perf_counter

import pytest

pytestmark = pytest.mark.benchmark

RUNS = 7

# Runs the GUI entry point; a 1 ms timer ends the process once a visible MainWindow exists.
FIRST_WINDOW = """
import os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
def check():
    if any(type(w).__name__ == "MainWindow" and w.isVisible() for w in app.topLevelWidgets()):
        sys.stdout.write("shown\\n"); sys.stdout.flush(); os._exit(0)
timer = QTimer(); timer.timeout.connect(check); timer.start(1)
from photoflow_desktop.cli import main
sys.exit(main(["--database-url", sys.argv[1]]))
"""


def _environment(home: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home))
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["XDG_DATA_HOME"] = str(home / "data")
    env.pop("PHOTOFLOW_DATABASE_URL", None)
    env.pop("PHOTOFLOW_SOCKETIO_URL", None)
    return env


def _median_seconds(argv: list[str], env: dict[str, str]) -> float:
    """Median wall time of RUNS fresh processes (one warm-up run first fills the OS file cache)."""
    times = []
    for _ in range(RUNS + 1):
        start = perf_counter()
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, timeout=60)
        times.append(perf_counter() - start)
    return statistics.median(times[1:])


def measure() -> dict[str, float]:
    """Median cold-start seconds of the baselines and the three photoflow start-ups."""
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = _environment(home)
        url = f"sqlite:///{home / 'studio.db'}"
        photoflow = [python, "-m", "photoflow_desktop", "--database-url", url]
        subprocess.run([*photoflow, "db", "migrate"], env=env, check=True, capture_output=True)
        subprocess.run([*photoflow, "db", "seed"], env=env, check=True, capture_output=True)
        return {
            "python -c pass": _median_seconds([python, "-c", "pass"], env),
            "import PySide6.QtWidgets": _median_seconds(
                [python, "-c", "import PySide6.QtWidgets"], env
            ),
            "photoflow --help": _median_seconds([python, "-m", "photoflow_desktop", "--help"], env),
            "photoflow db status (SQLite)": _median_seconds([*photoflow, "db", "status"], env),
            "start to first window (SQLite)": _median_seconds(
                [python, "-c", FIRST_WINDOW, url], env
            ),
        }


def report(figures: dict[str, float]) -> str:
    """The figures as a Markdown table."""
    lines = [f"| cold start (median of {RUNS}) | ms |", "|---|---|"]
    lines += [f"| {name} | {seconds * 1000:.0f} |" for name, seconds in figures.items()]
    return "\n".join(lines)


def test_startup_figures():
    figures = measure()
    print("\n" + report(figures))
    assert set(figures) >= {"python -c pass", "start to first window (SQLite)"}


if __name__ == "__main__":
    print(report(measure()))
