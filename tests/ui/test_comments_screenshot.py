"""Screenshot of a comment thread (look at it; where it goes: tests/support/screenshots)."""

from datetime import timedelta

import pytest
from PySide6.QtGui import QUndoStack

from photoflow_desktop.domain import comments, tasks
from photoflow_desktop.domain.models import utc_now
from photoflow_desktop.domain.records import CommentRecord, TaskDraft
from photoflow_desktop.ui.comments.dialog import CommentsDialog
from tests.support.screenshots import save_screenshot

THREAD = [
    (timedelta(days=6, hours=3), "Client confirmed the shoot: 2 adults, 1 dog. Outdoor if dry."),
    (
        timedelta(days=5, hours=1),
        "RAW files imported (412 frames). Culled to 58 selects; the dog ones are the best of "
        "the day, keep all of those.",
    ),
    (timedelta(days=1, hours=2), "Developed in Lightroom.\nWarm preset, +0.3 EV on the portraits."),
    (timedelta(hours=3, minutes=10), "Retouching done — skin and stray hairs on 12 images."),
    (timedelta(minutes=5), "Photos delivered to client via the gallery link."),
]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_comment_thread_screenshot(qtbot, db):
    """A thread with several comments, one selected, the composer holding a draft."""
    now = utc_now()
    task = tasks.create_task(
        TaskDraft("Family shoot Schneider", now + timedelta(days=2), "Retouched", column="2")
    )
    for offset, (age, text) in enumerate(THREAD, start=1):
        comments.restore_comment(CommentRecord(1000 + offset, task.id, text, now - age))
    dialog = CommentsDialog(task.id, QUndoStack())
    qtbot.addWidget(dialog)
    dialog.resize(560, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.view().setCurrentIndex(dialog.model().index(2))
    dialog.composer().setPlainText("Client asks for two extra prints, 30×40.")
    last = dialog.model().index(len(THREAD) - 1)
    qtbot.waitUntil(lambda: dialog.view().visualRect(last).bottom() > 0)

    save_screenshot(dialog.grab(), "comments")
    assert dialog.model().rowCount() == len(THREAD)
    assert tasks.get_task(task.id).comment_count == len(THREAD)
    dialog.composer().clear()
