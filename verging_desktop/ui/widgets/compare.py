"""Before/after comparison of an original and a result: videos played in sync, or still images.

:class:`CompareView` is a transport (play/pause, seek slider, frame step, loop the selection)
over a :class:`CompareCanvas` that paints both pictures in one widget, in three modes:

``wipe``
    one picture, the original left of a draggable line and the result right of it;
``side``
    side by side, the same region of each;
``toggle``
    the result; press and hold (the mouse on the picture, the *Hold for original* button, or
    the ``\\`` key) to see the original in its place.

Zoom: *Fit*, 100 %, 200 % and 400 % of the larger picture's pixels, on the same region of both
(drag to pan, double-click to zoom at a point). When the sizes differ (enhancement upscales),
both pictures are scaled to the same display size so they line up; at 100 % and more they are
drawn without smoothing, so detail can be judged honestly. Pictures with transparency are drawn
over a checkerboard.

Video: two :class:`QMediaPlayer` each feed a :class:`QVideoSink`; the frames are converted with
``QVideoFrame.toImage()`` when painted. The original's player is the master (and the only one
with sound); the result's player is slaved to it: it is seeked whenever its position drifts by
more than one frame. Players are created the first time a video is shown (creating them loads
the multimedia back end, which is slow and noisy when no audio device exists). Every command to
a player is queued to it (``player.queue_call``: run from the event loop without the GIL, so Qt's
renderer teardown cannot deadlock against Python), and sound is attached only when the system
has an audio output.

Signals:
    positionChanged(int): the master position in milliseconds.
    modeChanged(str): "wipe", "side" or "toggle".
    zoomChanged(float): 0 for fit, else the zoom factor (1.0 = 100 %).
"""

from __future__ import annotations

import logging
import math
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    Q_ARG,
    QObject,
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QImageReader,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from . import multimedia
from .elide import ElidedLabel
from .player import attach_audio_if_present, queue_call

log = logging.getLogger("verging_desktop.ui.compare")

MODES = ("wipe", "side", "toggle")
MODE_LABELS = {"wipe": "Wipe", "side": "Side by side", "toggle": "Toggle"}
ZOOMS = ((0.0, "Fit"), (1.0, "100%"), (2.0, "200%"), (4.0, "400%"))
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff"}
#: the result is seeked when it is more than this many frames away from the original
DRIFT_FRAMES = 1.0
#: after a corrective seek, wait this long before measuring the drift again (ms)
RESYNC_GRACE_MS = 400
DEFAULT_FRAME_MS = 40.0


def fmt_ms(ms: float) -> str:
    ms = max(0, round(ms))
    m, rest = divmod(ms, 60000)
    s, milli = divmod(rest, 1000)
    return f"{m:02d}:{s:02d}.{milli:03d}"


def is_image_file(path: str | Path) -> bool:
    """A still picture, by content when the file can be read (else by its name)."""
    try:
        from ...core.filetypes import sniff

        kind = sniff(path)
    except OSError:
        kind = None
    if kind is not None:
        return kind in ("png", "jpeg", "webp", "gif", "bmp", "tiff")
    return Path(path).suffix.lower() in IMAGE_SUFFIXES


def checkerboard(cell: int = 10) -> QPixmap:
    pm = QPixmap(cell * 2, cell * 2)
    pm.fill(QColor(255, 255, 255))
    p = QPainter(pm)
    c = QColor(204, 204, 204)
    p.fillRect(0, 0, cell, cell, c)
    p.fillRect(cell, cell, cell, cell, c)
    p.end()
    return pm


# ------------------------------------------------------------------------------------------------
# one side: a still image or a video player


class Side(QObject):
    """The original or the result: a still image, or a video in a player feeding a sink.

    Signals:
        changed(): a new picture is available (a frame arrived, an image was loaded).
        failed(str): the media could not be played.
        loaded(): a video's length is known (or an image was loaded).
    """

    changed = Signal()
    failed = Signal(str)
    loaded = Signal()

    def __init__(self, name: str, *, audio: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.want_audio = audio
        self.path: Path | None = None
        self.still: QImage | None = None
        self.player: Any = None
        self.sink: Any = None
        self.audio: Any = None
        self._frame: Any = None
        self._frame_image: QImage | None = None
        #: start time of the frame on screen, in ms (-1 before the first frame)
        self.frame_ms: float = -1.0
        self.frames_seen = 0
        self.frame_ms_estimate = DEFAULT_FRAME_MS
        self._last_start: float | None = None
        self.error = ""

    # -- loading --------------------------------------------------------------------------------
    def clear(self) -> None:
        self.path = None
        self.still = None
        self._frame = None
        self._frame_image = None
        self.frame_ms = -1.0
        self.frames_seen = 0
        self.error = ""
        if self.player is not None:
            queue_call(self.player, "stop")
            queue_call(self.player, "setSource", Q_ARG(QUrl, QUrl()))
        self.changed.emit()

    def load_image(self, path: str | Path) -> bool:
        self.clear()
        self.path = Path(path)
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        img = reader.read()
        if img.isNull():
            self.error = f"{self.path.name} cannot be shown: {reader.errorString()}"
            self.failed.emit(self.error)
            return False
        self.still = img
        self.changed.emit()
        self.loaded.emit()
        return True

    def set_image(self, img: QImage) -> None:
        self.clear()
        self.still = img
        self.changed.emit()
        self.loaded.emit()

    def _ensure_player(self) -> None:
        if self.player is not None:
            return
        from .multimedia import QMediaPlayer, QVideoSink

        self.player = QMediaPlayer(self)
        self.sink = QVideoSink(self)
        self.player.setVideoSink(self.sink)
        if self.want_audio:
            from .multimedia import QAudioOutput

            self.audio = QAudioOutput(self)
            attach_audio_if_present(self.player, self.audio)
        self.sink.videoFrameChanged.connect(self._on_frame)
        self.player.errorOccurred.connect(self._on_error)
        self.player.mediaStatusChanged.connect(self._on_status)
        self.player.durationChanged.connect(lambda _d: self.loaded.emit())

    def load_video(self, path: str | Path) -> None:
        self.clear()
        if not multimedia.ready():  # no QtMultimedia here (libpulse missing): say so, show nothing
            self.path = None
            self.error = f"{Path(path).name} cannot be played here. {multimedia.reason}"
            self.failed.emit(self.error)
            return
        self._ensure_player()
        self.path = Path(path)
        self._last_start = None
        queue_call(self.player, "setSource", Q_ARG(QUrl, QUrl.fromLocalFile(str(Path(path).resolve()))))
        queue_call(self.player, "pause")  # paused shows the first frame; seeks show theirs

    # -- state ----------------------------------------------------------------------------------
    @property
    def is_video(self) -> bool:
        return self.player is not None and self.path is not None and self.still is None

    @property
    def empty(self) -> bool:
        return self.still is None and self.path is None

    def duration(self) -> int:
        return int(self.player.duration()) if self.is_video else 0

    def position(self) -> int:
        return int(self.player.position()) if self.is_video else 0

    def frame_interval(self) -> float:
        """The length of one frame in ms (from the file's frame rate when known)."""
        if self.is_video:
            from .multimedia import QMediaMetaData

            fps = self.player.metaData().value(QMediaMetaData.Key.VideoFrameRate)
            try:
                f = float(fps)
            except (TypeError, ValueError):
                f = 0.0
            if f > 1:
                return 1000.0 / f
        return self.frame_ms_estimate

    def image(self) -> QImage | None:
        if self.still is not None:
            return self.still
        if self._frame_image is None and self._frame is not None:
            img = self._frame.toImage()
            self._frame_image = img if not img.isNull() else None
        return self._frame_image

    def picture_size(self) -> QSize:
        if self.still is not None:
            return self.still.size()
        if self.sink is not None:
            s = self.sink.videoSize()
            if s.isValid() and not s.isEmpty():
                return s
        img = self.image()
        return img.size() if img is not None else QSize()

    # -- events ---------------------------------------------------------------------------------
    def _on_frame(self, frame: Any) -> None:
        if not frame.isValid():
            return
        if self.path is None or self.still is not None:
            # cleared (or showing a picture): the stop and the empty source are queued to the player,
            # which can still hand over the last frame of what it played; never show it again
            return
        self._frame = frame
        self._frame_image = None
        start = frame.startTime()
        if start >= 0:
            ms = start / 1000.0
            if self._last_start is not None and 0 < ms - self._last_start < 200:
                self.frame_ms_estimate = ms - self._last_start
            self._last_start = ms
            self.frame_ms = ms
        self.frames_seen += 1
        self.changed.emit()

    def _on_error(self, _err: Any, text: str) -> None:
        name = self.path.name if self.path else self.name
        self.error = f"{name} cannot be played: {text}"
        log.info("%s", self.error)
        self.failed.emit(self.error)

    def _on_status(self, status: Any) -> None:
        from .multimedia import QMediaPlayer

        if status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._on_error(None, self.player.errorString() or "invalid media")


# ------------------------------------------------------------------------------------------------
# the picture


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
        self.placeholder = "Nothing to compare yet"
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
    def reference_size(self) -> QSizeF:
        """The display size of both pictures at 100 %: the larger picture's pixel size."""
        a, b = self.original.picture_size(), self.result.picture_size()
        sizes = [s for s in (a, b) if s.isValid() and not s.isEmpty()]
        if not sizes:
            return QSizeF()
        big = max(sizes, key=lambda s: s.width() * s.height())
        # the aspect ratio of the original decides (both are the same clip)
        ref = a if a.isValid() and not a.isEmpty() else big
        w = float(big.width())
        h = w * ref.height() / max(1, ref.width())
        return QSizeF(w, h)

    def viewports(self) -> list[QRectF]:
        r = QRectF(self.rect())
        if self.mode == "side":
            half = (r.width() - 6) / 2
            return [QRectF(r.left(), r.top(), half, r.height()), QRectF(r.left() + half + 6, r.top(), half, r.height())]
        return [r]

    def scale(self, port: QRectF | None = None) -> float:
        """Screen pixels per reference pixel."""
        ref = self.reference_size()
        if ref.isEmpty():
            return 1.0
        if self.zoom <= 0:
            port = port or self.viewports()[0]
            return min(port.width() / ref.width(), port.height() / ref.height())
        return self.zoom / max(1e-6, self.devicePixelRatioF())

    def target_rect(self, port: QRectF) -> QRectF:
        """Where the whole picture goes in ``port`` (may be larger than ``port`` when zoomed)."""
        ref = self.reference_size()
        if ref.isEmpty():
            return QRectF()
        s = self.scale(port)
        w, h = ref.width() * s, ref.height() * s
        if self.zoom <= 0:
            return QRectF(port.center().x() - w / 2, port.center().y() - h / 2, w, h)
        cx = self._clamp_center(self.center.x(), w, port.width())
        cy = self._clamp_center(self.center.y(), h, port.height())
        return QRectF(port.center().x() - cx * w, port.center().y() - cy * h, w, h)

    @staticmethod
    def _clamp_center(c: float, size: float, view: float) -> float:
        if size <= view:
            return 0.5
        half = view / 2 / size
        return min(max(c, half), 1 - half)

    def visible_region(self) -> QRectF:
        """The part of the picture on screen, in 0..1 picture coordinates (same for both sides)."""
        port = self.viewports()[0]
        t = self.target_rect(port)
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
        smooth = self.zoom <= 0 and self.scale() < 1.0
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
        ports = self.viewports()
        if self.mode == "side":
            for port, img, label in ((ports[0], a, "Original"), (ports[1], b, "Result")):
                p.save()
                p.setClipRect(port)
                t = self.target_rect(port)
                self._draw(p, img, t, port)
                self._label(p, port, label, left=True)
                p.restore()
        elif self.mode == "toggle":
            port = ports[0]
            t = self.target_rect(port)
            show_original = self.holding or b is None
            self._draw(p, a if show_original else b, t, port)
            self._label(p, port, "Original" if show_original else "Result (hold to see the original)", left=True)
        else:  # wipe
            port = ports[0]
            t = self.target_rect(port)
            x = t.left() + self.split * t.width()
            right = QRectF(x, port.top(), port.right() - x, port.height()).intersected(port)
            p.save()
            p.setClipRect(right)
            # no result yet: say so in the part the original does not cover, not under it
            self._draw(p, b, t, right if b is None else port)
            p.restore()
            p.save()
            p.setClipRect(QRectF(port.left(), port.top(), x - port.left(), port.height()).intersected(port))
            self._draw(p, a, t, port)
            p.restore()
            if port.left() <= x <= port.right():
                p.setPen(QPen(QColor(255, 255, 255, 230), 2))
                p.drawLine(QPointF(x, port.top()), QPointF(x, port.bottom()))
                p.setBrush(QColor(255, 255, 255, 230))
                p.setPen(QPen(QColor(0, 0, 0, 120), 1))
                p.drawEllipse(QPointF(x, port.center().y()), 9, 9)
            self._label(p, port, "Original", left=True)
            self._label(p, port, "Result", left=False)
        if self.zoom > 0:
            self._label(p, ports[-1], f"{self.zoom * 100:.0f}%", left=False, bottom=True)
        p.end()

    def _draw(self, p: QPainter, img: QImage | None, target: QRectF, port: QRectF) -> None:
        if img is None or img.isNull() or target.isEmpty():
            p.save()
            p.setPen(self.palette().color(self.foregroundRole()))
            p.drawText(port, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       "Waiting for the result…" if img is None else "")
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


class CompareView(QWidget):
    """Original and result, played in sync, with one transport."""

    positionChanged = Signal(int)
    modeChanged = Signal(str)
    zoomChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        self.original = Side("original", audio=True, parent=self)
        self.result = Side("result", parent=self)
        self.canvas = CompareCanvas(self.original, self.result)
        self.kind = ""  # "", "image" or "video"
        self.loop = False
        self.loop_in = 0
        self.loop_out = 0  # 0 = the end
        self._slider_held = False
        self._resync_after = 0.0
        self._want_play = False
        self.resyncs = 0

        # mode and zoom bar
        self.mode_buttons: dict[str, QToolButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for i, m in enumerate(MODES, start=1):
            b = QToolButton()
            b.setText(MODE_LABELS[m])
            b.setObjectName(f"mode_{m}")
            b.setCheckable(True)
            b.setToolTip(f"{MODE_LABELS[m]} ({i})")
            b.clicked.connect(lambda _c=False, mm=m: self.set_mode(mm))
            group.addButton(b)
            self.mode_buttons[m] = b
            bar.addWidget(b)
        self.mode_buttons["wipe"].setChecked(True)
        self.hold_button = QPushButton("Hold for original")
        self.hold_button.setObjectName("holdOriginal")
        self.hold_button.setToolTip("Press and hold to see the original in place of the result (\\)")
        self.hold_button.pressed.connect(lambda: self._hold(True))
        self.hold_button.released.connect(lambda: self._hold(False))
        self.hold_button.hide()
        bar.addWidget(self.hold_button)
        bar.addStretch(1)
        # the sizes, shortened in the middle when the tab is narrow (1024 px windows), whole on hover
        self.info = ElidedLabel()
        self.info.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.info.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.info.setObjectName("compareInfo")
        self.info.setEnabled(False)
        bar.addWidget(self.info)
        bar.addWidget(QLabel("Zoom:"))
        self.zoom_box = QComboBox()
        self.zoom_box.setObjectName("zoomBox")
        for z, label in ZOOMS:
            self.zoom_box.addItem(label, z)
        self.zoom_box.setToolTip("Zoom on the same region of both (Ctrl+wheel; double-click a point; drag to pan)")
        self.zoom_box.currentIndexChanged.connect(lambda _i: self.canvas.set_zoom(float(self.zoom_box.currentData())))
        bar.addWidget(self.zoom_box)
        self.canvas.zoomChanged.connect(self._zoom_changed)

        # transport
        self.play_button = QToolButton()
        self.play_button.setObjectName("playButton")
        self.play_button.setText("Play")
        self.play_button.setToolTip("Play / pause (Space)")
        self.play_button.clicked.connect(self.toggle_play)
        self.back_button = QToolButton()
        self.back_button.setText("◀|")
        self.back_button.setObjectName("stepBack")
        self.back_button.setToolTip("One frame back (Left)")
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.fwd_button = QToolButton()
        self.fwd_button.setText("|▶")
        self.fwd_button.setObjectName("stepForward")
        self.fwd_button.setToolTip("One frame forward (Right)")
        self.fwd_button.clicked.connect(lambda: self.step(1))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("seekSlider")
        self.slider.setRange(0, 0)
        self.slider.sliderPressed.connect(lambda: setattr(self, "_slider_held", True))
        self.slider.sliderReleased.connect(self._slider_released)
        self.slider.valueChanged.connect(self._slider_moved)
        self.time_label = QLabel(fmt_ms(0))
        self.time_label.setObjectName("timeLabel")
        self.in_button = QToolButton()
        self.in_button.setText("[")
        self.in_button.setObjectName("loopIn")
        self.in_button.setToolTip("Start the loop selection here (I)")
        self.in_button.clicked.connect(self.set_loop_in)
        self.out_button = QToolButton()
        self.out_button.setText("]")
        self.out_button.setObjectName("loopOut")
        self.out_button.setToolTip("End the loop selection here (O)")
        self.out_button.clicked.connect(self.set_loop_out)
        self.loop_button = QToolButton()
        self.loop_button.setText("Loop")
        self.loop_button.setObjectName("loopButton")
        self.loop_button.setCheckable(True)
        self.loop_button.setToolTip("Loop the selection (L); without a selection, the whole clip")
        self.loop_button.toggled.connect(self.set_loop)
        self.mute_button = QToolButton()
        self.mute_button.setText("Sound")
        self.mute_button.setObjectName("muteButton")
        self.mute_button.setCheckable(True)
        self.mute_button.setChecked(True)
        self.mute_button.setToolTip("Play the original's sound")
        self.mute_button.toggled.connect(self._set_sound)
        self.transport = QWidget()
        tl = QHBoxLayout(self.transport)
        tl.setContentsMargins(0, 0, 0, 0)
        for w in (self.play_button, self.back_button, self.fwd_button):
            tl.addWidget(w)
        tl.addWidget(self.slider, 1)
        tl.addWidget(self.time_label)
        for w in (self.in_button, self.out_button, self.loop_button, self.mute_button):
            tl.addWidget(w)
        self.transport.hide()

        self.message = QLabel()
        self.message.setObjectName("compareMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(self.canvas, 1)
        lay.addWidget(self.transport)
        lay.addWidget(self.message)

        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(100)
        self._sync_timer.timeout.connect(self._check_sync)
        self.original.loaded.connect(self._media_loaded)
        self.result.loaded.connect(self._media_loaded)
        self.original.changed.connect(self._frame_arrived)
        self.original.failed.connect(self._show_error)
        self.result.failed.connect(self._show_error)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # -- loading --------------------------------------------------------------------------------
    def set_media(self, original: str | Path | None, result: str | Path | None) -> None:
        """Show ``original`` and ``result`` (videos or images; either may be None for now)."""
        self.pause()
        paths = [p for p in (original, result) if p]
        still = bool(paths) and all(is_image_file(p) for p in paths)
        self.kind = "image" if still else ("video" if paths else "")
        self.message.hide()
        for side, path in ((self.original, original), (self.result, result)):
            if not path:
                side.clear()
            elif still:
                side.load_image(path)
            else:
                side.load_video(path)
        self.loop_in, self.loop_out = 0, 0
        self.transport.setVisible(self.kind == "video")
        self.play_button.setText("Play")
        self._update_info()

    def set_images(self, original: QImage | None, result: QImage | None) -> None:
        self.pause()
        self.kind = "image"
        for side, img in ((self.original, original), (self.result, result)):
            if img is None:
                side.clear()
            else:
                side.set_image(img)
        self.transport.hide()
        self._update_info()

    def clear(self, placeholder: str = "Nothing to compare yet") -> None:
        self.pause()
        self.original.clear()
        self.result.clear()
        self.kind = ""
        self.canvas.placeholder = placeholder
        self.transport.hide()
        self.info.set_full_text("")
        self.message.hide()
        self.canvas.update()

    def set_placeholder(self, text: str) -> None:
        self.canvas.placeholder = text
        self.canvas.update()

    def _media_loaded(self) -> None:
        d = self.duration()
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, d))
        self.slider.blockSignals(False)
        self._update_time()
        self._update_info()

    def _update_info(self) -> None:
        def desc(side: Side) -> str:
            s = side.picture_size()
            return f"{s.width()}×{s.height()}" if s.isValid() and not s.isEmpty() else "–"

        if self.kind:
            self.info.set_full_text(f"Original {desc(self.original)} · Result {desc(self.result)}")
        else:
            self.info.set_full_text("")

    def _show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c62828;")
        self.message.show()

    # -- modes ----------------------------------------------------------------------------------
    @property
    def mode(self) -> str:
        return self.canvas.mode

    def set_mode(self, mode: str) -> None:
        self.canvas.set_mode(mode)
        self.mode_buttons[mode].setChecked(True)
        self.hold_button.setVisible(mode == "toggle")
        self.modeChanged.emit(mode)

    def set_zoom(self, zoom: float) -> None:
        self.canvas.set_zoom(zoom)

    def _zoom_changed(self, z: float) -> None:
        i = self.zoom_box.findData(z)
        self.zoom_box.blockSignals(True)
        if i >= 0:
            self.zoom_box.setCurrentIndex(i)
        self.zoom_box.blockSignals(False)
        self.zoomChanged.emit(z)

    def _hold(self, value: bool) -> None:
        self.canvas.set_holding(value)

    # -- transport ------------------------------------------------------------------------------
    def _videos(self) -> list[Side]:
        return [s for s in (self.original, self.result) if s.is_video]

    def duration(self) -> int:
        return max([s.duration() for s in self._videos()] or [0])

    def position(self) -> int:
        if self.original.is_video:
            return self.original.position()
        return self.result.position() if self.result.is_video else 0

    def frame_interval(self) -> float:
        master = self.original if self.original.is_video else self.result
        return master.frame_interval()

    @property
    def playing(self) -> bool:
        from .multimedia import QMediaPlayer

        return any(s.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState for s in self._videos())

    def play(self) -> None:
        vids = self._videos()
        if not vids:
            return
        start, end = self._loop_range()
        pos = self.position()
        if pos >= end - self.frame_interval() or (self.loop and not start <= pos < end):
            self.seek(start)
        for s in vids:
            queue_call(s.player, "play")
        self._want_play = True
        self._sync_timer.start()
        self.play_button.setText("Pause")

    def pause(self) -> None:
        self._want_play = False
        self._sync_timer.stop()
        vids = self._videos()
        for s in vids:
            queue_call(s.player, "pause")
        self.play_button.setText("Play")
        master = self.original if self.original.is_video else self.result
        if vids and master.frame_ms >= 0:
            # line both up on the frame the original shows (its position() lags behind)
            self.seek(round(master.frame_ms + self.frame_interval() / 2))

    def toggle_play(self) -> None:
        if self._want_play:
            self.pause()
        else:
            self.play()

    def seek(self, ms: int) -> None:
        """Show the frame at ``ms`` in both pictures.

        Both players are sent to the middle of that frame: a seek right on a frame boundary could
        otherwise land on different frames in two files whose time bases round differently.
        """
        dur = max(0, self.duration())
        ms = int(min(max(0, ms), dur))
        target = ms
        fi = self.frame_interval() if self._videos() else 0.0
        if fi > 0:
            start = math.floor(ms / fi + 1e-6) * fi
            target = round(min(start + fi / 2, max(0.0, dur - 1)))
            ms = round(start)
        for s in self._videos():
            queue_call(s.player, "setPosition", Q_ARG("qint64", target))
        self._resync_after = self._now() + RESYNC_GRACE_MS
        self.slider.blockSignals(True)
        self.slider.setValue(ms)
        self.slider.blockSignals(False)
        self._update_time(ms)
        self.positionChanged.emit(ms)

    def step(self, frames: int) -> None:
        """Pause and move ``frames`` frames (negative: back)."""
        if not self._videos():
            return
        self.pause()
        fi = self.frame_interval()
        master = self.original if self.original.is_video else self.result
        cur = master.frame_ms if master.frame_ms >= 0 else float(self.position())
        # seek() aims at the middle of the wanted frame, so rounding never lands on its neighbour
        self.seek(round(cur + frames * fi + fi / 2))

    def set_loop(self, on: bool) -> None:
        self.loop = bool(on)
        if self.loop_button.isChecked() != self.loop:
            self.loop_button.setChecked(self.loop)
        self._update_time()

    def set_loop_in(self) -> None:
        self.loop_in = self.position()
        if self.loop_out and self.loop_out <= self.loop_in:
            self.loop_out = 0
        self._update_time()

    def set_loop_out(self) -> None:
        pos = self.position()
        if pos > self.loop_in:
            self.loop_out = pos
        self._update_time()

    def set_loop_range(self, start_ms: int, end_ms: int) -> None:
        self.loop_in, self.loop_out = int(start_ms), int(end_ms)
        self._update_time()

    def _loop_range(self) -> tuple[int, int]:
        end = self.loop_out or self.duration()
        return (self.loop_in if self.loop_in < end else 0), end

    def _set_sound(self, on: bool) -> None:
        if self.original.audio is not None:
            self.original.audio.setMuted(not on)

    @staticmethod
    def _now() -> float:
        return time.monotonic() * 1000.0

    def _check_sync(self) -> None:
        """While playing: keep the result on the original's frame; loop the selection."""
        from .multimedia import QMediaPlayer

        if not self._want_play:
            return
        master = self.original if self.original.is_video else self.result
        if not master.is_video:
            return
        pos = master.position()
        start, end = self._loop_range()
        ended = master.player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia
        if (self.loop and (pos >= end or ended)) or (self.loop and pos < start - self.frame_interval()):
            self.seek(start)
            for s in self._videos():
                queue_call(s.player, "play")
            return
        if ended:
            self.pause()
            return
        self._update_time(pos)
        if master is self.original and self.result.is_video and self._now() >= self._resync_after:
            drift = self.result.position() - pos
            if abs(drift) > DRIFT_FRAMES * self.frame_interval() and pos < self.result.duration():
                queue_call(self.result.player, "setPosition", Q_ARG("qint64", pos))
                self.resyncs += 1
                self._resync_after = self._now() + RESYNC_GRACE_MS

    def _frame_arrived(self) -> None:
        if self._want_play and self.loop and self.original.is_video and self.original.frame_ms >= 0:
            start, end = self._loop_range()
            if self.original.frame_ms >= end - self.frame_interval() / 2:  # the out point: back to the in point
                self.seek(start)
                return
        if not self._slider_held and self.original.is_video:
            # the time of the frame on screen (the player's position runs ahead of it)
            pos = round(self.original.frame_ms) if self.original.frame_ms >= 0 else self.position()
            self.slider.blockSignals(True)
            self.slider.setValue(pos)
            self.slider.blockSignals(False)
            self._update_time(pos)
            self.positionChanged.emit(pos)

    def _slider_moved(self, value: int) -> None:
        self.seek(value)

    def _slider_released(self) -> None:
        self._slider_held = False
        self.seek(self.slider.value())

    def _update_time(self, pos: int | None = None) -> None:
        pos = self.position() if pos is None else pos
        text = f"{fmt_ms(pos)} / {fmt_ms(self.duration())}"
        if self.loop_in or self.loop_out:
            s, e = self._loop_range()
            text += f"  [{fmt_ms(s)}–{fmt_ms(e)}]"
        self.time_label.setText(text)

    # -- keys -----------------------------------------------------------------------------------
    def keyPressEvent(self, e: QKeyEvent) -> None:
        k = e.key()
        if k == Qt.Key.Key_Space and self.kind == "video":
            self.toggle_play()
        elif k in (Qt.Key.Key_Left, Qt.Key.Key_Comma) and self.kind == "video":
            self.step(-1)
        elif k in (Qt.Key.Key_Right, Qt.Key.Key_Period) and self.kind == "video":
            self.step(1)
        elif k == Qt.Key.Key_Home and self.kind == "video":
            self.seek(self._loop_range()[0])
        elif k == Qt.Key.Key_I:
            self.set_loop_in()
        elif k == Qt.Key.Key_O:
            self.set_loop_out()
        elif k == Qt.Key.Key_L:
            self.set_loop(not self.loop)
        elif k in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3):
            self.set_mode(MODES[k - Qt.Key.Key_1])
        elif k == Qt.Key.Key_Backslash and not e.isAutoRepeat():
            self._hold(True)
        elif k == Qt.Key.Key_Z:
            steps = [z for z, _ in ZOOMS]
            cur = steps.index(self.canvas.zoom) if self.canvas.zoom in steps else 0
            self.canvas.set_zoom(steps[(cur + 1) % len(steps)])
        else:
            super().keyPressEvent(e)
            return
        e.accept()

    def keyReleaseEvent(self, e: QKeyEvent) -> None:
        if e.key() == Qt.Key.Key_Backslash and not e.isAutoRepeat():
            self._hold(False)
            e.accept()
            return
        super().keyReleaseEvent(e)

    def shutdown(self) -> None:
        """Stop playback and let go of the files (before the widget goes away)."""
        self._sync_timer.stop()
        for s in (self.original, self.result):
            if s.player is not None:
                queue_call(s.player, "stop")
                queue_call(s.player, "setSource", Q_ARG(QUrl, QUrl()))

