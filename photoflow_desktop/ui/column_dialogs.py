"""Prompts for board columns: add (title + WIP limit), rename, set WIP limit, delete.

Each dialog validates with the domain's rules (same messages, OK disabled until valid). The
`prompt_*` functions ask, apply through `domain.columns` and show a refusal in a message box;
they return the result, or None when the user cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.domain import columns as column_use_cases
from photoflow_desktop.domain.errors import PhotoflowError, ValidationError
from photoflow_desktop.domain.queries import counts_per_column
from photoflow_desktop.domain.records import ColumnRecord
from photoflow_desktop.domain.validation import validate_column_title

MAX_WIP_LIMIT = 9999


def _wip_spin(value: int | None) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, MAX_WIP_LIMIT)
    spin.setSpecialValueText("No limit")
    spin.setValue(value or 0)
    spin.setToolTip("Work-in-progress limit: the column header warns when it holds more cards")
    return spin


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("error")
    label.setStyleSheet("color: #c62828;")
    label.setWordWrap(True)
    label.hide()
    return label


class _FormDialog(QDialog):
    """A small form with OK/Cancel and an inline error line."""

    def __init__(self, title: str, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(360)
        self.form = QFormLayout()
        self.error_label = _error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        self.ok_button.setEnabled(not message)

    def accept(self) -> None:
        """Close only when the form is valid."""
        if self.ok_button.isEnabled():
            super().accept()


class ColumnDialog(_FormDialog):
    """Title (and, for a new column, WIP limit); `title()` and `wip_limit()` after Accepted."""

    def __init__(self, column: ColumnRecord | None = None, parent: QWidget | None = None):
        super().__init__("Rename column" if column else "Add column", parent)
        self.title_edit = QLineEdit(column.title if column else "")
        self.title_edit.setPlaceholderText("e.g. Retouching")
        self.form.addRow("&Title:", self.title_edit)
        self.wip_spin = _wip_spin(column.wip_limit if column else None)
        if column is None:
            self.form.addRow("&WIP limit:", self.wip_spin)
        self._renaming = column
        self.title_edit.textChanged.connect(self._revalidate)
        self._revalidate()
        self.title_edit.selectAll()
        self.title_edit.setFocus()

    def _revalidate(self) -> None:
        try:
            title = validate_column_title(self.title_edit.text())
        except ValidationError as exc:
            # An untouched empty field gets no red line, just a disabled OK.
            quiet = not self.title_edit.text() and not self.title_edit.isModified()
            self._show_error("" if quiet else str(exc))
            self.ok_button.setEnabled(False)
            return
        self._show_error("")
        if self._renaming is not None and title == self._renaming.title:
            self.ok_button.setEnabled(False)  # nothing to rename

    def title(self) -> str:
        """The validated, trimmed title."""
        return validate_column_title(self.title_edit.text())

    def wip_limit(self) -> int | None:
        """The WIP limit (None: no limit)."""
        return self.wip_spin.value() or None


class WipLimitDialog(_FormDialog):
    """Set or clear a column's WIP limit; `wip_limit()` after Accepted."""

    def __init__(self, column: ColumnRecord, current_cards: int, parent: QWidget | None = None):
        super().__init__(f"WIP limit of “{column.title}”", parent)
        self.wip_spin = _wip_spin(column.wip_limit)
        self.form.addRow("&WIP limit:", self.wip_spin)
        self.hint_label = QLabel(
            f"The column holds {current_cards} open card(s). 0 means no limit."
        )
        self.hint_label.setWordWrap(True)
        self.form.addRow("", self.hint_label)
        self.wip_spin.setFocus()

    def wip_limit(self) -> int | None:
        """The chosen limit (None: no limit)."""
        return self.wip_spin.value() or None


class DeleteColumnDialog(_FormDialog):
    """Confirm deleting a column; when it holds cards, choose the column they move to."""

    def __init__(
        self,
        column: ColumnRecord,
        all_columns: list[ColumnRecord],
        card_count: int,
        parent: QWidget | None = None,
    ):
        super().__init__(f"Delete column “{column.title}”", parent)
        self.ok_button.setText("Delete column")
        self.target_combo = QComboBox()
        others = [c for c in all_columns if c.key != column.key]
        for other in others:
            self.target_combo.addItem(other.title, other.key)
        if card_count:
            self.message_label = QLabel(
                f"“{column.title}” holds {card_count} task(s) (finished ones included). "
                "Move them to:"
            )
            self.message_label.setWordWrap(True)
            self.form.addRow(self.message_label)
            self.form.addRow("&Move to:", self.target_combo)
            if not others:
                self._show_error("This is the only column: add another one to move the tasks to")
        else:
            self.message_label = QLabel(f"Delete the empty column “{column.title}”?")
            self.form.addRow(self.message_label)
            if not others:
                self._show_error("The board needs at least one column")
        self._card_count = card_count

    def move_cards_to(self) -> str | None:
        """The key of the column receiving the cards (None when there are none to move)."""
        return self.target_combo.currentData() if self._card_count else None


def _refused(parent: QWidget | None, title: str, exc: PhotoflowError) -> None:
    QMessageBox.warning(parent, title, str(exc))


def prompt_add_column(parent: QWidget | None = None) -> ColumnRecord | None:
    """Ask for a new column and add it at the right."""
    dialog = ColumnDialog(parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    try:
        return column_use_cases.add_column(dialog.title(), dialog.wip_limit())
    except PhotoflowError as exc:
        _refused(parent, "Add column", exc)
        return None


def prompt_rename_column(
    column: ColumnRecord, parent: QWidget | None = None
) -> ColumnRecord | None:
    """Ask for a column's new title and rename it."""
    dialog = ColumnDialog(column, parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    try:
        return column_use_cases.rename_column(column.key, dialog.title())
    except PhotoflowError as exc:
        _refused(parent, "Rename column", exc)
        return None


def prompt_wip_limit(column: ColumnRecord, parent: QWidget | None = None) -> ColumnRecord | None:
    """Ask for a column's WIP limit and set it."""
    open_cards = counts_per_column(include_finished=False).get(column.key, 0)
    dialog = WipLimitDialog(column, open_cards, parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    try:
        return column_use_cases.set_wip_limit(column.key, dialog.wip_limit())
    except PhotoflowError as exc:
        _refused(parent, "WIP limit", exc)
        return None


@dataclass(frozen=True)
class DeletedColumn:
    """A column that was deleted, and where its cards went."""

    column: ColumnRecord
    moved_to: str | None
    moved_cards: int


def prompt_delete_column(
    column: ColumnRecord, parent: QWidget | None = None
) -> DeletedColumn | None:
    """Confirm (choosing where its cards go) and delete a column."""
    card_count = counts_per_column(include_finished=True).get(column.key, 0)
    dialog = DeleteColumnDialog(column, column_use_cases.list_columns(), card_count, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    target = dialog.move_cards_to()
    try:
        moved = column_use_cases.delete_column(column.key, move_cards_to=target)
    except PhotoflowError as exc:
        _refused(parent, "Delete column", exc)
        return None
    return DeletedColumn(column, target, moved)
