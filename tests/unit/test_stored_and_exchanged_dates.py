"""Dates as the database holds them (Prisma's integer ms, TEXT forms, damage) and as files hold
them (ISO, YYYY-MM-DD, JavaScript's String(Date) in any zone, English or German names)."""

from datetime import datetime

import pytest

from photoflow_desktop.domain.date_text import format_exchange_date, parse_exchange_date
from photoflow_desktop.domain.datetime_field import (
    DamagedDateTime,
    damaged_text,
    is_damaged,
    is_date_only,
    read_stored,
    to_epoch_millis,
    utc_midnight,
)


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        (1707420627185, datetime(2024, 2, 8, 19, 30, 27, 185000)),  # Prisma on SQLite
        (1707350400000.0, datetime(2024, 2, 8)),  # a REAL holding the same
        ("2024-02-08 19:30:27", datetime(2024, 2, 8, 19, 30, 27)),  # CURRENT_TIMESTAMP
        ("2024-02-08 19:30:27.185999", datetime(2024, 2, 8, 19, 30, 27, 185000)),  # peewee's
        ("2024-02-08T19:30:27.185Z", datetime(2024, 2, 8, 19, 30, 27, 185000)),
        ("2024-02-08 21:30:27 +02:00", datetime(2024, 2, 8, 19, 30, 27)),  # Prisma's literal
        ("1707420627185", datetime(2024, 2, 8, 19, 30, 27, 185000)),
        (datetime(2024, 2, 8, 1, 2, 3), datetime(2024, 2, 8, 1, 2, 3)),  # PostgreSQL
    ],
)
def test_every_stored_form_reads_as_naive_utc(stored, expected):
    assert read_stored(stored) == expected


@pytest.mark.parametrize("stored", ["bald", "", "2024-13-45", 10**17, -(10**17), b"\x00\x01", True])
def test_a_value_that_is_no_date_is_marked_damaged_with_its_raw_value(stored):
    value = read_stored(stored)
    assert is_damaged(value) and value.raw == stored
    assert value > datetime(9999, 1, 1)  # sorts after every real date
    assert not is_date_only(value)
    shown = value.replace(tzinfo=None)  # UI code that converts it gets a date, not a crash
    assert shown.year == 9999


def test_damaged_text_shows_the_raw_value():
    assert damaged_text(DamagedDateTime("bald")) == "bald"
    assert damaged_text(DamagedDateTime(b"\xff")) == "0xff"


def test_date_only_is_exactly_utc_midnight():
    assert utc_midnight(datetime(2024, 6, 1).date()) == datetime(2024, 6, 1)
    assert to_epoch_millis(utc_midnight(datetime(2024, 6, 1).date())) == 1717200000000
    assert is_date_only(datetime(2024, 6, 1))
    assert not is_date_only(datetime(2024, 6, 1, 0, 0, 0, 1000))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The web app's export: String(Date) in the browser's zone and language.
        ("Sat Jun 01 2024 02:00:00 GMT+0200 (Mitteleuropäische Sommerzeit)", datetime(2024, 6, 1)),
        ("Sat Jun 01 2024 02:00:00 GMT+0200 (Central European Summer Time)", datetime(2024, 6, 1)),
        ("Fri May 31 2024 20:00:00 GMT-0400 (Eastern Daylight Time)", datetime(2024, 6, 1)),
        ("Sat Jun 01 2024 05:30:00 GMT+0530 (India Standard Time)", datetime(2024, 6, 1)),
        ("Sa. Juni 01 2024 02:00:00 GMT+0200 (MESZ)", datetime(2024, 6, 1)),
        (
            "Mo Dez 30 2024 09:15:00 GMT+0100 (Mitteleuropäische Normalzeit)",
            datetime(2024, 12, 30, 8, 15),
        ),
        ("Do März 06 2025 10:00:00 GMT+0100", datetime(2025, 3, 6, 9)),
        ("Sat, 01 Jun 2024 00:00:00 GMT", datetime(2024, 6, 1)),
        ("2024-06-01", datetime(2024, 6, 1)),
        ("2024-06-01T00:00:00.000Z", datetime(2024, 6, 1)),
        ("2024-06-01T02:00:00+02:00", datetime(2024, 6, 1)),
    ],
)
def test_exchanged_dates_are_read_in_every_form_the_web_app_writes(text, expected):
    assert parse_exchange_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "0001-01-01T00:30:00+01:00",  # UTC is before year 1
        "9999-12-31T23:30:00-01:00",  # UTC is after year 9999
        "Mon Jan 01 0001 00:30:00 GMT+0100 (x)",
        "Fri Dec 31 9999 23:00:00 GMT-0200 (x)",
        "Sat Foo 01 2024 00:00:00 GMT+0200",
        "Sat Feb 30 2024 00:00:00 GMT+0200",
        "15.03.2026",
        "",
        None,
        17,
    ],
)
def test_unreadable_or_out_of_range_dates_are_a_value_error(text):
    with pytest.raises(ValueError):
        parse_exchange_date(text)


def test_export_writes_iso_utc_and_the_raw_value_of_a_damaged_date():
    assert format_exchange_date(datetime(2024, 6, 1, 9, 5, 1, 123000)) == "2024-06-01T09:05:01.123Z"
    assert format_exchange_date(DamagedDateTime("bald")) == "bald"
