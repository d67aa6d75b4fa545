"""What the comment thread says about its task: the header lines and the 'task deleted' box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from photoflow_desktop.domain.records import CommentRecord, TaskRecord
from photoflow_desktop.i18n import translate
from photoflow_desktop.ui.common.dates import format_local
from photoflow_desktop.ui.common.status_text import status_text

PREVIEW_CHARS = 200


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


def loading_texts(task_id: int) -> tuple[str, str]:
    """(window title, subtitle) while the thread is on its way."""
    title = translate("Comments", "Comments — task #{id}").format(id=task_id)
    return title, translate("Comments", "Loading…")


def delete_question(record: CommentRecord) -> tuple[str, str, str]:
    """(title, question, details with a preview) before deleting `record`."""
    text = record.text
    preview = text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS] + "…"
    return (
        translate("Comments", "Delete comment"),
        translate("Comments", "Delete this comment from {time}?").format(
            time=format_local(record.created_at)
        ),
        preview + "\n\n" + translate("Comments", "You can undo this with Ctrl+Z."),
    )


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
