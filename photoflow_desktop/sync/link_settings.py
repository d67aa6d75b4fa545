"""What the web app link is set to and what state it reports (light: no network code here)."""

from __future__ import annotations

from enum import Enum
from urllib.parse import urlsplit

from photoflow_desktop.domain.errors import PhotoflowError


class LinkUrlError(PhotoflowError):
    """The configured socket.io address is not an http(s) address."""


class LinkState(Enum):
    """What the status bar says about the link."""

    OFF = "off"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"


def link_url(text: str) -> str:
    """The server address to connect to: `studio-pc:3000` becomes `http://studio-pc:3000`."""
    text = text.strip()
    if "://" not in text:
        text = f"http://{text}"
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 — raises ValueError on a bad port
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise LinkUrlError(
            "The web app link address '{text}' is not a web address like http://studio-pc:3000; "
            "correct PHOTOFLOW_SOCKETIO_URL or the saved setting",
            text=text,
        )
    return text
