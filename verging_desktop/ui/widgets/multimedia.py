"""The one place that imports QtMultimedia (tests/ui/test_layering.py keeps it so).

``PySide6.QtMultimedia`` is linked against the system's PulseAudio client library
(``libpulse.so.0``): without it the import fails, and with it every video tab would fail to
build. Here the import is guarded; the rest of the app asks :data:`available` and shows
:data:`reason` where the player would be. The trimmer, filmstrip, cuts, submitting and results
do not need QtMultimedia (they use PyAV and ffmpeg).

Exposes:
    available: bool, whether playback works here.
    reason: what a person reads when it does not ("Playback needs PulseAudio's library: ...").
    error: the loader's own message ("" when available).
    QAudioOutput, QMediaDevices, QMediaMetaData, QMediaPlayer, QVideoSink, QVideoWidget: the
        classes, or None when not available.

FFmpeg inside QtMultimedia writes its own lines (about 15 of stream information for every file
it opens) straight to the terminal. :func:`quiet_ffmpeg` turns them off unless the app runs with
``--verbose`` (see :mod:`verging_desktop.app_core.logsetup`). It lowers the log level of Qt's own
copy of libavutil; no log callback into Python is installed, because FFmpeg calls it from its
decoder threads and a callback that needs the GIL there can hang the app (see
``widgets/player.py``).
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

__all__ = ["PULSE_HINT", "NoPlayback", "swap_view", "QAudioOutput", "QMediaDevices", "QMediaMetaData", "QMediaPlayer",
           "QVideoSink", "QVideoWidget", "available", "error", "explain", "quiet_ffmpeg", "ready", "reason", "shown_reason"]

log = logging.getLogger("verging_desktop.ui.multimedia")

#: FFmpeg's log levels (libavutil/log.h)
AV_LOG_QUIET = -8
AV_LOG_ERROR = 16
AV_LOG_WARNING = 24
AV_LOG_INFO = 32

PULSE_HINT = QT_TRANSLATE_NOOP("Multimedia", "Playback needs PulseAudio's library: sudo apt install libpulse0")


def explain(message: str) -> str:
    """A sentence a person can act on for the import error ``message``."""
    translate = QCoreApplication.translate  # in the interface's language once it is installed
    if "libpulse" in message:
        return translate("Multimedia", PULSE_HINT)
    m = re.search(r"(lib[\w.+-]+\.so[\w.]*)", message)
    if m:
        return translate("Multimedia", "Playback needs the system library %1, which is missing. Install it with your "
                         "system's package manager and restart Verging Desktop.").replace("%1", m.group(1))
    return translate("Multimedia", "Playback is not available on this system (%1).").replace("%1", message)


QAudioOutput: Any = None
QMediaDevices: Any = None
QMediaMetaData: Any = None
QMediaPlayer: Any = None
QVideoSink: Any = None
QVideoWidget: Any = None

try:
    from PySide6.QtMultimedia import (
        QAudioOutput,
        QMediaDevices,
        QMediaMetaData,
        QMediaPlayer,
        QVideoSink,
    )
    from PySide6.QtMultimediaWidgets import QVideoWidget
except ImportError as _e:  # libpulse.so.0 (or another system library) is missing
    available = False
    error = str(_e)
    reason = explain(error)
    log.info("video and audio playback is off: %s", error)
else:
    available = True
    error = ""
    reason = ""


def shown_reason() -> str:
    """:data:`reason` in the interface's language as it is now (``reason`` itself is made at
    import, before a translator is installed); empty when playback works."""
    return explain(error) if error else ""


_ffmpeg_done = False


def _qt_libavutil() -> Any:
    """Qt's own libavutil, once QtMultimedia's FFmpeg plugin has loaded it (None if it has not)."""
    import ctypes

    names = {"linux": ["libavutil.so.59", "libavutil.so.60", "libavutil.so.58"],
             "darwin": ["libavutil.59.dylib", "libavutil.60.dylib"]}.get(sys.platform, [])
    mode = getattr(os, "RTLD_NOLOAD", 0) | getattr(os, "RTLD_LAZY", 0)
    for name in names:
        try:
            return ctypes.CDLL(name, mode=mode)
        except OSError:
            continue
    if sys.platform == "win32":
        for name in ("avutil-59", "avutil-60"):
            try:
                return ctypes.WinDLL(name)  # type: ignore[attr-defined]
            except OSError:
                continue
    return None


def quiet_ffmpeg(verbose: bool | None = None) -> bool:
    """Keep the FFmpeg inside QtMultimedia off the terminal unless ``verbose``.

    ``verbose=None`` asks :func:`verging_desktop.app_core.logsetup.is_verbose`. Creates Qt's media
    backend (it loads FFmpeg) if that has not happened yet. Returns whether the level was set.
    Called once; later calls do nothing.
    """
    global _ffmpeg_done
    if _ffmpeg_done or not available:
        return False
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is None:
        return False
    _ffmpeg_done = True
    if verbose is None:
        from ...app_core.logsetup import is_verbose

        verbose = is_verbose()
    if os.environ.get("QT_FFMPEG_DEBUG"):  # someone asked Qt for every FFmpeg message
        return False
    QMediaDevices.audioOutputs()  # builds Qt's FFmpeg media backend, which loads libavutil
    lib = _qt_libavutil()
    if lib is None:
        log.debug("Qt's libavutil was not found; FFmpeg keeps its log level")
        return False
    level = AV_LOG_INFO if verbose else AV_LOG_QUIET
    lib.av_log_set_level(level)
    log.debug("FFmpeg inside QtMultimedia logs at level %d", level)
    return True


def ready() -> bool:
    """Call before making a player: quiets FFmpeg (once). Returns :data:`available`."""
    if available and not _ffmpeg_done:
        try:
            quiet_ffmpeg()
        except Exception:  # never let this stop a tab from loading
            log.debug("could not set FFmpeg's log level", exc_info=True)
    return available


def swap_view(player: QWidget, view: QWidget, overlay: QWidget | None) -> None:
    """Put ``overlay`` where ``view`` is in ``player``'s layout (``view`` hidden), or take it away
    (None: ``view`` shown again). The preview player and :class:`NoPlayback` share it."""
    lay = player.layout()
    old = getattr(player, "_overlay", None)
    if old is not None and old is not overlay:
        lay.removeWidget(old)
        old.hide()
    player._overlay = overlay  # type: ignore[attr-defined]
    if overlay is None:
        view.show()
        return
    if lay.indexOf(overlay) < 0:
        lay.addWidget(overlay)
    view.hide()
    overlay.show()


class NoPlayback(QWidget):
    """Stands where the preview player would be when QtMultimedia cannot load.

    It has the preview player's signals and methods (they do nothing) and says why nothing
    plays and how to fix it. Signals: positionChanged(float), playingChanged(bool),
    reachedEnd(), errorOccurred(str), frameShown() (never emitted).
    """

    positionChanged = Signal(float)
    playingChanged = Signal(bool)
    reachedEnd = Signal()
    errorOccurred = Signal(str)
    frameShown = Signal()

    def __init__(self, parent: QWidget | None = None, text: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noPlayback")
        self.message = text or shown_reason()  # in the language shown now
        self.video = QLabel(self)
        self.video.setObjectName("noPlaybackMessage")
        self.video.setWordWrap(True)
        self.video.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.video.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.video.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.video.setStyleSheet("QLabel#noPlaybackMessage { background: #202124; color: #e8eaed;"
                                 " padding: 12px; }")
        self.video.setText(self.message + "\n\n" + self.tr("The filmstrip, in and out points, cuts and jobs "
                                                           "work without it."))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.video)
        self._source: Path | None = None
        self._loop = False
        self.setMinimumHeight(120)

    def sizeHint(self) -> QSize:
        return QSize(480, 270)

    # the preview player's interface, doing nothing
    def set_source(self, path: Any) -> None:
        self._source = Path(path) if path is not None else None

    def source(self) -> Path | None:
        return self._source

    def released(self) -> bool:
        return self._source is None

    def video_sink(self) -> None:
        return None

    def set_display_size(self, width: int, height: int) -> None:
        pass

    def set_overlay(self, overlay: QWidget | None) -> None:
        """As the preview player's: ``overlay`` stands in the message's place (it says why
        nothing plays itself, from :attr:`message`)."""
        swap_view(self, self.video, overlay)

    def set_range(self, start: float, end: float | None) -> None:
        pass

    def set_loop(self, loop: bool) -> None:
        self._loop = loop

    @property
    def loop(self) -> bool:
        return self._loop

    def is_playing(self) -> bool:
        return False

    def position(self) -> float:
        return 0.0

    def seek(self, t: float) -> None:
        pass

    def play(self, from_: float | None = None) -> None:
        pass

    def pause(self) -> None:
        pass

    def stop(self) -> None:
        pass
