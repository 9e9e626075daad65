"""Themes: follow the system, or a light or dark palette on the Fusion style."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory

THEMES = ("system", "light", "dark")
_ORIGINAL: dict[str, QPalette] = {}
_ORIGINAL_STYLE: list[str] = []


def dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor(30, 32, 36), QColor(43, 45, 50), QColor(226, 228, 232)
    disabled = QColor(130, 133, 140)
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor(38, 40, 45))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor(55, 58, 64))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.PlaceholderText, disabled)
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, QColor(52, 55, 61))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.BrightText, QColor(255, 90, 90))
    p.setColor(QPalette.ColorRole.Link, QColor(110, 168, 255))
    p.setColor(QPalette.ColorRole.Highlight, QColor(64, 120, 215))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
    p.setColor(QPalette.ColorRole.Mid, QColor(70, 73, 80))
    p.setColor(QPalette.ColorRole.Dark, QColor(20, 21, 24))
    p.setColor(QPalette.ColorRole.Light, QColor(80, 83, 90))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.PlaceholderText, QColor(95, 98, 105))
    return p


#: the border of check boxes and radio buttons in the dark theme (Fusion draws it a shade darker
#: than the window, which on a dark window is nearly invisible)
DARK_INDICATOR_BORDER = QColor(150, 154, 162)


class DarkStyle(QProxyStyle):
    """Fusion, with check box and radio button indicators outlined so that an unchecked box
    stands out from a dark window."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self.setObjectName("vergingDark")

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: Any, painter: QPainter,
                      widget: Any = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        PE = QStyle.PrimitiveElement
        if element not in (PE.PE_IndicatorCheckBox, PE.PE_IndicatorRadioButton, PE.PE_IndicatorItemViewItemCheck):
            return
        enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
        color = QColor(DARK_INDICATOR_BORDER) if enabled else QColor(95, 98, 105)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(color, 1.2))
        painter.setBrush(QColor(0, 0, 0, 0))
        r = QRectF(option.rect).adjusted(0.6, 0.6, -0.6, -0.6)
        if element == PE.PE_IndicatorRadioButton:
            painter.drawEllipse(r)
        else:
            painter.drawRoundedRect(r, 2.0, 2.0)
        painter.restore()


def light_palette() -> QPalette:
    p = QPalette()
    p.setColor(QPalette.ColorRole.Window, QColor(245, 246, 248))
    p.setColor(QPalette.ColorRole.WindowText, QColor(28, 30, 34))
    p.setColor(QPalette.ColorRole.Base, QColor(255, 255, 255))
    p.setColor(QPalette.ColorRole.AlternateBase, QColor(240, 242, 245))
    p.setColor(QPalette.ColorRole.Text, QColor(28, 30, 34))
    p.setColor(QPalette.ColorRole.Button, QColor(236, 238, 241))
    p.setColor(QPalette.ColorRole.ButtonText, QColor(28, 30, 34))
    p.setColor(QPalette.ColorRole.Highlight, QColor(50, 110, 210))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
    p.setColor(QPalette.ColorRole.Link, QColor(30, 90, 200))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor(255, 255, 225))
    p.setColor(QPalette.ColorRole.ToolTipText, QColor(28, 30, 34))
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor(140, 143, 150))
    # disabled controls look disabled: grey text on a flatter button, a muted selection
    D = QPalette.ColorGroup.Disabled
    disabled = QColor(150, 153, 160)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.ToolTipText):
        p.setColor(D, role, disabled)
    p.setColor(D, QPalette.ColorRole.PlaceholderText, QColor(178, 181, 187))
    p.setColor(D, QPalette.ColorRole.Button, QColor(242, 243, 245))
    p.setColor(D, QPalette.ColorRole.Base, QColor(245, 246, 248))
    p.setColor(D, QPalette.ColorRole.Highlight, QColor(190, 196, 206))
    p.setColor(D, QPalette.ColorRole.HighlightedText, QColor(90, 93, 100))
    p.setColor(D, QPalette.ColorRole.Link, QColor(140, 160, 200))
    return p


def is_dark(palette: QPalette | None = None) -> bool:
    p = palette or QApplication.palette()
    return p.color(QPalette.ColorRole.Window).lightness() < 128


def apply_theme(app: QApplication, theme: str) -> None:
    """Apply ``system``, ``light`` or ``dark``. The system palette is remembered the first time."""
    if "system" not in _ORIGINAL:
        _ORIGINAL["system"] = QPalette(app.palette())
        _ORIGINAL_STYLE.append(app.style().name())
    if theme == "dark":
        app.setStyle(DarkStyle())
        app.setPalette(dark_palette())
    elif theme == "light":
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(light_palette())
    else:
        if _ORIGINAL_STYLE and app.style().name().lower() != _ORIGINAL_STYLE[0].lower():
            style = QStyleFactory.create(_ORIGINAL_STYLE[0])
            if style is not None:
                app.setStyle(style)
        app.setPalette(_ORIGINAL["system"])
    app.setProperty("vergingTheme", theme)
    _restyle_style_sheets(app)


def _restyle_style_sheets(app: QApplication) -> None:
    """Make the widgets under a style sheet take the new palette.

    Qt gives every widget under a style sheet (a drop zone's frame, a banner...) a palette of its
    own when it is polished, so an application palette set later does not reach it: after a switch
    to the dark theme in Settings a drop zone kept black text and light buttons on the dark window.
    Setting the same sheet again polishes it (and its children) with the current palette; the
    state colours in it (a job done, an error) take the twin that reads on the new palette."""
    from .colors import for_palette

    dark = is_dark(app.palette())
    for w in app.allWidgets():
        sheet = w.styleSheet()
        if sheet:
            w.setStyleSheet(for_palette(sheet, dark))
