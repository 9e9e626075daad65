"""The trimmer's timeline: one custom-painted widget with a time ruler, a filmstrip of
thumbnails, an audio waveform, keyframe ticks, the selected range, in/out handles and a playhead.

The timeline only draws and reports what the mouse did; the :class:`~.trimmer.Trimmer` owns the
times, snaps them to frames (or keyframes) and calls back with the result, so every way of
moving a point (mouse, keys, spin boxes) goes through one place.

Signals:
    handlePressed(str which): the ``"in"`` or ``"out"`` handle was grabbed.
    handleDragged(str which, float seconds): a grabbed handle was moved to ``seconds`` (unsnapped).
    handleReleased(str which): the handle was let go.
    scrubbed(float seconds): the playhead was clicked or dragged to ``seconds`` (unsnapped).
    viewChanged(float start, float end): the visible part of the clip changed (zoom / scroll).

Mouse: drag a handle to move the in or out point; click or drag anywhere else to move the
playhead (in the ruler, the playhead always wins over the handles); Ctrl+wheel zooms around the
pointer and the wheel scrolls while zoomed; double-click on the ruler fits the whole clip.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

#: pixels left and right of the clip, so the handles at the ends can still be grabbed
MARGIN = 10
RULER_H = 18
#: a lane under the ruler for the keyframe ticks
KEY_H = 5
STRIP_H = 48
WAVE_H = 22
BOTTOM = 4
#: how far from a handle's line (outward / inward) a press still grabs it
GRAB_OUT = 11
GRAB_IN = 5
HANDLE_W = 7

VALID = QColor(64, 160, 255)
INVALID = QColor(229, 57, 53)
PLAYHEAD = QColor(255, 255, 255)
KEYFRAME = QColor(255, 196, 0)
#: what a previewed cut really holds
CUT = QColor(255, 152, 0)
WAVE = QColor(120, 200, 140)
BACKGROUND = QColor(26, 27, 30)
PLACEHOLDER = QColor(48, 50, 56)
RULER_BG = QColor(36, 38, 42)
RULER_TEXT = QColor(190, 193, 200)

#: ruler steps in seconds (a label every step, a minor tick every fifth)
_STEPS = (0.04, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600)


def fmt_time(seconds: float, *, ms: bool = True) -> str:
    """``m:ss.mmm`` (``h:mm:ss.mmm`` from one hour), never negative."""
    total_ms = round(max(0.0, seconds) * 1000)
    s, msec = divmod(total_ms, 1000)
    h, s = divmod(s, 3600)
    m, s = divmod(s, 60)
    base = f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
    return f"{base}.{msec:03d}" if ms else base


class Timeline(QWidget):
    """The custom-painted timeline of the trimmer (see the module docstring for signals)."""

    handlePressed = Signal(str)
    handleDragged = Signal(str, float)
    handleReleased = Signal(str)
    scrubbed = Signal(float)
    viewChanged = Signal(float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._duration = 0.0
        self._view = (0.0, 0.0)
        self._in = 0.0
        self._out = 0.0
        self._playhead = 0.0
        self._valid = True
        self._keyframes: tuple[float, ...] = ()
        self._thumbs: list[QImage | None] = []
        self._thumb_span = 0.0
        self._wave: list[float] = []
        self._has_audio = False
        self._drag: str | None = None
        self._grab_offset = 0.0
        self._hover: str | None = None
        self._message = "No video loaded"
        self._cut_range: tuple[float, float] | None = None
        self._update_height()

    # -- data in ---------------------------------------------------------------------------------
    def clear(self, message: str = "No video loaded") -> None:
        self._duration = 0.0
        self._view = (0.0, 0.0)
        self._in = self._out = self._playhead = 0.0
        self._keyframes = ()
        self._thumbs = []
        self._thumb_span = 0.0
        self._wave = []
        self._has_audio = False
        self._drag = None
        self._cut_range = None
        self._message = message
        self._update_height()
        self.update()

    def set_message(self, message: str) -> None:
        """Text shown instead of the filmstrip while nothing is loaded (loading, errors)."""
        self._message = message
        self.update()

    def set_clip(self, duration: float, keyframes: Sequence[float], *, has_audio: bool) -> None:
        self._duration = max(0.0, float(duration))
        self._view = (0.0, self._duration)
        self._keyframes = tuple(keyframes)
        self._has_audio = has_audio
        self._wave = []
        self._message = ""
        self._update_height()
        self.update()
        self.viewChanged.emit(*self._view)

    def set_thumb_slots(self, count: int, span: float) -> None:
        """``count`` thumbnails will cover ``0 .. span`` seconds evenly (placeholders until set)."""
        self._thumbs = [None] * max(0, count)
        self._thumb_span = span
        self.update()

    def set_thumb(self, index: int, image: QImage) -> None:
        if 0 <= index < len(self._thumbs):
            self._thumbs[index] = image
            self.update()

    def set_waveform(self, peaks: Sequence[float]) -> None:
        self._wave = list(peaks)
        self.update()

    def set_selection(self, start: float, end: float, valid: bool) -> None:
        self._in, self._out, self._valid = start, end, valid
        self.update()

    def set_cut_range(self, start: float | None, end: float | None = None) -> None:
        """Mark what a cut really holds (a copy cut may start before the in point); None clears."""
        self._cut_range = None if start is None or end is None else (start, end)
        self.update()

    @property
    def cut_range(self) -> tuple[float, float] | None:
        return self._cut_range

    def set_playhead(self, t: float) -> None:
        self._playhead = t
        v0, v1 = self._view
        if self.zoomed and self._drag is None and not (v0 <= t <= v1):
            span = v1 - v0
            self.set_view(t - span * 0.1, t + span * 0.9)
        self.update()

    # -- data out --------------------------------------------------------------------------------
    @property
    def duration(self) -> float:
        return self._duration

    @property
    def thumb_count(self) -> int:
        return len(self._thumbs)

    @property
    def thumbs_ready(self) -> int:
        return sum(1 for t in self._thumbs if t is not None)

    def thumb(self, index: int) -> QImage | None:
        return self._thumbs[index] if 0 <= index < len(self._thumbs) else None

    @property
    def has_waveform(self) -> bool:
        return bool(self._wave)

    @property
    def dragging(self) -> str | None:
        return self._drag

    # -- geometry --------------------------------------------------------------------------------
    def _update_height(self) -> None:
        h = RULER_H + KEY_H + STRIP_H + (WAVE_H if self._has_audio else 0) + BOTTOM
        self.setFixedHeight(h)

    def sizeHint(self) -> QSize:
        return QSize(640, self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.height())

    @property
    def view(self) -> tuple[float, float]:
        return self._view

    @property
    def zoomed(self) -> bool:
        v0, v1 = self._view
        return self._duration > 0 and (v1 - v0) < self._duration * 0.999

    def set_view(self, start: float, end: float) -> None:
        d = self._duration
        if d <= 0:
            return
        span = min(d, max(end - start, min(d, 0.2)))
        start = min(max(0.0, start), d - span)
        self._view = (start, start + span)
        self.update()
        self.viewChanged.emit(*self._view)

    def zoom(self, factor: float, around: float | None = None) -> None:
        """Zoom in (factor < 1) or out (> 1) keeping time ``around`` under the same pixel."""
        v0, v1 = self._view
        if around is None:
            around = (v0 + v1) / 2
        span = v1 - v0
        new = span * factor
        frac = (around - v0) / span if span > 0 else 0.5
        self.set_view(around - frac * new, around - frac * new + new)

    def fit(self) -> None:
        self.set_view(0.0, self._duration)

    def _inner(self) -> float:
        return max(1.0, self.width() - 2 * MARGIN)

    def time_to_x(self, t: float) -> float:
        v0, v1 = self._view
        if v1 <= v0:
            return float(MARGIN)
        return MARGIN + (t - v0) / (v1 - v0) * self._inner()

    def x_to_time(self, x: float) -> float:
        v0, v1 = self._view
        t = v0 + (x - MARGIN) / self._inner() * (v1 - v0)
        return min(max(0.0, t), self._duration)

    def strip_rect(self) -> QRectF:
        return QRectF(MARGIN, RULER_H + KEY_H, self._inner(), STRIP_H)

    def handle_pos(self, which: str) -> QPointF:
        """Where a person would press to grab a handle (for tests and accessibility)."""
        t = self._in if which == "in" else self._out
        x = self.time_to_x(t) + (-HANDLE_W / 2 if which == "in" else HANDLE_W / 2)
        return QPointF(x, RULER_H + KEY_H + STRIP_H / 2)

    def hit_test(self, x: float, y: float) -> str | None:
        """``"in"``, ``"out"``, ``"playhead"`` or None (empty space) under a point."""
        if self._duration <= 0:
            return None
        if y < RULER_H:
            return "playhead"
        xi, xo = self.time_to_x(self._in), self.time_to_x(self._out)
        on_in = xi - GRAB_OUT <= x <= xi + GRAB_IN
        on_out = xo - GRAB_IN <= x <= xo + GRAB_OUT
        if on_in and on_out:
            return "in" if x < (xi + xo) / 2 else "out"
        if on_in:
            return "in"
        if on_out:
            return "out"
        if abs(x - self.time_to_x(self._playhead)) <= 3:
            return "playhead"
        return None

    # -- mouse -----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._duration <= 0:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = event.position()
        hit = self.hit_test(pos.x(), pos.y())
        if hit in ("in", "out"):
            self._drag = hit
            self._grab_offset = pos.x() - self.time_to_x(self._in if hit == "in" else self._out)
            self.handlePressed.emit(hit)
        else:
            self._drag = "playhead"
            self._grab_offset = 0.0
            self.scrubbed.emit(self.x_to_time(pos.x()))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._drag is None:
            hit = self.hit_test(pos.x(), pos.y())
            if hit != self._hover:
                self._hover = hit
                if hit in ("in", "out"):
                    self.setCursor(Qt.CursorShape.SizeHorCursor)
                else:
                    self.unsetCursor()
                self.update()
            return
        t = self.x_to_time(pos.x() - self._grab_offset)
        if self._drag == "playhead":
            self.scrubbed.emit(t)
        else:
            self.handleDragged.emit(self._drag, t)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._drag is None:
            super().mouseReleaseEvent(event)
            return
        which, self._drag = self._drag, None
        if which in ("in", "out"):
            self.handleReleased.emit(which)
        self.update()
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.position().y() < RULER_H and self._duration > 0:
            self.fit()
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover is not None:
            self._hover = None
            self.unsetCursor()
            self.update()
        super().leaveEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self._duration <= 0:
            super().wheelEvent(event)
            return
        steps = event.angleDelta().y() / 120.0 or event.angleDelta().x() / 120.0
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(0.8 ** steps, self.x_to_time(event.position().x()))
            event.accept()
        elif self.zoomed:
            v0, v1 = self._view
            shift = -(v1 - v0) * 0.15 * steps
            self.set_view(v0 + shift, v1 + shift)
            event.accept()
        else:
            super().wheelEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            QToolTip.showText(event.globalPos(), self._tooltip_at(event.pos().x(), event.pos().y()), self)
            return True
        return super().event(event)

    def _tooltip_at(self, x: float, y: float) -> str:
        if self._duration <= 0:
            return "Drop or open a video to see its filmstrip here."
        hit = self.hit_test(x, y)
        if hit == "in":
            return f"In point {fmt_time(self._in)}: drag to move it (I sets it at the playhead)."
        if hit == "out":
            return f"Out point {fmt_time(self._out)}: drag to move it (O sets it at the playhead)."
        t = self.x_to_time(x)
        return (f"{fmt_time(t)}: click or drag to move the playhead. Left/Right step one frame "
                "(Shift: one second), Up/Down jump to keyframes, Ctrl+wheel zooms.")

    # -- painting --------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            p.fillRect(self.rect(), BACKGROUND)
            if self._duration <= 0:
                p.setPen(RULER_TEXT)
                p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._message)
                return
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            self._paint_ruler(p)
            self._paint_thumbs(p)
            if self._has_audio:
                self._paint_wave(p)
            self._paint_keyframes(p)
            self._paint_selection(p)
            self._paint_cut_range(p)
            self._paint_playhead(p)
        finally:
            p.end()

    def _paint_ruler(self, p: QPainter) -> None:
        p.fillRect(QRectF(0, 0, self.width(), RULER_H), RULER_BG)
        v0, v1 = self._view
        span = max(1e-6, v1 - v0)
        px_per_s = self._inner() / span
        step = next((s for s in _STEPS if s * px_per_s >= 70), _STEPS[-1])
        minor = step / 5
        font = QFont(self.font())
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.8))
        p.setFont(font)
        pen = QPen(RULER_TEXT)
        pen.setWidth(1)
        p.setPen(pen)
        k0 = math.floor(v0 / minor)
        k1 = math.ceil(v1 / minor)
        for k in range(k0, k1 + 1):
            t = k * minor
            if t < v0 - 1e-9 or t > v1 + 1e-9:
                continue
            x = self.time_to_x(t)
            major = k % 5 == 0
            p.drawLine(QPointF(x, RULER_H - (8 if major else 4)), QPointF(x, RULER_H))
            if major:
                label = fmt_time(t, ms=step < 1)
                if step >= 0.1 and step < 1:
                    label = label[:-2]  # tenths are enough
                if x + 3 + p.fontMetrics().horizontalAdvance(label) <= self.width():
                    p.drawText(QPointF(x + 3, RULER_H - 7), label)

    def _paint_thumbs(self, p: QPainter) -> None:
        strip = self.strip_rect()
        p.fillRect(strip, PLACEHOLDER)
        n = len(self._thumbs)
        if not n or self._thumb_span <= 0:
            return
        p.save()
        p.setClipRect(strip)
        step = self._thumb_span / n
        v0, v1 = self._view
        first = max(0, int(v0 / step) - 1)
        last = min(n - 1, int(v1 / step) + 1)
        for i in range(first, last + 1):
            x0 = self.time_to_x(i * step)
            x1 = self.time_to_x((i + 1) * step)
            target = QRectF(x0, strip.top(), max(1.0, x1 - x0), strip.height())
            img = self._thumbs[i]
            if img is None:
                p.fillRect(target.adjusted(1, 1, -1, -1), PLACEHOLDER.lighter(115))
                continue
            # fill the slot, keeping the picture's shape: crop the middle
            iw, ih = img.width(), img.height()
            t_ratio = target.width() / target.height()
            if iw / ih > t_ratio:
                sw = ih * t_ratio
                source = QRectF((iw - sw) / 2, 0, sw, ih)
            else:
                sh = iw / t_ratio
                source = QRectF(0, (ih - sh) / 2, iw, sh)
            p.drawImage(target, img, source)
        p.restore()

    def _paint_wave(self, p: QPainter) -> None:
        top = RULER_H + KEY_H + STRIP_H
        rect = QRectF(MARGIN, top, self._inner(), WAVE_H)
        p.fillRect(rect, BACKGROUND.lighter(120))
        if not self._wave or self._duration <= 0:
            return
        n = len(self._wave)
        mid = top + WAVE_H / 2
        p.setPen(QPen(WAVE, 1))
        x_start = int(rect.left())
        x_end = int(rect.right())
        for x in range(x_start, x_end):
            t0 = self.x_to_time(x)
            t1 = self.x_to_time(x + 1)
            b0 = int(t0 / self._duration * n)
            b1 = max(b0 + 1, int(t1 / self._duration * n))
            peak = max(self._wave[min(b0, n - 1):min(b1, n)] or [0.0])
            h = max(0.5, peak * (WAVE_H / 2 - 1))
            p.drawLine(QPointF(x + 0.5, mid - h), QPointF(x + 0.5, mid + h))

    def _paint_keyframes(self, p: QPainter) -> None:
        if not self._keyframes:
            return
        v0, v1 = self._view
        i0 = bisect.bisect_left(self._keyframes, v0)
        i1 = bisect.bisect_right(self._keyframes, v1)
        dense = (i1 - i0) * 6 > self._inner()
        p.setPen(QPen(KEYFRAME, 1 if dense else 2))
        last_x = -10
        top = RULER_H
        for t in self._keyframes[i0:i1]:
            x = int(self.time_to_x(t))
            if x - last_x < 2:
                continue
            last_x = x
            p.drawLine(QPointF(x + 0.5, top), QPointF(x + 0.5, top + KEY_H - 0.5))

    def _paint_selection(self, p: QPainter) -> None:
        colour = VALID if self._valid else INVALID
        top = RULER_H
        bottom = self.height() - BOTTOM
        xi, xo = self.time_to_x(self._in), self.time_to_x(self._out)
        left, right = float(MARGIN), MARGIN + self._inner()
        shade = QColor(0, 0, 0, 150)
        if xi > left:
            p.fillRect(QRectF(left, top, xi - left, bottom - top), shade)
        if xo < right:
            p.fillRect(QRectF(xo, top, right - xo, bottom - top), shade)
        if not self._valid:
            tint = QColor(INVALID)
            tint.setAlpha(60)
            p.fillRect(QRectF(xi, top, xo - xi, bottom - top), tint)
        pen = QPen(colour, 2)
        p.setPen(pen)
        p.drawLine(QPointF(xi, top + KEY_H + 1), QPointF(xo, top + KEY_H + 1))
        p.drawLine(QPointF(xi, bottom - 1), QPointF(xo, bottom - 1))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for which, x in (("in", xi), ("out", xo)):
            c = QColor(colour)
            if self._hover == which or self._drag == which:
                c = c.lighter(135)
            path = QPainterPath()
            if which == "in":
                path.addRoundedRect(QRectF(x - HANDLE_W, top, HANDLE_W, bottom - top), 2.5, 2.5)
            else:
                path.addRoundedRect(QRectF(x, top, HANDLE_W, bottom - top), 2.5, 2.5)
            p.fillPath(path, c)
            # grip lines
            p.setPen(QPen(QColor(255, 255, 255, 170), 1))
            gx = x - HANDLE_W / 2 if which == "in" else x + HANDLE_W / 2
            mid = (top + bottom) / 2
            p.drawLine(QPointF(gx, mid - 6), QPointF(gx, mid + 6))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def _paint_cut_range(self, p: QPainter) -> None:
        if self._cut_range is None:
            return
        x0, x1 = (self.time_to_x(t) for t in self._cut_range)
        y = self.height() - BOTTOM
        p.fillRect(QRectF(x0, y, max(1.0, x1 - x0), BOTTOM), CUT)

    def _paint_playhead(self, p: QPainter) -> None:
        x = self.time_to_x(self._playhead)
        v0, v1 = self._view
        if not (v0 - 1e-9 <= self._playhead <= v1 + 1e-9):
            return
        p.setPen(QPen(PLAYHEAD, 2))
        p.drawLine(QPointF(x, 4), QPointF(x, self.height() - BOTTOM))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        tri = QPolygonF([QPointF(x - 5, 0), QPointF(x + 5, 0), QPointF(x, 7)])
        p.setBrush(PLAYHEAD)
        p.setPen(Qt.PenStyle.NoPen)
        p.drawPolygon(tri)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
