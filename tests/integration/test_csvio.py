"""Export → import reproduces the board; a bad file imports nothing."""

import csv
import io

import pytest

from photoflow_desktop.domain import csvio
from photoflow_desktop.domain import db as db_module
from photoflow_desktop.domain.comments import list_comments
from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.models import Task, TaskComment
from photoflow_desktop.domain.queries import column_page
from photoflow_desktop.domain.seed import seed_board


def _board():
    return [
        (t, list_comments(t.id))
        for column in ("1", "2", "3")
        for t in column_page(column, include_finished=True, limit=1000)
    ]


def test_csv_has_the_web_apps_columns_in_order(db):
    seed_board()
    text = csvio.export_csv()
    assert text.startswith('"ID","task","dueAt",') and not text.endswith("\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == [
        "ID",
        "task",
        "dueAt",
        "status",
        "additional_information",
        "is_finished",
        "taskColumn",
    ]
    assert len(rows) == 31
    assert rows[1][2].endswith("Z") and rows[1][5] in ("true", "false")


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_into_an_empty_database_reproduces_the_board(
    db, another_database_url, fmt
):
    seed_board()
    exported = csvio.export_json() if fmt == "json" else csvio.export_csv()
    before = _board()
    db.close()
    target = db_module.open_database(another_database_url)
    db_module.bind(target)
    try:
        assert csvio.import_text(exported) == 30
        after = _board()
        if fmt == "json":
            assert after == before  # tasks and comments exactly, ids and times included
        else:  # CSV carries no comments or creation times
            strip = [
                (t.id, t.title, t.due_at, t.status, t.info, t.is_finished, t.column)
                for t, _ in before
            ]
            assert [
                (t.id, t.title, t.due_at, t.status, t.info, t.is_finished, t.column)
                for t, _ in after
            ] == strip
        # New tasks after an import with explicit ids get fresh ids (sequence moved on).
        from datetime import datetime

        from photoflow_desktop.domain.records import TaskDraft
        from photoflow_desktop.domain.tasks import create_task

        assert create_task(TaskDraft("After import", datetime(2026, 1, 1), "Entwickelt")).id == 31
    finally:
        target.close()


def test_importing_twice_gives_new_ids_instead_of_clashing(db):
    seed_board()
    comments_before = TaskComment.select().count()
    csvio.import_text(csvio.export_json())
    assert Task.select().count() == 60
    assert TaskComment.select().count() == 2 * comments_before
    titles = [t.title for t, _ in _board()]
    assert titles.count("Wedding Photography - Smith Family") == 2


def test_one_bad_row_imports_nothing_and_names_the_row(db):
    text = (
        "id,task,dueAt,status,additional_information,is_finished,taskColumn\n"
        ",Good order,2026-03-15T14:00:00.000Z,RAW,,false,1\n"
        ",,2026-03-15T14:00:00.000Z,RAW,,false,1\n"
    )
    with pytest.raises(ValidationError, match=r"Row 2: Title is required"):
        csvio.import_text(text)
    bad_date = text.replace(",,2026-03-15T14:00:00.000Z", ",Other,15.03.2026")
    with pytest.raises(ValidationError, match=r"Row 2: dueAt '15.03.2026' is not a date"):
        csvio.import_text(bad_date)
    assert Task.select().count() == 0


def test_a_file_without_the_columns_is_refused(db):
    with pytest.raises(ValidationError, match="lacks the column"):
        csvio.import_text("name,date\nx,y\n")
    with pytest.raises(ValidationError, match="not valid JSON"):
        csvio.import_text("{broken")
