"""The tool icons, drawn with QPainter: no image files, crisp at any size and device pixel ratio.

:func:`tool_icon` maps a :attr:`verging_desktop.core.tools.ToolSpec.icon` name (face, enhance,
cutout, image, speaker, microphone, chat, eye, soundwave, clapper, reframe) to a :class:`QIcon`. The glyphs are painted each
time they are shown, in the palette's colour of the moment (window text; highlighted text when
selected; the disabled colour when disabled), so they follow a switch between the light and the
dark theme without being rebuilt. An unknown name gets a plain rounded square.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)

Glyph = Callable[[QPainter], None]


def _face(p: QPainter) -> None:
    p.drawEllipse(QPointF(12, 12), 8.5, 8.5)
    p.drawArc(QRectF(8, 9, 8, 7), -20 * 16, -140 * 16)
    dot = QPen(p.pen())
    dot.setWidthF(p.pen().widthF() * 1.6)
    p.save()
    p.setPen(dot)
    p.drawPoint(QPointF(9.2, 10))
    p.drawPoint(QPointF(14.8, 10))
    p.restore()


def _star(p: QPainter, cx: float, cy: float, r: float) -> None:
    path = QPainterPath(QPointF(cx, cy - r))
    k = r * 0.22
    for x, y in ((cx + k, cy - k), (cx + r, cy), (cx + k, cy + k), (cx, cy + r), (cx - k, cy + k),
                 (cx - r, cy), (cx - k, cy - k), (cx, cy - r)):
        path.lineTo(x, y)
    p.drawPath(path)


def _enhance(p: QPainter) -> None:
    _star(p, 10, 13, 7.5)
    _star(p, 18, 6, 3.5)


def _cutout(p: QPainter) -> None:
    dashed = QPen(p.pen())
    dashed.setDashPattern([2.0, 1.6])
    p.save()
    p.setPen(dashed)
    p.drawRoundedRect(QRectF(3.5, 3.5, 17, 17), 2.5, 2.5)
    p.restore()
    p.drawEllipse(QPointF(12, 10), 3, 3)
    path = QPainterPath(QPointF(6.5, 20))
    path.cubicTo(7, 15.5, 17, 15.5, 17.5, 20)
    p.drawPath(path)


def _image(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(3, 4.5, 18, 15), 2.5, 2.5)
    path = QPainterPath(QPointF(3.5, 17.5))
    path.lineTo(9, 11.5)
    path.lineTo(13, 15.5)
    path.lineTo(15.5, 13)
    path.lineTo(20.5, 17.5)
    p.drawPath(path)
    p.drawEllipse(QPointF(15.5, 8.8), 1.6, 1.6)


def _speaker(p: QPainter) -> None:
    path = QPainterPath(QPointF(3.5, 9.5))
    for x, y in ((7.5, 9.5), (12, 5), (12, 19), (7.5, 14.5), (3.5, 14.5)):
        path.lineTo(x, y)
    path.closeSubpath()
    p.drawPath(path)
    p.drawArc(QRectF(10, 8, 8, 8), -55 * 16, 110 * 16)
    p.drawArc(QRectF(9, 4.5, 13, 15), -55 * 16, 110 * 16)


def _microphone(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(9, 3, 6, 11.5), 3, 3)
    p.drawArc(QRectF(5.5, 6.5, 13, 11.5), 200 * 16, 140 * 16)
    p.drawLine(QPointF(12, 18), QPointF(12, 21))
    p.drawLine(QPointF(8.5, 21), QPointF(15.5, 21))


def _chat(p: QPainter) -> None:
    path = QPainterPath()
    path.addRoundedRect(QRectF(3, 4, 18, 12.5), 3.5, 3.5)
    tail = QPainterPath(QPointF(7.5, 16.3))
    tail.lineTo(6.5, 20.5)
    tail.lineTo(12, 16.3)
    p.drawPath(path.united(tail))
    for x in (8, 12, 16):
        p.drawPoint(QPointF(x, 10.3))


def _eye(p: QPainter) -> None:
    path = QPainterPath(QPointF(2.5, 12))
    path.quadTo(12, 1.5, 21.5, 12)
    path.quadTo(12, 22.5, 2.5, 12)
    p.drawPath(path)
    p.drawEllipse(QPointF(12, 12), 3.2, 3.2)


def _soundwave(p: QPainter) -> None:
    """Sound (Vimmerse): a note beside three bars of a level meter."""
    p.drawEllipse(QPointF(6.5, 17.5), 2.6, 2.1)
    p.drawLine(QPointF(9.1, 17.3), QPointF(9.1, 5))
    p.drawLine(QPointF(9.1, 5), QPointF(12.5, 6.8))
    for x, h in ((15, 6.0), (18, 11.0), (21, 4.0)):
        p.drawLine(QPointF(x, 12 - h / 2), QPointF(x, 12 + h / 2))


def _clapper(p: QPainter) -> None:
    """Generate Video (Vimmerse): a clapperboard with a spark."""
    p.drawRoundedRect(QRectF(3.5, 10, 17, 10.5), 1.8, 1.8)
    path = QPainterPath(QPointF(3.5, 10))
    path.lineTo(4.8, 5.8)
    path.lineTo(19.5, 3)
    path.lineTo(20.5, 7.5)
    p.drawPath(path)
    for x in (8.5, 13.5):
        p.drawLine(QPointF(x, 5.0), QPointF(x + 1.6, 8.6))
    _star(p, 12, 15.3, 3.2)
def _reframe(p: QPainter) -> None:
    """A landscape frame with a portrait crop inside it (crop marks at its corners)."""
    thin = QPen(p.pen())
    thin.setDashPattern([1.6, 1.6])
    p.save()
    p.setPen(thin)
    p.drawRoundedRect(QRectF(2.5, 6.5, 19, 11), 1.5, 1.5)
    p.restore()
    for x, y, dx, dy in ((8, 3, 1, 1), (16, 3, -1, 1), (8, 21, 1, -1), (16, 21, -1, -1)):
        path = QPainterPath(QPointF(x, y + 3.5 * dy))
        path.lineTo(x, y)
        path.lineTo(x + 3 * dx, y)
        p.drawPath(path)


def _lips(p: QPainter) -> None:
    """Lip Sync: a mouth with a sound wave beside it."""
    upper = QPainterPath(QPointF(3, 12))
    upper.cubicTo(5.5, 7.5, 8, 8, 10, 9.5)
    upper.cubicTo(12, 8, 14.5, 7.5, 17, 12)
    lower = QPainterPath(QPointF(3, 12))
    lower.cubicTo(6, 17.5, 14, 17.5, 17, 12)
    p.drawPath(upper)
    p.drawPath(lower)
    p.drawLine(QPointF(3.5, 12), QPointF(16.5, 12))
    p.drawArc(QRectF(16, 9, 4, 6), -60 * 16, 120 * 16)
    p.drawArc(QRectF(16.5, 6.5, 6, 11), -60 * 16, 120 * 16)


def _backdrop(p: QPainter) -> None:
    """Replace Background: a person standing in front of a framed landscape."""
    p.drawRoundedRect(QRectF(2.5, 3.5, 19, 15), 2.5, 2.5)
    hills = QPainterPath(QPointF(3, 13.5))
    hills.lineTo(7.5, 9)
    hills.lineTo(10, 11.5)
    p.drawPath(hills)
    p.drawEllipse(QPointF(15, 10.5), 2.3, 2.3)
    body = QPainterPath(QPointF(10.5, 21))
    body.cubicTo(11, 15, 19, 15, 19.5, 21)
    p.drawPath(body)


def _fallback(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(5, 5, 14, 14), 3, 3)


GLYPHS: dict[str, Glyph] = {
    "face": _face, "enhance": _enhance, "cutout": _cutout, "image": _image, "speaker": _speaker,
    "microphone": _microphone, "chat": _chat, "eye": _eye, "soundwave": _soundwave, "clapper": _clapper,
    "reframe": _reframe,
    "lips": _lips, "backdrop": _backdrop,
}


def glyph_color(mode: QIcon.Mode, palette: QPalette | None = None) -> QColor:
    """The colour a glyph is drawn in: the palette's, for the icon mode."""
    pal = palette or QGuiApplication.palette()
    if mode == QIcon.Mode.Selected:
        return pal.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText)
    if mode == QIcon.Mode.Disabled:
        return pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    return pal.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)


def paint_glyph(painter: QPainter, rect: QRect | QRectF, name: str, color: QColor) -> None:
    """Draw the glyph ``name`` into ``rect`` (kept square, centred) in ``color``."""
    r = QRectF(rect)
    side = min(r.width(), r.height())
    if side <= 0:
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.translate(r.center().x() - side / 2, r.center().y() - side / 2)
    painter.scale(side / 24.0, side / 24.0)
    pen = QPen(color, 1.7 if side >= 20 else 2.0)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    GLYPHS.get(name, _fallback)(painter)
    painter.restore()


class GlyphEngine(QIconEngine):
    """A QIcon engine that paints one glyph in the current palette's colours."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        paint_glyph(painter, rect, self.name, glyph_color(mode))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pm = QPixmap(size)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        self.paint(p, QRect(0, 0, size.width(), size.height()), mode, state)
        p.end()
        return pm

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        """``size`` (device-independent) painted at ``scale`` device pixels per pixel: at 200 %
        a 24 px icon is a 48 px drawing, never a 24 px one blown up."""
        scale = max(1.0, float(scale))
        pm = QPixmap(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)))
        pm.setDevicePixelRatio(scale)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        self.paint(p, QRect(0, 0, size.width(), size.height()), mode, state)
        p.end()
        return pm

    def clone(self) -> QIconEngine:
        # not dead: QIconEngine::clone() is pure virtual, and QIcon::detach() calls it (a shared
        # icon changed with addPixmap/addFile); no code of ours calls it by name
        return GlyphEngine(self.name)

    def key(self) -> str:
        return "vergingGlyph"


def tool_icon(name: str) -> QIcon:
    """The icon for a ToolSpec's ``icon`` name (a rounded square when the name is unknown)."""
    return QIcon(GlyphEngine(name))
