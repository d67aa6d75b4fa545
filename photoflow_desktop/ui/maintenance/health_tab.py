"""Health tab: backend, versions, sizes, tables, connections, indexes, last backup, pg_dump."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.i18n import grouped, translate
from photoflow_desktop.maintenance.backups import backup_dir
from photoflow_desktop.maintenance.base import HealthReport, human_size
from photoflow_desktop.ui.maintenance.context import MaintenanceContext, MaintenanceTab, local_time


def _table(headers: list[str], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    return table


def _fill(table: QTableWidget, rows: list[list], numeric: tuple[int, ...] = ()) -> None:
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            item = QTableWidgetItem(str(value))
            if column in numeric:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, item)


def pg_dump_text(report: HealthReport) -> str:
    """'not needed' on SQLite, else where pg_dump is and whether it fits the server."""
    if report.backend == "sqlite":
        return translate("Maintenance", "not needed (SQLite backups use the built-in backup API)")
    if not report.pg_dump_path:
        return translate(
            "Maintenance", "NOT FOUND — backups and restores cannot run (see the advice below)"
        )
    verdict = (
        translate("Maintenance", "compatible")
        if report.pg_dump_compatible
        else translate("Maintenance", "TOO OLD for this server")
    )
    return translate("Maintenance", "{version} at {path} — {verdict}").format(
        version=report.pg_dump_version, path=report.pg_dump_path, verdict=verdict
    )


class HealthTab(MaintenanceTab):
    """A snapshot of the database's health; Refresh reads it again in the background."""

    def __init__(self, context: MaintenanceContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.refresh_button = QPushButton(translate("Maintenance", "Refresh"))
        self.refresh_button.setObjectName("refreshHealth")
        self.refresh_button.clicked.connect(self.refresh)
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (
            ("backend", translate("Maintenance", "Backend:")),
            ("database", translate("Maintenance", "Database:")),
            ("server_version", translate("Maintenance", "Server version:")),
            ("database_size", translate("Maintenance", "Database size:")),
            ("journal_mode", translate("Maintenance", "Journal mode:")),
            ("last_backup", translate("Maintenance", "Last backup:")),
            ("pg_dump", "pg_dump:"),
        ):
            value = QLabel("–")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(label, value)
        self.advice = QLabel()
        self.advice.setObjectName("healthAdvice")
        self.advice.setWordWrap(True)
        self.tables = _table(
            [
                translate("Maintenance", "Table"),
                translate("Maintenance", "Rows"),
                translate("Maintenance", "Size"),
            ],
            stretch=0,
        )
        self.connections = _table(
            [
                translate("Maintenance", "Application"),
                translate("Maintenance", "State"),
                translate("Maintenance", "Since"),
                translate("Maintenance", "Client"),
                translate("Maintenance", "User"),
            ],
            stretch=0,
        )
        self.indexes = _table(
            [
                translate("Maintenance", "Table"),
                translate("Maintenance", "Index"),
                translate("Maintenance", "Size"),
                translate("Maintenance", "Definition"),
            ],
            stretch=3,
        )
        details = QTabWidget()
        details.addTab(self.tables, translate("Maintenance", "Tables"))
        details.addTab(self.connections, translate("Maintenance", "Connections"))
        details.addTab(self.indexes, translate("Maintenance", "Indexes"))
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.advice)
        layout.addWidget(details, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self.report: HealthReport | None = None
        context.busyChanged.connect(lambda busy: self.refresh_button.setEnabled(not busy))
        context.backupsChanged.connect(self._refresh_if_shown)
        context.dataReplaced.connect(self._refresh_if_shown)

    def _refresh_if_shown(self) -> None:
        if self.report is not None and self.isVisible():
            self.refresh()

    def refresh(self) -> bool:
        """Read the health report in the background."""
        backend, folder = self.context.backend, backup_dir()

        def work(_progress, _should_cancel):
            return backend.health(folder)

        return self.run_job(
            translate("Maintenance", "Reading the health report"), work, self.show_report
        )

    def show_report(self, report: HealthReport) -> None:
        """Fill the tab from a report."""
        self.report = report
        values = {
            "backend": "PostgreSQL" if report.backend == "postgresql" else "SQLite",
            "database": self.context.target,
            "server_version": report.server_version,
            "database_size": human_size(report.database_size),
            "journal_mode": report.journal_mode or "–",
            "last_backup": local_time(report.last_backup_at),
            "pg_dump": pg_dump_text(report),
        }
        for key, text in values.items():
            self.fields[key].setText(self.context.mask(text))
        if report.advice:
            self.advice.setText("\n".join(f"⚠ {line}" for line in report.advice))
            self.advice.setStyleSheet("color: #b3261e;")
        else:
            self.advice.setText(translate("Maintenance", "✓ Nothing to fix."))
            self.advice.setStyleSheet("color: #1b6e2d;")
        _fill(
            self.tables,
            [[t.name, grouped(t.live_rows), human_size(t.size)] for t in report.tables],
            numeric=(1, 2),
        )
        _fill(
            self.connections,
            [
                [c.application_name or "–", c.state or "–", local_time(c.since), c.client, c.user]
                for c in report.connections
            ],
        )
        _fill(
            self.indexes,
            [[i.table, i.name, human_size(i.size), i.definition] for i in report.indexes],
            numeric=(2,),
        )
