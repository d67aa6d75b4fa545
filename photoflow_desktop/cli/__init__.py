"""The `photoflow` command: the board (GUI) by default, `db …`, `export`, `import` (DESIGN.md §5).

Each group of subcommands lives in its own module with `register(subparsers)`; every handler
takes the parsed arguments and returns an exit code. A PhotoflowError becomes one line on
stderr and exit 1; bad usage exits 2 (argparse).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sqlite3
import sys

import peewee

from photoflow_desktop import __version__
from photoflow_desktop.cli import (
    app_commands,
    client_commands,
    data_commands,
    db_commands,
    invoice_commands,
    maintenance_commands,
    price_commands,
)
from photoflow_desktop.cli.damage_guard import refuse_damaged_database
from photoflow_desktop.cli.language import cli_language, ui_language_in
from photoflow_desktop.cli.process_title import hide_secrets_from_process_title
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.domain.sqlite_database import describe_database_error
from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.language import LANGUAGES, chosen_language
from photoflow_desktop.i18n.messages import user_message

COMMAND_MODULES = [db_commands, maintenance_commands, data_commands, app_commands]
COMMAND_MODULES += [client_commands, invoice_commands, price_commands]


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser."""
    parser = argparse.ArgumentParser(
        prog="photoflow",
        description=translate("CliHelp", "PhotoFlow Desktop: the studio's kanban board."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"photoflow {__version__}",
        help=translate("Argparse", "show program's version number and exit"),  # 3.11 skips _() here
    )
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help=translate(
            "CliHelp", "database to open (sqlite:///file.db or postgresql://user:pass@host:5432/db)"
        ),
    )
    parser.add_argument(
        "--lang",
        dest="ui_language",  # `invoice pdf --lang` is the invoice's language, not the UI's
        choices=LANGUAGES,
        help=translate(
            "CliHelp",
            "language of the window and the messages (default: the setting, else the system's)",
        ),
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help=translate("CliHelp", "log what happens")
    )
    subparsers = parser.add_subparsers(dest="command", metavar=translate("CliHelp", "COMMAND"))
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def _configure_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not verbose:
        # peewee-migrate logs a traceback on failure; the CLI prints one clear line instead.
        logging.getLogger("photoflow_desktop.maintenance.migrations").setLevel(logging.CRITICAL)


def _interrupt(signum, _frame) -> None:
    """SIGTERM/SIGHUP end a command like Ctrl+C: cleanup runs, a running tool is stopped."""
    signal.signal(signum, signal.SIG_DFL)  # a second one ends the process at once
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    if argv is None:  # the real command line: no password in `ps` from here on
        hide_secrets_from_process_title()
    argv = sys.argv[1:] if argv is None else argv
    language = chosen_language(ui_language_in(argv))
    with cli_language(language):  # help and usage errors in that language too
        args = build_parser().parse_args(argv)
    args.language = language
    _configure_logging(args.verbose)
    handler = getattr(args, "handler", None)
    if handler is None:  # the board makes its own QApplication: the parser's one is gone
        from photoflow_desktop.ui.app import run_gui

        return _run(lambda: run_gui(args.database_url, language))
    for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if signum is not None:
            signal.signal(signum, _interrupt)
    with cli_language(language, widgets=getattr(args, "draws_with_qt", False)):
        return _run(lambda: _checked(handler, args))


def _checked(handler, args) -> int:
    """Refuse a damaged SQLite file before the command touches it, then run the command."""
    refuse_damaged_database(args)
    return handler(args)


def _run(command) -> int:
    """Run a command; a user or database error becomes one line on stderr."""
    try:
        return command()
    except PhotoflowError as exc:
        one_line = " ".join(user_message(exc).splitlines())  # stored text may hold line breaks
        print(f"photoflow: {one_line}", file=sys.stderr)
        return 1
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        print(f"photoflow: {user_message(describe_database_error(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"photoflow: {translate('Cli', 'interrupted')}", file=sys.stderr)
        return 130
