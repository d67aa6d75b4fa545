"""Open an order's card from elsewhere (the Today view, a reminder): select it on the board and
open its edit dialog."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication


def open_card(window, task_id: int) -> bool:
    """Bring the board forward, select the card of `task_id` and edit it; False if not shown."""
    if not shiboken6.isValid(window):
        return False
    window.showNormal() if window.isMinimized() else window.show()
    window.raise_()
    window.activateWindow()
    if not window.board.select_task(task_id, focus=True):
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "OpenCard", "Order #{0} is not on the board (finished, or hidden by the search)."
            ).format(task_id),
            10_000,
        )
        return False
    window.edit_task(task_id)
    return True
