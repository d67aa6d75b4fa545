"""`photoflow export` and `photoflow import`."""

from __future__ import annotations

import sys
from pathlib import Path

from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.session import open_session


def register(subparsers) -> None:
    """Add `export` and `import`."""
    export = subparsers.add_parser("export", help="write every task as CSV or JSON")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument("-o", "--output", metavar="FILE", help="file to write (default: stdout)")
    export.set_defaults(handler=cmd_export)
    importer = subparsers.add_parser("import", help="add tasks from a CSV or JSON file")
    importer.add_argument("file", metavar="FILE")
    importer.add_argument(
        "--map",
        metavar="FIELD=COLUMN,…",
        help="read any CSV (delimiter and encoding detected): which column holds which field, "
        "e.g. task=Titel,dueAt=Fällig,status=Status,additional_information=Notiz",
    )
    importer.set_defaults(handler=cmd_import)


def cmd_export(args) -> int:
    """Export the board."""
    from photoflow_desktop.domain.csvio import export_csv, export_json

    with open_session(args.database_url):
        text = export_json() if args.format == "json" else export_csv()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"Exported to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_import(args) -> int:
    """Import a file (all rows or none)."""
    if args.map is not None:
        return _import_mapped(args)
    from photoflow_desktop.domain.csvio import import_text

    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise PhotoflowError(f"Cannot read {args.file}: {exc}") from None
    with open_session(args.database_url):
        count = import_text(text)
    print(f"Imported {count} task(s) from {args.file}")
    return 0


def _import_mapped(args) -> int:
    """`import FILE --map …`: a spreadsheet's CSV with its own column names."""
    from photoflow_desktop.domain.csv_mapping import import_mapped, parse_map_option

    mapping = parse_map_option(args.map)
    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        raise PhotoflowError(f"Cannot read {args.file}: {exc.strerror}") from None
    with open_session(args.database_url):
        count = import_mapped(data, mapping)
    print(f"Imported {count} task(s) from {args.file}")
    return 0
