"""Column counts for the board's headers: exact up to a threshold, estimated above it.

Counting every one of 800,000 visible orders takes longer than the board may wait, and nobody
reads "412,318" differently from "about 412,000". Each column is estimated first (cheap); the
columns whose estimate is at most 1.5 × `exact_up_to` are then counted exactly, together in one
query. A column estimated above that, or counted above `exact_up_to` after all, keeps its
estimate, and ColumnCounts says which columns carry one (the UI writes "about").
Estimates: on PostgreSQL the planner's (EXPLAIN; migration 008 gives it statistics on column and
finished flag together, which it otherwise takes for independent and misjudged 4x); on SQLite,
which has no row estimates, the share of matches among 4,000 sampled ids, scaled up (about ±15 %
at 10,000 of a million).
"""

from __future__ import annotations

import functools
import json
import operator
import random
from dataclasses import dataclass, field

import peewee

from photoflow_desktop.domain.columns import column_keys
from photoflow_desktop.domain.db import database_proxy, is_postgres
from photoflow_desktop.domain.models import Task
from photoflow_desktop.domain.queries import visible
from photoflow_desktop.domain.search_table import board_fields, counted_rows

COUNT_EXACT_UP_TO = 10_000
TRUST_ESTIMATE_ABOVE = 1.5  # × exact_up_to: far enough above that no exact count is tried
SAMPLE_SIZE = 4_000


@dataclass(frozen=True)
class ColumnCounts:
    """Visible tasks per column key; `estimated` holds the keys whose count is an estimate."""

    counts: dict[str, int]
    estimated: frozenset[str] = field(default_factory=frozenset)

    def get(self, key: str) -> int:
        """The count of column `key` (0 for a column with no visible task)."""
        return self.counts.get(key, 0)


def column_counts(
    include_finished: bool = False,
    where: peewee.Expression | None = None,
    exact_up_to: int | None = None,
    keys: list[str] | None = None,
) -> ColumnCounts:
    """Visible tasks per column: exact up to `exact_up_to` (COUNT_EXACT_UP_TO), else estimated.

    `keys`: the columns to count (the board's); None: every column of board_columns. On
    PostgreSQL this takes two statements: the estimates of every column, then the exact counts.
    """
    exact_up_to = exact_up_to or COUNT_EXACT_UP_TO
    fields = board_fields()
    condition = visible(include_finished, where)
    keys = column_keys() if keys is None else keys
    estimates = _estimates(keys, condition)
    small = [key for key in keys if estimates[key] <= TRUST_ESTIMATE_ABOVE * exact_up_to]
    exact: dict[str, int] = {}
    if small:
        exact = dict(
            counted_rows(fields.column, peewee.fn.COUNT(fields.task_id))
            .where(fields.column.in_(small) & condition)
            .group_by(fields.column)
            .tuples()
        )
    counts: dict[str, int] = {}
    estimated: set[str] = set()
    for key in keys:
        if key in small and exact.get(key, 0) <= exact_up_to:
            counts[key] = exact.get(key, 0)
        else:
            counts[key] = max(estimates[key], exact.get(key, 0), exact_up_to + 1)
            estimated.add(key)
    return ColumnCounts(counts, frozenset(estimated))


def _estimates(keys: list[str], condition: peewee.Node) -> dict[str, int]:
    """{column key: estimated visible tasks}, from the planner (PG) or an id sample (SQLite)."""
    fields = board_fields()
    if is_postgres(database_proxy):
        if not keys:
            return {}
        rows = counted_rows(fields.task_id)
        parts = [rows.where((fields.column == key) & condition) for key in keys]
        estimates = _planner_rows_each(functools.reduce(operator.add, parts))  # UNION ALL
        if len(estimates) != len(keys):  # the planner dropped parts it proved empty
            estimates = [_planner_rows_each(part)[0] for part in parts]
        return dict(zip(keys, estimates, strict=True))
    sample = IdSample.draw()
    hits = dict(
        counted_rows(fields.column, peewee.fn.COUNT(fields.task_id))
        .where(fields.task_id.in_(sample.ids) & condition)
        .group_by(fields.column)
        .tuples()
    )
    return {key: sample.scaled(hits.get(key, 0)) for key in keys}


def _planner_rows_each(query: peewee.SelectQuery) -> list[int]:
    """The rows PostgreSQL's planner expects of each part of a UNION ALL (or of `query`)."""
    sql, params = query.sql()
    (plan,) = database_proxy.execute_sql(f"EXPLAIN (FORMAT JSON) {sql}", params).fetchone()
    plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
    parts = plan["Plans"] if plan["Node Type"] == "Append" else [plan]
    return [int(part["Plan Rows"]) for part in parts]


@dataclass(frozen=True)
class IdSample:
    """SAMPLE_SIZE ids drawn evenly from [lowest id, highest id] of "Tasks" (SQLite estimates).

    Ids that no longer exist count as misses, so gaps left by deleted tasks do not inflate an
    estimate. The draw is seeded: the same data gives the same estimate (no flickering headers).
    """

    ids: list[int]
    span: int

    @classmethod
    def draw(cls) -> IdSample:
        """A sample over the current id range (two index look-ups, no scan)."""
        low = Task.select(peewee.fn.MIN(Task.id)).scalar() or 0
        high = Task.select(peewee.fn.MAX(Task.id)).scalar() or 0
        span = max(high - low + 1, 1)
        return cls(random.Random(0).sample(range(low, low + span), min(SAMPLE_SIZE, span)), span)

    def scaled(self, hits: int) -> int:
        """`hits` among the sampled ids, scaled up to the whole id range."""
        return round(hits * self.span / len(self.ids))
