"""The web app link against a real socket.io relay (node): both directions, echo, reconnect."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading

import pytest

from photoflow_desktop import config
from photoflow_desktop.domain.changes import Backoff
from photoflow_desktop.sync.link_settings import LinkState, LinkUrlError, link_url
from photoflow_desktop.sync.socketio_link import (
    ECHO_WINDOW,
    WebAppLink,
    _EchoFilter,
    announce_change,
)
from tests.support.socketio_relay import Page, free_port

WAIT = 10.0


class Recorder:
    """Collects the link's callbacks (they come from the link's threads)."""

    def __init__(self):
        self.changes = 0
        self.states: list[LinkState] = []
        self._condition = threading.Condition()

    def changed(self) -> None:
        with self._condition:
            self.changes += 1
            self._condition.notify_all()

    def state(self, state: LinkState) -> None:
        with self._condition:
            self.states.append(state)
            self._condition.notify_all()

    def wait(self, predicate, timeout: float = WAIT) -> bool:
        with self._condition:
            return self._condition.wait_for(lambda: predicate(self), timeout)


@pytest.fixture
def recorder():
    return Recorder()


def start_link(url: str, recorder: Recorder) -> WebAppLink:
    link = WebAppLink(
        url, recorder.changed, recorder.state, backoff=Backoff(initial=0.05, maximum=0.2)
    )
    link.start()
    return link


def test_an_address_without_scheme_means_http_and_a_wrong_one_is_a_clear_error():
    assert link_url(" studio-pc:3000 ") == "http://studio-pc:3000"
    assert link_url("https://studio.example/") == "https://studio.example/"
    for wrong in ("ftp://studio-pc:3000", "http://", "http://studio-pc:99999"):
        with pytest.raises(LinkUrlError, match="PHOTOFLOW_SOCKETIO_URL"):
            link_url(wrong)


def test_echoes_of_our_own_emits_are_told_apart_and_expire():
    now = [100.0]
    echoes = _EchoFilter(clock=lambda: now[0])
    echoes.sent()
    echoes.sent()
    assert echoes.is_own_echo() and echoes.is_own_echo()
    assert not echoes.is_own_echo()  # a third arrival is someone else's change
    echoes.sent()
    now[0] += ECHO_WINDOW + 0.1  # the echo never came (relay restarted): it hides nothing
    assert not echoes.is_own_echo()


def test_a_change_of_another_page_reaches_the_link(relay, page, recorder):
    link = start_link(relay.url, recorder)
    try:
        assert recorder.wait(lambda r: LinkState.CONNECTED in r.states)
        page.emit_change()
        assert recorder.wait(lambda r: r.changes == 1)
    finally:
        link.stop(wait=WAIT)
    assert recorder.states[0] == LinkState.CONNECTING
    assert recorder.states[-1] == LinkState.OFF


def test_our_change_reaches_the_pages_and_its_echo_is_not_taken_for_theirs(relay, page, recorder):
    link = start_link(relay.url, recorder)
    try:
        assert recorder.wait(lambda r: LinkState.CONNECTED in r.states)
        link.announce_change()
        assert page.wait_for(1)
        page.emit_change()  # relayed after our echo: the only change the link reports
        assert page.wait_for(2)
        assert recorder.wait(lambda r: r.changes == 1)
    finally:
        link.stop(wait=WAIT)
    assert recorder.changes == 1


class GatedBackoff:
    """Reconnect delays the test controls: a retry waits until `gate` opens."""

    def __init__(self):
        self.waiting = threading.Event()  # the link failed to connect and waits to retry
        self.gate = threading.Event()

    def next_delay(self) -> float:
        self.waiting.set()
        self.gate.wait(WAIT)
        return 0.0

    def reset(self) -> None:
        self.waiting.clear()


def test_the_link_reconnects_after_the_server_restarts_and_sends_what_it_missed(relay, recorder):
    backoff = GatedBackoff()
    link = WebAppLink(relay.url, recorder.changed, recorder.state, backoff=backoff)
    link.start()
    try:
        assert recorder.wait(lambda r: LinkState.CONNECTED in r.states)
        relay.stop()
        assert backoff.waiting.wait(WAIT)
        assert recorder.states[-1] == LinkState.RECONNECTING
        link.announce_change()  # made while the server is down: must not block or get lost
        relay.start()
        page = Page(relay.url)  # a page that was not there when the change was made
        try:
            backoff.gate.set()
            assert recorder.wait(lambda r: r.states[-1] == LinkState.CONNECTED)
            assert page.wait_for(1, timeout=WAIT)
        finally:
            page.close()
    finally:
        link.stop(wait=WAIT)
    assert recorder.states.count(LinkState.CONNECTED) == 2


def test_without_a_server_the_link_keeps_trying_and_never_blocks_a_change(recorder):
    link = start_link(f"http://127.0.0.1:{free_port()}", recorder)
    try:
        assert recorder.wait(lambda r: r.states.count(LinkState.RECONNECTING) >= 1)
        link.announce_change()  # returns at once: nothing to send to
    finally:
        link.stop(wait=WAIT)
    assert LinkState.CONNECTED not in recorder.states


def test_announce_change_is_relayed_to_every_page(relay, page):
    assert announce_change(relay.url) is None
    assert page.wait_for(1)


def test_announce_change_to_an_absent_server_says_why():
    assert announce_change(f"http://127.0.0.1:{free_port()}") == "it cannot be reached"


def test_announce_change_to_a_server_that_never_answers_gives_up():
    with socket.socket() as silent:  # accepts connections, never speaks
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        assert announce_change(url, timeout=0.3) == "no answer within 0.3 s"


def test_the_cli_and_the_board_load_python_socketio_only_when_a_link_is_set():
    code = (
        "import sys, photoflow_desktop.cli, photoflow_desktop.ui.connection.board_host\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('socketio', 'engineio')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"  # ~0.2 s or more of start-up saved for everyone else


def test_the_domain_and_maintenance_never_import_the_link():
    code = (
        "import sys, importlib, pkgutil, photoflow_desktop.domain, photoflow_desktop.maintenance\n"
        "for p in (photoflow_desktop.domain, photoflow_desktop.maintenance):\n"
        "    for i in pkgutil.walk_packages(p.__path__, p.__name__ + '.'):\n"
        "        importlib.import_module(i.name)\n"
        "bad = [m for m in sys.modules if m.startswith(('photoflow_desktop.sync', 'socketio'))]\n"
        "print(bad)\n"
        "import photoflow_desktop.sync.socketio_link\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[]", "[]"]


def test_the_address_comes_from_the_environment_else_the_saved_setting(monkeypatch):
    assert config.resolve_socketio_url() is None  # off unless set
    config.save_setting("socketio_url", "http://studio-pc:3000")
    assert config.resolve_socketio_url() == config.ResolvedUrl(
        "http://studio-pc:3000", "saved setting"
    )
    monkeypatch.setenv("PHOTOFLOW_SOCKETIO_URL", " http://192.168.178.24:3000 ")
    assert config.resolve_socketio_url() == config.ResolvedUrl(
        "http://192.168.178.24:3000", "PHOTOFLOW_SOCKETIO_URL"
    )
