"""Reset: drop PhotoFlow's tables and build them again (every order is lost).

Only the tables we know (and on PostgreSQL our schema `photoflow`) are dropped; anything else
in the database (the web app's `_prisma_migrations`, other applications' tables) is left alone.
"""

from __future__ import annotations

from photoflow_desktop.domain.db import database_proxy, is_postgres
from photoflow_desktop.domain.models import OWN_SCHEMA
from photoflow_desktop.maintenance.migrations import apply_pending

# In the web app's schema (PostgreSQL: ours only before migration 005; SQLite: all of them).
PHOTOFLOW_TABLES = ("task_comments", "Tasks", "board_columns", "migratehistory")
PHOTOFLOW_FUNCTIONS = ("photoflow_notify_change",)
# Migration 007's tables, children first (on PostgreSQL they go with schema photoflow).
SQLITE_INVOICE_TABLES = (
    *("payments", "invoice_items", "invoices", "invoice_counters", "task_clients"),
    *("price_list", "tax_profiles", "clients"),
)


def reset_database() -> list[str]:
    """Drop our tables, schema and trigger functions, then apply every migration; returns them."""
    postgres = is_postgres(database_proxy)
    with database_proxy.atomic():
        for table in () if postgres else SQLITE_INVOICE_TABLES:
            database_proxy.execute_sql(f'DROP TABLE IF EXISTS "{table}"')
        for table in PHOTOFLOW_TABLES:
            cascade = " CASCADE" if postgres else ""
            database_proxy.execute_sql(f'DROP TABLE IF EXISTS "{table}"{cascade}')
        if postgres:
            database_proxy.execute_sql(f"DROP SCHEMA IF EXISTS {OWN_SCHEMA} CASCADE")
            for function in PHOTOFLOW_FUNCTIONS:
                database_proxy.execute_sql(f"DROP FUNCTION IF EXISTS {function}() CASCADE")
    return apply_pending()
