"""Automatic backups: on start when the newest backup is older than N hours; keep the newest K."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.i18n import translate
from photoflow_desktop.maintenance import backups
from photoflow_desktop.maintenance.backends import backend_for
from photoflow_desktop.maintenance.backups import AutoBackupPolicy
from photoflow_desktop.ui.common.jobs import Job, JobRunner
from photoflow_desktop.ui.maintenance.context import MaintenanceContext, MaintenanceTab, local_time


def start_automatic_backup(session, jobs: JobRunner, on_done=None, on_error=None) -> Job | None:
    """On app start: back up in the background if the saved policy says one is due, then prune."""
    policy = backups.load_policy()
    if not policy.enabled or not backups.backup_due(policy):
        return None
    backend = backend_for(session)

    def work(job):
        return backups.run_automatic_backup(
            backend, policy, progress=job.report, should_cancel=lambda: job.cancelled
        )

    return jobs.start(work, on_done, on_error)


class AutoBackupTab(MaintenanceTab):
    """Edit and save the automatic-backup policy; run the due check now."""

    def __init__(self, context: MaintenanceContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        policy = backups.load_policy()
        self.enabled_box = QCheckBox(
            translate("Maintenance", "Back up automatically when PhotoFlow starts")
        )
        self.enabled_box.setChecked(policy.enabled)
        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(1, 24 * 90)
        self.interval_spin.setSuffix(translate("Maintenance", " hours"))
        self.interval_spin.setValue(policy.interval_hours)
        self.keep_spin = QSpinBox()
        self.keep_spin.setRange(1, 1000)
        self.keep_spin.setSuffix(translate("Maintenance", " backups"))
        self.keep_spin.setValue(policy.keep)
        self.save_button = QPushButton(translate("Maintenance", "Save settings"))
        self.save_button.setObjectName("saveAutoBackup")
        self.save_button.clicked.connect(self.save)
        self.run_button = QPushButton(translate("Maintenance", "Back up now if due"))
        self.run_button.clicked.connect(self.run_if_due)
        self.last_backup = QLabel()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.enabled_box)
        form.addRow(
            translate("Maintenance", "…when the newest backup is older than:"), self.interval_spin
        )
        form.addRow(translate("Maintenance", "Keep the newest:"), self.keep_spin)
        form.addRow(translate("Maintenance", "Newest backup:"), self.last_backup)
        note = QLabel(
            translate(
                "Maintenance",
                "Automatic backups go to the backup folder (Backup & restore tab) and are named "
                "backup_YYYYMMDD_HHMMSS; only those are pruned. Safety copies taken before a "
                "restore, a migration or a reset are never deleted automatically.",
            )
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        self.status.setObjectName("autoBackupStatus")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.run_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self.enabled_box.toggled.connect(self._update)
        context.busyChanged.connect(self._update)
        context.backupsChanged.connect(self._show_last)
        self._update()
        self._show_last()

    def policy(self) -> AutoBackupPolicy:
        """The policy as entered."""
        return AutoBackupPolicy(
            enabled=self.enabled_box.isChecked(),
            interval_hours=self.interval_spin.value(),
            keep=self.keep_spin.value(),
        )

    def _update(self, *_args) -> None:
        on = self.enabled_box.isChecked()
        self.interval_spin.setEnabled(on)
        self.keep_spin.setEnabled(on)
        self.run_button.setEnabled(on and not self.context.busy)

    def _show_last(self) -> None:
        self.last_backup.setText(local_time(backups.last_backup_at()))

    def save(self) -> bool:
        """Store the policy in the settings file."""
        try:
            backups.save_policy(self.policy())
        except ValidationError as exc:
            self.context.prompts.error(self, "Automatic backups", str(exc))
            return False
        self.status.setText(
            translate("Maintenance", "Saved. The check runs each time PhotoFlow starts.")
        )
        return True

    def run_if_due(self) -> bool:
        """Save, then back up and prune now if a backup is due."""
        if not self.save():
            return False
        backend, policy = self.context.backend, self.policy()

        def work(progress, should_cancel):
            return backups.run_automatic_backup(
                backend, policy, progress=progress, should_cancel=should_cancel
            )

        def done(result) -> None:
            if result is None:
                self.status.setText(
                    translate(
                        "Maintenance",
                        "No backup needed: the newest is younger than %n hour(s).",
                        None,
                        policy.interval_hours,
                    )
                )
                return
            self.status.setText(
                translate("Maintenance", "Backup written: {path}").format(path=result.path)
            )
            self.context.backupsChanged.emit()

        return self.run_job(translate("Maintenance", "Automatic backup"), work, done)
