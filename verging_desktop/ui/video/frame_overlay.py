"""The frame drawn over the preview player in Reframe & Crop.

:class:`FrameOverlay` takes the place of a :class:`~verging_desktop.ui.video.player.PreviewPlayer`'s
view (:meth:`PreviewPlayer.set_overlay`: a video view is a native window nothing can be drawn
over, so the overlay paints the frames itself, from the player's sink) and draws, in source pixels
mapped to the widget (:class:`~verging_desktop.services.reframe_geometry.ViewMap`):

* **Crop** (a :class:`CropPlan`): the picture, the rectangle that is kept bright with thin
  thirds lines and corner marks, the rest dimmed. Drag it with the mouse (a press outside it
  moves it there first), or move it with the arrow keys (Shift: ten times as far; Home centres
  it). It only moves along the axis that has room (a 9:16 crop of a landscape clip: sideways).
* **AI Reframe** (a :class:`ReframePlan`): the new, larger frame around the whole picture (in its
  middle, where the service puts it), its new area hatched ("AI fills this").

Without playback (no QtMultimedia) a still frame of the clip is shown instead (:meth:`set_still`).

Signals:
    planChanged(object): the user moved the frame; the new plan (offsets in source pixels).
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...core.errors import InputError
from ...services.reframe_geometry import CropPlan, Rect, ReframePlan, ViewMap, even_floor, reduce_ratio

Plan = CropPlan | ReframePlan

#: the dimmed area outside a crop
DIM = QColor(0, 0, 0, 165)
#: the frame's outline
EDGE = QColor(255, 255, 255)
ACCENT = QColor(255, 196, 0)
#: the margin around an AI Reframe frame (its outline stays visible)
MARGIN = 6.0


class FrameOverlay(QWidget):
    """The crop rectangle (or the reframe's new frame) over the picture. See the module docstring."""

    planChanged = Signal(object)

    def __init__(self, player: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("frameOverlay")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 90)
        self.setAccessibleName("Frame to keep")
        self.player = player
        self._plan: Plan | None = None
        self._frame: Any = None
        self._image: QImage | None = None
        self._still: QImage | None = None
        self._note = ""
        #: the ratio as the user wrote it ("21:9"; the plan's own is reduced: 7:3)
        self._ratio_label = ""
        self._drag: tuple[QPointF, Rect] | None = None
        #: frames painted from the player (for tests)
        self.frames_painted = 0
        sink = player.video_sink() if hasattr(player, "video_sink") else None
        if sink is not None:
            sink.videoFrameChanged.connect(self._on_frame)
        self._update_tip()

    # -- what it shows -------------------------------------------------------------------------
    @property
    def plan(self) -> Plan | None:
        return self._plan

    def set_plan(self, plan: Plan | None) -> None:
        """Show ``plan`` (None: the picture alone); does not emit :attr:`planChanged`."""
        self._plan = plan
        self._drag = None
        self._update_tip()
        self.update()

    def set_ratio_label(self, text: str) -> None:
        """The ratio in the caption as the user wrote it ("21:9"); "" shows the plan's own (7:3)."""
        if text != self._ratio_label:
            self._ratio_label = text
            self._update_tip()
            self.update()

    def set_still(self, image: QImage | None) -> None:
        """A picture of the clip to show while no frame came from the player (or there is no playback)."""
        self._still = image if image is not None and not image.isNull() else None
        self.update()

    def set_note(self, text: str) -> None:
        """A line drawn at the bottom (e.g. why nothing plays)."""
        self._note = text
        self.update()

    def clear(self) -> None:
        self._plan = None
        self._frame = None
        self._image = None
        self._still = None
        self._drag = None
        self._update_tip()
        self.update()

    def _on_frame(self, frame: Any) -> None:
        if frame is not None and getattr(frame, "isValid", lambda: False)():
            self._frame = frame
            self._image = None  # converted when painted
            self.update()

    def _picture(self) -> QImage | None:
        """The frame on screen, upright (or the still)."""
        if self._image is None and self._frame is not None:
            img = self._frame.toImage()
            if not img.isNull():
                angle = int(getattr(self._frame.rotation(), "value", 0)) if hasattr(self._frame, "rotation") else 0
                if angle:
                    img = img.transformed(QTransform().rotate(angle))
                if getattr(self._frame, "mirrored", lambda: False)():
                    img = img.mirrored(True, False)
                self._image = img
        return self._image if self._image is not None else self._still

    # -- geometry ------------------------------------------------------------------------------
    def view_map(self) -> ViewMap | None:
        """Source pixels -> this widget: the picture (Crop) or the new frame (AI Reframe) fitted in."""
        p = self._plan
        if p is None:
            return None
        if isinstance(p, CropPlan):
            return ViewMap.fit(p.src_w, p.src_h, self.width(), self.height())
        return ViewMap.fit(p.frame_w, p.frame_h, self.width(), self.height(), margin=MARGIN)

    def _moving_rect(self) -> Rect | None:
        """What a drag moves, in the map's coordinates: the crop, or the picture in the frame."""
        p = self._plan
        if p is None:
            return None
        return p.rect if isinstance(p, CropPlan) else p.picture

    def frame_rect(self) -> QRectF:
        """The kept rectangle (Crop) or the new frame (AI Reframe), in widget coordinates."""
        m, p = self.view_map(), self._plan
        if m is None or p is None:
            return QRectF()
        r = p.rect if isinstance(p, CropPlan) else Rect(0, 0, p.frame_w, p.frame_h)
        return QRectF(*m.rect_to_view(r))

    def picture_rect(self) -> QRectF:
        """Where the picture is drawn, in widget coordinates."""
        m, p = self.view_map(), self._plan
        if m is None or p is None:
            img = self._picture()
            if img is None:
                return QRectF()
            f = ViewMap.fit(img.width(), img.height(), self.width(), self.height())
            return QRectF(*f.rect_to_view(Rect(0, 0, img.width(), img.height())))
        r = Rect(0, 0, p.src_w, p.src_h) if isinstance(p, CropPlan) else p.picture
        return QRectF(*m.rect_to_view(r))

    def handle_rect(self) -> QRectF:
        """What the mouse drags, in widget coordinates (the crop, or the picture in the frame)."""
        return self.frame_rect() if isinstance(self._plan, CropPlan) else self.picture_rect()

    # -- moving --------------------------------------------------------------------------------
    def _movable(self) -> tuple[bool, bool]:
        return self._plan.movable if self._plan is not None else (False, False)

    def _set(self, plan: Plan) -> None:
        if plan != self._plan:
            self._plan = plan
            self._update_tip()
            self.update()
            self.planChanged.emit(plan)

    def move_by(self, dx: float, dy: float) -> None:
        """Move the crop by ``dx``, ``dy`` source pixels (clamped, even)."""
        if isinstance(self._plan, CropPlan):
            self._set(self._plan.moved_by(dx, dy))

    def centre(self) -> None:
        p = self._plan
        if isinstance(p, CropPlan):
            self._set(CropPlan.centered(p.src_w, p.src_h, *p.ratio))

    def mousePressEvent(self, e: QMouseEvent) -> None:
        m, r = self.view_map(), self._moving_rect()
        if e.button() != Qt.MouseButton.LeftButton or m is None or r is None or not any(self._movable()):
            super().mousePressEvent(e)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = e.position()
        if not self.handle_rect().contains(pos) and isinstance(self._plan, CropPlan):
            # a press beside the crop brings it there (centred on the press), then drags it
            sx, sy = m.to_source(pos.x(), pos.y())
            self._set(self._plan.centered_on(sx, sy))
            r = self._moving_rect()
            assert r is not None
        self._drag = (pos, r)
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        e.accept()

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        m, p = self.view_map(), self._plan
        if self._drag is None or m is None or not isinstance(p, CropPlan):
            self._hover_cursor(e.position())
            super().mouseMoveEvent(e)
            return
        start, r = self._drag
        d = e.position() - start
        self._set(p.moved_to(r.x + d.x() / m.scale, r.y + d.y() / m.scale))
        e.accept()

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        if self._drag is not None and e.button() == Qt.MouseButton.LeftButton:
            self._drag = None
            self._hover_cursor(e.position())
            e.accept()
            return
        super().mouseReleaseEvent(e)

    def _hover_cursor(self, pos: QPointF) -> None:
        if any(self._movable()) and self.handle_rect().contains(pos):
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.unsetCursor()

    @property
    def dragging(self) -> bool:
        return self._drag is not None

    def key_step(self, big: bool) -> int:
        """How far an arrow key moves the frame, in source pixels (1 % of the picture's longer
        side, at least 2; Shift: 10 %), an even number."""
        p = self._plan
        side = max(p.src_w, p.src_h) if p is not None else 100
        return max(2, even_floor(side * (0.10 if big else 0.01)))

    def keyPressEvent(self, e: QKeyEvent) -> None:
        k = e.key()
        mx, my = self._movable()
        step = self.key_step(bool(e.modifiers() & Qt.KeyboardModifier.ShiftModifier))
        moves = {Qt.Key.Key_Left: (-step, 0.0, mx), Qt.Key.Key_Right: (step, 0.0, mx),
                 Qt.Key.Key_Up: (0.0, -step, my), Qt.Key.Key_Down: (0.0, step, my)}
        if k in moves and moves[k][2]:
            dx, dy, _ = moves[k]
            self.move_by(dx, dy)
            e.accept()
            return
        if k == Qt.Key.Key_Home and (mx or my):
            self.centre()
            e.accept()
            return
        e.ignore()  # Space, I, O... go to the trimmer

    def focusInEvent(self, e: QFocusEvent) -> None:
        super().focusInEvent(e)
        self.update()

    def focusOutEvent(self, e: QFocusEvent) -> None:
        super().focusOutEvent(e)
        self.update()

    def _update_tip(self) -> None:
        p = self._plan
        if p is None:
            self.setToolTip("")
            return
        mx, my = p.movable
        if isinstance(p, ReframePlan):
            how = "The whole picture stays, in the middle; AI paints the hatched parts of the new frame."
        elif not (mx or my):
            how = "It already fills the picture: nothing to move."
        else:
            axis = "sideways" if mx and not my else "up and down" if my and not mx else "anywhere"
            how = f"Drag the frame {axis}, or use the arrow keys (Shift: bigger steps; Home centres it)."
        self.setToolTip(f"{self.caption()}\n{how}")

    def caption(self) -> str:
        """"9:16 · keeps 606×1080" (Crop) or "9:16 · 1080×1920, AI fills 68 %" (AI Reframe: the
        result's size)."""
        p = self._plan
        if p is None:
            return ""
        ratio = p.ratio_text
        with contextlib.suppress(ValueError, InputError):
            a, b = (int(n) for n in self._ratio_label.split(":"))
            if reduce_ratio(a, b) == p.ratio:
                ratio = self._ratio_label  # the same ratio, as the user wrote it
        if isinstance(p, CropPlan):
            return f"{ratio} · keeps {p.rect.w}×{p.rect.h}"
        w, h = p.output_size
        return f"{ratio} · {w}×{h}, AI fills {p.added_fraction() * 100:.0f} %"

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, e: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.fillRect(self.rect(), QColor(0, 0, 0))
        img = self._picture()
        pic = self.picture_rect()
        plan = self._plan
        if isinstance(plan, ReframePlan):
            self._paint_new_area(p, self.frame_rect())
        if img is not None and not pic.isEmpty():
            p.drawImage(pic, img)
            if self._image is not None:
                self.frames_painted += 1
        elif not pic.isEmpty():
            p.fillRect(pic, QColor(40, 40, 44))
        if isinstance(plan, CropPlan):
            self._paint_crop(p, pic, self.frame_rect())
        elif isinstance(plan, ReframePlan):
            self._paint_edge(p, self.frame_rect())
            pen = QPen(QColor(255, 255, 255, 140), 1.0, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawRect(pic.adjusted(0.5, 0.5, -0.5, -0.5))
        if plan is not None:
            self._paint_caption(p, self.frame_rect())
        if self._note:
            p.setPen(QColor(230, 230, 230))
            p.drawText(self.rect().adjusted(8, 8, -8, -8), int(Qt.AlignmentFlag.AlignBottom
                                                               | Qt.AlignmentFlag.AlignHCenter
                                                               | Qt.TextFlag.TextWordWrap), self._note)
        p.end()

    def _paint_crop(self, p: QPainter, pic: QRectF, keep: QRectF) -> None:
        # dim the picture around the kept rectangle (four bands, no overlap)
        for band in (QRectF(pic.left(), pic.top(), pic.width(), keep.top() - pic.top()),
                     QRectF(pic.left(), keep.bottom(), pic.width(), pic.bottom() - keep.bottom()),
                     QRectF(pic.left(), keep.top(), keep.left() - pic.left(), keep.height()),
                     QRectF(keep.right(), keep.top(), pic.right() - keep.right(), keep.height())):
            if band.width() > 0 and band.height() > 0:
                p.fillRect(band, DIM)
        thirds = QPen(QColor(255, 255, 255, 70), 1.0)
        p.setPen(thirds)
        for i in (1, 2):
            x = keep.left() + keep.width() * i / 3
            y = keep.top() + keep.height() * i / 3
            p.drawLine(QPointF(x, keep.top()), QPointF(x, keep.bottom()))
            p.drawLine(QPointF(keep.left(), y), QPointF(keep.right(), y))
        self._paint_edge(p, keep)

    def _paint_edge(self, p: QPainter, r: QRectF) -> None:
        focus = self.hasFocus()
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(ACCENT if focus else EDGE, 2.0 if focus else 1.5))
        p.drawRect(r.adjusted(1, 1, -1, -1))
        p.setPen(QPen(ACCENT if focus else EDGE, 4.0))
        k = max(8.0, min(22.0, min(r.width(), r.height()) / 6))
        for (x, y, dx, dy) in ((r.left(), r.top(), 1, 1), (r.right(), r.top(), -1, 1),
                               (r.left(), r.bottom(), 1, -1), (r.right(), r.bottom(), -1, -1)):
            p.drawLine(QPointF(x + dx * 2, y + dy * 2), QPointF(x + dx * k, y + dy * 2))
            p.drawLine(QPointF(x + dx * 2, y + dy * 2), QPointF(x + dx * 2, y + dy * k))

    def _paint_new_area(self, p: QPainter, frame: QRectF) -> None:
        p.fillRect(frame, QColor(52, 56, 70))
        p.fillRect(frame, QBrush(QColor(255, 255, 255, 28), Qt.BrushStyle.BDiagPattern))
        pic = self.picture_rect()
        p.setPen(QColor(235, 235, 240, 200))
        for band in (QRectF(frame.left(), frame.top(), frame.width(), pic.top() - frame.top()),
                     QRectF(frame.left(), pic.bottom(), frame.width(), frame.bottom() - pic.bottom()),
                     QRectF(frame.left(), frame.top(), pic.left() - frame.left(), frame.height()),
                     QRectF(pic.right(), frame.top(), frame.right() - pic.right(), frame.height())):
            if band.width() > 60 and band.height() > 18:
                p.drawText(band, int(Qt.AlignmentFlag.AlignCenter), "AI fills this")

    def _paint_caption(self, p: QPainter, r: QRectF) -> None:
        text = self.caption()
        fm = p.fontMetrics()
        w = fm.horizontalAdvance(text) + 10
        h = fm.height() + 4
        box = QRectF(max(2.0, r.left() + 4), max(2.0, r.top() + 4), w, h)
        if box.right() > self.width() - 2:
            box.moveRight(self.width() - 2)
        p.fillRect(box, QColor(0, 0, 0, 170))
        p.setPen(QColor(255, 255, 255))
        p.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
