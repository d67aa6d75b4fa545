"""Money and totals as German invoices show them (no database needed)."""

from decimal import Decimal

import pytest

from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.invoice_records import ItemDraft
from photoflow_desktop.domain.invoice_totals import check_line, compute_totals
from photoflow_desktop.domain.money import format_amount, parse_money, to_cents

D = Decimal


def lines(*items, rate=None, small_business=False):
    rate = D("19") if rate is None else rate
    return [check_line(item, rate, small_business, n) for n, item in enumerate(items, 1)]


@pytest.mark.parametrize(
    ("text", "value"),
    [("219.79", "219.79"), ("0", "0.00"), ("5.5", "5.50"), (" 12.30 ", "12.30"), (7, "7.00")],
)
def test_parse_money_accepts_plain_amounts(text, value):
    assert parse_money(text, "Price") == D(value)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("219.799", "more than 2 decimal places"),
        ("12,50", "decimal point"),
        ("abc", "not a number"),
        ("1e3", "not a number"),
        ("NaN", "not a number"),
        ("-5.00", "must not be below 0"),
        ("", "not a number"),
        (1.5, "decimal point"),
    ],
)
def test_parse_money_refuses_with_a_reason(text, says):
    with pytest.raises(ValidationError, match=says):
        parse_money(text, "Price")


def test_cents_round_half_up_as_invoices_do():
    assert to_cents(D("0.005")) == D("0.01")
    assert to_cents(D("2.675")) == D("2.68")  # float would give 2.67
    assert to_cents(D("-0.005")) == D("-0.01")
    assert format_amount(D("219.7")) == "219.70"


def test_vat_is_rounded_once_per_rate_not_per_line():
    totals = compute_totals(lines(*[ItemDraft("Print", "1", "33.33", "19")] * 3))
    # per line 6.3327 → 6.33 (×3 = 18.99); per rate 99.99 × 19 % = 18.9981 → 19.00
    assert (totals.net, totals.vat, totals.gross) == (D("99.99"), D("19.00"), D("118.99"))
    assert lines(ItemDraft("Print", "3", "33.33", "19"))[0].net == D("99.99")


def test_mixed_rates_give_one_total_per_rate():
    totals = compute_totals(
        lines(
            ItemDraft("Wedding reportage", "1", "1200.00", "19"),
            ItemDraft("Photo book", "2", "89.90", "7"),
            ItemDraft("Prints 13x18", "0.5", "0.99", "7"),
        )
    )
    assert [(r.rate, r.net, r.vat, r.gross) for r in totals.rates] == [
        (D("7.00"), D("180.30"), D("12.62"), D("192.92")),  # 179.80 + 0.50 (0.495 → 0.50)
        (D("19.00"), D("1200.00"), D("228.00"), D("1428.00")),
    ]
    assert (totals.net, totals.vat, totals.gross) == (D("1380.30"), D("240.62"), D("1620.92"))


def test_small_business_charges_no_vat_and_refuses_a_rate():
    (line,) = lines(ItemDraft("Portrait", "1", "150.00"), rate=D("0"), small_business=True)
    assert compute_totals([line]).gross == D("150.00")
    with pytest.raises(ValidationError, match="Kleinunternehmer"):
        lines(ItemDraft("Portrait", "1", "150.00", "19"), rate=D("0"), small_business=True)


@pytest.mark.parametrize(
    ("item", "says"),
    [
        (ItemDraft("Print", "-1", "5.00", "19"), "Quantity must not be below 0"),
        (ItemDraft("Print", "0", "5.00", "19"), "Quantity must be more than 0"),
        (ItemDraft("Print", "1", "-5.00", "19"), "Unit price must not be below 0"),
        (ItemDraft("Print", "1", "5.001", "19"), "more than 2 decimal places"),
        (ItemDraft("Print", "1", "5.00", "101"), "VAT must not be above 100"),
        (ItemDraft("Print", "1", "5.00", "-7"), "VAT must not be below 0"),
        (ItemDraft("Print", "two", "5.00", "19"), "Quantity 'two' is not a number"),
        (ItemDraft("  ", "1", "5.00", "19"), "Description is required"),
    ],
)
def test_bad_lines_name_the_line_and_the_rule(item, says):
    with pytest.raises(ValidationError, match=says) as caught:
        lines(item)
    assert str(caught.value).startswith("Line 1: ")
