"""The application icon: resources/icons/app/ (the hand-drawn SVG and its PNGs, 16..512 px).

The PNGs are rendered from the SVG by packaging/make_icons.py; a QIcon built from them picks the
nearest size for the window, the task bar and the about box, and the SVG covers any other size
(HiDPI). Should the files be missing (a broken installation), the same mark is drawn with
QPainter so the window still has an icon.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap

from .. import APP_ID  # noqa: F401  (re-exported: the icon's name)
from ..core.resources import resource_path

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)   # packaging/make_icons.py's


def _render(size: int) -> QPixmap:
    # only for a broken installation. Imported here: this module is imported before the first
    # frame, and importing these names there cost ~16 ms of start-up (measured, issue 14)
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPainterPath, QPen

    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    r = QRectF(0.5, 0.5, size - 1, size - 1)
    g = QLinearGradient(r.topLeft(), r.bottomRight())
    g.setColorAt(0.0, QColor("#5b8fd6"))
    g.setColorAt(1.0, QColor("#2a4d86"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(g)
    p.drawRoundedRect(r, size * 0.22, size * 0.22)
    path = QPainterPath(QPointF(size * 0.26, size * 0.28))
    path.lineTo(QPointF(size * 0.5, size * 0.74))
    path.lineTo(QPointF(size * 0.74, size * 0.28))
    pen = QPen(QColor("white"), max(1.5, size * 0.11))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(path)
    p.end()
    return pm


def _drawn_icon() -> QIcon:
    icon = QIcon()
    for s in (16, 24, 32, 48, 64, 128, 256):
        icon.addPixmap(_render(s))
    return icon


def app_icon() -> QIcon:
    """The application icon, from resources/icons/app/ (drawn with QPainter if the files are missing)."""
    try:
        folder = resource_path("icons", "app")
    except FileNotFoundError:
        return _drawn_icon()
    icon = QIcon()
    for size in PNG_SIZES:
        png = folder / f"verging-desktop-{size}.png"
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))
    svg = folder / "verging-desktop.svg"
    if svg.is_file():
        icon.addFile(str(svg))
    return _drawn_icon() if icon.isNull() else icon
