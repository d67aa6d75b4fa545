"""SQLite: dates stored as TEXT become INTEGER milliseconds, the form Prisma writes and reads.

Earlier desktop versions wrote peewee's TEXT (`2024-06-01 14:00:00.123000`), which the web app's
Prisma cannot read; a `CURRENT_TIMESTAMP` default also leaves TEXT. SQLite orders every INTEGER
before every TEXT, so mixed values would break the board's order, the overdue count and
compare-and-set. Each readable TEXT date is rewritten as the same instant in milliseconds; a value
that is no date stays exactly as it is (the board marks it damaged). PostgreSQL: nothing to do.
Rollback keeps the integers: every version that reads them is this one or later.
"""

from photoflow_desktop.domain.datetime_field import is_damaged, read_stored, to_epoch_millis
from photoflow_desktop.domain.db import is_postgres

DATE_COLUMNS = (("Tasks", "created_at"), ("Tasks", "dueAt"), ("task_comments", "created_at"))


def _convert_text_dates(database) -> None:
    for table, column in DATE_COLUMNS:
        rows = database.execute_sql(
            f'SELECT id, "{column}" FROM "{table}" WHERE typeof("{column}") = \'text\''
        ).fetchall()
        updates = [
            (to_epoch_millis(value), row_id)
            for row_id, text in rows
            if not is_damaged(value := read_stored(text))
        ]
        if updates:
            database.cursor().executemany(
                f'UPDATE "{table}" SET "{column}" = ? WHERE id = ?', updates
            )


def migrate(migrator, database, fake=False, **kwargs):
    """Rewrite readable TEXT dates as integer milliseconds (SQLite only)."""
    if not is_postgres(database):
        migrator.run(_convert_text_dates, database)


def rollback(migrator, database, fake=False, **kwargs):
    """Nothing to undo: integer milliseconds are what Prisma and this version read."""
