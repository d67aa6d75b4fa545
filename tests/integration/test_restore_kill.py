"""A restore is all-or-nothing whoever dies: the CLI is killed mid-stream (real signals).

The database must afterwards be exactly as before the restore or exactly as in the backup —
never half: row counts, text, and the primary/foreign keys all compared.
"""

from __future__ import annotations

import signal

import psycopg2
import pytest

from photoflow_desktop.maintenance import backend_for
from photoflow_desktop.maintenance.base import BackupFormat
from tests.support.backends import only_postgres
from tests.support.processes import kill_when, start_photoflow, wait_until

COMMENTS = 150_000
TASKS = 1_500

_SEED = f"""
SET session_replication_role = replica;  -- no change notification per seeded row
INSERT INTO "Tasks" ("dueAt", task, additional_information, status, "taskColumn")
SELECT now() + g * interval '1 minute', 'Order ' || g, 'notes', 'RAW', '1'
FROM generate_series(1, {TASKS}) AS g;
INSERT INTO task_comments (task_id, comment)
SELECT t.id, 'Comment ' || g || ' ' || repeat('x', 60)
FROM generate_series(1, {COMMENTS}) AS g
JOIN "Tasks" t ON t.task = 'Order ' || (1 + g % {TASKS});
UPDATE "Tasks" t SET amount_of_comments =
    (SELECT count(*) FROM task_comments c WHERE c.task_id = t.id);
"""

_CONSTRAINTS = """
SELECT c.relname, k.contype, pg_get_constraintdef(k.oid)
FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relname IN ('Tasks', 'task_comments')
ORDER BY 1, 2, 3
"""


def _query(url: str, statement: str):
    connection = psycopg2.connect(url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
            return cursor.fetchall() if cursor.description else None
    finally:
        connection.close()


def _state(url: str) -> dict:
    """What a user would lose: counts, every comment's text (hashed), keys."""
    tables = {row[0] for row in _query(url, "SELECT tablename FROM pg_tables")}
    if not {"Tasks", "task_comments"} <= tables:
        return {"tables": sorted(tables)}
    (tasks, comments, digest, counters), *_ = _query(
        url,
        'SELECT (SELECT count(*) FROM "Tasks"), (SELECT count(*) FROM task_comments), '
        "(SELECT md5(string_agg(id || ':' || comment, ',' ORDER BY id)) FROM task_comments), "
        '(SELECT sum(amount_of_comments) FROM "Tasks")',
    )
    return {
        "tasks": tasks,
        "comments": comments,
        "digest": digest,
        "counters": counters,
        "constraints": _query(url, _CONSTRAINTS),
    }


def _streaming_comments(url: str):
    """True while a restore tool copies task_comments rows into the database."""
    dbname = url.rsplit("/", 1)[1]

    def check() -> bool:
        rows = _query(
            url,
            "SELECT 1 FROM pg_stat_activity WHERE datname = "
            f"'{dbname}' AND query ILIKE 'COPY public.task_comments%FROM stdin%' "
            "AND pid <> pg_backend_pid()",
        )
        return bool(rows)

    return check


def _others_gone(url: str) -> bool:
    dbname = url.rsplit("/", 1)[1]
    rows = _query(
        url,
        f"SELECT 1 FROM pg_stat_activity WHERE datname = '{dbname}' AND pid <> pg_backend_pid()",
    )
    return not rows


@pytest.fixture
def big_backup(database_url, tmp_path, request):
    """(url, backup path, state in the backup, state before the restore) for 150k comments."""
    _query(database_url, _SEED)
    fmt = request.param
    after = _state(database_url)
    backup = backend_for(database_url).backup(tmp_path, fmt)
    _query(database_url, "DELETE FROM task_comments WHERE id % 3 = 0")
    _query(
        database_url,
        'UPDATE "Tasks" t SET amount_of_comments = '
        "(SELECT count(*) FROM task_comments c WHERE c.task_id = t.id)",
    )
    before = _state(database_url)
    assert before != after
    return database_url, backup.path, after, before


KILLS = [
    pytest.param(BackupFormat.PLAIN, signal.SIGKILL, id="plain-SIGKILL"),
    pytest.param(BackupFormat.PLAIN, signal.SIGTERM, id="plain-SIGTERM"),
    pytest.param(BackupFormat.PLAIN, signal.SIGHUP, id="plain-SIGHUP"),
    pytest.param(BackupFormat.GZIP, signal.SIGKILL, id="gzip-SIGKILL"),
    pytest.param(BackupFormat.CUSTOM, signal.SIGKILL, id="custom-SIGKILL"),
    pytest.param(BackupFormat.CUSTOM, signal.SIGTERM, id="custom-SIGTERM"),
    pytest.param(BackupFormat.CUSTOM, signal.SIGHUP, id="custom-SIGHUP"),
]


@only_postgres
@pytest.mark.parametrize(("big_backup", "signum"), KILLS, indirect=["big_backup"])
def test_killed_restore_leaves_before_or_after(big_backup, signum):
    url, path, after, before = big_backup
    process = start_photoflow("--database-url", url, "db", "restore", str(path), "--yes")

    killed = kill_when(process, _streaming_comments(url), signum)

    assert killed, "the restore ended before it could be killed"
    if signum != signal.SIGKILL:  # a polite stop: the child tool is stopped, one line, no traceback
        assert process.captured[1].strip() == "photoflow: interrupted", process.captured[1]
        assert process.returncode == 130
    assert wait_until(lambda: _others_gone(url), timeout=120)  # a surviving tool has finished
    state = _state(url)
    assert state in (before, after), {key: state.get(key) for key in ("tasks", "comments")}


@only_postgres
@pytest.mark.parametrize("big_backup", [BackupFormat.PLAIN], indirect=True)
def test_dump_cut_at_a_line_end_never_commits(big_backup, tmp_path):
    url, path, _after, before = big_backup
    maintenance = backend_for(url)
    verified = maintenance.verify(path)  # the file was whole when checked …
    data = path.read_bytes()
    cut = data[: data.index(b"\n", len(data) // 2) + 1]
    path.write_bytes(cut)  # … and is cut off at a line end when replayed

    run = maintenance._replay(path, verified, maintenance.params.dbname, None, None, clean=True)

    assert run.returncode != 0 and "completion line" in run.stderr
    assert _state(url) == before
