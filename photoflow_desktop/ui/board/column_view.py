"""One board column: a header (title, count, WIP limit, "+") over a list of cards."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from photoflow_desktop.domain.records import ColumnRecord
from photoflow_desktop.i18n import QT_TRANSLATE_NOOP, grouped, translate
from photoflow_desktop.i18n.messages import column_title
from photoflow_desktop.ui.board.card_delegate import CardDelegate, badge_rect
from photoflow_desktop.ui.board.task_model import TaskListModel, TaskRole, decode_task_id
from photoflow_desktop.ui.common import theme


class TaskListView(QListView):
    """The cards of one column; drags carry a task id, a drop asks the board to move it."""

    taskDropped = Signal(int)  # task id dropped here
    badgeDoubleClicked = Signal(int)  # task id whose comment badge was double-clicked
    cardDoubleClicked = Signal(int)  # task id double-clicked elsewhere on the card
    neighbourRequested = Signal(int)  # -1 / +1: Left / Right pressed, go to that column

    EMPTY_TEXT = QT_TRANSLATE_NOOP(
        "Board", "No orders here.\nDrag a card here, or press + to add one."
    )
    EMPTY_SEARCH_TEXT = QT_TRANSLATE_NOOP("Board", "No matching orders.")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.empty_text = self.EMPTY_TEXT
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(50)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setItemDelegate(CardDelegate(self))
        self._paint_lane()

    def _paint_lane(self) -> None:
        """The list's background is the lane colour; cards keep the view's own palette."""
        palette = QPalette(self.palette())
        palette.setColor(QPalette.ColorRole.Base, theme.column_background(self.palette()))
        self.viewport().setPalette(palette)

    def changeEvent(self, event) -> None:
        """Follow a palette change (light/dark switch of the OS)."""
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._paint_lane()

    def paintEvent(self, event) -> None:
        """Cards as usual; an empty column says so (and how to fill it)."""
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            area = self.viewport().rect().adjusted(12, 24, -12, -12)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            painter.drawText(
                area, flags | Qt.TextFlag.TextWordWrap, translate("Board", self.empty_text)
            )
            painter.end()

    def set_read_only(self, read_only: bool) -> None:
        """No dragging or dropping while the board is read-only."""
        self.setDragEnabled(not read_only)
        self.setAcceptDrops(not read_only)

    def _accept_cards(self, event: QDragMoveEvent) -> None:
        """Accept a drag carrying one of our cards (while drops are allowed), ignore others."""
        if self.acceptDrops() and decode_task_id(event.mimeData()) is not None:
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept our cards only."""
        self._accept_cards(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Anywhere in the column is a valid drop spot (the order is by due date)."""
        self._accept_cards(event)

    def dropEvent(self, event: QDropEvent) -> None:
        """Ask the board to move the dropped card here; the models update themselves."""
        task_id = decode_task_id(event.mimeData())
        if task_id is None or not self.acceptDrops():
            event.ignore()
            return
        # CopyAction: the source view must not remove rows itself (the board moves the card).
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.taskDropped.emit(task_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Left/Right (no modifier) walk to the neighbouring column; the rest as usual."""
        if event.modifiers() == Qt.KeyboardModifier.NoModifier and event.key() in (
            Qt.Key.Key_Left,
            Qt.Key.Key_Right,
        ):
            self.neighbourRequested.emit(-1 if event.key() == Qt.Key.Key_Left else 1)
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Double-click on the comment badge opens comments; elsewhere on a card edits it."""
        index = self.indexAt(event.position().toPoint())
        if not index.isValid():
            super().mouseDoubleClickEvent(event)
            return
        task_id = index.data(TaskRole.Id)
        if badge_rect(self.visualRect(index)).contains(event.position().toPoint()):
            self.badgeDoubleClicked.emit(task_id)
        else:
            self.cardDoubleClicked.emit(task_id)
        event.accept()


class ColumnView(QFrame):
    """A column: header with title, count, WIP limit and "+", then its card list."""

    addRequested = Signal(str)  # column key
    taskDropped = Signal(int, str)  # task id, column key
    contextMenuRequested = Signal(int, QPoint)  # task id, global position
    headerMenuRequested = Signal(str, QPoint)  # column key, global position

    def __init__(self, column: ColumnRecord, model: TaskListModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.column = column
        self.model = model
        self.count = 0
        self.count_estimated = False
        self.setObjectName(f"column_{column.key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(180)

        self.header = QFrame()
        self.header.setObjectName("columnHeader")
        self.header.setAutoFillBackground(True)
        self.header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.header.customContextMenuRequested.connect(
            lambda pos: self.headerMenuRequested.emit(self.column.key, self.header.mapToGlobal(pos))
        )
        self.title_label = QLabel()
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 1)
        self.title_label.setFont(font)
        self.count_label = QLabel()
        self.wip_label = QLabel()
        self.add_button = QToolButton()
        self.add_button.setText("+")
        self.add_button.setAutoRaise(True)
        self.add_button.clicked.connect(lambda: self.addRequested.emit(self.column.key))
        header_layout = QHBoxLayout(self.header)
        header_layout.setContentsMargins(8, 4, 4, 4)
        header_layout.addWidget(self.title_label)
        header_layout.addWidget(self.count_label)
        header_layout.addStretch(1)
        header_layout.addWidget(self.wip_label)
        header_layout.addWidget(self.add_button)

        self.busy_bar = QProgressBar()  # slim and indeterminate while a page is on its way
        self.busy_bar.setObjectName("columnBusy")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedHeight(3)
        self.busy_bar.setAccessibleName(self.tr("Loading cards"))
        self.busy_bar.setVisible(model.loading)
        keep_place = self.busy_bar.sizePolicy()  # showing it must not move the cards: moving
        keep_place.setRetainSizeWhenHidden(True)  # them repaints every card of the column
        self.busy_bar.setSizePolicy(keep_place)
        self.view = TaskListView()
        self.view.setObjectName(f"cards_{column.key}")
        self.view.setModel(model)
        self.view.taskDropped.connect(
            lambda task_id: self.taskDropped.emit(task_id, self.column.key)
        )
        self.view.customContextMenuRequested.connect(self._context_menu)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.view, 1)
        self.set_column(column)
        model.loadingChanged.connect(self.busy_bar.setVisible)

    def set_column(self, column: ColumnRecord) -> None:
        """Show a renamed column or a new WIP limit."""
        self.column = column
        title = column_title(column.key, column.title)
        self.title_label.setText(title)
        self.add_button.setToolTip(translate("Board", "New task in “{title}”").format(title=title))
        self._update_header()

    def set_count(self, count: int, estimated: bool = False) -> None:
        """The number of visible tasks in the column (all, not just loaded; maybe estimated)."""
        self.count = count
        self.count_estimated = estimated
        self._update_header()

    def set_count_pending(self) -> None:
        """The count is being recomputed (a search over the whole table)."""
        self.count_label.setText("…")

    @property
    def over_limit(self) -> bool:
        """True when the column holds more tasks than its WIP limit."""
        limit = self.column.wip_limit
        return bool(limit) and self.count > limit

    def header_text(self) -> str:
        """The header as one line, e.g. "In progress 7 · WIP 5" (tests, accessibility)."""
        parts = [self.title_label.text(), self.count_label.text()]
        if self.wip_label.text():
            parts.append(self.wip_label.text())
        return " ".join(parts)

    def _update_header(self) -> None:
        if self.count_estimated:
            self.count_label.setText(self.tr("about {count}").format(count=grouped(self.count)))
        else:
            self.count_label.setText(grouped(self.count))
        limit = self.column.wip_limit
        self.wip_label.setText(
            translate("Board", "WIP {limit}").format(limit=limit) if limit else ""
        )
        palette = self.palette()
        header_palette = QPalette(palette)
        if self.over_limit:
            header_palette.setColor(QPalette.ColorRole.Window, theme.warning_background(palette))
            header_palette.setColor(QPalette.ColorRole.WindowText, theme.warning_text(palette))
            self.header.setToolTip(
                translate(
                    "Board", "Over the WIP limit: %n task(s), limit {limit}", None, self.count
                ).format(limit=limit)
            )
        else:
            header_palette.setColor(QPalette.ColorRole.Window, theme.column_background(palette))
            self.header.setToolTip("")
        self.header.setPalette(header_palette)
        for label in (self.title_label, self.count_label, self.wip_label):
            label.setPalette(header_palette)

    def changeEvent(self, event) -> None:
        """Follow a palette change (light/dark switch of the OS)."""
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._update_header()

    def _context_menu(self, pos: QPoint) -> None:
        """A card's menu, or on an empty spot the column's menu."""
        index = self.view.indexAt(pos)
        position = self.view.viewport().mapToGlobal(pos)
        if not index.isValid():
            self.headerMenuRequested.emit(self.column.key, position)
            return
        self.view.setCurrentIndex(index)
        self.contextMenuRequested.emit(index.data(TaskRole.Id), position)
