"""The timeline trimmer: choose the part of a video that is sent to Verging (and paid for).

:class:`Trimmer` shows a video preview above a custom-painted timeline (filmstrip, waveform,
keyframe ticks, selected range, in/out handles, playhead), spin boxes for exact in/out times,
the selected length against the per-job limit, and a "Preview cut" that runs the real cut (smart,
exact or copy) to a temporary file and plays it, so what the user sees is what is uploaded.
The arithmetic lives below Qt: the frame grid in :mod:`verging_desktop.media.framegrid`, the
cuts of the selections in :mod:`verging_desktop.media.cutcache`; the in/out boxes are
:class:`~verging_desktop.ui.video.timespin.TimeSpinBox`. A tab that already probed the clip
passes its :class:`~verging_desktop.media.probe.MediaInfo` to :meth:`Trimmer.load` (the clip is
not probed again).

Signals of :class:`Trimmer`:
    selectionChanged(float start, float end): the in or out point moved (on every move while a
        handle is dragged, so a cost label follows live). Seconds from the clip's start.
    validityChanged(bool ok, str reason): the selection became usable or not; ``reason`` says why
        not in words a person can act on ("The selection is 34.2 s; Verging takes at most 30 s
        per job. Move the in or out point."); empty when ok.
    error(str message): something a person should know went wrong (the clip cannot be read, a
        cut failed, the video cannot be played). The message is also shown inside the widget.
    loaded(object info): a clip was probed and shown (a :class:`~verging_desktop.media.probe.MediaInfo`).
    playheadChanged(float seconds)
    cutFinished(object result): a cut (preview or :meth:`Trimmer.cut_selection`) finished
        (a :class:`~verging_desktop.media.cut.CutResult`).

Points are always on frame boundaries: the in point is the start of a frame, the out point the
start of the first frame not included (or the clip's end). Frame times come from the probe, so
variable frame rate clips step by their real frames. The keys (while the timeline or the
preview has focus): I / O set in / out at the playhead, Shift+I / Shift+O go to them; Left /
Right step one frame, Shift+Left / Shift+Right one second, Up / Down jump to the previous / next
keyframe, Home / End to the clip's start / end; Space plays or pauses the selection; Escape
cancels a running cut; + / - zoom the timeline and 0 fits it.

A file dropped on the trimmer is loaded. Use from a tool tab::

    trimmer = Trimmer(pricing=ctx.pricing, service="faceswap", spawn=ctx.spawn)
    trimmer.validityChanged.connect(lambda ok, why: (submit.setEnabled(ok), submit.setToolTip(why)))
    await trimmer.load(path, info=plan.info)   # the probe the tab made (none again)
    ...
    result = await trimmer.cut_selection()   # the previewed file when nothing changed since
    upload(result.path)

Blocking work never runs on the Qt thread: probing, thumbnails, the waveform and cuts use the
media layer's async API (worker threads and asyncio subprocesses). Every task is kept and
cancelled when a new clip is loaded or the trimmer closes; temporary cut files live in a
private folder that is deleted on :meth:`Trimmer.aclose` / close (and at exit at the latest).
"""

from __future__ import annotations

import asyncio
import bisect
import dataclasses
import logging
import os
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSize, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QImage,
    QKeyEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import Cancelled, InputError, Progress, VergingError
from ...core.pricing import Pricing
from ...media import probe as media_probe
from ...media.cut import CutResult
from ...media.cutcache import CutCache, CutKey, copy_atomic, cut_key
from ...media.framegrid import FrameGrid, limit_reason, parse_time, thumb_count
from ...media.probe import MediaInfo
from ...media.thumbs import thumbnails, waveform
from ..widgets import multimedia
from ..widgets.wrapfit import refit, wrap_fit_minimum
from .filmstrip import STRIP_H, Timeline, fmt_time
from .player import PreviewPlayer
from .timespin import TimeSpinBox

log = logging.getLogger("verging_desktop.ui.trimmer")

__all__ = ["TimeSpinBox", "Trimmer", "fmt_time", "limit_reason", "parse_time"]

RED = "#e53935"
AMBER = "#b26a00"
#: "auto" lets the upload choice decide (jobs.prep_choice); the trimmer's own preview cuts it smart
MODES = (("auto", QT_TRANSLATE_NOOP("Trimmer", "Auto (fastest to upload)")),
         ("smart", QT_TRANSLATE_NOOP("Trimmer", "Smart (frame-accurate, fast)")),
         ("exact", QT_TRANSLATE_NOOP("Trimmer", "Exact (re-encode everything)")),
         ("copy", QT_TRANSLATE_NOOP("Trimmer", "Copy (fastest, may start early)")),
         ("compact", QT_TRANSLATE_NOOP("Trimmer", "Compact (re-encode to fewer bytes)")))
#: what the trimmer's own cuts (the preview) use for "auto"
AUTO_CUT = "smart"
MODE_TIPS = {
    "auto": QT_TRANSLATE_NOOP("Trimmer", "Chooses the preparation that gets the file uploaded soonest on your "
                              "connection: a smart cut or copy on a fast link, a compact re-encode on a slow one. "
                              "The preview plays a smart cut."),
    "compact": QT_TRANSLATE_NOOP("Trimmer", "Re-encodes the whole selection at a quality-targeted bit rate (never "
                                 "above the source's): fewer bytes to upload, every frame encoded."),
    "smart": QT_TRANSLATE_NOOP("Trimmer", "Frame-accurate: re-encodes only the frames up to the first keyframe "
                               "(and a few at the end), copies the rest untouched. Nearly as fast as Copy."),
    "exact": QT_TRANSLATE_NOOP("Trimmer", "Re-encodes the whole selection: frame-accurate, slower, upright output "
                               "for rotated videos."),
    "copy": QT_TRANSLATE_NOOP("Trimmer", "Copies whole keyframe groups without re-encoding: fastest and lossless, "
                              "but it may start at the keyframe before the in point (and so be billed for more "
                              "seconds)."),
}
_EPS = 1e-6


# ------------------------------------------------------------------------------------------------
# the trimmer


class Trimmer(QWidget):
    """A video trimmer with filmstrip, handles, keys, exact times, limit check and cut preview.

    See the module docstring for the signals and keys.

    :param pricing: where the default per-job limit comes from (``max_seconds(service)``).
    :param service: the Verging service the clip is for (``"faceswap"``, ``"video_enhance"``).
    :param max_seconds: the longest selection allowed (default: the pricing table's, 30 s).
    :param spawn: starts the widget's tasks (e.g. ``ToolContext.spawn`` so quitting cancels them);
        the trimmer keeps its own handles either way.
    :param temp_dir: where the private folder for preview cuts is made (default: the system's).
    :param provider: who the clip is sent to, as the limit's message names it ("Vimmerse").
    """

    selectionChanged = Signal(float, float)
    validityChanged = Signal(bool, str)
    error = Signal(str)
    loaded = Signal(object)
    playheadChanged = Signal(float)
    cutFinished = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, pricing: Pricing | None = None,
                 service: str = "faceswap", max_seconds: float | None = None,
                 spawn: Callable[[Coroutine[Any, Any, Any]], asyncio.Task[Any]] | None = None,
                 temp_dir: str | os.PathLike[str] | None = None, thumb_height: int = STRIP_H,
                 provider: str = "Verging") -> None:
        super().__init__(parent)
        self.setObjectName("trimmer")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self._pricing = pricing
        self._service = service
        self._provider = provider
        if max_seconds is None:
            try:
                max_seconds = (pricing or Pricing.default()).max_seconds(service)
            except VergingError:
                max_seconds = 30.0
        self._max = float(max_seconds)
        self._spawn_fn = spawn
        self._thumb_height = thumb_height
        self._tasks: set[asyncio.Task[Any]] = set()
        self._media_tasks: set[asyncio.Task[Any]] = set()  # thumbnails, waveform (per clip)
        #: the cuts of this clip's selections (running and made), in a private folder
        self._cache = CutCache(temp_dir)
        self._generation = 0
        self._info: MediaInfo | None = None
        #: the clip's frame boundaries and keyframes (the time <-> frame arithmetic)
        self._grid = FrameGrid()
        self._in = 0
        self._out = 0
        self._ph = 0
        self._valid = False
        self._reason = self.tr("Load a video first.")
        self._showing_cut: CutResult | None = None
        self._showing_key: CutKey | None = None
        self._closed = False
        self._progress_key: CutKey | None = None
        self._build()
        self._refresh_enabled()

    # ==== construction ==========================================================================
    def _build(self) -> None:
        # without QtMultimedia (no libpulse) a placeholder says why; everything else still works
        self.player = PreviewPlayer(self) if multimedia.ready() else multimedia.NoPlayback(self)
        self.player.positionChanged.connect(self._on_player_position)
        self.player.playingChanged.connect(self._on_playing)
        self.player.reachedEnd.connect(self._on_reached_end)
        self.player.errorOccurred.connect(self._on_player_error)
        self.player.video.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        self.source_label = QLabel("")
        self.source_label.setObjectName("previewSource")
        self.back_button = QPushButton(self.tr("Back to the source"))
        self.back_button.setToolTip(self.tr("Stop showing the cut and go back to the whole clip."))
        self.back_button.clicked.connect(self.show_source)
        self.back_button.setVisible(False)

        st = self.style()
        self.play_button = QToolButton()
        self.play_button.setIcon(st.standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.play_button.setToolTip(self.tr("Play the selection (Space); it stops at the out point."))
        self.play_button.clicked.connect(self.toggle_play)
        self.prev_button = QToolButton()
        self.prev_button.setIcon(st.standardIcon(QStyle.StandardPixmap.SP_MediaSeekBackward))
        self.prev_button.setToolTip(self.tr("One frame back (Left; Shift+Left: one second)"))
        self.prev_button.clicked.connect(self.step_back)
        self.next_button = QToolButton()
        self.next_button.setIcon(st.standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward))
        self.next_button.setToolTip(self.tr("One frame forward (Right; Shift+Right: one second)"))
        self.next_button.clicked.connect(self.step_forward)
        self.time_label = QLabel("0:00.000 / 0:00.000")
        self.time_label.setObjectName("playheadTime")
        self.time_label.setToolTip(self.tr("Playhead / clip length (m:ss.mmm)"))
        self.loop_box = QCheckBox(self.tr("Loop"))
        self.loop_box.setToolTip(self.tr("Play the selection over and over instead of stopping at the out point."))
        self.loop_box.toggled.connect(self.player.set_loop)
        self.snap_box = QCheckBox(self.tr("Snap to keyframes"))
        self.snap_box.setToolTip(self.tr(
            "Move the in and out points to the nearest keyframe (yellow ticks). A cut starting on a "
            "keyframe is lossless in every mode."))
        self.snap_box.toggled.connect(self._on_snap_toggled)

        transport = QHBoxLayout()
        transport.addWidget(self.prev_button)
        transport.addWidget(self.play_button)
        transport.addWidget(self.next_button)
        transport.addWidget(self.time_label)
        transport.addStretch(1)
        transport.addWidget(self.source_label)
        transport.addWidget(self.back_button)
        transport.addWidget(self.loop_box)

        self.timeline = Timeline(self)
        self.timeline.handleDragged.connect(self._on_handle_dragged)
        self.timeline.handlePressed.connect(self._on_handle_pressed)
        self.timeline.handleReleased.connect(self._on_handle_released)
        self.timeline.scrubbed.connect(self._on_scrubbed)

        self.in_spin = TimeSpinBox()
        self.in_spin.setObjectName("inSpin")
        self.in_spin.setToolTip(self.tr("In point: the first frame of the selection (type seconds or m:ss.mmm)."))
        self.in_spin.step_by_signal = True
        self.in_spin.stepRequested.connect(self._step_in)
        self.in_spin.valueChanged.connect(self.set_in)
        self.out_spin = TimeSpinBox()
        self.out_spin.setObjectName("outSpin")
        self.out_spin.setToolTip(self.tr("Out point: the selection ends just before this time."))
        self.out_spin.step_by_signal = True
        self.out_spin.stepRequested.connect(self._step_out)
        self.out_spin.valueChanged.connect(self.set_out)
        self.set_in_button = QPushButton(self.tr("Set in (I)"))
        self.set_in_button.setToolTip(self.tr("Start the selection at the playhead."))
        self.set_in_button.clicked.connect(self.set_in_at_playhead)
        self.set_out_button = QPushButton(self.tr("Set out (O)"))
        self.set_out_button.setToolTip(self.tr("End the selection at the playhead."))
        self.set_out_button.clicked.connect(self.set_out_at_playhead)
        self.length_label = QLabel("")
        self.length_label.setObjectName("selectionLength")
        self.length_label.setWordWrap(True)  # a long line must not widen the whole tab

        # the in and out parts side by side, or one above the other in a narrow window (set_compact)
        in_part = QHBoxLayout()
        in_part.addWidget(QLabel(self.tr("In")))
        in_part.addWidget(self.in_spin)
        in_part.addWidget(self.set_in_button)
        # a gap before "Out" side by side; the rest of the line when stacked (see set_compact)
        self._in_gap = QSpacerItem(16, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
        in_part.addSpacerItem(self._in_gap)
        self._in_part = in_part
        out_part = QHBoxLayout()
        out_part.addWidget(QLabel(self.tr("Out")))
        out_part.addWidget(self.out_spin)
        out_part.addWidget(self.set_out_button)
        out_part.addStretch(1)
        points = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        points.addLayout(in_part)
        points.addLayout(out_part)
        self._points = points

        self.mode_combo = QComboBox()
        self.mode_combo.setObjectName("cutMode")
        for key, text in MODES:
            self.mode_combo.addItem(self.tr(text), key)
            self.mode_combo.setItemData(self.mode_combo.count() - 1, self.tr(MODE_TIPS[key]),
                                        Qt.ItemDataRole.ToolTipRole)
        self.mode_combo.setToolTip(self.tr("How the selection is cut out before it is uploaded."))
        self.mode_combo.currentIndexChanged.connect(self._on_mode_changed)
        # a narrow window shows the mode's start ("Smart (frame-acc…"), the whole of it in the list
        self.mode_combo.setMinimumWidth(120)
        self.preview_button = QPushButton(self.tr("Preview cut"))
        self.preview_button.setToolTip(self.tr("Cut the selection now, the way it will be uploaded, and play the result."))
        self.preview_button.clicked.connect(self.start_preview_cut)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the cut (Escape)."))
        self.cancel_button.clicked.connect(self.cancel_cut)
        self.cancel_button.setVisible(False)
        self.note_label = QLabel("")
        self.note_label.setObjectName("cutNote")
        self.note_label.setWordWrap(True)
        self.note_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        cut_part = QHBoxLayout()
        cut_part.addWidget(QLabel(self.tr("Cut")))
        cut_part.addWidget(self.mode_combo)
        cut_part.addWidget(self.preview_button)
        cut_part.addWidget(self.progress)
        cut_part.addWidget(self.cancel_button)
        cut_part.addStretch(1)
        snap_part = QHBoxLayout()
        snap_part.addWidget(self.snap_box)
        snap_part.addWidget(self.note_label, 1)
        cutrow = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        cutrow.addLayout(cut_part)
        cutrow.addLayout(snap_part, 1)
        self._cutrow = cutrow

        self.message_label = QLabel("")
        self.message_label.setObjectName("trimmerMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(f"color: {RED};")
        self.message_label.setVisible(False)
        self.reason_label = QLabel("")
        self.reason_label.setObjectName("selectionReason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet(f"color: {RED};")
        self.reason_label.setVisible(False)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self.player, 1)  # the video gets the space; the rows below stay compact
        lay.addLayout(transport)
        lay.addWidget(self.timeline)
        lay.addLayout(points)
        lay.addWidget(self.length_label)
        lay.addLayout(cutrow)
        lay.addWidget(self.reason_label)
        lay.addWidget(self.message_label)
        self._update_labels()

    # the rows below the video keep their height: the video shrinks (to the player's minimum)
    # and the page scrolls instead of the rows sliding under it (see widgets/wrapfit.py)
    def minimumSizeHint(self) -> QSize:
        return wrap_fit_minimum(self, super().minimumSizeHint())

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        refit(self)

    def event(self, e: QEvent) -> bool:
        handled = super().event(e)
        if e.type() == QEvent.Type.LayoutRequest:
            refit(self)
        return handled

    def set_compact(self, on: bool) -> None:
        """Stack the in/out and cut rows in two lines each (a narrow window: nothing is squeezed
        or scrolled sideways)."""
        d = QBoxLayout.Direction.TopToBottom if on else QBoxLayout.Direction.LeftToRight
        if self._points.direction() != d:
            self._points.setDirection(d)
            self._cutrow.setDirection(d)
            grow = QSizePolicy.Policy.Expanding if on else QSizePolicy.Policy.Fixed
            self._in_gap.changeSize(16, 0, grow, QSizePolicy.Policy.Minimum)
            self._in_part.invalidate()

    def compact(self) -> bool:
        return self._points.direction() == QBoxLayout.Direction.TopToBottom

    # ==== tasks =================================================================================
    def _spawn(self, coro: Coroutine[Any, Any, Any], name: str, group: set[asyncio.Task[Any]] | None = None
               ) -> asyncio.Task[Any]:
        task = self._spawn_fn(coro) if self._spawn_fn is not None else asyncio.ensure_future(coro)
        task.set_name(name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(_log_failure)
        if group is not None:
            group.add(task)
            task.add_done_callback(group.discard)
        return task

    @property
    def tasks(self) -> list[asyncio.Task[Any]]:
        """The tasks this trimmer is running (probing, thumbnails, waveform, cuts)."""
        return [t for t in self._tasks if not t.done()]

    def _cancel_media_tasks(self) -> None:
        for t in list(self._media_tasks):
            t.cancel()

    # ==== loading ===============================================================================
    @property
    def info(self) -> MediaInfo | None:
        """The probed clip (None until one is loaded)."""
        return self._info

    @property
    def path(self) -> Path | None:
        return self._info.path if self._info is not None else None

    def set_media(self, path: str | os.PathLike[str]) -> asyncio.Task[Any]:
        """Start loading ``path``; errors are shown in the widget and emitted as :attr:`error`."""

        async def go() -> MediaInfo | None:
            try:
                return await self.load(path)
            except (InputError, Cancelled):
                return None

        return self._spawn(go(), "trimmer-load")

    async def load(self, path: str | os.PathLike[str], *, info: MediaInfo | None = None) -> MediaInfo:
        """Probe ``path`` and show it; thumbnails and the waveform fill in afterwards.

        ``info``: the probe of ``path`` made already (the tab's video plan): shown as it is,
        the file is not probed again.

        :raises InputError: the file is not a video this app can read (also shown in the widget).
        :raises Cancelled: another clip was loaded meanwhile, or the trimmer was closed.
        """
        if self._closed:
            raise Cancelled("The trimmer is closed.")
        self._generation += 1
        gen = self._generation
        p = Path(path)
        self._reset_for_new_clip(self.tr("Still reading %1…").replace("%1", p.name))
        self.timeline.set_message(self.tr("Reading %1…").replace("%1", p.name))
        try:
            if info is None or Path(info.path) != p:  # (the same path as given: nothing to probe)
                info = await media_probe.aprobe(p)
        except InputError as exc:
            if gen == self._generation:
                self._show_load_error(str(exc))
            raise
        except OSError as exc:
            msg = self.tr("%1 cannot be read: %2").replace("%1", p.name).replace("%2", str(exc.strerror or exc))
            if gen == self._generation:
                self._show_load_error(msg)
            raise InputError(msg) from exc
        if gen != self._generation or self._closed:
            raise Cancelled(f"Loading {p.name} was superseded.")
        self._apply_info(info)
        self._media_tasks.add(self._spawn(self._load_thumbs(info, gen), "trimmer-thumbs", self._media_tasks))
        self.loaded.emit(info)
        return info

    def clear(self, message: str | None = None) -> None:
        """Show no clip again (the empty state): a load in progress is dropped, the film strip,
        points and length go, the player lets go of the file. A cut still running is left to
        finish (a job being sent may be waiting for it); the cuts made are deleted."""
        if self._closed:
            return
        self._generation += 1  # a load still running finds itself superseded
        self._cancel_media_tasks()
        self._drop_cuts()
        self._info = None
        self._grid = FrameGrid()
        self._in = self._out = self._ph = 0
        self.player.set_source(None)
        self.timeline.clear(self.tr("Drop a video to trim it") if message is None else message)
        self._show_message("")
        self.note_label.clear()
        for spin in (self.in_spin, self.out_spin):
            was = spin.blockSignals(True)
            spin.setRange(0.0, 0.0)
            spin.blockSignals(was)
        self._set_validity(False, self.tr("Load a video first."))
        self._update_labels()
        self._refresh_enabled()
        self.selectionChanged.emit(0.0, 0.0)

    def _reset_for_new_clip(self, reason: str) -> None:
        self._cancel_media_tasks()
        self.cancel_cut()
        self._drop_cuts()
        self._info = None
        self._grid = FrameGrid()
        self._in = self._out = self._ph = 0
        self._showing_cut = None
        self.player.set_source(None)
        self.timeline.clear("")
        self._show_message("")
        self.note_label.clear()
        self._set_validity(False, reason)
        self._update_labels()
        self._refresh_enabled()

    def _show_load_error(self, msg: str) -> None:
        self.timeline.clear(msg)
        self._show_message(msg)
        self._set_validity(False, msg)
        self.error.emit(msg)

    def _show_message(self, msg: str) -> None:
        self.message_label.setText(msg)
        self.message_label.setVisible(bool(msg))

    def _apply_info(self, info: MediaInfo) -> None:
        self._info = info
        grid = self._grid = FrameGrid.from_info(info)
        end, fd = grid.duration, grid.frame_duration
        self.timeline.set_clip(end, info.keyframe_times, has_audio=info.has_audio)
        for spin in (self.in_spin, self.out_spin):
            was = spin.blockSignals(True)
            spin.setRange(0.0, end)
            spin.setSingleStep(fd)
            spin.blockSignals(was)
        self._in, self._out = grid.first_selection(self._max)
        self._ph = 0
        self.player.set_display_size(info.display_width, info.display_height)
        self.player.set_source(info.path)
        self.player.seek(self._bounds[0])
        self._selection_changed()
        self._set_playhead_idx(0, seek=False)
        self._refresh_enabled()

    async def _load_thumbs(self, info: MediaInfo, gen: int) -> None:
        aspect = (info.display_width / info.display_height) if info.display_height else 16 / 9
        dpr = max(1.0, self.devicePixelRatioF())
        strip_w = max(400, self.timeline.width() - 20)
        count = thumb_count(strip_w, self._thumb_height, aspect)
        height = max(16, int(self._thumb_height * dpr))
        self.timeline.set_thumb_slots(count, info.duration)
        wave_started = False
        try:
            async for thumb in thumbnails(info.path, count=count, height=height):
                if gen != self._generation:
                    return
                img = QImage(thumb.rgb, thumb.width, thumb.height, thumb.stride, QImage.Format.Format_RGB888).copy()
                self.timeline.set_thumb(thumb.index, img)
                if not wave_started and info.has_audio:
                    wave_started = True
                    self._media_tasks.add(self._spawn(self._load_wave(info, gen), "trimmer-wave", self._media_tasks))
        except InputError as exc:
            log.info("no filmstrip for %s: %s", info.path.name, exc)
            self.timeline.set_message(str(exc))
        if info.has_audio and not wave_started and gen == self._generation:
            self._media_tasks.add(self._spawn(self._load_wave(info, gen), "trimmer-wave", self._media_tasks))

    async def _load_wave(self, info: MediaInfo, gen: int) -> None:
        try:
            peaks = await waveform(info.path, buckets=max(200, min(4000, int(info.duration * 50))))
        except (InputError, OSError) as exc:
            log.info("no waveform for %s: %s", info.path.name, exc)
            return
        if gen == self._generation:
            self.timeline.set_waveform(peaks)

    @property
    def thumbnails_ready(self) -> tuple[int, int]:
        """(thumbnails shown, thumbnails expected)."""
        return self.timeline.thumbs_ready, self.timeline.thumb_count

    def display_size(self) -> tuple[int, int]:
        """The clip's size as shown (rotation applied): portrait phone videos are taller than wide."""
        if self._info is None:
            return (0, 0)
        return (self._info.display_width, self._info.display_height)

    # ==== frame arithmetic (media.framegrid) ===================================================
    @property
    def _bounds(self) -> tuple[float, ...]:
        return self._grid.bounds

    @property
    def _key_idx(self) -> tuple[int, ...]:
        return self._grid.key_idx

    @property
    def grid(self) -> FrameGrid:
        """The loaded clip's frame grid (empty before a clip is loaded)."""
        return self._grid

    @property
    def frame_count(self) -> int:
        return self._grid.frame_count

    @property
    def duration(self) -> float:
        """The clip's length on the timeline (end of its last frame)."""
        return self._grid.duration

    def _nearest_index(self, t: float, lo: int = 0, hi: int | None = None) -> int:
        return self._grid.nearest_index(t, lo, hi)

    def _index_at_most(self, t: float) -> int:
        return self._grid.index_at_most(t)

    def _frame_containing(self, t: float) -> int:
        return self._grid.frame_containing(t)

    def _nearest_keyframe_index(self, t: float, lo: int, hi: int, *, include_end: bool) -> int | None:
        return self._grid.nearest_keyframe_index(t, lo, hi, include_end=include_end)

    def _snap_in(self, t: float) -> int:
        hi = self._out - 1
        if self.snap_box.isChecked():
            k = self._nearest_keyframe_index(t, 0, hi, include_end=False)
            if k is not None:
                return k
        return self._nearest_index(t, 0, hi)

    def _snap_out(self, t: float) -> int:
        lo = self._in + 1
        if self.snap_box.isChecked():
            k = self._nearest_keyframe_index(t, lo, self.frame_count, include_end=True)
            if k is not None:
                return k
        return self._nearest_index(t, lo, self.frame_count)

    # ==== selection =============================================================================
    def selection(self) -> tuple[float, float]:
        """(in, out) in seconds; (0, 0) before a clip is loaded."""
        if not self._bounds:
            return (0.0, 0.0)
        return (self._bounds[self._in], self._bounds[self._out])

    def length(self) -> float:
        s, e = self.selection()
        return e - s

    def set_in(self, t: float) -> None:
        """Move the in point to the frame boundary (or keyframe, when snapping) nearest ``t``."""
        if not self._bounds:
            return
        self._set_points(self._snap_in(float(t)), self._out)

    def set_out(self, t: float) -> None:
        """Move the out point to the frame boundary (or keyframe, when snapping) nearest ``t``."""
        if not self._bounds:
            return
        self._set_points(self._in, self._snap_out(float(t)))

    def set_selection(self, start: float, end: float) -> None:
        """Set both points (each snapped; the out point stays at least one frame after the in)."""
        if not self._bounds:
            return
        self._set_points(self._nearest_index(float(start), 0, self.frame_count - 1), self._out)
        self._set_points(self._in, self._snap_out(float(end)))
        self._set_points(self._snap_in(float(start)), self._out)

    def set_in_at_playhead(self) -> None:
        if self._bounds:
            self._back_to_source(seek=False)
            self.set_in(self._bounds[min(self._ph, self.frame_count - 1)])

    def set_out_at_playhead(self) -> None:
        if self._bounds:
            self._back_to_source(seek=False)
            self.set_out(self._bounds[max(self._ph, 1)])

    def _set_points(self, i_in: int, i_out: int) -> None:
        n = self.frame_count
        i_in = min(max(0, i_in), n - 1)
        i_out = min(max(i_in + 1, i_out), n)
        if (i_in, i_out) == (self._in, self._out):
            self._sync_spins()
            return
        self._in, self._out = i_in, i_out
        self._selection_changed()

    def _selection_changed(self) -> None:
        s, e = self.selection()
        self._validate()
        self._sync_spins()
        self.timeline.set_selection(s, e, self._valid)
        if self._showing_cut is not None and self._cut_key() != self._showing_key:
            self._back_to_source(seek=False)
        if self._showing_cut is None:
            self.player.set_range(s, e)
        self._update_labels()
        self._refresh_enabled()
        self.selectionChanged.emit(s, e)

    def _sync_spins(self) -> None:
        s, e = self.selection()
        self.in_spin.set_quietly(s)
        self.out_spin.set_quietly(e)

    def _step_in(self, steps: int) -> None:
        self._step_point("in", steps)

    def _step_out(self, steps: int) -> None:
        self._step_point("out", steps)

    def _step_point(self, which: str, steps: int) -> None:
        """Spin box arrows: move a point by whole frames (keyframes when snapping)."""
        if not self._bounds:
            return
        if self.snap_box.isChecked():
            new = self._grid.step_stop(self._in if which == "in" else self._out, steps, out=which == "out")
        else:
            new = (self._in if which == "in" else self._out) + steps
        if which == "in":
            self._set_points(new, self._out)
        else:
            self._set_points(self._in, new)

    # ==== validity ==============================================================================
    @property
    def max_seconds(self) -> float:
        """The longest selection allowed (Verging's per-job limit, 30 s by default)."""
        return self._max

    @max_seconds.setter
    def max_seconds(self, value: float) -> None:
        self._max = float(value)
        if self._bounds:
            self._validate()
            s, e = self.selection()
            self.timeline.set_selection(s, e, self._valid)
            self._update_labels()
            self._refresh_enabled()

    def is_valid(self) -> bool:
        return self._valid

    def reason(self) -> str:
        """Why the selection cannot be used ("" when it can)."""
        return self._reason

    def _validate(self) -> None:
        info = self._info
        if info is None or not self._bounds:
            self._set_validity(False, self._reason if self._reason else self.tr("Load a video first."))
            return
        s, e = self.selection()
        length = e - s
        fd = info.frame_duration or 0.0
        if length <= 0:
            self._set_validity(False, self.tr("The selection is empty; move the out point after the in point."))
        elif fd and length < fd * 0.999:
            self._set_validity(False, self.tr("The selection (%1 ms) is shorter than one frame (%2 ms); make it longer.")
                               .replace("%1", f"{length * 1000:.0f}").replace("%2", f"{fd * 1000:.0f}"))
        elif length > self._max + _EPS:
            self._set_validity(False, limit_reason(length, self._max, self._provider))
        else:
            self._set_validity(True, "")

    def _set_validity(self, ok: bool, reason: str) -> None:
        if (ok, reason) == (self._valid, self._reason):
            return
        self._valid, self._reason = ok, reason
        self.validityChanged.emit(ok, reason)

    # ==== playhead ==============================================================================
    def playhead(self) -> float:
        return self._bounds[self._ph] if self._bounds else 0.0

    def set_playhead(self, t: float) -> None:
        """Move the playhead to the frame nearest ``t`` and show that frame."""
        if self._bounds:
            self._back_to_source(seek=False)
            self._set_playhead_idx(self._nearest_index(float(t)))

    def step_frames(self, n: int) -> None:
        """Move the playhead ``n`` real frames (negative: back)."""
        if self._bounds:
            self._pause_for_edit()
            self._set_playhead_idx(self._ph + n)

    def step_back(self) -> None:
        self.step_frames(-1)

    def step_forward(self) -> None:
        self.step_frames(1)

    def step_seconds(self, s: float) -> None:
        if self._bounds:
            self._pause_for_edit()
            self._set_playhead_idx(self._nearest_index(self._bounds[self._ph] + s))

    def step_keyframe(self, direction: int) -> None:
        """Jump to the previous (-1) or next (+1) keyframe."""
        if not self._bounds or not self._key_idx:
            return
        self._pause_for_edit()
        if direction > 0:
            i = bisect.bisect_right(self._key_idx, self._ph)
            target = self._key_idx[i] if i < len(self._key_idx) else self.frame_count
        else:
            i = bisect.bisect_left(self._key_idx, self._ph) - 1
            target = self._key_idx[i] if i >= 0 else 0
        self._set_playhead_idx(target)

    def go_to(self, which: str) -> None:
        """``"start"``, ``"end"``, ``"in"`` or ``"out"`` (the last frame inside the selection)."""
        if not self._bounds:
            return
        self._pause_for_edit()
        target = {"start": 0, "end": self.frame_count, "in": self._in, "out": self._out - 1}[which]
        self._set_playhead_idx(target)

    def _pause_for_edit(self) -> None:
        if self._showing_cut is not None:
            self._back_to_source(seek=False)
        elif self.player.is_playing():
            self.player.pause()

    def _set_playhead_idx(self, i: int, *, seek: bool = True) -> None:
        if not self._bounds:
            return
        i = min(max(0, i), self.frame_count)
        self._ph = i
        t = self._bounds[i]
        self.timeline.set_playhead(t)
        if seek:
            # the end of the clip has no frame of its own: show the last one
            self.player.seek(self._bounds[min(i, self.frame_count - 1)])
        self._update_labels()
        self.playheadChanged.emit(t)

    # ==== playback ==============================================================================
    def play(self) -> None:
        """Play the selection from the playhead (or from the in point when outside it)."""
        if not self._bounds:
            return
        if self._showing_cut is not None:
            self.player.play()
            return
        s, e = self.selection()
        start = self._bounds[self._ph] if self._in <= self._ph < self._out - 1 else s
        self.player.set_range(s, e)
        self.player.play(from_=start)

    def pause(self) -> None:
        self.player.pause()

    def toggle_play(self) -> None:
        if self.player.is_playing():
            self.pause()
        else:
            self.play()

    def _on_player_position(self, t: float) -> None:
        if not self._bounds or not self.player.is_playing():
            return
        if self._showing_cut is not None:
            t = self._showing_cut.start_actual + t
        i = self._frame_containing(t)
        if i != self._ph:
            self._ph = i
            self.timeline.set_playhead(self._bounds[i])
            self._update_labels()
            self.playheadChanged.emit(self._bounds[i])

    def _on_playing(self, playing: bool) -> None:
        icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setToolTip(self.tr("Pause (Space)") if playing
                                    else self.tr("Play the selection (Space); it stops at the out point."))

    def _on_reached_end(self) -> None:
        if not self._bounds:
            return
        if self._showing_cut is not None:
            end = self._showing_cut.start_actual + self._showing_cut.duration
            self._ph = max(0, self._index_at_most(end - 1e-3))
        else:
            self._ph = max(self._in, self._out - 1)
        self.timeline.set_playhead(self._bounds[self._ph])
        self._update_labels()
        self.playheadChanged.emit(self._bounds[self._ph])

    def _on_player_error(self, message: str) -> None:
        msg = self.tr("The preview cannot play this video: %1").replace("%1", message)
        self._show_message(msg)
        self.error.emit(msg)

    # ==== cutting ===============================================================================
    @property
    def mode(self) -> str:
        """The picker's mode: ``"auto"`` (default: the upload choice decides), ``"smart"``,
        ``"exact"``, ``"copy"`` or ``"compact"``."""
        return str(self.mode_combo.currentData())

    @property
    def forced_mode(self) -> str | None:
        """The mode the user forced (None: "auto", the choice decides)."""
        m = self.mode
        return None if m == "auto" else m

    @property
    def cut_mode(self) -> str:
        """The ``media.cut`` mode the trimmer's own cuts use ("auto" cuts smart)."""
        return self.forced_mode or AUTO_CUT

    def set_mode(self, mode: str) -> None:
        i = self.mode_combo.findData(mode)
        if i < 0:
            raise InputError(f"Unknown cut mode {mode!r}; use auto, smart, exact, copy or compact.")
        self.mode_combo.setCurrentIndex(i)

    def _cut_key(self) -> CutKey:
        s, e = self.selection()
        return cut_key(self.path, s, e, self.cut_mode)

    @property
    def last_cut(self) -> CutResult | None:
        """The cut of the current selection in the current mode, if one was made (else None)."""
        if not self._bounds:
            return None
        return self._cache.get(self._cut_key())

    @property
    def cutting(self) -> bool:
        return self._cache.cutting

    def _ensure_cut(self, key: CutKey) -> asyncio.Future[CutResult]:
        """The task that makes (or made) the cut for ``key``."""
        task = self._cache.running(key)
        if task is not None:
            return task
        cached = self._cache.get(key)
        if cached is not None:
            fut: asyncio.Future[CutResult] = asyncio.get_running_loop().create_future()
            fut.set_result(cached)
            return fut
        info = self._info
        assert info is not None
        _, start, end, mode = key
        self._progress_key = key

        def progress(p: Progress) -> None:
            if self._progress_key == key:
                self._show_progress(p, mode)

        task = self._cache.start(key, info, progress, lambda coro: self._spawn(coro, f"trimmer-cut-{mode}"))
        task.add_done_callback(lambda t, k=key: self._cut_done(k, t))
        self._show_progress(Progress(0.0, end - start, self.tr("Starting")), mode)
        self._refresh_enabled()
        return task

    def _cut_done(self, key: CutKey, task: asyncio.Future[CutResult]) -> None:
        self._cache.finished(key, task)
        if not self.cutting:
            self.progress.setVisible(False)
            self.cancel_button.setVisible(False)
            self.preview_button.setVisible(True)
        if self._closed:
            return
        self._refresh_enabled()
        if task.cancelled():
            self.note_label.setText(self.tr("Cut cancelled."))
            self.note_label.setStyleSheet("")
            return
        exc = task.exception()
        if exc is not None:
            msg = str(exc) if isinstance(exc, VergingError) else self.tr("The cut failed: %1").replace("%1", str(exc))
            self.note_label.setText(msg)
            self.note_label.setStyleSheet(f"color: {RED};")
            self.error.emit(msg)
            return
        res = task.result()
        if key[0] == str(self.path):
            self._cache.put(key, res)
            self.cutFinished.emit(res)

    def _show_progress(self, p: Progress, mode: str) -> None:
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        frac = p.fraction or 0.0
        self.progress.setValue(int(frac * 1000))
        # the bar takes the disabled Preview button's place and is as wide as its words (never a
        # box that squeezes "Encoding audio 63%" into two clipped lines); the mode is in the picker
        self.preview_button.setVisible(False)
        pct = f"{frac * 100:.0f}%"
        stage = p.stage or self.tr("Cutting")
        text = f"{stage} {pct}"
        fits = self.progress.fontMetrics().horizontalAdvance(text) + 16 <= self.progress.width()
        self.progress.setFormat(text if fits else pct)  # a narrow bar says the percentage, whole
        self.progress.setToolTip(self.tr("%1 (%2 cut) %3").replace("%1", stage).replace("%2", self._mode_word(mode))
                                .replace("%3", pct))

    def start_preview_cut(self) -> asyncio.Task[Any] | None:
        """The "Preview cut" button: cut the selection and play the result."""
        if not self._valid or self._info is None:
            return None

        async def go() -> CutResult | None:
            try:
                return await self.preview_cut()
            except VergingError:
                return None  # shown in the widget already
            except asyncio.CancelledError:
                task = asyncio.current_task()
                if task is not None and task.cancelling():
                    raise  # this task itself is being cancelled
                return None  # the cut was cancelled (Cancel button, Escape)

        return self._spawn(go(), "trimmer-preview")

    async def preview_cut(self) -> CutResult:
        """Cut the selection with the chosen mode to a temporary file and play that file.

        :raises InputError: the selection is not valid (the reason says why).
        """
        key = self._require_valid()
        res = await asyncio.shield(self._ensure_cut(key))
        if self._cut_key() == key and not self._closed:
            self._show_cut(res, key)
        return res

    async def cut_selection(self, dst: str | os.PathLike[str] | None = None) -> CutResult:
        """The file to upload: the selection cut with the chosen mode.

        Reuses the preview's file when the selection and mode have not changed since (and waits
        for a preview cut of the same selection that is still running). Without ``dst`` the file
        stays in the trimmer's temporary folder until the trimmer closes or loads another clip;
        with ``dst`` it is copied there (atomically) and the result points at ``dst``.

        :raises InputError: the selection is not valid (the reason says why) or the cut failed.
        """
        key = self._require_valid()
        res = await asyncio.shield(self._ensure_cut(key))
        if dst is None:
            return res
        target = Path(dst)
        await asyncio.to_thread(copy_atomic, res.path, target)
        info = dataclasses.replace(res.info, path=target) if res.info is not None else None
        return dataclasses.replace(res, path=target, info=info)

    def holds_cut(self) -> bool:
        """The cut :meth:`cut_selection` would give now is made, or being made (a preview)."""
        if self._info is None or not self._valid:
            return False
        key = self._cut_key()
        return self._cache.get(key) is not None or self._cache.running(key) is not None

    def _require_valid(self) -> CutKey:
        if self._info is None:
            raise InputError(self.tr("Load a video first."))
        if not self._valid:
            raise InputError(self._reason)
        return self._cut_key()

    def cancel_cut(self) -> None:
        """Stop every running cut (no partial file is left behind)."""
        self._cache.cancel()

    def _show_cut(self, res: CutResult, key: CutKey) -> None:
        self._showing_cut = res
        self._showing_key = key
        self.player.set_source(res.path)
        self.player.set_range(0.0, None)
        self.player.play()
        self.back_button.setVisible(True)
        self.source_label.setText(self.tr("Playing the cut (what will be uploaded)"))
        self.timeline.set_cut_range(res.start_actual, res.start_actual + res.duration)
        self.note_label.setText(self._cut_text(res))
        warn = (res.mode_used == "copy" and abs(res.start_actual - res.requested_start) > 1e-4) \
            or res.mode_used != self.cut_mode
        self.note_label.setStyleSheet(f"color: {AMBER};" if warn else "")

    def _mode_word(self, mode: str) -> str:
        """A cut mode's id as a word in a sentence."""
        names = {"smart": self.tr("smart", "a cut mode"), "exact": self.tr("exact", "a cut mode"),
                 "copy": self.tr("copy", "a cut mode"), "compact": self.tr("compact", "a cut mode")}
        return names.get(mode, mode)

    def _cut_text(self, res: CutResult) -> str:
        mode_used = self._mode_word(res.mode_used) + (
            " " + self.tr("(asked %1)").replace("%1", self._mode_word(self.cut_mode))
            if res.mode_used != self.cut_mode else "")
        took = (self.tr("%1 ms").replace("%1", f"{res.elapsed * 1000:.0f}") if res.elapsed < 1
                else self.tr("%1 s").replace("%1", f"{res.elapsed:.1f}"))
        text = (self.tr("Cut: %1 (%2 s), %3, made in %4.").replace("%1", fmt_time(res.duration))
                .replace("%2", f"{res.duration:.3f}").replace("%3", mode_used).replace("%4", took))
        if res.note:
            note = res.note[0].upper() + res.note[1:]
            text += " " + self.tr("%1.", "a cut's note made a sentence").replace("%1", note)
        pricing = self._pricing or Pricing.default()
        billed = pricing.billable_seconds(res.duration)
        asked = pricing.billable_seconds(res.requested_end - res.requested_start)
        if billed > asked and self._provider == "Verging":  # (Verging's per-second rounding)
            text += " " + self.tr("It is billed as %1 s instead of %2 s.").replace("%1", str(billed)).replace(
                "%2", str(asked))
        if res.duration > self._max + 1e-6:
            text += " " + self.tr("It is longer than %1 s: %2 will refuse it.").replace("%1", f"{self._max:g}").replace(
                "%2", self._provider)
        return text

    def _back_to_source(self, *, seek: bool) -> None:
        if self._showing_cut is None:
            return
        self._showing_cut = None
        self.back_button.setVisible(False)
        self.source_label.clear()
        self.timeline.set_cut_range(None)
        if self._info is not None:
            self.player.set_source(self._info.path)
            s, e = self.selection()
            self.player.set_range(s, e)
            self.player.seek(self._bounds[min(self._ph, self.frame_count - 1)])
        else:
            self.player.set_source(None)
        del seek

    def show_source(self) -> None:
        """Stop showing the cut; show the whole clip at the playhead again."""
        self._back_to_source(seek=True)

    @property
    def showing_cut(self) -> CutResult | None:
        """The cut the preview is playing (None while it shows the source)."""
        return self._showing_cut

    def _drop_cuts(self) -> None:
        """Forget the previous clip's cuts and delete their files (and their folder, unless a
        cut still runs into it)."""
        if self._showing_cut is not None:
            self.player.set_source(None)
            self._showing_cut = None
        self.back_button.setVisible(False)
        self.source_label.clear()
        self.timeline.set_cut_range(None)
        self._cache.release()

    # ==== UI state ==============================================================================
    def _update_labels(self) -> None:
        d = self.duration
        self.time_label.setText(f"{fmt_time(self.playhead())} / {fmt_time(d)}")
        if not self._bounds:
            self.length_label.setText("")
            self.length_label.setToolTip("")
            self.reason_label.setVisible(False)
            return
        length = self.length()
        frames = self._out - self._in
        text = (self.tr("Selected %1 s (%2 frames) of %3 · at most %4 s").replace("%1", f"{length:.3f}")
                .replace("%2", str(frames)).replace("%3", fmt_time(d)).replace("%4", f"{self._max:g}"))
        self.length_label.setText(text)
        self.length_label.setStyleSheet("" if self._valid else f"color: {RED}; font-weight: bold;")
        self.length_label.setToolTip(self._reason or self.tr("The selection is within the per-job limit."))
        self.reason_label.setText(self._reason)
        self.reason_label.setVisible(not self._valid and bool(self._reason))

    def _refresh_enabled(self) -> None:
        has = bool(self._bounds)
        for w in (self.in_spin, self.out_spin, self.set_in_button, self.set_out_button, self.play_button,
                  self.prev_button, self.next_button, self.snap_box, self.loop_box, self.mode_combo):
            w.setEnabled(has)
        if not multimedia.available:  # nothing can play here: the buttons say why
            for w in (self.play_button, self.loop_box):
                w.setEnabled(False)
                w.setToolTip(multimedia.shown_reason())
        self.preview_button.setEnabled(has and self._valid and not self.cutting)
        self.preview_button.setToolTip(
            self.tr("Cut the selection now, the way it will be uploaded, and play the result.")
            if self._valid or not has else self._reason)

    def _on_mode_changed(self, _index: int) -> None:
        key = self._cut_key() if self._bounds else None
        if self._showing_cut is not None and key != self._showing_key:
            self._back_to_source(seek=False)
        tip = MODE_TIPS.get(self.mode)
        self.mode_combo.setToolTip(self.tr(tip) if tip else "")
        self._refresh_enabled()

    def _on_snap_toggled(self, on: bool) -> None:
        if on and self._bounds:
            s, e = self.selection()
            self.set_selection(s, e)

    # ==== timeline callbacks ====================================================================
    def _on_handle_pressed(self, which: str) -> None:
        self._pause_for_edit()

    def _on_handle_dragged(self, which: str, t: float) -> None:
        if which == "in":
            self.set_in(t)
            self._set_playhead_idx(self._in)
        else:
            self.set_out(t)
            # show the last frame that is still inside the selection
            self._set_playhead_idx(self._out - 1)

    def _on_handle_released(self, which: str) -> None:
        pass

    def _on_scrubbed(self, t: float) -> None:
        self._pause_for_edit()
        self._set_playhead_idx(self._frame_containing(t) if t < self.duration else self.frame_count)

    # ==== keys ==================================================================================
    def keyPressEvent(self, event: QKeyEvent) -> None:
        k = event.key()
        mods = event.modifiers()
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        K = Qt.Key
        if k == K.Key_Escape and self.cutting:
            self.cancel_cut()
        elif not self._bounds:
            super().keyPressEvent(event)
            return
        elif k == K.Key_I:
            self.go_to("in") if shift else self.set_in_at_playhead()
        elif k == K.Key_O:
            self.go_to("out") if shift else self.set_out_at_playhead()
        elif k == K.Key_Right:
            self.step_seconds(1.0) if shift else self.step_frames(1)
        elif k == K.Key_Left:
            self.step_seconds(-1.0) if shift else self.step_frames(-1)
        elif k == K.Key_Up:
            self.step_keyframe(-1)
        elif k == K.Key_Down:
            self.step_keyframe(1)
        elif k == K.Key_Home:
            self.go_to("start")
        elif k == K.Key_End:
            self.go_to("end")
        elif k == K.Key_Space:
            self.toggle_play()
        elif k == K.Key_Escape:
            self.pause()
        elif k in (K.Key_Plus, K.Key_Equal):
            self.timeline.zoom(0.5, self.playhead())
        elif k == K.Key_Minus:
            self.timeline.zoom(2.0, self.playhead())
        elif k == K.Key_0:
            self.timeline.fit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # ==== drag and drop =========================================================================
    @staticmethod
    def _dropped_file(mime: Any) -> Path | None:
        if mime is None or not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile():
                return Path(url.toLocalFile())
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self._closed and self._dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event.mimeData())
        if path is None or self._closed:
            event.ignore()
            return
        event.acceptProposedAction()
        self.set_media(path)

    # ==== closing ===============================================================================
    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop everything now (tasks cancelled, player released); temp files go when the tasks end."""
        if self._closed:
            return
        self._closed = True
        self._generation += 1
        self.player.stop()
        self.player.set_source(None)
        pending = [t for t in self._tasks if not t.done()]
        for t in pending:
            t.cancel()
        if self._cache.temp_dir is None:
            return
        if pending:
            def cleanup(_t: Any) -> None:
                if all(t.done() for t in pending):
                    self._cache.remove_temp()
            for t in pending:
                t.add_done_callback(cleanup)
        else:
            self._cache.remove_temp()

    async def aclose(self) -> None:
        """Cancel every task, wait for them, release the player and delete the temporary files."""
        pending = [t for t in self._tasks if not t.done()]
        self.shutdown()
        if pending:
            await asyncio.wait(pending, timeout=5)
        # the player's stop and release are queued to it: let them run before the files go
        for _ in range(100):
            if self.player.released():
                break
            await asyncio.sleep(0.01)
        self._cache.remove_temp()
        self._cache.detach()

    @property
    def temp_dir(self) -> Path | None:
        """The private folder holding preview cuts (None until the first cut)."""
        return self._cache.temp_dir


def _log_failure(task: asyncio.Task[Any]) -> None:
    """Retrieve a finished task's exception; log the unexpected ones."""
    if task.cancelled():
        return
    exc = task.exception()
    if exc is None or isinstance(exc, (VergingError, Cancelled)):
        return
    log.error("trimmer task %s failed", task.get_name(), exc_info=exc)
