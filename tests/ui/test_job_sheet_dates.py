"""Printed dates read as the language writes them: "Montag, 7. Dezember 2026" in German."""

from __future__ import annotations

from datetime import datetime

import pytest

from photoflow_desktop.i18n.install import install_language, uninstall_language
from photoflow_desktop.ui.board.job_sheets import local_text

NOON_UTC = datetime(2026, 12, 7, 11, 0)


@pytest.fixture
def german(qapp):
    install_language("de")
    yield
    uninstall_language()


def test_a_german_job_sheet_puts_a_dot_after_the_day(german):
    assert "7. Dezember 2026" in local_text(NOON_UTC, with_time=False)
    assert "7. Dezember 2026, " in local_text(NOON_UTC)


def test_english_keeps_its_own_order(qapp):
    assert "7 December 2026" in local_text(NOON_UTC, with_time=False)
