"""Qt's messages into the logging module (the Qt half of :mod:`verging_desktop.app_core.logsetup`).

QtMultimedia's probing of the system (PipeWire, VA-API, PulseAudio, "Couldn't load ... library")
goes to the log file at debug level (logger ``verging_desktop.ui.qt.multimedia``) and reaches the
terminal only with ``--verbose``; Qt warnings about something the app handles itself go to the
log file only.
"""

from __future__ import annotations

import logging
from typing import Any

from ..app_core.logsetup import HANDLED_BY_APP, MULTIMEDIA_LOGGER, MULTIMEDIA_NOISE


def install_qt_message_handler() -> None:
    """Send Qt's messages to the logging module (QtMultimedia's system probing at debug level)."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qlog = logging.getLogger("verging_desktop.ui.qt")
    mlog = logging.getLogger(MULTIMEDIA_LOGGER)
    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}

    def handler(mode: Any, context: Any, message: str) -> None:
        if "propagateSizeHints" in message:  # the offscreen platform's harmless complaint
            return
        category = str(getattr(context, "category", "") or "")
        if category.startswith("qt.multimedia") or MULTIMEDIA_NOISE.search(message):
            mlog.debug("%s%s", f"[{category}] " if category and category != "default" else "", message)
            return
        if HANDLED_BY_APP.search(message):
            qlog.info("%s", message)
            return
        qlog.log(levels.get(mode, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)
