"""Palette helpers: card colours derived from the OS palette, readable in light and dark."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

URGENT_LIGHT = QColor("#c62828")
URGENT_DARK = QColor("#ef5350")
WARNING_LIGHT = QColor("#f9a825")
WARNING_DARK = QColor("#b26a00")
SOON_LIGHT = QColor("#ef6c00")
SOON_DARK = QColor("#ffa726")
OK_LIGHT = QColor("#2e7d32")
OK_DARK = QColor("#66bb6a")

# Chip hues of the web app's workflow (English and German names), others get a neutral chip.
STATUS_HUES = {
    "raw": 210,
    "nichtbearbeitet": 210,
    "developed": 35,
    "entwickelt": 35,
    "retouched": 280,
    "retuschiert": 280,
    "printed": 140,
    "gedruckt": 140,
}


def is_dark(palette: QPalette) -> bool:
    """True when the palette draws light text on a dark window."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`a` moved `amount` (0…1) of the way towards `b`."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


def urgent_color(palette: QPalette) -> QColor:
    """Red for overdue or due within a day."""
    return URGENT_DARK if is_dark(palette) else URGENT_LIGHT


def soon_color(palette: QPalette) -> QColor:
    """Orange for due within three days."""
    return SOON_DARK if is_dark(palette) else SOON_LIGHT


def calm_color(palette: QPalette) -> QColor:
    """Green accent for a task with time left."""
    return OK_DARK if is_dark(palette) else OK_LIGHT


def warning_background(palette: QPalette) -> QColor:
    """The column header background when its WIP limit is exceeded."""
    return WARNING_DARK if is_dark(palette) else WARNING_LIGHT


def warning_text(palette: QPalette) -> QColor:
    """Text readable on `warning_background`."""
    return QColor("#ffffff") if is_dark(palette) else QColor("#1a1a1a")


def muted_text(palette: QPalette) -> QColor:
    """Text of a finished card: half way between text and background."""
    return mix(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.5)


def card_background(palette: QPalette, selected: bool = False) -> QColor:
    """A card's fill (lighter than the lane), tinted with the highlight when selected."""
    base = palette.color(QPalette.ColorRole.Base)
    if is_dark(palette):
        base = mix(base, palette.color(QPalette.ColorRole.Text), 0.10)
    if selected:
        return mix(base, palette.color(QPalette.ColorRole.Highlight), 0.22)
    return base


def card_border(palette: QPalette, selected: bool = False) -> QColor:
    """A card's outline."""
    if selected:
        return palette.color(QPalette.ColorRole.Highlight)
    return mix(palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.2)


def column_background(palette: QPalette) -> QColor:
    """The lane behind the cards (and the column header): the cards stand out from it."""
    if is_dark(palette):
        return palette.color(QPalette.ColorRole.Base)
    return palette.color(QPalette.ColorRole.Window).darker(104)


def chip_colors(status: str, palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) of a status chip; known workflow statuses get their own hue."""
    hue = STATUS_HUES.get(status.strip().lower())
    dark = is_dark(palette)
    if hue is None:
        text = palette.color(QPalette.ColorRole.Text)
        return mix(palette.color(QPalette.ColorRole.Base), text, 0.15), text
    if dark:
        return QColor.fromHsl(hue, 90, 70), QColor.fromHsl(hue, 200, 215)
    return QColor.fromHsl(hue, 170, 225), QColor.fromHsl(hue, 200, 60)


def light_palette() -> QPalette:
    """A plain light palette (screenshots and tests; the app follows the OS palette)."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#f3f3f3",
        QPalette.ColorRole.WindowText: "#1e1e1e",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f7f7f7",
        QPalette.ColorRole.Text: "#1e1e1e",
        QPalette.ColorRole.Button: "#ececec",
        QPalette.ColorRole.ButtonText: "#1e1e1e",
        QPalette.ColorRole.Highlight: "#3074d0",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#808080",
        QPalette.ColorRole.ToolTipBase: "#ffffdc",
        QPalette.ColorRole.ToolTipText: "#1e1e1e",
        QPalette.ColorRole.Mid: "#b8b8b8",
        QPalette.ColorRole.Dark: "#a0a0a0",
        QPalette.ColorRole.Light: "#ffffff",
    }
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    return palette


def dark_palette() -> QPalette:
    """A plain dark palette (screenshots and tests; the app follows the OS palette)."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f1f1f",
        QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.Highlight: "#3d7fd9",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#8c8c8c",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.Mid: "#4a4a4a",
        QPalette.ColorRole.Dark: "#1a1a1a",
        QPalette.ColorRole.Light: "#505050",
    }
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette
