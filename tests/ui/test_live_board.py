"""Two boards on one database: a change made through one (or by raw SQL) shows in the other."""

from __future__ import annotations

import logging
import sqlite3

import psycopg2
import pytest
from PySide6.QtWidgets import QMessageBox

from photoflow_desktop.domain import tasks
from photoflow_desktop.domain.db import sqlite_path
from tests.support.backends import only_postgres

WAIT_MS = 15000  # generous: waits end as soon as the change arrives; a loaded CI machine is slow


class WebApp:
    """Writes with plain SQL on its own connection, as the web app (or psql) does."""

    def __init__(self, url: str, backend: str):
        self.backend = backend
        if backend == "sqlite":
            self.conn = sqlite3.connect(sqlite_path(url), isolation_level=None)
        else:
            self.conn = psycopg2.connect(url)
            self.conn.autocommit = True

    def execute(self, statement: str, *params):
        """Run one statement (committed at once); returns the cursor."""
        if self.backend == "sqlite":
            statement = statement.replace("%s", "?")
        cursor = self.conn.cursor()
        cursor.execute(statement, params)
        return cursor

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


@pytest.fixture
def web_app(seeded_session, backend):
    """The web app's connection to the board's database."""
    app = WebApp(seeded_session.url, backend)
    yield app
    app.close()


def card(window, column: str, task_id: int):
    """The record a board shows for `task_id` in `column`, or None."""
    model = window.board.column_model(column)
    row = model.row_of(task_id)
    return model.record(row) if row >= 0 else None


def test_a_move_on_one_board_appears_on_the_other(boards, qtbot):
    first, second = boards
    record = first.board.column_model("1").record(0)
    assert card(second, "1", record.id) is not None

    assert first.move_task_to(record.id, "2")

    qtbot.waitUntil(lambda: card(second, "2", record.id) is not None, timeout=WAIT_MS)
    assert card(second, "1", record.id) is None
    assert tasks.get_task(record.id).column == "2"


def test_an_edit_and_a_delete_on_one_board_appear_on_the_other(boards, qtbot):
    first, second = boards
    record = first.board.column_model("1").record(0)
    dialog = first.edit_task(record.id)
    dialog.title_edit.setText("Renamed on the first board")
    dialog.save_button.click()
    qtbot.waitUntil(
        lambda: card(second, "1", record.id).title == "Renamed on the first board",
        timeout=WAIT_MS,
    )

    first.delete_task(record.id)
    first.dialog.button(first.dialog.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: card(second, "1", record.id) is None, timeout=WAIT_MS)
    assert first.board.find_record(record.id) is None


def test_raw_sql_changes_from_the_web_app_appear(boards, web_app, qtbot, backend):
    _first, second = boards
    web_app.execute(
        'INSERT INTO "Tasks" ("dueAt", task, additional_information, status, "taskColumn") '
        "VALUES ('2020-01-01 08:00:00', 'Booked on the website', '', 'RAW', '2')"
    )
    (task_id,) = web_app.execute('SELECT max(id) FROM "Tasks"').fetchone()
    qtbot.waitUntil(lambda: card(second, "2", task_id) is not None, timeout=WAIT_MS)
    assert card(second, "2", task_id).title == "Booked on the website"

    web_app.execute('UPDATE "Tasks" SET status = %s WHERE id = %s', "Developed", task_id)
    qtbot.waitUntil(lambda: card(second, "2", task_id).status == "Developed", timeout=WAIT_MS)

    web_app.execute(
        "INSERT INTO task_comments (task_id, comment) VALUES (%s, 'Client called')", task_id
    )
    web_app.execute(
        'UPDATE "Tasks" SET amount_of_comments = amount_of_comments + 1 WHERE id = %s', task_id
    )
    qtbot.waitUntil(lambda: card(second, "2", task_id).comment_count == 1, timeout=WAIT_MS)

    web_app.execute('DELETE FROM "Tasks" WHERE id = %s', task_id)
    qtbot.waitUntil(lambda: card(second, "2", task_id) is None, timeout=WAIT_MS)


def test_the_selection_and_an_open_dialog_survive_a_change_elsewhere(boards, web_app, qtbot):
    _first, second = boards
    model = second.board.column_model("1")
    selected, other = model.record(0), model.record(1)
    second.board.select_task(selected.id)
    dialog = second.edit_task(selected.id)
    dialog.title_edit.setText("Typing, not saved yet")

    web_app.execute('UPDATE "Tasks" SET task = %s WHERE id = %s', "Changed elsewhere", other.id)
    qtbot.waitUntil(lambda: card(second, "1", other.id).title == "Changed elsewhere")

    assert second.board.selected_task_id() == selected.id
    assert dialog.isVisible()
    assert dialog.title_edit.text() == "Typing, not saved yet"
    dialog.reject()


@only_postgres
def test_an_import_of_5000_rows_arrives_as_one_board_refresh(boards, web_app, qtbot):
    _first, second = boards
    marker = second.board.column_model("1").record(0)
    reloads, cards = [], []
    second.live.boardChanged.connect(lambda: reloads.append(1))
    second.live.taskChanged.connect(cards.append)
    before = second.board.column_view("1").count

    web_app.conn.autocommit = False
    web_app.execute(
        'INSERT INTO "Tasks" ("dueAt", task, additional_information, status) '
        "SELECT now(), 'Imported ' || n, '', 'RAW' FROM generate_series(1, 5000) AS n"
    )
    web_app.conn.commit()
    web_app.conn.autocommit = True
    qtbot.waitUntil(lambda: bool(reloads), timeout=WAIT_MS)

    # A later single change is delivered after the whole burst: by then every one is counted.
    web_app.execute('UPDATE "Tasks" SET status = %s WHERE id = %s', "Printed", marker.id)
    qtbot.waitUntil(lambda: marker.id in cards, timeout=WAIT_MS)
    assert reloads == [1]
    assert cards == [marker.id]
    assert second.board.column_view("1").count == before + 5000
    assert second.board.column_model("1").canFetchMore()  # lazily paged, not 5,000 rows at once


def test_an_open_comment_thread_follows_the_web_app(boards, web_app, qtbot):
    _first, second = boards
    record = second.board.column_model("1").record(0)
    thread = second.open_comments(record.id)
    qtbot.waitExposed(thread)
    before = thread.model().rowCount()

    web_app.execute(
        "INSERT INTO task_comments (task_id, comment) VALUES (%s, 'Sent from the website')",
        record.id,
    )
    web_app.execute(
        'UPDATE "Tasks" SET amount_of_comments = amount_of_comments + 1 WHERE id = %s', record.id
    )
    qtbot.waitUntil(lambda: thread.model().rowCount() == before + 1, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: card(second, "1", record.id).comment_count == record.comment_count + 1,
        timeout=WAIT_MS,
    )

    web_app.execute('DELETE FROM "Tasks" WHERE id = %s', record.id)
    qtbot.waitUntil(
        lambda: thread.findChild(QMessageBox, "taskDeleted") is not None, timeout=WAIT_MS
    )
    thread.findChild(QMessageBox, "taskDeleted").button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not thread.isVisible(), timeout=WAIT_MS)
    assert card(second, "1", record.id) is None


def test_a_column_added_on_one_board_appears_on_the_other(boards, qtbot):
    from photoflow_desktop.domain import columns

    _first, second = boards
    added = columns.add_column("Proofing", 4)  # as the first board's column dialog does
    qtbot.waitUntil(lambda: added.key in second.board.column_keys(), timeout=WAIT_MS)
    assert second.board.column_view(added.key).column.title == "Proofing"


@only_postgres
def test_a_dead_models_connection_is_replaced_quietly_by_the_next_live_update(
    boards, web_app, qtbot, seeded_session, caplog
):
    caplog.set_level(logging.INFO, logger="photoflow_desktop.ui.common.db_worker")
    _first, second = boards
    record = second.board.column_model("1").record(0)
    pid = seeded_session.database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    web_app.execute("SELECT pg_terminate_backend(%s)", pid)  # e.g. an idle-session timeout

    web_app.execute('UPDATE "Tasks" SET task = %s WHERE id = %s', "Seen anyway", record.id)
    qtbot.waitUntil(lambda: card(second, "1", record.id).title == "Seen anyway", timeout=WAIT_MS)
    assert "connection was replaced" in caplog.text  # the first re-read met the dead one
    assert not second.banner.isVisible()  # the feed itself never dropped
