"""Input rules a photographer meets in the task form and the comment box."""

from datetime import UTC, datetime

import pytest

from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.validation import validate_comment, validate_draft

COLUMNS = ["1", "2", "3"]
GOOD = TaskDraft("Wedding - Smith", datetime(2026, 3, 15, 14, 0), "RAW", "Outdoor", "1")


def test_a_good_draft_is_trimmed_and_kept():
    draft = validate_draft(
        TaskDraft("  Wedding  ", datetime(2026, 3, 15, 14, 0, 0, 123456), " RAW ", " x "), COLUMNS
    )
    assert (draft.title, draft.status, draft.info) == ("Wedding", "RAW", "x")
    assert draft.due_at.microsecond == 123000  # PostgreSQL keeps milliseconds


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"title": "   "}, "title", "required"),
        ({"title": "x" * 501}, "title", "too long"),
        ({"title": "bad\x00title"}, "title", "NUL"),
        ({"info": "y" * 20_001}, "info", "too long"),
        ({"status": ""}, "status", "required"),
        ({"due_at": "tomorrow"}, "due_at", "real date"),
        ({"due_at": datetime(1066, 10, 14)}, "due_at", "not plausible"),
        ({"due_at": datetime(2026, 1, 1, tzinfo=UTC)}, "due_at", "UTC"),
        ({"column": "9"}, "column", "does not exist"),
    ],
)
def test_each_broken_rule_names_its_field_and_says_why(changes, field, words):
    from dataclasses import replace

    with pytest.raises(ValidationError) as caught:
        validate_draft(replace(GOOD, **changes), COLUMNS)
    assert caught.value.field == field
    assert words in str(caught.value)


@pytest.mark.parametrize("text", ["", "   \n\t ", "a\x00b", "z" * 20_001])
def test_bad_comments_are_refused(text):
    with pytest.raises(ValidationError):
        validate_comment(text)


def test_a_comment_keeps_its_inner_line_breaks():
    assert (
        validate_comment("  Photos delivered\nInvoice sent  ") == "Photos delivered\nInvoice sent"
    )
