"""CLI commands that write tell the web app's pages (socket.io); reads and refusals do not."""

from __future__ import annotations

from pathlib import Path

from photoflow_desktop.cli import main
from tests.support.database import task_count
from tests.support.socketio_relay import free_port


def run(capsys, url: str, *args: str):
    code = main(["--database-url", url, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_writing_commands_reach_the_pages_and_reads_and_refusals_do_not(
    capsys, database_url, relay, page, monkeypatch, tmp_path
):
    monkeypatch.setenv("PHOTOFLOW_SOCKETIO_URL", relay.url)
    exported = tmp_path / "board.json"

    code, _, err = run(capsys, database_url, "db", "seed")
    assert code == 0 and err == ""
    assert run(capsys, database_url, "export", "--format", "json", "-o", str(exported))[0] == 0
    assert run(capsys, database_url, "db", "status")[0] == 0
    code, out, err = run(capsys, database_url, "import", str(exported))
    assert code == 0 and "Imported 30" in out and err == ""
    assert run(capsys, database_url, "db", "reset")[0] == 1  # refused: nothing changed
    code, _, err = run(capsys, database_url, "db", "reset", "--yes")
    assert code == 0 and err == ""

    assert page.changes_before_marker(3) == 3  # seed, import, reset
    assert task_count(database_url) == 0


def test_a_restore_reaches_the_pages(capsys, database_url, relay, page, monkeypatch):
    run(capsys, database_url, "db", "seed")
    code, out, _ = run(capsys, database_url, "db", "backup")
    backup = Path(out.split("Backup written: ", 1)[1].splitlines()[0])
    run(capsys, database_url, "db", "reset", "--yes")
    monkeypatch.setenv("PHOTOFLOW_SOCKETIO_URL", relay.url)

    code, _, err = run(capsys, database_url, "db", "restore", str(backup), "--yes")

    assert code == 0 and err == "" and task_count(database_url) == 30
    assert page.changes_before_marker(1) == 1


def test_without_the_server_the_command_succeeds_with_one_note(capsys, database_url, monkeypatch):
    url = f"http://127.0.0.1:{free_port()}"
    monkeypatch.setenv("PHOTOFLOW_SOCKETIO_URL", url)

    code, out, err = run(capsys, database_url, "db", "seed")

    assert code == 0 and "Added 30" in out and task_count(database_url) == 30
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("photoflow: note:")
    assert url in lines[0] and "cannot be reached" in lines[0] and "Traceback" not in err


def test_a_wrong_address_is_a_note_not_a_failure(capsys, database_url, monkeypatch):
    monkeypatch.setenv("PHOTOFLOW_SOCKETIO_URL", "ftp://studio-pc:3000")

    code, _, err = run(capsys, database_url, "db", "seed")

    assert code == 0 and task_count(database_url) == 30
    assert len(err.splitlines()) == 1 and "is not a web address" in err


def test_no_link_configured_means_no_note(capsys, database_url):
    code, _, err = run(capsys, database_url, "db", "seed")
    assert code == 0 and err == ""
