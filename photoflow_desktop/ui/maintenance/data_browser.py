"""The data browser (Prisma Studio's role): raw "Tasks" and task_comments rows in tables,
and read-only clients, invoices and payments.

Filter (the board's search syntax for tasks, plain text for comments), sort by any column,
pages loaded as the view scrolls, edit in place through the domain layer, and "Show comments
of this task". A refused edit keeps the old value and says why under the table.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.search import parse_query
from photoflow_desktop.i18n import fill, translate
from photoflow_desktop.i18n.messages import user_message
from photoflow_desktop.ui.common.jobs import JobRunner
from photoflow_desktop.ui.maintenance.browser_comments import CommentTableModel
from photoflow_desktop.ui.maintenance.browser_models import BrowserRole, TaskTableModel
from photoflow_desktop.ui.maintenance.invoicing_browser import InvoicingTableModel

INVOICING_TABLES = ("clients", "invoices", "payments")

FILTER_DELAY_MS = 300
ERROR_STYLE = "color: #b3261e;"


class ChoiceDelegate(QStyledItemDelegate):
    """Edits taskColumn with a list of the board's columns and status with the known statuses
    (free text still allowed); the choices come from the model, other fields edit as usual."""

    def createEditor(self, parent, option, index):
        """A combo box where the model offers choices."""
        choices = index.data(BrowserRole.Choices)
        if not choices:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setEditable(index.model().field(index.column()) == "status")
        for label, value in choices:
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor, index) -> None:
        """Select the stored value (or type it, for a status not in the list)."""
        if not isinstance(editor, QComboBox):
            super().setEditorData(editor, index)
            return
        value = index.data(Qt.ItemDataRole.EditRole)
        position = editor.findData(value)
        if position >= 0:
            editor.setCurrentIndex(position)
        elif editor.isEditable():
            editor.setEditText(value)

    def setModelData(self, editor, model, index) -> None:
        """Hand the chosen value to the model (which validates it through the domain)."""
        if not isinstance(editor, QComboBox):
            super().setModelData(editor, model, index)
            return
        text = editor.currentText()
        chosen = editor.currentData() if editor.findText(text) >= 0 else text
        model.setData(index, chosen if chosen is not None else text)


def _table_view(model, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)  # sorts (loads the first page) once
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    view.setItemDelegate(ChoiceDelegate(view))
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class _Page(QWidget):
    """Filter row, table, count and the message line of one table."""

    def __init__(self, model, view_name: str, placeholder: str, parent=None):
        super().__init__(parent)
        self.model = model
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(placeholder)
        self.refresh_button = QPushButton(translate("DataBrowser", "Refresh"))
        self.count_label = QLabel()
        self.view = _table_view(model, view_name)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.top = QHBoxLayout()
        self.top.addWidget(self.filter_edit, 1)
        self.top.addWidget(self.refresh_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(self.top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        model.editFailed.connect(self.message.setText)
        model.loadFailed.connect(self.message.setText)
        model.rowEdited.connect(lambda _id: self.message.clear())
        model.loadingChanged.connect(self._show_count)

    def _show_count(self, loading: bool) -> None:
        loaded = fill(
            translate("DataBrowser", "{loaded:,} of {total:,} rows loaded"),
            loaded=self.model.rowCount(),
            total=self.model.total,
        )
        if loading:
            loaded = translate("DataBrowser", "Reading… {rows}").format(rows=loaded)
        self.count_label.setText(loaded)


class DataBrowser(QWidget):
    """Tabs "Tasks" and task_comments (editable), clients, invoices, payments (read-only)."""

    taskChanged = Signal(int)  # a task (or one of its comments) was edited here

    def __init__(
        self, jobs: JobRunner, parent: QWidget | None = None, page_size: int | None = None
    ):
        super().__init__(parent)
        sizes = {} if page_size is None else {"page_size": page_size}
        self.task_model = TaskTableModel(jobs, self, **sizes)
        self.comment_model = CommentTableModel(jobs, self, **sizes)
        self.tasks_page = _Page(
            self.task_model,
            "tasksTable",
            translate("DataBrowser", "Filter: Smith  status:RAW  column:2  due:week  finished:no"),
        )
        self.show_comments_button = QPushButton(
            translate("DataBrowser", "Show comments of this task")
        )
        self.show_comments_button.setEnabled(False)
        self.show_comments_button.clicked.connect(self.show_comments_of_selected)
        self.tasks_page.top.addWidget(self.show_comments_button)
        self.comments_page = _Page(
            self.comment_model, "commentsTable", translate("DataBrowser", "Filter: text")
        )
        comment_header = self.comments_page.view.horizontalHeader()
        comment_header.setStretchLastSection(False)
        comment_header.setSectionResizeMode(
            self.comment_model.column_of("text"), QHeaderView.ResizeMode.Stretch
        )
        self.task_chip = QLabel()
        self.show_all_button = QPushButton(translate("DataBrowser", "All comments"))
        self.show_all_button.clicked.connect(lambda: self.show_comments(None))
        self.comments_page.top.insertWidget(0, self.task_chip)
        self.comments_page.top.addWidget(self.show_all_button)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.tasks_page, '"Tasks"')
        self.tabs.addTab(self.comments_page, "task_comments")
        self.invoicing_models: dict[str, InvoicingTableModel] = {}
        self.invoicing_pages: dict[str, _Page] = {}
        for table in INVOICING_TABLES:
            self._add_invoicing_tab(table, jobs, sizes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self._task_timer = self._debounce(self.apply_task_filter)
        self._comment_timer = self._debounce(self.apply_comment_filter)
        self.tasks_page.filter_edit.textChanged.connect(lambda _t: self._task_timer.start())
        self.tasks_page.filter_edit.returnPressed.connect(self.apply_task_filter)
        self.comments_page.filter_edit.textChanged.connect(lambda _t: self._comment_timer.start())
        self.comments_page.filter_edit.returnPressed.connect(self.apply_comment_filter)
        self.tasks_page.refresh_button.clicked.connect(self.reload)
        self.comments_page.refresh_button.clicked.connect(self.reload)
        self.task_model.rowEdited.connect(self.taskChanged)
        self.comment_model.rowEdited.connect(self.taskChanged)
        self.task_model.modelReset.connect(self._selection_changed)
        self.tasks_page.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self._show_chip()

    def _add_invoicing_tab(self, table: str, jobs: JobRunner, sizes: dict) -> None:
        model = InvoicingTableModel(table, jobs, self, **sizes)
        page = _Page(
            model,
            f"{table}Table",
            QCoreApplication.translate("DataBrowser", "Filter: text (read-only table)"),
        )
        timer = self._debounce(lambda: model.set_filter(page.filter_edit.text()))
        page.filter_edit.textChanged.connect(lambda _t: timer.start())
        page.filter_edit.returnPressed.connect(timer.timeout.emit)
        page.refresh_button.clicked.connect(model.reload)
        self.invoicing_models[table] = model
        self.invoicing_pages[table] = page
        self.tabs.addTab(page, table)

    def _debounce(self, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(FILTER_DELAY_MS)
        timer.timeout.connect(slot)
        return timer

    def reload(self) -> None:
        """Read every table again (keeps filters and sort)."""
        self.apply_task_filter()
        self.comment_model.reload()
        for model in self.invoicing_models.values():
            model.reload()

    def apply_task_filter(self) -> bool:
        """Filter the tasks by the search text; an invalid token is explained, not applied."""
        self._task_timer.stop()
        try:
            where = parse_query(self.tasks_page.filter_edit.text())
        except ValidationError as exc:
            self.tasks_page.message.setText(
                translate("DataBrowser", "Filter not applied: {problem}").format(
                    problem=user_message(exc)
                )
            )
            return False
        self.tasks_page.message.clear()
        self.task_model.set_filter(where)
        return True

    def apply_comment_filter(self) -> None:
        """Filter the comments by text (within the chosen task, if any)."""
        self._comment_timer.stop()
        self.comment_model.set_filter(
            self.comment_model.task_id, self.comments_page.filter_edit.text()
        )

    def selected_task_id(self) -> int | None:
        """The task selected in the Tasks table."""
        rows = self.tasks_page.view.selectionModel().selectedRows()
        return self.task_model.record(rows[0].row()).id if rows else None

    def _selection_changed(self, *_args) -> None:
        self.show_comments_button.setEnabled(self.selected_task_id() is not None)

    def show_comments_of_selected(self) -> None:
        """Switch to task_comments, showing only the selected task's comments."""
        task_id = self.selected_task_id()
        if task_id is not None:
            self.show_comments(task_id)

    def show_comments(self, task_id: int | None) -> None:
        """Show the comments of `task_id` (None: all comments)."""
        self.comment_model.set_filter(task_id, self.comments_page.filter_edit.text())
        self._show_chip()
        self.tabs.setCurrentWidget(self.comments_page)

    def _show_chip(self) -> None:
        task_id = self.comment_model.task_id
        if task_id is None:
            self.task_chip.setText(translate("DataBrowser", "All tasks"))
            self.show_all_button.setVisible(False)
            return
        row = self.task_model.row_of(task_id)
        if row is None:
            text = translate("DataBrowser", "Task #{id}").format(id=task_id)
        else:
            text = translate("DataBrowser", "Task #{id} “{title}”").format(
                id=task_id, title=self.task_model.record(row).title
            )
        self.task_chip.setText(text)
        self.show_all_button.setVisible(True)
