"""Column counts for the board's headers: exact up to a threshold, estimated above it.

Counting every one of 800,000 visible orders takes longer than the board may wait, and nobody
reads "412,318" differently from "about 412,000". Each column is estimated first (cheap); unless
the estimate is far above `exact_up_to`, it is counted exactly, stopping after `exact_up_to` + 1
rows. A column above the threshold gets the estimate, and ColumnCounts says which columns carry
one (the UI writes "about").
Estimates are the share of matches in a fixed sample of 4,000 ids, scaled up (about ±15 % at
10,000 of a million). PostgreSQL's planner estimates were tried and dropped: it multiplies the
selectivities of column and finished flag and was off by 4x for the Done column.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import peewee

from photoflow_desktop.domain.columns import column_keys
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
    exact_up_to: int = COUNT_EXACT_UP_TO,
) -> ColumnCounts:
    """How many visible tasks each column holds: exact up to `exact_up_to`, else estimated."""
    fields = board_fields()
    condition = visible(include_finished, where)
    estimates = IdSample.draw().estimate(
        counted_rows(fields.column, peewee.fn.COUNT(fields.task_id))
        .where(condition)
        .group_by(fields.column),
        fields.task_id,
    )
    counts: dict[str, int] = {}
    estimated: set[str] = set()
    for key in column_keys():
        estimate = estimates.get(key, 0)
        if estimate <= TRUST_ESTIMATE_ABOVE * exact_up_to:
            source = counted_rows(fields.task_id).where((fields.column == key) & condition)
            capped = source.limit(exact_up_to + 1).count()
            if capped <= exact_up_to:
                counts[key] = capped
                continue
        counts[key] = max(estimate, exact_up_to + 1)
        estimated.add(key)
    return ColumnCounts(counts, frozenset(estimated))


@dataclass(frozen=True)
class IdSample:
    """SAMPLE_SIZE ids drawn evenly from [lowest id, highest id] of "Tasks" (for estimates).

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

    def estimate(self, grouped: peewee.ModelSelect, task_id: peewee.Node) -> dict[str, int]:
        """{group: count} of `grouped` (key, COUNT) scaled up from the sampled ids alone."""
        hits = grouped.where(task_id.in_(self.ids)).tuples()
        return {key: round(count * self.span / len(self.ids)) for key, count in hits}
