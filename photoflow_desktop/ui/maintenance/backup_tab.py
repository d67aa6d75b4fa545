"""Backup & restore tab: back up now, the backups in the folder, verify, test restore, restore."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.i18n import QT_TRANSLATE_NOOP, translate
from photoflow_desktop.i18n.messages import phrase
from photoflow_desktop.maintenance import backups
from photoflow_desktop.maintenance.base import BackupFormat, BackupResult, RestoreResult, human_size
from photoflow_desktop.ui.maintenance.context import MaintenanceContext, MaintenanceTab, local_time

KIND_LABELS = {
    "backup": QT_TRANSLATE_NOOP("Maintenance", "Backup"),
    "before-restore": QT_TRANSLATE_NOOP("Maintenance", "Safety copy before a restore"),
    "before-migrate": QT_TRANSLATE_NOOP("Maintenance", "Before migrating"),
    "before-rollback": QT_TRANSLATE_NOOP("Maintenance", "Before a rollback"),
    "before-reset": QT_TRANSLATE_NOOP("Maintenance", "Before a reset"),
}
RESTORE_UNCHANGED = QT_TRANSLATE_NOOP("Maintenance", "The database was not changed.")


def restore_confirmation_text(context: MaintenanceContext, path: Path) -> str:
    """The question before a restore: which database, which backup, what is lost."""
    taken = local_time(backups.backup_time(path))
    return translate(
        "Maintenance",
        "Replace all data in {database}\nwith the backup taken {taken}?\n\nFile: {path}\n\n"
        "Every change made since that backup is lost. A safety backup of the current "
        "database is written first, and the restore is all-or-nothing: if it fails, "
        "the database stays as it is.",
    ).format(database=context.target, taken=taken, path=path)


class BackupTab(MaintenanceTab):
    """Back up, list, verify, test-restore and restore backups."""

    def __init__(self, context: MaintenanceContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        backend = context.backend

        self.format_combo = QComboBox()
        for fmt in backend.formats:
            self.format_combo.addItem(phrase(fmt.label), fmt)
        self.folder_edit = QLineEdit(str(backups.backup_dir()))
        self.folder_edit.setReadOnly(True)
        self.change_folder_button = QPushButton(translate("Maintenance", "Change…"))
        self.change_folder_button.clicked.connect(self.change_folder)
        self.backup_button = QPushButton(translate("Maintenance", "Back up now"))
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.back_up)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.change_folder_button)
        form = QFormLayout()
        target = QLabel(context.target)
        target.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(translate("Maintenance", "Database:"), target)
        form.addRow(translate("Maintenance", "Format:"), self.format_combo)
        form.addRow(translate("Maintenance", "Folder:"), folder_row)
        now_box = QGroupBox(translate("Maintenance", "Back up now"))
        now_layout = QVBoxLayout(now_box)
        now_layout.addLayout(form)
        now_layout.addWidget(self.backup_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [
                translate("Maintenance", "Taken"),
                translate("Maintenance", "Kind"),
                translate("Maintenance", "Size"),
                translate("Maintenance", "File"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.verify_button = QPushButton(translate("Maintenance", "Verify"))
        self.verify_button.clicked.connect(lambda: self.verify(self.selected_path()))
        self.test_restore_button = QPushButton(translate("Maintenance", "Test restore"))
        self.test_restore_button.setToolTip(
            translate(
                "Maintenance",
                "Restore into a scratch database and compare its row counts with the live one",
            )
        )
        self.test_restore_button.clicked.connect(lambda: self.test_restore(self.selected_path()))
        self.restore_button = QPushButton(translate("Maintenance", "Restore…"))
        self.restore_button.clicked.connect(lambda: self.restore(self.selected_path()))
        self.verify_file_button = QPushButton(translate("Maintenance", "Verify a file…"))
        self.verify_file_button.clicked.connect(lambda: self.verify(self._pick_file()))
        self.restore_file_button = QPushButton(translate("Maintenance", "Restore from a file…"))
        self.restore_file_button.clicked.connect(lambda: self.restore(self._pick_file()))
        buttons = QHBoxLayout()
        for button in (self.verify_button, self.test_restore_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.verify_file_button)
        buttons.addWidget(self.restore_file_button)
        list_box = QGroupBox(translate("Maintenance", "Backups in the folder"))
        list_layout = QVBoxLayout(list_box)
        list_layout.addWidget(self.table)
        list_layout.addLayout(buttons)

        self.status.setObjectName("backupStatus")
        layout = QVBoxLayout(self)
        layout.addWidget(now_box)
        layout.addWidget(list_box, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)

        context.busyChanged.connect(self._update_buttons)
        context.backupsChanged.connect(self.refresh_list)
        self.refresh_list()

    # --- the folder and its backups -------------------------------------------------------

    def folder(self) -> Path:
        """Where new backups go."""
        return Path(self.folder_edit.text())

    def selected_format(self) -> BackupFormat:
        """The format chosen in the combo box."""
        return BackupFormat(self.format_combo.currentData())

    def set_folder(self, folder: Path) -> None:
        """Use and remember another backup folder."""
        backups.set_backup_dir(folder)
        self.folder_edit.setText(str(backups.backup_dir()))
        self.refresh_list()

    def change_folder(self) -> None:
        """Let the user pick another folder."""
        chosen = self.context.prompts.choose_folder(self, self.folder())
        if chosen:
            self.set_folder(chosen)

    def refresh_list(self) -> None:
        """List the backups in the folder, newest first."""
        found = backups.list_backups(self.folder())
        self.table.setRowCount(len(found))
        for row, item in enumerate(found):
            cells = [
                local_time(item.created_at),
                translate("Maintenance", KIND_LABELS[item.prefix])
                if item.prefix in KIND_LABELS
                else item.prefix,
                human_size(item.size),
                item.path.name,
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, str(item.path))
                if column == 2:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, cell)
        self._update_buttons()

    def select_backup(self, path: Path) -> None:
        """Select the row of `path` in the list."""
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == str(path):
                self.table.selectRow(row)
                return

    def selected_path(self) -> Path | None:
        """The backup selected in the list."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return Path(self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole))

    def _pick_file(self) -> Path | None:
        return self.context.prompts.open_backup_file(self, self.folder())

    def _update_buttons(self, *_args) -> None:
        idle = not self.context.busy
        selected = self.selected_path() is not None
        for button in (self.verify_button, self.test_restore_button, self.restore_button):
            button.setEnabled(idle and selected)
        for button in (
            self.backup_button,
            self.change_folder_button,
            self.verify_file_button,
            self.restore_file_button,
            self.format_combo,
        ):
            button.setEnabled(idle)

    # --- actions --------------------------------------------------------------------------

    def back_up(self) -> bool:
        """Write a backup in the chosen format into the folder (progress, Cancel)."""
        fmt, folder = self.selected_format(), self.folder()
        backend = self.context.backend

        def work(progress, should_cancel):
            return backend.backup(folder, fmt, progress=progress, should_cancel=should_cancel)

        # PostgreSQL reports bytes written against the database size; SQLite copies pages
        in_bytes = human_size if backend.name == "postgresql" else None
        return self.run_job(
            translate("Maintenance", "Backup"), work, self._backed_up, value_text=in_bytes
        )

    def _backed_up(self, result: BackupResult) -> None:
        self.status.setText(
            translate(
                "Maintenance",
                "Backup written and verified: {path}\n{size} in {seconds:.1f} s — {check}.",
            ).format(
                path=result.path,
                size=human_size(result.size),
                seconds=result.duration,
                check=phrase(result.verified.message),
            )
        )
        self.context.backupsChanged.emit()
        self.select_backup(result.path)

    def verify(self, path: Path | None) -> bool:
        """Check that a file is a complete backup of this kind of database."""
        if path is None:
            return False
        backend = self.context.backend

        def work(progress, should_cancel):
            return backend.verify(path, progress=progress, should_cancel=should_cancel)

        def done(result) -> None:
            verdict = (
                translate("Maintenance", "OK")
                if result.ok
                else translate("Maintenance", "NOT usable")
            )
            kind = (
                phrase(result.format.label)
                if result.format
                else translate("Maintenance", "unknown format")
            )
            lines = [f"{path.name}: {verdict} — {phrase(result.message)} ({kind})."]
            lines += result.details[:5]
            self.status.setText("\n".join(lines))

        return self.run_job(translate("Maintenance", "Verify"), work, done)

    def test_restore(self, path: Path | None) -> bool:
        """Restore into a scratch database and compare row counts with the live one."""
        if path is None:
            return False
        backend = self.context.backend

        def work(progress, should_cancel):
            return backend.test_restore(path, progress=progress, should_cancel=should_cancel)

        def done(result) -> None:
            counts = ", ".join(f"{n}: {c}" for n, c in sorted(result.backup_rows.items()))
            lines = [
                translate("Maintenance", "Test restore of {file}: {result}.").format(
                    file=path.name, result=result.message
                )
            ]
            if counts:
                lines.append(
                    translate("Maintenance", "Rows in the backup — {counts}").format(counts=counts)
                )
            lines += result.differences
            self.status.setText("\n".join(lines))

        return self.run_job(translate("Maintenance", "Test restore"), work, done)

    def restore(self, path: Path | None) -> bool:
        """After a confirmation naming the database and the backup's date, restore it."""
        if path is None:
            return False
        question = restore_confirmation_text(self.context, path)
        if not self.context.prompts.confirm(
            self,
            translate("Maintenance", "Restore a backup"),
            question,
            translate("Maintenance", "Restore"),
        ):
            return False
        backend, folder = self.context.backend, self.folder()

        def work(progress, should_cancel):
            return backend.restore(
                path, progress=progress, should_cancel=should_cancel, safety_backup_dir=folder
            )

        return self.run_job(
            translate("Maintenance", "Restore"),
            work,
            self._restored,
            failure_note=translate("Maintenance", RESTORE_UNCHANGED),
        )

    def _restored(self, result: RestoreResult) -> None:
        counts = ", ".join(f"{name}: {count}" for name, count in sorted(result.rows.items()))
        self.status.setText(
            translate(
                "Maintenance",
                "Restored {file} in {seconds:.1f} s. Rows now — {counts}.\n"
                "The data from before the restore is kept in {path}",
            ).format(
                file=result.path.name,
                seconds=result.duration,
                counts=counts,
                path=result.safety_backup_path,
            )
        )
        self.context.backupsChanged.emit()
        self.context.dataReplaced.emit()
