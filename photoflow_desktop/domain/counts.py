"""Column counts for the board's headers: exact up to a threshold, estimated above it.

Counting every one of 800,000 visible orders takes longer than the board may wait, and nobody
reads "412,318" differently from "about 412,000". Each column is counted exactly while it holds
at most `exact_up_to` visible tasks (the count stops reading after one more); above that the count
is an estimate, and ColumnCounts says which columns carry one (the UI writes "about").
Estimates: PostgreSQL's planner (EXPLAIN, from ANALYZE statistics of the search table); on
SQLite, which has no row estimates, the share of matches in a fixed sample of ids.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field

import peewee

from photoflow_desktop.domain.columns import column_keys
from photoflow_desktop.domain.db import database_proxy, is_postgres
from photoflow_desktop.domain.models import Task
from photoflow_desktop.domain.queries import visible
from photoflow_desktop.domain.search_table import board_fields, counted_rows

COUNT_EXACT_UP_TO = 10_000
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
    exact_up_to: int = COUNT_EXACT_UP_TO,
) -> ColumnCounts:
    """How many visible tasks each column holds: exact up to `exact_up_to`, else estimated."""
    fields = board_fields()
    counts: dict[str, int] = {}
    estimated: set[str] = set()
    for key in column_keys():
        source = counted_rows(fields.task_id).where(
            (fields.column == key) & visible(include_finished, where)
        )
        capped = source.limit(exact_up_to + 1).count()
        if capped <= exact_up_to:
            counts[key] = capped
            continue
        counts[key] = max(_estimate(source), exact_up_to + 1)
        estimated.add(key)
    return ColumnCounts(counts, frozenset(estimated))


def _estimate(source: peewee.ModelSelect) -> int:
    if is_postgres(database_proxy):
        sql, params = source.sql()
        (plan,) = database_proxy.execute_sql(f"EXPLAIN (FORMAT JSON) {sql}", params).fetchone()
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return int(plan[0]["Plan"]["Plan Rows"])
    return _sampled_estimate(source)


def _sampled_estimate(source: peewee.ModelSelect) -> int:
    """Matches among SAMPLE_SIZE ids drawn evenly from [min id, max id], scaled to the range.

    Ids that no longer exist count as misses, so gaps from deleted tasks do not inflate it. The
    draw is seeded: the same data gives the same estimate (headers do not flicker).
    """
    low, high = Task.select(peewee.fn.MIN(Task.id), peewee.fn.MAX(Task.id)).scalar(as_tuple=True)
    if low is None:
        return 0
    span = high - low + 1
    ids = random.Random(0).sample(range(low, high + 1), min(SAMPLE_SIZE, span))
    hits = source.where(Task.id.in_(ids)).count()
    return round(hits * span / len(ids))
