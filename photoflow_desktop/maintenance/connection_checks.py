"""`db check` on the way to the server: TLS state, a pooler in between, the direct URL.

Kept apart from diagnostics.py's walk through the seed guide: each function answers one
question with Findings, which diagnostics.py turns into its CheckItems.
"""

from __future__ import annotations

import select
import time
import uuid
from typing import NamedTuple

import psycopg2

from photoflow_desktop.config import mask_url
from photoflow_desktop.domain.db import describe_postgres_error, postgres_params
from photoflow_desktop.domain.errors import DatabaseConnectionError, Message, Phrase, message_of
from photoflow_desktop.domain.pg_url import PostgresParams
from photoflow_desktop.domain.pooler import PGBOUNCER, detect_pooler


class Finding(NamedTuple):
    """One answer: `ok` True/False (None: not checked) and the line to show."""

    name: str
    ok: bool | None
    message: str
    warning: bool = False  # worth knowing, not a failure


LISTEN_WAIT_SECONDS = 1.0
SERVER_TLS = "SELECT ssl, version, cipher FROM pg_catalog.pg_stat_ssl WHERE pid = pg_backend_pid()"


def tls_item(connection, params: PostgresParams) -> Finding:
    """How our link is protected: TLS protocol and cipher (libpq's view), and the server's."""
    sslmode = params.options.get("sslmode", "prefer")
    info = connection.info
    if not info.ssl_in_use:
        if sslmode in ("require", "verify-ca", "verify-full"):
            return Finding("tls", True, Message("Not encrypted, sslmode={mode}", mode=sslmode))
        return Finding(
            "tls",
            True,
            Message(
                "Not encrypted, sslmode={mode} (add sslmode=verify-full&sslrootcert=FILE to "
                "require it)",
                mode=sslmode,
            ),
        )
    checked = {
        "verify-full": Phrase("the certificate and the host name were checked"),
        "verify-ca": Phrase("the certificate was checked, not the host name"),
    }.get(sslmode, Phrase("the certificate was NOT checked (use sslmode=verify-full)"))
    with connection.cursor() as cursor:
        cursor.execute(SERVER_TLS)
        row = cursor.fetchone()
    template = "{protocol}, {cipher}; sslmode={mode}: {checked}"
    if row is not None and not row[0]:
        template = (
            "{protocol}, {cipher}; sslmode={mode}: {checked}; the server sees this session "
            "unencrypted (a pooler in between)"
        )
    message = Message(
        template,
        protocol=info.ssl_attribute("protocol"),
        cipher=info.ssl_attribute("cipher"),
        mode=sslmode,
        checked=checked,
    )
    return Finding("tls", True, message)


def pooler_items(url: str, direct_url: str | None) -> list[Finding]:
    """Is a pooler in front of the server, in which mode, and is there a direct URL?"""
    params = postgres_params(url)
    try:
        info = detect_pooler(params)
    except DatabaseConnectionError as exc:
        return [Finding("pooler", False, message_of(exc))]
    items = []
    if not info.pooler:
        items.append(Finding("pooler", True, Message("None: the URL reaches PostgreSQL itself")))
    else:
        name, mode = _pgbouncer_admin(params)
        label = name or info.label
        if not mode:
            mode = _mode_from_listen(params)
            if name:
                mode = Message(
                    "{mode}; PgBouncer's admin console does not let user '{user}' in (add it "
                    "to stats_users to see the configured mode)",
                    mode=mode,
                    user=params.user,
                )
        items.append(
            Finding(
                "pooler",
                True,
                Message(
                    "{label} ({evidence}); pool mode: {mode}",
                    label=label,
                    evidence=info.evidence,
                    mode=mode,
                ),
            )
        )
    if direct_url:
        items.append(_direct_item(direct_url))
    elif info.pooler:
        items.append(
            Finding(
                "direct URL",
                True,
                Message(
                    "None configured, so these will not work: {uses}. Set DIRECT_URL (or "
                    "PHOTOFLOW_DIRECT_URL) to the server's own address",
                    uses=Phrase(
                        "the live board's LISTEN (it falls back to polling about once a "
                        "second); backup, restore and test restore (pg_dump, psql, pg_restore); "
                        "migrate and rollback when the database holds data (they write a backup "
                        "first)"
                    ),
                ),
                warning=True,
            )
        )
    return items


def _direct_item(direct_url: str) -> Finding:
    params = postgres_params(direct_url)
    try:
        info = detect_pooler(params)
    except DatabaseConnectionError as exc:
        return Finding(
            "direct URL",
            False,
            Message("{url}: {problem}", url=mask_url(direct_url), problem=message_of(exc)),
        )
    if info.pooler:
        return Finding(
            "direct URL",
            False,
            Message(
                "{url} also goes through {pooler}: point it at the server",
                url=mask_url(direct_url),
                pooler=info.label,
            ),
        )
    return Finding(
        "direct URL",
        True,
        Message("{url} reaches PostgreSQL itself", url=mask_url(direct_url)),
    )


def _pgbouncer_admin(params: PostgresParams) -> tuple[str | None, str | None]:
    """(name, pool mode) from PgBouncer's admin console, as far as it lets us in."""
    kwargs = params.connect_kwargs(connect_timeout=5)
    kwargs["dbname"] = "pgbouncer"
    try:
        connection = psycopg2.connect(**kwargs)
    except psycopg2.Error as exc:
        text = str(exc).lower()
        return (PGBOUNCER if "not allowed" in text else None), None
    try:
        connection.autocommit = True
        version = connection.info.parameter_status("server_version") or ""
        name = PGBOUNCER if "bouncer" in version.lower() else None
        with connection.cursor() as cursor:
            cursor.execute("SHOW CONFIG")
            config = {row[0]: row[1] for row in cursor.fetchall()}
        return name, config.get("pool_mode")
    except psycopg2.Error:
        return None, None
    finally:
        connection.close()


def _mode_from_listen(params: PostgresParams) -> Message:
    """'session' when a LISTEN on an idle pooled connection hears a NOTIFY, else 'transaction'."""
    channel = f"photoflow_probe_{uuid.uuid4().hex[:12]}"
    kwargs = params.connect_kwargs(connect_timeout=5, application_name="PhotoFlow Desktop check")
    try:
        listener = psycopg2.connect(**kwargs)
        sender = psycopg2.connect(**kwargs)
    except psycopg2.Error as exc:
        return Message("unknown ({problem})", problem=describe_postgres_error(exc, params))
    try:
        listener.autocommit = sender.autocommit = True
        listener.cursor().execute(f'LISTEN "{channel}"')
        sender.cursor().execute(f'NOTIFY "{channel}"')
        deadline = time.monotonic() + LISTEN_WAIT_SECONDS
        while time.monotonic() < deadline:
            select.select([listener], [], [], max(0.0, deadline - time.monotonic()))
            listener.poll()
            if listener.notifies:
                return Message("session (LISTEN works through it)")
        return Message("transaction or statement (LISTEN on a pooled connection hears nothing)")
    except psycopg2.Error:
        return Message("unknown")
    finally:
        listener.close()
        sender.close()
