"""A change marker for boards that cannot LISTEN (behind a transaction pooler, no direct URL).

PostgreSQL only (SQLite boards read PRAGMA data_version). After every statement that writes
"Tasks", task_comments or board_columns (INSERT, UPDATE, DELETE, TRUNCATE) a statement-level
trigger calls nextval() on the sequence photoflow.change_marker; a polling board reads its
last value about once a second (one read of a one-page relation) and resyncs when it moved.

Why a sequence and not a counter row: an UPDATE of one shared row would queue every writer of
the web app behind the previous one until it commits and can deadlock two of them — a failed
web-app write. nextval() never waits for another transaction and never rolls back, so writers
do not see each other. Because it does not roll back, a poller can see the bump before the
writer's commit is visible (or for a write that is then rolled back): domain/changes.py
resyncs once more after every transaction that was running at that moment has ended.
Built never to make a write fail: the function runs as its owner (SECURITY DEFINER, fixed
search_path), so the web app's role needs no privilege on our schema; CYCLE means the sequence
never runs out; and any error inside (say the sequence was dropped) is swallowed.
Rollback drops the triggers, the function and the sequence.
"""

from photoflow_desktop.domain.db import is_postgres

SCHEMA = "photoflow"
SEQUENCE = f"{SCHEMA}.change_marker"
FUNCTION = f"{SCHEMA}.bump_change_marker"
TRIGGER = "photoflow_change_marker"
TABLES = ("Tasks", "task_comments", "board_columns")

CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $body$
BEGIN
    PERFORM pg_catalog.nextval('{SEQUENCE}'::pg_catalog.regclass);
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    RETURN NULL;  -- a marker that cannot move must never fail the writer's statement
END
$body$
"""


def _for_each_table(action: str) -> str:
    """A DO block running `action` (TABLE_NAME = the qualified name) on each table found.

    board_columns may live in schema photoflow (migration 005) or beside the web app's tables.
    (No % in here: the SQL goes through psycopg2's parameter formatting.)
    """
    names = ", ".join(f"'{table}'" for table in TABLES)
    return f"""
DO $do$
DECLARE
    target regclass;
BEGIN
    FOR target IN
        SELECT c.oid::regclass FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relname IN ({names}) AND c.relkind IN ('r', 'p')
          AND (n.nspname = '{SCHEMA}' OR n.nspname = pg_catalog.current_schema())
    LOOP
        EXECUTE pg_catalog.replace($sql${action}$sql$, 'TABLE_NAME', target::text);
    END LOOP;
END
$do$
"""


def migrate(migrator, database, fake=False, **kwargs):
    """Create the sequence, the function and one statement trigger per table (PostgreSQL)."""
    if not is_postgres(database):
        return
    migrator.sql(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    migrator.sql(f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE} AS bigint CYCLE")
    migrator.sql(CREATE_FUNCTION)
    migrator.sql(
        _for_each_table(
            f"DROP TRIGGER IF EXISTS {TRIGGER} ON TABLE_NAME; "
            f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON TABLE_NAME "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
        )
    )


def rollback(migrator, database, fake=False, **kwargs):
    """Drop the triggers, the function and the sequence (PostgreSQL)."""
    if not is_postgres(database):
        return
    migrator.sql(_for_each_table(f"DROP TRIGGER IF EXISTS {TRIGGER} ON TABLE_NAME"))
    migrator.sql(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
    migrator.sql(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")
