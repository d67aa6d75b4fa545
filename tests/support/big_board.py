"""A board of a million orders for the benchmarks, kept between runs (seeding takes minutes).

PostgreSQL: the database `pf_bench_<n>` on the test server (e.g. `pf_bench_1000000`); SQLite: the
file `/tmp/photoflow-bench-<n>.db`. Either is reused when it holds exactly `n` orders and is
migrated (pending migrations are applied to a kept one); otherwise it is made again.
PHOTOFLOW_BENCH_BOARD=<tag> names a board of its own (`pf_bench_<n>_<tag>`,
`/tmp/photoflow-bench-<n>-<tag>.db`), e.g. a copy of the kept one to compare two branches on
the same rows: `createdb -T pf_bench_1000000 pf_bench_1000000_after` and `cp` the file.
Delete it to start over: `dropdb -h 127.0.0.1 -U postgres pf_bench_1000000`, or
`rm /tmp/photoflow-bench-*`.
Rows come from a fixed random seed in chunks (memory stays flat): 1-3 comments on every tenth.
"""

from __future__ import annotations

import logging
import os
import random
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import psycopg2
from psycopg2 import sql
from psycopg2.extras import execute_values

from photoflow_desktop.domain.datetime_field import to_epoch_millis
from photoflow_desktop.domain.models import utc_now
from photoflow_desktop.domain.search_table import refill_search_table
from photoflow_desktop.maintenance import migrations
from tests.support import postgres
from tests.support.database import bound_database

log = logging.getLogger(__name__)

CHUNK = 50_000
TAG = os.environ.get("PHOTOFLOW_BENCH_BOARD", "")
SHOOTS = (
    "Wedding Photography",
    "Newborn shoot",
    "Family portrait",
    "Headshots",
    "Passport",
    "School photos",
    "Product catalogue",
    "Engagement session",
    "Corporate event",
)
FAMILIES = ("Smith", "Jones", "Müller", "Schäfer", "Garcia", "Nguyen", "Rossi", "Kowalski")
STATUSES = ("RAW", "Developed", "Retouched", "Printed", "NichtBearbeitet", "Entwickelt")
NOTES = (
    "Outdoor ceremony, 100 guests",
    "white background",
    "deliver prints by post",
    "client wants black and white",
    "",
    "",
)
TASK_COLUMNS = (
    '(created_at, "dueAt", task, additional_information, status, is_finished, "taskColumn")'
)


def task_rows(count: int, now: datetime) -> Iterator[list[tuple]]:
    """The orders in chunks: (created_at, dueAt, title, notes, status, finished, column)."""
    rng = random.Random(42)
    chunk = []
    for number in range(count):
        column = rng.choices(("1", "2", "3"), weights=(5, 3, 2))[0]
        finished = (column == "3" and rng.random() < 0.8) or rng.random() < 0.05
        due = now + timedelta(minutes=rng.randint(-180 * 24 * 60, 365 * 24 * 60))
        title = f"{rng.choice(SHOOTS)} - {rng.choice(FAMILIES)} Family #{number}"
        chunk.append((now, due, title, rng.choice(NOTES), rng.choice(STATUSES), finished, column))
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def comment_rows(task_ids: list[int], now: datetime) -> list[tuple]:
    """1-3 comments on every tenth of `task_ids`: (created_at, task_id, text)."""
    return [
        (now, task_id, f"Comment {n} on #{task_id}: client called about the prints")
        for task_id in task_ids[::10]
        for n in range(1 + task_id % 3)
    ]


# -- PostgreSQL ------------------------------------------------------------------------------
def postgres_board(server_url: str, count: int) -> str:
    """URL of `pf_bench_<count>`: reused if it holds `count` orders, else made and seeded."""
    name = f"pf_bench_{count}" + (f"_{TAG}" if TAG else "")
    url = postgres.with_database(server_url, name)
    if postgres.answers(url) and _postgres_count(url) == count:
        _migrate(url)
        return url
    postgres.drop_database(server_url, url)
    postgres.admin_execute(server_url, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    _migrate(url)
    _seed_postgres(url, count)
    return url


def _postgres_count(url: str) -> int:
    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT to_regclass('\"Tasks\"') IS NOT NULL")
            if not cursor.fetchone()[0]:
                return -1
            cursor.execute('SELECT count(*) FROM "Tasks"')
            return cursor.fetchone()[0]
    finally:
        conn.close()


def _seed_postgres(url: str, count: int) -> None:
    now = utc_now()
    conn = psycopg2.connect(url)
    try:
        with conn, conn.cursor() as cursor:
            # No triggers while seeding (a million NOTIFYs help nobody); the search table is
            # refilled in one statement below instead of row by row.
            cursor.execute("SET session_replication_role = replica")
            for done, chunk in enumerate(task_rows(count, now)):
                ids = execute_values(
                    cursor,
                    f'INSERT INTO "Tasks" {TASK_COLUMNS} VALUES %s RETURNING id',
                    chunk,
                    page_size=5000,
                    fetch=True,
                )
                execute_values(
                    cursor,
                    "INSERT INTO task_comments (created_at, task_id, comment) VALUES %s",
                    comment_rows([task_id for (task_id,) in ids], now),
                    page_size=5000,
                )
                log.info("seeded %d orders", (done + 1) * CHUNK)
            cursor.execute(
                'UPDATE "Tasks" t SET amount_of_comments = c.n FROM (SELECT task_id, count(*) n'
                " FROM task_comments GROUP BY task_id) c WHERE c.task_id = t.id"
            )
        with bound_database(url):
            refill_search_table()
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    finally:
        conn.close()


# -- SQLite ----------------------------------------------------------------------------------
def sqlite_board(count: int, folder: Path = Path("/tmp")) -> str:
    """URL of `/tmp/photoflow-bench-<count>.db`: reused if it holds `count` orders, else made."""
    path = folder / (f"photoflow-bench-{count}" + (f"-{TAG}" if TAG else "") + ".db")
    url = f"sqlite:///{path}"
    if path.exists() and _sqlite_count(path) == count:
        _migrate(url)
        return url
    for leftover in folder.glob(f"{path.name}*"):
        leftover.unlink()
    _migrate(url)
    _seed_sqlite(path, count)
    return url


def _sqlite_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute('SELECT count(*) FROM "Tasks"').fetchone()[0]
    except sqlite3.Error:
        return -1
    finally:
        conn.close()


def _seed_sqlite(path: Path, count: int) -> None:
    now = utc_now()
    conn = sqlite3.connect(path)
    try:
        with conn:
            for chunk in task_rows(count, now):
                first = conn.execute('SELECT coalesce(max(id), 0) + 1 FROM "Tasks"').fetchone()[0]
                conn.executemany(
                    f'INSERT INTO "Tasks" {TASK_COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?)',
                    [_sqlite_values(row) for row in chunk],
                )
                ids = list(range(first, first + len(chunk)))
                conn.executemany(
                    "INSERT INTO task_comments (created_at, task_id, comment) VALUES (?, ?, ?)",
                    [
                        (to_epoch_millis(at), task_id, text)
                        for at, task_id, text in comment_rows(ids, now)
                    ],
                )
            conn.execute(
                'UPDATE "Tasks" SET amount_of_comments = (SELECT count(*) FROM task_comments c'
                ' WHERE c.task_id = "Tasks".id) WHERE id IN (SELECT task_id FROM task_comments)'
            )
        conn.execute("ANALYZE")
    finally:
        conn.close()


def _sqlite_values(row: tuple) -> tuple:
    created, due, *rest = row
    return (to_epoch_millis(created), to_epoch_millis(due), *rest)  # as Prisma stores them


# Indexes of ours on "Tasks" that Prisma sees as drift; migration 005 (schema work) drops them.
# Dropped here too, so the figures are those of a board that has only Prisma's indexes.
DRIFT_INDEXES = ("Tasks_board_order_idx", "Tasks_lower_status_idx", "Tasks_search_trgm_idx")


def _migrate(url: str) -> None:
    with bound_database(url) as database:
        applied = migrations.apply_pending()
        for name in DRIFT_INDEXES:
            database.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
    if applied and url.startswith("postgresql"):
        _vacuum(url)  # as autovacuum would: index-only scans need the visibility map


def _vacuum(url: str) -> None:
    conn = psycopg2.connect(url)
    try:
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    finally:
        conn.close()
