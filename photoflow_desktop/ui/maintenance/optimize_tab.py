"""Optimize tab: VACUUM / ANALYZE / VACUUM FULL (PostgreSQL) or VACUUM / ANALYZE / optimize."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.i18n import QT_TRANSLATE_NOOP, translate
from photoflow_desktop.maintenance.base import OptimizeOperation, OptimizeResult, human_size
from photoflow_desktop.ui.maintenance.context import MaintenanceContext, MaintenanceTab

DESCRIPTIONS = {
    OptimizeOperation.VACUUM: QT_TRANSLATE_NOOP(
        "Maintenance", "Reclaims the space of deleted and changed rows."
    ),
    OptimizeOperation.ANALYZE: QT_TRANSLATE_NOOP(
        "Maintenance", "Updates the statistics the query planner uses."
    ),
    OptimizeOperation.VACUUM_ANALYZE: QT_TRANSLATE_NOOP(
        "Maintenance", "Both: reclaims space, then updates the statistics."
    ),
    OptimizeOperation.VACUUM_FULL: QT_TRANSLATE_NOOP(
        "Maintenance", "Rewrites every table to return space to the disk."
    ),
    OptimizeOperation.OPTIMIZE: QT_TRANSLATE_NOOP(
        "Maintenance", "Lets SQLite refresh the statistics it needs (quick)."
    ),
}
LOCK_WARNING = QT_TRANSLATE_NOOP(
    "Maintenance",
    "⚠ VACUUM FULL locks every table while it runs: nobody (this app, other workstations, the "
    "web app) can read or change orders until it finishes. Run it when nobody is working.",
)


class OptimizeTab(MaintenanceTab):
    """Pick an operation, run it, read the output and the size before and after."""

    def __init__(self, context: MaintenanceContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.operation_combo = QComboBox()
        for operation in context.backend.optimize_operations:
            self.operation_combo.addItem(operation.label, operation)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.warning = QLabel(translate("Maintenance", LOCK_WARNING))
        self.warning.setObjectName("lockWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.run_button = QPushButton(translate("Maintenance", "Run"))
        self.run_button.setObjectName("runOptimize")
        self.run_button.clicked.connect(self.run_selected)
        self.sizes = QLabel()
        self.sizes.setObjectName("optimizeSizes")
        self.output = QPlainTextEdit()
        self.output.setObjectName("optimizeOutput")
        self.output.setReadOnly(True)
        self.output.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.output.setPlaceholderText(
            translate("Maintenance", "The database's messages appear here.")
        )
        form = QFormLayout()
        form.addRow(translate("Maintenance", "Operation:"), self.operation_combo)
        form.addRow("", self.description)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.run_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.sizes)
        layout.addWidget(self.output, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self.operation_combo.currentIndexChanged.connect(self._describe)
        context.busyChanged.connect(lambda busy: self.run_button.setEnabled(not busy))
        self._describe()

    def selected(self) -> OptimizeOperation:
        """The operation chosen in the combo box."""
        return OptimizeOperation(self.operation_combo.currentData())

    def select(self, operation: OptimizeOperation) -> None:
        """Choose `operation` in the combo box (if this backend offers it)."""
        index = self.operation_combo.findData(str(operation))
        if index < 0:
            raise ValueError(f"{operation.label} is not available here")
        self.operation_combo.setCurrentIndex(index)

    def _describe(self, *_args) -> None:
        operation = self.selected()
        self.description.setText(translate("Maintenance", DESCRIPTIONS.get(operation, "")))
        self.warning.setVisible(operation.locks_tables)

    def run_selected(self) -> bool:
        """Run the chosen operation (VACUUM FULL only after a confirmation)."""
        operation = self.selected()
        if operation.locks_tables and not self.context.prompts.confirm(
            self,
            operation.label,
            translate("Maintenance", LOCK_WARNING)
            + "\n\n"
            + translate("Maintenance", "Run it now?"),
            translate("Maintenance", "Run {operation}").format(operation=operation.label),
        ):
            return False
        backend = self.context.backend

        def work(progress, should_cancel):
            return backend.optimize(operation, progress=progress, should_cancel=should_cancel)

        return self.run_job(operation.label, work, self._show)

    def _show(self, result: OptimizeResult) -> None:
        saved = result.size_before - result.size_after
        change = (
            translate("Maintenance", "{size} smaller").format(size=human_size(saved))
            if saved > 0
            else translate("Maintenance", "no space freed")
        )
        self.sizes.setText(
            translate(
                "Maintenance",
                "{operation} finished in {seconds:.1f} s. Size before: {before}, after: "
                "{after} ({change}).",
            ).format(
                operation=result.operation.label,
                seconds=result.duration,
                before=human_size(result.size_before),
                after=human_size(result.size_after),
                change=change,
            )
        )
        self.output.setPlainText(result.output or translate("Maintenance", "(no messages)"))
