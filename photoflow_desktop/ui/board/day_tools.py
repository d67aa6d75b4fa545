"""The operator's day on the board window: View → Today, due reminders, printed job sheets and
day lists (each in its own module; this one only puts them into the menus)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence

from photoflow_desktop.ui.board import print_actions, reminders
from photoflow_desktop.ui.board.today_view import open_today_view


def install(window) -> None:
    """Add Today (Ctrl+T), Due reminders and the print actions to the window's menus."""
    today = window.view_menu.addAction(QCoreApplication.translate("DayTools", "&Today…"))
    today.setObjectName("today")
    today.setShortcut(QKeySequence("Ctrl+T"))
    today.setToolTip(
        QCoreApplication.translate("DayTools", "Overdue orders, today's and the next 7 days'")
    )
    today.triggered.connect(lambda _checked=False: open_today_view(window))
    window.addAction(today)
    window.actions["today"] = today
    quit_action = window.actions["quit"]
    print_actions.install(window, window.file_menu, quit_action)
    window.file_menu.insertSeparator(quit_action)
    window.reminders = reminders.install(window, window.view_menu)
