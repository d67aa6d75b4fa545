"""Cancel in the middle of a backup or restore: no partial file, the database as it was."""

import pytest

from photoflow_desktop.domain.models import Task
from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.domain.tasks import delete_task
from photoflow_desktop.maintenance import backend_for
from photoflow_desktop.maintenance.base import BackupFormat, Cancelled
from tests.support.backends import only_postgres
from tests.support.bulk import add_bulk_orders
from tests.support.snapshots import board_snapshot

BULK = 50_000  # enough that the copy is still running when the user presses Cancel


@pytest.fixture
def big(db, database_url):
    """A board with 50,000 orders and its maintenance backend."""
    seed_board()
    add_bulk_orders(BULK)
    return backend_for(database_url, db)


class CancelOnceWriting:
    """should_cancel/progress pair: Cancel is pressed once some of the copy was reported done."""

    def __init__(self):
        self.reports = []

    def progress(self, done, total, text):
        self.reports.append((done, total))

    def __call__(self):
        return any(done > 0 for done, _ in self.reports)


def test_cancel_during_backup_leaves_no_file(big, tmp_path):
    fmt = BackupFormat.GZIP if big.name == "postgresql" else BackupFormat.SQLITE_GZIP
    folder = tmp_path / "backups"
    folder.mkdir()
    cancel = CancelOnceWriting()
    with pytest.raises(Cancelled, match="stopped"):
        big.backup(folder, fmt, progress=cancel.progress, should_cancel=cancel)
    assert cancel()  # it really was cancelled half-way, with bytes/pages already copied
    assert list(folder.iterdir()) == []


@only_postgres
def test_cancel_during_restore_leaves_the_database_unchanged(big, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    dump = big.backup(folder, BackupFormat.PLAIN).path
    delete_task(Task.select().first().id)
    before = board_snapshot()
    cancel = CancelOnceWriting()
    with pytest.raises(Cancelled, match="the database is unchanged"):
        big.restore(dump, progress=cancel.progress, should_cancel=cancel, safety_backup_dir=folder)
    assert cancel()
    assert board_snapshot() == before
