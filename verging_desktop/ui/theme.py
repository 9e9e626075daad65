"""Themes: follow the system, or a light or dark palette on the Fusion style.

"system" follows the desktop's light/dark preference (``QStyleHints.colorScheme``, Qt 6.5+), also
when it changes while the app runs (``colorSchemeChanged``; :func:`follow_system_scheme`): the
platform's own palette when it matches the preference (a desktop whose Qt platform theme colours
Qt apps), else this module's dark or light palette (Qt's Fusion palette stays light on a dark
desktop without one). A theme the user chose in Settings ("light", "dark") is kept whatever the
desktop says, and is also asked of the platform (``QStyleHints.setColorScheme``, Qt 6.8+) so the
window frame and Qt's own dialogs match.
"""

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


def system_scheme(app: QApplication) -> str:
    """The desktop's preference: "dark", "light" or "unknown" (the platform does not say).

    The first call costs some 40 ms (PySide6 builds the ``Qt`` namespace's enums on first use):
    the app makes it after the first frame, not before."""
    from PySide6.QtCore import Qt

    scheme = app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return "dark"
    if scheme == Qt.ColorScheme.Light:
        return "light"
    return "unknown"


def effective_theme(app: QApplication | None = None) -> str:
    """The palette in use: "dark" or "light" (what "system" resolved to)."""
    return "dark" if is_dark(app.palette() if app is not None else None) else "light"


def apply_theme(app: QApplication, theme: str, scheme: str | None = None) -> None:
    """Apply ``system``, ``light`` or ``dark``. The system style is remembered the first time.

    With ``system``, ``scheme`` is the desktop's preference ("dark", "light", "unknown"; read
    from the style hints when None): the platform's palette when it matches, else ours."""
    if "system" not in _ORIGINAL:
        _ORIGINAL["system"] = QPalette(app.palette())
        _ORIGINAL_STYLE.append(app.style().name())
    if theme == "dark":
        _set_dark(app)
    elif theme == "light":
        _set_light(app)
    else:
        if _ORIGINAL_STYLE and app.style().name().lower() != _ORIGINAL_STYLE[0].lower():
            style = QStyleFactory.create(_ORIGINAL_STYLE[0])
            if style is not None:
                app.setStyle(style)
        _ask_platform(app, None)
        app.setPalette(QPalette())  # the platform's own palette (it follows the platform from now on)
        if scheme is None:
            scheme = system_scheme(app)
        platform_dark = is_dark(app.palette())
        if scheme == "dark" and not platform_dark:
            _set_dark(app, ask=False)
        elif scheme == "light" and platform_dark:
            _set_light(app, ask=False)
        theme = "system"
    app.setProperty("vergingTheme", theme)
    _restyle_style_sheets(app)


def _set_dark(app: QApplication, *, ask: bool = True) -> None:
    app.setStyle(DarkStyle())
    app.setPalette(dark_palette())
    if ask:
        _ask_platform(app, "dark")


def _set_light(app: QApplication, *, ask: bool = True) -> None:
    app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(light_palette())
    if ask:
        _ask_platform(app, "light")


def _ask_platform(app: QApplication, scheme: str | None) -> None:
    """Ask the platform for ``scheme`` (the window frame, Qt's own dialogs) or, with None, to
    follow the desktop again (Qt 6.8+; nothing on older Qt). Only once the app follows the
    desktop's changes (:func:`follow_system_scheme`): before that, nothing was asked, and the
    ``Qt`` enums are not built before the first frame."""
    if not app.property("vergingFollows"):
        return
    hints = app.styleHints()
    if scheme is None:
        if hasattr(hints, "unsetColorScheme"):
            hints.unsetColorScheme()
        return
    if hasattr(hints, "setColorScheme"):
        from PySide6.QtCore import Qt

        hints.setColorScheme(Qt.ColorScheme.Dark if scheme == "dark" else Qt.ColorScheme.Light)


def follow_system_scheme(app: QApplication, on_scheme: Any = None) -> str:
    """Follow the desktop's light/dark preference from now on while the theme is "system": its
    ``colorSchemeChanged`` re-applies the theme (once connected, never twice). Applies the current
    preference now (with "system"), and returns it; ``on_scheme(scheme)`` is called with each one
    (the app remembers the last, so the next start paints its first frame in it)."""
    _FOLLOW["on_scheme"] = on_scheme
    if not app.property("vergingFollows"):
        app.setProperty("vergingFollows", True)
        app.styleHints().colorSchemeChanged.connect(lambda s: _scheme_changed(app, s))
    scheme = system_scheme(app)
    theme = app.property("vergingTheme")
    if theme in (None, "system"):
        apply_theme(app, "system", scheme)
        _told(scheme)
    else:
        _ask_platform(app, str(theme))
    return scheme


#: the callback of the last follow_system_scheme() (one per application)
_FOLLOW: dict[str, Any] = {}


def _scheme_changed(app: QApplication, s: Any) -> None:
    """The desktop's preference changed (or the platform answered our request)."""
    from PySide6.QtCore import Qt

    name = "dark" if s == Qt.ColorScheme.Dark else "light" if s == Qt.ColorScheme.Light else "unknown"
    if app.property("vergingTheme") in (None, "system"):
        apply_theme(app, "system", name)
        _told(name)


def _told(scheme: str) -> None:
    cb = _FOLLOW.get("on_scheme")
    if cb is not None and scheme in ("dark", "light"):
        cb(scheme)


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
