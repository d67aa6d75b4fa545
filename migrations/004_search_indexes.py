"""Indexes for column pages and board search at 100,000 tasks.

Board order ("taskColumn", "dueAt", id) on both backends. On PostgreSQL also lower(status) and a
trigram index over the same lowered text domain/search.py searches (title, description and status
joined by the \\x1f separator — keep the two expressions identical or the index is not used).
Without the pg_trgm extension, or the right to create it, search works without that index and the
migration says so in a NOTICE.
"""

from photoflow_desktop.domain.db import is_postgres

BOARD_ORDER = (
    'CREATE INDEX IF NOT EXISTS "Tasks_board_order_idx" ON "Tasks" ("taskColumn", "dueAt", id)'
)
LOWER_STATUS = 'CREATE INDEX IF NOT EXISTS "Tasks_lower_status_idx" ON "Tasks" (lower(status))'
TRIGRAM = r"""
DO $body$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX IF NOT EXISTS "Tasks_search_trgm_idx" ON "Tasks" USING gin (
        lower(task || E'\x1f' || additional_information || E'\x1f' || status) gin_trgm_ops);
EXCEPTION WHEN insufficient_privilege OR undefined_file THEN
    RAISE NOTICE USING MESSAGE = 'free-text search runs without its index: ' || SQLERRM;
END
$body$
"""


def migrate(migrator, database, fake=False, **kwargs):
    """Board-order index; on PostgreSQL also the status and trigram search indexes."""
    migrator.sql(BOARD_ORDER)
    if is_postgres(database):
        migrator.sql(LOWER_STATUS)
        migrator.sql(TRIGRAM)


def rollback(migrator, database, fake=False, **kwargs):
    """Drop the indexes added here (the extension stays: other tables may use it)."""
    for name in ("Tasks_search_trgm_idx", "Tasks_lower_status_idx", "Tasks_board_order_idx"):
        migrator.sql(f'DROP INDEX IF EXISTS "{name}"')
