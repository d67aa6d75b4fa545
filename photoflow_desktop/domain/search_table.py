"""Where the board's filters look: our search table on PostgreSQL, "Tasks" itself on SQLite.

On PostgreSQL, photoflow.task_search (migration 008) holds per task the column key, due date,
finished flag, lowered status and the lowered haystack searched for free text, with keyset and
trigram indexes Prisma never sees; triggers on "Tasks" keep it current. Board queries join it to
"Tasks" on the id, so a row of it left behind never shows a deleted task. SQLite has no such table
(its triggers cannot swallow an error, see the migration), so the same names point at expressions
over "Tasks" there. `BoardFields` gives the query code one vocabulary for both.
"""

from __future__ import annotations

from dataclasses import dataclass

import peewee

from photoflow_desktop.domain.db import database_proxy, is_postgres
from photoflow_desktop.domain.models import Task, TaskSearch

FIELD_SEPARATOR = "\x1f"  # ASCII unit separator: cannot be typed into the search box


@dataclass(frozen=True)
class BoardFields:
    """The columns board filters and pages use, on whichever backend is bound."""

    task_id: peewee.Node
    column: peewee.Node
    due: peewee.Node
    finished: peewee.Node
    status_lowered: peewee.Node
    status: peewee.Node  # as stored
    haystack_lowered: peewee.Node
    haystack: peewee.Node  # as stored (SQLite: LIKE on it ignores ASCII case, in C)
    indexed: bool  # True: the search table (PostgreSQL); False: expressions over "Tasks"


def board_fields() -> BoardFields:
    """The search table's columns on PostgreSQL, the equivalent "Tasks" expressions on SQLite."""
    if is_postgres(database_proxy):
        return BoardFields(
            TaskSearch.task_id,
            TaskSearch.column_key,
            TaskSearch.due,
            TaskSearch.finished,
            TaskSearch.status,
            TaskSearch.status,
            TaskSearch.haystack,
            TaskSearch.haystack,
            indexed=True,
        )
    haystack = (
        Task.task.concat(FIELD_SEPARATOR)
        .concat(Task.additional_information)
        .concat(FIELD_SEPARATOR)
        .concat(Task.status)
    )
    # SQLite's LOWER knows only ASCII: pf_lower is Python's str.lower (domain/db.py).
    return BoardFields(
        Task.id,
        Task.task_column,
        Task.due_at,
        Task.is_finished,
        peewee.fn.pf_lower(Task.status),
        Task.status,
        peewee.fn.pf_lower(haystack),
        haystack,
        indexed=False,
    )


def tasks_with_fields(*selection: peewee.Node) -> peewee.ModelSelect:
    """SELECT `selection` (default: whole tasks) FROM "Tasks", joined to the search table on PG."""
    query = Task.select(*selection)
    if is_postgres(database_proxy):
        query = query.join(TaskSearch, on=TaskSearch.task_id == Task.id)
    return query


def counted_rows(*selection: peewee.Node) -> peewee.ModelSelect:
    """SELECT `selection` from the narrowest source of board fields (the search table on PG)."""
    if is_postgres(database_proxy):
        return TaskSearch.select(*selection)
    return Task.select(*selection)


_REFILL = r"""
INSERT INTO photoflow.task_search AS s (task_id, column_key, due, finished, status, haystack)
SELECT id, "taskColumn", "dueAt", is_finished, lower(status),
       lower(task || E'\x1f' || additional_information || E'\x1f' || status)
FROM "Tasks"
ON CONFLICT (task_id) DO UPDATE SET
    column_key = EXCLUDED.column_key, due = EXCLUDED.due, finished = EXCLUDED.finished,
    status = EXCLUDED.status, haystack = EXCLUDED.haystack
WHERE (s.column_key, s.due, s.finished, s.status, s.haystack)
    IS DISTINCT FROM (EXCLUDED.column_key, EXCLUDED.due, EXCLUDED.finished,
                      EXCLUDED.status, EXCLUDED.haystack)
"""
_DROP_ORPHANS = """
DELETE FROM photoflow.task_search s
WHERE NOT EXISTS (SELECT 1 FROM "Tasks" t WHERE t.id = s.task_id)
"""


def refill_search_table() -> int:
    """Bring the search table level with "Tasks" (after bulk loads); rows changed. PG only."""
    if not is_postgres(database_proxy):
        return 0
    with database_proxy.atomic():
        changed = database_proxy.execute_sql(_REFILL).rowcount
        changed += database_proxy.execute_sql(_DROP_ORPHANS).rowcount
    return changed
