"""Issuing under contention: 4 processes × 10 invoices through the CLI, wall time per backend.

Run on demand: `pytest -m benchmark tests/benchmarks -k invoice_numbers -s`
Timed from the start signal (processes already running) until the last one exits; every
issue opens its own session, as a script calling `photoflow invoice issue` would.
"""

import subprocess
import sys
import time
from pathlib import Path
from time import perf_counter

import pytest

from photoflow_desktop.domain import invoices
from photoflow_desktop.studio import save_studio
from tests.support.invoices import ITEMS, STUDIO, add_client

pytestmark = pytest.mark.benchmark
ROOT = Path(__file__).resolve().parents[2]


def test_forty_concurrent_issues(db, database_url, backend, tmp_path):
    save_studio(STUDIO)
    client = add_client()
    drafts = [str(invoices.create_draft(client_id=client.id, items=ITEMS).id) for _ in range(40)]
    db.close()
    go = tmp_path / "go"
    command = [sys.executable, "-m", "tests.support.issue_worker", database_url, str(go)]
    workers = [
        subprocess.Popen(
            [*command, *drafts[n * 10 : (n + 1) * 10]],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        for n in range(4)
    ]
    time.sleep(3)  # let the interpreters start and wait at the signal
    started = perf_counter()
    go.touch()
    codes = [worker.wait(timeout=300) for worker in workers]
    elapsed = perf_counter() - started
    assert codes == [0, 0, 0, 0]
    print(
        f"\n{backend}: 40 issues by 4 processes in {elapsed * 1000:.0f} ms "
        f"({elapsed * 1000 / 40:.1f} ms per issue, CLI session each)"
    )
