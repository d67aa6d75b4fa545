"""Commands that write tell the web app's open pages to reload, as the pages do after a write."""

from __future__ import annotations

import functools
import logging
import sys
import time

from photoflow_desktop.config import resolve_socketio_url

log = logging.getLogger(__name__)


def announces_change(handler):
    """Decorate a command handler that writes: after it succeeds, emit `database-change`."""

    @functools.wraps(handler)
    def run(args) -> int:
        code = handler(args)
        if code == 0:
            tell_web_app()
        return code

    return run


def tell_web_app() -> None:
    """Emit `database-change` to the configured socket.io server; a note on stderr if it fails.

    Waits at most ANNOUNCE_TIMEOUT seconds and never fails the command: the data is written.
    """
    resolved = resolve_socketio_url()
    if resolved is None:
        return
    # imported only when a link is set: python-socketio takes ~180 ms to import
    from photoflow_desktop.sync.socketio_link import ANNOUNCE_TIMEOUT, announce_change

    started = time.monotonic()
    problem = announce_change(resolved.url)
    log.info("web app link: announced in %.0f ms", (time.monotonic() - started) * 1000)
    if problem:
        print(
            f"photoflow: note: the web app's live refresh at {resolved.url} "
            f"({resolved.source}) was not told of this change ({problem}, waited at most "
            f"{ANNOUNCE_TIMEOUT:g} s); its open pages show it after a reload",
            file=sys.stderr,
        )
