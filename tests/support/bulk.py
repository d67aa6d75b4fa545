"""Fill the bound database with many orders quickly (one SQL statement, both backends)."""

from photoflow_desktop.domain.db import database_proxy, is_postgres

_POSTGRES = """
INSERT INTO "Tasks" (created_at, "dueAt", task, additional_information, status, "taskColumn")
SELECT now() AT TIME ZONE 'UTC', (now() AT TIME ZONE 'UTC') + g * interval '1 minute',
       'Bulk order ' || g, repeat('notes ', 40), 'RAW', '1'
FROM generate_series(1, %s) AS g
"""
_SQLITE = """
WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < ?)
INSERT INTO "Tasks" ("dueAt", task, additional_information, status, "taskColumn")
SELECT datetime('now', '+' || n || ' minutes'), 'Bulk order ' || n,
       replace(hex(zeroblob(120)), '00', 'ab'), 'RAW', '1'
FROM g
"""


def add_bulk_orders(count: int) -> None:
    """Insert `count` orders with ~240 characters of notes each."""
    sql = _POSTGRES if is_postgres(database_proxy) else _SQLITE
    with database_proxy.atomic():
        database_proxy.execute_sql(sql, (count,))
