"""A SQLite file built the way the web app's Prisma builds it (prisma/dev.db).

The tables are those of Prisma's SQLite migration `20240208192950_init` of the web app (the
shared fixture `webapp_sqlite_with_kanban.sql`), `_prisma_migrations` as Prisma's migrate engine
makes it, and rows as Prisma writes them: every DateTime an INTEGER of milliseconds since the
epoch (UTC), booleans 0/1. One row has a TEXT date (a `CURRENT_TIMESTAMP` default), one an ISO
text, one a value that is no date at all.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

WEB_APP_TABLES = Path(__file__).parents[1] / "fixtures" / "prisma" / "webapp_sqlite_with_kanban.sql"
PRISMA_MIGRATIONS_TABLE = """CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)"""

# (id, created_at, dueAt, task, status, taskColumn): created_at/dueAt exactly as stored.
PRISMA_ROWS = [
    (1, 1707420627185, 1707350400000, "Hochzeit Schmidt", "Entwickelt", "1"),
    (2, 1707420700000, 1717200000000, "Familie Weber", "NichtBearbeitet", "2"),
    (3, None, 1719792000000, "Standesamt Becker", "Retuschiert", "1"),  # created_at default: TEXT
    (4, 1707420800000, "2024-08-01T09:30:00.000Z", "Passbilder Yilmaz", "Gedruckt", "3"),
    (5, 1707420900000, "bald", "Kommunion Fischer", "NichtBearbeitet", "2"),  # no date at all
]
DAMAGED_ID = 5
DAMAGED_RAW = "bald"


def make_prisma_sqlite(path: Path) -> Path:
    """Write the web app's Prisma-SQLite database with the rows above (and one comment each)."""
    connection = sqlite3.connect(path)
    with connection:
        connection.executescript(WEB_APP_TABLES.read_text(encoding="utf-8"))
        connection.execute(PRISMA_MIGRATIONS_TABLE)
        connection.execute(
            "INSERT INTO _prisma_migrations VALUES "
            "('d5f1ecd8-5c12-4980-9d78-8af9fe88be64', 'checksum', 1707420590020, "
            "'20240208192950_init', NULL, NULL, 1707420590018, 1)"
        )
        for task_id, created, due, title, status, column in PRISMA_ROWS:
            if created is None:
                connection.execute(
                    'INSERT INTO "Tasks" (id, "dueAt", task, additional_information, status,'
                    ' "taskColumn", amount_of_comments) VALUES (?, ?, ?, ?, ?, ?, 1)',
                    (task_id, due, title, "Notiz", status, column),
                )
            else:
                connection.execute(
                    'INSERT INTO "Tasks" (id, created_at, "dueAt", task, additional_information,'
                    ' status, is_finished, amount_of_comments, "taskColumn")'
                    " VALUES (?, ?, ?, ?, ?, ?, 0, 1, ?)",
                    (task_id, created, due, title, "Notiz", status, column),
                )
            connection.execute(
                "INSERT INTO task_comments (created_at, task_id, comment) VALUES (?, ?, ?)",
                (1707421000000 + task_id, task_id, f"Kommentar zu {title}"),
            )
    connection.close()
    return path


def stored_types(path: Path, table: str, column: str) -> dict[int, tuple[str, object]]:
    """id → (SQLite storage class, raw value) of one column, read with the sqlite3 module."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            f'SELECT id, typeof("{column}"), "{column}" FROM "{table}"'
        ).fetchall()
    finally:
        connection.close()
    return {row_id: (kind, value) for row_id, kind, value in rows}


HUGE_INTEGER = 2**63 - 1
LONG_STATUS = "Retuschiert " * 834  # 10,008 characters
# id → {column: SQL literal}: values SQLite lets through but the model never expects.
HOSTILE_ROWS = {
    20: {"amount_of_comments": "'viele'", "is_finished": "'ja'", '"taskColumn"': "'99'"},
    21: {"amount_of_comments": str(HUGE_INTEGER), "status": f"'{LONG_STATUS}'"},
    22: {"task": "'Passbild' || char(0) || 'Meyer'", "amount_of_comments": "1e300"},
    23: {
        "task": "x'fffe41'",
        "status": "x'c3'",
        "additional_information": "x'80'",
    },
    24: {"is_finished": "7", "amount_of_comments": "-3"},
    HUGE_INTEGER: {"task": "'Größte Nummer'"},
}


def make_hostile_prisma_sqlite(path: Path) -> Path:
    """The Prisma file above plus rows whose non-date columns hold values of the wrong kind."""
    make_prisma_sqlite(path)
    connection = sqlite3.connect(path)
    with connection:
        for task_id, values in HOSTILE_ROWS.items():
            row = {
                "id": str(task_id),
                "created_at": "1707420627185",
                '"dueAt"': "1717200000000",
                "task": f"'Auftrag {task_id}'",
                "additional_information": "''",
                "status": "'Entwickelt'",
                **values,
            }
            connection.execute(
                f'INSERT INTO "Tasks" ({", ".join(row)}) VALUES ({", ".join(row.values())})'
            )
    connection.close()
    return path
