"""Property tests (hypothesis) for the search box: any text is either a query or a clear refusal.

Whatever a user types or pastes — wildcards, quotes, colons, NUL, lone surrogates, right-to-left
and combining marks — parse_query returns a WHERE clause the database runs without an error, or
raises ValidationError; `%`, `_` and `\\` match themselves only.
"""

from __future__ import annotations

from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.queries import column_page, counts_per_column
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.search import parse_query
from photoflow_desktop.domain.tasks import create_task

NOW = datetime(2026, 3, 10, 12, 0)
PER_BACKEND = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
TRICKY = "%_\\\"':*?[]^$()|. \t\u200f\u202e\u0301\u05d0\u0627ÄöüßİıΣς\x00\ud800\udfff"
search_text = st.lists(
    st.one_of(
        st.sampled_from(TRICKY),
        st.sampled_from(["status:", "column:", "due:", "finished:", "Smith", "10:30", '"']),
        st.characters(exclude_categories=()),  # surrogates included
    ),
    max_size=20,
).map("".join)


def _run(where) -> int:
    """Run the search the way the board does: counts per column, then each column's page."""
    counts = counts_per_column(include_finished=True, where=where)
    for column in ("1", "2", "3"):
        column_page(column, include_finished=True, where=where)
    return sum(counts.values())


def _found(where) -> set[int]:
    return {
        task.id
        for column in ("1", "2", "3")
        for task in column_page(column, include_finished=True, where=where)
    }


@PER_BACKEND
@given(text=search_text)
def test_any_text_is_a_query_or_a_clear_refusal(db, text):
    try:
        where = parse_query(text, now=NOW)
    except ValidationError as exc:
        assert str(exc).strip()
        return
    assert _run(where) >= 0


literal = st.text(alphabet=st.sampled_from("%_\\ab"), min_size=1, max_size=8).filter(
    lambda value: value.strip() and any(ch in value for ch in "%_\\")
)


@PER_BACKEND
@given(needle=literal)
def test_wildcards_and_backslash_match_only_themselves(db, needle):
    with database_proxy.atomic() as transaction:
        wanted = create_task(TaskDraft(f"[{needle}]", NOW, "RAW")).id
        lookalike = needle.replace("%", "x").replace("_", "y").replace("\\", "z")
        other = create_task(TaskDraft(f"[{lookalike}]", NOW, "RAW")).id
        phrase = '"' + f"[{needle}]" + '"' if '"' not in needle else f"[{needle}]"

        found = _found(parse_query(phrase, now=NOW))

        assert wanted in found and other not in found
        transaction.rollback()
