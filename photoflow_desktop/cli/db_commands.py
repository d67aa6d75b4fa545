"""`photoflow db status|migrate|rollback|seed|reset|detach`."""

from __future__ import annotations

import argparse

from photoflow_desktop.cli.web_app_refresh import announces_change
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.i18n import translate
from photoflow_desktop.session import open_session


def register(subparsers) -> argparse.ArgumentParser:
    """Add the `db` command group; returns its parser (other modules add subcommands to it)."""
    db_parser = subparsers.add_parser("db", help=translate("CliHelp", "database operations"))
    db_sub = db_parser.add_subparsers(
        dest="db_command", metavar=translate("CliHelp", "ACTION"), required=True
    )

    db_sub.add_parser(
        "status", help=translate("CliHelp", "applied and pending migrations")
    ).set_defaults(handler=cmd_status)
    db_sub.add_parser(
        "migrate", help=translate("CliHelp", "apply pending migrations")
    ).set_defaults(handler=cmd_migrate)
    db_sub.add_parser(
        "rollback", help=translate("CliHelp", "undo the last migration")
    ).set_defaults(handler=cmd_rollback)
    db_sub.add_parser(
        "detach",
        help=translate(
            "CliHelp", "remove PhotoFlow's triggers from the web app's schema (before prisma)"
        ),
    ).set_defaults(handler=cmd_detach)
    seed = db_sub.add_parser(
        "seed", help=translate("CliHelp", "fill the board with sample studio orders")
    )
    seed.set_defaults(handler=cmd_seed)
    reset = db_sub.add_parser(
        "reset", help=translate("CliHelp", "drop and recreate the tables (deletes every order)")
    )
    reset.add_argument(
        "--yes",
        action="store_true",
        help=translate("CliHelp", "confirm that every order is deleted"),
    )
    reset.add_argument(
        "--seed",
        action="store_true",
        help=translate("CliHelp", "fill with sample orders afterwards"),
    )
    reset.set_defaults(handler=cmd_reset)
    db_parser.db_subparsers = db_sub
    return db_parser


def cmd_status(args) -> int:
    """Print applied and pending migrations."""
    from photoflow_desktop.maintenance.migrations import status

    with open_session(args.database_url, direct=True) as session:
        current = status()
        print(
            translate("Cli", "Database: {url} ({source})").format(
                url=session.display_url, source=session.resolved.source
            )
        )
        if current.adoptable:
            print(
                translate(
                    "Cli", "PhotoFlow web-app database: will be adopted by `photoflow db migrate`"
                )
            )
        for name in current.applied:
            print("  " + translate("Cli", "applied  {name}").format(name=name))
        for name in current.pending:
            print("  " + translate("Cli", "pending  {name}").format(name=name))
        if current.detached:
            print(
                translate(
                    "Cli",
                    "Detached from the web app's tables: `photoflow db migrate` attaches again.",
                )
            )
        if current.up_to_date:
            print(translate("Cli", "Up to date."))
        else:
            print(translate("Cli", "%n pending.", None, len(current.pending)))
    return 0


def cmd_migrate(args) -> int:
    """Apply pending migrations, after writing a backup (printed) when there is data."""
    from photoflow_desktop.maintenance import backend_for
    from photoflow_desktop.maintenance.guarded_migrations import migrate_with_backup

    with open_session(args.database_url, direct=True) as session:
        outcome = migrate_with_backup(backend_for(session))
    if outcome.reattached:
        print(translate("Cli", "Attached again: the web app's changes reach open boards live."))
    if not outcome.migrations:
        if not outcome.reattached:
            print(translate("Cli", "Nothing to migrate: the database is up to date."))
        return 0
    if outcome.backup:
        print(translate("Cli", "Backup written first: {path}").format(path=outcome.backup.path))
    for name in outcome.migrations:
        print(translate("Cli", "applied  {name}").format(name=name))
    return 0


def cmd_rollback(args) -> int:
    """Undo the newest migration, after writing a backup (printed)."""
    from photoflow_desktop.maintenance import backend_for
    from photoflow_desktop.maintenance.guarded_migrations import rollback_with_backup

    with open_session(args.database_url, direct=True) as session:
        outcome = rollback_with_backup(backend_for(session))
    print(translate("Cli", "Backup written first: {path}").format(path=outcome.backup.path))
    print(translate("Cli", "rolled back  {name}").format(name=outcome.migrations[0]))
    return 0


@announces_change
def cmd_seed(args) -> int:
    """Add sample studio orders."""
    from photoflow_desktop.domain.seed import seed_board
    from photoflow_desktop.maintenance.migrations import status

    with open_session(args.database_url):
        if not status().up_to_date:
            raise PhotoflowError("The database has pending migrations: run `photoflow db migrate`")
        created = seed_board(language=args.language)
    print(translate("Cli", "Added %n sample order(s).", None, created))
    return 0


@announces_change
def cmd_reset(args) -> int:
    """Drop and rebuild the tables."""
    from photoflow_desktop.domain.seed import seed_board
    from photoflow_desktop.maintenance.reset import reset_database

    if not args.yes:
        raise PhotoflowError("Reset deletes every order; add --yes to confirm")
    with open_session(args.database_url, direct=True) as session:
        reset_database()
        print(translate("Cli", "Reset {url}: tables recreated.").format(url=session.display_url))
        if args.seed:
            created = seed_board(language=args.language)
            print(translate("Cli", "Added %n sample order(s).", None, created))
    return 0


def cmd_detach(args) -> int:
    """Bring the database up to date (backup first), then take our objects out of `public`."""
    from photoflow_desktop.maintenance import backend_for
    from photoflow_desktop.maintenance.detach import detach
    from photoflow_desktop.maintenance.guarded_migrations import migrate_with_backup
    from photoflow_desktop.maintenance.migrations import status

    with open_session(args.database_url) as session:
        if session.backend == "sqlite":
            print(
                translate(
                    "Cli",
                    "SQLite has no schemas: there is nothing to detach (PhotoFlow's tables stay "
                    "in the file, where Prisma's `migrate dev` would still see them).",
                )
            )
            return 0
        if status().pending:
            outcome = migrate_with_backup(backend_for(session))
            if outcome.backup:
                print(
                    translate("Cli", "Backup written first: {path}").format(
                        path=outcome.backup.path
                    )
                )
            for name in outcome.migrations:
                print(translate("Cli", "applied  {name}").format(name=name))
        removed = detach()
    if not removed:
        print(
            translate(
                "Cli", "Nothing of PhotoFlow's is in the web app's schema: nothing to detach."
            )
        )
        return 0
    for entry in removed:
        print(translate("Cli", "removed  {name}").format(name=entry))
    print(
        translate(
            "Cli",
            "Detached: Prisma sees only the web app's schema. Live updates of its changes stop "
            "until `photoflow db migrate` attaches again.",
        )
    )
    return 0
