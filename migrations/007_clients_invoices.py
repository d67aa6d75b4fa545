"""Clients, price list, tax profiles, invoices, items, payments, the order↔client link, counters.

Ours alone: on PostgreSQL in schema `photoflow` (money NUMERIC(12,2)), on SQLite in the main
file (money in integer cents, quantities in thousandths, VAT rates in hundredths of a percent).
The order↔client link is keyed by the task id and goes when the order is deleted; an invoice
keeps its number when its order is deleted (task_id set to NULL) — by foreign keys on SQLite,
by own_schema's trigger on "Tasks" on PostgreSQL (a key from our schema onto "Tasks" would make
pg_restore fail on a backup taken before 007). Triggers refuse any
change to an issued invoice or its items except cancelling it, on both backends, so no other
program can rewrite an issued invoice either. Rollback drops only these tables.
"""

from photoflow_desktop.domain.db import is_postgres
from photoflow_desktop.maintenance import own_schema

TABLES = (
    "payments",
    "invoice_items",
    "invoices",
    "invoice_counters",
    "task_clients",
    "price_list",
    "tax_profiles",
    "clients",
)

# psycopg2 reads % as a parameter marker, so PostgreSQL statements write it as %%.
# Columns of an issued invoice that never change again (state may go issued → cancelled;
# cancelled_at and task_id — SET NULL when the order is deleted — may change).
FROZEN_COLUMNS = (
    *("number", "year", "kind", "cancels_id", "client_id", "tax_profile", "small_business"),
    *("tax_note", "issue_date", "service_date", "due_date", "payment_days", "client_name"),
    *("client_address", "client_tax_id", "seller", "notes", "total_net", "total_vat"),
    *("total_gross", "created_at", "issued_at"),
)

TAX_PROFILES = """INSERT INTO {prefix}"tax_profiles"
    ("key", "name", "vat_rate", "small_business", "note", "is_default") VALUES
    ('de_vat_19', 'German VAT 19 {pct}', {rate19}, {false}, '', {true}),
    ('de_vat_7', 'German VAT 7 {pct}', {rate7}, {false}, '', {false}),
    ('de_small_business', 'Kleinunternehmer (§ 19 UStG)', 0, {true},
     'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.', {false})"""


def _tables(prefix: str, money: str, qty: str, rate: str, serial: str, stamp: str) -> list[str]:
    """CREATE TABLE statements; the type names differ per backend, the shape does not."""
    # SQLite: foreign keys onto "Tasks". PostgreSQL: own_schema's trigger on "Tasks" does the
    # same, because a key from our schema would block restoring a backup made before 007.
    sqlite = not prefix
    task_key = ' REFERENCES "Tasks" ("id") ON DELETE CASCADE ON UPDATE CASCADE' if sqlite else ""
    task_ref = ' REFERENCES "Tasks" ("id") ON DELETE SET NULL' if sqlite else ""
    return [
        f"""CREATE TABLE {prefix}"clients" (
            "id" {serial},
            "name" TEXT NOT NULL CHECK (length("name") > 0),
            "email" TEXT NOT NULL DEFAULT '',
            "phone" TEXT NOT NULL DEFAULT '',
            "address" TEXT NOT NULL DEFAULT '',
            "tax_id" TEXT NOT NULL DEFAULT '',
            "notes" TEXT NOT NULL DEFAULT '',
            "created_at" {stamp} NOT NULL
        )""",
        f'CREATE INDEX "clients_name_idx" ON {prefix}"clients" ("name")',
        f"""CREATE TABLE {prefix}"task_clients" (
            "task_id" INTEGER NOT NULL PRIMARY KEY{task_key},
            "client_id" INTEGER NOT NULL REFERENCES {prefix}"clients" ("id")
        )""",
        f'CREATE INDEX "task_clients_client_id_idx" ON {prefix}"task_clients" ("client_id")',
        f"""CREATE TABLE {prefix}"price_list" (
            "id" {serial},
            "name" TEXT NOT NULL,
            "unit" TEXT NOT NULL DEFAULT '',
            "unit_price" {money} NOT NULL CHECK ("unit_price" >= 0),
            "vat_rate" {rate} NOT NULL CHECK ("vat_rate" >= 0)
        )""",
        f"""CREATE TABLE {prefix}"tax_profiles" (
            "key" TEXT NOT NULL PRIMARY KEY,
            "name" TEXT NOT NULL,
            "vat_rate" {rate} NOT NULL,
            "small_business" BOOLEAN NOT NULL DEFAULT false,
            "note" TEXT NOT NULL DEFAULT '',
            "is_default" BOOLEAN NOT NULL DEFAULT false
        )""",
        f"""CREATE TABLE {prefix}"invoice_counters" (
            "year" INTEGER NOT NULL PRIMARY KEY,
            "last_number" INTEGER NOT NULL DEFAULT 0
        )""",
        f"""CREATE TABLE {prefix}"invoices" (
            "id" {serial},
            "number" TEXT NULL UNIQUE,
            "year" INTEGER NULL,
            "kind" TEXT NOT NULL DEFAULT 'invoice' CHECK ("kind" IN ('invoice', 'cancellation')),
            "state" TEXT NOT NULL DEFAULT 'draft'
                CHECK ("state" IN ('draft', 'issued', 'cancelled')),
            "cancels_id" INTEGER NULL REFERENCES {prefix}"invoices" ("id"),
            "client_id" INTEGER NOT NULL REFERENCES {prefix}"clients" ("id"),
            "task_id" INTEGER NULL{task_ref},
            "tax_profile" TEXT NOT NULL
                REFERENCES {prefix}"tax_profiles" ("key"),
            "small_business" BOOLEAN NOT NULL DEFAULT false,
            "tax_note" TEXT NOT NULL DEFAULT '',
            "issue_date" DATE NULL,
            "service_date" DATE NULL,
            "due_date" DATE NULL,
            "payment_days" INTEGER NOT NULL DEFAULT 14,
            "client_name" TEXT NOT NULL DEFAULT '',
            "client_address" TEXT NOT NULL DEFAULT '',
            "client_tax_id" TEXT NOT NULL DEFAULT '',
            "seller" TEXT NOT NULL DEFAULT '',
            "notes" TEXT NOT NULL DEFAULT '',
            "total_net" {money} NOT NULL DEFAULT 0,
            "total_vat" {money} NOT NULL DEFAULT 0,
            "total_gross" {money} NOT NULL DEFAULT 0,
            "created_at" {stamp} NOT NULL,
            "issued_at" {stamp} NULL,
            "cancelled_at" {stamp} NULL,
            CHECK (("state" = 'draft') = ("number" IS NULL))
        )""",
        f'CREATE INDEX "invoices_client_id_idx" ON {prefix}"invoices" ("client_id")',
        f'CREATE INDEX "invoices_task_id_idx" ON {prefix}"invoices" ("task_id")',
        f"""CREATE TABLE {prefix}"invoice_items" (
            "id" {serial},
            "invoice_id" INTEGER NOT NULL
                REFERENCES {prefix}"invoices" ("id") ON DELETE CASCADE,
            "position" INTEGER NOT NULL,
            "description" TEXT NOT NULL,
            "quantity" {qty} NOT NULL,
            "unit" TEXT NOT NULL DEFAULT '',
            "unit_price" {money} NOT NULL CHECK ("unit_price" >= 0),
            "vat_rate" {rate} NOT NULL CHECK ("vat_rate" >= 0)
        )""",
        f'CREATE INDEX "invoice_items_invoice_id_idx" ON {prefix}"invoice_items" ("invoice_id")',
        f"""CREATE TABLE {prefix}"payments" (
            "id" {serial},
            "invoice_id" INTEGER NOT NULL
                REFERENCES {prefix}"invoices" ("id"),
            "paid_on" DATE NOT NULL,
            "amount" {money} NOT NULL CHECK ("amount" > 0),
            "method" TEXT NOT NULL DEFAULT '',
            "created_at" {stamp} NOT NULL
        )""",
        f'CREATE INDEX "payments_invoice_id_idx" ON {prefix}"payments" ("invoice_id")',
    ]


def _changed(columns, old="OLD", new="NEW", distinct="IS DISTINCT FROM") -> str:
    return " OR ".join(f'{new}."{c}" {distinct} {old}."{c}"' for c in columns)


FORBIDDEN_STATE_CHANGE = (
    '(NEW."state" <> OLD."state" AND NOT (OLD."state" = \'issued\' '
    "AND NEW.\"state\" = 'cancelled'))"
)
ISSUED_MESSAGE = "An issued invoice cannot be changed or deleted; cancel it instead"

POSTGRES_GUARDS = [
    f"""CREATE OR REPLACE FUNCTION photoflow.guard_issued_invoice() RETURNS trigger
    LANGUAGE plpgsql AS $body$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            IF OLD."state" <> 'draft' THEN
                RAISE EXCEPTION '{ISSUED_MESSAGE} (invoice %%)', OLD."number";
            END IF;
            RETURN OLD;
        END IF;
        IF OLD."state" <> 'draft' AND ({_changed(FROZEN_COLUMNS)} OR {FORBIDDEN_STATE_CHANGE})
        THEN
            RAISE EXCEPTION '{ISSUED_MESSAGE} (invoice %%)', OLD."number";
        END IF;
        RETURN NEW;
    END
    $body$""",
    """CREATE TRIGGER "invoices_guard" BEFORE UPDATE OR DELETE ON photoflow."invoices"
        FOR EACH ROW EXECUTE FUNCTION photoflow.guard_issued_invoice()""",
    f"""CREATE OR REPLACE FUNCTION photoflow.guard_issued_invoice_items() RETURNS trigger
    LANGUAGE plpgsql AS $body$
    BEGIN
        IF EXISTS (SELECT 1 FROM photoflow."invoices" i WHERE i."state" <> 'draft' AND i."id" IN (
                CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD."invoice_id" END,
                CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW."invoice_id" END)) THEN
            RAISE EXCEPTION '{ISSUED_MESSAGE}';
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END
    $body$""",
    """CREATE TRIGGER "invoice_items_guard" BEFORE INSERT OR UPDATE OR DELETE
        ON photoflow."invoice_items" FOR EACH ROW
        EXECUTE FUNCTION photoflow.guard_issued_invoice_items()""",
]

_PARENT_ISSUED = '(SELECT "state" FROM "invoices" WHERE "id" = {row}."invoice_id") <> \'draft\''
SQLITE_GUARDS = [
    f"""CREATE TRIGGER "invoices_guard_update" BEFORE UPDATE ON "invoices"
        WHEN OLD."state" <> 'draft' AND ({_changed(FROZEN_COLUMNS, distinct="IS NOT")}
            OR {FORBIDDEN_STATE_CHANGE})
        BEGIN SELECT RAISE(ABORT, '{ISSUED_MESSAGE}'); END""",
    f"""CREATE TRIGGER "invoices_guard_delete" BEFORE DELETE ON "invoices"
        WHEN OLD."state" <> 'draft'
        BEGIN SELECT RAISE(ABORT, '{ISSUED_MESSAGE}'); END""",
    f"""CREATE TRIGGER "invoice_items_guard_insert" BEFORE INSERT ON "invoice_items"
        WHEN {_PARENT_ISSUED.format(row="NEW")}
        BEGIN SELECT RAISE(ABORT, '{ISSUED_MESSAGE}'); END""",
    f"""CREATE TRIGGER "invoice_items_guard_update" BEFORE UPDATE ON "invoice_items"
        WHEN {_PARENT_ISSUED.format(row="OLD")} OR {_PARENT_ISSUED.format(row="NEW")}
        BEGIN SELECT RAISE(ABORT, '{ISSUED_MESSAGE}'); END""",
    f"""CREATE TRIGGER "invoice_items_guard_delete" BEFORE DELETE ON "invoice_items"
        WHEN {_PARENT_ISSUED.format(row="OLD")}
        BEGIN SELECT RAISE(ABORT, '{ISSUED_MESSAGE}'); END""",
]


def migrate(migrator, database, fake=False, **kwargs):
    """Create the order-to-cash tables, their guards and the three tax profiles."""
    if is_postgres(database):
        migrator.sql("CREATE SCHEMA IF NOT EXISTS photoflow")
        # Copies already there are stale: a restored backup made before 007 left them behind.
        for table in TABLES:
            migrator.sql(f'DROP TABLE IF EXISTS photoflow."{table}" CASCADE')
        statements = _tables(
            "photoflow.",
            "NUMERIC(12,2)",
            "NUMERIC(12,3)",
            "NUMERIC(5,2)",
            "SERIAL NOT NULL PRIMARY KEY",
            "TIMESTAMP(3)",
        )
        statements += POSTGRES_GUARDS + own_schema.forget_triggers_sql()
        values = {"prefix": "photoflow.", "rate19": "19.00", "rate7": "7.00", "pct": "%%"}
        values |= {"true": "true", "false": "false"}
    else:
        statements = _tables(
            "",
            "INTEGER",
            "INTEGER",
            "INTEGER",
            "INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT",
            "DATETIME",
        )
        statements += SQLITE_GUARDS
        values = {"prefix": "", "rate19": "1900", "rate7": "700", "true": "1", "false": "0"}
        values["pct"] = "%"
    statements.append(TAX_PROFILES.format(**values))
    for statement in statements:
        migrator.sql(statement)


def rollback(migrator, database, fake=False, **kwargs):
    """Drop these tables (every client, invoice and payment is lost), the guard functions and
    the order-link triggers on "Tasks"."""
    postgres = is_postgres(database)
    prefix = "photoflow." if postgres else ""
    for table in TABLES:
        migrator.sql(f'DROP TABLE IF EXISTS {prefix}"{table}"{" CASCADE" if postgres else ""}')
    if postgres:
        for statement in own_schema.drop_forget_sql():
            migrator.sql(statement)
        migrator.sql("DROP FUNCTION IF EXISTS photoflow.guard_issued_invoice()")
        migrator.sql("DROP FUNCTION IF EXISTS photoflow.guard_issued_invoice_items()")
