"""Read a postgresql:// URL into connection parameters, carefully; mask it for display.

A URL that cannot be read (an unencoded `#`, `/`, `?` or `@` in the password, a port that is
no number from 1 to 65535) is refused with one line that never repeats any part of the URL,
because the part that broke the parser is usually the password. Prisma's own options are
accepted and dropped; libpq's options (sslmode, sslrootcert, …) go to every connection and to
pg_dump/psql/pg_restore through their PG* environment variables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from photoflow_desktop.domain.errors import DatabaseConnectionError

POSTGRES_SCHEMES = ("postgresql", "postgres")
# Prisma's URL options (prisma.io "Connection URLs"); libpq would refuse them as unknown.
PRISMA_ONLY_OPTIONS = frozenset(
    {
        "connection_limit",
        "pool_timeout",
        "schema",
        "pgbouncer",
        "socket_timeout",
        "sslaccept",
        "sslidentity",
        "statement_cache_size",
        "max_connection_lifetime",
        "max_idle_connection_lifetime",
        "single_use_connections",
    }
)
# libpq connection options a child tool reads from its environment (the libpq manual, 34.15).
LIBPQ_ENV_VARS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "sslcrldir": "PGSSLCRLDIR",
    "sslsni": "PGSSLSNI",
    "sslcompression": "PGSSLCOMPRESSION",
    "ssl_min_protocol_version": "PGSSLMINPROTOCOLVERSION",
    "ssl_max_protocol_version": "PGSSLMAXPROTOCOLVERSION",
    "sslcertmode": "PGSSLCERTMODE",
    "channel_binding": "PGCHANNELBINDING",
    "gssencmode": "PGGSSENCMODE",
    "require_auth": "PGREQUIREAUTH",
    "requirepeer": "PGREQUIREPEER",
    "krbsrvname": "PGKRBSRVNAME",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
    "hostaddr": "PGHOSTADDR",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "options": "PGOPTIONS",
}
SECRET_OPTIONS = frozenset({"password", "sslpassword"})
TLS_FILE_OPTIONS = ("sslrootcert", "sslcert", "sslkey", "sslcrl")
ENCODING_HINT = (
    "percent-encode special characters in the user name and password "
    "(# as %23, / as %2F, ? as %3F, @ as %40, : as %3A), or leave the password out of the URL "
    "and put it in PGPASSWORD or ~/.pgpass"
)


class DatabaseUrlError(DatabaseConnectionError):
    """A database URL that cannot be read; the message never contains any part of the URL."""


@dataclass(frozen=True)
class PostgresParams:
    """Where a PostgreSQL database is; `libpq_env()` hands it to pg_dump/psql without argv."""

    host: str
    port: int
    user: str
    password: str | None
    dbname: str
    options: dict = field(default_factory=dict)

    @property
    def where(self) -> str:
        """'host:port' for messages."""
        return f"{self.host}:{self.port}"

    @property
    def declares_pgbouncer(self) -> bool:
        """True when the URL says `pgbouncer=true` (Prisma's flag for a transaction pooler)."""
        return str(self.options.get("pgbouncer", "")).lower() in ("true", "1", "yes")

    @property
    def schema(self) -> str | None:
        """Prisma's `schema=` option when it names a schema other than public."""
        schema = self.options.get("schema")
        return schema if schema and schema != "public" else None

    def libpq_options(self) -> dict[str, str]:
        """The URL's options libpq understands (Prisma's own dropped)."""
        return {k: v for k, v in self.options.items() if k not in PRISMA_ONLY_OPTIONS}

    def libpq_env(self) -> dict[str, str]:
        """PG* environment variables for a child process (the password travels only here)."""
        env = {"PGHOST": self.host, "PGPORT": str(self.port), "PGDATABASE": self.dbname}
        if self.user:
            env["PGUSER"] = self.user
        if self.password:
            env["PGPASSWORD"] = self.password
        for option, value in self.libpq_options().items():
            if option in LIBPQ_ENV_VARS and value:
                env[LIBPQ_ENV_VARS[option]] = value
        return env

    def connect_kwargs(self, **defaults) -> dict:
        """psycopg2.connect() keywords: `defaults`, overridden by the URL's libpq options."""
        return {
            **defaults,
            **self.libpq_options(),
            "host": self.host,
            "port": self.port,
            "user": self.user or None,
            "password": self.password,
            "dbname": self.dbname,
        }

    def mask(self, text: str) -> str:
        """`text` with the password (plain and percent-encoded) replaced by ***."""
        for secret in (self.password, self.options.get("sslpassword")):
            if secret:
                text = text.replace(secret, "***").replace(quote(secret, safe=""), "***")
        return text


def _refuse(reason: str) -> DatabaseUrlError:
    return DatabaseUrlError(
        "The database URL cannot be read: {reason}; {ENCODING_HINT}",
        reason=reason,
        ENCODING_HINT=ENCODING_HINT,
    )


def postgres_params(url: str) -> PostgresParams:
    """Split a postgresql:// URL into connection parameters (DatabaseUrlError if unreadable)."""
    scheme, separator, rest = url.partition("://")
    if not separator or scheme.lower() not in POSTGRES_SCHEMES:
        raise _refuse("it does not start with postgresql://")
    if "#" in rest:
        raise _refuse("it contains a # character")
    try:
        parts = urlsplit(url)
        port = parts.port
        hostname = parts.hostname
    except ValueError:
        raise _refuse("its host or port is not valid (the port must be 1 to 65535)") from None
    if port == 0:
        raise _refuse("its port is not valid (the port must be 1 to 65535)")
    if "@" in parts.path or any("@" in key for key, _ in parse_qsl(parts.query, True)):
        raise _refuse("an @ follows a / or ?, so the password or database name is cut")
    options = dict(parse_qsl(parts.query, keep_blank_values=True))
    query_password = options.pop("password", None)  # libpq also takes ?password=
    host = unquote(hostname or "") or options.pop("host", "") or "localhost"
    options.pop("host", None)
    return PostgresParams(
        host=host,
        port=port or 5432,
        user=unquote(parts.username or ""),
        password=unquote(parts.password) if parts.password is not None else query_password,
        dbname=unquote(parts.path.lstrip("/")) or "postgres",
        options=options,
    )


def mask_postgres_url(url: str) -> str:
    """The URL with every secret replaced by ***; a URL that cannot be read is not shown at all."""
    try:
        postgres_params(url)
    except DatabaseUrlError:
        return "<unreadable database URL, not shown>"
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.password is not None:
        host = netloc.rpartition("@")[2]
        netloc = f"{parts.username or ''}:***@{host}"
    query = "&".join(
        f"{item.partition('=')[0]}=***"
        if unquote(item.partition("=")[0]).lower() in SECRET_OPTIONS
        else item
        for item in parts.query.split("&")
        if item
    )
    return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "")
