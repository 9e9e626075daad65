"""Logging: named loggers per layer (``verging_desktop.core``, ``.api``, ``.media``, ``.jobs``,
``.ui``...), a rotating file in the platform log dir, and a redacting filter on every handler
so no API key ever reaches a log line.

Qt-free, shared by the app (:func:`setup_logging`: a log file and a quiet terminal) and the
``verging`` command line (:func:`setup_terminal_logging`: the terminal only, ``-v`` for
everything). The terminal stays quiet unless ``--verbose``: it shows warnings and errors of the
app only. Qt's messages come through
:func:`verging_desktop.ui.logsetup.install_qt_message_handler`; QtMultimedia's probing of the
system (PipeWire, VA-API, PulseAudio, "Couldn't load ... library") goes to the log file at debug
level (logger ``verging_desktop.ui.qt.multimedia``) and reaches the terminal only with
``--verbose``. The FFmpeg inside QtMultimedia is kept quiet by
:func:`verging_desktop.ui.widgets.multimedia.quiet_ffmpeg` and the one inside PyAV by
:func:`verging_desktop.media.avlog.libav_to_terminal`; with ``--verbose`` both print their usual
lines (stream information for every file opened) on the terminal.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import re
import sys
from pathlib import Path

from ..core.redact import RedactingFilter

LOG_FILE_NAME = "verging-desktop.log"
_MARK = "_verging_handler"
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
#: the command line's terminal lines (no time stamps)
CLI_FORMAT = "%(levelname)s %(name)s: %(message)s"
#: where QtMultimedia's own messages go (at debug level)
MULTIMEDIA_LOGGER = "verging_desktop.ui.qt.multimedia"
#: one line per media file opened (media/probe.py), at debug level
STREAMS_LOGGER = "verging_desktop.media.streams"
#: QtMultimedia's messages about the system's libraries and devices (some come uncategorized)
MULTIMEDIA_NOISE = re.compile(
    r"PulseAudio|pa_context|PipeWire|pipewire|Couldn't (load|resolve) |\bva-(drm|x11)\b|libva|VA-API|vdpau|"
    r"No HW decoder|No RHI backend|ALSA|QAudioSink|QAudioOutput|No audio device|audio output device|"
    r"^FFmpeg log:"
)

#: Qt warnings about something the app already handles itself, in words a person can act on
#: ("Buy credits" shows the address to copy when no browser starts): the log file, not the terminal
HANDLED_BY_APP = re.compile(r"^Unable to detect a web browser to launch ")

_verbose = False


def is_verbose() -> bool:
    """True when the app runs with ``--verbose`` (everything goes to the terminal too)."""
    return _verbose


def setup_logging(log_dir: str | os.PathLike[str], *, debug: bool = False, console: bool = True,
                  verbose: bool = False, max_bytes: int = 2 * 1024 * 1024, backups: int = 3) -> Path:
    """Install the handlers (replacing ones installed before by this function); returns the log file.

    ``verbose``: the terminal shows every message (debug included, and FFmpeg's own lines);
    implies ``debug``. Without it the terminal shows the app's warnings and errors only.
    """
    global _verbose
    _verbose = verbose
    debug = debug or verbose
    d = Path(log_dir)
    d.mkdir(parents=True, exist_ok=True)
    path = d / LOG_FILE_NAME
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, _MARK, False):
            root.removeHandler(h)
            h.close()
    fmt = logging.Formatter(FORMAT)
    fh = logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    fh.setFormatter(fmt)
    fh.addFilter(RedactingFilter())
    setattr(fh, _MARK, True)
    root.addHandler(fh)
    if console:
        sh = _terminal_handler(FORMAT, debug)
        setattr(sh, _MARK, True)
        root.addHandler(sh)
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)
    logging.getLogger("verging_desktop").setLevel(logging.DEBUG if debug else logging.INFO)
    # QtMultimedia's own messages: in the file at debug level, on the terminal with --verbose only
    logging.getLogger(MULTIMEDIA_LOGGER).setLevel(logging.DEBUG)
    logging.getLogger(STREAMS_LOGGER).setLevel(logging.DEBUG)  # what each opened file holds
    if verbose:
        _libav_to_terminal()
    return path


def setup_terminal_logging(verbose: bool = False) -> logging.Handler:
    """The command line's logging: one redacting terminal handler on the ``verging_desktop``
    logger, no log file. Quiet (warnings and errors) unless ``verbose`` (``-v``): then every
    message, debug included, and FFmpeg's own lines. The caller removes the handler with
    :func:`remove_terminal_logging` when done."""
    global _verbose
    _verbose = verbose
    if verbose:
        _libav_to_terminal()
    h = _terminal_handler(CLI_FORMAT, verbose)
    app = logging.getLogger("verging_desktop")
    app.addHandler(h)
    if verbose:
        app.setLevel(logging.DEBUG)
    return h


def remove_terminal_logging(handler: logging.Handler) -> None:
    """Undo :func:`setup_terminal_logging`."""
    logging.getLogger("verging_desktop").removeHandler(handler)


def _terminal_handler(fmt: str, debug: bool) -> logging.Handler:
    sh = logging.StreamHandler(sys.stderr)
    sh.setFormatter(logging.Formatter(fmt))
    sh.setLevel(logging.DEBUG if debug else logging.WARNING)
    sh.addFilter(RedactingFilter())
    return sh


def _libav_to_terminal() -> None:
    """PyAV is silent by default: only --verbose changes that (and imports it now)."""
    try:
        from ..media.avlog import libav_to_terminal

        libav_to_terminal(True)
    except Exception:  # PyAV too old: nothing to configure
        logging.getLogger("verging_desktop.app_core").debug("PyAV's log level was not set", exc_info=True)


def close_logging() -> None:
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, _MARK, False):
            h.flush()
            root.removeHandler(h)
            h.close()


def flush_logging() -> None:
    for h in logging.getLogger().handlers:
        with contextlib.suppress(Exception):
            h.flush()
