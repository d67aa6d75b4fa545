"""The search box's query language, run in the database on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.models import Task
from photoflow_desktop.domain.queries import column_page, counts_per_column
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.search import local_day_start_utc, mentions_finished, parse_query
from photoflow_desktop.domain.tasks import create_task, set_finished

NOW = datetime(2026, 3, 10, 12, 0)


def add(title, due=NOW + timedelta(days=30), status="RAW", info="", column="1", finished=False):
    record = create_task(TaskDraft(title, due, status, info, column))
    if finished:
        set_finished(record.id, True)
    return record.id


def found(text, now=NOW) -> set[str]:
    """Titles of every task (finished too) the search matches, across all columns."""
    where = parse_query(text, now=now)
    titles = set()
    for column in ("1", "2", "3"):
        titles |= {t.title for t in column_page(column, include_finished=True, where=where)}
    return titles


@pytest.fixture
def board(db):
    add("Wedding Photography - Smith Family", info="Outdoor ceremony, 100 guests")
    add("Newborn shoot - Jones", status="Retouched", column="2", info="white background")
    add("Übergabe der Fotos an Müller", status="Entwickelt", column="2")
    add("Sale: 50% off prints", status="Printed", column="3", finished=True)
    add("500 prints for the school", info="class_photo batch")
    return db


def test_empty_search_is_no_filter(db):
    assert parse_query("") is None
    assert parse_query("   ") is None
    assert parse_query(None) is None


def test_free_words_are_anded_over_title_description_and_status(board):
    assert found("smith") == {"Wedding Photography - Smith Family"}
    assert found("OUTDOOR guests") == {"Wedding Photography - Smith Family"}
    assert found("outdoor jones") == set()
    assert found("retouched") == {"Newborn shoot - Jones"}  # the status is searched too
    assert found("background newborn") == {"Newborn shoot - Jones"}


def test_quotes_make_a_phrase(board):
    assert found('"white background"') == {"Newborn shoot - Jones"}
    assert found('"background white"') == set()
    assert found('"shoot - jones') == {"Newborn shoot - Jones"}  # unclosed quote while typing
    assert found('"family outdoor"') == set()  # a phrase never spans title and description


def test_case_insensitive_beyond_ascii(board):
    assert found("übergabe") == {"Übergabe der Fotos an Müller"}
    assert found("MÜLLER") == {"Übergabe der Fotos an Müller"}


def test_like_wildcards_are_taken_literally(board):
    assert found("50%") == {"Sale: 50% off prints"}
    assert found("class_photo") == {"500 prints for the school"}
    assert found("s_le") == set()
    assert found("%") == {"Sale: 50% off prints"}


def test_status_and_column_filters(board):
    assert found("status:retouched") == {"Newborn shoot - Jones"}
    assert found("status:Retouch") == set()  # a filter is exact, unlike free text
    assert found("column:2") == {"Newborn shoot - Jones", "Übergabe der Fotos an Müller"}
    assert found('column:"in progress" jones') == {"Newborn shoot - Jones"}
    assert found("column:done") == {"Sale: 50% off prints"}
    assert counts_per_column(where=parse_query("column:2 müller")) == {"2": 1}


def test_column_filter_finds_a_column_only_the_web_app_knows(board):
    # The web app put it in a column this board does not have.
    Task.insert(
        task="Album Kaya", due_at=NOW, additional_information="", status="RAW", task_column="7"
    ).execute()
    where = parse_query("column:7 kaya", now=NOW)
    assert [t.title for t in column_page("7", where=where)] == ["Album Kaya"]
    assert counts_per_column(where=where) == {"7": 1}


def test_status_filter_with_a_quoted_value(db):
    add("Headshots", status="Proofs sent")
    add("Passport", status="Proofs")
    assert found('status:"proofs sent"') == {"Headshots"}


def test_finished_filter(board):
    assert found("finished:yes") == {"Sale: 50% off prints"}
    assert "Sale: 50% off prints" not in found("finished:no prints")
    assert found("finished:no prints") == {"500 prints for the school"}
    assert mentions_finished("prints finished:yes")
    assert not mentions_finished("prints")
    # Asking for both finds nothing (and walks neither flag's tasks alone).
    assert found("finished:yes finished:no prints") == set()


def test_finished_filter_pages_follow_each_other_in_due_order(db):
    for day in range(1, 8):
        add(f"Album {day}", due=NOW + timedelta(days=day), finished=day % 2 == 0)
    where = parse_query("finished:yes album", now=NOW)
    first = column_page("1", limit=2, include_finished=True, where=where)
    rest = column_page(
        "1", after=(first[-1].due_at, first[-1].id), include_finished=True, where=where
    )
    assert [t.title for t in first + rest] == ["Album 2", "Album 4", "Album 6"]


def test_due_filters_follow_the_local_calendar(db):
    today_start = local_day_start_utc(NOW)
    add("earlier today", due=today_start + timedelta(minutes=5))
    add("later today", due=local_day_start_utc(NOW, 1) - timedelta(minutes=1))
    add("tomorrow", due=local_day_start_utc(NOW, 1) + timedelta(hours=2))
    add("in six days", due=local_day_start_utc(NOW, 6) + timedelta(hours=2))
    add("in eight days", due=local_day_start_utc(NOW, 8))
    add("last week", due=NOW - timedelta(days=7))
    add("last week, done", due=NOW - timedelta(days=7), finished=True)

    assert found("due:today") == {"earlier today", "later today"}
    assert found("due:week") == {"earlier today", "later today", "tomorrow", "in six days"}
    overdue = found("due:overdue")
    assert "last week" in overdue and "last week, done" not in overdue
    assert ("earlier today" in overdue) == (today_start + timedelta(minutes=5) < NOW)
    assert found("due:TODAY later") == {"later today"}


def test_a_text_with_a_colon_needs_no_filter(board):
    add("Call Smith: 10:30")
    assert found("smith:") == {"Call Smith: 10:30"}
    assert found('"10:30"') == {"Call Smith: 10:30"}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("due:tomorrow", "use due:today, due:week or due:overdue"),
        ("finished:maybe", "use finished:yes or finished:no"),
        ("column:9", "no column '9' on this board: use 1 (To do), 2 (In progress), 3 (Done)"),
        ("stauts:RAW", "Unknown filter 'stauts:'"),
        ("smith status:", "'status:' needs a value, e.g. status:Retouched"),
    ],
)
def test_a_bad_filter_says_what_to_write(db, text, words):
    with pytest.raises(ValidationError, match=None) as caught:
        parse_query(text, now=NOW)
    assert words in str(caught.value)
    assert caught.value.field == "search"


def test_a_nul_character_in_the_search_box_is_ignored(board):
    """PostgreSQL text cannot hold NUL: pasted into the box it must not crash the search."""
    assert found("Smi\x00th") == {"Wedding Photography - Smith Family"}
    assert found("status:Retouched\x00") == {"Newborn shoot - Jones"}
    assert parse_query("\x00 \x00") is None
