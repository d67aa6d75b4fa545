"""Live refresh through the web app's socket.io relay: latencies (target: under 500 ms).

Run on demand: `pytest -m benchmark tests/benchmarks -k socketio -s` (needs node; see
tests/support/socketio_server). Both backends. Measured:
- CLI write → page: `photoflow import` of one order, command start → a page's `database-changed`
  (the whole command: open, import, connect, emit, relay), and the emit alone (announce_change);
- board edit → page: run_command (compare-and-set, commit) → the page's `database-changed`;
- page's `database-change` → open board resynced (LiveUpdates.boardChanged handled: board.resync
  done), with the web app's write invisible to the database feed;
- what the link costs a CLI command when the server is absent or never answers.
"""

from __future__ import annotations

import socket
import statistics
import time
from dataclasses import replace

import pytest

from photoflow_desktop.cli import main
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.session import open_session
from photoflow_desktop.sync.socketio_link import announce_change
from photoflow_desktop.ui.board.undo import EditTaskCommand
from tests.support.linked_board import (
    close_board,
    link_label,
    open_board,
    write_unseen_by_the_feed,
)
from tests.support.socketio_relay import free_port

pytestmark = pytest.mark.benchmark


@pytest.fixture
def seeded_session(database_url):
    """The sample board on the fresh database."""
    session = open_session(database_url)
    seed_board()
    yield session
    session.close()


ROUNDS = 30
TARGET_MS = 500.0


def _summary(name: str, values: list[float]) -> float:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(
        f"  {name:<44} median {statistics.median(values):7.1f} ms   p95 {p95:7.1f} ms   "
        f"max {max(values):7.1f} ms   (n={len(values)})"
    )
    return p95


def _one_order_csv(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text(
        "id,task,dueAt,status,additional_information,is_finished,taskColumn\n"
        ",Benchmark order,2026-03-15T14:00:00Z,NichtBearbeitet,,false,1\n",
        encoding="utf-8",
    )
    return path


def test_cli_write_to_page(database_url, relay, page, monkeypatch, tmp_path, capsys, backend):
    monkeypatch.setenv("PHOTOFLOW_SOCKETIO_URL", relay.url)
    csv_file = _one_order_csv(tmp_path)
    whole, emit_only = [], []
    for i in range(ROUNDS):
        started = time.perf_counter()
        assert main(["--database-url", database_url, "import", str(csv_file)]) == 0
        assert page.wait_for(2 * i + 1)
        whole.append((page.arrivals[-1] - started) * 1000)
        started = time.perf_counter()
        assert announce_change(relay.url) is None
        assert page.wait_for(2 * i + 2)
        emit_only.append((page.arrivals[-1] - started) * 1000)
    capsys.readouterr()
    with capsys.disabled():
        print(f"\nCLI → web app page ({backend})")
        p95 = _summary("photoflow import (whole command) → page", whole)
        _summary("announce_change (connect, emit, echo) → page", emit_only)
    assert p95 <= TARGET_MS


def test_board_edit_to_page(qtbot, seeded_session, relay, page, monkeypatch, backend, capsys):
    monkeypatch.setenv("PHOTOFLOW_SOCKETIO_URL", relay.url)
    host = open_board(qtbot, seeded_session)
    window = host.window
    try:
        qtbot.waitUntil(lambda: link_label(window).text() == "Web app link: connected")
        task_id = window.board.column_model("1").record(0).id
        values = []
        for i in range(ROUNDS):
            seen = window.board.find_record(task_id)
            draft = replace(TaskDraft.from_record(seen), title=f"Board edit {i}")
            started = time.perf_counter()
            assert window.run_command(EditTaskCommand(window.board, seen, draft))
            assert page.wait_for(i + 1)
            values.append((page.arrivals[-1] - started) * 1000)
    finally:
        close_board(host)
    with capsys.disabled():
        print(f"\nboard edit → web app page ({backend})")
        assert _summary("run_command → page's database-changed", values) <= TARGET_MS


def test_page_change_to_board_reload(
    qtbot, seeded_session, relay, page, monkeypatch, backend, capsys
):
    monkeypatch.setenv("PHOTOFLOW_SOCKETIO_URL", relay.url)
    host = open_board(qtbot, seeded_session)
    window = host.window
    resynced: list[float] = []
    host.live.boardChanged.connect(lambda: resynced.append(time.perf_counter()))  # after resync
    try:
        qtbot.waitUntil(lambda: link_label(window).text() == "Web app link: connected")
        task_id = window.board.column_model("1").record(0).id
        values = []
        for i in range(ROUNDS):
            title = f"Browser edit {i}"
            write_unseen_by_the_feed(
                seeded_session.url,
                backend,
                'UPDATE "Tasks" SET task = %s WHERE id = %s',
                title,
                task_id,
            )
            resynced.clear()
            started = time.perf_counter()
            page.emit_change()
            qtbot.waitUntil(lambda: bool(resynced), timeout=5000)
            values.append((resynced[0] - started) * 1000)
            assert window.board.find_record(task_id).title == title
            qtbot.wait(200)  # let the burst end before the next round
    finally:
        close_board(host)
    with capsys.disabled():
        print(f"\nweb app page → open board ({backend})")
        assert _summary("page's database-change → board resynced", values) <= TARGET_MS


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_what_the_link_costs_a_cli_command(database_url, monkeypatch, capsys, tmp_path):
    csv_file = _one_order_csv(tmp_path)

    def timed(rounds: int) -> list[float]:
        values = []
        for _ in range(rounds):
            started = time.perf_counter()
            assert main(["--database-url", database_url, "import", str(csv_file)]) == 0
            values.append((time.perf_counter() - started) * 1000)
        return values

    plain = timed(10)
    monkeypatch.setenv("PHOTOFLOW_SOCKETIO_URL", f"http://127.0.0.1:{free_port()}")
    absent = timed(10)
    with socket.socket() as silent:  # accepts the connection, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        monkeypatch.setenv("PHOTOFLOW_SOCKETIO_URL", f"http://127.0.0.1:{silent.getsockname()[1]}")
        silent_values = timed(3)
    notes = capsys.readouterr().err.splitlines()
    with capsys.disabled():
        print("\nphotoflow import (one order, SQLite), whole command")
        _summary("no link set", plain)
        _summary("server absent (connection refused)", absent)
        _summary("server never answers", silent_values)
        print(f"  notes on stderr: {len(notes)} for {len(absent) + len(silent_values)} commands")
    assert len(notes) == len(absent) + len(silent_values)
    assert max(silent_values) < 1500


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_what_an_absent_server_costs_a_board_edit(qtbot, seeded_session, monkeypatch, capsys):
    def edit_times(label: str) -> list[float]:
        host = open_board(qtbot, seeded_session)
        window = host.window
        try:
            qtbot.waitUntil(lambda: link_label(window).text() == label)
            task_id = window.board.column_model("1").record(0).id
            values = []
            for i in range(ROUNDS):
                seen = window.board.find_record(task_id)
                draft = replace(TaskDraft.from_record(seen), title=f"{label} {i}")
                started = time.perf_counter()
                assert window.run_command(EditTaskCommand(window.board, seen, draft))
                values.append((time.perf_counter() - started) * 1000)
            return values
        finally:
            close_board(host)

    no_link = edit_times("Web app link: off")
    monkeypatch.setenv("PHOTOFLOW_SOCKETIO_URL", f"http://127.0.0.1:{free_port()}")
    absent = edit_times("Web app link: reconnecting")
    with capsys.disabled():
        print("\nboard edit (run_command, SQLite), UI thread")
        _summary("no link set", no_link)
        _summary("link set, server absent (reconnecting)", absent)
