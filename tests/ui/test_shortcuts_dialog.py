"""Help → Keyboard shortcuts lists every action that has a shortcut."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from photoflow_desktop.ui.common.shortcuts_dialog import ShortcutsDialog


def test_every_action_with_a_shortcut_is_listed(qtbot):
    new = QAction("&New task…")
    new.setShortcut(QKeySequence("Ctrl+N"))
    undo = QAction("&Undo")
    undo.setShortcuts([QKeySequence("Ctrl+Z"), QKeySequence("Alt+Backspace")])
    about = QAction("About PhotoFlow")  # no shortcut: not listed
    save_and_close = QAction("Save && close")
    save_and_close.setShortcut(QKeySequence("Ctrl+Return"))
    dialog = ShortcutsDialog([new, undo, about, save_and_close, new])
    qtbot.addWidget(dialog)
    rows = [
        (dialog.table.item(r, 0).text(), dialog.table.item(r, 1).text())
        for r in range(dialog.table.rowCount())
    ]
    assert rows == [
        ("New task", "Ctrl+N"),
        ("Undo", "Ctrl+Z, Alt+Backspace"),
        ("Save & close", "Ctrl+Return"),
    ]
