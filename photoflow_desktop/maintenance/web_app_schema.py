"""How the web app's schema in the database compares with what PhotoFlow and Prisma expect.

Two questions for `db check`: can PhotoFlow read "Tasks"/task_comments (a column the web app
renamed or dropped is named), and what in `public` would Prisma's `migrate dev`/`db push`
see as drift — anything that is not in the web app's schema.prisma (with its deployment
guide's three @@index). Triggers and functions are invisible to Prisma's diff.
"""

from __future__ import annotations

import peewee

from photoflow_desktop.domain.db import is_postgres
from photoflow_desktop.domain.errors import Message, Phrase
from photoflow_desktop.domain.models import Task, TaskComment
from photoflow_desktop.maintenance import own_schema

PRISMA_HISTORY_TABLE = "_prisma_migrations"
# Every relation Prisma makes in `public` for the web app (tables, sequences, indexes).
WEB_APP_RELATIONS = {
    "Tasks",
    "task_comments",
    PRISMA_HISTORY_TABLE,
    "Tasks_id_seq",
    "task_comments_id_seq",
    "Tasks_pkey",
    "task_comments_pkey",
    f"{PRISMA_HISTORY_TABLE}_pkey",
    *own_schema.WEB_APP_INDEXES,
}
# The web app's table of 2023 (model KanbanCard, dropped from schema.prisma later); never ours.
FORMER_WEB_APP_TABLE = "KanbanCard"
OURS_FROM_OLDER_VERSIONS = {
    "board_columns",
    "board_columns_pkey",
    "migratehistory",
    "migratehistory_pkey",
    "migratehistory_id_seq",
    *own_schema.FORMER_INDEXES,
}
KIND_NAMES = {
    "r": Phrase("table"),
    "p": Phrase("table"),
    "v": Phrase("view"),
    "m": Phrase("view"),
    "S": Phrase("sequence"),
    "i": Phrase("index"),
}


def missing_columns(database: peewee.Database) -> list[str]:
    """Columns of "Tasks"/task_comments PhotoFlow reads that the database lacks ("Tasks"."x")."""
    missing = []
    for model in (Task, TaskComment):
        table = model._meta.table_name
        present = {column.name for column in database.get_columns(table)}
        missing += [
            f'"{table}"."{field.column_name}"'
            for field in model._meta.sorted_fields
            if field.column_name not in present
        ]
    return missing


def schema_changed_message(missing: list[str]) -> Message:
    """One sentence saying which web-app columns are gone and what PhotoFlow cannot show."""
    if len(missing) == 1:
        return Message(
            "The web app's schema changed: {columns} is missing, so PhotoFlow cannot show the "
            "board; the web app keeps working. Restore the column in the web app's "
            "schema.prisma (or a backup) to see the orders here again",
            columns=missing[0],
        )
    return Message(
        "The web app's schema changed: {columns} are missing, so PhotoFlow cannot show the "
        "board; the web app keeps working. Restore the columns in the web app's "
        "schema.prisma (or a backup) to see the orders here again",
        columns=", ".join(missing),
    )


def prisma_drift(database: peewee.Database) -> list[Message]:
    """One line per object in `public` Prisma would see as drift (PostgreSQL; [] on SQLite)."""
    if not is_postgres(database):
        return []
    rows = database.execute_sql(
        # Each relation with the table it belongs to (an index's table, a sequence's owner).
        "SELECT c.relname, c.relkind, COALESCE(t.relname, o.relname) FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "LEFT JOIN pg_index i ON i.indexrelid = c.oid "
        "LEFT JOIN pg_class t ON t.oid = i.indrelid "
        "LEFT JOIN pg_depend d ON d.objid = c.oid AND d.deptype = 'a' "
        "AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass "
        "LEFT JOIN pg_class o ON o.oid = d.refobjid "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'i', 'f') "
        "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = c.oid AND e.deptype = 'e') "
        "ORDER BY c.relname"
    ).fetchall()
    foreign = {
        name
        for name, _kind, _owner in rows
        if name not in WEB_APP_RELATIONS and name not in OURS_FROM_OLDER_VERSIONS
    }
    lines = [
        _drift_line(name, KIND_NAMES.get(kind, Phrase("relation")))
        for name, kind, owner in rows
        if name not in WEB_APP_RELATIONS
        and name != FORMER_WEB_APP_TABLE
        and owner != FORMER_WEB_APP_TABLE
        and (owner is None or owner == name or owner not in foreign)  # the table says it all
    ]
    if any(name == FORMER_WEB_APP_TABLE for name, _kind, _owner in rows):
        lines.append(
            Message(
                'table "{name}": the web app\'s own former table, no longer in its '
                "schema.prisma; Prisma would want to drop it (PhotoFlow leaves it alone)",
                name=FORMER_WEB_APP_TABLE,
            )
        )
    for model in (Task, TaskComment):
        table = model._meta.table_name
        known = {field.column_name for field in model._meta.sorted_fields}
        lines += [
            Message(
                'column "{table}"."{column}": not in the web app\'s schema as PhotoFlow knows '
                "it; unless schema.prisma now declares it, Prisma would want to drop it",
                table=table,
                column=column.name,
            )
            for column in database.get_columns(table)
            if column.name not in known
        ]
    return lines


def _drift_line(name: str, kind: Phrase) -> Message:
    if name in OURS_FROM_OLDER_VERSIONS:
        return Message(
            "{kind} \"{name}\": PhotoFlow's, left in the web app's schema by an older version; "
            "`photoflow db migrate` moves it out of Prisma's sight",
            kind=kind,
            name=name,
        )
    return Message(
        '{kind} "{name}": not in the web app\'s schema; Prisma would want to drop it '
        "(move it to another schema or add it to schema.prisma before `prisma migrate dev`)",
        kind=kind,
        name=name,
    )
