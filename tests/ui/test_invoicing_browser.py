"""The data browser's clients, invoices and payments tabs: read-only, filter and sort."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from photoflow_desktop.domain.invoice_models import Invoice, Payment
from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.maintenance.data_browser import DataBrowser


@pytest.fixture
def browser(qtbot, db):
    seed_board()  # sample clients and invoices in every state
    widget = DataBrowser(JobRunner(synchronous=True), page_size=3)
    qtbot.addWidget(widget)
    return widget


def _all_rows(model) -> list:
    while model.canFetchMore():
        model.fetchMore()
    return [model.record(row) for row in range(model.rowCount())]


def _column(model, field: str) -> list:
    return [model.value(row, field) for row in range(len(_all_rows(model)))]


def test_the_three_tables_show_every_row_and_nothing_can_be_edited(browser):
    tabs = [browser.tabs.tabText(i) for i in range(browser.tabs.count())]
    assert tabs[-3:] == ["clients", "invoices", "payments"]
    invoices = browser.invoicing_models["invoices"]
    assert len(_all_rows(invoices)) == Invoice.select().count() == 7  # 6 + one cancellation
    payments = browser.invoicing_models["payments"]
    assert len(_all_rows(payments)) == Payment.select().count()
    assert all(number for number in _column(payments, "invoice_number"))
    for model in browser.invoicing_models.values():
        index = model.index(0, 1)
        assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable


def test_sorting_by_a_header_sorts_in_the_database(browser):
    view = browser.invoicing_pages["invoices"].view
    model = browser.invoicing_models["invoices"]
    view.sortByColumn(model.column_of("total_gross"), Qt.SortOrder.DescendingOrder)
    totals = _column(model, "total_gross")
    assert totals == sorted(totals, reverse=True) and isinstance(totals[0], Decimal)
    shown = model.data(model.index(0, model.column_of("total_gross")))
    assert shown == f"{totals[0]:.2f}"


def test_the_filter_finds_text_in_any_text_column(browser, qtbot):
    page = browser.invoicing_pages["clients"]
    model = browser.invoicing_models["clients"]
    page.filter_edit.setText("münchen")  # in the address, in other case
    qtbot.waitUntil(lambda: model.text_filter == "münchen")
    assert _column(model, "name") == ["Rossi Family"]
    invoices_page = browser.invoicing_pages["invoices"]
    invoices = browser.invoicing_models["invoices"]
    qtbot.keyClicks(invoices_page.filter_edit, "draft")
    qtbot.waitUntil(lambda: invoices.text_filter == "draft")
    assert _column(invoices, "state") == ["draft"]
    assert invoices_page.count_label.text().startswith("1 of 1")
