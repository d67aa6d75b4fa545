"""`photoflow prices add|list|delete`: the studio's price list (lines an invoice can start from)."""

from __future__ import annotations

import json

from photoflow_desktop.cli.invoice_input import parse_id
from photoflow_desktop.cli.web_app_refresh import announces_change
from photoflow_desktop.domain.money import format_amount
from photoflow_desktop.i18n import translate
from photoflow_desktop.session import open_session


def register(subparsers) -> None:
    """Add the `prices` command group."""
    parser = subparsers.add_parser("prices", help=translate("CliHelp", "the studio's price list"))
    sub = parser.add_subparsers(
        dest="prices_command", metavar=translate("CliHelp", "ACTION"), required=True
    )
    add = sub.add_parser("add", help=translate("CliHelp", "add an entry; prints its id"))
    add.add_argument("name", metavar="NAME")
    add.add_argument(
        "unit_price",
        metavar=translate("CliHelp", "UNIT_PRICE"),
        help=translate("CliHelp", "e.g. 49.00"),
    )
    add.add_argument(
        "vat", metavar=translate("CliHelp", "VAT"), help=translate("CliHelp", "percent, e.g. 19")
    )
    add.add_argument(
        "--unit",
        default="",
        metavar=translate("CliHelp", "UNIT"),
        help=translate("CliHelp", "piece, hour, session, …"),
    )
    add.set_defaults(handler=cmd_add)
    listing = sub.add_parser("list", help=translate("CliHelp", "every entry by name"))
    listing.add_argument(
        "--json", action="store_true", help=translate("CliHelp", "machine-readable output")
    )
    listing.set_defaults(handler=cmd_list)
    delete = sub.add_parser(
        "delete", help=translate("CliHelp", "remove an entry (invoices keep their lines)")
    )
    delete.add_argument("price_id", metavar="ID")
    delete.set_defaults(handler=cmd_delete)


@announces_change
def cmd_add(args) -> int:
    """Add a price list entry."""
    from photoflow_desktop.domain.price_list import add_price

    with open_session(args.database_url):
        print(add_price(args.name, args.unit_price, args.vat, args.unit).id)
    return 0


def cmd_list(args) -> int:
    """Print the price list."""
    from photoflow_desktop.domain.price_list import list_prices

    with open_session(args.database_url):
        prices = list_prices()
    rows = [
        {
            "id": p.id,
            "name": p.name,
            "unit": p.unit,
            "unit_price": format_amount(p.unit_price),
            "vat": f"{p.vat_rate.normalize():f}",
        }
        for p in prices
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        unit = f" / {row['unit']}" if row["unit"] else ""
        vat = translate("Cli", "VAT {rate} %").format(rate=row["vat"])
        print(f"{row['id']:>5}  {row['name']}  {row['unit_price']}{unit}  {vat}")
    return 0


@announces_change
def cmd_delete(args) -> int:
    """Remove a price list entry."""
    from photoflow_desktop.domain.price_list import delete_price

    price_id = parse_id(args.price_id, "Price list entry")
    with open_session(args.database_url):
        delete_price(price_id)
    return 0
