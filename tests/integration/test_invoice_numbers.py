"""Invoice numbers stay gapless and unique when several processes issue at the same time."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from photoflow_desktop.domain import invoices
from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.invoice_models import Invoice
from photoflow_desktop.studio import save_studio
from tests.support.invoices import ITEMS, STUDIO, add_client

ROOT = Path(__file__).resolve().parents[2]
WORKERS, PER_WORKER = 4, 10


def test_parallel_processes_get_gapless_unique_numbers(db, database_url, tmp_path):
    save_studio(STUDIO)  # the workers read it from the same (test) settings file
    client = add_client()
    drafts = [invoices.create_draft(client_id=client.id, items=ITEMS).id for _ in range(40)]
    db.close()  # the workers own the database now
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.support.issue_worker", database_url, str(go)]
            + [str(i) for i in drafts[n * PER_WORKER : (n + 1) * PER_WORKER]],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WORKERS)
    ]
    go.touch()
    outputs = [worker.communicate(timeout=300) for worker in workers]
    assert [w.returncode for w in workers] == [0] * WORKERS, [err for _, err in outputs]
    printed = [line for out, _ in outputs for line in out.split()]
    year = date.today().year
    expected = [f"{year}-{n:04d}" for n in range(1, WORKERS * PER_WORKER + 1)]
    assert sorted(printed) == expected  # no gap, no duplicate
    stored = dict(Invoice.select(Invoice.id, Invoice.number).tuples())
    assert sorted(stored[i] for i in drafts) == expected


def test_a_rolled_back_issue_gives_its_number_back(db):
    client = add_client()
    first = invoices.create_draft(client_id=client.id, items=ITEMS)
    with pytest.raises(RuntimeError), database_proxy.atomic():
        invoices.issue_invoice(first.id, STUDIO, date(2026, 5, 4))
        raise RuntimeError("power cut before commit")
    second = invoices.create_draft(client_id=client.id, items=ITEMS)
    assert invoices.issue_invoice(second.id, STUDIO, date(2026, 5, 4)).number == "2026-0001"
    assert invoices.issue_invoice(first.id, STUDIO, date(2026, 5, 4)).number == "2026-0002"
