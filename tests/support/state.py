"""What a user would lose, read straight from a database by URL on either backend (no models)."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing

import psycopg2

from photoflow_desktop.domain.db import sqlite_path, url_scheme

_QUERIES = {
    "tasks": 'SELECT id, task, "dueAt", status, amount_of_comments FROM "Tasks" ORDER BY id',
    "comments": "SELECT id, task_id, comment FROM task_comments ORDER BY id",
    # Our history lives in schema photoflow on PostgreSQL once migration 005 ran.
    "history": (
        "SELECT name FROM photoflow.migratehistory ORDER BY id",
        "SELECT name FROM migratehistory ORDER BY id",
    ),
}


def _connect(url: str):
    if url_scheme(url) == "sqlite":
        return sqlite3.connect(sqlite_path(url))
    connection = psycopg2.connect(url)
    connection.autocommit = True
    return connection


def data_state(url: str) -> dict:
    """Row counts and a digest of every task and comment, plus the applied migrations."""
    state = {}
    with closing(_connect(url)) as connection:
        for key, queries in _QUERIES.items():
            rows = _first_readable(connection, (queries,) if isinstance(queries, str) else queries)
            if rows is None:
                state[key] = None  # the table is missing
                continue
            if key == "history":
                state[key] = [row[0] for row in rows]
                continue
            digest = hashlib.sha256(repr([tuple(map(str, row)) for row in rows]).encode())
            state[key] = (len(rows), digest.hexdigest()[:16])
    return state


def _first_readable(connection, queries) -> list | None:
    """The rows of the first query that runs, or None when none does."""
    for query in queries:
        cursor = connection.cursor()
        try:
            cursor.execute(query)
        except (sqlite3.Error, psycopg2.Error):
            continue
        return cursor.fetchall()
    return None


def writing_transaction_open(url: str) -> bool:
    """True once the app holds a transaction that has written (PostgreSQL: it has an xid)."""
    dbname = url.rsplit("/", 1)[1]
    with closing(_connect(url)) as connection:
        cursor = connection.cursor()
        cursor.execute(
            "SELECT 1 FROM pg_stat_activity WHERE datname = %s AND backend_xid IS NOT NULL "
            "AND pid <> pg_backend_pid()",
            (dbname,),
        )
        return cursor.fetchone() is not None


def others_gone(url: str) -> bool:
    """True when no other session is connected to this PostgreSQL database."""
    dbname = url.rsplit("/", 1)[1]
    with closing(_connect(url)) as connection:
        cursor = connection.cursor()
        cursor.execute(
            "SELECT 1 FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (dbname,),
        )
        return cursor.fetchone() is None
