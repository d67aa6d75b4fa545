"""A SQLite file the web app's Prisma made (integer-ms dates, a TEXT default, a value that is no
date): adopted by `db migrate`, exported row for row, edited with what Prisma writes."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import datetime

import pytest

from photoflow_desktop.cli import main
from photoflow_desktop.domain import tasks
from photoflow_desktop.domain.comments import add_comment
from photoflow_desktop.domain.queries import board_stats, column_page
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.maintenance import migrations
from tests.support.database import bound_database
from tests.support.prisma_sqlite import (
    DAMAGED_ID,
    DAMAGED_RAW,
    PRISMA_ROWS,
    make_prisma_sqlite,
    stored_types,
)


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def prisma_file(tmp_path):
    return make_prisma_sqlite(tmp_path / "dev.db")


@pytest.fixture
def adopted(prisma_file, capsys):
    """The Prisma file after `photoflow db migrate`."""
    url = f"sqlite:///{prisma_file}"
    code, out, err = run(capsys, "--database-url", url, "db", "migrate")
    assert code == 0, err
    assert "Backup written first" in out and "Traceback" not in err
    return prisma_file


def test_db_migrate_adopts_it_and_converts_only_readable_text_dates(adopted):
    due = stored_types(adopted, "Tasks", "dueAt")
    created = stored_types(adopted, "Tasks", "created_at")
    assert due[1] == ("integer", 1707350400000)  # Prisma's value, untouched
    assert due[4] == ("integer", 1722504600000)  # ISO text → the same instant in ms
    assert due[DAMAGED_ID] == ("text", DAMAGED_RAW)  # no date: kept exactly as it was
    assert created[3][0] == "integer"  # the CURRENT_TIMESTAMP default → ms
    connection = sqlite3.connect(adopted)
    try:  # the web app's other table and its migration history are left alone
        assert connection.execute('SELECT COUNT(*) FROM "KanbanCard"').fetchone() == (1,)
        assert connection.execute("SELECT COUNT(*) FROM _prisma_migrations").fetchone() == (1,)
    finally:
        connection.close()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_keeps_every_row_and_shows_the_damaged_value_raw(adopted, capsys, fmt):
    url = f"sqlite:///{adopted}"
    code, out, err = run(capsys, "--database-url", url, "export", "--format", fmt)
    assert code == 0 and "Traceback" not in err
    if fmt == "json":
        exported = {t["id"]: t for t in json.loads(out)["tasks"]}
        assert set(exported) == {row[0] for row in PRISMA_ROWS}
        assert exported[DAMAGED_ID]["dueAt"] == DAMAGED_RAW
        assert exported[1]["dueAt"] == "2024-02-08T00:00:00.000Z"
    else:
        lines = out.split("\r\n")
        assert len(lines) == 1 + len(PRISMA_ROWS)
        assert f'"{DAMAGED_ID}","Kommunion Fischer","{DAMAGED_RAW}"' in lines[DAMAGED_ID]


def test_the_damaged_card_is_on_the_board_marked_and_survives_edits(adopted):
    with bound_database(f"sqlite:///{adopted}"):
        shown = [t for column in "123" for t in column_page(column)]
        assert sorted(t.id for t in shown) == [row[0] for row in PRISMA_ROWS]
        damaged = tasks.get_task(DAMAGED_ID)
        assert damaged.damaged == {"due_at": DAMAGED_RAW}
        assert column_page("2")[-1].id == DAMAGED_ID  # sorts after every real date
        moved = tasks.move_task(DAMAGED_ID, "3", expected=damaged)  # compare-and-set matches
        assert moved.column == "3" and moved.damaged == {"due_at": DAMAGED_RAW}
        board_stats()  # counting overdue orders passes over it
    assert stored_types(adopted, "Tasks", "dueAt")[DAMAGED_ID] == ("text", DAMAGED_RAW)


def test_desktop_writes_store_integer_milliseconds_as_prisma_does(adopted):
    with bound_database(f"sqlite:///{adopted}"):
        record = tasks.create_task(
            TaskDraft("Hochzeit Schmidt", datetime(2024, 6, 1, 14, 0), "NichtBearbeitet")
        )
        add_comment(record.id, "Standesamt, 80 Gäste")
        edited = tasks.update_task(
            1, replace(TaskDraft.from_record(tasks.get_task(1)), due_at=datetime(2024, 6, 2))
        )
    due = stored_types(adopted, "Tasks", "dueAt")
    assert due[record.id] == ("integer", 1717250400000)
    assert due[edited.id] == ("integer", 1717286400000)
    assert stored_types(adopted, "Tasks", "created_at")[record.id][0] == "integer"
    assert {kind for kind, _ in stored_types(adopted, "task_comments", "created_at").values()} == {
        "integer"
    }


def test_an_older_desktop_file_with_text_dates_reads_and_is_converted(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    with bound_database(url):
        migrations.apply_pending()
        tasks.create_task(TaskDraft("Neu", datetime(2024, 1, 1, 12), "Entwickelt"))
    connection = sqlite3.connect(tmp_path / "old.db")
    with connection:  # what peewee's DateTimeField wrote before this version
        connection.execute(
            'INSERT INTO "Tasks" (created_at, "dueAt", task, additional_information, status)'
            " VALUES ('2023-05-01 10:00:00.250000', '2023-06-01 09:00:00', 'Alt', '', 'RAW')"
        )
    connection.close()
    with bound_database(url):
        old = next(t for t in column_page("1") if t.title == "Alt")
        assert old.due_at == datetime(2023, 6, 1, 9) and not old.damaged  # read as it is
        while "009_sqlite_integer_dates" in migrations.status().applied:
            migrations.rollback_last()  # back to before 009 (its rollback keeps the integers)
        migrations.apply_pending()  # 009 again: the TEXT row becomes ms
        assert [t.title for t in column_page("1")] == ["Alt", "Neu"]  # order by instant
    due = stored_types(tmp_path / "old.db", "Tasks", "dueAt")
    assert {kind for kind, _ in due.values()} == {"integer"}
