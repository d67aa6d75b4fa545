"""The maintenance panel driven like a user would, against a real database on both backends."""

from __future__ import annotations

import gzip
import stat
from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from photoflow_desktop.domain import browse
from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.models import BoardColumn, utc_now
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.domain.tasks import create_task, update_task
from photoflow_desktop.maintenance import backups, migrations
from photoflow_desktop.maintenance.base import BackupFormat, OptimizeOperation, human_size
from photoflow_desktop.session import open_session
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.maintenance.auto_backup_tab import start_automatic_backup
from photoflow_desktop.ui.maintenance.backup_tab import restore_confirmation_text
from photoflow_desktop.ui.maintenance.context import local_time
from photoflow_desktop.ui.maintenance.migrations_tab import database_name
from photoflow_desktop.ui.maintenance.panel import MaintenanceDialog
from photoflow_desktop.ui.maintenance.prompts import ResetConfirmDialog
from tests.ui.panel_support import ScriptedPrompts


@pytest.fixture
def panel(qtbot, session):
    dialog = MaintenanceDialog(session, JobRunner(synchronous=True), prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    return dialog


def _titles() -> list[str]:
    return sorted(record.title for record in browse.task_rows(limit=10_000))


def _files(folder) -> list:
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def test_backup_in_every_format_writes_a_private_verified_file(panel, qtbot):
    seed_board()
    tab = panel.backup_tab
    folder = tab.folder()
    for index in range(tab.format_combo.count()):
        tab.format_combo.setCurrentIndex(index)
        fmt = tab.selected_format()
        qtbot.mouseClick(tab.backup_button, Qt.MouseButton.LeftButton)
        written = [p for p in _files(folder) if p.name.endswith(fmt.extension)]
        assert len(written) == 1, fmt
        assert stat.S_IMODE(written[0].stat().st_mode) == 0o600
        assert str(written[0]) in tab.status.text()
        assert "verified" in tab.status.text()
        assert tab.selected_path() == written[0]
    assert tab.table.rowCount() == tab.format_combo.count()
    assert not panel.context.prompts.errors
    assert not tab.progress.isVisible()


def test_cancel_during_a_backup_leaves_no_file(panel):
    seed_board()
    tab = panel.backup_tab
    tab.format_combo.setCurrentIndex(tab.format_combo.count() - 1)  # the gzip one on SQLite
    tab.progress.progressed.connect(lambda *_: tab.progress.cancel())
    tab.back_up()
    assert list(tab.folder().iterdir()) == []
    assert "stopped" in tab.status.text().lower()
    assert not panel.context.prompts.errors
    assert tab.backup_button.isEnabled()


def test_verify_accepts_a_backup_and_refuses_a_truncated_one(panel, tmp_path):
    seed_board()
    tab = panel.backup_tab
    tab.back_up()
    good = tab.selected_path()
    assert tab.verify(good)
    assert "OK" in tab.status.text()
    cut = tmp_path / f"cut{good.name}"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    panel.context.prompts.files.append(cut)
    tab.verify_file_button.click()
    assert "NOT usable" in tab.status.text()


def test_test_restore_compares_row_counts(panel):
    seed_board()
    tab = panel.backup_tab
    tab.back_up()
    create_task(TaskDraft("Extra order", utc_now() + timedelta(days=2), "RAW"))
    tab.test_restore_button.click()
    text = tab.status.text()
    assert "restores cleanly" in text
    assert "Tasks: backup" in text  # the new order is a difference


def test_restore_brings_back_the_backup_after_a_confirmation(panel, session):
    seed_board()
    before = _titles()
    tab = panel.backup_tab
    tab.back_up()
    backup = tab.selected_path()
    first = browse.task_rows(limit=1)[0]
    update_task(first.id, replace(TaskDraft.from_record(first), title="Changed after backup"))
    create_task(TaskDraft("Order after backup", utc_now() + timedelta(days=1), "RAW"))
    assert _titles() != before

    prompts = panel.context.prompts
    prompts.confirm_answers.append(False)
    assert not tab.restore(backup)
    assert "Order after backup" in _titles()  # declined: nothing happened

    replaced = []
    panel.databaseReplaced.connect(lambda: replaced.append(True))
    prompts.confirm_answers.append(True)
    tab.restore_button.click()
    question = prompts.questions[-1]
    assert panel.context.target in question  # the database (masked URL on PostgreSQL)
    assert local_time(backups.backup_time(backup)) in question  # the backup's date
    assert not prompts.errors
    assert _titles() == before
    assert replaced == [True]
    safety = [p for p in _files(tab.folder()) if p.name.startswith("before-restore")]
    assert len(safety) == 1 and str(safety[0]) in tab.status.text()
    # the data browser shows the restored data too
    assert panel.data_browser.task_model.total == len(before)


def test_restore_of_a_damaged_file_is_refused_and_changes_nothing(panel, tmp_path):
    seed_board()
    before = _titles()
    broken = tmp_path / "broken.sql.gz"
    broken.write_bytes(gzip.compress(b"-- not a dump\n" * 100)[:50])
    panel.context.prompts.files.append(broken)
    panel.context.prompts.confirm_answers.append(True)
    panel.backup_tab.restore_file_button.click()
    title, message = panel.context.prompts.errors[-1]
    assert title == "Restore failed"
    assert "not changed" in message or "unchanged" in message
    assert "Traceback" not in message
    assert _titles() == before


def test_restore_confirmation_names_the_database_and_the_backup_date(panel, tmp_path):
    path = tmp_path / "backup_20260301_101500.sql"
    path.write_text("x")
    text = restore_confirmation_text(panel.context, path)
    assert panel.context.backend.display_name in text
    assert "2026-03-01" in text


def test_roll_back_then_apply_each_write_a_backup_first(panel, session):
    seed_board()
    tab = panel.migrations_tab
    assert tab.refresh()
    last = tab.applied()[-1]
    assert tab.pending() == [] and last != "001_initial"
    assert tab.rollback_button.isEnabled() and not tab.apply_button.isEnabled()
    rows = tab.status_list.topLevelItemCount()

    panel.context.prompts.confirm_answers.append(True)
    tab.rollback_button.click()
    assert not panel.context.prompts.errors
    assert last in panel.context.prompts.questions[-1]
    assert migrations.status().pending == [last]  # the database's history says so
    assert tab.pending() == [last]
    assert tab.status_list.topLevelItemCount() == rows
    assert tab.status_list.topLevelItem(rows - 1).text(1).endswith("pending")
    folder = backups.backup_dir()
    rollback_backup = [p for p in _files(folder) if p.name.startswith("before-rollback")]
    assert len(rollback_backup) == 1 and str(rollback_backup[0]) in tab.status.text()
    assert tab.apply_button.isEnabled()

    tab.apply_button.click()
    assert not panel.context.prompts.errors
    assert migrations.status().up_to_date and tab.pending() == []
    assert tab.applied()[-1] == last
    migrate_backup = [p for p in _files(folder) if p.name.startswith("before-migrate")]
    assert len(migrate_backup) == 1 and str(migrate_backup[0]) in tab.status.text()
    assert f"Applied {last}" in tab.status.text()
    assert len(_titles()) > 20  # the orders survived both


def _board_columns_exist() -> bool:
    """board_columns in the main schema (before migration 005) or in ours (after)."""
    schemas = {None, BoardColumn._meta.schema}
    return any("board_columns" in database_proxy.get_tables(schema=s) for s in schemas)


def test_rolling_back_the_second_migration_drops_board_columns(panel):
    tab = panel.migrations_tab
    tab.refresh()
    while tab.applied()[-1] != "002_board_columns_and_indexes":
        panel.context.prompts.confirm_answers.append(True)
        tab.rollback_button.click()
    assert _board_columns_exist()
    panel.context.prompts.confirm_answers.append(True)
    tab.rollback_button.click()
    assert not _board_columns_exist()
    assert not tab.rollback_button.isEnabled()  # only 001_initial is left: refused
    tab.apply_button.click()
    assert _board_columns_exist()
    assert migrations.status().up_to_date


def test_rollback_declined_changes_nothing(panel):
    tab = panel.migrations_tab
    tab.refresh()
    panel.context.prompts.confirm_answers.append(False)
    assert not tab.roll_back()
    assert migrations.status().up_to_date


def test_reset_after_typed_confirmation_rebuilds_and_seeds(panel):
    seed_board()
    create_task(TaskDraft("Only in this database", utc_now(), "RAW"))
    prompts = panel.context.prompts
    prompts.reset_answers.append((False, False))
    assert not panel.migrations_tab.reset()
    assert "Only in this database" in _titles()

    prompts.reset_answers.append((True, True))
    panel.migrations_tab.reset_button.click()
    assert prompts.questions[-1] == f"reset {database_name(panel.context)}"
    assert not prompts.errors
    titles = _titles()
    assert "Only in this database" not in titles and len(titles) > 20
    saved = [p for p in _files(panel.backup_tab.folder()) if p.name.startswith("before-reset")]
    assert len(saved) == 1 and str(saved[0]) in panel.migrations_tab.status.text()


def test_reset_dialog_needs_the_database_name(qtbot):
    dialog = ResetConfirmDialog("photoflow")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.reset_button.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "photofl")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # Enter does nothing yet
    assert not dialog.reset_button.isEnabled()
    assert dialog.isVisible() and dialog.result() == ResetConfirmDialog.DialogCode.Rejected
    qtbot.keyClicks(dialog.name_edit, "ow")
    assert dialog.reset_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)


def test_optimize_runs_each_operation_and_shows_sizes(panel):
    seed_board()
    tab = panel.optimize_tab
    operations = [
        OptimizeOperation(tab.operation_combo.itemData(i))
        for i in range(tab.operation_combo.count())
    ]
    for operation in operations:
        tab.select(operation)
        if operation.locks_tables:
            assert tab.warning.isVisibleTo(tab)
            panel.context.prompts.confirm_answers.append(False)
            assert not tab.run_selected()
            panel.context.prompts.confirm_answers.append(True)
        else:
            assert not tab.warning.isVisibleTo(tab)
        tab.run_button.click()
        assert not panel.context.prompts.errors, operation
        assert operation.label in tab.sizes.text()
        assert "Size before:" in tab.sizes.text() and "after:" in tab.sizes.text()
        assert tab.output.toPlainText()
    expected = {"sqlite": OptimizeOperation.OPTIMIZE, "postgresql": OptimizeOperation.VACUUM_FULL}
    assert expected[panel.context.backend.name] in operations


def test_health_shows_backend_tables_and_last_backup(panel):
    seed_board()
    panel.backup_tab.back_up()
    tab = panel.health_tab  # row counts are exact right after the inserts (no ANALYZE needed)
    assert tab.refresh()
    report = tab.report
    assert tab.fields["server_version"].text() == report.server_version
    assert tab.fields["last_backup"].text() != "never"
    names = [tab.tables.item(r, 0).text() for r in range(tab.tables.rowCount())]
    assert "Tasks" in names and "task_comments" in names
    row = names.index("Tasks")
    assert tab.tables.item(row, 1).text() == f"{len(_titles()):,}"
    assert tab.indexes.rowCount() >= 3
    if panel.context.backend.name == "postgresql":
        assert "compatible" in tab.fields["pg_dump"].text()
        assert tab.connections.rowCount() >= 1
    else:
        assert "not needed" in tab.fields["pg_dump"].text()


def test_automatic_backup_settings_are_saved_and_run_when_due(panel):
    seed_board()
    tab = panel.auto_backup_tab
    tab.enabled_box.setChecked(True)
    tab.interval_spin.setValue(6)
    tab.keep_spin.setValue(2)
    tab.save_button.click()
    assert backups.load_policy() == backups.AutoBackupPolicy(True, 6, 2)
    for _ in range(3):  # due only the first time: the newest backup is then fresh
        tab.run_button.click()
    assert not panel.context.prompts.errors
    assert len(backups.list_backups()) == 1
    assert "No backup needed" in tab.status.text()


def test_backup_in_a_worker_thread_keeps_the_dialog_responsive(qtbot, session):
    """The real thread pool: progress shows, the result arrives, closing waits for the job."""
    seed_board()
    jobs = JobRunner()
    dialog = MaintenanceDialog(session, jobs, prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    tab = dialog.backup_tab
    assert tab.back_up()
    assert dialog.context.busy and not tab.backup_button.isEnabled()
    assert tab.progress.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: not dialog.context.busy, timeout=30_000)
    assert jobs.wait_all()
    written = _files(tab.folder())
    assert len(written) == 1 and str(written[0]) in tab.status.text()

    assert dialog.migrations_tab.refresh()  # closing while a job runs: the dialog waits for it
    closed = []
    dialog.rejected.connect(lambda: closed.append(True))
    dialog.reject()
    qtbot.waitUntil(lambda: closed == [True], timeout=30_000)
    assert not dialog.context.busy


def test_backup_progress_counts_towards_the_database_size(panel):
    seed_board()
    tab = panel.backup_tab
    reports, shown = [], []
    tab.progress.progressed.connect(lambda done, total, text: reports.append((done, total)))
    tab.progress.progressed.connect(lambda *_: shown.append(tab.progress.bar.text()))
    tab.back_up()
    assert reports and all(0 <= done <= total for done, total in reports if total)
    if panel.context.backend.name == "postgresql":
        size = panel.context.backend.database_size()
        assert any(total == size for _done, total in reports)  # bytes written vs database size
        assert any(f"of {human_size(size)}" in text for text in shown)


@pytest.mark.parametrize("backend", ["postgresql"])
def test_a_password_never_shows_in_the_panel(qtbot, database_url, tmp_path):
    """A URL with a password (the server trusts us and ignores it): masked everywhere."""
    secret = "s3cret-Pa55"
    url = database_url.replace("postgresql://postgres@", f"postgresql://postgres:{secret}@")
    session = open_session(url)
    try:
        seed_board()
        dialog = MaintenanceDialog(session, JobRunner(synchronous=True), prompts=ScriptedPrompts())
        qtbot.addWidget(dialog)
        dialog.backup_tab.back_up()
        dialog.health_tab.refresh()
        broken = tmp_path / "backup_20260101_000000.sql"
        broken.write_text("-- PostgreSQL database dump\nnot sql at all\n")
        dialog.context.prompts.files.append(broken)
        dialog.context.prompts.confirm_answers.append(True)
        dialog.backup_tab.restore_file_button.click()
        shown = [label.text() for label in dialog.findChildren(QLabel)]
        shown += list(dialog.context.prompts.questions)
        shown += [text for _title, text in dialog.context.prompts.errors]
        assert dialog.context.prompts.errors  # the refused restore was reported
        assert not [text for text in shown if secret in text]
        assert any("postgres:***@" in text for text in shown)
    finally:
        session.close()


@pytest.mark.parametrize("backend", ["postgresql"])
def test_a_restore_failing_half_way_shows_the_tool_error_and_changes_nothing(panel):
    """A plain dump with a broken statement in the middle: psql's message, database as it was."""
    seed_board()
    tab = panel.backup_tab
    tab.format_combo.setCurrentIndex(tab.format_combo.findData(str(BackupFormat.PLAIN)))
    tab.back_up()
    dump = tab.selected_path()
    text = dump.read_text()
    middle = text.index("COPY public.task_comments")
    dump.write_text(text[:middle] + "SELECT * FROM no_such_table;\n" + text[middle:])
    create_task(TaskDraft("Made after the backup", utc_now(), "RAW"))
    before = _titles()
    panel.context.prompts.confirm_answers.append(True)
    assert tab.restore(dump)
    title, message = panel.context.prompts.errors[-1]
    assert title == "Restore failed"
    assert "no_such_table" in message  # the tool's own words
    assert "unchanged" in message or "not changed" in message
    assert _titles() == before


def test_automatic_backup_on_start_only_when_due(qtbot, session):
    seed_board()
    jobs = JobRunner(synchronous=True)
    assert start_automatic_backup(session, jobs) is None  # off by default
    backups.save_policy(backups.AutoBackupPolicy(enabled=True, interval_hours=1, keep=3))
    results = []
    assert start_automatic_backup(session, jobs, on_done=results.append) is not None
    assert len(results) == 1 and results[0].path.exists()
    assert start_automatic_backup(session, jobs) is None  # the newest backup is fresh


def test_sizes_read_like_a_file_manager():
    assert human_size(10) == "10 bytes"
    assert human_size(1536) == "1.5 KB"
    assert human_size(8 * 1024**2 + 1) == "8.0 MB"
    assert human_size(None) == "–"


def test_changing_the_backup_folder_is_remembered_and_used(panel, tmp_path):
    seed_board()
    elsewhere = tmp_path / "studio backups"
    elsewhere.mkdir()
    panel.context.prompts.folders.append(elsewhere)
    panel.backup_tab.change_folder_button.click()
    assert panel.backup_tab.folder() == elsewhere
    assert backups.backup_dir() == elsewhere  # saved in the settings
    panel.backup_tab.back_up()
    assert len(_files(elsewhere)) == 1


def test_the_real_prompts_ask_with_message_boxes(qtbot):
    """The confirmation's action button answers yes, Cancel no; errors show in a critical box."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

    from photoflow_desktop.ui.maintenance.prompts import Prompts

    parent = QWidget()
    qtbot.addWidget(parent)
    seen = []

    def answer(button_text: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        match = [b for b in box.buttons() if b.text().replace("&", "") == button_text]
        match[0].click()

    prompts = Prompts()
    QTimer.singleShot(0, lambda: answer("Restore"))
    assert prompts.confirm(parent, "Restore a backup", "Replace everything?", "Restore")
    QTimer.singleShot(0, lambda: answer("Cancel"))
    assert not prompts.confirm(parent, "Restore a backup", "Replace everything?", "Restore")
    QTimer.singleShot(0, lambda: answer("OK"))
    prompts.error(parent, "Restore failed", "The database was not changed.")
    assert seen == ["Replace everything?", "Replace everything?", "The database was not changed."]
