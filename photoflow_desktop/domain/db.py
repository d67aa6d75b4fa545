"""Open a Peewee database from a URL (SQLite or PostgreSQL) and bind it to the models' proxy."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import peewee

from photoflow_desktop.domain.errors import DatabaseConnectionError, Message
from photoflow_desktop.domain.pg_driver import load_psycopg2
from photoflow_desktop.domain.pg_url import (
    POSTGRES_SCHEMES,
    PostgresParams,
    mask_postgres_url,
    postgres_params,
)
from photoflow_desktop.domain.sqlite_database import BUSY_TIMEOUT_MS, PhotoflowSqliteDatabase

database_proxy = peewee.DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "cache_size": -64000,
    "busy_timeout": BUSY_TIMEOUT_MS,
}
APPLICATION_NAME = "PhotoFlow Desktop"

__all__ = [
    "APPLICATION_NAME",
    "PostgresParams",
    "bind",
    "database_proxy",
    "describe_connection_error",
    "describe_postgres_error",
    "is_postgres",
    "open_database",
    "postgres_params",
    "sqlite_path",
    "url_scheme",
]


def url_scheme(url: str) -> str:
    """'sqlite' or 'postgresql'; raises DatabaseConnectionError for anything else."""
    scheme = url.partition(":")[0].lower() if ":" in url else ""
    if scheme == "sqlite":
        return "sqlite"
    if scheme in POSTGRES_SCHEMES:
        return "postgresql"
    raise DatabaseConnectionError(
        "Unknown database URL scheme '{value}': use sqlite:///path/to/file.db or postgresql://user:password@host:5432/database",
        value=scheme or "(none)",
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
    """No startup `options` and no session SET: the same through PgBouncer's transaction mode.

    Timestamps are naive UTC written from Python into `timestamp` columns, so the session's
    TimeZone never matters; only a non-public Prisma `schema=` needs a search_path.
    """
    load_psycopg2()
    kwargs = params.connect_kwargs(connect_timeout="5", application_name=APPLICATION_NAME)
    del kwargs["dbname"]  # peewee takes it as the first argument
    if params.schema:
        if params.declares_pgbouncer:
            raise DatabaseConnectionError(
                "schema={schema} cannot be sent through a pooler (pgbouncer=true): set it for "
                "the user instead (ALTER ROLE {value} SET search_path = {schema}) and drop "
                "schema= from the URL",
                schema=params.schema,
                value=params.user or "the_user",
            )
        kwargs["options"] = f"-c search_path={params.schema}"
    limit = params.options.get("connection_limit")
    if limit:
        if not limit.isdigit() or int(limit) < 1:
            raise DatabaseConnectionError(
                "connection_limit={limit} in the database URL must be a whole number of 1 or more",
                limit=limit,
            )
        from playhouse.pool import PooledPostgresqlDatabase  # only for connection_limit=

        return PooledPostgresqlDatabase(
            params.dbname, max_connections=int(limit), stale_timeout=300, **kwargs
        )
    return peewee.PostgresqlDatabase(params.dbname, **kwargs)


def describe_connection_error(exc: Exception, url: str) -> Message:
    """One line saying what went wrong and what to check, with the password masked.

    A Message: str() is the English sentence; i18n.messages.user_message (or a
    DatabaseConnectionError built from it) gives the user's language.
    """
    text = str(exc).strip()
    if url_scheme(url) == "sqlite":
        template = "Cannot open the SQLite database {path}: {problem}"
        if "disk i/o error" in text.lower():
            template += " (is the disk full?)"
        return Message(template, path=sqlite_path(url), problem=text.splitlines()[0])
    return describe_postgres_error(exc, postgres_params(url), mask_postgres_url(url))


def describe_postgres_error(exc: Exception, params: PostgresParams, masked: str = "") -> Message:
    """describe_connection_error for parsed parameters (`masked`: the URL as it may be shown)."""
    text = str(exc).strip()
    masked = masked or f"postgresql://{params.user}@{params.where}/{params.dbname}"
    message = tls_problem(text, params) or _login_problem(text.lower(), params, masked)
    if message is None:
        first_line = text.splitlines()[0] if text else type(exc).__name__
        message = Message("Cannot open {url}: {problem}", url=masked, problem=first_line)
    return _masked(message, params)


def _masked(message: Message, params: PostgresParams) -> Message:
    """`message` with the password taken out of every text it holds."""
    return Message(
        message.template,
        **{
            name: params.mask(value) if isinstance(value, str) else value
            for name, value in message.params.items()
        },
    )


def _login_problem(lowered: str, params: PostgresParams, masked: str) -> Message | None:
    where, user, dbname = params.where, params.user, params.dbname
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return Message(
            "The server at {where} refused user '{user}': check the user name and "
            "password in {url}",
            where=where,
            user=user,
            url=masked,
        )
    if "does not exist" in lowered and "database" in lowered:
        return Message(
            "The server at {where} has no database '{dbname}': create it "
            "(CREATE DATABASE {dbname};) or fix the name in {url}",
            where=where,
            dbname=dbname,
            url=masked,
        )
    if "role" in lowered and "does not exist" in lowered:
        return Message(
            "The server at {where} has no user '{user}': check {url}",
            where=where,
            user=user,
            url=masked,
        )
    if "unsupported startup parameter" in lowered:
        return Message(
            "The pooler at {where} refuses startup parameters: remove options= from the URL, "
            "and set a schema other than public for the user instead of with schema= "
            "(ALTER ROLE … SET search_path)",
            where=where,
        )
    if any(
        hint in lowered
        for hint in ("connection refused", "could not connect", "timeout", "could not translate")
    ):
        return Message(
            "Cannot reach the PostgreSQL server at {where}: check that it is running and that "
            "the host name, port and firewall allow the connection",
            where=where,
        )
    return None


def tls_problem(text: str, params: PostgresParams) -> Message | None:
    """One line for a TLS failure (wrong CA, host name, missing file), or None if it is none."""
    lowered = text.lower()
    where = params.where
    rootcert = params.options.get("sslrootcert") or "~/.postgresql/root.crt"
    sslmode = params.options.get("sslmode")
    if "certificate verify failed" in lowered:
        return Message(
            "The server at {where} presented a certificate that the CA in sslrootcert="
            "{rootcert} did not sign, so the connection was refused: point sslrootcert at the "
            "CA that signed the server's certificate",
            where=where,
            rootcert=rootcert,
        )
    if "does not match host name" in lowered or "no san entries match" in lowered:
        return Message(
            "The server's certificate is not issued for the host name '{host}' "
            "(sslmode=verify-full checks it): connect by the name in the certificate, or use "
            "sslmode=verify-ca",
            host=params.host,
        )
    if "root certificate file" in lowered and "does not exist" in lowered:
        return Message(
            "sslmode={sslmode} needs the CA file {rootcert}, which does not exist: set "
            "sslrootcert=/path/to/ca.pem in the URL",
            sslmode=sslmode or "verify-ca",
            rootcert=rootcert,
        )
    if "server does not support ssl" in lowered:
        return Message(
            "The server at {where} does not offer TLS but sslmode={sslmode} requires it: "
            "enable ssl on the server or lower sslmode",
            where=where,
            sslmode=sslmode,
        )
    for option, kind in (("sslcert", "certificate"), ("sslkey", "private key")):
        if f"could not open {kind} file" in lowered:
            return Message(
                "The client {option} file {path} cannot be read",
                option=option,
                path=params.options.get(option, "?"),
            )
    if "ssl" in lowered and ("error" in lowered or "handshake" in lowered):
        return Message(
            "The TLS handshake with {where} failed: {problem}",
            where=where,
            problem=text.splitlines()[0],
        )
    return None


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
