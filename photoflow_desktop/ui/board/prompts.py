"""The board window's questions: delete this task? Quit with changes not yet in the database?"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from photoflow_desktop.domain.records import TaskRecord
from photoflow_desktop.i18n import translate


def delete_task_box(record: TaskRecord, parent: QWidget) -> QMessageBox:
    """The (not yet shown) question before deleting `record`, naming its comments."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        translate("Board", "Delete task"),
        translate(
            "Board",
            "Delete “{title}” and its %n comment(s)?\n\nYou can bring it back with Edit → Undo.",
            None,
            record.comment_count,
        ).format(title=record.title),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("confirmDelete")
    box.button(QMessageBox.StandardButton.Yes).setText(translate("Board", "Delete"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box


def discard_pending_changes(parent: QWidget, descriptions: list[str]) -> bool:
    """Ask (modal) whether to quit although these changes never reached the database."""
    answer = QMessageBox.question(
        parent,
        translate("Board", "Changes not saved"),
        translate(
            "Board",
            "%n change(s) could not reach the database yet and would be lost:\n\n{changes}"
            "\n\nQuit anyway?",
            None,
            len(descriptions),
        ).format(changes="\n".join(descriptions)),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard
