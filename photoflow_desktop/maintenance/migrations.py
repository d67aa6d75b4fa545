"""Migration status, apply, rollback and web-app adoption over peewee-migrate (DESIGN.md §4).

A fresh Router is built for every operation (it caches a migrator that replays history) and
always gets `migrate_dir` explicitly (its default is the current directory's migrations/).

On PostgreSQL the history table moves from `public` to our schema `photoflow` in migration 005,
in the middle of a run; the Router here looks for it where it is at every access.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import peewee

from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.domain.models import OWN_SCHEMA
from photoflow_desktop.domain.pg_driver import psycopg2_hidden
from photoflow_desktop.domain.search_table import forget_search_table_state, is_postgres
from photoflow_desktop.maintenance import detach
from photoflow_desktop.maintenance.base import Cancelled
from photoflow_desktop.paths import migrations_dir

with psycopg2_hidden():  # peewee-migrate imports playhouse.postgres_ext, which imports psycopg2
    from peewee_migrate import Router
    from peewee_migrate.models import MIGRATE_TABLE

log = logging.getLogger(__name__)

INITIAL_MIGRATION = "001_initial"
WEB_APP_TABLES = ("Tasks", "task_comments")


class MigrationError(PhotoflowError):
    """A migration could not be applied or rolled back (the database is left as it was)."""


@dataclass(frozen=True)
class MigrationStatus:
    """Which migrations are applied and which are waiting."""

    applied: list[str]
    pending: list[str]
    adoptable: bool  # a web-app database whose initial migration will be recorded, not run
    detached: bool = False  # `db detach` took our triggers off; `db migrate` puts them back

    @property
    def up_to_date(self) -> bool:
        """True when nothing is pending."""
        return not self.pending


def history_schema() -> str | None:
    """Where the history table is: `photoflow` once migration 005 moved it, else the default.

    A history in `public` wins: it is there before 005 ran, or again after restoring a backup
    made before 005 (whose replay leaves our schema's newer copy behind; 005 replaces it).
    """
    if not is_postgres(database_proxy):
        return None
    in_public, moved = database_proxy.execute_sql(
        "SELECT to_regclass(%s) IS NOT NULL, to_regclass(%s) IS NOT NULL",
        (f"public.{MIGRATE_TABLE}", f"{OWN_SCHEMA}.{MIGRATE_TABLE}"),
    ).fetchone()
    return OWN_SCHEMA if moved and not in_public else None


class HistoryRouter(Router):
    """A Router that finds its history table wherever it is now (before and after the move)."""

    @property
    def model(self):
        """The history model, pointed at the table's current schema."""
        self.schema = history_schema()
        return Router.model.func(self)


def make_router() -> Router:
    """A new Router over the bound database and the shipped migrations folder."""
    return HistoryRouter(
        database_proxy, migrate_dir=migrations_dir(), schema=history_schema(), logger=log
    )


def _is_unadopted_web_app_database(router: Router) -> bool:
    tables = set(database_proxy.get_tables())
    return all(name in tables for name in WEB_APP_TABLES) and not router.done


def status() -> MigrationStatus:
    """Applied and pending migrations of the bound database."""
    router = make_router()
    adoptable = _is_unadopted_web_app_database(router)
    pending = router.diff
    if adoptable:
        pending = [name for name in pending if name != INITIAL_MIGRATION]
        applied = [INITIAL_MIGRATION]
    else:
        applied = router.done
    return MigrationStatus(
        applied=applied, pending=pending, adoptable=adoptable, detached=detach.is_detached()
    )


def adopt_web_app_database(router: Router | None = None) -> bool:
    """Record the initial migration as applied on a web-app database; True if it did."""
    router = router or make_router()
    if not _is_unadopted_web_app_database(router):
        return False
    router.model.create(name=INITIAL_MIGRATION)
    log.info("Adopted a PhotoFlow web-app database: %s recorded as applied", INITIAL_MIGRATION)
    return True


def apply_pending(
    progress: Callable[[int, int, str], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> list[str]:
    """Apply every pending migration, each in its own transaction; returns the names applied.

    `progress(done, total, name)` is called before each; `should_cancel()` is checked between
    migrations (a running migration always finishes or rolls back whole).
    """
    router = make_router()
    adopt_web_app_database(router)
    pending = router.diff
    applied: list[str] = []
    for index, name in enumerate(pending):
        if should_cancel and should_cancel():
            raise Cancelled(
                "Stopped after {done} of {total} migrations", done=len(applied), total=len(pending)
            )
        if progress:
            progress(index, len(pending), name)
        try:
            router.run_one(name, router.migrator, fake=False)
        except (peewee.PeeweeException, PhotoflowError) as exc:  # the database refused a step
            raise MigrationError(
                "Migration {name} failed and was rolled back: {problem}", name=name, problem=exc
            ) from exc
        applied.append(name)
    if detach.is_detached():
        detach.reattach()
    forget_search_table_state()
    if progress:
        progress(len(pending), len(pending), "")
    return applied


def rollback_last() -> str:
    """Undo the newest applied migration; the initial one is refused (it would drop all orders)."""
    router = make_router()
    done = router.done
    if not done:
        raise MigrationError("There is no applied migration to roll back")
    name = done[-1]
    if name == INITIAL_MIGRATION:
        raise MigrationError(
            "Rolling back the initial migration would delete every order; "
            "use 'photoflow db reset --yes' if that is really what you want"
        )
    try:
        router.run_one(name, router.migrator, fake=False, downgrade=True)
    except (peewee.PeeweeException, PhotoflowError) as exc:
        raise MigrationError(
            "Rolling back {name} failed; nothing was changed: {problem}", name=name, problem=exc
        ) from exc
    return name
