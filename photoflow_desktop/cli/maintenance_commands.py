"""`photoflow db backup|restore|verify|vacuum|stats|check` (DESIGN.md §5) over maintenance/."""

from __future__ import annotations

import json
from pathlib import Path

from photoflow_desktop.cli.web_app_refresh import announces_change
from photoflow_desktop.config import resolve_database_url, resolve_direct_url
from photoflow_desktop.i18n import QT_TRANSLATE_NOOP, fill, translate
from photoflow_desktop.i18n.messages import phrase
from photoflow_desktop.maintenance.backends import backend_for
from photoflow_desktop.maintenance.base import (
    BackupFormat,
    MaintenanceError,
    OptimizeOperation,
    VerifyError,
    human_size,
)
from photoflow_desktop.session import open_session, usable_direct_url

FORMAT_CHOICES = ("plain", "gzip", "custom", "sqlite")
EXTENSION_FORMATS = {fmt.extension: fmt for fmt in BackupFormat} | {".db": BackupFormat.SQLITE}


def register(subparsers) -> None:
    """Add the maintenance actions to the existing `db` group."""
    db_parser = subparsers.choices["db"]
    db_sub = db_parser.db_subparsers

    backup = db_sub.add_parser("backup", help=translate("CliHelp", "write a verified backup file"))
    backup.add_argument(
        "-o",
        "--output",
        metavar=translate("CliHelp", "FILE"),
        type=Path,
        help=translate("CliHelp", "backup file or folder (default: the backup folder)"),
    )
    backup.add_argument(
        "--format",
        choices=FORMAT_CHOICES,
        help=translate(
            "CliHelp", "plain (.sql), gzip (.sql.gz / .sqlite.gz), custom (.dump), sqlite"
        ),
    )
    backup.set_defaults(handler=cmd_backup)

    restore = db_sub.add_parser(
        "restore", help=translate("CliHelp", "replace the database with a backup (atomic)")
    )
    restore.add_argument("file", metavar=translate("CliHelp", "FILE"), type=Path)
    restore.add_argument(
        "--yes", action="store_true", help=translate("CliHelp", "confirm that the data is replaced")
    )
    restore.set_defaults(handler=cmd_restore, allows_damaged=True)

    verify = db_sub.add_parser(
        "verify", help=translate("CliHelp", "is this a complete, restorable backup?")
    )
    verify.add_argument("file", metavar=translate("CliHelp", "FILE"), type=Path)
    verify.add_argument(
        "--test-restore",
        action="store_true",
        help=translate("CliHelp", "also restore into a scratch database and compare row counts"),
    )
    verify.set_defaults(handler=cmd_verify, allows_damaged=True)

    vacuum = db_sub.add_parser(
        "vacuum", help=translate("CliHelp", "reclaim space (VACUUM) and update statistics")
    )
    vacuum.add_argument(
        "--full", action="store_true", help=translate("CliHelp", "VACUUM FULL (locks every table)")
    )
    vacuum.add_argument("--analyze", action="store_true", help=translate("CliHelp", "also ANALYZE"))
    vacuum.add_argument(
        "--show-output", action="store_true", help=translate("CliHelp", "print the server's output")
    )
    vacuum.set_defaults(handler=cmd_vacuum)

    stats = db_sub.add_parser(
        "stats", help=translate("CliHelp", "sizes, rows, connections, indexes, last backup")
    )
    stats.add_argument(
        "--json", action="store_true", help=translate("CliHelp", "machine-readable output")
    )
    stats.set_defaults(handler=cmd_stats)

    check = db_sub.add_parser(
        "check", help=translate("CliHelp", "diagnose the connection, migrations and pg_dump")
    )
    check.add_argument(
        "--json", action="store_true", help=translate("CliHelp", "machine-readable output")
    )
    check.set_defaults(handler=cmd_check, allows_damaged=True)

    salvage = db_sub.add_parser(
        "salvage",
        help=translate(
            "CliHelp", "copy every readable row of a damaged SQLite file into a new file"
        ),
    )
    salvage.add_argument(
        "-o", "--output", metavar=translate("CliHelp", "FILE"), type=Path, required=True
    )
    salvage.set_defaults(handler=cmd_salvage, allows_damaged=True)


# The names of `db check`'s steps, translated in its listing (--json keeps the English keys).
CHECK_NAMES = (
    QT_TRANSLATE_NOOP("Check", "reachable"),
    QT_TRANSLATE_NOOP("Check", "login"),
    QT_TRANSLATE_NOOP("Check", "database"),
    QT_TRANSLATE_NOOP("Check", "tls"),
    QT_TRANSLATE_NOOP("Check", "pooler"),
    QT_TRANSLATE_NOOP("Check", "direct URL"),
    QT_TRANSLATE_NOOP("Check", "url"),
    QT_TRANSLATE_NOOP("Check", "file"),
    QT_TRANSLATE_NOOP("Check", "integrity"),
    QT_TRANSLATE_NOOP("Check", "migrations"),
    QT_TRANSLATE_NOOP("Check", "web-app schema"),
    QT_TRANSLATE_NOOP("Check", "detached"),
    QT_TRANSLATE_NOOP("Check", "drift"),
    QT_TRANSLATE_NOOP("Check", "pg_dump"),
)


def _rows(count: int) -> str:
    """'1,234 rows' in the chosen language (German: '1.234 Zeilen')."""
    return fill(translate("Cli", "{rows:,} row(s)", None, count), rows=count)


def _pick_format(args, backend) -> BackupFormat | None:
    if args.format is None:
        if args.output is not None and not args.output.is_dir():
            for extension, fmt in EXTENSION_FORMATS.items():
                if args.output.name.endswith(extension) and fmt in backend.formats:
                    return fmt
        return None
    if backend.name == "sqlite":
        mapping = {
            "plain": BackupFormat.SQLITE,
            "sqlite": BackupFormat.SQLITE,
            "gzip": BackupFormat.SQLITE_GZIP,
        }
    else:
        mapping = {
            "plain": BackupFormat.PLAIN,
            "gzip": BackupFormat.GZIP,
            "custom": BackupFormat.CUSTOM,
        }
    if args.format not in mapping:
        raise MaintenanceError(
            "--format {format} is not available for {name}; use one of {value}",
            format=args.format,
            name=backend.name,
            value=", ".join(mapping),
        )
    return mapping[args.format]


def cmd_backup(args) -> int:
    """Write a backup and print where."""
    with open_session(args.database_url) as session:
        backend = backend_for(session)
        result = backend.backup(args.output, _pick_format(args, backend))
    print(translate("Cli", "Backup written: {path}").format(path=result.path))
    print(
        "  "
        + translate("Cli", "{format}, {size}, {seconds:.1f} s; {check}").format(
            format=phrase(result.format.label),
            size=human_size(result.size),
            seconds=result.duration,
            check=phrase(result.verified.message),
        )
    )
    return 0


@announces_change
def cmd_restore(args) -> int:
    """Restore a backup after --yes; prints the safety backup's path."""
    from photoflow_desktop.maintenance.backups import backup_time

    if not args.file.is_file():
        raise MaintenanceError("{file} does not exist", file=args.file)
    with open_session(args.database_url) as session:
        backend = backend_for(session)
        if not args.yes:
            raise MaintenanceError(
                "Restoring replaces every order in {database} with the backup of "
                "{time} UTC; add --yes to confirm",
                database=backend.display_name,
                time=f"{backup_time(args.file):%Y-%m-%d %H:%M}",
            )
        result = backend.restore(args.file)
    print(
        translate("Cli", "Restored {file} into {database} in {seconds:.1f} s.").format(
            file=args.file, database=backend.display_name, seconds=result.duration
        )
    )
    print(
        translate("Cli", "Safety backup of the previous data: {path}").format(
            path=result.safety_backup_path
        )
    )
    for table, rows in result.rows.items():
        print(f"  {table}: " + _rows(rows))
    return 0


def cmd_verify(args) -> int:
    """Check a backup file; exit 1 with the reason when it is not restorable."""
    if not args.file.is_file():
        raise VerifyError("{file} does not exist", file=args.file)
    url = resolve_database_url(args.database_url).url
    backend = backend_for(url, direct_url=usable_direct_url(url, resolve_direct_url()))
    result = backend.verify(args.file)
    if not result.ok:
        raise VerifyError("{file}: {problem}", file=args.file, problem=result.message)
    print(
        translate("Cli", "{file}: OK, {format}. {check}").format(
            file=args.file, format=phrase(result.format.label), check=phrase(result.message)
        )
    )
    if args.test_restore:
        tested = backend.test_restore(args.file)
        if not tested.ok:
            raise VerifyError("{file}: {message}", file=args.file, message=tested.message)
        print(phrase(tested.message))
        for line in tested.differences:
            print(f"  {phrase(line)}")
    return 0


def cmd_vacuum(args) -> int:
    """VACUUM (FULL) (ANALYZE) and print the sizes."""
    with open_session(args.database_url) as session:
        backend = backend_for(session)
        if args.full and OptimizeOperation.VACUUM_FULL in backend.optimize_operations:
            operations = [OptimizeOperation.VACUUM_FULL]
            if args.analyze:
                operations.append(OptimizeOperation.ANALYZE)
        elif args.analyze:
            operations = [OptimizeOperation.VACUUM_ANALYZE]
        else:
            operations = [OptimizeOperation.VACUUM]
        for operation in operations:
            result = backend.optimize(operation)
            print(
                translate("Cli", "{operation}: {before} → {after} in {seconds:.1f} s").format(
                    operation=operation.label,
                    before=human_size(result.size_before),
                    after=human_size(result.size_after),
                    seconds=result.duration,
                )
            )
            if args.show_output and result.output:
                print(result.output)
    return 0


def cmd_stats(args) -> int:
    """Print the health report (or JSON)."""
    with open_session(args.database_url) as session:
        report = backend_for(session).health()
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, sort_keys=True))
        return 0
    _print_health(report)
    return 0


def _print_health(report) -> None:
    """The health report as lines, in the chosen language."""
    print(
        translate("Cli", "Database: {url} ({source})").format(
            url=report.database, source=report.server_version
        )
    )
    print(translate("Cli", "Size: {size}").format(size=human_size(report.database_size)))
    if report.journal_mode:
        print(translate("Cli", "Journal mode: {mode}").format(mode=report.journal_mode))
    print(translate("Cli", "Tables:"))
    for table in report.tables:
        rows = fill(
            translate("Cli", "{rows:,} row(s)", None, table.live_rows), rows=table.live_rows
        )
        print(f"  {table.name:<24} {rows:>16}  {human_size(table.size):>10}")
    print(translate("Cli", "Indexes: {count}").format(count=len(report.indexes)))
    for index in report.indexes:
        print(f"  {index.table}.{index.name}")
    if report.backend == "postgresql":
        print(translate("Cli", "Connections: {count}").format(count=len(report.connections)))
        for connection in report.connections:
            since = f"{connection.since:%Y-%m-%d %H:%M} UTC" if connection.since else "?"
            print(
                "  "
                + translate("Cli", "{name}: {state} since {since}").format(
                    name=connection.application_name or translate("Cli", "(no name)"),
                    state=connection.state or "-",
                    since=since,
                )
            )
        found = report.pg_dump_path or translate("Cli", "not found")
        print(f"pg_dump: {found} {report.pg_dump_version or ''}".rstrip())
    last = report.last_backup_at
    when = f"{last:%Y-%m-%d %H:%M} UTC" if last else translate("Cli", "never")
    print(translate("Cli", "Last backup: {time}").format(time=when))
    for line in report.advice:
        print(translate("Cli", "Advice: {advice}").format(advice=phrase(line)))


def cmd_check(args) -> int:
    """Diagnose the database; exit 1 when something is wrong."""
    from photoflow_desktop.maintenance.diagnostics import check_database

    url = resolve_database_url(args.database_url).url
    report = check_database(url, usable_direct_url(url, resolve_direct_url()))
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, sort_keys=True))
    else:
        print(translate("Cli", "Database: {url}").format(url=report.database))
        marks = {
            True: translate("Cli", "ok"),
            False: translate("Cli", "FAIL"),
            None: translate("Cli", "skip"),
        }
        for item in report.items:
            mark = translate("Cli", "warn") if item.warning else marks[item.ok]
            name = translate("Check", item.name)
            print(f"  [{mark:<4}] {name}: {phrase(item.message)}")
        if report.ok:
            print(translate("Cli", "All checks passed."))
        else:
            print(translate("Cli", "Something is wrong (see FAIL above)."))
    return 0 if report.ok else 1


def cmd_salvage(args) -> int:
    """Copy the readable rows of the (damaged) SQLite database into a new migrated file."""
    from photoflow_desktop.domain.db import sqlite_path, url_scheme
    from photoflow_desktop.maintenance.sqlite_salvage import salvage

    url = resolve_database_url(args.database_url).url
    if url_scheme(url) != "sqlite":
        raise MaintenanceError("db salvage works on the embedded (SQLite) database only")
    result = salvage(sqlite_path(url), args.output)
    print(
        translate(
            "Cli", "Salvaged into {path} ({method}); the damaged file was not changed."
        ).format(path=result.path, method=phrase(result.method))
    )
    for table, rows in result.rows.items():
        print(f"  {table}: " + _rows(rows))
    if result.orphan_comments:
        count = result.orphan_comments
        left_out = "%n comment(s) left out: their task was not readable"
        print("  " + translate("Cli", left_out, None, count))
    return 0
