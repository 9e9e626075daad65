"""The compare view's constants and small helpers: modes, zoom steps, time text, image sniffing."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPixmap,
)

log = logging.getLogger("verging_desktop.ui.compare")

MODES = ("wipe", "side", "toggle")
#: shown through QCoreApplication.translate("CompareView", ...)
MODE_LABELS = {"wipe": QT_TRANSLATE_NOOP("CompareView", "Wipe"),
               "side": QT_TRANSLATE_NOOP("CompareView", "Side by side"),
               "toggle": QT_TRANSLATE_NOOP("CompareView", "Toggle")}
ZOOMS = ((0.0, QT_TRANSLATE_NOOP("CompareView", "Fit")), (1.0, "100%"), (2.0, "200%"), (4.0, "400%"))  # "Fit": zoom
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
        from ....core.filetypes import sniff

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
