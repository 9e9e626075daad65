"""A small video preview for the trimmer: QMediaPlayer + QAudioOutput + QVideoWidget that plays
a range of a file and stops (or loops) at its end.

Signals:
    positionChanged(float seconds): the player's position in the current file.
    playingChanged(bool playing)
    reachedEnd(): playback got to the end of the range (or of the file) and stopped there; with
        looping on it starts again from the range's start instead and this is not emitted.
    errorOccurred(str message): the file cannot be played (the message is Qt's own words).
    frameShown(): a video frame reached the screen (also while paused: the first frame as soon
        as a file is loaded, the frame under the playhead after a seek).

A loaded file shows its first frame (or the frame a seek asked for) right away, not a black box
until Play: once the media is loaded the player is paused, which makes Qt decode and show the
frame at the position.

Rotated phone videos are shown upright: Qt's FFmpeg backend reads the display matrix and the
video widget turns frames accordingly; :meth:`set_display_size` only shapes the widget's size
hint (from the probed display size) so portrait clips get a portrait frame.

Seeks asked for before the file has loaded are kept and applied once it has (QMediaPlayer
ignores them otherwise). Times are in seconds; a seek lands inside the frame that starts at the
given time, never on the one before it.

Every command to the QMediaPlayer (source, play, pause, stop, seek) is queued to it with
``QMetaObject.invokeMethod`` instead of being called from Python: the call then runs from the
event loop without Python's GIL held. Qt's FFmpeg backend tears its renderer threads down inside
``stop()``/``setSource()``, and a renderer being destroyed in its own thread calls back into the
Python wrapper of the QAudioOutput (which needs the GIL): called directly from Python, the GUI
thread would wait for that thread while holding the GIL, and both would hang. The order of the
queued commands is kept. The QAudioOutput is only attached when the system has an audio output
device (with none there is nothing to hear, and no audio thread to start).
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import Q_ARG, QMetaObject, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

# QtMultimedia only through its guarded import (None when it cannot load: see multimedia.py)
from ..widgets.multimedia import (
    QAudioOutput,
    QMediaDevices,
    QMediaPlayer,
    QVideoSink,
    QVideoWidget,
    swap_view,
)


def queue_call(player: QMediaPlayer, method: str, *args: object) -> None:
    """Queue a command to a QMediaPlayer so it runs from the event loop without the GIL held
    (see the module docstring: a direct ``stop()``/``setSource()`` can deadlock Qt's audio thread)."""
    QMetaObject.invokeMethod(player, method, Qt.ConnectionType.QueuedConnection, *args)


def attach_audio_if_present(player: QMediaPlayer, audio: QAudioOutput) -> None:
    """Attach ``audio`` only when the system has an output device (none: no audio thread at all)."""
    if player.audioOutput() is None and QMediaDevices.audioOutputs():
        player.setAudioOutput(audio)


def _ms(t: float) -> int:
    """Milliseconds for ``setPosition`` that fall inside the frame starting at ``t``."""
    return max(0, math.floor(t * 1000.0 + 1e-6) + 1) if t > 0 else 0


class PreviewPlayer(QWidget):
    """Video preview playing ``[start, end)`` of a file. See the module docstring for signals."""

    positionChanged = Signal(float)
    playingChanged = Signal(bool)
    reachedEnd = Signal()
    errorOccurred = Signal(str)
    frameShown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewPlayer")
        self.video = QVideoWidget(self)
        self.video.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.video.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        pal = self.video.palette()
        pal.setColor(QPalette.ColorRole.Window, QColor(0, 0, 0))
        self.video.setPalette(pal)
        self.video.setAutoFillBackground(True)
        self.video.setToolTip("Preview. Space plays the selection; it stops at the out point.")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.video)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setVideoOutput(self.video)
        self.player.positionChanged.connect(self._on_position)
        self.player.playbackStateChanged.connect(self._on_state)
        self.player.mediaStatusChanged.connect(self._on_status)
        self.player.errorOccurred.connect(self._on_error)
        self._source: Path | None = None
        self._url = QUrl()
        #: play() was asked for (and neither pause/stop nor the end came since)
        self._playing = False
        #: ... and the player has really started since (its state went to PlayingState)
        self._started = False
        self._start = 0.0
        self._end: float | None = None
        self._loop = False
        self._loaded = False
        self._pending_seek: float | None = None
        self._display = QSize(16, 9)
        #: frames shown since the last set_source (paused ones included)
        self.frames_seen = 0
        self.video.videoSink().videoFrameChanged.connect(self._on_frame)
        self.setMinimumHeight(120)

    # -- source ----------------------------------------------------------------------------------
    def _call(self, method: str, *args: object) -> None:
        """Queue a command to the player (see the module docstring for why)."""
        queue_call(self.player, method, *args)

    def set_source(self, path: str | Path | None) -> None:
        """Show ``path`` (None releases the current file, e.g. before deleting it)."""
        self._loaded = False
        self._pending_seek = None
        self._playing = False
        self._started = False
        self._start, self._end = 0.0, None
        self.frames_seen = 0
        self._source = Path(path) if path is not None else None
        self._url = QUrl.fromLocalFile(str(self._source)) if self._source is not None else QUrl()
        if self._source is not None:
            attach_audio_if_present(self.player, self.audio)
        self._call("stop")
        self._call("setSource", Q_ARG(QUrl, self._url))

    def source(self) -> Path | None:
        return self._source

    def released(self) -> bool:
        """True once the player has really let go of every file (after ``set_source(None)``)."""
        return self._source is None and self.player.source().isEmpty()

    def video_sink(self) -> QVideoSink:
        """The sink the frames go to (its ``videoFrameChanged`` fires for every shown frame)."""
        return self.video.videoSink()

    def set_overlay(self, overlay: QWidget | None) -> None:
        """Show ``overlay`` in place of the video view (None: the view again).

        A video view is a native window that no widget can be drawn over, so an overlay (the
        Reframe tab's frame, say) takes the view's place and paints the frames itself: the view is
        hidden, and its :meth:`video_sink` keeps receiving them (``frameShown`` and
        :attr:`frames_seen` go on as before)."""
        swap_view(self, self.video, overlay)

    def set_display_size(self, width: int, height: int) -> None:
        if width > 0 and height > 0:
            self._display = QSize(width, height)
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        h = 270
        w = int(h * self._display.width() / max(1, self._display.height()))
        return QSize(max(160, min(w, 640)), h)

    # -- range and looping -----------------------------------------------------------------------
    def set_range(self, start: float, end: float | None) -> None:
        """Play ``[start, end)``; ``end=None`` plays to the end of the file."""
        self._start = max(0.0, start)
        self._end = end

    def set_loop(self, loop: bool) -> None:
        self._loop = loop

    @property
    def loop(self) -> bool:
        return self._loop

    # -- transport -------------------------------------------------------------------------------
    def is_playing(self) -> bool:
        """True from :meth:`play` until :meth:`pause`/:meth:`stop` or the end of the range."""
        return self._playing

    def _current(self) -> bool:
        """True when the player has switched to the source last asked for."""
        return self.player.source() == self._url

    def position(self) -> float:
        return self.player.position() / 1000.0

    def seek(self, t: float) -> None:
        if self._source is None:
            return
        if not self._loaded:
            self._pending_seek = t
            return
        self._set_position(_ms(t))

    def _set_position(self, ms: int) -> None:
        self._call("setPosition", Q_ARG("qint64", ms))

    def play(self, from_: float | None = None) -> None:
        """Play from ``from_`` (default: where it is) to the end of the range."""
        if self._source is None:
            return
        if from_ is not None:
            self.seek(from_)
        # already running: keep watching for the end; else wait until it really starts
        self._started = self._playing and self._started
        self._playing = True
        self._call("play")

    def pause(self) -> None:
        self._playing = self._started = False
        self._call("pause")

    def stop(self) -> None:
        self._playing = self._started = False
        self._call("stop")

    # -- Qt callbacks ----------------------------------------------------------------------------
    def _on_position(self, ms: int) -> None:
        if not self._current():
            return
        t = ms / 1000.0
        if self._end is not None and self._started and t >= self._end - 0.0005:
            self._range_end()
            return
        self.positionChanged.emit(t)

    def _range_end(self) -> None:
        if self._loop:
            self._set_position(_ms(self._start))
            return
        self.pause()
        if self._end is not None:
            # show the last frame that belongs to the range, not the first one after it
            self._set_position(max(0, math.floor(self._end * 1000.0) - 1))
        self.reachedEnd.emit()

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        if not self._current():
            return
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        if playing and self._playing:
            self._started = True
        elif self._started and state == QMediaPlayer.PlaybackState.StoppedState:
            self._file_end()  # only the end of the file stops it (our own stop() resets _started)
        self.playingChanged.emit(playing)

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if not self._current() or self._source is None:
            return
        S = QMediaPlayer.MediaStatus
        if status in (S.LoadedMedia, S.BufferedMedia, S.BufferingMedia) and not self._loaded:
            self._loaded = True
            if self._pending_seek is not None:
                t, self._pending_seek = self._pending_seek, None
                self._set_position(_ms(t))
            if not self._playing:
                self._call("pause")  # paused: the frame at the position is decoded and shown
        elif status == S.EndOfMedia and self._started:
            # (a paused player seeked to its last frame reports EndOfMedia too: not an end)
            self._file_end()

    def _file_end(self) -> None:
        self._started = False
        if self._loop:
            self._set_position(_ms(self._start))
            self._call("play")
        else:
            self._playing = False
            self.reachedEnd.emit()

    def _on_frame(self, frame: object) -> None:
        if self._source is not None and getattr(frame, "isValid", lambda: False)():
            self.frames_seen += 1
            self.frameShown.emit()

    def _on_error(self, error: QMediaPlayer.Error, message: str) -> None:
        if error != QMediaPlayer.Error.NoError:
            self.errorOccurred.emit(message or f"The video cannot be played ({error.name}).")
