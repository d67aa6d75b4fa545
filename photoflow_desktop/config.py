"""Resolve which database to open (DESIGN.md §3) and remember the user's choice."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from dotenv import dotenv_values

from photoflow_desktop.domain.pg_url import POSTGRES_SCHEMES, mask_postgres_url
from photoflow_desktop.partial_files import written_whole
from photoflow_desktop.paths import user_config_dir, user_data_dir

URL_ENV_VARS = ("PHOTOFLOW_DATABASE_URL", "DATABASE_URL")
DIRECT_URL_ENV_VARS = ("PHOTOFLOW_DIRECT_URL", "DIRECT_URL")  # DIRECT_URL: Prisma's name
DIRECT_URL_SETTING = "direct_url"
SOCKETIO_URL_ENV_VAR = "PHOTOFLOW_SOCKETIO_URL"
SOCKETIO_URL_SETTING = "socketio_url"
SETTINGS_FILE_NAME = "settings.json"
UNREADABLE_URL = "<unreadable URL, not shown>"
_PASSWORD_PARAMETER = re.compile(r"(?i)((?:^|&)(?:ssl)?password=)[^&]*")


@dataclass(frozen=True)
class ResolvedUrl:
    """A database URL and where it came from (shown to the user, e.g. "from DATABASE_URL")."""

    url: str
    source: str


def embedded_default_url() -> str:
    """The SQLite file a new user starts on."""
    return f"sqlite:///{user_data_dir() / 'photoflow.db'}"


def resolve_database_url(cli_url: str | None = None, cwd: Path | None = None) -> ResolvedUrl:
    """First hit wins: --database-url, env vars, .env in cwd, saved setting, embedded default."""
    if cli_url:
        return ResolvedUrl(cli_url, "--database-url")
    found = _from_environment(URL_ENV_VARS, "database_url", cwd)
    return found or ResolvedUrl(embedded_default_url(), "embedded default")


def resolve_direct_url(cwd: Path | None = None) -> ResolvedUrl | None:
    """The direct (unpooled) URL: PHOTOFLOW_DIRECT_URL, DIRECT_URL, .env, saved setting; or None."""
    return _from_environment(DIRECT_URL_ENV_VARS, DIRECT_URL_SETTING, cwd)


def _from_environment(names: tuple[str, ...], setting: str, cwd: Path | None) -> ResolvedUrl | None:
    for name in names:
        if os.environ.get(name):
            return ResolvedUrl(os.environ[name], name)
    env_file = (cwd or Path.cwd()) / ".env"
    if env_file.is_file():
        values = dotenv_values(env_file)
        for name in names:
            if values.get(name):
                return ResolvedUrl(values[name], f".env ({name})")
    saved = load_settings().get(setting)
    if saved:
        return ResolvedUrl(saved, "saved setting")
    return None


def resolve_socketio_url() -> ResolvedUrl | None:
    """The web app's socket.io server: PHOTOFLOW_SOCKETIO_URL, else the saved setting; None: off."""
    if os.environ.get(SOCKETIO_URL_ENV_VAR, "").strip():
        return ResolvedUrl(os.environ[SOCKETIO_URL_ENV_VAR].strip(), SOCKETIO_URL_ENV_VAR)
    saved = load_settings().get(SOCKETIO_URL_SETTING)
    if isinstance(saved, str) and saved.strip():
        return ResolvedUrl(saved.strip(), "saved setting")
    return None


def mask_url(url: str) -> str:
    """The URL with its password (user:PASSWORD@, ?password=) replaced by *** (safe to show).

    A PostgreSQL URL that cannot be read is not shown at all: the part that broke the
    parser is usually the password.
    """
    scheme = url.partition(":")[0].lower()
    if scheme in POSTGRES_SCHEMES:
        return mask_postgres_url(url)
    if scheme == "sqlite":
        return url
    return _mask_other(url)


def _mask_other(url: str) -> str:
    """Another scheme's URL (e.g. the web app's http://): user:***@ and password=*** masked."""
    try:
        parts = urlsplit(url)
        _port = parts.port
    except ValueError:
        return UNREADABLE_URL
    if parts.fragment:  # a # in a password cuts it: the rest would show in the fragment
        return UNREADABLE_URL
    netloc = parts.netloc
    if parts.password is not None:
        netloc = f"{parts.username or ''}:***@{netloc.rpartition('@')[2]}"
    query = _PASSWORD_PARAMETER.sub(r"\1***", parts.query)
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def settings_path() -> Path:
    """The JSON file holding saved settings."""
    return user_config_dir() / SETTINGS_FILE_NAME


def load_settings() -> dict:
    """Saved settings, or {} when none were saved (or the file is unreadable)."""
    try:
        return json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save_setting(key: str, value) -> None:
    """Store one setting; the file is created readable by the user only (it may hold a password)."""
    settings = load_settings()
    settings[key] = value
    path = settings_path()
    with written_whole(path) as temporary:
        temporary.write_text(json.dumps(settings, indent=2), encoding="utf-8")


def load_studio_settings() -> dict:
    """The studio's invoice details as saved (name, address, tax number, IBAN, …), or {}."""
    saved = load_settings().get("studio")
    return saved if isinstance(saved, dict) else {}


def save_studio_settings(details: dict) -> None:
    """Store the studio's invoice details."""
    save_setting("studio", details)
