"""PostgreSQL: everything of ours moves into schema `photoflow`, out of sight of Prisma's tools.

Prisma's `migrate dev` and `db push` compare the web app's schema (`public`) with schema.prisma
and offer to reset (delete all data) or drop whatever else they find there. So:
- board_columns and the migration history move to `photoflow` (ALTER TABLE … SET SCHEMA keeps
  every row, index, constraint and owned sequence; a stale copy there, left by restoring a
  backup made before 005, is replaced);
- the notify function is replaced by `photoflow.notify_change()`, which reads rows with to_jsonb
  and never raises, and the triggers on "Tasks"/task_comments call it (003's function goes);
- on "Tasks" only the indexes the web app's schema declares stay — its deployment guide's
  @@index on taskColumn, is_finished and dueAt, under Prisma's names; our comment, board-order,
  lower(status) and trigram indexes go (an index cannot live in another schema than its table),
  and pg_trgm with them when nothing else uses it.
SQLite has no schemas: nothing moves there. Rollback puts it all back as 002–004 left it.
"""

from photoflow_desktop.domain.db import is_postgres
from photoflow_desktop.maintenance import own_schema

MOVED_TABLES = ("board_columns", "migratehistory")
# A copy already in our schema is stale (restoring a backup made before 005 leaves it behind).
MOVE_TABLE = """
DO $body$
BEGIN
    IF pg_catalog.to_regclass('public."{table}"') IS NOT NULL THEN
        DROP TABLE IF EXISTS {schema}."{table}";
        ALTER TABLE public."{table}" SET SCHEMA {schema};
    END IF;
END
$body$
"""
DROP_TRIGRAM_EXTENSION_IF_UNUSED = """
DO $body$
BEGIN
    DROP EXTENSION IF EXISTS pg_trgm;
EXCEPTION WHEN dependent_objects_still_exist OR insufficient_privilege THEN
    RAISE NOTICE USING MESSAGE = 'pg_trgm stays: ' || SQLERRM;
END
$body$
"""
DROP_OWN_SCHEMA_IF_EMPTY = f"""
DO $body$
BEGIN
    DROP SCHEMA IF EXISTS {own_schema.OWN_SCHEMA};
EXCEPTION WHEN dependent_objects_still_exist THEN
    RAISE NOTICE 'schema {own_schema.OWN_SCHEMA} stays: later migrations keep tables there';
END
$body$
"""
# As 002 and 004 created them (rollback only).
FORMER_INDEX_SQL = [
    'CREATE INDEX IF NOT EXISTS "task_comments_task_id_idx" ON "task_comments" ("task_id")',
    'CREATE INDEX IF NOT EXISTS "Tasks_board_order_idx" ON "Tasks" ("taskColumn", "dueAt", id)',
    'CREATE INDEX IF NOT EXISTS "Tasks_lower_status_idx" ON "Tasks" (lower(status))',
    r"""
DO $body$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX IF NOT EXISTS "Tasks_search_trgm_idx" ON "Tasks" USING gin (
        lower(task || E'\x1f' || additional_information || E'\x1f' || status) gin_trgm_ops);
EXCEPTION WHEN insufficient_privilege OR undefined_file THEN
    RAISE NOTICE USING MESSAGE = 'free-text search runs without its index: ' || SQLERRM;
END
$body$
""",
]


def migrate(migrator, database, fake=False, **kwargs):
    """Move our tables and function into `photoflow`; keep only the web app's indexes."""
    if not is_postgres(database):
        return
    schema = own_schema.OWN_SCHEMA
    migrator.sql(own_schema.CREATE_SCHEMA)
    # As `public` allows: roles granted rights on a moved table keep reaching it.
    migrator.sql(f"GRANT USAGE ON SCHEMA {schema} TO PUBLIC")
    for table in MOVED_TABLES:
        migrator.sql(MOVE_TABLE.format(table=table, schema=schema))
    for statement in own_schema.attach_sql():
        migrator.sql(statement)
    migrator.sql(f"DROP FUNCTION IF EXISTS {own_schema.LEGACY_FUNCTION}()")
    for name in own_schema.FORMER_INDEXES:
        migrator.sql(f'DROP INDEX IF EXISTS public."{name}"')
    migrator.sql(DROP_TRIGRAM_EXTENSION_IF_UNUSED)


def rollback(migrator, database, fake=False, **kwargs):
    """Back to 004: tables and 003's function name in `public`, the former indexes again."""
    if not is_postgres(database):
        return
    schema = own_schema.OWN_SCHEMA
    for table in MOVED_TABLES:
        migrator.sql(f'ALTER TABLE IF EXISTS {schema}."{table}" SET SCHEMA public')
    migrator.sql(own_schema.function_sql(own_schema.LEGACY_FUNCTION))
    for table in (*own_schema.WEB_APP_TABLES, 'public."board_columns"'):
        for statement in own_schema.create_triggers_sql(table, own_schema.LEGACY_FUNCTION):
            migrator.sql(statement)
    migrator.sql(f"DROP FUNCTION IF EXISTS {own_schema.FUNCTION}()")
    for statement in FORMER_INDEX_SQL:
        migrator.sql(statement)
    migrator.sql(DROP_OWN_SCHEMA_IF_EMPTY)
