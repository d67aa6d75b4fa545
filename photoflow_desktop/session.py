"""Open the configured database for a CLI command or the GUI: resolve, connect, bind."""

from __future__ import annotations

from dataclasses import dataclass

import peewee

from photoflow_desktop.config import ResolvedUrl, mask_url, resolve_database_url
from photoflow_desktop.domain.db import bind, open_database, url_scheme


@dataclass
class Session:
    """The open database and the URL it came from."""

    resolved: ResolvedUrl
    database: peewee.Database

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


def open_session(cli_url: str | None = None) -> Session:
    """Resolve the database URL, open it (DatabaseConnectionError on failure) and bind it."""
    resolved = resolve_database_url(cli_url)
    database = open_database(resolved.url)
    bind(database)
    return Session(resolved, database)
