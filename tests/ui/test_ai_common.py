"""Shared helpers for the AI tab tests, and tests of the shared pieces (error line, drop zone, hand-off)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.conftest import until
from verging_desktop.core.errors import RateLimited
from verging_desktop.core.tools import TOOLS


def open_tab(harness: Any, loop: Any, title: str) -> tuple[Any, Any]:
    """Start the app in sandbox mode and show the tab ``title``; returns (controller, tab widget)."""
    ctl = harness.start("--sandbox")
    w = ctl.window
    w.resize(1280, 800)
    w.tabs.setCurrentIndex([t.title for t in TOOLS].index(title))
    loop.run_until_complete(until(lambda: w.pages[title].content is not None, 10, f"{title} built"))
    return ctl, w.pages[title].content


def drop_file(target: QWidget, path: str | Path) -> bool:
    """Drag ``path`` onto ``target`` with real QDragEnter/QDrop events carrying a file URL."""
    md = QMimeData()
    md.setUrls([QUrl.fromLocalFile(str(path))])
    pos = target.rect().center()
    args = (Qt.DropAction.CopyAction, md, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    try:  # PySide6 6.12 takes (and prefers) a QPointF for drag events; 6.11 only a QPoint
        enter = QDragEnterEvent(QPointF(pos), *args)
    except TypeError:
        enter = QDragEnterEvent(pos, *args)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, md, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    return drop.isAccepted()


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    widget.setFocus()
    if len(text) > 200:  # typing thousands of characters key by key is slow; paste the rest
        qtbot.keyClicks(widget, text[:50])
        widget.insertPlainText(text[50:])
    else:
        qtbot.keyClicks(widget, text)


def ctrl_enter(qtbot: Any, widget: QWidget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def click(qtbot: Any, button: QWidget) -> None:
    assert button.isVisible() and button.isEnabled(), f"{button.objectName() or button.text()} is not clickable"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# -- tests of the shared pieces ------------------------------------------------------------------
def test_error_line_retry_countdown(qtbot) -> None:
    from verging_desktop.ui.widgets.ai_common import ErrorLine

    e = ErrorLine()
    qtbot.addWidget(e)
    calls = []
    e.show_error(RateLimited("slow", reset_at=time.time() + 1.2), lambda: calls.append(1), wait=1.2)
    assert "429" in e.text and not e.retry.isEnabled() and "in 2 s" in e.retry.text()
    qtbot.waitUntil(lambda: e.retry.isEnabled(), timeout=3000)
    assert e.retry.text() == "Retry"
    qtbot.mouseClick(e.retry, Qt.MouseButton.LeftButton)
    assert calls == [1] and e.text == ""  # one click, one retry; the line is cleared


def test_drop_zone_takes_file_urls_only(qtbot, tmp_path) -> None:
    from verging_desktop.ui.widgets.ai_common import DropZone

    z = DropZone("Drop here")
    qtbot.addWidget(z)
    z.resize(300, 100)
    got = []
    z.fileDropped.connect(got.append)
    f = tmp_path / "a file.wav"
    f.write_bytes(b"x")
    assert drop_file(z, f) and got == [str(f)]
    assert not drop_file(z, tmp_path / "missing.wav") and got == [str(f)]
    assert not drop_file(z, tmp_path)  # a folder
