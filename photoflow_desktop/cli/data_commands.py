"""`photoflow export` and `photoflow import`."""

from __future__ import annotations

import sys
from pathlib import Path

from photoflow_desktop.cli.web_app_refresh import announces_change
from photoflow_desktop.config import resolve_database_url
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.session import open_session


def register(subparsers) -> None:
    """Add `export` and `import`."""
    export = subparsers.add_parser("export", help="write every task as CSV or JSON")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument("-o", "--output", metavar="FILE", help="file to write (default: stdout)")
    export.add_argument(
        "--salvage",
        action="store_true",
        help="export the readable rows of a damaged embedded database (it is not changed)",
    )
    export.set_defaults(handler=cmd_export)
    importer = subparsers.add_parser("import", help="add tasks from a CSV or JSON file")
    importer.add_argument("file", metavar="FILE")
    importer.set_defaults(handler=cmd_import)


def cmd_export(args) -> int:
    """Export the board (with --salvage: what a damaged embedded database still holds)."""
    from photoflow_desktop.domain.csvio import export_csv, export_json
    from photoflow_desktop.maintenance.salvaged_export import readable_copy, write_export

    url = resolve_database_url(args.database_url).url
    with readable_copy(url, args.salvage) as readable, open_session(readable):
        text = export_json() if args.format == "json" else export_csv()
    if args.output:
        write_export(Path(args.output), text)
        print(f"Exported to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


@announces_change
def cmd_import(args) -> int:
    """Import a file (all rows or none)."""
    from photoflow_desktop.domain.csvio import import_text

    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise PhotoflowError(f"Cannot read {args.file}: {exc}") from None
    with open_session(args.database_url):
        count = import_text(text)
    print(f"Imported {count} task(s) from {args.file}")
    return 0
