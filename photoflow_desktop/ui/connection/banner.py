"""The coloured line above the board that says the connection is lost and being retried."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from photoflow_desktop.ui.common import theme


class ConnectionBanner(QLabel):
    """Hidden until `show_message`; warning colours from the theme."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("connectionBanner")
        self.setWordWrap(True)
        self.setMargin(6)
        self.setAutoFillBackground(True)
        self.hide()

    def show_message(self, text: str, palette_source: QWidget) -> None:
        """Show `text` in the warning colours of `palette_source`'s palette."""
        palette = self.palette()
        source = palette_source.palette()
        palette.setColor(palette.ColorRole.Window, theme.warning_background(source))
        palette.setColor(palette.ColorRole.WindowText, theme.warning_text(source))
        self.setPalette(palette)
        self.setText(text)
        self.show()

    def clear_message(self) -> None:
        """Hide the banner and forget its text."""
        self.hide()
        self.clear()
