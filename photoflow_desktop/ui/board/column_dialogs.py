"""Prompts for board columns: add (title + WIP limit), rename, set WIP limit, delete.

Each dialog validates with the domain's rules (same messages, OK disabled until valid) and only
collects the answer; the caller applies it through `domain.columns`. With `submit` set, OK hands
the answer over and the dialog stays open until it is stored (`saved`), or shows why it was not
(`save_failed`) with everything typed still there. Card counts come in from the caller, read on
the database worker: the dialogs never query.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.records import ColumnRecord
from photoflow_desktop.domain.validation import validate_column_title
from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.messages import column_title, user_message

MAX_WIP_LIMIT = 9999


def _wip_spin(value: int | None) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, MAX_WIP_LIMIT)
    spin.setSpecialValueText(translate("ColumnDialogs", "No limit"))
    spin.setValue(value or 0)
    spin.setToolTip(
        translate(
            "ColumnDialogs",
            "Work-in-progress limit: the column header warns when it holds more cards",
        )
    )
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
        self.submit: Callable[[], None] | None = None  # stores the answer (then `saved`)
        self.saving = False

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        self.ok_button.setEnabled(not message)

    def accept(self) -> None:
        """Close when the form is valid; with `submit` set, once the answer is stored."""
        if not self.ok_button.isEnabled() or self.saving:
            return
        if self.submit is None:
            super().accept()
            return
        self.saving = True
        self.ok_button.setEnabled(False)  # one write at a time
        self.submit()

    def saved(self) -> None:
        """The answer is stored: close as accepted."""
        self.saving = False
        super().accept()

    def save_failed(self, message: str) -> None:
        """The answer was not stored: say why in the error line; OK tries again."""
        self.saving = False
        self.error_label.setText(message)
        self.error_label.show()
        self.ok_button.setEnabled(True)


class ColumnDialog(_FormDialog):
    """A column's title (and, for a new column, its WIP limit), checked as the user types."""

    def __init__(self, column: ColumnRecord | None = None, parent: QWidget | None = None):
        super().__init__(
            translate("ColumnDialogs", "Rename column")
            if column
            else translate("ColumnDialogs", "Add column"),
            parent,
        )
        self.title_edit = QLineEdit(column.title if column else "")
        self.title_edit.setPlaceholderText(translate("ColumnDialogs", "e.g. Retouching"))
        self.form.addRow(translate("ColumnDialogs", "&Title:"), self.title_edit)
        self.wip_spin = _wip_spin(column.wip_limit if column else None)
        if column is None:
            self.form.addRow(translate("ColumnDialogs", "&WIP limit:"), self.wip_spin)
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
            self._show_error("" if quiet else user_message(exc))
            self.ok_button.setEnabled(False)
            return
        self._show_error("")
        if self._renaming is not None and title == self._renaming.title:
            self.ok_button.setEnabled(False)  # nothing to rename

    def title(self) -> str:
        """The validated, trimmed title."""
        return validate_column_title(self.title_edit.text())


class AddColumnDialog(ColumnDialog):
    """Add column: `values()` is (title, WIP limit or None) after Accepted."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(None, parent)

    def values(self) -> tuple[str, int | None]:
        """The validated title and the WIP limit (None: no limit)."""
        return self.title(), self.wip_spin.value() or None


class RenameColumnDialog(ColumnDialog):
    """Rename column: `title()` is the new title after Accepted (OK needs a change)."""

    def __init__(self, column: ColumnRecord, parent: QWidget | None = None):
        super().__init__(column, parent)


class WipLimitDialog(_FormDialog):
    """Set or clear a column's WIP limit (`open_cards`: what it holds now); `limit()` after OK."""

    def __init__(self, column: ColumnRecord, open_cards: int, parent: QWidget | None = None):
        super().__init__(
            translate("ColumnDialogs", "WIP limit of “{title}”").format(
                title=column_title(column.key, column.title)
            ),
            parent,
        )
        self.wip_spin = _wip_spin(column.wip_limit)
        self.form.addRow(translate("ColumnDialogs", "&WIP limit:"), self.wip_spin)
        self.hint_label = QLabel(
            translate(
                "ColumnDialogs",
                "The column holds %n open card(s). 0 means no limit.",
                None,
                open_cards,
            )
        )
        self.hint_label.setWordWrap(True)
        self.form.addRow("", self.hint_label)
        self.wip_spin.setFocus()

    def limit(self) -> int | None:
        """The chosen limit (None: no limit)."""
        return self.wip_spin.value() or None


class DeleteColumnDialog(_FormDialog):
    """Confirm deleting a column; when it holds cards (`card_count`, finished ones included),
    choose the column they move to."""

    def __init__(
        self,
        column: ColumnRecord,
        all_columns: list[ColumnRecord],
        card_count: int,
        parent: QWidget | None = None,
    ):
        title = column_title(column.key, column.title)
        super().__init__(
            translate("ColumnDialogs", "Delete column “{title}”").format(title=title), parent
        )
        self.ok_button.setText(translate("ColumnDialogs", "Delete column"))
        self.target_combo = QComboBox()
        others = [c for c in all_columns if c.key != column.key]
        for other in others:
            self.target_combo.addItem(column_title(other.key, other.title), other.key)
        if card_count:
            self.message_label = QLabel(
                translate(
                    "ColumnDialogs",
                    "“{title}” holds %n task(s) (finished ones included). Move them to:",
                    None,
                    card_count,
                ).format(title=title)
            )
            self.message_label.setWordWrap(True)
            self.form.addRow(self.message_label)
            self.form.addRow(translate("ColumnDialogs", "&Move to:"), self.target_combo)
            if not others:
                self._show_error(
                    translate(
                        "ColumnDialogs",
                        "This is the only column: add another one to move the tasks to",
                    )
                )
        else:
            self.message_label = QLabel(
                translate("ColumnDialogs", "Delete the empty column “{title}”?").format(title=title)
            )
            self.form.addRow(self.message_label)
            if not others:
                self._show_error(translate("ColumnDialogs", "The board needs at least one column"))
        self._card_count = card_count

    def move_cards_to(self) -> str | None:
        """The key of the column receiving the cards (None when there are none to move)."""
        return self.target_combo.currentData() if self._card_count else None
