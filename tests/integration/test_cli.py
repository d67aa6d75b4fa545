"""The `photoflow` command: exit codes, one readable error line, nothing written on bad input."""

import json

import pytest

from photoflow_desktop.cli import main
from tests.support.database import task_count


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_status_migrate_seed_on_a_new_database(capsys, empty_database_url):
    code, out, _ = run(capsys, "--database-url", empty_database_url, "db", "status")
    assert code == 0 and "pending  001_initial" in out
    code, out, _ = run(capsys, "--database-url", empty_database_url, "db", "migrate")
    assert code == 0 and "applied  001_initial" in out
    code, out, _ = run(capsys, "--database-url", empty_database_url, "db", "status")
    assert "Up to date." in out
    code, out, _ = run(capsys, "--database-url", empty_database_url, "db", "seed")
    assert code == 0 and task_count(empty_database_url) == 30


def test_seed_before_migrate_is_a_clear_error(capsys, empty_database_url):
    code, _, err = run(capsys, "--database-url", empty_database_url, "db", "seed")
    assert code == 1 and "photoflow db migrate" in err and "Traceback" not in err


def test_reset_needs_yes_and_then_empties_the_board(capsys, database_url):
    run(capsys, "--database-url", database_url, "db", "seed")
    code, _, err = run(capsys, "--database-url", database_url, "db", "reset")
    assert code == 1 and "--yes" in err and task_count(database_url) == 30
    code, _, _ = run(capsys, "--database-url", database_url, "db", "reset", "--yes")
    assert code == 0 and task_count(database_url) == 0


def test_export_import_files(capsys, database_url, tmp_path):
    run(capsys, "--database-url", database_url, "db", "seed")
    out_file = tmp_path / "board.json"
    code, _, _ = run(
        capsys, "--database-url", database_url, "export", "--format", "json", "-o", str(out_file)
    )
    assert code == 0 and len(json.loads(out_file.read_text())["tasks"]) == 30
    code, out, _ = run(capsys, "--database-url", database_url, "import", str(out_file))
    assert code == 0 and "Imported 30" in out and task_count(database_url) == 60


@pytest.mark.parametrize(
    "bad_row",
    [
        ",,2026-03-15T14:00:00Z,RAW,,false,1",  # no title
        ",Order,not a date,RAW,,false,1",  # bad date
        ",Order,2026-03-15T14:00:00Z,,,false,1",  # no status
        ",Order,2026-03-15T14:00:00Z,RAW,,false,7",  # no such column
        ",Order,2026-03-15T14:00:00Z,RAW,,maybe,1",  # not a boolean
        ",Ord\x00er,2026-03-15T14:00:00Z,RAW,,false,1",  # NUL
    ],
)
def test_a_bad_import_exits_1_with_one_line_and_writes_nothing(
    capsys, database_url, tmp_path, bad_row
):
    source = tmp_path / "bad.csv"
    source.write_text(
        "id,task,dueAt,status,additional_information,is_finished,taskColumn\n"
        ",Fine order,2026-03-15T14:00:00Z,RAW,,false,1\n" + bad_row + "\n"
    )
    code, _, err = run(capsys, "--database-url", database_url, "import", str(source))
    assert code == 1
    assert err.startswith("photoflow: Row 2:") and err.count("\n") == 1
    assert task_count(database_url) == 0


def test_unreadable_import_file(capsys, database_url, tmp_path):
    code, _, err = run(capsys, "--database-url", database_url, "import", str(tmp_path / "nope.csv"))
    assert code == 1 and "Cannot read" in err


def test_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["db", "frobnicate"])
    assert caught.value.code == 2
