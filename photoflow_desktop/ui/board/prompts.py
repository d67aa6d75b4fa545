"""The board window's questions: delete this task? Quit with changes not yet in the database?"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from photoflow_desktop.domain.records import TaskRecord


def delete_task_box(record: TaskRecord, parent: QWidget) -> QMessageBox:
    """The (not yet shown) question before deleting `record`, naming its comments."""
    comments = record.comment_count
    comment_text = (
        "no comments" if comments == 0 else "1 comment" if comments == 1 else f"{comments} comments"
    )
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Delete task",
        f"Delete “{record.title}” and its {comment_text}?\n\n"
        "You can bring it back with Edit → Undo.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("confirmDelete")
    box.button(QMessageBox.StandardButton.Yes).setText("Delete")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box


def discard_pending_changes(parent: QWidget, descriptions: list[str]) -> bool:
    """Ask (modal) whether to quit although these changes never reached the database."""
    answer = QMessageBox.question(
        parent,
        "Changes not saved",
        f"{len(descriptions)} change(s) could not reach the database yet and would be "
        "lost:\n\n" + "\n".join(descriptions) + "\n\nQuit anyway?",
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard
