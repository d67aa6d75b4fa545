"""Starting on a damaged embedded database: no board on it; the way out is named."""

from __future__ import annotations

from tests.support.damage import damage
from tests.support.processes import run_photoflow


def test_a_damaged_file_offers_salvage_and_the_newest_backup_that_verifies(tmp_path, decide):
    path = tmp_path / "photoflow.db"
    url = f"sqlite:///{path}"
    for command in (["db", "migrate"], ["db", "seed"], ["db", "backup"]):
        result = run_photoflow("--database-url", url, *command)
        assert result.returncode == 0, result.stderr
    backup = result.stdout.split("Backup written: ", 1)[1].splitlines()[0]
    damage(path, 4096)  # the schema page
    damaged_bytes = path.read_bytes()

    decision = decide(url)

    assert decision.session is None
    assert "damaged" in decision.problem and "photoflow db salvage" in decision.problem
    assert backup in decision.problem and "30 orders" in decision.problem
    assert path.read_bytes() == damaged_bytes
