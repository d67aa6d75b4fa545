"""Change notifications for the live board (PostgreSQL only; SQLite is watched by data_version).

After every insert, update or delete of a "Tasks" or task_comments row, a trigger sends
pg_notify('photoflow_changes', {"table", "op", "id", "task_id", "column"}); a TRUNCATE sends
one notification with op "truncate" and no id (the board reloads). A change to our own
board_columns (added, renamed, reordered column) is sent with no id either: boards reload their
columns. The web app writes to the same tables, so the trigger is built never to get in its way:
- AFTER triggers that return NULL: they cannot change or refuse a row;
- the payload is a handful of ids and the column key (never row text), far below NOTIFY's
  8000-byte limit; the function qualifies every name (pg_catalog.*) so a role's search_path
  cannot redirect it; a trigger fires whatever the writer's privileges on the function (they
  are checked only when the trigger is created), so any role allowed to write may keep writing;
- an UPDATE that changes nothing (OLD IS NOT DISTINCT FROM NEW) sends nothing;
- a notification is queued in the writer's transaction and delivered at commit: a rolled-back
  write notifies no one. Listeners are autocommit and read continuously (TCP keepalives end a
  dead one), so the server's 8 GB notification queue, which refuses commits when full, stays
  near empty.
Rollback drops the triggers and the function (maintenance/reset.py drops it by name too).
"""

from photoflow_desktop.domain.db import is_postgres

CHANNEL = "photoflow_changes"
FUNCTION = "photoflow_notify_change"
TABLES = ('"Tasks"', '"task_comments"', '"board_columns"')

CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger
LANGUAGE plpgsql AS $body$
DECLARE
    affected record;
    row_id integer;
    task_ref integer;
    column_key text;
BEGIN
    IF TG_LEVEL = 'STATEMENT' THEN
        PERFORM pg_catalog.pg_notify('{CHANNEL}', pg_catalog.json_build_object(
            'table', TG_TABLE_NAME, 'op', pg_catalog.lower(TG_OP),
            'id', NULL, 'task_id', NULL, 'column', NULL)::text);
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        affected := OLD;
    ELSE
        affected := NEW;
    END IF;
    IF TG_TABLE_NAME = 'Tasks' THEN
        row_id := affected.id;
        task_ref := affected.id;
        column_key := affected."taskColumn";
    ELSIF TG_TABLE_NAME = 'task_comments' THEN
        row_id := affected.id;
        task_ref := affected.task_id;
        column_key := NULL;
    ELSE
        row_id := NULL;
        task_ref := NULL;
        column_key := affected.key;
    END IF;
    PERFORM pg_catalog.pg_notify('{CHANNEL}', pg_catalog.json_build_object(
        'table', TG_TABLE_NAME, 'op', pg_catalog.lower(TG_OP),
        'id', row_id, 'task_id', task_ref, 'column', column_key)::text);
    RETURN NULL;
END
$body$
"""


def _trigger_names(table: str) -> tuple[str, str]:
    bare = table.strip('"').lower()
    return f"photoflow_{bare}_notify", f"photoflow_{bare}_notify_truncate"


def _create_triggers(table: str) -> list[str]:
    row_trigger, truncate_trigger = _trigger_names(table)
    return [
        f'DROP TRIGGER IF EXISTS "{row_trigger}_write" ON {table}',
        f'DROP TRIGGER IF EXISTS "{row_trigger}_update" ON {table}',
        f'DROP TRIGGER IF EXISTS "{truncate_trigger}" ON {table}',
        f'CREATE TRIGGER "{row_trigger}_write" AFTER INSERT OR DELETE ON {table} '
        f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()",
        f'CREATE TRIGGER "{row_trigger}_update" AFTER UPDATE ON {table} '
        f"FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION {FUNCTION}()",
        f'CREATE TRIGGER "{truncate_trigger}" AFTER TRUNCATE ON {table} '
        f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()",
    ]


def _drop_triggers(table: str) -> list[str]:
    row_trigger, truncate_trigger = _trigger_names(table)
    return [
        f'DROP TRIGGER IF EXISTS "{row_trigger}_write" ON {table}',
        f'DROP TRIGGER IF EXISTS "{row_trigger}_update" ON {table}',
        f'DROP TRIGGER IF EXISTS "{truncate_trigger}" ON {table}',
    ]


def migrate(migrator, database, fake=False, **kwargs):
    """Install the notify function and its triggers (PostgreSQL); nothing on SQLite."""
    if not is_postgres(database):
        return
    migrator.sql(CREATE_FUNCTION)
    for table in TABLES:
        for statement in _create_triggers(table):
            migrator.sql(statement)


def rollback(migrator, database, fake=False, **kwargs):
    """Drop the triggers and the function (PostgreSQL); nothing on SQLite."""
    if not is_postgres(database):
        return
    for table in TABLES:
        for statement in _drop_triggers(table):
            migrator.sql(statement)
    migrator.sql(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
