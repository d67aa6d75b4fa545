"""Hostile import files (issue 13 rows 2 and 5): one clear line, exit 1, nothing written."""

from __future__ import annotations

import json

import pytest

from photoflow_desktop.cli import main
from photoflow_desktop.domain.seed import seed_board
from tests.support.database import bound_database, task_count

HEADER = '"ID","task","dueAt","status","additional_information","is_finished","taskColumn"'


def _csv_row(task_id="", title="Auftrag", due="2024-06-01", info="", extra=()) -> str:
    fields = [task_id, title, due, "NichtBearbeitet", info, "false", "1", *extra]
    return ",".join('"' + str(v).replace('"', '""') + '"' for v in fields)


def _json(task_id=None, due="2024-06-01T00:00:00.000Z", title="Auftrag") -> str:
    task = {"task": title, "dueAt": due, "status": "Entwickelt", "additional_information": ""}
    if task_id is not None:
        task["id"] = task_id
    return json.dumps({"tasks": [task]})


HOSTILE = {
    "id beyond PostgreSQL integer": ("csv", _csv_row(task_id=9223372036854775807), "outside 1"),
    "id 2^31": ("json", _json(task_id=2147483648), "outside 1 to 2,147,483,647"),
    "negative id": ("json", _json(task_id=-5), "outside 1"),
    "negative id in CSV": ("csv", _csv_row(task_id=-5), "outside 1"),
    "fractional id": ("json", _json(task_id=1.9), "'1.9' is not a whole number"),
    "fractional id in CSV": ("csv", _csv_row(task_id="1.9"), "'1.9' is not a whole number"),
    "offset before year 1": ("json", _json(due="0001-01-01T00:30:00+01:00"), "years 1 to 9999"),
    "offset after 9999": ("csv", _csv_row(due="9999-12-31T23:30:00-01:00"), "years 1 to 9999"),
    "10 MB field in CSV": ("csv", _csv_row(info="x" * 10_000_000), "at most 131,072 characters"),
    "10 MB field in JSON": ("json", _json(title="x" * 10_000_000), "Title is too long"),
    "JSON nested 100,000 deep": ("json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "lone surrogate in JSON": ("json", _json(title="Hochzeit \ud800"), "lone UTF-16 surrogate"),
    "CSV row with extra columns": (
        "csv",
        _csv_row() + "\r\n" + _csv_row(extra=("surplus",)),
        "Row 2 has 8 fields but the header has 7",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_file_is_one_clear_line_and_changes_nothing(case, database_url, tmp_path, capsys):
    kind, body, message = HOSTILE[case]
    with bound_database(database_url):
        seed_board()
    before = task_count(database_url)
    path = tmp_path / f"hostile.{kind}"
    path.write_text(HEADER + "\r\n" + body if kind == "csv" else body, encoding="utf-8")

    code = main(["--database-url", database_url, "import", str(path)])

    err = capsys.readouterr().err
    assert code == 1
    assert message in err, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert len(err) < 400
    assert task_count(database_url) == before
