"""The "changed by someone else" choice: theirs vs yours, field by field (DESIGN.md §6)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.domain.records import TaskDraft, TaskRecord
from photoflow_desktop.i18n import QT_TRANSLATE_NOOP, translate
from photoflow_desktop.i18n.messages import column_title
from photoflow_desktop.ui.common.dates import SHORT_WITH_YEAR, format_local

# (attribute, label) of the fields a user edits, in the order the task form shows them.
FIELDS = (
    ("title", QT_TRANSLATE_NOOP("Conflict", "Title")),
    ("due_at", QT_TRANSLATE_NOOP("Conflict", "Due")),
    ("status", QT_TRANSLATE_NOOP("Conflict", "Status")),
    ("column", QT_TRANSLATE_NOOP("Conflict", "Column")),
    ("info", QT_TRANSLATE_NOOP("Conflict", "Description")),
    ("is_finished", QT_TRANSLATE_NOOP("Conflict", "Finished")),
)
_MAX_SHOWN = 200


class ConflictChoice(Enum):
    """What to do after a lost race."""

    KEEP_THEIRS = "keep_theirs"
    OVERWRITE = "overwrite"
    EDIT_AGAIN = "edit_again"


def format_value(name: str, value, column_titles: dict[str, str]) -> str:
    """A field value as the user reads it (due dates in local time)."""
    if name == "due_at" and isinstance(value, datetime):
        return format_local(value, SHORT_WITH_YEAR)
    if name == "is_finished":
        return translate("Conflict", "yes") if value else translate("Conflict", "no")
    if name == "column":
        return column_titles.get(value, str(value))
    text = str(value)
    if len(text) > _MAX_SHOWN:
        text = text[:_MAX_SHOWN] + "…"
    return text if text else translate("Conflict", "(empty)")


def _column_titles(parent: QWidget | None = None) -> dict[str, str]:
    """Column key → title as the board shows it (no board: empty, the keys are shown)."""
    board = getattr(parent, "board", None)
    shown = board.columns if board is not None else []
    return {column.key: column_title(column.key, column.title) for column in shown}


class ConflictDialog(QDialog):
    """Shows what is stored now (theirs) next to the user's change (yours) and asks what to do.

    `theirs` None means the task was deleted elsewhere; `mine` None means the user's action
    carries no values (a delete). Closing the dialog keeps theirs: nothing is written.
    """

    def __init__(
        self,
        action: str,
        mine: TaskDraft | None,
        theirs: TaskRecord | None,
        column_titles: dict[str, str] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(translate("Conflict", "Changed by someone else"))
        self.choice = ConflictChoice.KEEP_THEIRS
        self._mine = mine
        self._theirs = theirs
        self._titles = column_titles or {}
        self._buttons: dict[ConflictChoice, QPushButton] = {}

        layout = QVBoxLayout(self)
        self.message = QLabel(self._message(action))
        self.message.setObjectName("conflictMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        if mine is not None or theirs is not None:
            layout.addSpacing(8)
            layout.addLayout(self._comparison())
        layout.addStretch(1)
        box = QDialogButtonBox()
        for choice, text in self._button_texts().items():
            button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
            button.setObjectName(f"conflict_{choice.value}")
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            self._buttons[choice] = button
        self._buttons[ConflictChoice.KEEP_THEIRS].setDefault(True)
        layout.addWidget(box)

    def button(self, choice: ConflictChoice) -> QPushButton | None:
        """The button that makes `choice` (None when this conflict does not offer it)."""
        return self._buttons.get(choice)

    def differing_fields(self) -> list[str]:
        """Names of the fields where theirs and yours differ."""
        if self._mine is None or self._theirs is None:
            return []
        return [
            name for name, _ in FIELDS if getattr(self._mine, name) != getattr(self._theirs, name)
        ]

    def value_label(self, side: str, name: str) -> QLabel | None:
        """The label showing field `name` on `side` ("theirs" or "yours"), for tests."""
        return self.findChild(QLabel, f"{side}_{name}")

    def reject(self) -> None:
        """Closing the dialog keeps what is stored."""
        self.choice = ConflictChoice.KEEP_THEIRS
        super().reject()

    def _choose(self, choice: ConflictChoice) -> None:
        self.choice = choice
        self.accept()

    def _message(self, action: str) -> str:
        if self._theirs is None and self._mine is None:
            return translate(
                "Conflict", "{action}: this task was already deleted by someone else."
            ).format(action=action)
        if self._theirs is None:
            return translate(
                "Conflict",
                "{action}: “{title}” was deleted by someone else while you were working on it. "
                "Your values are shown below.",
            ).format(action=action, title=self._mine.title)
        if self._mine is None:
            return translate(
                "Conflict",
                "{action}: “{title}” was changed by someone else since you looked at it. "
                "Below is what it holds now.",
            ).format(action=action, title=self._theirs.title)
        return translate(
            "Conflict",
            "{action}: “{title}” was changed by someone else since you opened it. "
            "Theirs (stored now) and yours differ in the fields shown in bold.",
        ).format(action=action, title=self._theirs.title)

    def _button_texts(self) -> dict[ConflictChoice, str]:
        if self._theirs is None and self._mine is None:
            return {ConflictChoice.KEEP_THEIRS: translate("Conflict", "OK")}
        if self._theirs is None:
            return {
                ConflictChoice.KEEP_THEIRS: translate("Conflict", "Leave it deleted"),
                ConflictChoice.OVERWRITE: translate("Conflict", "Create it again with my values"),
                ConflictChoice.EDIT_AGAIN: translate("Conflict", "Edit again"),
            }
        if self._mine is None:
            return {
                ConflictChoice.KEEP_THEIRS: translate("Conflict", "Keep theirs"),
                ConflictChoice.OVERWRITE: translate("Conflict", "Go ahead anyway"),
            }
        return {
            ConflictChoice.KEEP_THEIRS: translate("Conflict", "Keep theirs"),
            ConflictChoice.OVERWRITE: translate("Conflict", "Overwrite with mine"),
            ConflictChoice.EDIT_AGAIN: translate("Conflict", "Edit again"),
        }

    def _comparison(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        headers = ("", translate("Conflict", "Theirs (stored now)"), translate("Conflict", "Yours"))
        for col, text in enumerate(headers):
            header = QLabel(f"<b>{text}</b>")
            grid.addWidget(header, 0, col)
        differing = set(self.differing_fields())
        for row, (name, label) in enumerate(FIELDS, start=1):
            grid.addWidget(QLabel(translate("Conflict", label)), row, 0)
            for col, (side, source) in enumerate(
                (("theirs", self._theirs), ("yours", self._mine)), start=1
            ):
                if source is None:
                    text = (
                        translate("Conflict", "(deleted)")
                        if side == "theirs"
                        else translate("Conflict", "(delete)")
                    )
                else:
                    text = format_value(name, getattr(source, name), self._titles)
                value = QLabel(text)
                value.setObjectName(f"{side}_{name}")
                value.setWordWrap(True)
                if name in differing:
                    font = QFont(value.font())
                    font.setBold(True)
                    value.setFont(font)
                grid.addWidget(value, row, col)
        return grid


def resolve_conflict(
    parent: QWidget | None,
    action: str,
    mine: TaskDraft | None,
    theirs: TaskRecord | None,
) -> ConflictChoice:
    """Ask the user how to settle a lost race (theirs None = the task was deleted elsewhere)."""
    dialog = ConflictDialog(action, mine, theirs, _column_titles(parent), parent)
    try:
        dialog.exec()
        return dialog.choice
    finally:
        dialog.deleteLater()
