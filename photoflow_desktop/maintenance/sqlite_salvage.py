"""`photoflow db salvage`: copy every readable row of a damaged SQLite file into a fresh file.

The damaged file is only read. Rows come out through SQLite's own `.recover` (the sqlite3
program, when it is installed and its recovery works) or, failing that, by reading each table
in rowid order and stepping over the ranges SQLite cannot read. They go into a new, fully
migrated file, built in a temporary name next to the target and renamed into place at the end:
comments whose task was lost are left out, and each task's comment counter is recomputed.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from photoflow_desktop.domain.errors import Phrase
from photoflow_desktop.maintenance.base import MaintenanceError
from photoflow_desktop.partial_files import remove_stale_partials, tag

log = logging.getLogger(__name__)

TABLES = ("board_columns", "Tasks", "task_comments")  # parents before children
_PROBES = 20_000  # single-row reads tried inside an unreadable rowid range
_BATCH = 1_000


class SalvageError(MaintenanceError):
    """Salvage cannot start or finish (the message says why; the damaged file is untouched)."""


@dataclass
class SalvageResult:
    """Where the rows went, how they were read, and how many per table."""

    path: Path
    method: str
    rows: dict[str, int] = field(default_factory=dict)
    orphan_comments: int = 0


def salvage(source: Path, target: Path) -> SalvageResult:
    """Copy every readable row of `source` into a new migrated SQLite file at `target`."""
    source, target = Path(source), Path(target).expanduser()
    if not source.is_file():
        raise SalvageError("There is no database file at {source}", source=source)
    if target.exists():
        raise SalvageError("{target} already exists: choose a new file name", target=target)
    if not target.parent.is_dir():
        raise SalvageError("The folder {parent} does not exist", parent=target.parent)
    remove_stale_partials(target.parent)
    with tempfile.TemporaryDirectory(
        dir=target.parent, prefix=f".photoflow-salvage-{tag()}-"
    ) as work:
        recovered = Path(work) / "recovered.sqlite"
        method = "sqlite3 .recover"
        if not _recover_with_sqlite3(source, recovered):
            recovered.unlink(missing_ok=True)
            method = Phrase("row by row")
            _recover_row_by_row(source, recovered)
        fresh = Path(work) / "fresh.sqlite"
        _migrated(fresh)
        result = _copy_rows(recovered, fresh)
        result.method = method
        os.chmod(fresh, 0o600)
        os.replace(fresh, target)
    result.path = target
    return result


def _recover_with_sqlite3(source: Path, recovered: Path) -> bool:
    """`sqlite3 SOURCE .recover | sqlite3 RECOVERED`; False when unavailable or it failed."""
    program = shutil.which("sqlite3")
    if program is None:
        return False
    try:
        with tempfile.TemporaryFile() as script:
            dump = subprocess.run(
                [program, "-readonly", str(source), ".recover"],
                stdout=script,
                stderr=subprocess.PIPE,
                timeout=3600,
                check=False,
            )
            if dump.returncode != 0:
                log.info("sqlite3 .recover failed: %s", dump.stderr.decode(errors="replace"))
                return False
            script.seek(0)
            load = subprocess.run(
                [program, str(recovered)],
                stdin=script,
                capture_output=True,
                timeout=3600,
                check=False,
            )
    except (OSError, subprocess.SubprocessError) as exc:
        log.info("sqlite3 .recover could not run: %s", exc)
        return False
    if load.returncode != 0:
        return False
    with closing(sqlite3.connect(recovered)) as check:
        names = {row[0] for row in check.execute("SELECT name FROM sqlite_master")}
    return "Tasks" in names


def _recover_row_by_row(source: Path, recovered: Path) -> None:
    """Read each known table in rowid order, stepping over what SQLite cannot read."""
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    writer = sqlite3.connect(recovered)
    try:
        for table in TABLES:
            columns = _columns(reader, table)
            if not columns:
                continue
            quoted = ", ".join(f'"{name}"' for name in columns)
            writer.execute(f'CREATE TABLE "{table}" (_rowid INTEGER PRIMARY KEY, {quoted})')
            marks = ", ".join("?" * (len(columns) + 1))
            insert = f'INSERT OR IGNORE INTO "{table}" (_rowid, {quoted}) VALUES ({marks})'
            for batch in _readable_rows(reader, table, quoted):
                writer.executemany(insert, batch)
        writer.commit()
    finally:
        reader.close()
        writer.close()


def _columns(reader, table: str) -> list[str]:
    try:
        return [row[1] for row in reader.execute(f'PRAGMA table_info("{table}")')]
    except sqlite3.DatabaseError:
        from photoflow_desktop.maintenance.schema_check import EXPECTED_COLUMNS

        return sorted(EXPECTED_COLUMNS.get(table, ()))


def _readable_rows(reader, table: str, quoted: str):
    """Batches of (rowid, values…) in rowid order; unreadable ranges are probed row by row."""
    last = -(2**63)
    while True:
        try:
            cursor = reader.execute(
                f'SELECT rowid, {quoted} FROM "{table}" WHERE rowid > ? ORDER BY rowid', (last,)
            )
            while batch := cursor.fetchmany(_BATCH):
                yield batch
                last = batch[-1][0]
            return
        except sqlite3.DatabaseError:
            resume = _next_readable(reader, table, last)
            if resume is None:
                return
            yield from _probe(reader, table, quoted, last, resume)
            last = resume


def _next_readable(reader, table: str, last: int) -> int | None:
    """A rowid beyond `last` from where a range read works again, or None."""
    step = 1
    while last + step < 2**63:
        try:
            reader.execute(
                f'SELECT rowid FROM "{table}" WHERE rowid > ? ORDER BY rowid', (last + step,)
            ).fetchmany(_BATCH)
            return last + step
        except sqlite3.DatabaseError:
            step *= 2
    return None


def _probe(reader, table: str, quoted: str, last: int, resume: int):
    """Single-row reads for the rowids between `last` and `resume` (bounded)."""
    found = []
    for rowid in range(last + 1, min(resume, last + _PROBES) + 1):
        try:
            found += reader.execute(
                f'SELECT rowid, {quoted} FROM "{table}" WHERE rowid = ?', (rowid,)
            ).fetchall()
        except sqlite3.DatabaseError:
            continue
    if found:
        yield found


def _migrated(path: Path) -> None:
    """A new SQLite file with every migration applied (the models' binding is restored)."""
    from photoflow_desktop.domain import db as db_module
    from photoflow_desktop.maintenance.migrations import apply_pending

    previous = db_module.database_proxy.obj
    database = db_module.open_database(f"sqlite:///{path}")
    db_module.bind(database)
    try:
        apply_pending()
        database.execute_sql("PRAGMA journal_mode=DELETE")
    finally:
        database.close()
        if previous is not None:
            db_module.bind(previous)


def _copy_rows(recovered: Path, fresh: Path) -> SalvageResult:
    """Insert the recovered rows into the fresh file's tables (columns both have)."""
    result = SalvageResult(fresh, "")
    with closing(sqlite3.connect(fresh)) as target:
        target.execute("PRAGMA foreign_keys = ON")
        target.execute("ATTACH DATABASE ? AS rec", (str(recovered),))
        present = {row[0] for row in target.execute("SELECT name FROM rec.sqlite_master")}
        with target:
            for table in TABLES:
                if table not in present:
                    result.rows[table] = 0
                    continue
                wanted = [row[1] for row in target.execute(f'PRAGMA main.table_info("{table}")')]
                have = {row[1] for row in target.execute(f'PRAGMA rec.table_info("{table}")')}
                shared = ", ".join(f'"{name}"' for name in wanted if name in have)
                where = ""
                if table == "task_comments":
                    where = ' WHERE task_id IN (SELECT id FROM main."Tasks")'
                    result.orphan_comments = target.execute(
                        "SELECT count(*) FROM rec.task_comments WHERE task_id NOT IN "
                        '(SELECT id FROM main."Tasks")'
                    ).fetchone()[0]
                verb = "INSERT OR REPLACE" if table == "board_columns" else "INSERT OR IGNORE"
                cursor = target.execute(
                    f'{verb} INTO main."{table}" ({shared}) '
                    f'SELECT {shared} FROM rec."{table}"{where}'
                )
                result.rows[table] = cursor.rowcount
            target.execute(
                'UPDATE main."Tasks" SET amount_of_comments = '
                '(SELECT count(*) FROM main.task_comments c WHERE c.task_id = "Tasks".id)'
            )
        target.execute("DETACH DATABASE rec")
    return result
