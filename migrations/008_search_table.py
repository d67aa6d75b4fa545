"""Our own search table for the board at a million orders: photoflow.task_search (PostgreSQL).

Prisma's `migrate dev` treats any index on "Tasks" it did not declare as drift and offers a reset
that deletes all data, so the board's speed comes from a table of ours in schema `photoflow`: one
row per task with its column key, due date, finished flag, lowered status and one lowered haystack
(title, description and status joined by \\x1f, the text domain/search.py matches), with keyset and
trigram indexes. It is filled here and kept current by AFTER triggers on "Tasks" (their SQL lives in
maintenance/search_triggers.py: `db detach` removes them, `db migrate` re-attaches and refills) that
- read the row as to_jsonb(NEW), so no column of the web app is a dependency (renaming or dropping
  one never fails its migration because of us);
- never raise: any error becomes a WARNING and the web app's write goes through;
- run as the function's owner (SECURITY DEFINER, fixed search_path), so a web-app role without
  rights on schema `photoflow` still keeps the table current.
No foreign key: a TRUNCATE of "Tasks" must keep working (a statement trigger empties ours), and
queries join "Tasks" on id, so a row left behind can never show a deleted task.
SQLite gets nothing here: its triggers cannot catch an error, so a table of ours they wrote to
could make the web app's writes fail (domain/search_table.py searches "Tasks" directly there).
Rollback drops the triggers, the function, the table and pg_trgm if it is ours and unused.
"""

from photoflow_desktop.domain.db import is_postgres
from photoflow_desktop.maintenance.search_triggers import FUNCTION, ROW_FROM_JSON, TRIGGERS

SCHEMA = "CREATE SCHEMA IF NOT EXISTS photoflow"
TABLE = """
CREATE TABLE IF NOT EXISTS photoflow.task_search (
    task_id integer PRIMARY KEY,
    column_key text NOT NULL,
    due timestamp(3) NOT NULL,
    finished boolean NOT NULL,
    status text NOT NULL,
    haystack text NOT NULL
)"""
INDEXES = [
    # Pages of a column, finished or not (the board, finished:yes|no), earliest due first.
    "CREATE INDEX IF NOT EXISTS task_search_board_idx"
    " ON photoflow.task_search (column_key, finished, due, task_id)",
    # Pages with finished tasks shown (both flags, one order).
    "CREATE INDEX IF NOT EXISTS task_search_column_due_idx"
    " ON photoflow.task_search (column_key, due, task_id)",
    # due:today|week|overdue over every column (counts, the data browser).
    "CREATE INDEX IF NOT EXISTS task_search_due_idx ON photoflow.task_search (due)",
    "CREATE INDEX IF NOT EXISTS task_search_status_idx ON photoflow.task_search (status)",
]
# Column and finished flag are far from independent (Done is mostly finished): without this the
# planner misjudges row counts (and the board's count estimates) of a column's open tasks 4x.
STATISTICS = (
    "CREATE STATISTICS IF NOT EXISTS photoflow.task_search_column_finished (mcv)"
    " ON column_key, finished FROM photoflow.task_search"
)
# pg_trgm goes into our schema too (in `public` its functions are drift to Prisma); where an
# older install left it elsewhere, that copy's operator class is used.
TRIGRAM = r"""
DO $body$
DECLARE
    home text;
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA photoflow;
    SELECT n.nspname INTO home FROM pg_catalog.pg_extension e
        JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
    EXECUTE 'CREATE INDEX IF NOT EXISTS task_search_haystack_trgm_idx'
        || ' ON photoflow.task_search USING gin (haystack '
        || pg_catalog.quote_ident(home) || '.gin_trgm_ops)';
EXCEPTION WHEN insufficient_privilege OR undefined_file THEN
    RAISE NOTICE USING MESSAGE = 'free-text search runs without its index: ' || SQLERRM;
END
$body$
"""
# Rollback: pg_trgm goes if it is ours (in schema photoflow) and nothing else uses it.
DROP_OWN_TRIGRAM = """
DO $body$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_extension e
               JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
               WHERE e.extname = 'pg_trgm' AND n.nspname = 'photoflow') THEN
        DROP EXTENSION pg_trgm;
    END IF;
EXCEPTION WHEN dependent_objects_still_exist OR insufficient_privilege THEN
    RAISE NOTICE USING MESSAGE = 'pg_trgm stays: ' || SQLERRM;
END
$body$
"""
FILL = f"""
    INSERT INTO photoflow.task_search (task_id, column_key, due, finished, status, haystack)
    SELECT {ROW_FROM_JSON} FROM (SELECT to_jsonb(t) AS r FROM "Tasks" t) AS source
    ON CONFLICT (task_id) DO NOTHING
"""


def migrate(migrator, database, fake=False, **kwargs):
    """Create, fill and hook up photoflow.task_search (PostgreSQL); nothing on SQLite."""
    if not is_postgres(database):
        return
    # No write of the web app may slip between the fill and the triggers.
    migrator.sql('LOCK TABLE "Tasks" IN SHARE ROW EXCLUSIVE MODE')
    for statement in [SCHEMA, TABLE, FILL, *INDEXES, STATISTICS, TRIGRAM, FUNCTION, *TRIGGERS]:
        migrator.sql(statement)
    migrator.sql("ANALYZE photoflow.task_search")


def rollback(migrator, database, fake=False, **kwargs):
    """Drop the triggers, the function and the table (PostgreSQL)."""
    if not is_postgres(database):
        return
    migrator.sql('DROP TRIGGER IF EXISTS photoflow_tasks_search ON "Tasks"')
    migrator.sql('DROP TRIGGER IF EXISTS photoflow_tasks_search_truncate ON "Tasks"')
    migrator.sql("DROP FUNCTION IF EXISTS photoflow.task_search_sync()")
    migrator.sql("DROP TABLE IF EXISTS photoflow.task_search")
    migrator.sql(DROP_OWN_TRIGRAM)
