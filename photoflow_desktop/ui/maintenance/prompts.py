"""The questions the maintenance panel asks: confirmations, file and folder choices, errors.

One object so the panel's tests can answer them without a modal loop (they pass a scripted
subclass); the real one shows QMessageBox/QFileDialog and the typed reset confirmation.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.i18n import QT_TRANSLATE_NOOP, translate

BACKUP_FILE_FILTER = QT_TRANSLATE_NOOP(
    "Maintenance", "Backups (*.sql *.sql.gz *.dump *.sqlite *.sqlite.gz *.db *.gz);;All files (*)"
)


class ResetConfirmDialog(QDialog):
    """Reset only after the user typed the database's name; optionally seed sample orders."""

    def __init__(self, database_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("Maintenance", "Reset the database"))
        self._expected = database_name
        warning = QLabel(
            translate(
                "Maintenance",
                "Reset deletes <b>every order and comment</b> in <b>{database}</b> and "
                "builds empty tables again. A backup is written first.<br><br>"
                "Type the database name to confirm:",
            ).format(database=database_name)
        )
        warning.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(database_name)
        self.seed_box = QCheckBox(translate("Maintenance", "Fill the new board with sample orders"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.reset_button = self.buttons.addButton(
            translate("Maintenance", "Reset database"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.reset_button.setEnabled(False)
        self.reset_button.setDefault(True)  # Enter resets once the name matches, else nothing
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.reset_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.seed_box)
        layout.addWidget(self.buttons)

    def _check(self, text: str) -> None:
        self.reset_button.setEnabled(text.strip() == self._expected)

    def accept(self) -> None:
        """Close only when the typed name matches."""
        if self.name_edit.text().strip() == self._expected:
            super().accept()


class Prompts:
    """Modal questions and messages (QMessageBox, QFileDialog, ResetConfirmDialog)."""

    def confirm(self, parent: QWidget, title: str, text: str, action: str) -> bool:
        """Ask before something that changes data; True when `action` was pressed."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
        go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is go

    def confirm_reset(self, parent: QWidget, database_name: str) -> tuple[bool, bool]:
        """(confirmed, seed sample orders) from the typed-name confirmation."""
        dialog = ResetConfirmDialog(database_name, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return accepted, dialog.seed_box.isChecked()

    def open_backup_file(self, parent: QWidget, folder: Path) -> Path | None:
        """A backup file the user picked, or None."""
        name, _ = QFileDialog.getOpenFileName(
            parent,
            translate("Maintenance", "Choose a backup"),
            str(folder),
            translate("Maintenance", BACKUP_FILE_FILTER),
        )
        return Path(name) if name else None

    def choose_folder(self, parent: QWidget, folder: Path) -> Path | None:
        """A folder the user picked, or None."""
        name = QFileDialog.getExistingDirectory(
            parent, translate("Maintenance", "Folder for backups"), str(folder)
        )
        return Path(name) if name else None

    def error(self, parent: QWidget, title: str, text: str) -> None:
        """Show what went wrong (already masked, never a traceback)."""
        QMessageBox.critical(parent, title, text)
