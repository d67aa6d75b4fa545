"""The latency benchmark's proxy: forwards intact, delays, stays on loopback, bounded, stops."""

from __future__ import annotations

import socket
import socketserver
import threading
from time import perf_counter

import pytest

from tests.support.latency_proxy import LatencyProxy


class Echo(socketserver.BaseRequestHandler):
    """Sends back whatever arrives, until the client stops sending."""

    def handle(self):
        """Echo one connection."""
        while data := self.request.recv(65536):
            self.request.sendall(data)


@pytest.fixture
def echo_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Echo)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address
    server.shutdown()
    server.server_close()


def round_trip(port: int, payload: bytes) -> bytes:
    """Send `payload` through the proxy to the echo server; what came back."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(payload)
        conn.shutdown(socket.SHUT_WR)
        received = b""
        while data := conn.recv(65536):
            received += data
    return received


def test_bytes_arrive_intact_and_in_order_both_ways(echo_server):
    payload = bytes(range(256)) * 4000  # ~1 MB, many chunks
    with LatencyProxy(echo_server, delay_ms=5) as proxy:
        assert round_trip(proxy.port, payload) == payload


def test_a_round_trip_takes_at_least_the_delay_each_way(echo_server):
    with LatencyProxy(echo_server, delay_ms=40) as proxy:
        started = perf_counter()
        assert round_trip(proxy.port, b"ping") == b"ping"
        assert perf_counter() - started >= 0.080


def test_only_loopback_is_forwarded():
    with pytest.raises(ValueError, match="loopback"):
        LatencyProxy(("192.0.2.1", 5432), delay_ms=10)


def test_connections_beyond_the_limit_are_refused(echo_server):
    with LatencyProxy(echo_server, delay_ms=0, max_connections=1) as proxy:
        with socket.create_connection(("127.0.0.1", proxy.port), timeout=10) as first:
            first.sendall(b"hello")
            assert first.recv(5) == b"hello"
            with socket.create_connection(("127.0.0.1", proxy.port), timeout=10) as second:
                assert second.recv(1) == b""  # closed at once
        assert proxy.refused == 1


def test_the_proxy_stops_by_itself_when_its_lifetime_is_over(echo_server):
    proxy = LatencyProxy(echo_server, delay_ms=0, lifetime_s=0.2).start()
    assert proxy.wait_stopped(10)
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", proxy.port), timeout=10)


def test_the_url_points_at_the_proxy_with_the_same_credentials_and_database(echo_server):
    with LatencyProxy(echo_server, delay_ms=0) as proxy:
        url = proxy.proxied_url("postgresql://user:secret@127.0.0.1:5432/photoflow?sslmode=off")
    assert url == f"postgresql://user:secret@127.0.0.1:{proxy.port}/photoflow?sslmode=off"


def test_it_counts_each_question_answered_as_one_round_trip(echo_server):
    with LatencyProxy(echo_server, delay_ms=0) as proxy:
        with socket.create_connection(("127.0.0.1", proxy.port), timeout=10) as conn:
            for question in (b"one", b"two", b"three"):
                conn.sendall(question)
                assert conn.recv(65536) == question  # small: one chunk each way
        assert proxy.round_trips == 3
