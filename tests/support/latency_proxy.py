"""A TCP proxy on loopback that delays every byte by a fixed time each way (Wi-Fi, VPN, far server).

    with LatencyProxy(("127.0.0.1", 5432), delay_ms=10) as proxy:
        url = proxy.proxied_url("postgresql://postgres@127.0.0.1:5432/db")

It runs an asyncio loop in a thread of its own, so a blocked UI thread does not stop the traffic.
Each direction of a connection is a reader that stamps every chunk with its arrival time and a
writer that sends it `delay_ms` later: a constant one-way delay that does not pile up when chunks
come in quick succession (a simple sleep-then-forward would add the delays up). Bounded: it only
listens on and connects to loopback, refuses connections beyond `max_connections`, and stops by
itself after `lifetime_s` seconds (a test that forgets it cannot leave it running).
`round_trips` counts the exchanges it carried: each time a client speaks again after its server
answered (or for the first time), one more — what a statement costs on a slow network.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import threading
import time
from urllib.parse import urlsplit, urlunsplit

CHUNK = 65536


class LatencyProxy:
    """Forward 127.0.0.1:<port> to `upstream`, adding `delay_ms` in each direction."""

    def __init__(
        self,
        upstream: tuple[str, int],
        delay_ms: float,
        max_connections: int = 32,
        lifetime_s: float = 900.0,
    ):
        host, port = upstream
        if not ipaddress.ip_address(host).is_loopback:
            raise ValueError(f"the latency proxy only forwards to loopback, not {host}")
        self.upstream = (host, port)
        self.delay = delay_ms / 1000
        self.max_connections = max_connections
        self.lifetime = lifetime_s
        self.port = 0
        self.connections = 0  # currently open
        self.refused = 0
        self.round_trips = 0  # client messages that followed an answer, on every connection
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="latency-proxy", daemon=True)
        self._ready = threading.Event()
        self._stopped: asyncio.Event | None = None
        self._error: BaseException | None = None

    # -- control (from the test's thread) ---------------------------------------------------
    def start(self) -> LatencyProxy:
        """Listen on a free loopback port (self.port) and start forwarding."""
        self._thread.start()
        self._ready.wait(10)
        if self._error is not None:
            raise self._error
        return self

    def stop(self) -> None:
        """Close the listener and every connection; returns when the thread has ended."""
        if self._thread.is_alive() and self._stopped is not None:
            self._loop.call_soon_threadsafe(self._stopped.set)
            self._thread.join(10)

    def wait_stopped(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for the proxy to end; True if it has."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def proxied_url(self, url: str) -> str:
        """`url` with its host and port replaced by the proxy's."""
        parts = urlsplit(url)
        credentials = parts.netloc.rpartition("@")[0]
        netloc = f"{credentials}@127.0.0.1:{self.port}" if credentials else f"127.0.0.1:{self.port}"
        return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))

    def __enter__(self) -> LatencyProxy:
        """Start on entering a `with` block."""
        return self.start()

    def __exit__(self, *exc_info) -> None:
        """Stop on leaving it."""
        self.stop()

    # -- the loop's thread ------------------------------------------------------------------
    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._serve())
        finally:
            self._loop.close()

    async def _serve(self) -> None:
        self._stopped = asyncio.Event()
        try:
            server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        except OSError as exc:
            self._error = exc
            self._ready.set()
            return
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        with contextlib.suppress(TimeoutError):  # lifetime over: stop by ourselves
            await asyncio.wait_for(self._stopped.wait(), self.lifetime)
        server.close()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await server.wait_closed()

    async def _accept(self, client_reader, client_writer) -> None:
        if self.connections >= self.max_connections:
            self.refused += 1
            client_writer.close()
            return
        self.connections += 1
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.upstream)
        except OSError:
            self.connections -= 1
            client_writer.close()
            return
        try:
            turn = ["server"]  # who spoke last on this connection
            await asyncio.gather(
                self._pipe(client_reader, server_writer, turn, "client"),
                self._pipe(server_reader, client_writer, turn, "server"),
            )
        except asyncio.CancelledError:
            pass  # stopping: asyncio would log a cancelled connection handler as an error
        finally:
            self.connections -= 1
            for writer in (client_writer, server_writer):
                writer.close()

    async def _pipe(self, reader, writer, turn: list[str], side: str) -> None:
        """Copy one direction, each chunk sent `delay` after it arrived (order kept)."""
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def send() -> None:
            while True:
                arrived, data = await queue.get()
                wait = arrived + self.delay - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                if not data:
                    if writer.can_write_eof():
                        writer.write_eof()
                    return
                writer.write(data)
                await writer.drain()

        sender = asyncio.create_task(send())
        try:
            while True:
                try:
                    data = await reader.read(CHUNK)
                except ConnectionError:
                    data = b""
                await queue.put((time.monotonic(), data))
                if not data:
                    break
                if turn[0] != side:
                    turn[0] = side
                    self.round_trips += side == "client"
            await sender
        except ConnectionError:
            pass
        finally:
            sender.cancel()
