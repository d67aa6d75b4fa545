"""The web app's socket.io relay run under node, and a page-like client that watches it.

`tests/support/socketio_server/server.js` starts socket.io the way the web app's vite plugin
does (`new Server(port, {cors})`, `database-change` in, `database-changed` to everyone).
`npm install` runs there when node_modules is missing. No node → the tests skip with the reason,
or fail when PHOTOFLOW_REQUIRE_NODE=1 (set by .ci/run).
"""

from __future__ import annotations

import os
import selectors
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
import socketio

SERVER_DIR = Path(__file__).resolve().parent / "socketio_server"
START_TIMEOUT = 15.0


def node_problem() -> str | None:
    """Why the relay cannot run here (None: it can); installs the npm package when missing."""
    if shutil.which("node") is None:
        return "node is not installed (Debian: apt-get install nodejs npm)"
    if (SERVER_DIR / "node_modules" / "socket.io").is_dir():
        return None
    npm = shutil.which("npm")
    if npm is None:
        return "npm is not installed, so the socket.io package cannot be installed"
    result = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=SERVER_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        return f"npm install failed: {result.stderr.strip().splitlines()[-1:]}"
    return None


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Relay:
    """The relay server process on a fixed loopback port (restartable on the same port)."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        """Start node and wait until socket.io listens."""
        self.process = subprocess.Popen(
            ["node", str(SERVER_DIR / "server.js")],
            cwd=SERVER_DIR,
            env={**os.environ, "PORT": str(self.port)},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        selector = selectors.DefaultSelector()
        selector.register(self.process.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if selector.select(timeout=0.1):
                line = self.process.stdout.readline()
                if line.startswith("listening"):
                    return
                if not line:
                    break
        self.stop()
        raise RuntimeError(f"the socket.io relay did not start on port {self.port}")

    def stop(self) -> None:
        """End the server (its clients see the connection drop)."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
            self.process.stdout.close()
            self.process = None


class Page:
    """A plain socket.io client on the relay, as one of the web app's open pages."""

    def __init__(self, url: str):
        self.arrivals: list[float] = []  # when each `database-changed` came
        self.payloads: list = []  # and what it carried (the web app's pages send nothing)
        self._arrived = threading.Condition()
        self.client = socketio.Client(reconnection=False)
        self.client.on("database-changed", self._changed)
        self.client.connect(url, transports=["websocket"], wait_timeout=5)

    def _changed(self, *payload) -> None:
        with self._arrived:
            self.arrivals.append(time.perf_counter())
            self.payloads.append(payload[0] if payload else None)
            self._arrived.notify_all()

    def wait_for(self, count: int, timeout: float = 5.0) -> bool:
        """Wait until `count` `database-changed` events have arrived in all."""
        with self._arrived:
            return self._arrived.wait_for(lambda: len(self.arrivals) >= count, timeout)

    def emit_change(self) -> None:
        """What a page does after a write."""
        self.client.emit("database-change")

    def changes_before_marker(self, at_least: int, timeout: float = 5.0) -> int:
        """How many changes were relayed before a marked change this page emits now.

        Events reach the handler on threads of their own (python-engineio), so this waits for
        the marker and for `at_least` others; an extra one would have been relayed earlier.
        """
        marker = f"marker-{len(self.payloads)}"
        self.client.emit("database-change", marker)
        with self._arrived:
            self._arrived.wait_for(
                lambda: marker in self.payloads and len(self.payloads) > at_least, timeout
            )
            return len(self.payloads) - 1

    def close(self) -> None:
        """Leave the relay."""
        self.client.disconnect()


@pytest.fixture
def relay():
    """The web app's socket.io relay on a free loopback port, stopped after the test."""
    problem = node_problem()
    if problem is not None:
        if os.environ.get("PHOTOFLOW_REQUIRE_NODE") == "1":
            pytest.fail(f"node is required (PHOTOFLOW_REQUIRE_NODE=1) but {problem}")
        pytest.skip(f"socket.io tests skipped: {problem}")
    server = Relay(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def page(relay):
    """A web-app page connected to the relay."""
    opened = Page(relay.url)
    yield opened
    opened.close()
