"""Is there a connection pooler (PgBouncer, Supavisor, a managed pool) between us and PostgreSQL?

Behind a transaction pooler nothing that needs a session works: LISTEN never delivers, and
pg_dump/psql/pg_restore and the restore's single transaction need one server connection for
their whole run. We find out by sending a harmless startup parameter
(`options=-c photoflow.pooler_probe=on`) and reading it back:
- PostgreSQL itself accepts it and shows it (no pooler: a NAT or TCP proxy is no pooler);
- PgBouncer with its default settings refuses the connection ("unsupported startup
  parameter: options", its own wording, so we can name it);
- a pooler told to ignore it (PgBouncer's ignore_startup_parameters, other poolers) connects
  but the setting is missing.
A URL with Prisma's `pgbouncer=true` is taken at its word. Results are kept per
host/port/database/user for the life of the process (a pooler does not come and go).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from photoflow_desktop.domain.db import describe_postgres_error
from photoflow_desktop.domain.errors import DatabaseConnectionError, Message, Phrase
from photoflow_desktop.domain.pg_driver import load_psycopg2
from photoflow_desktop.domain.pg_url import PostgresParams

log = logging.getLogger(__name__)

PROBE_SETTING = "photoflow.pooler_probe"
PGBOUNCER = "PgBouncer"


@dataclass(frozen=True)
class PoolerInfo:
    """What sits in front of the server: `pooler` True/False, its `name` if known, and why."""

    pooler: bool
    name: str | None
    evidence: str  # a Phrase: shown translated

    @property
    def label(self) -> str:
        """'PgBouncer' or 'a connection pooler'."""
        return self.name or Phrase("a connection pooler")


DIRECT = PoolerInfo(
    False, None, Phrase("the server keeps startup parameters: no pooler in between")
)
_known: dict[tuple, PoolerInfo] = {}
_lock = threading.Lock()


def detect_pooler(params: PostgresParams, connect_timeout: int = 5) -> PoolerInfo:
    """Probe (once per process and address) whether a pooler answers at `params`."""
    key = (params.host, params.port, params.dbname, params.user)
    with _lock:
        if key in _known:
            return _known[key]
    info = _probe(params, connect_timeout)
    with _lock:
        _known[key] = info
    return info


def _probe(params: PostgresParams, connect_timeout: int) -> PoolerInfo:
    if params.declares_pgbouncer:
        return PoolerInfo(True, PGBOUNCER, Phrase("the URL says pgbouncer=true"))
    kwargs = params.connect_kwargs(
        connect_timeout=connect_timeout, application_name="PhotoFlow Desktop probe"
    )
    kwargs["options"] = f"-c {PROBE_SETTING}=on"
    psycopg2 = load_psycopg2()
    try:
        connection = psycopg2.connect(**kwargs)
    except psycopg2.Error as exc:
        if "unsupported startup parameter" in str(exc).lower():
            return PoolerInfo(
                True,
                PGBOUNCER,
                Phrase("it refused the startup parameter 'options', as PgBouncer does"),
            )
        raise DatabaseConnectionError(describe_postgres_error(exc, params)) from None
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_catalog.current_setting(%s, true)", (PROBE_SETTING,))
            kept = cursor.fetchone()[0] == "on"
    finally:
        connection.close()
    if kept:
        return DIRECT
    return PoolerInfo(True, None, Phrase("the startup parameter 'options' was dropped on the way"))


def session_refusal(operation: str, info: PoolerInfo, params: PostgresParams) -> Message:
    """The one line that refuses `operation` behind a pooler and says what to configure."""
    return Message(
        "{operation} needs its own session on the PostgreSQL server, which {pooler} at "
        "{where} cannot give: set DIRECT_URL (or PHOTOFLOW_DIRECT_URL) to the "
        "server's own address, e.g. postgresql://USER:PASSWORD@DB-HOST:5432/"
        "{dbname} (Prisma's directUrl)",
        operation=Phrase(operation),
        pooler=info.label,
        where=params.where,
        dbname=params.dbname,
    )
