"""Wire a LiveUpdates feed to a board window: cards, comment threads, banner, read-only mode."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from photoflow_desktop.i18n import QT_TRANSLATE_NOOP, translate
from photoflow_desktop.ui.comments.dialog import CommentsDialog
from photoflow_desktop.ui.connection.live_updates import SQLITE_POLL_MS, LiveUpdates

READ_ONLY_REASON = QT_TRANSLATE_NOOP("Connection", "no connection to the database")


def banner_text(reason: str) -> str:
    """What the banner says while the connection is down."""
    return translate(
        "Connection",
        "{reason}. Reconnecting… The board shows what was loaded; changes are paused "
        "until the database is back.",
    ).format(reason=reason)


def _open_threads(window) -> list:
    """The comment dialogs open on `window` (they follow their task's changes)."""
    return [dialog for dialog in window.findChildren(CommentsDialog) if dialog.isVisible()]


def feed_mode_text(mode: str) -> str:
    """The status bar's word on how the board learns of changes ('' when it needs none)."""
    if mode == "polling":
        return QCoreApplication.translate("LiveBoard", "live updates by polling (no direct URL)")
    return ""


def attach_live_updates(window, poll_interval_ms: int = SQLITE_POLL_MS) -> LiveUpdates:
    """Start a LiveUpdates for `window` (a MainWindow) and connect it to the board; returns it.

    `poll_interval_ms` paces the polled feeds (SQLite, PostgreSQL without a direct URL); tests
    pass a short one instead of waiting for the once-a-second poll.
    """
    live = LiveUpdates(window.session, window, poll_interval_ms=poll_interval_ms)
    board = window.board
    feed_label = QLabel()
    feed_label.setObjectName("feedModeLabel")
    window.statusBar().addPermanentWidget(feed_label)
    live.modeChanged.connect(lambda mode: feed_label.setText(feed_mode_text(mode)))

    def task_changed(task_id: int) -> None:
        board.refresh_task(task_id)
        for thread in _open_threads(window):
            thread.task_changed(task_id)

    def task_removed(task_id: int) -> None:
        board.refresh_task(task_id)  # refresh_task removes a vanished card
        for thread in _open_threads(window):
            thread.task_removed(task_id)

    def board_changed() -> None:
        board.resync()  # on the worker, which reads again once on a dead connection
        window.invoicing.refresh_open_windows()  # invoices and clients changed elsewhere too
        for thread in _open_threads(window):
            thread.task_changed(thread.task_id)  # re-reads; says so when the task is gone

    def lost(reason: str) -> None:
        window.show_connection_banner(banner_text(reason))
        window.set_read_only(True, translate("Connection", READ_ONLY_REASON))

    def restored() -> None:
        # LiveUpdates emits boardChanged right after this: that resyncs the board.
        window.hide_connection_banner()
        window.set_read_only(False, "")

    live.taskChanged.connect(task_changed)
    live.taskRemoved.connect(task_removed)
    live.boardChanged.connect(board_changed)
    live.connectionLost.connect(lost)
    live.connectionRestored.connect(restored)
    live.start()
    return live
