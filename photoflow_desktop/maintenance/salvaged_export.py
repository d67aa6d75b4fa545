"""Export helpers: read a damaged embedded database through a salvaged copy; write atomically."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

from photoflow_desktop.domain.db import sqlite_path, url_scheme
from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.maintenance.backup_files import write_failure
from photoflow_desktop.maintenance.sqlite_damage import check_file
from photoflow_desktop.maintenance.sqlite_salvage import salvage
from photoflow_desktop.partial_files import written_whole


@contextlib.contextmanager
def readable_copy(url: str, salvage_damaged: bool) -> Iterator[str]:
    """The URL to export from: `url` itself, or (with salvage) a salvaged temporary copy."""
    if (
        not salvage_damaged
        or url_scheme(url) != "sqlite"
        or not check_file(sqlite_path(url)).damaged
    ):
        yield url
        return
    path = sqlite_path(url)
    with tempfile.TemporaryDirectory(prefix="photoflow-salvage-") as work:
        copy = salvage(path, Path(work) / "salvaged.sqlite")
        yield f"sqlite:///{copy.path}"


def write_export(target: Path, text: str) -> None:
    """Write `text` to a temporary file beside `target` and rename it: whole file or none."""
    try:
        with written_whole(target) as temporary:
            temporary.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise PhotoflowError(
            "Writing the export to {target} failed: {value}. No file was written",
            target=target,
            value=write_failure(exc),
        ) from None
