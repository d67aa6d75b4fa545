"""What PhotoFlow keeps beside the web app on PostgreSQL: schema `photoflow` and its triggers.

Everything of ours lives in schema `photoflow` (tables, migration history, the notify function);
the only things we attach to the web app's schema are the change triggers on its two tables.
Migration 005 installs them, `db detach` removes them, `db migrate` attaches them again — all
from the statements here, so the three cannot disagree.

The trigger function reads a row as `to_jsonb(NEW)` / `to_jsonb(OLD)` instead of naming columns,
and traps every error (a WARNING, then on): whatever the web app's schema becomes, its writes
never fail because of us. AFTER triggers returning NULL cannot change or refuse a row; a notice
is queued in the writer's transaction and delivered at commit. Every name is qualified
(pg_catalog.*, photoflow.*), so a role's search_path cannot redirect it.
"""

from __future__ import annotations

from photoflow_desktop.domain.models import OWN_SCHEMA

CHANNEL = "photoflow_changes"
FUNCTION = f"{OWN_SCHEMA}.notify_change"
LEGACY_FUNCTION = "public.photoflow_notify_change"  # migration 003's, in the web app's schema
WEB_APP_TABLES = ('public."Tasks"', 'public."task_comments"')
OWN_TRIGGER_TABLES = (f'{OWN_SCHEMA}."board_columns"',)
# Migration 011: what the invoices and clients windows and the cards' client names show.
INVOICING_TRIGGER_TABLES = tuple(
    f'{OWN_SCHEMA}."{name}"'
    for name in ("clients", "task_clients", "invoices", "invoice_items", "payments")
)
# Indexes on the web app's tables its schema declares (its deployment guide's @@index, Prisma's
# names); every other index there is drift to Prisma.
WEB_APP_INDEXES = ("Tasks_taskColumn_idx", "Tasks_is_finished_idx", "Tasks_dueAt_idx")
# Indexes of ours that migrations 002 and 004 put on the web app's tables (005 drops them).
FORMER_INDEXES = (
    "Tasks_search_trgm_idx",
    "Tasks_lower_status_idx",
    "Tasks_board_order_idx",
    "task_comments_task_id_idx",
)
# Longest column key sent (a notice payload may not exceed 8000 bytes).
COLUMN_KEY_LIMIT = 200

CREATE_SCHEMA = f"CREATE SCHEMA IF NOT EXISTS {OWN_SCHEMA}"
# The change marker boards poll behind a pooler (migration 006; domain/change_marker.py).
MARKER_SEQUENCE = f"{OWN_SCHEMA}.change_marker"
MARKER_FUNCTION = f"{OWN_SCHEMA}.bump_change_marker"
MARKER_TRIGGER = "photoflow_change_marker"


def function_sql(name: str = FUNCTION) -> str:
    """CREATE OR REPLACE of the notify trigger function under `name` (schema-qualified)."""
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger
LANGUAGE plpgsql AS $body$
DECLARE
    affected jsonb;
    row_id integer;
    task_ref integer;
    column_key text;
BEGIN
    BEGIN
        IF TG_LEVEL = 'ROW' THEN
            IF TG_OP = 'DELETE' THEN
                affected := pg_catalog.to_jsonb(OLD);
            ELSE
                affected := pg_catalog.to_jsonb(NEW);
            END IF;
            IF TG_TABLE_NAME = 'Tasks' THEN
                row_id := pg_catalog.jsonb_extract_path_text(affected, 'id')::integer;
                task_ref := row_id;
                column_key := pg_catalog.jsonb_extract_path_text(affected, 'taskColumn');
            ELSIF TG_TABLE_NAME = 'task_comments' THEN
                row_id := pg_catalog.jsonb_extract_path_text(affected, 'id')::integer;
                task_ref := pg_catalog.jsonb_extract_path_text(affected, 'task_id')::integer;
            ELSE
                column_key := pg_catalog.jsonb_extract_path_text(affected, 'key');
            END IF;
        END IF;
        PERFORM pg_catalog.pg_notify('{CHANNEL}', pg_catalog.json_build_object(
            'table', TG_TABLE_NAME, 'op', pg_catalog.lower(TG_OP), 'id', row_id,
            'task_id', task_ref, 'column', pg_catalog.left(column_key, {COLUMN_KEY_LIMIT}))::text);
    EXCEPTION WHEN OTHERS THEN
        RAISE WARNING USING MESSAGE = 'PhotoFlow change notice skipped: ' || SQLERRM;
    END;
    RETURN NULL;
END
$body$
"""


def trigger_names(table: str) -> tuple[str, str, str]:
    """Names of the insert/delete, update and truncate triggers on `table` (as 003 named them)."""
    bare = table.rsplit(".", 1)[-1].strip('"').lower()
    return (
        f"photoflow_{bare}_notify_write",
        f"photoflow_{bare}_notify_update",
        f"photoflow_{bare}_notify_truncate",
    )


def drop_triggers_sql(table: str) -> list[str]:
    """DROP TRIGGER IF EXISTS for our three triggers on `table`."""
    return [f'DROP TRIGGER IF EXISTS "{name}" ON {table}' for name in trigger_names(table)]


def create_triggers_sql(table: str, function: str = FUNCTION) -> list[str]:
    """(Re)create our three triggers on `table`, calling `function`."""
    write, update, truncate = trigger_names(table)
    return [
        *drop_triggers_sql(table),
        f'CREATE TRIGGER "{write}" AFTER INSERT OR DELETE ON {table} '
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        f'CREATE TRIGGER "{update}" AFTER UPDATE ON {table} '
        f"FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION {function}()",
        f'CREATE TRIGGER "{truncate}" AFTER TRUNCATE ON {table} '
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
    ]


def marker_function_sql() -> str:
    """The statement trigger function that moves the change marker; it never fails a write.

    SECURITY DEFINER with a fixed search_path: the web app's role needs no privilege on our
    schema or sequence. Any error (the sequence dropped, …) is swallowed.
    """
    return f"""
CREATE OR REPLACE FUNCTION {MARKER_FUNCTION}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $body$
BEGIN
    PERFORM pg_catalog.nextval('{MARKER_SEQUENCE}'::pg_catalog.regclass);
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    RETURN NULL;
END
$body$
"""


def marker_trigger_sql(table: str) -> str:
    """(Re)create the marker's statement trigger on `table` when both exist (006 ran)."""
    return f"""
DO $body$
BEGIN
    IF pg_catalog.to_regclass('{table}') IS NOT NULL
       AND pg_catalog.to_regprocedure('{MARKER_FUNCTION}()') IS NOT NULL THEN
        DROP TRIGGER IF EXISTS {MARKER_TRIGGER} ON {table};
        CREATE TRIGGER {MARKER_TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
            FOR EACH STATEMENT EXECUTE FUNCTION {MARKER_FUNCTION}();
    END IF;
END
$body$
"""


def drop_marker_trigger_sql(table: str) -> str:
    """DROP TRIGGER IF EXISTS for the marker's trigger on `table` (if the table exists)."""
    return f"""
DO $body$
BEGIN
    IF pg_catalog.to_regclass('{table}') IS NOT NULL THEN
        DROP TRIGGER IF EXISTS {MARKER_TRIGGER} ON {table};
    END IF;
END
$body$
"""


# When the web app deletes an order, its client link goes and its invoices forget it (they keep
# their number). A trigger instead of a foreign key: a key from our schema onto "Tasks" would
# make restoring a backup taken before our tables existed fail (pg_restore cannot drop
# "Tasks_pkey" while our key depends on it). Before migration 007 the tables are missing and the
# function only warns (plpgsql resolves names when it runs).
FORGET_FUNCTION = f"{OWN_SCHEMA}.forget_deleted_orders"
FORGET_TRIGGERS = ("photoflow_tasks_forget_deleted", "photoflow_tasks_forget_truncated")


def forget_function_sql() -> str:
    """CREATE OR REPLACE of the function that unlinks deleted orders (never raises)."""
    return f"""
CREATE OR REPLACE FUNCTION {FORGET_FUNCTION}() RETURNS trigger
LANGUAGE plpgsql AS $body$
DECLARE
    gone integer;
BEGIN
    IF pg_catalog.to_regclass('{OWN_SCHEMA}."task_clients"') IS NULL THEN
        RETURN NULL;  -- migration 007 has not run (or was rolled back)
    END IF;
    BEGIN
        IF TG_LEVEL = 'ROW' THEN
            gone := pg_catalog.jsonb_extract_path_text(pg_catalog.to_jsonb(OLD), 'id')::integer;
            DELETE FROM {OWN_SCHEMA}."task_clients" WHERE "task_id" = gone;
            UPDATE {OWN_SCHEMA}."invoices" SET "task_id" = NULL WHERE "task_id" = gone;
        ELSE
            DELETE FROM {OWN_SCHEMA}."task_clients";
            UPDATE {OWN_SCHEMA}."invoices" SET "task_id" = NULL WHERE "task_id" IS NOT NULL;
        END IF;
    EXCEPTION WHEN OTHERS THEN
        RAISE WARNING USING MESSAGE = 'PhotoFlow order links not updated: ' || SQLERRM;
    END;
    RETURN NULL;
END
$body$
"""


# Orders deleted while detached (no trigger) lose their links when we attach again.
FORGET_ORPHANS = f"""
DO $body$
BEGIN
    IF pg_catalog.to_regclass('{OWN_SCHEMA}."task_clients"') IS NOT NULL THEN
        DELETE FROM {OWN_SCHEMA}."task_clients" l
         WHERE NOT EXISTS (SELECT 1 FROM {WEB_APP_TABLES[0]} t WHERE t.id = l.task_id);
        UPDATE {OWN_SCHEMA}."invoices" i SET "task_id" = NULL
         WHERE i.task_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM {WEB_APP_TABLES[0]} t WHERE t.id = i.task_id);
    END IF;
END
$body$
"""


def forget_triggers_sql() -> list[str]:
    """The function and its two triggers on "Tasks" (after a row is deleted, after TRUNCATE)."""
    table = WEB_APP_TABLES[0]
    row, truncate = FORGET_TRIGGERS
    return [
        forget_function_sql(),
        FORGET_ORPHANS,
        *(f'DROP TRIGGER IF EXISTS "{name}" ON {table}' for name in FORGET_TRIGGERS),
        f'CREATE TRIGGER "{row}" AFTER DELETE ON {table} '
        f"FOR EACH ROW EXECUTE FUNCTION {FORGET_FUNCTION}()",
        f'CREATE TRIGGER "{truncate}" AFTER TRUNCATE ON {table} '
        f"FOR EACH STATEMENT EXECUTE FUNCTION {FORGET_FUNCTION}()",
    ]


def attach_forget_sql() -> str:
    """forget_triggers_sql() when migration 007's tables exist (`db migrate` after a detach)."""
    inner = ";\n".join(forget_triggers_sql())
    return f"""
DO $attach$
BEGIN
    IF pg_catalog.to_regclass('{OWN_SCHEMA}."task_clients"') IS NOT NULL THEN
        {inner};
    END IF;
END
$attach$
"""


def drop_forget_sql() -> list[str]:
    """Take the order-link triggers off "Tasks" and drop their function (007's rollback)."""
    table = WEB_APP_TABLES[0]
    return [
        *(f'DROP TRIGGER IF EXISTS "{name}" ON {table}' for name in FORGET_TRIGGERS),
        f"DROP FUNCTION IF EXISTS {FORGET_FUNCTION}()",
    ]


def attach_sql() -> list[str]:
    """Statements that put the function in place and the triggers on the web app's tables."""
    return [
        CREATE_SCHEMA,
        function_sql(),
        *(s for table in WEB_APP_TABLES + OWN_TRIGGER_TABLES for s in create_triggers_sql(table)),
        *(marker_trigger_sql(table) for table in WEB_APP_TABLES + OWN_TRIGGER_TABLES),
        attach_forget_sql(),
    ]


def detach_sql() -> list[str]:
    """Statements that take our triggers off the web app's tables (ours keep theirs)."""
    return [
        *(s for table in WEB_APP_TABLES for s in drop_triggers_sql(table)),
        *(drop_marker_trigger_sql(table) for table in WEB_APP_TABLES),
        *drop_forget_sql()[:-1],  # the triggers; the function stays in our schema
    ]
