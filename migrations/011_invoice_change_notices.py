"""Invoice, client and payment changes reach the other boards (PostgreSQL), like order changes.

Migration 007's tables had no change notice: an invoice issued, a payment recorded or a client
renamed on one workstation showed on another only after Refresh (unless the web app's socket.io
relay carried the news). Each table of ours that the invoices and clients windows or the cards
show gets 003/005's notify triggers (a row trigger sends `pg_notify` with the table's name; one
notice per table and statement kind in a transaction, as PostgreSQL folds equal payloads) and
006's change-marker trigger for boards behind a pooler. A notice names no order, so a board
that hears it reloads and refreshes its open invoices and clients windows.
Only tables in schema `photoflow` get triggers; nothing on the web app's tables changes. The
trigger function swallows every error (a notice is never worth a failed write). SQLite boards
already see every write of the file through `PRAGMA data_version`: nothing to do there.
Rollback drops the triggers.
"""

from photoflow_desktop.domain.db import is_postgres
from photoflow_desktop.maintenance import own_schema

TABLES = own_schema.INVOICING_TRIGGER_TABLES


def migrate(migrator, database, fake=False, **kwargs):
    """Notify and marker triggers on our invoicing tables (PostgreSQL)."""
    if not is_postgres(database):
        return
    migrator.sql(own_schema.function_sql())
    for table in TABLES:
        for statement in own_schema.create_triggers_sql(table):
            migrator.sql(statement)
        migrator.sql(own_schema.marker_trigger_sql(table))


def rollback(migrator, database, fake=False, **kwargs):
    """Drop those triggers (PostgreSQL)."""
    if not is_postgres(database):
        return
    for table in TABLES:
        for statement in own_schema.drop_triggers_sql(table):
            migrator.sql(statement)
        migrator.sql(own_schema.drop_marker_trigger_sql(table))
