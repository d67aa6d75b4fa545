"""Where the board's filters look: our search table on PostgreSQL, "Tasks" itself on SQLite.

On PostgreSQL, photoflow.task_search (migration 008) holds per task the column key, due date,
finished flag, lowered status and the lowered haystack searched for free text, with keyset and
trigram indexes Prisma never sees; triggers on "Tasks" keep it current. Board queries join it to
"Tasks" on the id, so a row of it left behind never shows a deleted task. SQLite has no such table
(its triggers cannot swallow an error, see the migration), so the same names point at expressions
over "Tasks" there. `BoardFields` gives the query code one vocabulary for both.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from datetime import datetime

import peewee

from photoflow_desktop.domain.db import database_proxy, is_postgres
from photoflow_desktop.domain.models import Task, TaskSearch

FIELD_SEPARATOR = "\x1f"  # ASCII unit separator: cannot be typed into the search box


SEARCH_ALIAS = "w"  # every board query names the search rows so; filters are built on it
_SEARCH_ROWS = TaskSearch.alias(SEARCH_ALIAS)
_TASK_ROWS = Task.alias(SEARCH_ALIAS)


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
    sqlite: bool  # expressions over "Tasks" with SQLite's pf_lower (LIKE ignores ASCII case)
    texts: tuple[peewee.Node, ...] = ()  # SQLite: the haystack's fields, each LIKE-able alone


def board_fields(rows=None) -> BoardFields:
    """The search rows' columns, named "w" (or those of `rows`: TaskSearch or Task itself).

    PostgreSQL: photoflow.task_search, unless it is not kept current (detached: then "Tasks",
    like SQLite, with the same values as expressions).
    """
    postgres = is_postgres(database_proxy)
    if _search_rows() is _SEARCH_ROWS:
        source = _SEARCH_ROWS if rows is None else rows
        return BoardFields(
            source.task_id,
            source.column_key,
            source.due,
            source.finished,
            source.status,
            source.status,
            source.haystack,
            source.haystack,
            sqlite=False,
        )
    source = _TASK_ROWS if rows is None else rows
    haystack = (
        source.task.concat(FIELD_SEPARATOR)
        .concat(source.additional_information)
        .concat(FIELD_SEPARATOR)
        .concat(source.status)
    )
    # SQLite's LOWER knows only ASCII: pf_lower is Python's str.lower (domain/db.py).
    lower = peewee.fn.LOWER if postgres else peewee.fn.pf_lower
    # SQLite: `+is_finished` keeps the planner off Prisma's is_finished index, which it takes
    # for counts and stats and then visits 800,000 rows in index order (2-3x a plain scan).
    finished = (
        source.is_finished
        if postgres
        else peewee.NodeList((peewee.SQL("+"), source.is_finished), glue="")
    )
    return BoardFields(
        source.id,
        source.task_column,
        source.due_at,
        finished,
        lower(source.status),
        source.status,
        lower(haystack),
        haystack,
        sqlite=not postgres,
        texts=(source.task, source.additional_information, source.status),
    )


_LIVE_CHECK = """
SELECT pg_catalog.to_regclass('photoflow.task_search') IS NOT NULL AND EXISTS (
    SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = pg_catalog.to_regclass('"Tasks"')
    AND tgname = 'photoflow_tasks_search' AND tgenabled <> 'D')
"""
_live: weakref.WeakKeyDictionary[peewee.Database, bool] = weakref.WeakKeyDictionary()


def search_table_live() -> bool:
    """True when photoflow.task_search exists and its trigger keeps it current (asked once)."""
    database = database_proxy.obj
    if database not in _live:
        _live[database] = bool(database.execute_sql(_LIVE_CHECK).fetchone()[0])
    return _live[database]


def forget_search_table_state() -> None:
    """Ask search_table_live again (after migrations, `db detach` or re-attaching)."""
    _live.clear()


def _search_rows():
    """The search rows "w": photoflow.task_search while it is kept current, else "Tasks"."""
    if is_postgres(database_proxy) and search_table_live():
        return _SEARCH_ROWS
    return _TASK_ROWS


def tasks_with_fields(rows: peewee.SelectQuery | None = None) -> peewee.ModelSelect:
    """Whole tasks joined to their search rows "w" (or to `rows`, a subquery named "w")."""
    source = _search_rows() if rows is None else rows
    return Task.select().join(source, on=board_fields().task_id == Task.id)


def counted_rows(*selection: peewee.Node) -> peewee.ModelSelect:
    """SELECT `selection` FROM the search rows "w" alone (no "Tasks" columns needed)."""
    return _search_rows().select(*selection)


class SearchCondition(peewee.ColumnBase):
    """A search's WHERE expression, with what it implies: due range, columns, finished flag
    (None: any)."""

    def __init__(
        self,
        expression: peewee.Node,
        due_from: datetime | None = None,
        due_until: datetime | None = None,
        columns: frozenset[str] | None = None,
        finished: bool | None = None,
    ):
        super().__init__()
        self.expression = expression
        self.due_from = due_from
        self.due_until = due_until
        self.columns = columns
        self.finished = finished

    def __sql__(self, ctx):
        """Render as the expression itself, in parentheses."""
        return ctx.sql(peewee.NodeList((self.expression,), parens=True))


def column_window(
    column: str,
    after: tuple | None,
    include_finished: bool,
    size: int,
    where: SearchCondition | None = None,
) -> peewee.SelectQuery:
    """The next `size` search rows of `column` after the keyset `after`, as a subquery "w".

    Filtering this window instead of the whole column keeps PostgreSQL from intersecting the
    trigram index for a common word (40+ ms at a million rows) when walking the column in due
    order finds a page within a few thousand rows; a page not filled here is asked of the
    whole column (where the trigram index pays off: the words are rare). On PostgreSQL the walk
    is an index-only scan of task_search_board_cover_idx (migration 010: the index carries the
    status and haystack the filter tests) when the finished flag is known: unfinished tasks, or
    the flag a finished: filter asks for.
    """
    rows = Task if _search_rows() is _TASK_ROWS else TaskSearch
    fields = board_fields(rows)
    condition = fields.column == column
    finished = where.finished if where is not None else None
    if finished is None and not include_finished:
        finished = False
    if finished is not None:  # walk the open (or, finished:yes, the finished) tasks only
        condition &= fields.finished == finished
    if after is not None:
        keyset = peewee.Tuple(fields.due.to_value(after[0]), after[1])
        condition &= peewee.Tuple(fields.due, fields.task_id) > keyset
    if where is not None and where.due_from is not None:  # nothing earlier can match
        condition &= fields.due >= where.due_from
    if where is not None and where.due_until is not None:  # nor anything later
        condition &= fields.due < where.due_until
    return (
        rows.select()
        .where(condition)
        .order_by(fields.due, fields.task_id)
        .limit(size)
        .alias(SEARCH_ALIAS)
    )


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
