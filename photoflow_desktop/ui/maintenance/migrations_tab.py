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
from photoflow_desktop.i18n import current_language, translate
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
        self.status_list.setHeaderLabels(
            [translate("Maintenance", "Migration"), translate("Maintenance", "State")]
        )
        self.status_list.setRootIsDecorated(False)
        self.status_list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.status_list.header().setStretchLastSection(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.refresh_button = QPushButton(translate("Maintenance", "Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.apply_button = QPushButton(translate("Maintenance", "Apply pending"))
        self.apply_button.clicked.connect(self.apply_pending)
        self.rollback_button = QPushButton(translate("Maintenance", "Roll back last…"))
        self.rollback_button.clicked.connect(self.roll_back)
        self.reset_button = QPushButton(translate("Maintenance", "Reset database…"))
        self.reset_button.setObjectName("resetDatabase")
        self.reset_button.clicked.connect(self.reset)
        buttons = QHBoxLayout()
        for button in (self.refresh_button, self.apply_button, self.rollback_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        note = QLabel(
            translate(
                "Maintenance",
                "Applying or rolling back writes a backup first; each migration runs in its own "
                "transaction, so a failing one leaves the database as it was.",
            )
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
        return self.run_job(
            translate("Maintenance", "Reading migrations"), work, self._show, status=self.summary
        )

    def _show(self, state: migrations.MigrationStatus) -> None:
        self._state = state
        self.status_list.clear()
        for name in state.applied:
            QTreeWidgetItem(self.status_list, [name, translate("Maintenance", "✓ applied")])
        for name in state.pending:
            item = QTreeWidgetItem(self.status_list, [name, translate("Maintenance", "• pending")])
            bold = QFont(item.font(0))
            bold.setBold(True)
            for column in (0, 1):
                item.setFont(column, bold)
                item.setForeground(column, self.palette().link())
        if state.up_to_date:
            text = translate(
                "Maintenance",
                "The database is up to date (%n migration(s) applied).",
                None,
                len(state.applied),
            )
        else:
            text = translate(
                "Maintenance", "%n migration(s) waiting to be applied.", None, len(state.pending)
            )
        if state.adoptable:
            text += " " + translate(
                "Maintenance",
                "This database was made by the PhotoFlow web app: its first migration is "
                "recorded as applied without touching any order.",
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

        return self.run_job(translate("Maintenance", "Apply migrations"), work, self._migrated)

    def roll_back(self) -> bool:
        """After a confirmation, back up and undo the newest migration."""
        last = (
            self.applied()[-1] if self.applied() else translate("Maintenance", "the last migration")
        )
        question = translate(
            "Maintenance",
            "Undo migration {name} on {database}?\n\n"
            "A backup is written first. Data stored only in what this migration added is lost.",
        ).format(name=last, database=self.context.backend.display_name)
        if not self.context.prompts.confirm(
            self,
            translate("Maintenance", "Roll back a migration"),
            question,
            translate("Maintenance", "Roll back"),
        ):
            return False
        backend, folder = self.context.backend, backup_dir()

        def work(_progress, _should_cancel):
            return guarded_migrations.rollback_with_backup(backend, backup_dir=folder)

        return self.run_job(translate("Maintenance", "Roll back"), work, self._rolled_back)

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
            progress(0, 0, translate("Maintenance", "Rebuilding the tables"))
            applied = reset_database()
            seeded = seed_board(language=current_language()) if seed else 0
            return safety, applied, seeded

        return self.run_job(translate("Maintenance", "Reset"), work, self._reset_done)

    def _backup_line(self, backup) -> str:
        if backup is None:
            return translate("Maintenance", "No backup was needed (the database held no data).")
        return translate("Maintenance", "Backup written first: {path}").format(path=backup.path)

    def _migrated(self, outcome: guarded_migrations.GuardedOutcome) -> None:
        names = ", ".join(outcome.migrations) or translate(
            "Maintenance", "nothing (already up to date)"
        )
        self.status.setText(
            translate("Maintenance", "Applied {names}.").format(names=names)
            + "\n"
            + self._backup_line(outcome.backup)
        )
        self._after_change(outcome.backup)

    def _rolled_back(self, outcome: guarded_migrations.GuardedOutcome) -> None:
        self.status.setText(
            translate("Maintenance", "Rolled back {names}.").format(
                names=", ".join(outcome.migrations)
            )
            + "\n"
            + self._backup_line(outcome.backup)
        )
        self._after_change(outcome.backup)

    def _reset_done(self, result) -> None:
        safety, applied, seeded = result
        text = translate(
            "Maintenance", "The database was reset (%n migration(s) applied).", None, len(applied)
        )
        if seeded:
            text += " " + translate("Maintenance", "%n sample order(s) added.", None, seeded)
        self.status.setText(text + "\n" + self._backup_line(safety))
        self._after_change(safety)

    def _after_change(self, backup) -> None:
        if backup is not None:
            self.context.backupsChanged.emit()
        self.context.dataReplaced.emit()
