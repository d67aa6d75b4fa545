"""A board process for the crash test of waiting edits (test_edit_journal_crash.py).

`python -m tests.support.journal_board offline GO_FILE`: open the board on $PHOTOFLOW_DATABASE_URL,
print `ready <ids>` (the first three cards of column 1); once GO_FILE exists (the test stopped the
server), edit, move and finish those cards and add a task, print `waiting <n>` when all four wait
for the database, and keep running until killed.
`python -m tests.support.journal_board resume`: open the board, print `loaded <n>` (changes found in
the journal), wait until none waits any more, print `done <n>` and quit.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.session import open_session
from photoflow_desktop.ui.board.main_window import MainWindow
from photoflow_desktop.ui.board.undo import (
    CreateTaskCommand,
    EditTaskCommand,
    FinishTaskCommand,
    MoveTaskCommand,
)

POLL_MS = 50
NEW_TASK = "Booked during the outage"
EDITED_TITLE = "Edited during the outage"


def say(line: str) -> None:
    """One line to the test, at once."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def poll(condition, then) -> None:
    """Run `then()` once `condition()` holds (checked on the event loop)."""
    if condition():
        then()
    else:
        QTimer.singleShot(POLL_MS, lambda: poll(condition, then))


def make_changes(window: MainWindow, cards) -> None:
    """The user's changes while the server is away."""
    board = window.board
    edited, moved, finished = cards
    draft = replace(TaskDraft.from_record(edited), title=EDITED_TITLE)
    window.run_command(EditTaskCommand(board, edited, draft))
    window.run_command(MoveTaskCommand(board, moved, "2", "2"))
    window.run_command(FinishTaskCommand(board, finished, True))
    new = TaskDraft(title=NEW_TASK, due_at=datetime(2026, 7, 1, 8), status="RAW")
    window.run_command(CreateTaskCommand(board, new))
    poll(lambda: len(window.pending) == 4, lambda: say(f"waiting {len(window.pending)}"))


def first_cards(window: MainWindow) -> list:
    """The first three cards of column 1, once the worker delivered them (else [])."""
    try:
        model = window.board.column_model("1")
    except KeyError:  # the columns have not arrived yet
        return []
    return [model.record(row) for row in range(3)] if model.rowCount() >= 3 else []


def offline(window: MainWindow, go_file: Path) -> None:
    """Report the cards, then change them once the test stopped the server."""

    def ready():
        cards = first_cards(window)
        say("ready " + " ".join(str(card.id) for card in cards))
        poll(go_file.exists, lambda: make_changes(window, cards))

    poll(lambda: first_cards(window), ready)


def resume(app: QApplication, window: MainWindow) -> None:
    """Say what the journal held, then quit once it is all applied."""
    say(f"loaded {len(window.pending)}")

    def finished():
        say(f"done {window.undo_stack.count()}")
        window.close()
        app.quit()

    poll(lambda: not window.pending and not window.commands.busy, finished)


def main() -> int:
    """Run the board in the mode the test asks for."""
    mode = sys.argv[1]
    app = QApplication([])
    session = open_session(os.environ["PHOTOFLOW_DATABASE_URL"])
    window = MainWindow(session)
    window.show()
    if mode == "offline":
        offline(window, Path(sys.argv[2]))
    else:
        resume(app, window)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
