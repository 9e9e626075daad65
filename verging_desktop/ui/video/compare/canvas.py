"""The compare canvas: paints the original and the result in one widget (wipe, side by side, toggle), zoom and pan."""

from __future__ import annotations

from PySide6.QtCore import (
    QPointF,
    QRectF,
    QSizeF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QSizePolicy,
    QWidget,
)

from .common import MODES, ZOOMS, checkerboard
from .side import Side


class CompareCanvas(QWidget):
    """Paints the original and the result in one widget (wipe, side by side, toggle; zoom, pan).

    Signals:
        zoomChanged(float)
        splitChanged(float): the wipe line moved (0..1 of the picture's width).
        holdChanged(bool): the original is shown in toggle mode while held.
    """

    zoomChanged = Signal(float)
    splitChanged = Signal(float)
    holdChanged = Signal(bool)

    def __init__(self, original: Side, result: Side, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareCanvas")
        self.original = original
        self.result = result
        self.mode = "wipe"
        self.split = 0.5
        self.zoom = 0.0  # 0 = fit
        self.center = QPointF(0.5, 0.5)  # the picture point shown in the middle when zoomed
        self.holding = False
        self.placeholder = self.tr("Nothing to compare yet")
        #: said where a side has no picture (a job still running; one that failed says so)
        self.missing = self.tr("Waiting for the result…")
        self._drag: str | None = None
        self._press_pos = QPointF()
        self._press_center = QPointF()
        self._checker = QBrush(checkerboard())
        self.setMinimumSize(240, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(False)
        original.changed.connect(self.update)
        result.changed.connect(self.update)

    # -- geometry -----------------------------------------------------------------------------
    #: two pictures whose width:height differ by less than this share one shape (an upscale's
    #: rounding); more, and each keeps its own (a crop, an AI reframe)
    SAME_SHAPE = 0.015

    def reference_size(self) -> QSizeF:
        """The display size of both pictures at 100 % when they have the same shape: the larger
        picture's pixel size (an upscale is compared with its original at the same size)."""
        a, b = self.original.picture_size(), self.result.picture_size()
        sizes = [s for s in (a, b) if s.isValid() and not s.isEmpty()]
        if not sizes:
            return QSizeF()
        big = max(sizes, key=lambda s: s.width() * s.height())
        ref = a if a.isValid() and not a.isEmpty() else big
        w = float(big.width())
        h = w * ref.height() / max(1, ref.width())
        return QSizeF(w, h)

    def same_shape(self) -> bool:
        """Whether the original and the result have the same width:height (or one is missing)."""
        a, b = self.original.picture_size(), self.result.picture_size()
        if not (a.isValid() and not a.isEmpty() and b.isValid() and not b.isEmpty()):
            return True
        ra, rb = a.width() / a.height(), b.width() / b.height()
        return abs(ra - rb) <= self.SAME_SHAPE * max(ra, rb)

    def picture_size(self, side: Side) -> QSizeF:
        """``side``'s display size at 100 %: the shared reference when both have one shape, else
        its own pixels (a 606×1080 crop of a 1920×1080 clip stays 606×1080, never stretched)."""
        if self.same_shape():
            return self.reference_size()
        s = side.picture_size()
        return QSizeF(s) if s.isValid() and not s.isEmpty() else self.reference_size()

    def viewports(self) -> list[QRectF]:
        r = QRectF(self.rect())
        if self.mode == "side":
            half = (r.width() - 6) / 2
            return [QRectF(r.left(), r.top(), half, r.height()), QRectF(r.left() + half + 6, r.top(), half, r.height())]
        return [r]

    def _side_of(self, port: QRectF) -> Side | None:
        """The side painted in ``port`` (None: both, in wipe and toggle)."""
        if self.mode == "side":
            ports = self.viewports()
            return self.result if port == ports[1] else self.original
        return None

    def scale(self, port: QRectF | None = None, side: Side | None = None) -> float:
        """Screen pixels per picture pixel (of ``side``; of the shared reference by default)."""
        port = port or self.viewports()[0]
        size = self.picture_size(side) if side is not None else self.reference_size()
        if size.isEmpty():
            return 1.0
        if self.zoom <= 0:
            return min(port.width() / size.width(), port.height() / size.height())
        return self.zoom / max(1e-6, self.devicePixelRatioF())

    def side_rect(self, port: QRectF, side: Side) -> QRectF:
        """Where ``side``'s whole picture goes in ``port``, its own shape kept (letterboxed when
        fitted; larger than ``port`` when zoomed in, on the same relative point of both)."""
        size = self.picture_size(side)
        if size.isEmpty():
            return QRectF()
        s = self.scale(port, side)
        w, h = size.width() * s, size.height() * s
        if self.zoom <= 0:
            return QRectF(port.center().x() - w / 2, port.center().y() - h / 2, w, h)
        cx = self._clamp_center(self.center.x(), w, port.width())
        cy = self._clamp_center(self.center.y(), h, port.height())
        return QRectF(port.center().x() - cx * w, port.center().y() - cy * h, w, h)

    def target_rect(self, port: QRectF) -> QRectF:
        """Where the picture goes in ``port``: in side by side the one painted there; in wipe and
        toggle the box both fill (the same rectangle when they have one shape; around both,
        each centred in it, when their shapes differ)."""
        side = self._side_of(port)
        if side is not None:
            return self.side_rect(port, side)
        rects = [self.side_rect(port, s) for s in (self.original, self.result)]
        rects = [r for r in rects if not r.isEmpty()]
        if not rects:
            return QRectF()
        out = rects[0]
        for r in rects[1:]:
            out = out.united(r)
        return out

    @staticmethod
    def _clamp_center(c: float, size: float, view: float) -> float:
        if size <= view:
            return 0.5
        half = view / 2 / size
        return min(max(c, half), 1 - half)

    def visible_region(self) -> QRectF:
        """The part of the picture on screen, in 0..1 picture coordinates (same for both sides)."""
        port = self.viewports()[0]
        t = self.side_rect(port, self.original if not self.original.picture_size().isEmpty() else self.result)
        if t.isEmpty():
            return QRectF()
        vis = t.intersected(port)
        return QRectF((vis.left() - t.left()) / t.width(), (vis.top() - t.top()) / t.height(),
                      vis.width() / t.width(), vis.height() / t.height())

    # -- controls -------------------------------------------------------------------------------
    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(mode)
        self.mode = mode
        self.set_holding(False)
        self.update()

    def set_zoom(self, zoom: float, at: QPointF | None = None) -> None:
        """0 = fit; ``at`` (widget coordinates) keeps that picture point under the cursor."""
        if at is not None and zoom > 0:
            port = self._port_at(at)
            t = self.target_rect(port)
            if not t.isEmpty() and t.contains(at):
                self.center = QPointF((at.x() - t.left()) / t.width(), (at.y() - t.top()) / t.height())
        elif zoom > 0 and self.zoom <= 0:
            self.center = QPointF(0.5, 0.5)
        self.zoom = max(0.0, zoom)
        self.update()
        self.zoomChanged.emit(self.zoom)

    def set_center(self, x: float, y: float) -> None:
        self.center = QPointF(min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0))
        self.update()

    def set_split(self, value: float) -> None:
        self.split = min(max(value, 0.0), 1.0)
        self.update()
        self.splitChanged.emit(self.split)

    def set_holding(self, value: bool) -> None:
        if value != self.holding:
            self.holding = value
            self.update()
            self.holdChanged.emit(value)

    def _port_at(self, pos: QPointF) -> QRectF:
        for p in self.viewports():
            if p.contains(pos):
                return p
        return self.viewports()[0]

    def _split_x(self) -> float:
        port = self.viewports()[0]
        t = self.target_rect(port)
        return t.left() + self.split * t.width()

    # -- painting -------------------------------------------------------------------------------
    def paintEvent(self, _e: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().color(self.backgroundRole()).darker(115))
        a, b = self.original.image(), self.result.image()
        if a is None and b is None:
            p.setPen(self.palette().color(self.foregroundRole()))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            p.end()
            return
        ports = self.viewports()
        smooth = self.zoom <= 0 and min(self.scale(ports[-1 if s is self.result else 0], s)
                                        for s in (self.original, self.result)) < 1.0
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
        if self.mode == "side":
            for port, side, img, label in ((ports[0], self.original, a, self.tr("Original")),
                                           (ports[1], self.result, b, self.tr("Result"))):
                p.save()
                p.setClipRect(port)
                self._draw(p, img, self.side_rect(port, side), port)
                self._label(p, port, label, left=True)
                p.restore()
        elif self.mode == "toggle":
            port = ports[0]
            show_original = self.holding or b is None
            side = self.original if show_original else self.result
            self._draw(p, a if show_original else b, self.side_rect(port, side), port)
            self._label(p, port, self.tr("Original") if show_original else self.tr("Result (hold to see the original)"), left=True)
        else:  # wipe: both in one box (each its own shape, centred), the line across it
            port = ports[0]
            x = self._split_x()
            right = QRectF(x, port.top(), port.right() - x, port.height()).intersected(port)
            p.save()
            p.setClipRect(right)
            # no result yet: say so in the part the original does not cover, not under it
            self._draw(p, b, self.side_rect(port, self.result), right if b is None else port)
            p.restore()
            p.save()
            p.setClipRect(QRectF(port.left(), port.top(), x - port.left(), port.height()).intersected(port))
            self._draw(p, a, self.side_rect(port, self.original), port)
            p.restore()
            if port.left() <= x <= port.right():
                p.setPen(QPen(QColor(255, 255, 255, 230), 2))
                p.drawLine(QPointF(x, port.top()), QPointF(x, port.bottom()))
                p.setBrush(QColor(255, 255, 255, 230))
                p.setPen(QPen(QColor(0, 0, 0, 120), 1))
                p.drawEllipse(QPointF(x, port.center().y()), 9, 9)
            self._label(p, port, self.tr("Original"), left=True)
            self._label(p, port, self.tr("Result"), left=False)
        if self.zoom > 0:
            self._label(p, ports[-1], f"{self.zoom * 100:.0f}%", left=False, bottom=True)
        p.end()

    def _draw(self, p: QPainter, img: QImage | None, target: QRectF, port: QRectF) -> None:
        if img is None or img.isNull() or target.isEmpty():
            p.save()
            p.setPen(self.palette().color(self.foregroundRole()))
            p.drawText(port, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       self.missing if img is None else "")
            p.restore()
            return
        if img.hasAlphaChannel():
            p.save()
            p.setBrushOrigin(target.topLeft())
            p.fillRect(target.intersected(port), self._checker)
            p.restore()
        p.drawImage(target, img, QRectF(img.rect()))

    def _label(self, p: QPainter, port: QRectF, text: str, *, left: bool, bottom: bool = False) -> None:
        fm = p.fontMetrics()
        w, h = fm.horizontalAdvance(text) + 12, fm.height() + 6
        x = port.left() + 8 if left else port.right() - 8 - w
        y = port.bottom() - 8 - h if bottom else port.top() + 8
        r = QRectF(x, y, w, h)
        p.save()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 0, 150))
        p.drawRoundedRect(r, 4, 4)
        p.setPen(QColor(255, 255, 255))
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, text)
        p.restore()

    # -- mouse ----------------------------------------------------------------------------------
    def mousePressEvent(self, e: QMouseEvent) -> None:
        pos = e.position()
        self._press_pos = QPointF(pos)
        self._press_center = QPointF(self.center)
        if e.button() == Qt.MouseButton.LeftButton:
            if self.mode == "toggle":
                self._drag = "hold"
                self.set_holding(True)
            elif self.mode == "wipe" and (self.zoom <= 0 or abs(pos.x() - self._split_x()) < 12):
                self._drag = "split"
                self._move_split(pos.x())
            elif self.zoom > 0:
                self._drag = "pan"
        elif e.button() in (Qt.MouseButton.MiddleButton, Qt.MouseButton.RightButton) and self.zoom > 0:
            self._drag = "pan"
        e.accept()

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        pos = e.position()
        if self._drag == "split":
            self._move_split(pos.x())
        elif self._drag == "pan":
            port = self._port_at(self._press_pos)
            t = self.target_rect(port)
            if not t.isEmpty():
                d = pos - self._press_pos
                self.set_center(self._press_center.x() - d.x() / t.width(), self._press_center.y() - d.y() / t.height())
        elif self.mode == "wipe":
            near = abs(pos.x() - self._split_x()) < 12
            self.setCursor(Qt.CursorShape.SplitHCursor if near or self.zoom <= 0 else Qt.CursorShape.OpenHandCursor)
        else:
            self.setCursor(Qt.CursorShape.OpenHandCursor if self.zoom > 0 else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        if self._drag == "hold":
            self.set_holding(False)
        self._drag = None
        e.accept()

    def mouseDoubleClickEvent(self, e: QMouseEvent) -> None:
        self.set_zoom(0.0 if self.zoom > 0 else 1.0, at=e.position())

    def wheelEvent(self, e: QWheelEvent) -> None:
        steps = [z for z, _ in ZOOMS]
        cur = steps.index(self.zoom) if self.zoom in steps else 0
        nxt = cur + (1 if e.angleDelta().y() > 0 else -1)
        if 0 <= nxt < len(steps) and e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.set_zoom(steps[nxt], at=e.position())
            e.accept()
        else:
            e.ignore()

    def _move_split(self, x: float) -> None:
        t = self.target_rect(self.viewports()[0])
        if not t.isEmpty():
            self.set_split((x - t.left()) / t.width())


# ------------------------------------------------------------------------------------------------
# the view: canvas + transport


