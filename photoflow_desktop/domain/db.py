"""Open a Peewee database from a URL (SQLite or PostgreSQL) and bind it to the models' proxy."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import peewee
from playhouse.pool import PooledPostgresqlDatabase

from photoflow_desktop.domain.errors import DatabaseConnectionError
from photoflow_desktop.domain.sqlite_database import BUSY_TIMEOUT_MS, PhotoflowSqliteDatabase

database_proxy = peewee.DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "cache_size": -64000,
    "busy_timeout": BUSY_TIMEOUT_MS,
}
APPLICATION_NAME = "PhotoFlow Desktop"
# Prisma-only URL options; everything else in the query string goes to libpq as-is.
PRISMA_ONLY_OPTIONS = {"connection_limit", "pool_timeout", "schema", "pgbouncer", "socket_timeout"}


@dataclass(frozen=True)
class PostgresParams:
    """Where a PostgreSQL database is; `libpq_env()` hands it to pg_dump/psql without argv."""

    host: str
    port: int
    user: str
    password: str | None
    dbname: str
    options: dict

    def libpq_env(self) -> dict[str, str]:
        """PG* environment variables for a child process (the password travels only here)."""
        env = {"PGHOST": self.host, "PGPORT": str(self.port), "PGDATABASE": self.dbname}
        if self.user:
            env["PGUSER"] = self.user
        if self.password:
            env["PGPASSWORD"] = self.password
        if self.options.get("sslmode"):
            env["PGSSLMODE"] = self.options["sslmode"]
        return env

    def connect_kwargs(self, **defaults) -> dict:
        """psycopg2.connect() keywords: `defaults`, overridden by the URL's libpq options."""
        libpq = {k: v for k, v in self.options.items() if k not in PRISMA_ONLY_OPTIONS}
        return {
            **defaults,
            **libpq,
            "host": self.host,
            "port": self.port,
            "user": self.user or None,
            "password": self.password,
            "dbname": self.dbname,
        }


def url_scheme(url: str) -> str:
    """'sqlite' or 'postgresql'; raises DatabaseConnectionError for anything else."""
    scheme = urlsplit(url).scheme.lower()
    if scheme == "sqlite":
        return "sqlite"
    if scheme in ("postgresql", "postgres"):
        return "postgresql"
    raise DatabaseConnectionError(
        f"Unknown database URL scheme '{scheme or '(none)'}': use sqlite:///path/to/file.db "
        "or postgresql://user:password@host:5432/database"
    )


def sqlite_path(url: str) -> Path:
    """The file of a SQLite URL: sqlite:///relative.db or sqlite:////absolute/path.db."""
    parts = urlsplit(url)
    path = unquote(parts.netloc + parts.path)
    path = path[1:] if path.startswith("/") and not parts.netloc else path
    if not path or path == ":memory:":
        raise DatabaseConnectionError(
            "The SQLite URL names no file: use sqlite:////path/to/file.db"
        )
    return Path(path).expanduser()


def postgres_params(url: str) -> PostgresParams:
    """Split a postgresql:// URL into connection parameters."""
    parts = urlsplit(url)
    options = dict(parse_qsl(parts.query))
    query_password = options.pop("password", None)  # libpq also takes ?password=
    return PostgresParams(
        host=parts.hostname or "localhost",
        port=parts.port or 5432,
        user=unquote(parts.username or ""),
        password=unquote(parts.password) if parts.password is not None else query_password,
        dbname=unquote(parts.path.lstrip("/")) or "postgres",
        options=options,
    )


def open_database(url: str, connect: bool = True) -> peewee.Database:
    """A Peewee database for `url`; with `connect`, checks it answers (DatabaseConnectionError)."""
    if url_scheme(url) == "sqlite":
        database = _open_sqlite(sqlite_path(url))
    else:
        database = _open_postgres(postgres_params(url))
    if connect:
        try:
            database.connect(reuse_if_open=True)
        except peewee.OperationalError as exc:
            raise DatabaseConnectionError(describe_connection_error(exc, url)) from None
    return database


def _open_sqlite(path: Path) -> peewee.SqliteDatabase:
    if not path.parent.exists():
        old_umask = os.umask(0o077)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        finally:
            os.umask(old_umask)
    if not path.exists():
        # Data files are readable by the user only (like Vorta's init_db).
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    database = PhotoflowSqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, check_same_thread=False)
    # SQLite's LOWER knows only ASCII; search uses Python's Unicode-aware lowering instead.
    database.register_function(_unicode_lower, "pf_lower", 1, deterministic=True)
    return database


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


def _open_postgres(params: PostgresParams) -> peewee.PostgresqlDatabase:
    kwargs = params.connect_kwargs(connect_timeout="5", application_name=APPLICATION_NAME)
    del kwargs["dbname"]  # peewee takes it as the first argument
    kwargs["options"] = "-c timezone=UTC"  # timestamps are naive UTC, as Prisma stores them
    if params.options.get("schema"):
        kwargs["options"] += f" -c search_path={params.options['schema']}"
    limit = params.options.get("connection_limit")
    if limit:
        if not limit.isdigit() or int(limit) < 1:
            raise DatabaseConnectionError(
                f"connection_limit={limit} in the database URL must be a whole number of 1 or more"
            )
        return PooledPostgresqlDatabase(
            params.dbname, max_connections=int(limit), stale_timeout=300, **kwargs
        )
    return peewee.PostgresqlDatabase(params.dbname, **kwargs)


def describe_connection_error(exc: Exception, url: str) -> str:
    """One line saying what went wrong and what to check, with the password masked."""
    from photoflow_desktop.config import mask_url

    text = str(exc).strip()
    masked = mask_url(url)
    lowered = text.lower()
    if url_scheme(url) == "sqlite":
        hint = " (is the disk full?)" if "disk i/o error" in lowered else ""
        return f"Cannot open the SQLite database {sqlite_path(url)}: {text.splitlines()[0]}{hint}"
    params = postgres_params(url)
    where = f"{params.host}:{params.port}"
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        message = (
            f"The server at {where} refused user '{params.user}': check the user name and "
            f"password in {masked}"
        )
    elif "does not exist" in lowered and "database" in lowered:
        message = (
            f"The server at {where} has no database '{params.dbname}': create it "
            f"(CREATE DATABASE {params.dbname};) or fix the name in {masked}"
        )
    elif "role" in lowered and "does not exist" in lowered:
        message = f"The server at {where} has no user '{params.user}': check {masked}"
    elif any(
        hint in lowered
        for hint in ("connection refused", "could not connect", "timeout", "could not translate")
    ):
        message = (
            f"Cannot reach the PostgreSQL server at {where}: check that it is running and that "
            "the host name, port and firewall allow the connection"
        )
    else:
        first_line = text.splitlines()[0] if text else type(exc).__name__
        message = f"Cannot open {masked}: {first_line}"
    if params.password:
        message = message.replace(params.password, "***")
    return message


_bind_hooks: list[Callable[[peewee.Database], None]] = []


def on_bind(hook: Callable[[peewee.Database], None]) -> None:
    """Call `hook(database)` on every bind, and now if one is bound (models place their schema)."""
    _bind_hooks.append(hook)
    if database_proxy.obj is not None:
        hook(database_proxy.obj)


def bind(database: peewee.Database) -> None:
    """Make `database` the one every model uses (the caller opens it and injects it)."""
    database_proxy.initialize(database)
    for hook in _bind_hooks:
        hook(database)


def is_postgres(database) -> bool:
    """True when `database` (or the proxy's target) is PostgreSQL."""
    target = database.obj if isinstance(database, peewee.DatabaseProxy) else database
    return isinstance(target, peewee.PostgresqlDatabase)
