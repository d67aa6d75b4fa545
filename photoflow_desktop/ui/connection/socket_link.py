"""The board's side of the web app link: our writes out, the web app's changes in, state shown.

After every committed write of the window (`MainWindow.dataWritten`) the link emits
`database-change`, as the web app's pages do; a `database-changed` from another client feeds the
live updates' resync (the fast path on SQLite and behind a pooler). The status bar says
"Web app link: connected / reconnecting / off"; clicking it sets the address.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QToolButton

from photoflow_desktop.config import SOCKETIO_URL_ENV_VAR, ResolvedUrl, resolve_socketio_url
from photoflow_desktop.sync.link_settings import LinkState, LinkUrlError
from photoflow_desktop.ui.connection.socket_link_dialog import WebAppLinkDialog

log = logging.getLogger(__name__)


def state_text(state: LinkState) -> str:
    """What the status bar says for `state`."""
    if state == LinkState.CONNECTED:
        return QCoreApplication.translate("WebAppLink", "Web app link: connected")
    if state in (LinkState.CONNECTING, LinkState.RECONNECTING):
        return QCoreApplication.translate("WebAppLink", "Web app link: reconnecting")
    return QCoreApplication.translate("WebAppLink", "Web app link: off")


class _Bridge(QObject):
    """Carries the link's callbacks (from its own threads) to the UI thread."""

    changed = Signal()
    stateChanged = Signal(object)


def _safe(signal) -> Callable:
    """`signal.emit`, quiet once the bridge is gone (the window closed while a callback ran)."""

    def emit(*args) -> None:
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)

    return emit


class SocketLink(QObject):
    """Owns a window's WebAppLink and the status-bar button that shows its state."""

    def __init__(self, window, live_of: Callable[[], object], url: ResolvedUrl | None):
        super().__init__(window)
        self.window = window
        self.live_of = live_of
        self.label = QToolButton()
        self.label.setObjectName("webAppLinkLabel")
        self.label.setAutoRaise(True)
        self.label.clicked.connect(self.edit_address)
        window.statusBar().addPermanentWidget(self.label)
        self.bridge = _Bridge(self)
        self.bridge.changed.connect(self._changed_elsewhere)
        self.bridge.stateChanged.connect(self._show_state)
        self.link = None  # a WebAppLink while an address is set
        self.url: ResolvedUrl | None = None
        self.dialog: WebAppLinkDialog | None = None
        self._start(url)

    def stop(self) -> None:
        """Disconnect (in the background; never waits)."""
        link, self.link = self.link, None
        if link is not None:
            link.stop()
            with contextlib.suppress(RuntimeError):  # the window may be gone already
                self.window.dataWritten.disconnect(link.announce_change)
        if shiboken6.isValid(self.label):
            self._show_state(LinkState.OFF)

    def edit_address(self) -> WebAppLinkDialog:
        """Ask for the web app's address; on Save the link restarts with it."""
        self.dialog = WebAppLinkDialog(self.window)
        self.dialog.accepted.connect(self._address_saved)
        self.dialog.open()
        return self.dialog

    def _address_saved(self) -> None:
        self.stop()
        self._start(resolve_socketio_url())

    def _start(self, url: ResolvedUrl | None) -> None:
        self.url = url
        self._show_state(LinkState.OFF)
        if url is None:
            return
        # imported only when a link is set: python-socketio (with requests) is slow to import
        from photoflow_desktop.sync.socketio_link import WebAppLink

        try:
            self.link = WebAppLink(
                url.url, _safe(self.bridge.changed), _safe(self.bridge.stateChanged)
            )
        except LinkUrlError as exc:
            self.label.setToolTip(str(exc))
            log.warning("web app link: %s", exc)
            return
        self.window.dataWritten.connect(self.link.announce_change)
        self.link.start()

    def _show_state(self, state: LinkState) -> None:
        self.label.setText(state_text(state))
        if self.link is not None:
            where = QCoreApplication.translate("WebAppLink", "{url} (from {source})")
            tip = where.format(url=self.link.url, source=self.url.source)
        else:
            tip = QCoreApplication.translate(
                "WebAppLink",
                "Set the web app's address (e.g. http://studio-pc:3000, or {variable}) to "
                "refresh its pages live and to follow their changes at once",
            ).format(variable=SOCKETIO_URL_ENV_VAR)
        click = QCoreApplication.translate("WebAppLink", "Click to change the address.")
        self.label.setToolTip(f"{tip}\n{click}")

    def _changed_elsewhere(self) -> None:
        live = self.live_of()
        if live is not None:
            live.external_change()


def attach_socket_link(window, live_of: Callable[[], object]) -> SocketLink:
    """Start the web app link of `window` (a MainWindow); `live_of()` gives its LiveUpdates."""
    return SocketLink(window, live_of, resolve_socketio_url())
