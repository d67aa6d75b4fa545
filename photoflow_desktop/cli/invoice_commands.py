"""`photoflow invoice create|issue|cancel|list|pay|pdf|studio`."""

from __future__ import annotations

import json
from dataclasses import asdict, fields, replace

from photoflow_desktop.cli.invoice_input import (
    invoice_json,
    parse_day,
    parse_id,
    parse_item,
)
from photoflow_desktop.cli.web_app_refresh import announces_change
from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.invoice_records import StudioDetails
from photoflow_desktop.domain.invoice_status import STATUSES
from photoflow_desktop.domain.money import format_amount
from photoflow_desktop.i18n import translate
from photoflow_desktop.session import open_session

STUDIO_OPTIONS = [f.name for f in fields(StudioDetails) if f.name != "payment_days"]


def _date_option(parser, help_text: str) -> None:
    """`--date YYYY-MM-DD` (issue and cancellation dates)."""
    parser.add_argument("--date", metavar=translate("CliHelp", "YYYY-MM-DD"), help=help_text)


def register(subparsers) -> None:
    """Add the `invoice` command group."""
    parser = subparsers.add_parser(
        "invoice", help=translate("CliHelp", "invoices: create, issue, cancel, pay, PDF")
    )
    sub = parser.add_subparsers(
        dest="invoice_command", metavar=translate("CliHelp", "ACTION"), required=True
    )

    create = sub.add_parser(
        "create", help=translate("CliHelp", "a draft for a client or an order; --issue numbers it")
    )
    who = create.add_mutually_exclusive_group(required=True)
    who.add_argument(
        "--task", metavar="ID", help=translate("CliHelp", "the order (its client is invoiced)")
    )
    who.add_argument("--client", metavar="ID", help=translate("CliHelp", "the client"))
    create.add_argument(
        "--item",
        action="append",
        default=[],
        metavar=translate("CliHelp", "'DESCRIPTION;QTY;UNIT_PRICE;VAT'"),
    )
    create.add_argument(
        "--tax-profile",
        metavar=translate("CliHelp", "KEY"),
        help="de_vat_19, de_vat_7, …",
    )
    create.add_argument(
        "--service-date",
        metavar=translate("CliHelp", "YYYY-MM-DD"),
        help=translate("CliHelp", "date of service"),
    )
    create.add_argument("--notes", default="", metavar=translate("CliHelp", "NOTES"))
    create.add_argument(
        "--issue", action="store_true", help=translate("CliHelp", "issue it at once")
    )
    _date_option(create, translate("CliHelp", "issue date (default today)"))
    create.set_defaults(handler=cmd_create)

    issue = sub.add_parser(
        "issue", help=translate("CliHelp", "give a draft its number (cannot be undone)")
    )
    issue.add_argument("draft_id", metavar=translate("CliHelp", "DRAFT_ID"))
    _date_option(issue, translate("CliHelp", "issue date (default today)"))
    issue.set_defaults(handler=cmd_issue)

    cancel = sub.add_parser(
        "cancel", help=translate("CliHelp", "cancel an issued invoice by a cancellation invoice")
    )
    cancel.add_argument("number", metavar=translate("CliHelp", "NUMBER"))
    _date_option(cancel, translate("CliHelp", "date of the cancellation"))
    cancel.set_defaults(handler=cmd_cancel)

    listing = sub.add_parser(
        "list", help=translate("CliHelp", "invoices with status, total and paid amount")
    )
    listing.add_argument("--status", choices=STATUSES)
    listing.add_argument("--year", type=int, metavar=translate("CliHelp", "YEAR"))
    listing.add_argument("--client", metavar="ID")
    listing.add_argument(
        "--json", action="store_true", help=translate("CliHelp", "machine-readable output")
    )
    listing.set_defaults(handler=cmd_list)

    pay = sub.add_parser("pay", help=translate("CliHelp", "record a payment"))
    pay.add_argument("number", metavar=translate("CliHelp", "NUMBER"))
    pay.add_argument(
        "amount", metavar=translate("CliHelp", "AMOUNT"), help=translate("CliHelp", "e.g. 219.79")
    )
    pay.add_argument(
        "--date",
        metavar=translate("CliHelp", "YYYY-MM-DD"),
        help=translate("CliHelp", "day the money came (default today)"),
    )
    pay.add_argument(
        "--method",
        default="",
        metavar=translate("CliHelp", "METHOD"),
        help=translate("CliHelp", "transfer, cash, card, …"),
    )
    pay.set_defaults(handler=cmd_pay)

    pdf = sub.add_parser("pdf", help=translate("CliHelp", "write an issued invoice as PDF"))
    pdf.add_argument("number", metavar=translate("CliHelp", "NUMBER"))
    pdf.add_argument("-o", "--output", metavar=translate("CliHelp", "FILE.pdf"), required=True)
    pdf.add_argument("--lang", choices=("de", "en"), default="de")
    pdf.set_defaults(handler=cmd_pdf, draws_with_qt=True)

    studio = sub.add_parser(
        "studio", help=translate("CliHelp", "show or set the studio details printed on invoices")
    )
    for name in STUDIO_OPTIONS:
        studio.add_argument(f"--{name.replace('_', '-')}", dest=name, metavar="TEXT")
    studio.add_argument("--payment-days", type=int, metavar=translate("CliHelp", "DAYS"))
    studio.add_argument(
        "--default-tax",
        metavar=translate("CliHelp", "KEY"),
        help=translate(
            "CliHelp",
            "tax profile of new invoices: de_vat_19, de_vat_7 or de_small_business (stored "
            "in the database)",
        ),
    )
    studio.set_defaults(handler=cmd_studio)


def _studio():
    from photoflow_desktop.studio import load_studio

    return load_studio()


@announces_change
def cmd_create(args) -> int:
    """Create a draft (and issue it with --issue); prints the number or the draft id."""
    from photoflow_desktop.domain.invoices import create_draft, delete_draft, issue_invoice

    items = [parse_item(text) for text in args.item]
    task_id, client_id = parse_id(args.task, "Order"), parse_id(args.client, "Client")
    service_date = parse_day(args.service_date, "Service date")
    issue_date = parse_day(args.date, "Issue date")
    studio = _studio()
    if args.issue and studio.missing():
        raise ValidationError(
            "Set the studio's {value} first (photoflow invoice studio)",
            value=", ".join(studio.missing()),
        )
    with open_session(args.database_url):
        draft = create_draft(
            client_id=client_id,
            task_id=task_id,
            items=items,
            tax_profile=args.tax_profile,
            notes=args.notes,
            service_date=service_date,
            payment_days=studio.payment_days,
        )
        if not args.issue:
            print(draft.id)
            return 0
        try:
            print(issue_invoice(draft.id, studio, issue_date).number)
        except Exception:
            delete_draft(draft.id)  # --issue is all or nothing
            raise
    return 0


@announces_change
def cmd_issue(args) -> int:
    """Issue a draft; prints its number."""
    from photoflow_desktop.domain.invoices import issue_invoice

    draft_id = parse_id(args.draft_id, "Draft")
    issue_date = parse_day(args.date, "Issue date")
    with open_session(args.database_url):
        print(issue_invoice(draft_id, _studio(), issue_date).number)
    return 0


@announces_change
def cmd_cancel(args) -> int:
    """Cancel an issued invoice; prints the cancellation invoice's number."""
    from photoflow_desktop.domain.invoices import cancel_invoice

    day = parse_day(args.date, "Cancellation date")
    with open_session(args.database_url):
        print(cancel_invoice(args.number, _studio(), day).number)
    return 0


def cmd_list(args) -> int:
    """List invoices."""
    from photoflow_desktop.domain.invoice_queries import list_invoices

    client_id = parse_id(args.client, "Client")
    with open_session(args.database_url):
        found = list_invoices(status=args.status, year=args.year, client_id=client_id)
    if args.json:
        print(json.dumps([invoice_json(r) for r in found], ensure_ascii=False, indent=2))
        return 0
    for r in found:
        label = r.number or translate("Cli", "draft #{id}").format(id=r.id)
        due = r.due_date.isoformat() if r.due_date else "-"
        paid = translate("Cli", "paid {amount}").format(amount=f"{format_amount(r.paid):>10}")
        due = translate("Cli", "due {date}").format(date=f"{due:<10}")
        gross = format_amount(r.totals.gross)
        print(f"{label:<12} {r.status:<12} {gross:>12} {paid}  {due}  {r.client_name}")
    return 0


@announces_change
def cmd_pay(args) -> int:
    """Record a payment; prints what is still open."""
    from photoflow_desktop.domain.invoice_queries import get_invoice_by_number
    from photoflow_desktop.domain.payments import record_payment

    day = parse_day(args.date, "Payment date")
    with open_session(args.database_url):
        record_payment(args.number, args.amount, day, args.method)
        invoice = get_invoice_by_number(args.number)
    still_open = translate("Cli", "{number}: {status}, open {amount}")
    print(
        still_open.format(
            number=invoice.number, status=invoice.status, amount=format_amount(invoice.open_amount)
        )
    )
    return 0


def cmd_pdf(args) -> int:
    """Write the invoice as PDF (Qt, offscreen)."""
    from photoflow_desktop.domain.invoice_queries import get_invoice_by_number
    from photoflow_desktop.ui.invoices.pdf import write_invoice_pdf_offscreen

    with open_session(args.database_url):
        invoice = get_invoice_by_number(args.number)
    write_invoice_pdf_offscreen(invoice, args.output, args.lang)
    print(args.output)
    return 0


def cmd_studio(args) -> int:
    """Show the studio details, changing the ones given first (the default tax profile lives
    in the database, the rest in settings.json)."""
    from photoflow_desktop.domain.tax_profiles import get_tax_profile, set_default_tax_profile
    from photoflow_desktop.studio import save_studio

    studio = _studio()
    changes = {name: getattr(args, name) for name in (*STUDIO_OPTIONS, "payment_days")}
    changes = {name: value for name, value in changes.items() if value is not None}
    default_tax = None
    if args.default_tax:
        with open_session(args.database_url):
            set_default_tax_profile(args.default_tax)
            default_tax = get_tax_profile().name
    if changes:
        studio = save_studio(replace(studio, **changes))
    for name, value in asdict(studio).items():
        print(f"{name:<13} {value}".rstrip().replace("\n", " / "))
    if default_tax:
        print(f"{'default_tax':<13} {default_tax}")
    missing = studio.missing()
    if missing:
        print(translate("Cli", "Missing for invoices: {names}").format(names=", ".join(missing)))
    return 0
