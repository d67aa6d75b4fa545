"""`photoflow db detach`: nothing of ours left in the web app's schema; `db migrate` re-attaches.

After migration 005 the only objects of ours Prisma could see are the change triggers on
"Tasks" and task_comments. Detach drops them (and any leftover of older versions: 003's
function, 002/004's indexes); our tables, history and function stay in schema `photoflow`,
where Prisma does not look. While detached the desktop still works; only live updates of other
writers' changes stop, until `photoflow db migrate` attaches the triggers again.
"""

from __future__ import annotations

from photoflow_desktop.domain.db import database_proxy, is_postgres
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.domain.search_table import forget_search_table_state, refill_search_table
from photoflow_desktop.maintenance import own_schema, search_triggers

# Objects of ours older versions kept in the web app's schema (all gone after migration 005).
LEGACY_TABLES = ("board_columns", "migratehistory")


class DetachError(PhotoflowError):
    """Detaching cannot be done yet (our tables still sit in the web app's schema)."""


def ours_in_web_app_schema() -> list[str]:
    """Every object of ours Prisma could see in `public`, described one per entry."""
    if not is_postgres(database_proxy):
        return []
    rows = database_proxy.execute_sql(
        """
        SELECT 'trigger ' || t.tgname || ' on ' || c.relname
          FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND NOT t.tgisinternal AND t.tgname LIKE 'photoflow\\_%%'
        UNION ALL
        SELECT 'function ' || p.proname || '()' FROM pg_proc p
          JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = 'public' AND p.proname LIKE 'photoflow\\_%%'
        UNION ALL
        SELECT 'table ' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname = ANY(%s)
        UNION ALL
        SELECT 'index ' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind = 'i' AND c.relname = ANY(%s)
        ORDER BY 1
        """,
        (list(LEGACY_TABLES), list(own_schema.FORMER_INDEXES)),
    ).fetchall()
    return [row[0] for row in rows]


def detach() -> list[str]:
    """Remove every object of ours from the web app's schema; returns what was removed."""
    found = ours_in_web_app_schema()
    if not found:
        return []
    if any(entry.startswith("table ") for entry in found):
        raise DetachError(
            "PhotoFlow's tables are still in the web app's schema: run `photoflow db migrate` "
            "first (it moves them, after a backup), then `photoflow db detach`"
        )
    with database_proxy.atomic():
        for statement in own_schema.detach_sql() + search_triggers.detach_sql():
            database_proxy.execute_sql(statement)
        database_proxy.execute_sql(f"DROP FUNCTION IF EXISTS {own_schema.LEGACY_FUNCTION}()")
        for name in own_schema.FORMER_INDEXES:
            database_proxy.execute_sql(f'DROP INDEX IF EXISTS public."{name}"')
    forget_search_table_state()
    return found


def _has_search_table() -> bool:
    query = "SELECT pg_catalog.to_regclass('photoflow.task_search') IS NOT NULL"
    return bool(database_proxy.execute_sql(query).fetchone()[0])


def is_detached() -> bool:
    """True on PostgreSQL when our function is in place but "Tasks" lacks our trigger."""
    if not is_postgres(database_proxy):
        return False
    write_trigger = own_schema.trigger_names(own_schema.WEB_APP_TABLES[0])[0]
    installed, attached = database_proxy.execute_sql(
        "SELECT to_regprocedure(%s) IS NOT NULL, EXISTS (SELECT 1 FROM pg_trigger "
        "WHERE tgrelid = to_regclass(%s) AND tgname = %s)",
        (f"{own_schema.FUNCTION}()", own_schema.WEB_APP_TABLES[0], write_trigger),
    ).fetchone()
    return installed and not attached


def reattach() -> None:
    """Put our function and triggers back in place (what migration 005 installed)."""
    with database_proxy.atomic():
        for statement in own_schema.attach_sql():
            database_proxy.execute_sql(statement)
        if _has_search_table():  # missed every write while detached: triggers, then refill
            for statement in search_triggers.attach_sql():
                database_proxy.execute_sql(statement)
            refill_search_table()
    forget_search_table_state()
