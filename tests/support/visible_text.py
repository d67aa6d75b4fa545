"""Every text a user can see in a widget tree: titles, labels, buttons, tooltips, placeholders,
tab and header labels, menu and action texts (data the user typed or stored is left out)."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)


def _action_texts(widget: QWidget, seen: set[int]) -> Iterator[tuple[str, str]]:
    for action in QWidget.actions(widget):  # MainWindow.actions is a dict of its own
        if id(action) in seen:
            continue
        seen.add(id(action))
        name = action.objectName() or "action"
        yield f"{name}.text", action.text()
        yield f"{name}.toolTip", action.toolTip()
        yield f"{name}.statusTip", action.statusTip()
        if action.menu() is not None:
            yield f"{name}.menu", action.menu().title()
            yield from _action_texts(action.menu(), seen)


def _item_view_texts(view: QAbstractItemView) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None or not isinstance(view, QTableView | QTreeView):
        return
    for section in range(model.columnCount(QModelIndex())):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(section, Qt.Orientation.Horizontal, role)
            if isinstance(value, str):
                yield f"{view.objectName() or 'view'}.header", value


def _own_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    kind = type(widget).__name__
    if widget.isWindow():
        yield f"{kind}.windowTitle", widget.windowTitle()
    yield f"{kind}.toolTip", widget.toolTip()
    yield f"{kind}.accessibleName", widget.accessibleName()
    if isinstance(widget, QLabel | QAbstractButton):
        yield f"{kind}.text", widget.text()
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        yield f"{kind}.placeholderText", widget.placeholderText()
    if isinstance(widget, QGroupBox):
        yield f"{kind}.title", widget.title()
    if isinstance(widget, QMenu):
        yield f"{kind}.title", widget.title()
    if isinstance(widget, QTabWidget):
        for index in range(widget.count()):
            yield f"{kind}.tabText", widget.tabText(index)
            yield f"{kind}.tabToolTip", widget.tabToolTip(index)
    if isinstance(widget, QSpinBox):
        yield f"{kind}.suffix", widget.suffix()
        yield f"{kind}.specialValueText", widget.specialValueText()
    if isinstance(widget, QComboBox) and not widget.isEditable():
        for index in range(widget.count()):
            yield f"{kind}.item", widget.itemText(index)
    if isinstance(widget, QAbstractItemView):
        yield from _item_view_texts(widget)
    if isinstance(widget, QAbstractSpinBox):
        return


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every non-empty text in `root` and its children."""
    found, seen_actions = [], set()
    for widget in [root, *root.findChildren(QWidget)]:
        found += list(_own_texts(widget))
        found += list(_action_texts(widget, seen_actions))
    return [(where, text) for where, text in found if text and text.strip()]
