"""The link to the PhotoFlow web app's socket.io server (its live-refresh relay).

The web app's pages emit `database-change` (no payload) after each write; its server broadcasts
`database-changed` to every page, the sender included, and every page reloads. The desktop
speaks the same two events: `WebAppLink` is the board's lasting link (background thread,
reconnects with backoff, never blocks the caller), `announce_change` is the CLI's one-shot emit
that waits a bounded time for the relay's echo.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable

import socketio

from photoflow_desktop.domain.changes import Backoff
from photoflow_desktop.sync.link_settings import LinkState, LinkUrlError, link_url

log = logging.getLogger(__name__)

EVENT_OUT = "database-change"  # what a page emits after a write
EVENT_IN = "database-changed"  # what the relay broadcasts to every page
TRANSPORTS = ["websocket"]  # one TCP connection; the web app's socket.io server accepts it
CONNECT_TIMEOUT = 2.0  # seconds for one connection attempt of the lasting link
ANNOUNCE_TIMEOUT = 1.0  # the most a CLI command waits for its emit to be relayed
ECHO_WINDOW = 2.0  # seconds within which the relay's echo of our own emit is expected


def _ignore(*_args) -> None:
    """Stands in for the callbacks after stop()."""


def _client(timeout: float) -> socketio.Client:
    """A socket.io client that never reconnects by itself (the callers decide when)."""
    return socketio.Client(reconnection=False, request_timeout=timeout)


class _EchoFilter:
    """Tells the relay's echo of our own emits apart from other clients' changes.

    Both are the same bare event; every emit of ours expects one echo within ECHO_WINDOW, and
    that many arrivals are ours. An echo that never comes expires, so it never hides a change.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._expected: deque[float] = deque()
        self._lock = threading.Lock()

    def sent(self) -> None:
        """We emitted: one echo is on its way."""
        with self._lock:
            self._expected.append(self._clock())

    def is_own_echo(self) -> bool:
        """An event arrived: True when it is (taken as) the echo of one of our emits."""
        with self._lock:
            now = self._clock()
            while self._expected and now - self._expected[0] > ECHO_WINDOW:
                self._expected.popleft()
            if self._expected:
                self._expected.popleft()
                return True
            return False


class WebAppLink:
    """The board's lasting link: emits our changes, reports others', reconnects with backoff.

    `on_changed()` and `on_state(LinkState)` are called from the link's own threads.
    """

    def __init__(
        self,
        url: str,
        on_changed: Callable[[], None],
        on_state: Callable[[LinkState], None],
        backoff: Backoff | None = None,
    ):
        self.url = link_url(url)
        self._on_changed = on_changed
        self._on_state = on_state
        self._backoff = backoff or Backoff(initial=0.5, maximum=10.0)
        self._echoes = _EchoFilter()
        self._lock = threading.Lock()
        self._client: socketio.Client | None = None
        self._unsent = False  # a change made while disconnected: announced after connecting
        self._wake = threading.Event()  # set on stop() and when the connection drops
        self._stopping = False
        self._thread: threading.Thread | None = None
        self.state = LinkState.OFF

    # -- public --------------------------------------------------------------------------
    def start(self) -> None:
        """Connect in the background (returns at once)."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="web-app-link", daemon=True)
        self._thread.start()

    def stop(self, wait: float = 0.0) -> None:
        """Disconnect in the background and go quiet (waits for the thread only if `wait` > 0)."""
        self._stopping = True
        self._wake.set()
        self._set_state(LinkState.OFF)
        self._on_changed = self._on_state = _ignore
        if wait and self._thread is not None:
            self._thread.join(wait)

    def announce_change(self) -> None:
        """A write of ours was committed: tell the web app's pages (never blocks)."""
        with self._lock:
            client = self._client
            if client is None:
                self._unsent = not self._stopping
                return
        self._emit(client)

    # -- the background thread -----------------------------------------------------------
    def _run(self) -> None:
        first = True
        while not self._stopping:
            self._set_state(LinkState.CONNECTING if first else LinkState.RECONNECTING)
            first = False
            self._wake.clear()
            client = self._connect()
            if client is None:
                self._wake.wait(self._backoff.next_delay())
                continue
            self._backoff.reset()
            with self._lock:
                self._client = client
                unsent, self._unsent = self._unsent, False
            self._set_state(LinkState.CONNECTED)
            if unsent:
                self._emit(client)
            self._wake.wait()  # until the connection drops or stop()
            with self._lock:
                self._client = None
            client.disconnect()
        self._set_state(LinkState.OFF)

    def _connect(self) -> socketio.Client | None:
        client = _client(CONNECT_TIMEOUT)
        client.on(EVENT_IN, self._received)
        client.on("disconnect", self._dropped)
        try:
            client.connect(self.url, transports=TRANSPORTS, wait_timeout=CONNECT_TIMEOUT)
        except (socketio.exceptions.ConnectionError, OSError, ValueError) as exc:
            log.info("web app link: %s: %s", self.url, exc)
            return None
        if self._stopping:
            client.disconnect()
            return None
        log.info("web app link: connected to %s", self.url)
        return client

    def _emit(self, client: socketio.Client) -> None:
        try:
            client.emit(EVENT_OUT)
        except socketio.exceptions.SocketIOError as exc:  # dropped a moment ago
            log.info("web app link: emit failed: %s", exc)
            with self._lock:
                self._unsent = True
            return
        # counted after the emit: should the echo ever beat this line, the cost is one extra
        # resync, never a change of someone else taken for our echo
        self._echoes.sent()

    def _received(self, *_payload) -> None:
        if not self._echoes.is_own_echo():
            self._on_changed()

    def _dropped(self, *_reason) -> None:
        log.info("web app link: disconnected from %s", self.url)
        self._wake.set()

    def _set_state(self, state: LinkState) -> None:
        if state != self.state:
            self.state = state
            self._on_state(state)


def announce_change(url: str, timeout: float = ANNOUNCE_TIMEOUT) -> str | None:
    """Emit one `database-change` and wait (at most `timeout` s) for the relay's echo.

    Returns None when the relay passed it on, else why not (for a one-line note). Never raises
    for an absent or slow server: the emit runs in a daemon thread that is left behind on timeout.
    """
    try:
        url = link_url(url)
    except LinkUrlError as exc:
        return str(exc)
    deadline = time.monotonic() + timeout
    outcome: list[str | None] = []
    finished = threading.Event()

    def run() -> None:
        echo = threading.Event()
        # a silent server is left to the caller's deadline below; this thread ends soon after
        client = _client(2 * timeout)
        client.on(EVENT_IN, lambda *_payload: echo.set())
        try:
            client.connect(url, transports=TRANSPORTS, wait_timeout=2 * timeout)
            client.emit(EVENT_OUT)
            relayed = echo.wait(max(0.0, deadline - time.monotonic()))
            outcome.append(None if relayed else "it did not pass the change on")
            client.disconnect()
        except (socketio.exceptions.SocketIOError, OSError, ValueError) as exc:
            log.info("web app link: announce to %s failed: %s", url, exc)
            outcome.append("it cannot be reached")
        finished.set()

    threading.Thread(target=run, name="web-app-announce", daemon=True).start()
    if not finished.wait(timeout) or not outcome:
        return f"no answer within {timeout:g} s"
    return outcome[0]
