"""The studio's details printed on every invoice (kept in settings.json)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.invoice_records import StudioDetails
from photoflow_desktop.studio import load_studio, save_studio


class StudioDialog(QDialog):
    """Name, address, tax number / VAT id, contact, bank and footer; saved on OK."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Studio details for invoices"))
        studio = load_studio()
        self.edits = {}
        form = QFormLayout()
        labels = {
            "name": self.tr("Studio name"),
            "address": self.tr("Address"),
            "tax_number": self.tr("Tax number"),
            "vat_id": self.tr("VAT id"),
            "email": self.tr("Email"),
            "phone": self.tr("Phone"),
            "bank": self.tr("Bank"),
            "iban": self.tr("IBAN"),
            "bic": self.tr("BIC"),
            "footer": self.tr("Footer"),
        }
        for name, text in labels.items():
            multi = name in ("address", "footer")
            edit = (
                QPlainTextEdit(getattr(studio, name)) if multi else QLineEdit(getattr(studio, name))
            )
            if multi:
                edit.setFixedHeight(56)
            self.edits[name] = edit
            form.addRow(text, edit)
        self.days = QSpinBox()
        self.days.setRange(0, 365)
        self.days.setValue(studio.payment_days)
        self.days.setSuffix(self.tr(" days"))
        form.addRow(self.tr("Payment term"), self.days)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def entered(self) -> StudioDetails:
        """What the form holds."""
        values = {
            name: edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
            for name, edit in self.edits.items()
        }
        return replace(StudioDetails(), payment_days=self.days.value(), **values)

    def accept(self) -> None:
        """Save the details (a small settings file: written at once) and close."""
        try:
            save_studio(self.entered())
        except (ValidationError, OSError) as exc:
            self.error_label.setText(str(exc))
            return
        super().accept()
