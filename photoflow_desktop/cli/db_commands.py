"""`photoflow db status|migrate|rollback|seed|reset`."""

from __future__ import annotations

import argparse

from photoflow_desktop.cli.web_app_refresh import announces_change
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.session import open_session


def register(subparsers) -> argparse.ArgumentParser:
    """Add the `db` command group; returns its parser (other modules add subcommands to it)."""
    db_parser = subparsers.add_parser("db", help="database operations")
    db_sub = db_parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)

    db_sub.add_parser("status", help="applied and pending migrations").set_defaults(
        handler=cmd_status
    )
    db_sub.add_parser("migrate", help="apply pending migrations").set_defaults(handler=cmd_migrate)
    db_sub.add_parser("rollback", help="undo the last migration").set_defaults(handler=cmd_rollback)
    seed = db_sub.add_parser("seed", help="fill the board with sample studio orders")
    seed.set_defaults(handler=cmd_seed)
    reset = db_sub.add_parser("reset", help="drop and recreate the tables (deletes every order)")
    reset.add_argument("--yes", action="store_true", help="confirm that every order is deleted")
    reset.add_argument("--seed", action="store_true", help="fill with sample orders afterwards")
    reset.set_defaults(handler=cmd_reset)
    db_parser.db_subparsers = db_sub
    return db_parser


def cmd_status(args) -> int:
    """Print applied and pending migrations."""
    from photoflow_desktop.maintenance.migrations import status

    with open_session(args.database_url) as session:
        current = status()
        print(f"Database: {session.display_url} ({session.resolved.source})")
        if current.adoptable:
            print("PhotoFlow web-app database: will be adopted by `photoflow db migrate`")
        for name in current.applied:
            print(f"  applied  {name}")
        for name in current.pending:
            print(f"  pending  {name}")
        print("Up to date." if current.up_to_date else f"{len(current.pending)} pending.")
    return 0


def cmd_migrate(args) -> int:
    """Apply pending migrations, after writing a backup (printed) when there is data."""
    from photoflow_desktop.maintenance import backend_for
    from photoflow_desktop.maintenance.guarded_migrations import migrate_with_backup

    with open_session(args.database_url) as session:
        outcome = migrate_with_backup(backend_for(session))
    if not outcome.migrations:
        print("Nothing to migrate: the database is up to date.")
        return 0
    if outcome.backup:
        print(f"Backup written first: {outcome.backup.path}")
    for name in outcome.migrations:
        print(f"applied  {name}")
    return 0


def cmd_rollback(args) -> int:
    """Undo the newest migration, after writing a backup (printed)."""
    from photoflow_desktop.maintenance import backend_for
    from photoflow_desktop.maintenance.guarded_migrations import rollback_with_backup

    with open_session(args.database_url) as session:
        outcome = rollback_with_backup(backend_for(session))
    print(f"Backup written first: {outcome.backup.path}")
    print(f"rolled back  {outcome.migrations[0]}")
    return 0


@announces_change
def cmd_seed(args) -> int:
    """Add sample studio orders."""
    from photoflow_desktop.domain.seed import seed_board
    from photoflow_desktop.maintenance.migrations import status

    with open_session(args.database_url):
        if not status().up_to_date:
            raise PhotoflowError("The database has pending migrations: run `photoflow db migrate`")
        created = seed_board()
    print(f"Added {created} sample orders.")
    return 0


@announces_change
def cmd_reset(args) -> int:
    """Drop and rebuild the tables."""
    from photoflow_desktop.domain.seed import seed_board
    from photoflow_desktop.maintenance.reset import reset_database

    if not args.yes:
        raise PhotoflowError("Reset deletes every order; add --yes to confirm")
    with open_session(args.database_url) as session:
        reset_database()
        print(f"Reset {session.display_url}: tables recreated.")
        if args.seed:
            print(f"Added {seed_board()} sample orders.")
    return 0
