"""Reset: drop PhotoFlow's tables and build them again (every order is lost).

Only the tables we know are dropped; anything else in the database (the web app's
`_prisma_migrations`, other applications' tables) is left alone.
"""

from __future__ import annotations

from photoflow_desktop.domain.db import database_proxy, is_postgres
from photoflow_desktop.maintenance.migrations import apply_pending

PHOTOFLOW_TABLES = ("task_comments", "Tasks", "board_columns", "migratehistory")
PHOTOFLOW_FUNCTIONS = ("photoflow_notify_change",)
# Migration 007's tables (schema photoflow on PostgreSQL), children first.
OWN_SCHEMA_TABLES = (
    *("payments", "invoice_items", "invoices", "invoice_counters", "task_clients"),
    *("price_list", "tax_profiles", "clients"),
)


def reset_database() -> list[str]:
    """Drop our tables (and trigger functions), then apply every migration; returns them."""
    postgres = is_postgres(database_proxy)
    with database_proxy.atomic():
        for table in OWN_SCHEMA_TABLES:
            qualified = f'photoflow."{table}" CASCADE' if postgres else f'"{table}"'
            database_proxy.execute_sql(f"DROP TABLE IF EXISTS {qualified}")
        for table in PHOTOFLOW_TABLES:
            cascade = " CASCADE" if postgres else ""
            database_proxy.execute_sql(f'DROP TABLE IF EXISTS "{table}"{cascade}')
        if postgres:
            for function in PHOTOFLOW_FUNCTIONS:
                database_proxy.execute_sql(f"DROP FUNCTION IF EXISTS {function}() CASCADE")
    return apply_pending()
