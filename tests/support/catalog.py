"""What a PostgreSQL schema holds, object by object, read from the catalog (for comparisons)."""

from __future__ import annotations

from pathlib import Path

import psycopg2

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "prisma"

QUERIES = {
    "relations": """
        SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = %(schema)s""",
    "columns": """
        SELECT c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
               a.attnotnull, pg_catalog.pg_get_expr(d.adbin, d.adrelid)
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
          LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE n.nspname = %(schema)s AND a.attnum > 0 AND NOT a.attisdropped
           AND c.relkind IN ('r', 'p', 'v', 'm')""",
    "constraints": """
        SELECT c.relname, k.conname, pg_catalog.pg_get_constraintdef(k.oid)
          FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %(schema)s""",
    "indexes": """
        SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = %(schema)s""",
    "sequences": """
        SELECT s.sequencename, s.data_type::text, s.start_value, s.increment_by,
               (SELECT c.relname || '.' || a.attname FROM pg_depend d
                  JOIN pg_class c ON c.oid = d.refobjid
                  JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                 WHERE d.objid = (quote_ident(s.schemaname) || '.' ||
                                  quote_ident(s.sequencename))::regclass
                   AND d.deptype = 'a')
          FROM pg_sequences s WHERE s.schemaname = %(schema)s""",
    "triggers": """
        SELECT c.relname, t.tgname, pg_catalog.pg_get_triggerdef(t.oid)
          FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = %(schema)s AND NOT t.tgisinternal""",
    "functions": """
        SELECT p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = %(schema)s""",
    "types": """
        SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE n.nspname = %(schema)s AND t.typtype NOT IN ('c', 'b')""",
    # Installed into this schema (pg_trgm of migration 008 lives in `photoflow`, out of sight).
    "extensions": """
        SELECT e.extname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
         WHERE e.extname <> 'plpgsql' AND n.nspname = %(schema)s""",
}


def schema_objects(url: str, schema: str = "public") -> dict[str, set[tuple]]:
    """Every object of `schema` at `url`, grouped by kind, as comparable sets of tuples."""
    connection = psycopg2.connect(url)
    try:
        with connection.cursor() as cursor:
            found = {}
            for kind, query in QUERIES.items():
                cursor.execute(query, {"schema": schema})
                found[kind] = set(cursor.fetchall())
            return found
    finally:
        connection.close()


def run_fixture(url: str, *names: str) -> None:
    """Run the SQL fixture files `names` (tests/fixtures/prisma/) against `url`, as psql would."""
    connection = psycopg2.connect(url)
    try:
        with connection, connection.cursor() as cursor:
            for name in names:
                cursor.execute((FIXTURES / name).read_text())
    finally:
        connection.close()
