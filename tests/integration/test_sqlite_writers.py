"""Two programs writing the embedded database at once: they wait for each other, never fail raw."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from photoflow_desktop.domain.csvio import export_csv
from tests.support.backends import only_sqlite
from tests.support.bulk import add_bulk_orders
from tests.support.database import bound_database, task_count
from tests.support.processes import run_photoflow

ROOT = Path(__file__).resolve().parents[2]
IMPORTED = 60_000


@only_sqlite
def test_a_second_writer_during_a_big_import_waits_instead_of_failing(
    database_url, another_database_url, tmp_path
):
    with bound_database(another_database_url):
        add_bulk_orders(IMPORTED)
        csv_file = tmp_path / "orders.csv"
        csv_file.write_text(export_csv(), encoding="utf-8")
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.support.busy_writer", database_url, str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        imported = run_photoflow("--database-url", database_url, "import", str(csv_file))
    finally:
        stop.touch()
        lines, errors = writer.communicate(timeout=120)
    outcomes = lines.splitlines()

    assert imported.returncode == 0, imported.stderr
    assert not [line for line in outcomes if line.startswith("raw")], errors
    assert not [line for line in outcomes if "locked" in line and "busy" not in line]
    written = [line for line in outcomes if line.startswith("ok")]
    assert len(written) > 10
    assert task_count(database_url) == IMPORTED + len(written)
    print(f"second writer: {len(written)} writes, {len(outcomes) - len(written)} refused")
