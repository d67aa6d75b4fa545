"""A change marker for boards that cannot LISTEN (behind a transaction pooler, no direct URL).

PostgreSQL only (SQLite boards read PRAGMA data_version). After every statement that writes
"Tasks", task_comments or board_columns (INSERT, UPDATE, DELETE, TRUNCATE) a statement-level
trigger calls nextval() on the sequence photoflow.change_marker; a polling board reads its
last value about once a second (one read of a one-page relation) and resyncs when it moved.

Why a sequence and not a counter row: an UPDATE of one shared row would queue every writer of
the web app behind the previous one until it commits and can deadlock two of them — a failed
web-app write. nextval() never waits for another transaction and never rolls back, so writers
do not see each other. Because it does not roll back, a poller can see the bump before the
writer's commit is visible (or for a write that is then rolled back): domain/change_marker.py
resyncs again one poll later and once more when every transaction older than that has ended.
Built never to make a write fail (maintenance/own_schema.py, shared with `db detach` and the
re-attach of `db migrate`): the function runs as its owner (SECURITY DEFINER, fixed
search_path), so the web app's role needs no privilege on our schema; CYCLE means the
sequence never runs out; any error inside is swallowed.
Rollback drops the triggers, the function and the sequence.
"""

from photoflow_desktop.domain.db import is_postgres
from photoflow_desktop.maintenance import own_schema

# board_columns is in schema photoflow after 005; beside the web app's tables without it.
TABLES = (*own_schema.WEB_APP_TABLES, *own_schema.OWN_TRIGGER_TABLES, 'public."board_columns"')


def migrate(migrator, database, fake=False, **kwargs):
    """Create the sequence, the function and one statement trigger per table (PostgreSQL)."""
    if not is_postgres(database):
        return
    migrator.sql(own_schema.CREATE_SCHEMA)
    migrator.sql(f"CREATE SEQUENCE IF NOT EXISTS {own_schema.MARKER_SEQUENCE} AS bigint CYCLE")
    migrator.sql(own_schema.marker_function_sql())
    for table in TABLES:
        migrator.sql(own_schema.marker_trigger_sql(table))


def rollback(migrator, database, fake=False, **kwargs):
    """Drop the triggers, the function and the sequence (PostgreSQL)."""
    if not is_postgres(database):
        return
    for table in TABLES:
        migrator.sql(own_schema.drop_marker_trigger_sql(table))
    migrator.sql(f"DROP FUNCTION IF EXISTS {own_schema.MARKER_FUNCTION}()")
    migrator.sql(f"DROP SEQUENCE IF EXISTS {own_schema.MARKER_SEQUENCE}")
