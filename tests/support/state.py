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
    "history": "SELECT name FROM migratehistory ORDER BY id",
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
        for key, query in _QUERIES.items():
            cursor = connection.cursor()
            try:
                cursor.execute(query)
            except (sqlite3.Error, psycopg2.Error):
                state[key] = None  # the table is missing
                continue
            rows = cursor.fetchall()
            if key == "history":
                state[key] = [row[0] for row in rows]
                continue
            digest = hashlib.sha256(repr([tuple(map(str, row)) for row in rows]).encode())
            state[key] = (len(rows), digest.hexdigest()[:16])
    return state


def task_total(url: str) -> int:
    """How many tasks the database holds."""
    with closing(_connect(url)) as connection:
        cursor = connection.cursor()
        cursor.execute('SELECT count(*) FROM "Tasks"')
        return cursor.fetchone()[0]


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
