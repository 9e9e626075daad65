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
``QVideoFrame.toImage()`` when painted. The original's player is the master (and by default the
only one with sound; ``sound_from="result"`` makes the result's the one heard, for a tool that
changes the sound); the result's player is slaved to it: it is seeked whenever its position drifts by
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

import math
import time
from pathlib import Path

from PySide6.QtCore import (
    Q_ARG,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QKeyEvent
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

from ...widgets.elide import ElidedLabel
from ..player import queue_call
from .canvas import CompareCanvas
from .common import (
    DRIFT_FRAMES,
    MODE_LABELS,
    MODES,
    RESYNC_GRACE_MS,
    ZOOMS,
    fmt_ms,
    is_image_file,
)
from .side import Side


class SizesLabel(ElidedLabel):
    """"Original 320×240 · Result 640×480", whole when it fits; narrower, shorter forms made of whole
    words: "320×240 → 640×480", then "… Result 640×480" and "… 640×480" (the result's size, the
    original's dropped), so a word is never cut in the middle of two ("Original 640×…esult 640×360").
    When even the last does not fit, its start goes. The whole text is always the tooltip."""

    def __init__(self) -> None:
        self._forms: list[str] = []
        super().__init__(mode=Qt.TextElideMode.ElideRight)

    def set_sizes(self, original: str, result: str) -> None:
        self._forms = [f"{original} → {result}", "… " + self.tr("Result %1").replace("%1", result), f"… {result}"]
        self.set_full_text(self.tr("Original %1 · Result %2").replace("%1", original).replace("%2", result))

    def clear_sizes(self) -> None:
        self._forms = []
        self.set_full_text("")

    def minimumSizeHint(self) -> QSize:
        # a few characters: the mode buttons and the zoom box, not the sizes, set the bar's width
        fm = self.fontMetrics()
        room = min(fm.horizontalAdvance("…" * 3), fm.horizontalAdvance(self.full_text())) if self.full_text() else 0
        return QSize(room, super().minimumSizeHint().height())

    def _elide(self) -> None:
        room = self.contentsRect().width() - 2 * self.margin()
        fm = self.fontMetrics()
        forms = [self.full_text(), *getattr(self, "_forms", [])]
        if room <= 0 or fm.horizontalAdvance(forms[0]) <= room:
            super()._elide()
            return
        fits = [f for f in forms[1:] if fm.horizontalAdvance(f) <= room]
        QLabel.setText(self, fits[0] if fits else fm.elidedText(forms[-1], Qt.TextElideMode.ElideLeft, room))


class TimeLabel(ElidedLabel):
    """"00:01.000 / 00:20.000  [00:00.400–00:00.900]", whole when it fits; in a narrow view (a 1024 px
    window beside the job queue) the loop range goes first, then the length: the position is always
    shown, and the view never needs more width than that (the transport once pushed the Reframe and
    Video Enhance tabs into sideways scrolling). ``text()`` is the whole text; it is the tooltip."""

    def __init__(self, text: str = "") -> None:
        self._forms: list[str] = []
        super().__init__(mode=Qt.TextElideMode.ElideRight)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.set_times(text)

    def set_times(self, full: str, *shorter: str) -> None:
        """``full``, and the shorter forms to fall back to, longest first."""
        hint = self.minimumSizeHint()
        self._forms = [f for f in shorter if f]
        self.set_full_text(full)
        if self.minimumSizeHint() != hint:
            self.updateGeometry()

    def setText(self, text: str) -> None:  # Qt's name
        self.set_times(text)

    def text(self) -> str:
        return self.full_text()

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance(self.full_text()) + 2 * self.margin() + 2, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        fm = self.fontMetrics()
        last = (getattr(self, "_forms", None) or [self.full_text()])[-1]
        return QSize(fm.horizontalAdvance(last) + 2 * self.margin() + 2, super().sizeHint().height())

    def _elide(self) -> None:
        room = self.contentsRect().width() - 2 * self.margin()
        fm = self.fontMetrics()
        forms = [self.full_text(), *getattr(self, "_forms", [])]
        if room <= 0:
            QLabel.setText(self, forms[0])
            return
        fits = [f for f in forms if fm.horizontalAdvance(f) <= room]
        QLabel.setText(self, fits[0] if fits else fm.elidedText(forms[-1], Qt.TextElideMode.ElideRight, room))


class CompareView(QWidget):
    """Original and result, played in sync, with one transport."""

    positionChanged = Signal(int)
    modeChanged = Signal(str)
    zoomChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None, *, sound_from: str = "original") -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        #: whose sound is heard: "original" (the default) or "result" (a tool that changes the sound)
        self.sound_from = sound_from
        self.original = Side("original", audio=sound_from == "original", parent=self)
        self.result = Side("result", audio=sound_from == "result", parent=self)
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
            label = self.tr(MODE_LABELS[m])
            b.setText(label)
            b.setObjectName(f"mode_{m}")
            b.setCheckable(True)
            b.setToolTip(f"{label} ({i})")
            b.clicked.connect(lambda _c=False, mm=m: self.set_mode(mm))
            group.addButton(b)
            self.mode_buttons[m] = b
            bar.addWidget(b)
        self.mode_buttons["wipe"].setChecked(True)
        self.hold_button = QPushButton(self.tr("Hold for original"))
        self.hold_button.setObjectName("holdOriginal")
        self.hold_button.setToolTip(self.tr("Press and hold to see the original in place of the result (\\)"))
        self.hold_button.pressed.connect(lambda: self._hold(True))
        self.hold_button.released.connect(lambda: self._hold(False))
        self.hold_button.hide()
        bar.addWidget(self.hold_button)
        bar.addStretch(1)
        # the sizes, in shorter forms when the tab is narrow (1024 px windows), whole on hover
        self.info = SizesLabel()
        self.info.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.info.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.info.setObjectName("compareInfo")
        self.info.setEnabled(False)
        bar.addWidget(self.info)
        bar.addWidget(QLabel(self.tr("Zoom:")))
        self.zoom_box = QComboBox()
        self.zoom_box.setObjectName("zoomBox")
        for z, label in ZOOMS:
            self.zoom_box.addItem(self.tr(label), z)
        self.zoom_box.setToolTip(self.tr("Zoom on the same region of both (Ctrl+wheel; double-click a point; drag to pan)"))
        self.zoom_box.currentIndexChanged.connect(lambda _i: self.canvas.set_zoom(float(self.zoom_box.currentData())))
        bar.addWidget(self.zoom_box)
        self.canvas.zoomChanged.connect(self._zoom_changed)

        # transport
        self.play_button = QToolButton()
        self.play_button.setObjectName("playButton")
        self.play_button.setText(self.tr("Play"))
        self.play_button.setToolTip(self.tr("Play / pause (Space)"))
        self.play_button.clicked.connect(self.toggle_play)
        self.back_button = QToolButton()
        self.back_button.setText("◀|")
        self.back_button.setObjectName("stepBack")
        self.back_button.setToolTip(self.tr("One frame back (Left)"))
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.fwd_button = QToolButton()
        self.fwd_button.setText("|▶")
        self.fwd_button.setObjectName("stepForward")
        self.fwd_button.setToolTip(self.tr("One frame forward (Right)"))
        self.fwd_button.clicked.connect(lambda: self.step(1))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("seekSlider")
        self.slider.setRange(0, 0)
        self.slider.sliderPressed.connect(lambda: setattr(self, "_slider_held", True))
        self.slider.sliderReleased.connect(self._slider_released)
        self.slider.valueChanged.connect(self._slider_moved)
        self.time_label = TimeLabel(fmt_ms(0))
        self.time_label.setObjectName("timeLabel")
        self.in_button = QToolButton()
        self.in_button.setText("[")
        self.in_button.setObjectName("loopIn")
        self.in_button.setToolTip(self.tr("Start the loop selection here (I)"))
        self.in_button.clicked.connect(self.set_loop_in)
        self.out_button = QToolButton()
        self.out_button.setText("]")
        self.out_button.setObjectName("loopOut")
        self.out_button.setToolTip(self.tr("End the loop selection here (O)"))
        self.out_button.clicked.connect(self.set_loop_out)
        self.loop_button = QToolButton()
        self.loop_button.setText(self.tr("Loop"))
        self.loop_button.setObjectName("loopButton")
        self.loop_button.setCheckable(True)
        self.loop_button.setToolTip(self.tr("Loop the selection (L); without a selection, the whole clip"))
        self.loop_button.toggled.connect(self.set_loop)
        self.mute_button = QToolButton()
        self.mute_button.setText(self.tr("Sound"))
        self.mute_button.setObjectName("muteButton")
        self.mute_button.setCheckable(True)
        self.mute_button.setChecked(True)
        self.mute_button.setToolTip(self.tr("Play the result's sound") if sound_from == "result" else self.tr("Play the original's sound"))
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
        self.play_button.setText(self.tr("Play"))
        self._update_info()

    def clear(self, placeholder: str | None = None) -> None:
        self.pause()
        self.original.clear()
        self.result.clear()
        self.kind = ""
        self.canvas.placeholder = self.tr("Nothing to compare yet") if placeholder is None else placeholder
        self.transport.hide()
        self.info.clear_sizes()
        self.message.hide()
        self.canvas.update()

    def set_placeholder(self, text: str) -> None:
        self.canvas.placeholder = text
        self.canvas.update()

    def set_missing_text(self, text: str) -> None:
        """What the side without a picture says ("Waiting for the result…"; "No result: the job failed.")."""
        self.canvas.missing = text
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
            self.info.set_sizes(desc(self.original), desc(self.result))
        else:
            self.info.clear_sizes()

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
        from ...widgets.multimedia import QMediaPlayer

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
        self.play_button.setText(self.tr("Pause"))

    def pause(self) -> None:
        self._want_play = False
        self._sync_timer.stop()
        vids = self._videos()
        for s in vids:
            queue_call(s.player, "pause")
        self.play_button.setText(self.tr("Play"))
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

    def _loop_range(self) -> tuple[int, int]:
        end = self.loop_out or self.duration()
        return (self.loop_in if self.loop_in < end else 0), end

    def _set_sound(self, on: bool) -> None:
        for side in (self.original, self.result):
            if side.audio is not None:
                side.audio.setMuted(not on)

    @staticmethod
    def _now() -> float:
        return time.monotonic() * 1000.0

    def _check_sync(self) -> None:
        """While playing: keep the result on the original's frame; loop the selection."""
        from ...widgets.multimedia import QMediaPlayer

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
        shorter = [text, fmt_ms(pos)]
        if self.loop_in or self.loop_out:
            s, e = self._loop_range()
            text += f"  [{fmt_ms(s)}–{fmt_ms(e)}]"
        else:
            shorter = shorter[1:]
        self.time_label.set_times(text, *shorter)

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

