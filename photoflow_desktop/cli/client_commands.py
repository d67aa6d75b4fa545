"""`photoflow clients add|list|import|export`."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

from photoflow_desktop.cli.web_app_refresh import announces_change
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.i18n import translate
from photoflow_desktop.session import open_session


def register(subparsers) -> None:
    """Add the `clients` command group."""
    parser = subparsers.add_parser("clients", help=translate("CliHelp", "the studio's clients"))
    sub = parser.add_subparsers(
        dest="clients_command", metavar=translate("CliHelp", "ACTION"), required=True
    )
    add = sub.add_parser("add", help=translate("CliHelp", "add a client; prints the new id"))
    add.add_argument("name", metavar="NAME")
    contact = {
        "email": translate("CliHelp", "EMAIL"),
        "phone": translate("CliHelp", "PHONE"),
        "address": translate("CliHelp", "ADDRESS"),
        "tax-id": translate("CliHelp", "TAX_ID"),
        "notes": translate("CliHelp", "NOTES"),
    }
    for option, metavar in contact.items():
        add.add_argument(f"--{option}", default="", metavar=metavar)
    add.set_defaults(handler=cmd_add)
    listing = sub.add_parser("list", help=translate("CliHelp", "list clients by name"))
    listing.add_argument(
        "--search",
        default="",
        metavar=translate("CliHelp", "SEARCH"),
        help=translate("CliHelp", "part of a name, email, phone or address"),
    )
    listing.add_argument(
        "--json", action="store_true", help=translate("CliHelp", "machine-readable output")
    )
    listing.set_defaults(handler=cmd_list)
    importer = sub.add_parser(
        "import", help=translate("CliHelp", "add clients from a CSV file (all or none)")
    )
    importer.add_argument("file", metavar=translate("CliHelp", "FILE.csv"))
    importer.set_defaults(handler=cmd_import)
    link = sub.add_parser(
        "link", help=translate("CliHelp", "make CLIENT_ID the client of order TASK_ID ('-': none)")
    )
    link.add_argument("task", metavar=translate("CliHelp", "TASK_ID"))
    link.add_argument("client", metavar=translate("CliHelp", "CLIENT_ID"))
    link.set_defaults(handler=cmd_link)
    export = sub.add_parser("export", help=translate("CliHelp", "write every client as CSV"))
    export.add_argument(
        "-o",
        "--output",
        metavar=translate("CliHelp", "FILE"),
        help=translate("CliHelp", "file to write (default: stdout)"),
    )
    export.set_defaults(handler=cmd_export)


@announces_change
def cmd_add(args) -> int:
    """Add one client."""
    from photoflow_desktop.domain.clients import add_client
    from photoflow_desktop.domain.invoice_records import ClientDraft

    draft = ClientDraft(args.name, args.email, args.phone, args.address, args.tax_id, args.notes)
    with open_session(args.database_url):
        client = add_client(draft)
    print(client.id)
    return 0


def cmd_list(args) -> int:
    """Print the clients."""
    from photoflow_desktop.domain.clients import list_clients

    with open_session(args.database_url):
        found = list_clients(args.search)
    if args.json:
        print(json.dumps([asdict(client) for client in found], ensure_ascii=False, indent=2))
        return 0
    for client in found:
        contact = ", ".join(value for value in (client.email, client.phone) if value)
        print(f"{client.id:>5}  {client.name}" + (f"  ({contact})" if contact else ""))
    return 0


@announces_change
def cmd_import(args) -> int:
    """Import clients from CSV."""
    from photoflow_desktop.domain.clients_csv import import_clients_csv

    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise PhotoflowError("Cannot read {file}: {exc}", file=args.file, exc=exc) from None
    with open_session(args.database_url):
        count = import_clients_csv(text)
    print(translate("Cli", "Imported %n client(s) from {file}", n=count).format(file=args.file))
    return 0


def cmd_export(args) -> int:
    """Export clients as CSV."""
    from photoflow_desktop.domain.clients_csv import export_clients_csv

    with open_session(args.database_url):
        text = export_clients_csv()
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            raise PhotoflowError(
                "Cannot write {output}: {exc}", output=args.output, exc=exc
            ) from None
        print(translate("Cli", "Exported to {file}").format(file=args.output), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


@announces_change
def cmd_link(args) -> int:
    """Link an order to a client (or unlink it with '-')."""
    from photoflow_desktop.cli.invoice_input import parse_id
    from photoflow_desktop.domain.clients import set_task_client

    task_id = parse_id(args.task, "Order")
    client_id = None if args.client.strip() == "-" else parse_id(args.client, "Client")
    with open_session(args.database_url):
        set_task_client(task_id, client_id)
    return 0
