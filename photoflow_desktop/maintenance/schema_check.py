"""Is a backup PhotoFlow's (or the web app's) schema? Both tables, with the expected columns.

A table merely named "Tasks" is not enough: another application's database may have one, and
restoring it would replace the board with foreign data (or fail at the end).
"""

from __future__ import annotations

from photoflow_desktop.domain.errors import Message

EXPECTED_COLUMNS = {
    "Tasks": {
        "id",
        "created_at",
        "dueAt",
        "task",
        "additional_information",
        "status",
        "is_finished",
        "amount_of_comments",
    },
    "task_comments": {"id", "created_at", "task_id", "comment"},
}


def schema_problem(tables: dict[str, set[str]]) -> str | None:
    """Why `tables` (name → column names) is not PhotoFlow's schema, or None when it is."""
    for table, expected in EXPECTED_COLUMNS.items():
        if table not in tables:
            return Message(
                "This backup is not a PhotoFlow database: it has no {table} table", table=table
            )
        missing = sorted(expected - tables[table])
        if missing:
            return Message(
                "This backup is not a PhotoFlow database: its {table} table lacks "
                "the column(s) {columns}",
                table=table,
                columns=", ".join(missing),
            )
    return None
