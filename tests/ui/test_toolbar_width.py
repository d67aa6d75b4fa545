"""Finding 3 of issue 14: at the default 1280×800 every toolbar button shows (nothing in the `»`
menu), however long the title in Undo/Redo is; the full text is in the tooltip."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton

from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.ui.board.undo import EditTaskCommand

LONG_TITLE = 'Hochzeit Müller-Schmidt (Album "Sommer am See", 2 Ordner, Leinwand 60×90)'


def _overflowing(window) -> list[str]:
    """Names of the toolbar's actions that do not fit (hidden behind the » button)."""
    toolbar = window.findChild(QToolButton, "qt_toolbar_ext_button").parentWidget()
    hidden = []
    for action in toolbar.actions():
        widget = toolbar.widgetForAction(action)
        if action.isVisible() and not action.isSeparator() and widget and not widget.isVisible():
            hidden.append(action.objectName() or action.text())
    return hidden


def test_long_undo_text_keeps_every_toolbar_button_visible_at_1280(window, qtbot):
    window.resize(1280, 800)
    record = window.board.column_model("1").record(0)
    draft = TaskDraft(LONG_TITLE, record.due_at, record.status, record.info, record.column, False)
    assert window.run_command(EditTaskCommand(window.board, record, draft))
    window.actions["undo"].trigger()  # now both Undo and Redo name the long edit
    qtbot.wait(1)  # let the toolbar lay out again
    toolbar = window.findChild(QToolButton, "qt_toolbar_ext_button").parentWidget()
    assert toolbar.width() <= 1280
    assert _overflowing(window) == []
    assert not window.findChild(QToolButton, "qt_toolbar_ext_button").isVisible()
    undo_button = toolbar.widgetForAction(window.toolbar_actions["undo"])
    redo_button = toolbar.widgetForAction(window.toolbar_actions["redo"])
    assert undo_button.text() == "Undo" and redo_button.text() == "Redo"
    assert LONG_TITLE[:20] in redo_button.toolTip()
