"""File → Import…: read any spreadsheet's CSV, preview it, choose which column is the title,
due date, status, description (detected delimiter and encoding, German dates), then import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.domain.csv_mapping import guess_mapping, import_mapped, read_table
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.ui.common.jobs import JobRunner

PREVIEW_ROWS = 8


def field_labels() -> dict[str, str]:
    """What each field is called in the dialog."""
    return {
        "task": QCoreApplication.translate("ImportDialog", "Title (required):"),
        "dueAt": QCoreApplication.translate("ImportDialog", "Due date (required):"),
        "status": QCoreApplication.translate("ImportDialog", "Status:"),
        "additional_information": QCoreApplication.translate("ImportDialog", "Description:"),
        "is_finished": QCoreApplication.translate("ImportDialog", "Finished (ja/nein):"),
        "taskColumn": QCoreApplication.translate("ImportDialog", "Column key:"),
    }


class ImportDialog(QDialog):
    """Preview a CSV file and map its columns; accepted after the rows were imported."""

    def __init__(self, jobs: JobRunner, parent: QWidget | None = None, path: str | None = None):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(QCoreApplication.translate("ImportDialog", "Import orders"))
        self.setMinimumWidth(640)
        self._jobs = jobs
        self._data: bytes | None = None
        self.imported = 0
        self.file_label = QLabel(QCoreApplication.translate("ImportDialog", "No file chosen."))
        self.file_label.setWordWrap(True)
        choose = QPushButton(QCoreApplication.translate("ImportDialog", "Choose file…"))
        choose.clicked.connect(self.choose_file)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)
        self.preview = QTableWidget()
        self.preview.setObjectName("importPreview")
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        for field, label in field_labels().items():
            combo = QComboBox()
            combo.setObjectName(f"map_{field}")
            combo.currentIndexChanged.connect(self._check)
            self.combos[field] = combo
            form.addRow(label, combo)
        self.error_label = QLabel()
        self.error_label.setObjectName("importError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            QCoreApplication.translate("ImportDialog", "Import"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.preview, 1)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._check()
        if path:
            self.load(path)

    def choose_file(self) -> None:
        """Ask for a CSV file and show it."""
        path, _filter = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("ImportDialog", "Import orders"),
            "",
            QCoreApplication.translate("ImportDialog", "CSV files (*.csv *.txt);;All files (*)"),
        )
        if path:
            self.load(path)

    def load(self, path: str) -> bool:
        """Read `path`, show what was detected, a preview and a guessed mapping."""
        try:
            data = Path(path).read_bytes()
            table = read_table(data)
        except OSError as exc:
            self._show_error(
                QCoreApplication.translate("ImportDialog", "Cannot read the file: {0}").format(
                    exc.strerror
                )
            )
            return False
        except PhotoflowError as exc:
            self._show_error(str(exc))
            return False
        self._data = data
        delimiter = {";": ";", ",": ",", "\t": "Tab"}[table.delimiter]
        self.file_label.setText(
            QCoreApplication.translate(
                "ImportDialog", "{0}: {1}, fields separated by “{2}”, {3} row(s)"
            ).format(Path(path).name, table.encoding, delimiter, len(table.rows))
        )
        self._fill_preview(table.header, table.rows[:PREVIEW_ROWS])
        guessed = guess_mapping(table.header)
        none = QCoreApplication.translate("ImportDialog", "(not in the file)")
        for field, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(none, "")
            for name in table.header:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(0, combo.findData(guessed.get(field, ""))))
            combo.blockSignals(False)
        self._check()
        return True

    def _fill_preview(self, header: list[str], rows: list[list[str]]) -> None:
        self.preview.clear()
        self.preview.setColumnCount(len(header))
        self.preview.setRowCount(len(rows))
        self.preview.setHorizontalHeaderLabels(header)
        for r, fields in enumerate(rows):
            for c, value in enumerate(fields[: len(header)]):
                self.preview.setItem(r, c, QTableWidgetItem(value))
        self.preview.resizeColumnsToContents()

    def mapping(self) -> dict[str, str]:
        """The chosen column of each field (fields left out are not in the file)."""
        return {f: combo.currentData() for f, combo in self.combos.items() if combo.currentData()}

    def set_column(self, field: str, column: str) -> None:
        """Choose `column` for `field` (as the person would in its list)."""
        combo = self.combos[field]
        combo.setCurrentIndex(combo.findData(column))

    def _check(self) -> None:
        mapping = self.mapping()
        ready = self._data is not None and bool(mapping.get("task")) and bool(mapping.get("dueAt"))
        self.import_button.setEnabled(ready and not self._jobs.busy)
        if self._data is not None and not ready:
            self._show_error(
                QCoreApplication.translate(
                    "ImportDialog", "Choose the columns with the title and the due date."
                )
            )
        elif ready:
            self._show_error("")

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def run_import(self) -> None:
        """Import every row with the chosen mapping (all or nothing), off the UI thread."""
        data, mapping = self._data, self.mapping()
        if data is None:
            return
        self.import_button.setEnabled(False)
        self._jobs.start(
            lambda _job: import_mapped(data, mapping), on_done=self._done, on_error=self._failed
        )

    def _done(self, count: int) -> None:
        self.imported = count
        self.accept()

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, PhotoflowError):
            self._show_error(str(exc))
        else:
            self._show_error(
                QCoreApplication.translate(
                    "ImportDialog", "The import failed, nothing was added: {0}"
                ).format(exc)
            )
        self._check()
        self.error_label.setVisible(True)


def open_import_dialog(window, path: str | None = None) -> ImportDialog:
    """File → Import…: the dialog over the board window; the board reloads after an import."""
    dialog = ImportDialog(window.jobs, window, path)

    def finished(result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            window.refresh()
            window.statusBar().showMessage(
                QCoreApplication.translate(
                    "ImportDialog", "Imported %n order(s).", "", dialog.imported
                ),
                10_000,
            )

    window.open_dialog(dialog, finished)
    return dialog
