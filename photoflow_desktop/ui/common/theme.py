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


_ROLES = QPalette.ColorRole
# The plain palettes for screenshots and tests: role → (light, dark).
PALETTE_COLORS = {
    _ROLES.Window: ("#f3f3f3", "#2b2b2b"),
    _ROLES.WindowText: ("#1e1e1e", "#e6e6e6"),
    _ROLES.Base: ("#ffffff", "#1f1f1f"),
    _ROLES.AlternateBase: ("#f7f7f7", "#262626"),
    _ROLES.Text: ("#1e1e1e", "#e6e6e6"),
    _ROLES.Button: ("#ececec", "#353535"),
    _ROLES.ButtonText: ("#1e1e1e", "#e6e6e6"),
    _ROLES.Highlight: ("#3074d0", "#3d7fd9"),
    _ROLES.HighlightedText: ("#ffffff", "#ffffff"),
    _ROLES.PlaceholderText: ("#808080", "#8c8c8c"),
    _ROLES.ToolTipBase: ("#ffffdc", "#3a3a3a"),
    _ROLES.ToolTipText: ("#1e1e1e", "#e6e6e6"),
    _ROLES.Mid: ("#b8b8b8", "#4a4a4a"),
    _ROLES.Dark: ("#a0a0a0", "#1a1a1a"),
    _ROLES.Light: ("#ffffff", "#505050"),
}


def _palette(dark: bool) -> QPalette:
    palette = QPalette()
    for role, (light_color, dark_color) in PALETTE_COLORS.items():
        palette.setColor(role, QColor(dark_color if dark else light_color))
    return palette


def light_palette() -> QPalette:
    """A plain light palette (screenshots and tests; the app follows the OS palette)."""
    return _palette(dark=False)


def dark_palette() -> QPalette:
    """A plain dark palette (screenshots and tests; the app follows the OS palette)."""
    palette = _palette(dark=True)
    for role in (_ROLES.Text, _ROLES.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette
