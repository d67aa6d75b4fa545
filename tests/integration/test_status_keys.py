"""The web app's status keys: the seed writes them; normalize-statuses converts older values."""

from __future__ import annotations

from datetime import datetime

from photoflow_desktop.cli import main
from photoflow_desktop.domain import tasks
from photoflow_desktop.domain.models import Task
from photoflow_desktop.domain.queries import column_page
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.search import parse_query
from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.domain.statuses import WORKFLOW
from photoflow_desktop.maintenance.backups import list_backups


def _statuses() -> dict[int, str]:
    return dict(Task.select(Task.id, Task.status).tuples())


def test_the_seed_writes_only_the_web_apps_keys(db):
    seed_board()
    assert {s for (s,) in Task.select(Task.status).tuples()} <= set(WORKFLOW)


def test_normalize_statuses_dry_run_then_real_run_with_a_backup(db, database_url, capsys):
    for status in ["RAW", "RAW", "Developed", "Nicht Bearbeitet", "Gedruckt", "Proofs sent"]:
        tasks.create_task(TaskDraft("Auftrag", datetime(2026, 1, 1), status))
    before = _statuses()

    assert main(["--database-url", database_url, "db", "normalize-statuses", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "RAW → NichtBearbeitet: 2 orders would change" in out
    assert "Developed → Entwickelt: 1 order would change" in out
    assert "Nicht Bearbeitet → NichtBearbeitet: 1 order would change" in out
    assert "4 orders would change in total." in out
    assert _statuses() == before and not list_backups()

    assert main(["--database-url", database_url, "db", "normalize-statuses"]) == 0
    out = capsys.readouterr().out
    assert "Backup written first" in out and "4 orders changed in total." in out
    assert [b.prefix for b in list_backups()] == ["before-normalize-statuses"]
    assert sorted(_statuses().values()) == sorted(
        ["NichtBearbeitet"] * 3 + ["Entwickelt", "Gedruckt", "Proofs sent"]
    )

    assert main(["--database-url", database_url, "db", "normalize-statuses"]) == 0
    assert "nothing to change" in capsys.readouterr().out
    assert len(list_backups()) == 1


def test_searching_a_status_finds_it_in_every_spelling(db):
    for status in ["Retuschiert", "Retouched", "Gedruckt"]:
        tasks.create_task(TaskDraft(f"Auftrag {status}", datetime(2026, 1, 1), status))
    found = column_page("1", where=parse_query("status:retouched"))
    assert sorted(t.status for t in found) == ["Retouched", "Retuschiert"]
