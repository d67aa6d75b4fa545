"""One index of ours answers a board page's filter and order without visiting the search table.

At a million orders a search page walks a column's open tasks in due order (domain/search_table.py
`column_window`) and tests each row's haystack; with the key-only index of 008 every row tested
costs a visit to the table (20–40 ms for `wedding due:week`, the planner even sorting a bitmap
scan). The index here carries the status and the haystack too (INCLUDE), so the walk is an
index-only scan that stops at the page's last match (1–6 ms). It replaces 008's
`task_search_board_idx` (same keys). Only photoflow.task_search changes: nothing on "Tasks",
nothing Prisma sees. SQLite has no search table: nothing to do there.
Rollback puts 008's index back and drops this one.
"""

from photoflow_desktop.domain.db import is_postgres

COVERING = """
DO $body$
BEGIN
    IF pg_catalog.to_regclass('photoflow.task_search') IS NOT NULL THEN
        CREATE INDEX IF NOT EXISTS task_search_board_cover_idx
            ON photoflow.task_search (column_key, finished, due, task_id)
            INCLUDE (status, haystack);
        DROP INDEX IF EXISTS photoflow.task_search_board_idx;
    END IF;
END
$body$
"""
KEYS_ONLY = """
DO $body$
BEGIN
    IF pg_catalog.to_regclass('photoflow.task_search') IS NOT NULL THEN
        CREATE INDEX IF NOT EXISTS task_search_board_idx
            ON photoflow.task_search (column_key, finished, due, task_id);
        DROP INDEX IF EXISTS photoflow.task_search_board_cover_idx;
    END IF;
END
$body$
"""


def migrate(migrator, database, fake=False, **kwargs):
    """Swap the board index of photoflow.task_search for a covering one (PostgreSQL)."""
    if is_postgres(database):
        migrator.sql(COVERING)


def rollback(migrator, database, fake=False, **kwargs):
    """Put 008's key-only board index back (PostgreSQL)."""
    if is_postgres(database):
        migrator.sql(KEYS_ONLY)
