"""Open the configured database for a CLI command or the GUI: resolve, connect, bind."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import peewee

from photoflow_desktop.config import (
    ResolvedUrl,
    mask_url,
    resolve_database_url,
    resolve_direct_url,
)
from photoflow_desktop.domain.db import bind, open_database, postgres_params, url_scheme

log = logging.getLogger(__name__)


@dataclass
class Session:
    """The open database and the URL it came from."""

    resolved: ResolvedUrl
    database: peewee.Database
    direct: ResolvedUrl | None = None  # the direct (unpooled) URL, when one is configured

    @property
    def url(self) -> str:
        """The full URL (contains the password: never show it, use `display_url`)."""
        return self.resolved.url

    @property
    def display_url(self) -> str:
        """The URL with its password masked."""
        return mask_url(self.resolved.url)

    @property
    def backend(self) -> str:
        """'sqlite' or 'postgresql'."""
        return url_scheme(self.resolved.url)

    @property
    def direct_url(self) -> str | None:
        """The direct URL for sessions (LISTEN, pg_dump, …), or None (see `usable_direct_url`)."""
        return usable_direct_url(self.resolved.url, self.direct)

    def close(self) -> None:
        """Close the database connection(s)."""
        if not self.database.is_closed():
            self.database.close()

    def __enter__(self) -> Session:
        """`with open_session(url) as session:` closes the database when the block ends."""
        return self

    def __exit__(self, *exc_info) -> None:
        """Close the database (exceptions pass through)."""
        self.close()


def usable_direct_url(url: str, direct: ResolvedUrl | None) -> str | None:
    """`direct`'s URL when it serves the same PostgreSQL database as `url`, else None.

    A DIRECT_URL left in the environment for another database must never receive a restore:
    a direct URL naming another database than the board's is ignored (and logged).
    """
    if direct is None or url_scheme(url) != "postgresql":
        return None
    if url_scheme(direct.url) != "postgresql":
        log.warning("the direct URL from %s is not a PostgreSQL URL: ignored", direct.source)
        return None
    wanted, offered = postgres_params(url).dbname, postgres_params(direct.url).dbname
    if wanted != offered:
        log.warning(
            "the direct URL from %s names database %r, the board %r: ignored",
            direct.source,
            offered,
            wanted,
        )
        return None
    return direct.url


def open_session(cli_url: str | None = None, direct: bool = False) -> Session:
    """Resolve the database URL, open it (DatabaseConnectionError on failure) and bind it.

    With `direct` (migrations), the models are bound to the direct URL when one is usable.
    """
    resolved = resolve_database_url(cli_url)
    direct_url = resolve_direct_url()
    usable = usable_direct_url(resolved.url, direct_url) if direct else None
    database = open_database(usable or resolved.url)
    bind(database)
    return Session(resolved, database, direct_url)
