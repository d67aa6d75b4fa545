"""`photoflow db detach`: after it, the web app's schema is exactly what Prisma's own SQL makes."""

import pytest

from photoflow_desktop.cli import main
from photoflow_desktop.domain import comments, tasks
from photoflow_desktop.domain.changes import Change
from photoflow_desktop.maintenance import detach, migrations, web_app_schema
from tests.integration.test_changes import Feed, draft
from tests.support import postgres
from tests.support.backends import only_postgres, only_sqlite
from tests.support.catalog import run_fixture, schema_objects
from tests.support.database import bound_database

WEB_APP_SQL = "webapp_postgres.sql"
PRISMA_HISTORY_SQL = "prisma_migrations.sql"
KANBAN_SQL = "kanban_card_postgres.sql"
# `prisma migrate` (with its history table), `prisma db push` (without), and an older
# migrate-made database that still has the web app's KanbanCard table.
PRISMA_SETUPS = {
    "migrate": (WEB_APP_SQL, PRISMA_HISTORY_SQL),
    "db-push": (WEB_APP_SQL,),
    "migrate-with-kanban": (WEB_APP_SQL, PRISMA_HISTORY_SQL, KANBAN_SQL),
}


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def new_pg_database(pg_server, request):
    """A factory of empty PostgreSQL databases, dropped after the test."""

    def make():
        url = postgres.create_database(pg_server)
        request.addfinalizer(lambda: postgres.drop_database(pg_server, url))
        return url

    return make


def _web_app_rows(url):
    with bound_database(url) as database:
        return {
            table: database.execute_sql(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
            for table in ("Tasks", "task_comments")
        }


@pytest.mark.parametrize("setup", PRISMA_SETUPS)
def test_after_detach_the_public_schema_is_what_prismas_sql_made(setup, new_pg_database):
    files = PRISMA_SETUPS[setup]
    reference, studio = new_pg_database(), new_pg_database()
    run_fixture(reference, *files)
    run_fixture(studio, *files)
    with bound_database(studio) as database:
        database.execute_sql(
            'INSERT INTO "Tasks" ("dueAt", task, additional_information, status) '
            "VALUES ('2026-04-01 09:00:00', 'Neugeborenen-Shooting', '', 'NichtBearbeitet')"
        )
        web_app_row = database.execute_sql('SELECT * FROM "Tasks"').fetchall()
        assert migrations.status().adoptable
        migrations.apply_pending()  # adopts, then 002–005 (and later ones)
        assert database.execute_sql('SELECT * FROM "Tasks"').fetchall() == web_app_row
        created = tasks.create_task(draft("Vom Desktop"))
        comments.add_comment(created.id, "Abzüge bestellt")
        assert schema_objects(studio) != schema_objects(reference)  # our triggers are there
        removed = detach.detach()
        assert removed and all(entry.startswith("trigger photoflow_") for entry in removed)
        assert detach.ours_in_web_app_schema() == []

    after = schema_objects(studio)
    expected = schema_objects(reference)
    for kind in expected:
        assert after[kind] == expected[kind], kind
    if "KanbanCard" in {name for name, _kind in after["relations"]}:
        with bound_database(studio) as database:
            assert database.execute_sql('SELECT "taskName" FROM "KanbanCard"').fetchall() == [
                ("Passbilder Meyer",)
            ]


@only_postgres
def test_detached_boards_still_work_and_migrate_attaches_again(db, database_url, capsys):
    detach.detach()
    assert migrations.status().detached and not migrations.status().pending
    feed = Feed(database_url, "postgresql")
    try:
        created = tasks.create_task(draft("Während getrennt"))  # the board still writes
        assert feed.changes(timeout=0.3) == []  # no triggers: no live news

        code, out, _ = run(capsys, "--database-url", database_url, "db", "migrate")

        assert code == 0 and "Attached again" in out
        assert not migrations.status().detached
        tasks.move_task(created.id, "2", expected=created)
        assert feed.changes() == [Change("Tasks", "update", created.id, created.id, "2")]
    finally:
        feed.close()


@only_postgres
def test_the_detach_command_lists_what_it_removed_and_status_says_so(database_url, capsys):
    code, out, err = run(capsys, "--database-url", database_url, "db", "detach")
    assert code == 0 and not err
    assert "removed  trigger photoflow_tasks_notify_write on Tasks" in out
    assert "photoflow db migrate" in out
    code, out, _ = run(capsys, "--database-url", database_url, "db", "detach")
    assert code == 0 and "nothing to detach" in out
    code, out, _ = run(capsys, "--database-url", database_url, "db", "status")
    assert "Detached" in out


@only_postgres
def test_detach_on_an_older_desktop_database_migrates_first_with_a_backup(
    empty_database_url, capsys
):
    with bound_database(empty_database_url) as database:
        router = migrations.make_router()
        for name in router.diff[:4]:  # 001–004: our tables still in public
            router.run_one(name, router.migrator, fake=False)
        database.execute_sql(
            'INSERT INTO "Tasks" ("dueAt", task, additional_information, status) '
            "VALUES ('2026-04-01 09:00:00', 'Kommunion Becker', '', 'Retuschiert')"
        )
    code, out, err = run(capsys, "--database-url", empty_database_url, "db", "detach")
    assert code == 0, err
    assert "Backup written first" in out and "applied  005_own_schema" in out
    with bound_database(empty_database_url) as database:
        assert detach.ours_in_web_app_schema() == []
        assert web_app_schema.prisma_drift(database) == []
    assert _web_app_rows(empty_database_url)["Tasks"][0][3] == "Kommunion Becker"


@only_sqlite
def test_on_sqlite_there_is_nothing_to_detach(database_url, capsys):
    code, out, err = run(capsys, "--database-url", database_url, "db", "detach")
    assert code == 0 and "nothing to detach" in out and not err
    with bound_database(database_url):
        assert detach.detach() == [] and not migrations.status().detached


@only_postgres
def test_check_warns_one_line_per_object_prisma_would_see_as_drift(db, database_url, capsys):
    db.execute_sql('CREATE TABLE "Notizen" (id serial PRIMARY KEY, text text)')
    db.execute_sql('ALTER TABLE "Tasks" ADD COLUMN "priority" integer')
    run_fixture(database_url, KANBAN_SQL)

    code, out, _ = run(capsys, "--database-url", database_url, "db", "check")

    warnings = [line for line in out.splitlines() if "[warn] drift:" in line]
    assert len(warnings) == 3, out  # the table (with its sequence and key), column, KanbanCard
    assert any('table "Notizen"' in line for line in warnings)
    assert any('column "Tasks"."priority"' in line for line in warnings)
    assert any("KanbanCard" in line and "leaves it alone" in line for line in warnings)
    assert code == 0  # drift is a warning, not a failure


@only_postgres
def test_check_of_a_migrated_database_shows_no_drift(database_url, capsys):
    code, out, _ = run(capsys, "--database-url", database_url, "db", "check")
    assert code == 0 and "[warn]" not in out and "web-app schema" in out
