"""Through a real PgBouncer in transaction mode with its default settings (issue 10).

The module starts its own PgBouncer in front of the test server. The board's URL goes through
it; the direct URL (DIRECT_URL) goes to the server. Without a direct URL the board still
works, the live feed polls the change marker, and what needs a session refuses in one line.
"""

from __future__ import annotations

import json
from datetime import datetime

import psycopg2
import pytest

from photoflow_desktop.cli import main
from photoflow_desktop.domain import comments, queries, search, tasks
from photoflow_desktop.domain.change_marker import PostgresFeed
from photoflow_desktop.domain.db import postgres_params
from photoflow_desktop.domain.pooler import detect_pooler
from photoflow_desktop.domain.records import TaskDraft
from tests.support import postgres
from tests.support.database import bound_database
from tests.support.pgbouncer import pgbouncer_binary

pytestmark = pytest.mark.skipif(
    pgbouncer_binary() is None, reason="pgbouncer is not installed (apt-get install pgbouncer)"
)


@pytest.fixture
def pooled_url(bouncer, direct_url):
    """The same database through PgBouncer."""
    return bouncer.pooled(direct_url)


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """`photoflow ARGS` in this process: (exit code, stdout, stderr)."""
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def draft(title: str, due: datetime, column: str = "1") -> TaskDraft:
    """A task as the dialog would send it."""
    return TaskDraft(title=title, due_at=due, status="Entwickelt", column=column)


def test_pgbouncer_refuses_startup_options_and_is_named(pooled_url, direct_url):
    with pytest.raises(psycopg2.OperationalError, match="unsupported startup parameter"):
        psycopg2.connect(pooled_url, options="-c timezone=UTC").close()
    assert detect_pooler(postgres_params(pooled_url)).name == "PgBouncer"
    assert not detect_pooler(postgres_params(direct_url)).pooler


def test_the_board_works_through_the_pooler(pooled_url):
    with bound_database(pooled_url + "?pgbouncer=true&connection_limit=3&schema=public"):
        created = tasks.create_task(draft("Hochzeit Schmidt", datetime(2030, 5, 4, 10, 0)))
        moved = tasks.move_task(created.id, "2", expected=created)
        comments.add_comment(moved.id, "Abzüge bestellt")
        page = queries.column_page("2", where=search.parse_query("schmidt"))
        assert [record.id for record in page] == [created.id]
        assert tasks.get_task(created.id).comment_count == 1


@pytest.mark.parametrize("route", ["direct", "pooled"])
def test_timestamps_stay_utc_in_a_berlin_database(route, direct_url, pooled_url, pg_server):
    name = postgres_params(direct_url).dbname
    postgres.admin_execute(pg_server, f"ALTER DATABASE {name} SET timezone = 'Europe/Berlin'")
    url = direct_url if route == "direct" else pooled_url
    due = datetime(2030, 3, 31, 0, 30)  # the night Berlin's clocks jump
    before = datetime.utcnow().replace(microsecond=0)
    with bound_database(url):
        created = tasks.create_task(draft("Passbilder", due))
        comment = comments.add_comment(created.id, "fertig")
        again = tasks.get_task(created.id)
    assert again.due_at == due
    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("SHOW timezone")
        assert cursor.fetchone()[0] == "Europe/Berlin"
        cursor.execute('SELECT "dueAt", created_at FROM "Tasks" WHERE id = %s', (created.id,))
        stored_due, stored_created = cursor.fetchone()
        cursor.execute("SELECT created_at FROM task_comments WHERE id = %s", (comment.id,))
        comment_created = cursor.fetchone()[0]
    assert stored_due == due
    for stamp in (stored_created, comment_created):
        assert before <= stamp <= datetime.utcnow()  # UTC, not Berlin's +1/+2 hours


def test_migrate_seed_backup_verify_restore_export_import(
    capsys, monkeypatch, bouncer, pg_server, pg_template, tmp_path
):
    direct = postgres.create_database(pg_server)  # empty: `db migrate` builds it
    other = postgres.create_database(pg_server, template=pg_template)  # the import's target
    try:
        monkeypatch.setenv("DATABASE_URL", bouncer.pooled(direct))
        monkeypatch.setenv("DIRECT_URL", direct)
        assert run_cli(capsys, "db", "migrate")[0] == 0
        assert run_cli(capsys, "db", "seed")[0] == 0
        code, out, _err = run_cli(capsys, "db", "check")
        assert code == 0, out
        assert "PgBouncer" in out and "direct URL: postgresql://postgres@" in out
        backup = tmp_path / "studio.dump"
        assert run_cli(capsys, "db", "backup", "-o", str(backup))[0] == 0
        assert run_cli(capsys, "db", "verify", str(backup), "--test-restore")[0] == 0
        exported = tmp_path / "board.json"
        assert run_cli(capsys, "export", "--format", "json", "-o", str(exported))[0] == 0
        with bound_database(direct):
            before = len(queries.active_tasks())
            tasks.delete_task(queries.active_tasks()[0].id)
        code, out, err = run_cli(capsys, "db", "restore", str(backup), "--yes")
        assert code == 0, err
        with bound_database(bouncer.pooled(direct)):
            assert len(queries.active_tasks()) == before
        assert json.loads(exported.read_text(encoding="utf-8"))
        monkeypatch.delenv("DIRECT_URL")
        code, _out, err = run_cli(
            capsys, "--database-url", bouncer.pooled(other), "import", str(exported)
        )
        assert code == 0, err
        with bound_database(bouncer.pooled(other)):
            assert len(queries.active_tasks()) == before
    finally:
        postgres.drop_database(pg_server, direct)
        postgres.drop_database(pg_server, other)


def test_without_a_direct_url_sessions_are_refused_in_one_line(
    capsys, monkeypatch, pooled_url, tmp_path
):
    monkeypatch.setenv("DATABASE_URL", pooled_url)
    code, _out, err = run_cli(capsys, "db", "backup", "-o", str(tmp_path / "x.dump"))
    assert code == 1
    assert err.count("\n") == 1 and "DIRECT_URL" in err and "PgBouncer" in err
    assert list(tmp_path.iterdir()) == []
    assert run_cli(capsys, "db", "vacuum", "--analyze")[0] == 0
    assert run_cli(capsys, "db", "stats")[0] == 0
    code, out, _err = run_cli(capsys, "db", "check")
    assert code == 0, out  # the board works: what needs a direct URL is a warning
    assert "pool mode: transaction" in out and "[warn] direct URL: None configured" in out, out
    assert "backup, restore" in out


def test_the_feed_polls_the_change_marker_behind_the_pooler(pooled_url, direct_url):
    feed = PostgresFeed(postgres_params(pooled_url))
    feed.connect()
    try:
        assert feed.mode == "polling" and feed.polled
        assert feed.poll() is False
        with psycopg2.connect(direct_url) as web_app, web_app.cursor() as cursor:
            cursor.execute("UPDATE \"Tasks\" SET status = 'Gedruckt' WHERE false")
        assert feed.poll() is True  # a statement ran, even one that changed nothing
    finally:
        feed.close()


def test_the_feed_listens_on_the_direct_url(pooled_url, direct_url):
    feed = PostgresFeed(postgres_params(pooled_url), postgres_params(direct_url))
    feed.connect()
    try:
        assert feed.mode == "listen" and not feed.polled
    finally:
        feed.close()
