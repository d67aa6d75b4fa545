"""`photoflow export`, `photoflow import` and `photoflow db normalize-statuses`."""

from __future__ import annotations

import sys
from pathlib import Path

from photoflow_desktop.cli.web_app_refresh import announces_change, tell_web_app
from photoflow_desktop.config import resolve_database_url
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.i18n import translate
from photoflow_desktop.session import open_session

NORMALIZE_PREFIX = "before-normalize-statuses"


def register(subparsers) -> None:
    """Add `export`, `import` and (to the `db` group) `normalize-statuses`."""
    export = subparsers.add_parser(
        "export", help=translate("CliHelp", "write every task as CSV or JSON")
    )
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument(
        "-o",
        "--output",
        metavar=translate("CliHelp", "FILE"),
        help=translate("CliHelp", "file to write (default: stdout)"),
    )
    export.add_argument(
        "--salvage",
        action="store_true",
        help=translate(
            "CliHelp", "export the readable rows of a damaged embedded database (it is not changed)"
        ),
    )
    export.set_defaults(handler=cmd_export)
    importer = subparsers.add_parser(
        "import", help=translate("CliHelp", "add tasks from a CSV or JSON file")
    )
    importer.add_argument("file", metavar=translate("CliHelp", "FILE"))
    importer.add_argument(
        "--map",
        metavar=translate("CliHelp", "FIELD=COLUMN,…"),
        help=translate(
            "CliHelp",
            "read any CSV (delimiter and encoding detected): which column holds which field, "
            "e.g. task=Titel,dueAt=Fällig,status=Status,additional_information=Notiz",
        ),
    )
    importer.set_defaults(handler=cmd_import)
    normalize = subparsers.choices["db"].db_subparsers.add_parser(
        "normalize-statuses",
        help=translate(
            "CliHelp",
            "rewrite RAW/Developed/Retouched/Printed as the web app's status keys (backup first)",
        ),
    )
    normalize.add_argument(
        "--dry-run",
        action="store_true",
        help=translate("CliHelp", "only print what would change, write nothing"),
    )
    normalize.set_defaults(handler=cmd_normalize_statuses)


def cmd_export(args) -> int:
    """Export the board (with --salvage: what a damaged embedded database still holds)."""
    from photoflow_desktop.domain.csvio import export_csv, export_json
    from photoflow_desktop.maintenance.salvaged_export import readable_copy, write_export

    url = resolve_database_url(args.database_url).url
    with readable_copy(url, args.salvage) as readable, open_session(readable):
        text = export_json() if args.format == "json" else export_csv()
    if args.output:
        write_export(Path(args.output), text)  # whole file or none; CRLF stays exact
        print(translate("Cli", "Exported to {file}").format(file=args.output), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


@announces_change
def cmd_import(args) -> int:
    """Import a file (all rows or none)."""
    if args.map is not None:
        return _import_mapped(args)
    from photoflow_desktop.domain.csvio import import_text

    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise PhotoflowError("Cannot read {file}: {problem}", file=args.file, problem=exc) from None
    with open_session(args.database_url):
        count = import_text(text)
    print(translate("Cli", "Imported %n task(s) from {file}", None, count).format(file=args.file))
    return 0


def _import_mapped(args) -> int:
    """`import FILE --map …`: a spreadsheet's CSV with its own column names."""
    from photoflow_desktop.domain.csv_mapping import import_mapped, parse_map_option

    mapping = parse_map_option(args.map)
    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        raise PhotoflowError(
            "Cannot read {file}: {problem}", file=args.file, problem=exc.strerror
        ) from None
    with open_session(args.database_url):
        count = import_mapped(data, mapping)
    print(translate("Cli", "Imported %n task(s) from {file}", None, count).format(file=args.file))
    return 0


def cmd_normalize_statuses(args) -> int:
    """Convert other spellings of the four statuses to the web app's keys, after a backup."""
    from photoflow_desktop.domain.statuses import legacy_counts, normalize_statuses
    from photoflow_desktop.maintenance import backend_for

    with open_session(args.database_url) as session:
        planned = legacy_counts()
        if not planned:
            print(
                translate("Cli", "Every status already uses the web app's keys: nothing to change.")
            )
            return 0
        if not args.dry_run:
            backup = backend_for(session).backup(prefix=NORMALIZE_PREFIX)
            print(translate("Cli", "Backup written first: {path}").format(path=backup.path))
            planned = normalize_statuses()
    for (old, new), count in sorted(planned.items()):
        if args.dry_run:
            line = translate("Cli", "{old} → {new}: %n order(s) would change", None, count)
        else:
            line = translate("Cli", "{old} → {new}: %n order(s) changed", None, count)
        print(line.format(old=old, new=new))
    total = sum(planned.values())
    if args.dry_run:
        print(translate("Cli", "%n order(s) would change in total.", None, total))
    else:
        print(translate("Cli", "%n order(s) changed in total.", None, total))
    if not args.dry_run:
        tell_web_app()  # the web app's open pages reload, as after any write
    return 0
