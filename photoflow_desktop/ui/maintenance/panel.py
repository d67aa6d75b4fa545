"""Tools → Maintenance…: backup & restore, migrations, optimize, health, automatic backups, data.

Every tab shares one MaintenanceContext (the session's maintenance backend, the JobRunner, the
prompts): one long operation at a time, always in a job with progress and Cancel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.i18n import translate
from photoflow_desktop.ui.common.jobs import JobRunner

if TYPE_CHECKING:
    from photoflow_desktop.ui.maintenance.prompts import Prompts


class MaintenanceDialog(QDialog):
    """The database maintenance panel for the open session."""

    taskChanged = Signal(int)  # a task was edited in the data browser: board.refresh_task
    databaseReplaced = Signal()  # restore/migrate/rollback/reset: board.resync

    def __init__(
        self,
        session,
        jobs: JobRunner,
        parent: QWidget | None = None,
        prompts: Prompts | None = None,
    ):
        # The tabs (and the maintenance backends behind them) load when the panel is first
        # opened, not with the board window: most sessions never open it.
        from photoflow_desktop.ui.maintenance.auto_backup_tab import AutoBackupTab
        from photoflow_desktop.ui.maintenance.backup_tab import BackupTab
        from photoflow_desktop.ui.maintenance.context import MaintenanceContext
        from photoflow_desktop.ui.maintenance.data_browser import DataBrowser
        from photoflow_desktop.ui.maintenance.health_tab import HealthTab
        from photoflow_desktop.ui.maintenance.migrations_tab import MigrationsTab
        from photoflow_desktop.ui.maintenance.optimize_tab import OptimizeTab
        from photoflow_desktop.ui.maintenance.prompts import Prompts

        super().__init__(parent)
        self.setWindowTitle(translate("Maintenance", "Database maintenance"))
        self.resize(900, 640)
        self.context = MaintenanceContext(session, jobs, prompts or Prompts(), self)
        self.backup_tab = BackupTab(self.context)
        self.migrations_tab = MigrationsTab(self.context)
        self.optimize_tab = OptimizeTab(self.context)
        self.health_tab = HealthTab(self.context)
        self.auto_backup_tab = AutoBackupTab(self.context)
        self.data_browser = DataBrowser(jobs)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.backup_tab, translate("Maintenance", "Backup && restore"))
        self.tabs.addTab(self.migrations_tab, translate("Maintenance", "Migrations"))
        self.tabs.addTab(self.optimize_tab, translate("Maintenance", "Optimize"))
        self.tabs.addTab(self.health_tab, translate("Maintenance", "Health"))
        self.tabs.addTab(self.auto_backup_tab, translate("Maintenance", "Automatic backups"))
        self.tabs.addTab(self.data_browser, translate("Maintenance", "Data"))
        header = QLabel(self.context.target)
        header.setToolTip(self.context.target)
        header.setStyleSheet("font-weight: bold;")
        # a long file path is clipped rather than widening the dialog
        header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self._loaded: set[QWidget] = set()
        self._close_when_idle = False
        self.context.busyChanged.connect(self._busy_changed)
        self.tabs.currentChanged.connect(self._load_tab)
        self.context.dataReplaced.connect(self.data_browser.reload)
        self.context.dataReplaced.connect(self.databaseReplaced)
        self.data_browser.taskChanged.connect(self.taskChanged)

    def showEvent(self, event) -> None:
        """Load the visible tab the first time the dialog shows."""
        super().showEvent(event)
        self._load_tab(self.tabs.currentIndex())

    def _load_tab(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if tab in self._loaded:
            return
        if tab in (self.migrations_tab, self.health_tab) and tab.refresh():
            self._loaded.add(tab)

    def reject(self) -> None:
        """Close; a running job is asked to stop first and the dialog closes when it has ended."""
        if not self.context.busy:
            super().reject()
            return
        self._close_when_idle = True
        from photoflow_desktop.ui.maintenance.context import MaintenanceTab

        for tab in self.findChildren(MaintenanceTab):
            if tab.progress.isVisible():
                tab.progress.cancel()

    def _busy_changed(self, busy: bool) -> None:
        if not busy and self._close_when_idle:
            self._close_when_idle = False
            super().reject()
