"""Screenshots of every maintenance tab (look at them; where they go: tests/support/screenshots)."""

from __future__ import annotations

from pathlib import Path

import pytest

from photoflow_desktop.domain.comments import add_comment
from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.maintenance.base import OptimizeOperation
from photoflow_desktop.session import open_session
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.maintenance.panel import MaintenanceDialog
from tests.support.screenshots import save_screenshot
from tests.ui.panel_support import ScriptedPrompts


def _save(dialog, name: str) -> Path:
    """The README shows PostgreSQL (the studio's server); SQLite shots stay in tests/."""
    postgres = dialog.context.backend.name == "postgresql"
    prefix = "maintenance" if postgres else "maintenance-sqlite"
    return save_screenshot(dialog.grab(), f"{prefix}-{name}", for_docs=postgres)


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
def test_maintenance_tab_screenshots(qtbot, database_url):
    """Each tab after a typical action: a backup, migration status, VACUUM ANALYZE, health."""
    session = open_session(database_url)
    try:
        seed_board()
        add_comment(1, "Album layout approved")
        dialog = MaintenanceDialog(session, JobRunner(synchronous=True), prompts=ScriptedPrompts())
        qtbot.addWidget(dialog)
        dialog.resize(960, 680)
        dialog.show()
        qtbot.waitExposed(dialog)

        dialog.backup_tab.back_up()
        assert "verified" in dialog.backup_tab.status.text()
        _save(dialog, "backup")

        dialog.tabs.setCurrentWidget(dialog.migrations_tab)
        dialog.context.prompts.confirm_answers.append(True)
        assert dialog.migrations_tab.roll_back()  # one pending migration, the backup's path
        assert dialog.migrations_tab.pending()
        _save(dialog, "migrations")
        assert dialog.migrations_tab.apply_pending()

        dialog.tabs.setCurrentWidget(dialog.optimize_tab)
        dialog.optimize_tab.select(OptimizeOperation.VACUUM_ANALYZE)
        assert dialog.optimize_tab.run_selected()
        if OptimizeOperation.VACUUM_FULL in dialog.context.backend.optimize_operations:
            dialog.optimize_tab.select(OptimizeOperation.VACUUM_FULL)  # shows the lock warning
        _save(dialog, "optimize")

        dialog.tabs.setCurrentWidget(dialog.health_tab)
        assert dialog.health_tab.report is not None
        _save(dialog, "health")

        dialog.tabs.setCurrentWidget(dialog.auto_backup_tab)
        dialog.auto_backup_tab.enabled_box.setChecked(True)
        _save(dialog, "automatic-backups")

        dialog.tabs.setCurrentWidget(dialog.data_browser)
        browser = dialog.data_browser
        browser.tasks_page.view.resizeColumnsToContents()
        browser.tasks_page.view.selectRow(0)
        browser.task_model.setData(browser.task_model.index(0, 1), "  ")  # a refused edit
        _save(dialog, "data")
        browser.show_comments_of_selected()
        browser.comments_page.view.resizeColumnsToContents()
        _save(dialog, "data-comments")
        assert not dialog.context.prompts.errors
    finally:
        session.close()
