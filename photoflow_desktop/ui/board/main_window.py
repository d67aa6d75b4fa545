"""The board window: layout, status bar, task actions and search; wires them to undo commands.

Its actions, menus and toolbar are built in window_actions, the column commands live in
column_commands, the right-click menus in context_menus.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, replace

from PySide6.QtCore import QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.config import mask_url
from photoflow_desktop.domain.db import sqlite_path
from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.queries import distinct_statuses
from photoflow_desktop.domain.records import TaskDraft, TaskRecord
from photoflow_desktop.domain.search import mentions_finished, parse_query
from photoflow_desktop.i18n import translate
from photoflow_desktop.i18n.messages import column_title, user_message
from photoflow_desktop.paths import user_config_dir
from photoflow_desktop.session import Session
from photoflow_desktop.ui.board import (
    context_menus,
    day_tools,
    empty_board_hint,
    focus_return,
    prompts,
    waiting_edits,
    window_actions,
)
from photoflow_desktop.ui.board.board_view import BoardView
from photoflow_desktop.ui.board.column_commands import ColumnCommands
from photoflow_desktop.ui.board.command_runner import CommandRunner
from photoflow_desktop.ui.board.search_field import SearchField
from photoflow_desktop.ui.board.stats_bar import StatsBar
from photoflow_desktop.ui.board.task_dialog import TaskDialog
from photoflow_desktop.ui.board.undo import (
    CreateTaskCommand,
    DeleteTaskCommand,
    EditTaskCommand,
    FinishTaskCommand,
    MoveTaskCommand,
    TaskCommand,
)
from photoflow_desktop.ui.comments.commands import comment_notifier
from photoflow_desktop.ui.comments.dialog import CommentsDialog
from photoflow_desktop.ui.common import theme
from photoflow_desktop.ui.common.about_dialog import AboutDialog
from photoflow_desktop.ui.common.db_worker import DatabaseWorker, SynchronousWorker
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.common.shortcuts_dialog import ShortcutsDialog
from photoflow_desktop.ui.connection.banner import ConnectionBanner
from photoflow_desktop.ui.connection.connect_dialog import ConnectDialog
from photoflow_desktop.ui.invoices.board_link import InvoicingLink
from photoflow_desktop.ui.maintenance.panel import MaintenanceDialog

log = logging.getLogger(__name__)

WINDOW_SETTINGS_FILE = "window.ini"
STATS_DELAY_MS = 300


def window_settings() -> QSettings:
    """Where the window keeps its geometry and column widths (window.ini in our config dir)."""
    return QSettings(str(user_config_dir() / WINDOW_SETTINGS_FILE), QSettings.Format.IniFormat)


def database_description(session: Session) -> str:
    """The open database for the status bar: the SQLite file, or the masked server URL."""
    if session.backend == "sqlite":
        return f"{sqlite_path(session.url)} (SQLite)"
    return session.display_url


def stacked(*widgets: QWidget) -> QWidget:
    """The widgets one above the other, edge to edge (the last one takes the spare height)."""
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for widget in widgets[:-1]:
        layout.addWidget(widget)
    layout.addWidget(widgets[-1], 1)
    return central


class MainWindow(QMainWindow):
    """The kanban board of one database session."""

    switchRequested = Signal(str)  # File → Connect: open this database's board instead
    dataWritten = Signal()  # a write of this window was committed (the web app link tells others)

    def __init__(
        self,
        session: Session,
        jobs: JobRunner | None = None,
        parent=None,
        worker: DatabaseWorker | SynchronousWorker | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.jobs = jobs or JobRunner(self)
        self._owns_worker = worker is None
        self.worker = worker or DatabaseWorker(self)  # every board query runs there
        self.statuses: list[str] = []  # the status suggestions of the task dialog
        self.undo_stack = QUndoStack(self)
        self.settings = window_settings()
        self.read_only = False
        self.dialog: QWidget | None = None  # the dialog opened last (non-blocking)
        self.setWindowTitle("PhotoFlow")
        self.setObjectName("mainWindow")

        self.board = BoardView()
        self.board.settings = self.settings
        self.board.worker = self.worker
        self.banner = ConnectionBanner()
        self.stats_bar = StatsBar(self, worker=self.worker)
        self.setCentralWidget(stacked(self.banner, self.stats_bar, self.board))

        self.search_edit = SearchField()
        self.search_edit.searchRequested.connect(self.apply_search)
        self.search_edit.clearRequested.connect(self.clear_search)
        self._search_text = ""
        self.stats_timer = QTimer(self)
        self.stats_timer.setSingleShot(True)
        self.stats_timer.setInterval(STATS_DELAY_MS)
        self.stats_timer.timeout.connect(self.refresh_stats)
        self.commands = CommandRunner(self)  # runs task commands, settles their outcomes
        self.pending = self.commands.pending  # changes waiting for the database to be back
        self.commands.busyChanged.connect(lambda _busy: self.update_actions())

        self.column_commands = ColumnCommands(self)
        self.actions: dict[str, QAction] = {}
        window_actions.build_actions(self)
        self.move_menu = window_actions.build_menus(self)
        self.invoicing = InvoicingLink(self)
        window_actions.build_toolbar(self)
        self._build_status_bar()
        waiting_edits.install(self)  # changes a crash left waiting are applied once columns load
        self._connect_board()
        self.empty_hint = empty_board_hint.attach(self)
        day_tools.install(self)  # Today, due reminders, job sheets and day lists

        # The first pages go to the worker before the stats: cards first, figures after.
        self.board.columnsChanged.connect(
            lambda: (self.refresh_stats(), self.board.focus_first_card()),
            Qt.ConnectionType.SingleShotConnection,
        )
        self.board.reload_columns()
        self.update_actions()
        self._restore_geometry()

    # -- construction --------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        database = database_description(self.session)
        self.database_label = QLabel(translate("Board", "Database: {db}").format(db=database))
        self.database_label.setObjectName("databaseLabel")
        self.database_label.setToolTip(translate("Board", "The database this board shows"))
        self.mode_label = QLabel()
        self.pending_label = QLabel()
        self.pending_label.setObjectName("pendingLabel")
        self.search_message = QLabel()
        self.search_message.setObjectName("searchMessage")
        message_palette = self.search_message.palette()
        message_palette.setColor(
            message_palette.ColorRole.WindowText, theme.urgent_color(self.palette())
        )
        self.search_message.setPalette(message_palette)
        status = self.statusBar()
        status.addWidget(self.search_message, 1)
        status.addPermanentWidget(self.pending_label)
        status.addPermanentWidget(self.mode_label)
        status.addPermanentWidget(self.database_label)

    def _connect_board(self) -> None:
        self.board.taskActivated.connect(lambda task_id: self.edit_task(task_id))
        self.board.commentsRequested.connect(lambda task_id: self.open_comments(task_id))
        self.board.taskDropped.connect(self.move_task_to)
        self.board.addRequested.connect(lambda key: self.new_task(key))
        self.board.contextMenuRequested.connect(self.show_card_menu)
        self.board.columnMenuRequested.connect(self.show_column_menu)
        self.board.selectionChanged.connect(self.update_actions)
        self.board.countsChanged.connect(self.stats_timer.start)
        # After the undo/redo actions enabled themselves: keep them off while read-only.
        self.undo_stack.indexChanged.connect(lambda _index: self.update_actions())
        self.undo_stack.canUndoChanged.connect(lambda _can: self.update_actions())
        self.undo_stack.canRedoChanged.connect(lambda _can: self.update_actions())
        focus_return.follow_undo_stack(self)
        notifier = comment_notifier(self.undo_stack)
        notifier.changed.connect(self.board.refresh_task)
        notifier.busyChanged.connect(lambda _busy: self.update_actions())
        notifier.changed.connect(lambda _task_id: self.dataWritten.emit())
        notifier.failed.connect(
            lambda _task_id, message: self.statusBar().showMessage(message, 10_000)
        )

    # -- window state --------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)

    def save_window_state(self) -> None:
        """Remember geometry, toolbar state and column widths."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.board.save_widths()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save the window state on close (asking first when changes still wait)."""
        if self.pending and self.flush_pending() and not waiting_edits.may_quit(self):
            event.ignore()
            return
        self.save_window_state()
        self.stats_timer.stop()  # a closed board asks its database nothing more
        if self._owns_worker:
            self.worker.stop()  # lets the queued writes finish, closes its connection
        super().closeEvent(event)

    # -- contract for live updates -------------------------------------------------------
    def show_connection_banner(self, text: str) -> None:
        """A coloured line above the board (e.g. "Connection lost — reconnecting…")."""
        self.banner.show_message(text, self)

    def hide_connection_banner(self) -> None:
        """Remove the banner."""
        self.banner.clear_message()

    def set_read_only(self, read_only: bool, reason: str) -> None:
        """Disable every change (actions, drag and drop) while the database cannot be written."""
        self.read_only = read_only
        self.board.set_read_only(read_only)
        self.mode_label.setText(translate("Board", "Read-only") if read_only else "")  # banner: why
        self.mode_label.setToolTip(reason if read_only else "")
        self.mode_label.setMinimumWidth(self.mode_label.sizeHint().width() if read_only else 0)
        self.update_actions()
        if read_only:
            self.commands.retry_timer.stop()
        elif self.pending:
            self.flush_pending()

    def update_actions(self) -> None:
        """Enable the actions that make sense for the selection and the read-only state."""
        window_actions.update_actions(self)

    def show_card_menu(self, task_id: int, position: QPoint) -> QMenu | None:
        """The context menu of a card: edit, comments, move to, finish, delete."""
        self.card_menu = context_menus.card_menu(self, task_id, position)
        return self.card_menu

    def show_column_menu(self, key: str, position: QPoint) -> QMenu:
        """The context menu of a column header: new task, rename, WIP limit, move, delete."""
        self.column_menu = context_menus.column_menu(self, key, position)
        return self.column_menu

    # -- running commands ----------------------------------------------------------------
    def run_command(self, command: TaskCommand) -> bool:
        """Apply an action at once (the runner settles it); False when it was not applied."""
        return self.commands.run(command)

    def flush_pending(self) -> int:
        """Apply the changes kept while the database was unreachable; returns how many are left."""
        return self.commands.flush_pending()

    def _selected(self, task_id: int | None = None) -> TaskRecord | None:
        if task_id is not None:
            return self.board.find_record(task_id)
        return self.board.selected_record()

    def open_dialog(self, dialog: QWidget, on_finished, about: TaskRecord | None = None):
        """Open a dialog without blocking (tests can fill it in); `on_finished(result)`.

        When it closes the focus goes back to the card it was `about` (or the selected one).
        """
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(on_finished)
        dialog.finished.connect(lambda _result: focus_return.focus_card(self, about))
        self.dialog = dialog
        dialog.open()
        dialog.activateWindow()  # its keys (Ctrl+Enter saves) are its own, not the board's
        return dialog

    # -- task actions --------------------------------------------------------------------
    def new_task(self, column: str | None = None):
        """Open the task dialog for a new task (in `column` when given)."""
        if self.read_only:
            return None
        selected = self.board.selected_record()
        default = column or (selected.column if selected else None)
        dialog = TaskDialog(self.board.columns, self.statuses, None, default, self, None)
        self.invoicing.fill_client_choices(dialog, None)  # the picker fills when they arrive

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                command = CreateTaskCommand(self.board, dialog.draft())
                chosen = dialog.client_id()

                def done(created) -> None:
                    self.invoicing.link_client(created.task_id, chosen, None)
                    self.board.select_task(created.task_id, focus=True)

                command.after_done = done
                self.run_command(command)

        return self.open_dialog(dialog, finished)

    def edit_task(self, task_id=None, prefill: TaskDraft | None = None, seen=None):
        """Open the task dialog on a task (`seen`: theirs after a lost race), maybe `prefill`ed."""
        record = seen or self._selected(task_id)
        if record is None or self.read_only:
            return None
        shown = record if prefill is None else replace(record, **asdict(prefill))
        dialog = TaskDialog(self.board.columns, self.statuses, shown, None, self, None)
        self.invoicing.fill_client_choices(dialog, record.id)  # the picker fills when they arrive

        def finished(result: int) -> None:
            if result != QDialog.DialogCode.Accepted:
                return
            # Read now: a conflict prompt may close the dialog.
            chosen, stored = dialog.client_id(), dialog.stored_client_id
            command = EditTaskCommand(self.board, record, dialog.draft())
            command.after_done = lambda _done: self.invoicing.link_client(record.id, chosen, stored)
            self.run_command(command)

        return self.open_dialog(dialog, finished, about=record)

    def toggle_finished(self, task_id: int | None = None) -> bool:
        """Mark the selected task finished, or not finished when it is."""
        record = self._selected(task_id)
        if record is None:
            return False
        return self.run_command(FinishTaskCommand(self.board, record, not record.is_finished))

    def delete_task(self, task_id: int | None = None):
        """Ask, naming the task and its comments, then delete it (undoable)."""
        record = self._selected(task_id)
        if record is None or self.read_only:
            return None
        box = prompts.delete_task_box(record, self)

        def finished(_result: int) -> None:
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
                self.run_command(DeleteTaskCommand(self.board, record))

        return self.open_dialog(box, finished, about=record)

    def move_task_to(self, task_id: int, column: str) -> bool:
        """Move a card to `column` (drop, Move to ▸, keyboard)."""
        record = self._selected(task_id)
        if record is None or record.column == column or column not in self.board.column_keys():
            return False
        target = self.board.column_view(column).column
        title = column_title(target.key, target.title)
        return self.run_command(MoveTaskCommand(self.board, record, column, title))

    def move_selected(self, step: int) -> bool:
        """Move the selected card `step` columns to the right (negative: left)."""
        record = self.board.selected_record()
        keys = self.board.column_keys()
        if record is None or record.column not in keys:
            return False
        position = keys.index(record.column) + step
        if not 0 <= position < len(keys):
            return False
        moved = self.move_task_to(record.id, keys[position])
        if moved:
            self.board.select_task(record.id, focus=True)
        return moved

    def open_comments(self, task_id: int | None = None):
        """Open the comment thread of the selected (or given) task."""
        record = self._selected(task_id)
        if record is None:
            return None
        for open_dialog in self.findChildren(CommentsDialog):
            if open_dialog.task_id == record.id and open_dialog.isVisible():
                open_dialog.raise_()
                open_dialog.activateWindow()
                return open_dialog
        dialog = CommentsDialog(record.id, self.undo_stack, self, worker=self.worker)
        dialog.commentCountChanged.connect(
            lambda changed_id, _count: self.board.refresh_task(changed_id)
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: focus_return.focus_card(self, record))
        self.dialog = dialog
        dialog.show()
        dialog.activateWindow()  # its Ctrl+Enter must not reach the board's "Finish task"
        return dialog

    # -- view ----------------------------------------------------------------------------
    def focus_search(self) -> None:
        """Put the cursor in the search field."""
        self.search_edit.focus_and_select()

    def apply_search(self) -> bool:
        """Filter every column by the search text (in the database); False on a bad token."""
        self.search_edit.timer.stop()
        text = self.search_edit.text().strip()
        try:
            where = parse_query(text)
        except ValidationError as exc:
            for show in (self.search_message.setText, self.search_edit.setToolTip):
                show(user_message(exc))
            return False
        self._search_text = text
        self.search_message.setText("")
        self.search_edit.setToolTip("")
        self._apply_query(where)
        return True

    def clear_search(self) -> None:
        """Escape in the search field: show the whole board again and go back to the cards."""
        self.search_edit.clear()
        self.apply_search()
        self.board.focus_first_card()

    def set_show_finished(self, show: bool) -> None:
        """Show or hide finished tasks."""
        self.apply_search()

    def _apply_query(self, where) -> None:
        include_finished = self.actions["show_finished"].isChecked() or mentions_finished(
            self._search_text
        )
        self.board.set_query(include_finished, where)
        self.stats_bar.set_query(include_finished, where)  # the figures follow the board
        self.update_actions()

    def refresh(self) -> None:
        """Reload the board from the database (keeps selection and scroll)."""
        self.board.resync()
        self.refresh_stats()

    def refresh_stats(self) -> None:
        """Update the stats bar and the status suggestions (counted on the worker)."""
        self.stats_timer.stop()
        self.stats_bar.refresh()
        self.worker.run_task(
            distinct_statuses,
            on_done=lambda statuses: setattr(self, "statuses", statuses),
            read_only=True,
            background=True,
        )

    # -- other windows -------------------------------------------------------------------
    def connect_to_server(self):
        """File → Connect to studio server…: test and save a PostgreSQL URL, then open it."""
        dialog = ConnectDialog(self, jobs=self.jobs)

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted and dialog.url():
                self.statusBar().showMessage(
                    translate("Board", "Opening {url}…").format(url=mask_url(dialog.url())), 10_000
                )
                self.switchRequested.emit(dialog.url())  # saved too: also used at the next start

        return self.open_dialog(dialog, finished)

    def open_maintenance(self):
        """Tools → Maintenance…; the board reloads afterwards (a restore changes everything)."""
        dialog = MaintenanceDialog(self.session, self.jobs, self)
        dialog.taskChanged.connect(self.board.refresh_task)
        dialog.databaseReplaced.connect(self.board.resync)
        dialog.taskChanged.connect(self.dataWritten)
        dialog.databaseReplaced.connect(self.dataWritten)
        return self.open_dialog(dialog, lambda _result: self.refresh())

    def show_shortcuts(self):
        """Help → Keyboard shortcuts."""
        dialog = ShortcutsDialog(list(self.actions.values()), self)
        return self.open_dialog(dialog, lambda _result: None)

    def show_about(self):
        """Help → About."""
        dialog = AboutDialog(self, database_url=self.session.url)
        return self.open_dialog(dialog, lambda _result: None)
