"""Helpers for the end-to-end tests of the media tool tabs (the real app against the sandbox).

* :func:`drop` sends a real QDragEnterEvent / QDragMoveEvent / QDropEvent carrying file URLs to
  a widget, the way a file manager does;
* :func:`start_app` starts the whole app in sandbox mode with quick jobs and a private download
  folder;
* :func:`open_tab` shows a tool tab and returns its content;
* :data:`MULTIMEDIA_NOISE` are the Qt messages QtMultimedia prints on a machine without audio
  devices or GPU video decoding; :func:`forgive_multimedia_noise` drops them from the test's
  captured Qt log before the conftest checks it (these tests only).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.conftest import until
from verging_desktop.core.settings import Settings

MULTIMEDIA_NOISE = re.compile(
    r"PulseAudio|pulseaudio|PipeWire|pipewire|audio device|Couldn't (load|resolve)|No HW decoder|"
    r"No RHI backend|ALSA|va-drm|va-x11|libva|QAudioSink|QAudioOutput|audio output"
)


def forgive_multimedia_noise(request: Any) -> None:
    cap = getattr(request.node, "qt_log_capture", None)
    recs = getattr(cap, "_records", None)
    if recs is not None:
        recs[:] = [r for r in recs if not MULTIMEDIA_NOISE.search(r.message)]


def mime_for(paths: Iterable[str | Path]) -> QMimeData:
    m = QMimeData()
    m.setUrls([QUrl.fromLocalFile(str(Path(p).resolve())) for p in paths])
    return m


def _make(cls: Any, pos: QPoint, *args: Any) -> Any:
    """PySide6 6.12 takes (and prefers) a QPointF for drag events; 6.11 only a QPoint."""
    try:
        return cls(QPointF(pos), *args)
    except TypeError:
        return cls(QPoint(pos), *args)


def drop(widget: QWidget, paths: Iterable[str | Path]) -> bool:
    """Drag ``paths`` over ``widget`` and drop them; returns whether the drop was accepted."""
    mime = mime_for(paths)
    center = widget.rect().center()
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction | Qt.DropAction.LinkAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = _make(QDragEnterEvent, center, actions, mime, buttons, mods)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    move = _make(QDragMoveEvent, center, actions, mime, buttons, mods)
    QApplication.sendEvent(widget, move)
    ev = QDropEvent(QPointF(center), actions, mime, buttons, mods)
    QApplication.sendEvent(widget, ev)
    return ev.isAccepted()


def start_app(harness: Any, store: Any, downloads: Path, *, speed: float = 20.0) -> Any:
    """The real app in sandbox mode: quick jobs, quick polls, results saved in ``downloads``."""
    downloads.mkdir(parents=True, exist_ok=True)
    store.save(Settings(download_dir=str(downloads), sandbox_speed=speed, poll_interval=0.5))
    ctl = harness.start("--sandbox")
    # a desktop-sized window (a first start fits the screen, and the offscreen screen is only
    # 800 px wide); tests/ui/test_layout.py checks 1024x700 to 1920x1080
    ctl.window.resize(1280, 800)
    return ctl


def open_tab(loop: Any, ctl: Any, title: str) -> Any:
    w = ctl.window
    page = w.pages[title]
    w.tabs.setCurrentWidget(page)
    loop.run_until_complete(until(lambda: page.content is not None, 5, f"the {title} tab"))
    return page.content


def queue_panel(loop: Any, ctl: Any) -> Any:
    w = ctl.window
    loop.run_until_complete(until(lambda: w.queue_page.content is not None, 5, "the queue dock"))
    dock = w.queue_page.content
    loop.run_until_complete(until(lambda: dock.panel is not None, 5, "the queue panel"))
    return dock.panel


def panel_rows(panel: Any) -> list[tuple[str, str, str, str]]:
    """(tool, input, status, credits) of every row the queue panel shows."""
    from verging_desktop.ui.jobs.queue_model import (
        COL_CREDITS,
        COL_INPUT,
        COL_STATUS,
        COL_TOOL,
    )

    out = []
    for r in range(panel.proxy.rowCount()):
        out.append(tuple(panel.proxy.index(r, c).data() or "" for c in (COL_TOOL, COL_INPUT, COL_STATUS, COL_CREDITS)))
    return out  # type: ignore[return-value]


def write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
