"""`photoflow clients …` and `photoflow invoice …`: output, exit codes, bad input writes nothing."""

import json

import pytest

from photoflow_desktop.cli import main
from photoflow_desktop.domain.invoice_models import Client, Invoice, InvoiceItem, Payment
from photoflow_desktop.studio import save_studio
from tests.support.database import bound_database
from tests.support.invoices import STUDIO


def run(capsys, url, *args):
    code = main(["--database-url", url, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def counts(url):
    with bound_database(url):
        return tuple(model.select().count() for model in (Client, Invoice, InvoiceItem, Payment))


@pytest.fixture
def studio():
    save_studio(STUDIO)


def test_order_to_cash_from_the_command_line(capsys, database_url, studio):
    code, out, _ = run(
        capsys, database_url, "clients", "add", "Familie Schmidt", "--address", "Weg 5"
    )
    assert code == 0 and out.strip() == "1"
    code, out, _ = run(
        capsys, database_url, "invoice", "create", "--client", "1",
        "--item", "Prints 13x18; 3; 33.33; 19", "--item", "Photo book;1;89.90;7",
        "--issue", "--date", "2026-03-02",
    )  # fmt: skip
    assert (code, out.strip()) == (0, "2026-0001")
    code, out, _ = run(
        capsys, database_url, "invoice", "pay", "2026-0001", "100", "--date", "2026-03-03"
    )
    assert code == 0 and out.strip().startswith("2026-0001: ")
    code, out, _ = run(capsys, database_url, "invoice", "list", "--json", "--year", "2026")
    (listed,) = json.loads(out)
    # 99.99 net at 19 % → VAT 19.00; 89.90 at 7 % → 6.29; gross 118.99 + 96.19
    assert {k: listed[k] for k in ("number", "client", "total", "due", "paid")} == {
        "number": "2026-0001",
        "client": "Familie Schmidt",
        "total": "215.18",
        "due": "2026-03-16",
        "paid": "100.00",
    }
    code, out, _ = run(
        capsys, database_url, "invoice", "cancel", "2026-0001", "--date", "2026-03-05"
    )
    assert (code, out.strip()) == (0, "2026-0002")
    code, out, _ = run(capsys, database_url, "invoice", "list", "--status", "cancelled", "--json")
    assert [r["cancelled_by"] for r in json.loads(out)] == ["2026-0002"]


def test_a_draft_prints_its_id_and_is_issued_later(capsys, database_url, studio):
    run(capsys, database_url, "clients", "add", "Anna Weber", "--address", "Ring 2")
    code, out, _ = run(
        capsys, database_url, "invoice", "create", "--client", "1", "--item", "Portrait;1;150;19"
    )
    assert (code, out.strip()) == (0, "1")
    code, out, _ = run(capsys, database_url, "invoice", "issue", "1", "--date", "2026-01-10")
    assert (code, out.strip()) == (0, "2026-0001")
    code, _, err = run(capsys, database_url, "invoice", "issue", "1")
    assert code == 1 and "2026-0001 is issued and cannot be changed" in err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--client", "1", "--item", "Prints;-3;2.50;19"], "Quantity must not be below 0"),
        (["--client", "1", "--item", "Prints;3;-2.50;19"], "Unit price must not be below 0"),
        (["--client", "1", "--item", "Prints;3;2.50;119"], "VAT must not be above 100"),
        (["--client", "1", "--item", "Prints;3;2.505;19"], "more than 2 decimal places"),
        (["--client", "1", "--item", "Prints;three;2.50;19"], "Quantity 'three' is not a number"),
        (["--client", "1", "--item", "Prints;3;2,50;19"], "decimal point"),
        (["--client", "1", "--item", "Prints"], "DESCRIPTION;QTY;UNIT_PRICE;VAT"),
        (["--client", "42", "--item", "Prints;3;2.50;19"], "Client #42 does not exist"),
        (["--client", "abc", "--item", "Prints;3;2.50;19"], "Client 'abc' is not an id"),
        (["--task", "42", "--item", "Prints;3;2.50;19"], "Order #42 does not exist"),
        (
            ["--client", "1", "--item", "Prints;3;2.50;19", "--issue", "--date", "2026-13-01"],
            "not a date",
        ),
    ],
)
def test_bad_input_is_one_line_exit_1_and_nothing_written(capsys, database_url, studio, args, says):
    run(capsys, database_url, "clients", "add", "Familie Schmidt", "--address", "Weg 5")
    before = counts(database_url)
    code, out, err = run(capsys, database_url, "invoice", "create", *args)
    assert code == 1 and out == ""
    assert says in err and err.count("\n") == 1 and "Traceback" not in err
    assert counts(database_url) == before


def test_payment_errors_and_unknown_numbers(capsys, database_url, studio):
    run(capsys, database_url, "clients", "add", "Familie Schmidt", "--address", "Weg 5")
    run(
        capsys, database_url, "invoice", "create", "--client", "1", "--item", "A;1;10;19", "--issue"
    )
    _, out, _ = run(capsys, database_url, "invoice", "list", "--json")
    number = json.loads(out)[0]["number"]  # gross 11.90
    before = counts(database_url)
    for args, says in (
        (["2026-0099", "5"], "There is no invoice numbered '2026-0099'"),
        ([number, "abc"], "Amount 'abc' is not a number"),
        ([number, "0"], "Amount must be more than 0.00"),
        ([number, "-5"], "Amount must not be below 0"),
        ([number, "11.91"], "more than the open amount 11.90"),
        ([number, "1.001"], "more than 2 decimal places"),
        ([number, "5", "--date", "yesterday"], "not a date"),
    ):
        code, _, err = run(capsys, database_url, "invoice", "pay", *args)
        assert code == 1 and says in err and err.count("\n") == 1
    assert counts(database_url) == before


def test_issuing_without_studio_details_is_refused_and_writes_nothing(capsys, database_url):
    run(capsys, database_url, "clients", "add", "Familie Schmidt")
    before = counts(database_url)
    code, _, err = run(
        capsys, database_url, "invoice", "create", "--client", "1", "--item", "A;1;10;19", "--issue"
    )
    assert code == 1 and "photoflow invoice studio" in err and counts(database_url) == before


def test_clients_csv_round_trip_and_a_bad_row(capsys, database_url, tmp_path):
    run(
        capsys,
        database_url,
        "clients",
        "add",
        "Zoë Müller",
        "--email",
        "zoe@example.com",
        "--address",
        "Am See 1\n14467 Potsdam",
    )
    run(capsys, database_url, "clients", "add", "Anton Berg", "--phone", "0301234")
    exported = tmp_path / "clients.csv"
    assert run(capsys, database_url, "clients", "export", "-o", str(exported))[0] == 0
    code, out, _ = run(capsys, database_url, "clients", "import", str(exported))
    assert (code, out.strip()) == (0, f"Imported 2 clients from {exported}")
    code, out, _ = run(capsys, database_url, "clients", "list", "--json", "--search", "zoë")
    assert [c["address"] for c in json.loads(out)] == ["Am See 1\n14467 Potsdam"] * 2
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "name,email\nGood Client,good@example.com\n,nobody@example.com\n", encoding="utf-8"
    )
    code, _, err = run(capsys, database_url, "clients", "import", str(bad))
    assert code == 1 and "Row 3: Client name is required" in err
    assert counts(database_url)[0] == 4


def test_an_order_gets_a_client_and_then_an_invoice(capsys, database_url, studio):
    from tests.support.invoices import add_order

    with bound_database(database_url):
        order = add_order("Newborn Emma")
    run(capsys, database_url, "clients", "add", "Familie Berg", "--address", "Weg 1")
    code, _, err = run(capsys, database_url, "invoice", "create", "--task", str(order.id))
    assert code == 1 and "photoflow clients link" in err
    assert run(capsys, database_url, "clients", "link", str(order.id), "1")[0] == 0
    code, out, _ = run(
        capsys,
        database_url,
        "invoice",
        "create",
        "--task",
        str(order.id),
        "--item",
        "Shoot;1;189;19",
    )
    assert code == 0 and out.strip().isdigit()
    _, listed, _ = run(capsys, database_url, "invoice", "list", "--json")
    assert [(r["client"], r["task_id"]) for r in json.loads(listed)] == [("Familie Berg", order.id)]
    code, _, err = run(capsys, database_url, "clients", "link", str(order.id), "7")
    assert code == 1 and "Client #7 does not exist" in err


def test_price_list_and_default_tax_profile(capsys, database_url, studio):
    code, out, _ = run(
        capsys,
        database_url,
        "prices",
        "add",
        "Fine art print 30x40",
        "49.00",
        "7",
        "--unit",
        "piece",
    )
    assert (code, out.strip()) == (0, "1")
    for args, says in (
        (["Print", "49.001", "7"], "more than 2 decimal places"),
        (["Print", "49", "107"], "VAT must not be above 100"),
        (["Print", "-1", "7"], "must not be below 0"),
        (["  ", "1", "7"], "Name is required"),
    ):
        code, _, err = run(capsys, database_url, "prices", "add", *args)
        assert code == 1 and says in err
    code, out, _ = run(capsys, database_url, "prices", "list", "--json")
    assert json.loads(out) == [
        {
            "id": 1,
            "name": "Fine art print 30x40",
            "unit": "piece",
            "unit_price": "49.00",
            "vat": "7",
        }
    ]
    code, _, err = run(capsys, database_url, "invoice", "studio", "--default-tax", "de_vat_25")
    assert code == 1 and "Tax profile 'de_vat_25' does not exist" in err
    code, out, _ = run(
        capsys, database_url, "invoice", "studio", "--default-tax", "de_small_business"
    )
    assert code == 0 and "Kleinunternehmer" in out
    run(capsys, database_url, "clients", "add", "Anna", "--address", "Ring 2")
    run(capsys, database_url, "invoice", "create", "--client", "1", "--item", "Portrait;1;150")
    _, out, _ = run(capsys, database_url, "invoice", "list", "--json")
    assert [(r["net"], r["vat"], r["total"]) for r in json.loads(out)] == [
        ("150.00", "0.00", "150.00")
    ]
    assert run(capsys, database_url, "prices", "delete", "1")[0] == 0
    code, _, err = run(capsys, database_url, "prices", "delete", "1")
    assert code == 1 and "does not exist" in err
