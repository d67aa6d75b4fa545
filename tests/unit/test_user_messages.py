"""Errors keep an English sentence and become German through one function; labels and dates too."""

from __future__ import annotations

from datetime import datetime

import pytest

from photoflow_desktop.domain.errors import NotFoundError, ValidationError
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.validation import validate_draft, validate_wip_limit
from photoflow_desktop.i18n import english, translate
from photoflow_desktop.i18n.messages import column_title, user_message
from photoflow_desktop.ui.common.status_text import status_text

DRAFT = TaskDraft("", datetime(2026, 12, 5, 13, 30), "RAW", "", "1", False)


@pytest.fixture
def german(qapp):
    from photoflow_desktop.i18n.install import install_language, uninstall_language

    install_language("de")
    yield
    uninstall_language()


def _error(call) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value


def test_errors_keep_their_english_sentence_and_parts():
    error = _error(lambda: validate_draft(DRAFT, ["1"]))
    assert str(error) == "Title is required"
    assert error.template == "{label} is required" and error.field == "title"
    assert user_message(error) == "Title is required"  # no translator: English, no Qt needed


def test_german_errors_translate_template_and_field_name(german):
    assert user_message(_error(lambda: validate_draft(DRAFT, ["1"]))) == "Titel fehlt"
    long_info = TaskDraft("Hochzeit", DRAFT.due_at, "RAW", "x" * 20_001, "1", False)
    assert user_message(_error(lambda: validate_draft(long_info, ["1"]))) == (
        "Beschreibung ist zu lang (20.001 Zeichen; höchstens 20.000)"
    )
    assert user_message(_error(lambda: validate_wip_limit(-1))) == (
        "Das WIP-Limit muss eine ganze Zahl sein (0 für keines)"
    )
    assert user_message(NotFoundError("Task #{id} no longer exists (it was deleted)", id=7)) == (
        "Auftrag #7 gibt es nicht mehr (er wurde gelöscht)"
    )


def test_an_error_inside_an_error_is_translated_too(german):
    inner = ValidationError("it is not a task record")
    outer = ValidationError("Row {number}: {problem}", number=3, problem=inner)
    assert str(outer) == "Row 3: it is not a task record"
    assert user_message(outer) == "Zeile 3: es ist kein Auftrag"


def test_plural_errors_in_both_languages(german):
    template = "This column still holds {count} task(s); choose where to move them"
    one, two = ValidationError(template, count=1), ValidationError(template, count=2)
    assert str(one) == "This column still holds 1 task; choose where to move them"
    assert str(two) == "This column still holds 2 tasks; choose where to move them"
    assert user_message(one) == "Diese Spalte enthält noch 1 Auftrag; wählen Sie, wohin er soll"
    assert user_message(two).startswith("Diese Spalte enthält noch 2 Aufträge;")


def test_english_plurals_without_qt():
    assert english("%n comment(s)", 1) == "1 comment"
    assert english("%n comment(s)", 0) == "0 comments"
    assert translate("Board", "in %n day(s)", None, 2) == "in 2 days"


def test_german_plurals_and_relative_hints(german):
    from photoflow_desktop.ui.board.card_delegate import relative_hint

    now = datetime(2026, 12, 1, 12, 0)
    assert relative_hint(datetime(2026, 12, 3, 12, 0), now) == "in 2 Tagen"
    assert relative_hint(datetime(2026, 12, 2, 12, 0), now) == "in 1 Tag"
    assert relative_hint(datetime(2026, 11, 28, 12, 0), now) == "3 Tage überfällig"
    assert relative_hint(datetime(2026, 12, 1, 7, 0), now) == "5 Stunden überfällig"


def test_default_column_titles_and_statuses_in_german(german):
    assert [
        column_title(k, t) for k, t in (("1", "To do"), ("2", "In progress"), ("3", "Done"))
    ] == [
        "To-Do",
        "In Bearbeitung",
        "Fertig",
    ]
    assert column_title("2", "Retusche") == "Retusche"  # a title the studio chose stays
    assert column_title("4", "Done") == "Done"  # only the column the default belongs to
    statuses = ("NichtBearbeitet", "Entwickelt", "RAW", "Retouched", "Printed")
    assert [status_text(s) for s in statuses] == [
        "Nicht Bearbeitet",
        "Entwickelt",
        "Nicht Bearbeitet",
        "Retuschiert",
        "Gedruckt",
    ]
    assert status_text("Wartet auf Kunde") == "Wartet auf Kunde"


def test_dates_use_the_chosen_languages_names(german):
    from photoflow_desktop.ui.common.dates import LONG, format_local

    text = format_local(datetime(2026, 12, 7, 12, 0), LONG)
    assert "Dezember 2026" in text and text.split(",")[0] in {"Montag"}
