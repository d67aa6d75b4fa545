"""Migrate and roll back with a backup written first (DESIGN.md §4): upgrades never lose data."""

from __future__ import annotations

from dataclasses import dataclass

from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.maintenance import detach, migrations
from photoflow_desktop.maintenance.base import BackupResult, MaintenanceBackend

MIGRATE_PREFIX = "before-migrate"
ROLLBACK_PREFIX = "before-rollback"


@dataclass(frozen=True)
class GuardedOutcome:
    """What was applied or rolled back, and the backup taken before (None: nothing to keep)."""

    backup: BackupResult | None
    migrations: list[str]
    reattached: bool = False  # a detached database got its triggers back (nothing pending)


def _has_data() -> bool:
    """False for a brand-new database (no Tasks table yet): there is nothing to back up."""
    return "Tasks" in database_proxy.get_tables()


def migrate_with_backup(
    backend: MaintenanceBackend, progress=None, should_cancel=None, backup_dir=None
) -> GuardedOutcome:
    """Back up (when there is data and something pending), then apply pending migrations.

    A detached database with nothing pending is attached again; no backup is needed for that.
    """
    current = migrations.status()
    if current.up_to_date:
        if current.detached:
            detach.reattach()
        return GuardedOutcome(None, [], reattached=current.detached)
    backup = None
    if _has_data():
        backup = backend.backup(
            backup_dir, progress=progress, should_cancel=should_cancel, prefix=MIGRATE_PREFIX
        )
    applied = migrations.apply_pending(progress=progress, should_cancel=should_cancel)
    return GuardedOutcome(backup, applied)


def rollback_with_backup(backend: MaintenanceBackend, backup_dir=None) -> GuardedOutcome:
    """Back up, then undo the newest migration (refusals come before any backup is written)."""
    applied = migrations.status().applied
    if not applied or applied[-1] == migrations.INITIAL_MIGRATION:
        migrations.rollback_last()  # raises the clear MigrationError for these cases
    backup = backend.backup(backup_dir, prefix=ROLLBACK_PREFIX)
    return GuardedOutcome(backup, [migrations.rollback_last()])
