"""Column changes with a real database worker thread: the prompts read and write there, the board
shows what was stored, and a change the database does not store says why and changes nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QMessageBox

from photoflow_desktop.domain import columns
from photoflow_desktop.domain.db import sqlite_path
from photoflow_desktop.ui.board.column_dialogs import AddColumnDialog, WipLimitDialog
from tests.support import postgres

WAIT_MS = 10_000


def _settled(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.worker.busy and not window.commands.busy, timeout=WAIT_MS)


def _closed(dialog) -> bool:
    """The prompt is gone (it deletes itself when it closes)."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def _chattr(flag: str, files: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["chattr", flag, *map(str, files)], capture_output=True, text=True, check=False
    )


@pytest.fixture
def database_gone(threaded_window, backend, request):
    """`database_gone()`: from then on every write of the board fails for real.

    PostgreSQL: the database is dropped (its connections closed). SQLite: the file and its WAL
    become immutable (`chattr +i`; permissions alone do not stop root), made writable again
    before the board closes.
    """
    if backend == "postgresql":
        server, url = request.getfixturevalue("pg_server"), request.getfixturevalue("database_url")
        return lambda: postgres.drop_database(server, url)
    path = Path(sqlite_path(threaded_window.session.url))
    files = [path, path.with_name(path.name + "-wal")]

    def make_unwritable() -> None:
        made = _chattr("+i", files)
        if made.returncode != 0:
            pytest.skip(f"cannot make the SQLite file unwritable here: {made.stderr.strip()}")
        request.addfinalizer(lambda: _chattr("-i", files))

    return make_unwritable


def _reason(backend: str) -> str:
    if backend == "postgresql":
        return "The connection to the database was lost; the change was not saved."
    return "The columns were not changed: the database refused (disk I/O error)."


def test_adding_a_column_closes_the_prompt_once_stored_and_shows_it(threaded_window, qtbot):
    board = threaded_window.board
    dialog = threaded_window.column_commands.add_column()
    dialog.title_edit.setText("Retouching")
    dialog.wip_spin.setValue(2)
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.saving  # until the worker says it is stored
    assert not dialog.ok_button.isEnabled()  # one write at a time

    qtbot.waitUntil(lambda: _closed(dialog), timeout=WAIT_MS)
    _settled(qtbot, threaded_window)
    added = columns.list_columns()[-1]
    assert (added.title, added.wip_limit) == ("Retouching", 2)
    assert board.column_keys()[-1] == added.key
    assert board.column_view(added.key).header_text() == "Retouching 0 WIP 2"


def test_the_wip_prompt_opens_when_the_column_is_counted(threaded_window, qtbot):
    board = threaded_window.board
    open_cards = board.column_view("2").count
    assert threaded_window.column_commands.set_wip_limit("2") is None  # counted on the worker
    qtbot.waitUntil(lambda: isinstance(threaded_window.dialog, WipLimitDialog), timeout=WAIT_MS)
    dialog = threaded_window.dialog
    assert dialog.hint_label.text().startswith(f"The column holds {open_cards} open card")

    dialog.wip_spin.setValue(open_cards + 1)
    dialog.accept()
    qtbot.waitUntil(lambda: _closed(dialog), timeout=WAIT_MS)
    _settled(qtbot, threaded_window)
    assert columns.get_column("2").wip_limit == open_cards + 1
    assert board.column_view("2").column.wip_limit == open_cards + 1


def test_a_column_move_shows_at_once_and_the_worker_confirms_it(threaded_window, qtbot):
    board = threaded_window.board
    board.column_view("3").view.setFocus()
    assert threaded_window.column_commands.move_column(-1)
    assert board.column_keys() == ["1", "3", "2"]  # before the worker answered
    _settled(qtbot, threaded_window)
    assert [c.key for c in columns.list_columns()] == ["1", "3", "2"]
    assert board.column_keys() == ["1", "3", "2"]
    assert threaded_window.findChild(QMessageBox, "boardActionFailed") is None


def test_a_column_move_the_database_does_not_store_goes_back_and_says_why(
    threaded_window, database_gone, backend, qtbot
):
    board = threaded_window.board
    stored = list(board.columns)
    cards = {key: board.column_model(key).rowCount() for key in board.column_keys()}
    database_gone()

    board.column_view("3").view.setFocus()
    threaded_window.column_commands.move_column(-1)
    assert board.column_keys() == ["1", "3", "2"]  # shown at once
    _settled(qtbot, threaded_window)

    assert board.columns == stored  # back to the stored order
    assert board.column_keys() == ["1", "2", "3"]
    assert {key: board.column_model(key).rowCount() for key in board.column_keys()} == cards
    box = threaded_window.findChild(QMessageBox, "boardActionFailed")
    assert box is not None and box.windowTitle() == "Board columns"
    assert box.text().startswith(_reason(backend))
    if backend == "sqlite":  # still readable: the order stored is the old one
        assert [c.key for c in columns.list_columns()] == ["1", "2", "3"]


def test_a_rename_the_database_does_not_store_keeps_the_prompt_open_with_the_reason(
    threaded_window, database_gone, backend, qtbot
):
    board = threaded_window.board
    dialog = threaded_window.column_commands.rename_column("2")  # no count needed: at once
    dialog.title_edit.setText("Retouching")
    database_gone()

    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.saving, timeout=WAIT_MS)
    _settled(qtbot, threaded_window)

    assert dialog.isVisible() and dialog.title_edit.text() == "Retouching"  # nothing typed lost
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text().startswith(_reason(backend))
    assert dialog.ok_button.isEnabled()  # OK tries again
    assert board.column_view("2").column.title == "In progress"
    assert board.column_view("2").title_label.text() == "In progress"
    if backend == "sqlite":
        assert columns.get_column("2").title == "In progress"
    dialog.reject()


def test_an_add_prompt_cancelled_while_saving_still_shows_the_stored_column(threaded_window, qtbot):
    dialog = threaded_window.column_commands.add_column()
    assert isinstance(dialog, AddColumnDialog)
    dialog.title_edit.setText("Proofs")
    dialog.accept()
    dialog.reject()  # Escape before the worker answered: the write was under way already
    _settled(qtbot, threaded_window)
    added = columns.list_columns()[-1]
    assert added.title == "Proofs"
    assert threaded_window.board.column_keys()[-1] == added.key
