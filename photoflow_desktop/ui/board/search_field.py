"""The toolbar's search field: searches once typing pauses or on Return; Escape clears."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

from photoflow_desktop.i18n import translate

SEARCH_DELAY_MS = 250


class SearchField(QLineEdit):
    """A line edit that debounces typing into `searchRequested`; Escape emits `clearRequested`."""

    searchRequested = Signal()
    clearRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("search")
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(translate("Board", "Search…  e.g. Smith status:Retouched due:week"))
        self.setMinimumWidth(320)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.searchRequested)
        self.textChanged.connect(lambda _text: self.timer.start())
        self.returnPressed.connect(self.searchRequested)
        clear_search = QAction(translate("Board", "Clear search"), self)
        clear_search.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear_search.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear_search.triggered.connect(lambda _checked=False: self.clearRequested.emit())
        self.addAction(clear_search)

    def focus_and_select(self) -> None:
        """Put the cursor in the field with its text selected."""
        self.setFocus()
        self.selectAll()
