"""The board window: menus, toolbar, search, stats, status bar; wires actions to undo commands."""

from __future__ import annotations

import logging
from dataclasses import asdict, replace

import shiboken6
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.config import mask_url
from photoflow_desktop.domain import columns
from photoflow_desktop.domain.db import database_proxy, sqlite_path
from photoflow_desktop.domain.errors import PhotoflowError, ValidationError
from photoflow_desktop.domain.queries import distinct_statuses
from photoflow_desktop.domain.reconnect import connection_guard
from photoflow_desktop.domain.records import TaskDraft, TaskRecord
from photoflow_desktop.domain.search import mentions_finished, parse_query
from photoflow_desktop.paths import user_config_dir
from photoflow_desktop.session import Session
from photoflow_desktop.ui import theme
from photoflow_desktop.ui.about_dialog import AboutDialog
from photoflow_desktop.ui.board_view import BoardView
from photoflow_desktop.ui.column_dialogs import (
    AddColumnDialog,
    DeleteColumnDialog,
    RenameColumnDialog,
    WipLimitDialog,
)
from photoflow_desktop.ui.comment_commands import comment_notifier
from photoflow_desktop.ui.comments_dialog import CommentsDialog
from photoflow_desktop.ui.connect_dialog import ConnectDialog
from photoflow_desktop.ui.jobs import JobRunner
from photoflow_desktop.ui.maintenance_panel import MaintenanceDialog
from photoflow_desktop.ui.shortcuts_dialog import ShortcutsDialog
from photoflow_desktop.ui.stats_bar import StatsBar
from photoflow_desktop.ui.task_dialog import TaskDialog
from photoflow_desktop.ui.undo import (
    CreateTaskCommand,
    DeleteTaskCommand,
    EditTaskCommand,
    FinishTaskCommand,
    MoveTaskCommand,
    TaskCommand,
)

log = logging.getLogger(__name__)

WINDOW_SETTINGS_FILE = "window.ini"
SEARCH_DELAY_MS = 250
STATS_DELAY_MS = 300
RETRY_MS = 5000


def window_settings() -> QSettings:
    """Where the window keeps its geometry and column widths (window.ini in our config dir)."""
    return QSettings(str(user_config_dir() / WINDOW_SETTINGS_FILE), QSettings.Format.IniFormat)


def database_description(session: Session) -> str:
    """The open database for the status bar: the SQLite file, or the masked server URL."""
    if session.backend == "sqlite":
        return f"{sqlite_path(session.url)} (SQLite)"
    return session.display_url


class MainWindow(QMainWindow):
    """The kanban board of one database session."""

    switchRequested = Signal(str)  # File → Connect: open this database's board instead
    dataWritten = Signal()  # a write of this window was committed (the web app link tells others)

    def __init__(self, session: Session, jobs: JobRunner | None = None, parent=None):
        super().__init__(parent)
        self.session = session
        self.jobs = jobs or JobRunner(self)
        self.undo_stack = QUndoStack(self)
        self.settings = window_settings()
        self.read_only = False
        self.dialog: QWidget | None = None  # the dialog opened last (non-blocking)
        self.setWindowTitle("PhotoFlow")
        self.setObjectName("mainWindow")

        self.board = BoardView()
        self.board.settings = self.settings
        self.board.jobs = self.jobs
        self.banner = QLabel()
        self.banner.setObjectName("connectionBanner")
        self.banner.setWordWrap(True)
        self.banner.setMargin(6)
        self.banner.setAutoFillBackground(True)
        self.banner.hide()
        self.stats_bar = StatsBar(self, jobs=self.jobs)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.stats_bar)
        layout.addWidget(self.board, 1)
        self.setCentralWidget(central)

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText("Search…  e.g. Smith status:Retouched due:week")
        self.search_edit.setMinimumWidth(320)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_search)
        self.search_edit.textChanged.connect(lambda _text: self.search_timer.start())
        self.search_edit.returnPressed.connect(self.apply_search)
        clear_search = QAction("Clear search", self.search_edit)
        clear_search.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear_search.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear_search.triggered.connect(self.clear_search)
        self.search_edit.addAction(clear_search)
        self._search_text = ""
        self.stats_timer = QTimer(self)
        self.stats_timer.setSingleShot(True)
        self.stats_timer.setInterval(STATS_DELAY_MS)
        self.stats_timer.timeout.connect(self.refresh_stats)
        self.pending: list[TaskCommand] = []  # changes waiting for the database to be back
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self.flush_pending)

        self.actions: dict[str, QAction] = {}
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._connect_board()

        self.board.reload_columns()
        self._update_actions()
        self._restore_geometry()
        self.refresh_stats()
        self.board.focus_first_card()

    # -- construction --------------------------------------------------------------------
    def _action(
        self,
        name: str,
        text: str,
        slot,
        shortcuts=(),
        board_only: bool = False,
        tip: str = "",
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if board_only:
            # Enter, Delete, Ctrl+arrows mean something else in the search field.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.board.addAction(action)
        else:
            self.addAction(action)
        action.setCheckable(checkable)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False: slot())
        self.actions[name] = action
        return action

    def _build_actions(self) -> None:
        a = self._action
        a(
            "connect",
            "&Connect to studio server…",
            self.connect_to_server,
            tip="Use a PostgreSQL server shared by the studio",
        )
        a("quit", "&Quit", self.close, [QKeySequence.StandardKey.Quit])
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setObjectName("undo")
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setObjectName("redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addAction(undo)
        self.addAction(redo)
        self.actions["undo"] = undo
        self.actions["redo"] = redo
        a("new_task", "&New task…", self.new_task, ["Ctrl+N"], tip="Create a task")
        a(
            "edit_task",
            "&Edit task…",
            self.edit_task,
            ["Return", "Enter"],
            board_only=True,
            tip="Edit the selected task",
        )
        a(
            "finish_task",
            "&Finish task",
            self.toggle_finished,
            ["Ctrl+Return", "Ctrl+Enter"],
            board_only=True,
            tip="Mark the selected task finished (or not)",
        )
        a(
            "delete_task",
            "&Delete task…",
            self.delete_task,
            ["Delete"],
            board_only=True,
            tip="Delete the selected task and its comments",
        )
        a(
            "comments",
            "&Comments…",
            self.open_comments,
            ["Ctrl+Shift+C"],
            board_only=True,
            tip="Read and write the selected task's comments",
        )
        a("find", "&Find…", self.focus_search, ["Ctrl+F"], tip="Search and filter the board")
        a(
            "show_finished",
            "Show &finished tasks",
            self.set_show_finished,
            ["Ctrl+Shift+F"],
            checkable=True,
            tip="Show finished tasks too",
        )
        a("refresh", "&Refresh", self.refresh, ["F5"], tip="Reload the board from the database")
        a(
            "move_left",
            "Move &left",
            lambda: self.move_selected(-1),
            ["Ctrl+Left"],
            board_only=True,
            tip="Move the selected task one column to the left",
        )
        a(
            "move_right",
            "Move &right",
            lambda: self.move_selected(1),
            ["Ctrl+Right"],
            board_only=True,
            tip="Move the selected task one column to the right",
        )
        a("add_column", "&Add column…", self.add_column)
        a("rename_column", "Re&name column…", self.rename_column)
        a("wip_column", "Set &WIP limit…", self.set_wip_limit)
        a("column_left", "Move column l&eft", lambda: self.move_column(-1))
        a("column_right", "Move column ri&ght", lambda: self.move_column(1))
        a("delete_column", "Dele&te column…", self.delete_column)
        a(
            "maintenance",
            "&Maintenance…",
            self.open_maintenance,
            tip="Backups, restore, database updates, health",
        )
        a("shortcuts", "&Keyboard shortcuts", self.show_shortcuts, ["F1"])
        a("about", "&About PhotoFlow", self.show_about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        act = self.actions
        file_menu = bar.addMenu("&File")
        file_menu.addAction(act["connect"])
        file_menu.addSeparator()
        file_menu.addAction(act["quit"])
        edit = bar.addMenu("&Edit")
        for name in (
            "undo",
            "redo",
            None,
            "new_task",
            "edit_task",
            "finish_task",
            "comments",
            "delete_task",
            None,
            "find",
        ):
            edit.addSeparator() if name is None else edit.addAction(act[name])
        view = bar.addMenu("&View")
        view.addAction(act["show_finished"])
        view.addAction(act["refresh"])
        board = bar.addMenu("&Board")
        board.addAction(act["move_left"])
        board.addAction(act["move_right"])
        self.move_menu = board.addMenu("Move &to")
        self.move_menu.aboutToShow.connect(lambda: self._fill_move_menu(self.move_menu))
        board.addSeparator()
        for name in (
            "add_column",
            "rename_column",
            "wip_column",
            "column_left",
            "column_right",
            "delete_column",
        ):
            board.addAction(act[name])
        tools = bar.addMenu("&Tools")
        tools.addAction(act["maintenance"])
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(act["shortcuts"])
        help_menu.addAction(act["about"])

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar("Board")
        toolbar.setObjectName("boardToolbar")
        toolbar.setMovable(False)
        for name in (
            "new_task",
            "edit_task",
            "finish_task",
            "delete_task",
            None,
            "undo",
            "redo",
            None,
            "move_left",
            "move_right",
            None,
        ):
            toolbar.addSeparator() if name is None else toolbar.addAction(self.actions[name])
        toolbar.addWidget(self.search_edit)
        toolbar.addAction(self.actions["show_finished"])
        toolbar.addAction(self.actions["refresh"])

    def _build_status_bar(self) -> None:
        self.database_label = QLabel(f"Database: {database_description(self.session)}")
        self.database_label.setObjectName("databaseLabel")
        self.database_label.setToolTip("The database this board shows")
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
        self.board.selectionChanged.connect(self._update_actions)
        self.board.countsChanged.connect(self.stats_timer.start)
        # After the undo/redo actions enabled themselves: keep them off while read-only.
        self.undo_stack.indexChanged.connect(lambda _index: self._update_actions())
        self.undo_stack.indexChanged.connect(self.dataWritten)
        self.undo_stack.canUndoChanged.connect(lambda _can: self._update_actions())
        self.undo_stack.canRedoChanged.connect(lambda _can: self._update_actions())
        notifier = comment_notifier(self.undo_stack)
        notifier.changed.connect(self.board.refresh_task)
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
        if self.pending and self.flush_pending():
            answer = QMessageBox.question(
                self,
                "Changes not saved",
                f"{len(self.pending)} change(s) could not reach the database yet and would be "
                "lost:\n\n" + "\n".join(c.text() for c in self.pending) + "\n\nQuit anyway?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                event.ignore()
                return
        self.save_window_state()
        super().closeEvent(event)

    # -- contract for live updates -------------------------------------------------------
    def show_connection_banner(self, text: str) -> None:
        """A coloured line above the board (e.g. "Connection lost — reconnecting…")."""
        palette = self.banner.palette()
        palette.setColor(palette.ColorRole.Window, theme.warning_background(self.palette()))
        palette.setColor(palette.ColorRole.WindowText, theme.warning_text(self.palette()))
        self.banner.setPalette(palette)
        self.banner.setText(text)
        self.banner.show()

    def hide_connection_banner(self) -> None:
        """Remove the banner."""
        self.banner.hide()
        self.banner.clear()

    def set_read_only(self, read_only: bool, reason: str) -> None:
        """Disable every change (actions, drag and drop) while the database cannot be written."""
        self.read_only = read_only
        self.board.set_read_only(read_only)
        self.mode_label.setText("Read-only" if read_only else "")  # the banner says why
        self.mode_label.setToolTip(reason if read_only else "")
        self.mode_label.setMinimumWidth(self.mode_label.sizeHint().width() if read_only else 0)
        self._update_actions()
        if read_only:
            self.retry_timer.stop()
        elif self.pending:
            self.flush_pending()

    # -- state of actions ----------------------------------------------------------------
    WRITE_ACTIONS = (
        "new_task",
        "add_column",
        "rename_column",
        "wip_column",
        "column_left",
        "column_right",
        "delete_column",
    )
    CARD_ACTIONS = ("edit_task", "finish_task", "delete_task", "move_left", "move_right")

    def _update_actions(self) -> None:
        if not shiboken6.isValid(self.move_menu) or not shiboken6.isValid(self.board):
            return  # the window is being destroyed (the undo stack still signals)
        record = self.board.selected_record()
        writable = not self.read_only
        for name in self.WRITE_ACTIONS:
            self.actions[name].setEnabled(writable)
        for name in self.CARD_ACTIONS:
            self.actions[name].setEnabled(writable and record is not None)
        self.actions["comments"].setEnabled(record is not None)
        self.move_menu.setEnabled(writable and record is not None)
        self.actions["undo"].setEnabled(writable and self.undo_stack.canUndo())
        self.actions["redo"].setEnabled(writable and self.undo_stack.canRedo())
        if record is not None:
            self.actions["finish_task"].setText(
                "Un&finish task" if record.is_finished else "&Finish task"
            )
            keys = self.board.column_keys()
            position = keys.index(record.column) if record.column in keys else -1
            self.actions["move_left"].setEnabled(writable and position > 0)
            self.actions["move_right"].setEnabled(writable and 0 <= position < len(keys) - 1)

    # -- running commands ----------------------------------------------------------------
    def run_command(self, command: TaskCommand) -> bool:
        """Apply an action and put it on the undo stack when it worked.

        While the database cannot be reached the change is kept and applied when it is back
        (still compared with what the user saw), so no edit is lost.
        """
        if self.read_only:
            self._keep_for_later(command)
            return False
        if not command.execute():
            if command.connection_error:
                self._keep_for_later(command)
            elif command.edit_again is not None:
                theirs, mine = command.edit_again
                self.edit_task(theirs.id, prefill=mine)
            return False
        self.undo_stack.push(command)
        self._update_actions()
        return True

    def _keep_for_later(self, command: TaskCommand) -> None:
        self.pending.append(command)
        self._show_pending()
        if not self.read_only:
            self.retry_timer.start()

    def _show_pending(self) -> None:
        count = len(self.pending)
        self.pending_label.setText(
            "" if not count else f"{count} change(s) waiting for the database"
        )
        self.pending_label.setToolTip("\n".join(command.text() for command in self.pending))

    def flush_pending(self) -> int:
        """Apply the changes kept while the database was unreachable; returns how many are left."""
        self.retry_timer.stop()
        waiting, self.pending = self.pending, []
        for command in waiting:
            if self.read_only:
                self.pending.append(command)
            else:
                self.run_command(command)
        self._show_pending()
        return len(self.pending)

    def _selected(self, task_id: int | None = None) -> TaskRecord | None:
        if task_id is not None:
            return self.board.find_record(task_id)
        return self.board.selected_record()

    def _open(self, dialog: QWidget, on_finished) -> QWidget:
        """Open a dialog without blocking (tests can fill it in); `on_finished(result)`."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(on_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    # -- task actions --------------------------------------------------------------------
    def new_task(self, column: str | None = None):
        """Open the task dialog for a new task (in `column` when given)."""
        if self.read_only:
            return None
        selected = self.board.selected_record()
        default = column or (selected.column if selected else None)
        dialog = TaskDialog(self.board.columns, distinct_statuses(), None, default, self)

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                command = CreateTaskCommand(self.board, dialog.draft())
                if self.run_command(command) and command.current is not None:
                    self.board.select_task(command.current.id, focus=True)

        return self._open(dialog, finished)

    def edit_task(self, task_id: int | None = None, prefill: TaskDraft | None = None):
        """Open the task dialog on the selected (or given) task, optionally showing `prefill`."""
        record = self._selected(task_id)
        if record is None or self.read_only:
            return None
        shown = record if prefill is None else replace(record, **asdict(prefill))
        dialog = TaskDialog(self.board.columns, distinct_statuses(), shown, None, self)

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                self.run_command(EditTaskCommand(self.board, record, dialog.draft()))

        return self._open(dialog, finished)

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
        comments = record.comment_count
        comment_text = (
            "no comments"
            if comments == 0
            else "1 comment"
            if comments == 1
            else f"{comments} comments"
        )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Delete task",
            f"Delete “{record.title}” and its {comment_text}?\n\n"
            "You can bring it back with Edit → Undo.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmDelete")
        box.button(QMessageBox.StandardButton.Yes).setText("Delete")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def finished(_result: int) -> None:
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
                self.run_command(DeleteTaskCommand(self.board, record))

        return self._open(box, finished)

    def move_task_to(self, task_id: int, column: str) -> bool:
        """Move a card to `column` (drop, Move to ▸, keyboard)."""
        record = self._selected(task_id)
        if record is None or record.column == column or column not in self.board.column_keys():
            return False
        title = self.board.column_view(column).column.title
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
        dialog = CommentsDialog(record.id, self.undo_stack, self)
        dialog.commentCountChanged.connect(
            lambda changed_id, _count: self.board.refresh_task(changed_id)
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.show()
        dialog.activateWindow()  # its Ctrl+Enter must not reach the board's "Finish task"
        return dialog

    def show_card_menu(self, task_id: int, position: QPoint) -> QMenu | None:
        """The context menu of a card: edit, comments, move to, finish, delete."""
        record = self.board.find_record(task_id)
        if record is None:
            return None
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.actions["edit_task"])
        menu.addAction(self.actions["comments"])
        move_menu = menu.addMenu("Move &to")
        move_menu.setEnabled(not self.read_only)
        self._fill_move_menu(move_menu, record)
        menu.addAction(self.actions["finish_task"])
        menu.addSeparator()
        menu.addAction(self.actions["delete_task"])
        self.card_menu = menu
        menu.popup(position)
        return menu

    def show_column_menu(self, key: str, position: QPoint) -> QMenu:
        """The context menu of a column header: new task, rename, WIP limit, move, delete."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        keys = self.board.column_keys()
        entries = (
            ("New task here…", lambda: self.new_task(key), True),
            ("Rename column…", lambda: self.rename_column(key), True),
            ("Set WIP limit…", lambda: self.set_wip_limit(key), True),
            ("Move column left", lambda: self.move_column(-1, key), keys.index(key) > 0),
            ("Move column right", lambda: self.move_column(1, key), keys[-1] != key),
            ("Delete column…", lambda: self.delete_column(key), True),
        )
        for text, slot, enabled in entries:
            action = menu.addAction(text)
            action.setEnabled(enabled and not self.read_only)
            action.triggered.connect(lambda _checked=False, run=slot: run())
        self.column_menu = menu
        menu.popup(position)
        return menu

    def _fill_move_menu(self, menu: QMenu, record: TaskRecord | None = None) -> None:
        record = record or self.board.selected_record()
        menu.clear()
        if record is None:
            return
        for column in self.board.columns:
            if column.key == record.column:
                continue
            action = menu.addAction(column.title)
            action.setObjectName(f"move_to_{column.key}")
            action.triggered.connect(
                lambda _checked=False, key=column.key, task_id=record.id: self.move_task_to(
                    task_id, key
                )
            )

    # -- view ----------------------------------------------------------------------------
    def focus_search(self) -> None:
        """Put the cursor in the search field."""
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def apply_search(self) -> bool:
        """Filter every column by the search text (in the database); False on a bad token."""
        self.search_timer.stop()
        text = self.search_edit.text().strip()
        try:
            where = parse_query(text)
        except ValidationError as exc:
            self.search_message.setText(str(exc))
            self.search_edit.setToolTip(str(exc))
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
        self._update_actions()

    def refresh(self) -> None:
        """Reload the board from the database (keeps selection and scroll)."""
        self.board.resync()
        self.refresh_stats()

    def refresh_stats(self) -> None:
        """Update the stats bar."""
        self.stats_timer.stop()
        self.stats_bar.refresh()

    # -- columns -------------------------------------------------------------------------
    def current_column_key(self) -> str | None:
        """The focused column, else the selected card's column, else the first."""
        for key in self.board.column_keys():
            if self.board.column_view(key).view.hasFocus():
                return key
        record = self.board.selected_record()
        if record is not None:
            return record.column
        keys = self.board.column_keys()
        return keys[0] if keys else None

    def _column_change(self, change) -> bool:
        """Run a column change (a domain call); show its refusal in a box; rebuild columns."""
        try:
            with connection_guard(database_proxy):
                change()
        except PhotoflowError as exc:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "Board columns",
                str(exc),
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return False
        self.board.resync()  # deleting a column moves its cards: every column reloads
        self._update_actions()
        self.dataWritten.emit()
        return True

    def add_column(self):
        """Ask for a title (and WIP limit) and append a column."""
        dialog = AddColumnDialog(self)

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                title, wip = dialog.values()
                self._column_change(lambda: columns.add_column(title, wip))

        return self._open(dialog, finished)

    def _column_prompt(self, key: str | None, make_dialog, change):
        """Ask about column `key` (default: the current one); on OK apply `change(key, dialog)`."""
        key = key or self.current_column_key()
        if key is None:
            return None
        dialog = make_dialog(self.board.column_view(key).column)

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                self._column_change(lambda: change(key, dialog))

        return self._open(dialog, finished)

    def rename_column(self, key: str | None = None):
        """Rename the current column."""
        return self._column_prompt(
            key,
            lambda column: RenameColumnDialog(column, self),
            lambda key, dialog: columns.rename_column(key, dialog.title()),
        )

    def set_wip_limit(self, key: str | None = None):
        """Set or clear the current column's WIP limit."""
        return self._column_prompt(
            key,
            lambda column: WipLimitDialog(column, self),
            lambda key, dialog: columns.set_wip_limit(key, dialog.limit()),
        )

    def move_column(self, step: int, key: str | None = None) -> bool:
        """Move the current column one place left or right."""
        key = key or self.current_column_key()
        keys = self.board.column_keys()
        if key is None:
            return False
        position = keys.index(key) + step
        if not 0 <= position < len(keys):
            return False
        keys.insert(position, keys.pop(keys.index(key)))
        return self._column_change(lambda: columns.reorder_columns(keys))

    def delete_column(self, key: str | None = None):
        """Delete the current column (asking where its cards go when it has any)."""
        return self._column_prompt(
            key,
            lambda column: DeleteColumnDialog(column, self.board.columns, self),
            lambda key, dialog: columns.delete_column(key, dialog.move_cards_to()),
        )

    # -- other windows -------------------------------------------------------------------
    def connect_to_server(self):
        """File → Connect to studio server…: test and save a PostgreSQL URL, then open it."""
        dialog = ConnectDialog(self, jobs=self.jobs)

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted and dialog.url():
                self.statusBar().showMessage(f"Opening {mask_url(dialog.url())}…", 10_000)
                self.switchRequested.emit(dialog.url())  # saved too: also used at the next start

        return self._open(dialog, finished)

    def open_maintenance(self):
        """Tools → Maintenance…; the board reloads afterwards (a restore changes everything)."""
        dialog = MaintenanceDialog(self.session, self.jobs, self)
        dialog.taskChanged.connect(self.board.refresh_task)
        dialog.databaseReplaced.connect(self.board.resync)
        dialog.taskChanged.connect(self.dataWritten)
        dialog.databaseReplaced.connect(self.dataWritten)
        return self._open(dialog, lambda _result: self.refresh())

    def show_shortcuts(self):
        """Help → Keyboard shortcuts."""
        dialog = ShortcutsDialog(list(self.actions.values()), self)
        return self._open(dialog, lambda _result: None)

    def show_about(self):
        """Help → About."""
        dialog = AboutDialog(self, database_url=self.session.url)
        return self._open(dialog, lambda _result: None)
