"""The PostgreSQL driver loads only for PostgreSQL: `--help` and SQLite commands skip it."""

from __future__ import annotations

import os
import subprocess
import sys

# Runs the real command line in a fresh interpreter, then says whether psycopg2 got imported.
PROBE = """
import sys
from photoflow_desktop.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
print("psycopg2 loaded" if "psycopg2" in sys.modules else "psycopg2 not loaded", code)
"""


def run_photoflow(tmp_path, *args: str) -> str:
    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("PHOTOFLOW_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_help_does_not_load_the_postgresql_driver(tmp_path):
    assert run_photoflow(tmp_path, "--help") == "psycopg2 not loaded 0"


def test_db_status_loads_the_driver_only_for_postgresql(tmp_path, backend, database_url):
    """On PostgreSQL the driver arrives late and still works: status reads the migrations table."""
    expected = "psycopg2 loaded 0" if backend == "postgresql" else "psycopg2 not loaded 0"
    assert run_photoflow(tmp_path, "--database-url", database_url, "db", "status") == expected
