"""The board window's actions, menus and toolbar, and which actions are enabled when."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from photoflow_desktop.i18n import translate
from photoflow_desktop.ui.board.context_menus import fill_move_menu
from photoflow_desktop.ui.board.language_menu import add_language_menu
from photoflow_desktop.ui.comments.commands import comment_notifier

# Actions that change the board: off while it is read-only.
WRITE_ACTIONS = (
    "new_task",
    "import",
    "add_column",
    "rename_column",
    "wip_column",
    "column_left",
    "column_right",
    "delete_column",
)
# Actions on the selected card: off without one.
CARD_ACTIONS = ("edit_task", "finish_task", "delete_task", "move_left", "move_right")


def _add_action(
    window: QMainWindow,
    name: str,
    text: str,
    slot,
    shortcuts=(),
    board_only: bool = False,
    tip: str = "",
    checkable: bool = False,
) -> QAction:
    """Create action `name` on the window (or, when `board_only`, on the board alone)."""
    action = QAction(text, window)
    action.setObjectName(name)
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    if board_only:
        # Enter, Delete, Ctrl+arrows mean something else in the search field.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        window.board.addAction(action)
    else:
        window.addAction(action)
    action.setCheckable(checkable)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    if checkable:
        action.toggled.connect(slot)
    else:
        action.triggered.connect(lambda _checked=False: slot())
    window.actions[name] = action
    return action


def _add_undo_actions(window: QMainWindow) -> None:
    undo = window.undo_stack.createUndoAction(window, translate("Actions", "&Undo"))
    undo.setObjectName("undo")
    undo.setShortcuts([QKeySequence("Ctrl+Z")])
    redo = window.undo_stack.createRedoAction(window, translate("Actions", "&Redo"))
    redo.setObjectName("redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    window.addAction(undo)
    window.addAction(redo)
    window.actions["undo"] = undo
    window.actions["redo"] = redo


def build_actions(window: QMainWindow) -> None:
    """Create every action of the board window into `window.actions` (name → QAction)."""
    columns = window.column_commands

    def a(*args, **kwargs) -> QAction:
        return _add_action(window, *args, **kwargs)

    a(
        "connect",
        translate("Actions", "&Connect to studio server…"),
        window.connect_to_server,
        tip=translate("Actions", "Use a PostgreSQL server shared by the studio"),
    )
    a(
        "import",
        QCoreApplication.translate("BoardWindow", "&Import orders…"),
        lambda: _open_import_dialog(window),
        tip=QCoreApplication.translate(
            "BoardWindow", "Add orders from a CSV file (any spreadsheet, choose the columns)"
        ),
    )
    a("quit", translate("Actions", "&Quit"), window.close, [QKeySequence.StandardKey.Quit])
    _add_undo_actions(window)
    a(
        "new_task",
        translate("Actions", "&New task…"),
        window.new_task,
        ["Ctrl+N"],
        tip=translate("Actions", "Create a task"),
    )
    a(
        "edit_task",
        translate("Actions", "&Edit task…"),
        window.edit_task,
        ["Return", "Enter"],
        board_only=True,
        tip=translate("Actions", "Edit the selected task"),
    )
    a(
        "finish_task",
        translate("Actions", "&Finish task"),
        window.toggle_finished,
        ["Ctrl+Return", "Ctrl+Enter"],
        board_only=True,
        tip=translate("Actions", "Mark the selected task finished (or not)"),
    )
    a(
        "delete_task",
        translate("Actions", "&Delete task…"),
        window.delete_task,
        ["Delete"],
        board_only=True,
        tip=translate("Actions", "Delete the selected task and its comments"),
    )
    a(
        "comments",
        translate("Actions", "&Comments…"),
        window.open_comments,
        ["Ctrl+Shift+C"],
        board_only=True,
        tip=translate("Actions", "Read and write the selected task's comments"),
    )
    a(
        "find",
        translate("Actions", "&Find…"),
        window.focus_search,
        ["Ctrl+F"],
        tip=translate("Actions", "Search and filter the board"),
    )
    a(
        "show_finished",
        translate("Actions", "Show &finished tasks"),
        window.set_show_finished,
        ["Ctrl+Shift+F"],
        checkable=True,
        tip=translate("Actions", "Show finished tasks too"),
    )
    a(
        "refresh",
        translate("Actions", "&Refresh"),
        window.refresh,
        ["F5"],
        tip=translate("Actions", "Reload the board from the database"),
    )
    a(
        "move_left",
        translate("Actions", "Move &left"),
        lambda: window.move_selected(-1),
        ["Ctrl+Left"],
        board_only=True,
        tip=translate("Actions", "Move the selected task one column to the left"),
    )
    a(
        "move_right",
        translate("Actions", "Move &right"),
        lambda: window.move_selected(1),
        ["Ctrl+Right"],
        board_only=True,
        tip=translate("Actions", "Move the selected task one column to the right"),
    )
    a("add_column", translate("Actions", "&Add column…"), columns.add_column)
    a("rename_column", translate("Actions", "Re&name column…"), columns.rename_column)
    a("wip_column", translate("Actions", "Set &WIP limit…"), columns.set_wip_limit)
    a("column_left", translate("Actions", "Move column l&eft"), lambda: columns.move_column(-1))
    a("column_right", translate("Actions", "Move column ri&ght"), lambda: columns.move_column(1))
    a("delete_column", translate("Actions", "Dele&te column…"), columns.delete_column)
    a(
        "maintenance",
        translate("Actions", "&Maintenance…"),
        window.open_maintenance,
        tip=translate("Actions", "Backups, restore, database updates, health"),
    )
    a("shortcuts", translate("Actions", "&Keyboard shortcuts"), window.show_shortcuts, ["F1"])
    a("about", translate("Actions", "&About PhotoFlow"), window.show_about)


def build_menus(window: QMainWindow) -> QMenu:
    """Fill the menu bar from `window.actions`; returns the Board → Move to submenu."""
    bar = window.menuBar()
    act = window.actions
    file_menu = bar.addMenu(translate("Actions", "&File"))
    window.file_menu = file_menu
    file_menu.addAction(act["connect"])
    file_menu.addAction(act["import"])
    file_menu.addSeparator()
    file_menu.addAction(act["quit"])
    edit = bar.addMenu(translate("Actions", "&Edit"))
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
    view = bar.addMenu(translate("Actions", "&View"))
    window.view_menu = view
    view.addAction(act["show_finished"])
    view.addAction(act["refresh"])
    view.addSeparator()
    add_language_menu(window, view)
    board = bar.addMenu(translate("Actions", "&Board"))
    board.addAction(act["move_left"])
    board.addAction(act["move_right"])
    move_menu = board.addMenu(translate("Actions", "Move &to"))
    move_menu.aboutToShow.connect(lambda: fill_move_menu(window, move_menu))
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
    tools = bar.addMenu(translate("Actions", "&Tools"))
    tools.addAction(act["maintenance"])
    help_menu = bar.addMenu(translate("Actions", "&Help"))
    help_menu.addAction(act["shortcuts"])
    help_menu.addAction(act["about"])
    return move_menu


def _toolbar_labels() -> dict[str, str]:
    """Short toolbar labels (German words are longer: the toolbar must fit 1280 px)."""
    return {
        "new_task": translate("Toolbar", "New task"),
        "edit_task": translate("Toolbar", "Edit task"),
        "finish_task": translate("Toolbar", "Finish task"),
        "delete_task": translate("Toolbar", "Delete task"),
        "move_left": translate("Toolbar", "Move left"),
        "move_right": translate("Toolbar", "Move right"),
        "show_finished": translate("Toolbar", "Show finished tasks"),
        "refresh": translate("Toolbar", "Refresh"),
    }


def _fixed_label_action(window: QMainWindow, name: str, label: str) -> QAction:
    """A toolbar stand-in for action `name` with a short fixed label; its full text (e.g.
    `Undo Edit “Hochzeit Müller-Schmidt…”`) is the tooltip, so the toolbar never overflows."""
    source = window.actions[name]
    proxy = QAction(label, window)
    proxy.setObjectName(f"{name}_toolbar")
    proxy.triggered.connect(lambda _checked=False: source.trigger())

    def follow() -> None:
        if not shiboken6.isValid(proxy) or not shiboken6.isValid(source):
            return  # the window is being destroyed
        full = source.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        proxy.setEnabled(source.isEnabled())
        proxy.setToolTip(full)
        proxy.setStatusTip(full)

    source.changed.connect(follow)
    follow()
    return proxy


def build_toolbar(window: QMainWindow) -> None:
    """The board toolbar: task actions, undo/redo, moves, the search field, view toggles."""
    window.toolbar_actions = {
        "undo": _fixed_label_action(window, "undo", QCoreApplication.translate("Toolbar", "Undo")),
        "redo": _fixed_label_action(window, "redo", QCoreApplication.translate("Toolbar", "Redo")),
    }
    toolbar = window.addToolBar(translate("Actions", "Board"))
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
        if name is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(window.toolbar_actions.get(name) or window.actions[name])
    for name, label in _toolbar_labels().items():
        window.actions[name].setIconText(label)
    toolbar.addWidget(window.search_edit)
    toolbar.addAction(window.actions["show_finished"])
    toolbar.addAction(window.actions["refresh"])


def update_actions(window: QMainWindow) -> None:
    """Enable the actions that make sense for the selection and the read-only state."""
    if not shiboken6.isValid(window.move_menu) or not shiboken6.isValid(window.board):
        return  # the window is being destroyed (the undo stack still signals)
    actions = window.actions
    record = window.board.selected_record()
    writable = not window.read_only
    for name in WRITE_ACTIONS:
        actions[name].setEnabled(writable)
    for name in CARD_ACTIONS:
        actions[name].setEnabled(writable and record is not None)
    actions["comments"].setEnabled(record is not None)
    window.move_menu.setEnabled(writable and record is not None)
    in_flight = window.commands.busy or comment_notifier(window.undo_stack).busy
    settled = writable and not in_flight  # undo/redo follow confirmed changes
    actions["undo"].setEnabled(settled and window.undo_stack.canUndo())
    actions["redo"].setEnabled(settled and window.undo_stack.canRedo())
    if record is not None:
        finish = actions["finish_task"]
        if record.is_finished:
            finish.setText(translate("Actions", "Un&finish task"))
            finish.setIconText(translate("Toolbar", "Unfinish task"))
        else:
            finish.setText(translate("Actions", "&Finish task"))
            finish.setIconText(translate("Toolbar", "Finish task"))
        keys = window.board.column_keys()
        position = keys.index(record.column) if record.column in keys else -1
        actions["move_left"].setEnabled(writable and position > 0)
        actions["move_right"].setEnabled(writable and 0 <= position < len(keys) - 1)


def _open_import_dialog(window) -> None:
    """Open the import dialog; its module loads on first use."""
    from photoflow_desktop.ui.board.import_dialog import open_import_dialog

    open_import_dialog(window)
