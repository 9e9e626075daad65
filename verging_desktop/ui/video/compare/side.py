"""One side of the compare view: a still image, or a video in a player feeding a sink."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    Q_ARG,
    QObject,
    QSize,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QImage,
    QImageReader,
)

from ...widgets import multimedia
from ..player import attach_audio_if_present, queue_call
from .common import DEFAULT_FRAME_MS, log

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
        from ...widgets.multimedia import QMediaPlayer, QVideoSink

        self.player = QMediaPlayer(self)
        self.sink = QVideoSink(self)
        self.player.setVideoSink(self.sink)
        if self.want_audio:
            from ...widgets.multimedia import QAudioOutput

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
            self.error = self.tr("%1 cannot be played here. %2").replace("%1", Path(path).name).replace(
                "%2", multimedia.shown_reason())
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
            from ...widgets.multimedia import QMediaMetaData

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
        self.error = self.tr("%1 cannot be played: %2").replace("%1", name).replace("%2", text)
        log.info("%s", self.error)
        self.failed.emit(self.error)

    def _on_status(self, status: Any) -> None:
        from ...widgets.multimedia import QMediaPlayer

        if status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._on_error(None, self.player.errorString() or self.tr("invalid media"))


# ------------------------------------------------------------------------------------------------
# the picture


