"""German and English UI: no English left in the German windows; screenshots in both languages."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QToolBar

from photoflow_desktop.config import embedded_default_url
from photoflow_desktop.domain.browse_invoicing import TABLES as INVOICING_TABLES
from photoflow_desktop.domain.clients import list_clients
from photoflow_desktop.domain.columns import list_columns
from photoflow_desktop.domain.comments import add_comment
from photoflow_desktop.domain.queries import distinct_statuses
from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.domain.tasks import get_task
from photoflow_desktop.i18n.install import install_language, uninstall_language
from photoflow_desktop.ui.board.column_dialogs import AddColumnDialog, DeleteColumnDialog
from photoflow_desktop.ui.board.main_window import MainWindow
from photoflow_desktop.ui.board.task_dialog import TaskDialog
from photoflow_desktop.ui.comments.dialog import CommentsDialog
from photoflow_desktop.ui.common.about_dialog import AboutDialog
from photoflow_desktop.ui.common.db_worker import SynchronousWorker
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.common.shortcuts_dialog import ShortcutsDialog
from photoflow_desktop.ui.connection.connect_dialog import ConnectDialog
from photoflow_desktop.ui.connection.startup import StartupDialog
from photoflow_desktop.ui.invoices.clients_window import ClientsWindow
from photoflow_desktop.ui.invoices.invoices_window import InvoicesWindow
from photoflow_desktop.ui.maintenance.panel import MaintenanceDialog
from tests.support.screenshots import save_screenshot
from tests.support.visible_text import visible_texts
from tests.ui.panel_support import ScriptedPrompts

# Names, not words: products, SQL, tools, the web app's column names, keys.
PROPER_NOUNS = {
    "PhotoFlow",
    "Desktop",
    "PostgreSQL",
    "SQLite",
    "VACUUM",
    "ANALYZE",
    "FULL",
    "PRAGMA",
    "optimize",
    "pg_dump",
    "Qt",
    "PySide6",
    "Python",
    "MIT",
    "OK",
    "WIP",
    "Tasks",
    "task_comments",
    "id",
    "task",
    "dueAt",
    "status",
    "additional_information",
    "is_finished",
    "taskColumn",
    "amount_of_comments",
    "created_at",
    "task_id",
    "comment",
    "English",
    "Deutsch",
    "Linux",
}
# Our own tables in the data browser: their names and columns are shown as the database has them.
PROPER_NOUNS |= set(INVOICING_TABLES) | {
    name for t in INVOICING_TABLES.values() for name in t.columns
}
PROPER_NOUNS |= {"Port", "Name", "April", "August", "September", "November"}  # same in German
PROBLEM = "database file is damaged"  # the start-up dialog's diagnosis comes from elsewhere
WORD = re.compile(r"[A-Za-zÄÖÜäöüß_]{3,}")


@pytest.fixture
def in_language(qapp):
    """Call with 'de' or 'en' to switch the UI's language (widgets built afterwards use it)."""
    yield install_language
    uninstall_language()


def open_windows(qtbot, session) -> list:
    """Every window and dialog the walk checks, built in the current language."""
    jobs = JobRunner(synchronous=True)
    window = MainWindow(session, jobs, worker=SynchronousWorker())
    task = get_task(window.board.column_model("1").record(0).id)
    columns = list_columns()
    maintenance = MaintenanceDialog(session, jobs, prompts=ScriptedPrompts())
    maintenance.health_tab.refresh()
    windows = [
        window,
        TaskDialog(columns, distinct_statuses(), task),
        TaskDialog(columns, distinct_statuses()),
        CommentsDialog(task.id, QUndoStack()),
        ConnectDialog(jobs=jobs),
        maintenance,
        AboutDialog(database_url=session.url),
        ShortcutsDialog(list(window.actions.values())),
        AddColumnDialog(),
        DeleteColumnDialog(columns[0], columns, 3),  # holds cards: the move-to choice
        StartupDialog(PROBLEM),
        InvoicesWindow(jobs),
        ClientsWindow(jobs),
    ]
    for widget in windows:
        qtbot.addWidget(widget)
    return windows


def texts_of(windows) -> dict[str, str]:
    """text → where it was seen (over all windows)."""
    return {text: where for widget in windows for where, text in visible_texts(widget)}


def is_name_or_data(text: str, data: set[str]) -> bool:
    """True when nothing but proper nouns, stored data, numbers and punctuation is left."""
    if text in data or any(item and item in text for item in data):
        return True
    return all(word in PROPER_NOUNS for word in WORD.findall(text))


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_no_english_left_in_the_german_windows(qtbot, seeded_session, in_language):
    add_comment(1, "Album layout approved")
    data = {seeded_session.url, seeded_session.display_url, embedded_default_url(), PROBLEM}
    data |= {"wal", seeded_session.url.removeprefix("sqlite:///")}  # journal mode, file
    data |= {task.title for task in [get_task(i) for i in range(1, 31)]}
    data |= set(distinct_statuses()) | {client.name for client in list_clients()}

    english = texts_of(open_windows(qtbot, seeded_session))
    in_language("de")
    german = texts_of(open_windows(qtbot, seeded_session))

    untranslated = {
        text: where
        for text, where in german.items()
        if text in english and not is_name_or_data(text, data)
    }
    assert untranslated == {}
    assert "&Datei" in german and "Datenbankwartung" in german  # the walk saw German at all
    assert len(german) > 250


SHOT_SIZE = (1280, 800)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize("language", ["de", "en"])
def test_screenshots_in_both_languages(qtbot, session, in_language, language):
    in_language(language)
    seed_board(language=language)
    jobs = JobRunner(synchronous=True)
    window = MainWindow(session, jobs, worker=SynchronousWorker())
    qtbot.addWidget(window)
    window.resize(*SHOT_SIZE)
    window.show()
    qtbot.waitExposed(window)
    window.board.select_task(window.board.column_model("1").record(1).id)
    save_screenshot(window.grab(), f"board-{language}")
    toolbar = window.findChild(QToolBar, "boardToolbar")
    hidden = [a.text() for a in toolbar.actions() if not toolbar.widgetForAction(a).isVisible()]
    assert hidden == []  # nothing pushed into the » overflow menu at 1280 px
    assert window.menuBar().actions()[0].text() == ("&Datei" if language == "de" else "&File")

    task = get_task(window.board.column_model("2").record(0).id)
    dialog = TaskDialog(list_columns(), distinct_statuses(), task, parent=window)
    dialog.show()
    qtbot.waitExposed(dialog)
    save_screenshot(dialog.grab(), f"task-dialog-{language}")
    dialog.close()

    comments = CommentsDialog(task.id, QUndoStack(), window)
    comments.resize(560, 640)
    comments.show()
    qtbot.waitExposed(comments)
    save_screenshot(comments.grab(), f"comments-{language}")
    comments.close()

    maintenance = MaintenanceDialog(session, jobs, window, prompts=ScriptedPrompts())
    maintenance.resize(*SHOT_SIZE)
    maintenance.show()
    qtbot.waitExposed(maintenance)
    maintenance.backup_tab.back_up()
    QApplication.processEvents()  # the status line's new height takes a layout pass
    save_screenshot(maintenance.grab(), f"maintenance-{language}")
    maintenance.tabs.setCurrentWidget(maintenance.health_tab)
    maintenance.health_tab.refresh()
    QApplication.processEvents()
    save_screenshot(maintenance.grab(), f"maintenance-health-{language}")
    maintenance.close()
