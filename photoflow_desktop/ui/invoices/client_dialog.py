"""Add or edit a client: name, email, phone, address, tax id, notes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from photoflow_desktop.domain.clients import validate_client
from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.invoice_records import ClientDraft, ClientRecord


class ClientDialog(QDialog):
    """The client form; `draft()` is the checked input once accepted."""

    def __init__(self, client: ClientRecord | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New client") if client is None else self.tr("Edit client"))
        self.name_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.address_edit = QPlainTextEdit()
        self.address_edit.setFixedHeight(70)
        self.tax_id_edit = QLineEdit()
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setFixedHeight(70)
        if client is not None:
            self.name_edit.setText(client.name)
            self.email_edit.setText(client.email)
            self.phone_edit.setText(client.phone)
            self.address_edit.setPlainText(client.address)
            self.tax_id_edit.setText(client.tax_id)
            self.notes_edit.setPlainText(client.notes)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Email"), self.email_edit)
        form.addRow(self.tr("Phone"), self.phone_edit)
        form.addRow(self.tr("Address"), self.address_edit)
        form.addRow(self.tr("Tax id"), self.tax_id_edit)
        form.addRow(self.tr("Notes"), self.notes_edit)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self._draft: ClientDraft | None = None

    def draft(self) -> ClientDraft | None:
        """The checked input (None before a successful accept)."""
        return self._draft

    def accept(self) -> None:
        """Close only when the input passes the client rules; else say what is wrong."""
        entered = ClientDraft(
            name=self.name_edit.text(),
            email=self.email_edit.text(),
            phone=self.phone_edit.text(),
            address=self.address_edit.toPlainText(),
            tax_id=self.tax_id_edit.text(),
            notes=self.notes_edit.toPlainText(),
        )
        try:
            self._draft = validate_client(entered)
        except ValidationError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        super().accept()
