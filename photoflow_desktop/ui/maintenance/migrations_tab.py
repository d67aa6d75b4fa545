"""Migrations tab: applied and pending migrations, apply, roll back, reset (each after a backup)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.maintenance import guarded_migrations, migrations
from photoflow_desktop.maintenance.backups import backup_dir
from photoflow_desktop.maintenance.reset import reset_database
from photoflow_desktop.ui.maintenance.context import MaintenanceContext, MaintenanceTab

RESET_PREFIX = "before-reset"


def database_name(context: MaintenanceContext) -> str:
    """The name the reset confirmation asks for: the PostgreSQL database or the SQLite file name."""
    backend = context.backend
    if backend.name == "postgresql":
        return backend.params.dbname
    return backend.path.name


class MigrationsTab(MaintenanceTab):
    """Status of the schema and the actions that change it."""

    def __init__(self, context: MaintenanceContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.status_list = QTreeWidget()
        self.status_list.setObjectName("migrationList")
        self.status_list.setHeaderLabels(["Migration", "State"])
        self.status_list.setRootIsDecorated(False)
        self.status_list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.status_list.header().setStretchLastSection(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.apply_button = QPushButton("Apply pending")
        self.apply_button.clicked.connect(self.apply_pending)
        self.rollback_button = QPushButton("Roll back last…")
        self.rollback_button.clicked.connect(self.roll_back)
        self.reset_button = QPushButton("Reset database…")
        self.reset_button.setObjectName("resetDatabase")
        self.reset_button.clicked.connect(self.reset)
        buttons = QHBoxLayout()
        for button in (self.refresh_button, self.apply_button, self.rollback_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        note = QLabel(
            "Applying or rolling back writes a backup first; each migration runs in its own "
            "transaction, so a failing one leaves the database as it was."
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        self.status.setObjectName("migrationStatus")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.status_list, 1)
        layout.addLayout(buttons)
        layout.addWidget(note)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self._state: migrations.MigrationStatus | None = None
        context.busyChanged.connect(self._update_buttons)
        context.dataReplaced.connect(self.refresh)
        self._update_buttons()

    def refresh(self) -> bool:
        """Read the migration status (in the background)."""

        def work(_progress, _should_cancel):
            return migrations.status()

        # reports in the summary: the last action's result stays in the status line
        return self.run_job("Reading migrations", work, self._show, status=self.summary)

    def _show(self, state: migrations.MigrationStatus) -> None:
        self._state = state
        self.status_list.clear()
        for name in state.applied:
            QTreeWidgetItem(self.status_list, [name, "✓ applied"])
        for name in state.pending:
            item = QTreeWidgetItem(self.status_list, [name, "• pending"])
            bold = QFont(item.font(0))
            bold.setBold(True)
            for column in (0, 1):
                item.setFont(column, bold)
                item.setForeground(column, self.palette().link())
        if state.up_to_date:
            text = f"The database is up to date ({len(state.applied)} migrations applied)."
        else:
            text = f"{len(state.pending)} migration(s) waiting to be applied."
        if state.adoptable:
            text += (
                " This database was made by the PhotoFlow web app: its first migration is "
                "recorded as applied without touching any order."
            )
        self.summary.setText(text)
        self._update_buttons()

    def pending(self) -> list[str]:
        """Pending migrations as last read."""
        return list(self._state.pending) if self._state else []

    def applied(self) -> list[str]:
        """Applied migrations as last read."""
        return list(self._state.applied) if self._state else []

    def _update_buttons(self, *_args) -> None:
        idle = not self.context.busy
        state = self._state
        self.refresh_button.setEnabled(idle)
        self.apply_button.setEnabled(idle and bool(state and state.pending))
        rollbackable = bool(state and state.applied and state.applied[-1] != "001_initial")
        self.rollback_button.setEnabled(idle and rollbackable)
        self.reset_button.setEnabled(idle)

    def apply_pending(self) -> bool:
        """Back up, then apply every pending migration (progress per migration, Cancel)."""
        backend, folder = self.context.backend, backup_dir()

        def work(progress, should_cancel):
            return guarded_migrations.migrate_with_backup(
                backend, progress=progress, should_cancel=should_cancel, backup_dir=folder
            )

        return self.run_job("Apply migrations", work, self._migrated)

    def roll_back(self) -> bool:
        """After a confirmation, back up and undo the newest migration."""
        last = self.applied()[-1] if self.applied() else "the last migration"
        question = (
            f"Undo migration {last} on {self.context.backend.display_name}?\n\n"
            "A backup is written first. Data stored only in what this migration added is lost."
        )
        if not self.context.prompts.confirm(self, "Roll back a migration", question, "Roll back"):
            return False
        backend, folder = self.context.backend, backup_dir()

        def work(_progress, _should_cancel):
            return guarded_migrations.rollback_with_backup(backend, backup_dir=folder)

        return self.run_job("Roll back", work, self._rolled_back)

    def reset(self) -> bool:
        """After the typed-name confirmation: back up, drop and rebuild the tables, maybe seed."""
        confirmed, seed = self.context.prompts.confirm_reset(self, database_name(self.context))
        if not confirmed:
            return False
        backend, folder = self.context.backend, backup_dir()

        def work(progress, should_cancel):
            safety = None
            if "Tasks" in backend.row_counts():
                safety = backend.backup(
                    folder, progress=progress, should_cancel=should_cancel, prefix=RESET_PREFIX
                )
            progress(0, 0, "Rebuilding the tables")
            applied = reset_database()
            seeded = seed_board() if seed else 0
            return safety, applied, seeded

        return self.run_job("Reset", work, self._reset_done)

    def _backup_line(self, backup) -> str:
        if backup is None:
            return "No backup was needed (the database held no data)."
        return f"Backup written first: {backup.path}"

    def _migrated(self, outcome: guarded_migrations.GuardedOutcome) -> None:
        names = ", ".join(outcome.migrations) or "nothing (already up to date)"
        self.status.setText(f"Applied {names}.\n{self._backup_line(outcome.backup)}")
        self._after_change(outcome.backup)

    def _rolled_back(self, outcome: guarded_migrations.GuardedOutcome) -> None:
        self.status.setText(
            f"Rolled back {', '.join(outcome.migrations)}.\n{self._backup_line(outcome.backup)}"
        )
        self._after_change(outcome.backup)

    def _reset_done(self, result) -> None:
        safety, applied, seeded = result
        seeded_text = f" {seeded} sample orders added." if seeded else ""
        self.status.setText(
            f"The database was reset ({len(applied)} migrations applied).{seeded_text}\n"
            f"{self._backup_line(safety)}"
        )
        self._after_change(safety)

    def _after_change(self, backup) -> None:
        if backup is not None:
            self.context.backupsChanged.emit()
        self.context.dataReplaced.emit()
