"""What the comment thread says about its task: the header lines and the 'task deleted' box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from photoflow_desktop.domain.records import TaskRecord
from photoflow_desktop.i18n import translate
from photoflow_desktop.ui.common.dates import format_local
from photoflow_desktop.ui.common.status_text import status_text


def header_texts(task: TaskRecord) -> tuple[str, str]:
    """(window title, subtitle) for the thread of `task`."""
    due = format_local(task.due_at)
    title = translate("Comments", "Comments — {title} (due {due})").format(
        title=task.title, due=due
    )
    subtitle = translate(
        "Comments", "Due {due} · {status} · %n comment(s)", None, task.comment_count
    ).format(due=due, status=status_text(task.status))
    return title, subtitle


def task_deleted_box(title: str, unsent: str, parent: QWidget) -> QMessageBox:
    """The (not yet shown) note that the task is gone; an unsent comment stays copyable."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        translate("Comments", "Task deleted"),
        translate(
            "Comments",
            "“{title}” was deleted, here or on another workstation. Its comment thread is closed.",
        ).format(title=title),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("taskDeleted")
    box.setWindowModality(Qt.WindowModality.WindowModal)
    if unsent.strip():
        box.setInformativeText(
            translate("Comments", "Your unsent comment is under “Show Details…” to copy.")
        )
        box.setDetailedText(unsent)
    return box
