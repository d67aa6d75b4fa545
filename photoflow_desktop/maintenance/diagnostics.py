"""`photoflow db check`: walk the seed guide's troubleshooting list for the configured database.

Reachable? Login accepted? Database exists? Migrations pending? Can PhotoFlow read the web app's
tables? pg_dump present and new enough? Each step says what is wrong and what to do; later steps
are skipped when an earlier one fails. Warnings (one line each) name what Prisma's tools would see
as drift in the web app's schema; they do not fail the check.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import peewee
import psycopg2

from photoflow_desktop.config import mask_url
from photoflow_desktop.domain import db as db_module
from photoflow_desktop.domain.errors import Message, PhotoflowError, message_of
from photoflow_desktop.maintenance import web_app_schema


@dataclass(frozen=True)
class CheckItem:
    """One diagnosis: `ok` True/False, or None when skipped because an earlier step failed."""

    name: str
    ok: bool | None
    message: str  # a Message where it is ours: i18n.messages.phrase shows it translated
    warning: bool = False  # worth knowing, not a failure (e.g. drift Prisma would see)


@dataclass(frozen=True)
class CheckReport:
    """All diagnoses for one database URL (shown masked)."""

    database: str
    backend: str
    items: list[CheckItem]

    @property
    def ok(self) -> bool:
        """True when no step failed."""
        return all(item.ok is not False for item in self.items)

    def as_dict(self) -> dict:
        """JSON-ready form with stable keys."""
        return {
            "database": self.database,
            "backend": self.backend,
            "ok": self.ok,
            "checks": [asdict(item) for item in self.items],
        }


def _skipped(*names: str) -> list[CheckItem]:
    return [CheckItem(name, None, Message("skipped: an earlier check failed")) for name in names]


def check_database(url: str, direct_url: str | None = None) -> CheckReport:
    """Diagnose the database at `url` (and its direct URL) without changing anything."""
    backend = db_module.url_scheme(url)
    items = _check_sqlite(url) if backend == "sqlite" else _check_postgres(url, direct_url)
    return CheckReport(mask_url(url), backend, items)


def _check_sqlite(url: str) -> list[CheckItem]:
    import sqlite3

    path = db_module.sqlite_path(url)
    if not path.is_file():
        return [
            CheckItem(
                "file",
                False,
                Message("{path} does not exist: `photoflow db migrate` creates it", path=path),
            ),
            *_skipped("integrity", "migrations"),
        ]
    size = path.stat().st_size
    items = [
        CheckItem("file", True, Message("{path} exists ({size:,} bytes)", path=path, size=size))
    ]
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            result = [row[0] for row in connection.execute("PRAGMA quick_check")]
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return [
            *items,
            CheckItem("integrity", False, Message("Cannot read the file: {problem}", problem=exc)),
            *_skipped("migrations"),
        ]
    if result != ["ok"]:
        items.append(
            CheckItem("integrity", False, Message("The file is damaged: restore a backup"))
        )
    else:
        items.append(CheckItem("integrity", True, Message("quick_check: ok")))
    items += _check_schema(url)
    return items


def _check_postgres(url: str, direct_url: str | None = None) -> list[CheckItem]:
    from photoflow_desktop.maintenance import connection_checks, pg_runner

    try:
        params = db_module.postgres_params(url)
    except PhotoflowError as exc:
        return [CheckItem("url", False, message_of(exc))]
    where = f"{params.host}:{params.port}"
    answers = Message("The server at {where} answers", where=where)
    accepted = Message("User '{user}' accepted", user=params.user)
    kwargs = params.connect_kwargs(connect_timeout=5)
    kwargs["application_name"] = "PhotoFlow Desktop check"
    try:
        connection = psycopg2.connect(**kwargs)
    except psycopg2.Error as exc:
        text = str(exc).lower()
        message = db_module.describe_connection_error(exc, url)
        if db_module.tls_problem(str(exc), params):
            return [
                CheckItem("tls", False, message),
                *_skipped("login", "database", "migrations", "pg_dump"),
            ]
        if (
            "password" in text
            or "authentication" in text
            or ("role" in text and "does not exist" in text)
        ):
            return [
                CheckItem("reachable", True, answers),
                CheckItem("login", False, message),
                *_skipped("database", "migrations", "pg_dump"),
            ]
        if "database" in text and "does not exist" in text:
            return [
                CheckItem("reachable", True, answers),
                CheckItem("login", True, accepted),
                CheckItem("database", False, message),
                *_skipped("migrations", "pg_dump"),
            ]
        return [
            CheckItem("reachable", False, message),
            *_skipped("login", "database", "migrations", "pg_dump"),
        ]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('server_version_num')::int, version()")
            version_num, version = cursor.fetchone()
        tls = CheckItem(*connection_checks.tls_item(connection, params))
    finally:
        connection.close()
    server_major = version_num // 10000
    items = [
        CheckItem(
            "reachable",
            True,
            Message(
                "The server at {where} answers ({version})",
                where=where,
                version=version.split(",")[0],
            ),
        ),
        CheckItem("login", True, accepted),
        CheckItem("database", True, Message("Database '{name}' exists", name=params.dbname)),
        tls,
        *(CheckItem(*found) for found in connection_checks.pooler_items(url, direct_url)),
        *_check_schema(direct_url or url),
    ]
    tool = pg_runner.find_tool("pg_dump", server_major)
    problem = pg_runner.tool_problem("pg_dump", tool, server_major)
    if problem:
        items.append(CheckItem("pg_dump", False, problem))
    else:
        items.append(
            CheckItem(
                "pg_dump",
                True,
                Message("pg_dump {version} at {path}", version=tool.version, path=tool.path),
            )
        )
    return items


def _check_schema(url: str) -> list[CheckItem]:
    """Migrations, the web app's columns and drift, through a temporary binding of the proxy."""
    from photoflow_desktop.maintenance import migrations

    previous = db_module.database_proxy.obj
    try:
        database = db_module.open_database(url)
    except PhotoflowError as exc:
        return [CheckItem("migrations", False, message_of(exc))]
    db_module.bind(database)
    try:
        current = migrations.status()
        items = [_migrations_item(current)]
        if current.up_to_date or current.detached:
            items += _web_app_schema_items(database, current.detached)
    except (peewee.PeeweeException, PhotoflowError) as exc:  # a damaged history table
        return [
            CheckItem(
                "migrations",
                False,
                Message("Cannot read the migration history: {problem}", problem=exc),
            )
        ]
    finally:
        database.close()
        if previous is not None:
            db_module.bind(previous)
    return items


def _migrations_item(current) -> CheckItem:
    if current.adoptable:
        return CheckItem(
            "migrations",
            False,
            Message("A PhotoFlow web-app database not adopted yet: run `photoflow db migrate`"),
        )
    if current.pending:
        return CheckItem(
            "migrations",
            False,
            Message(
                "{count} pending ({names}): run `photoflow db migrate`",
                count=len(current.pending),
                names=", ".join(current.pending),
            ),
        )
    return CheckItem(
        "migrations", True, Message("Up to date ({count} applied)", count=len(current.applied))
    )


def _web_app_schema_items(database, detached: bool) -> list[CheckItem]:
    missing = web_app_schema.missing_columns(database)
    if missing:
        items = [CheckItem("web-app schema", False, web_app_schema.schema_changed_message(missing))]
    else:
        items = [
            CheckItem("web-app schema", True, Message("Every column PhotoFlow reads is there"))
        ]
    if detached:
        items.append(
            CheckItem(
                "detached",
                True,
                Message(
                    "Detached from the web app's tables: its changes do not reach open boards "
                    "live; `photoflow db migrate` attaches again"
                ),
                warning=True,
            )
        )
    items += [
        CheckItem("drift", True, line, warning=True)
        for line in web_app_schema.prisma_drift(database)
    ]
    return items
