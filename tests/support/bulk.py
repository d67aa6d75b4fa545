"""Fill the bound database with many orders quickly (one SQL statement, both backends).

On SQLite dates are integer milliseconds, as Prisma and the desktop write them.
"""

from photoflow_desktop.domain.db import database_proxy, is_postgres

_POSTGRES = """
INSERT INTO "Tasks" (created_at, "dueAt", task, additional_information, status, "taskColumn")
SELECT now() AT TIME ZONE 'UTC', (now() AT TIME ZONE 'UTC') + g * interval '1 minute',
       'Bulk order ' || g, repeat('notes ', 40), 'RAW', '1'
FROM generate_series(1, %s) AS g
"""
_SQLITE = """
WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < ?)
INSERT INTO "Tasks" (created_at, "dueAt", task, additional_information, status, "taskColumn")
SELECT CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
       CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) + n * 60000, 'Bulk order ' || n,
       replace(hex(zeroblob(120)), '00', 'ab'), 'RAW', '1'
FROM g
"""


def add_bulk_orders(count: int) -> None:
    """Insert `count` orders with ~240 characters of notes each."""
    sql = _POSTGRES if is_postgres(database_proxy) else _SQLITE
    with database_proxy.atomic():
        database_proxy.execute_sql(sql, (count,))
