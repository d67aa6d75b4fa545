"""Wire a LiveUpdates feed to a board window: cards, resync, banner and read-only mode."""

from __future__ import annotations

from photoflow_desktop.ui.live_updates import LiveUpdates

READ_ONLY_REASON = "no connection to the database"


def banner_text(reason: str) -> str:
    """What the banner says while the connection is down."""
    return (
        f"{reason}. Reconnecting… The board shows what was loaded; changes are paused "
        "until the database is back."
    )


def attach_live_updates(window) -> LiveUpdates:
    """Start a LiveUpdates for `window` (a MainWindow) and connect it to the board; returns it."""
    live = LiveUpdates(window.session, window)
    board = window.board
    live.taskChanged.connect(board.refresh_task)
    live.taskRemoved.connect(board.refresh_task)  # refresh_task removes a vanished card
    live.boardChanged.connect(board.resync)

    def lost(reason: str) -> None:
        window.show_connection_banner(banner_text(reason))
        window.set_read_only(True, READ_ONLY_REASON)

    def restored() -> None:
        # LiveUpdates emits boardChanged right after this: that resyncs the board.
        window.hide_connection_banner()
        window.set_read_only(False, "")

    live.connectionLost.connect(lost)
    live.connectionRestored.connect(restored)
    live.start()
    return live
