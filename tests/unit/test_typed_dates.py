"""Typed due dates: German and ISO forms, with and without a time (issue 14 finding 2)."""

from datetime import date, datetime, time

import pytest

from photoflow_desktop.domain.typed_dates import parse_typed_date, parse_typed_datetime


@pytest.mark.parametrize(
    "text",
    [
        "05.12.2026 14:30",
        "5.12.2026 14:30",
        "2026-12-05 14:30",
        "2026-12-05T14:30",
        " 05.12.2026, 14.30 Uhr ",
    ],
)
def test_both_forms_with_a_time(text):
    assert parse_typed_datetime(text) == datetime(2026, 12, 5, 14, 30)


def test_a_date_alone_takes_the_given_time():
    assert parse_typed_datetime("10.12.2026", time(9, 0)) == datetime(2026, 12, 10, 9, 0)
    assert parse_typed_date("2026-12-10") == date(2026, 12, 10)


@pytest.mark.parametrize(
    "text",
    ["", "31.02.2026", "2026-12-05 25:00", "12/05/2026", "05.12.2026 14", "05.12.26", "heute"],
)
def test_what_is_no_date_is_refused(text):
    assert parse_typed_datetime(text) is None
