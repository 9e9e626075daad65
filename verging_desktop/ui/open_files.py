"""Opening files with the app: the command line's files, and those a second launch hands over
(``ui/single_instance.py``). The window raises itself and each file goes into the tool for its
type (``core/open_files.py``: a video to the video tool used last or Face Swap, an image to
Background Removal, audio to Speech to Text), into its input as a drop would put it.

Nothing the user set up is lost quietly: a tool page that takes opened files has
``accept_opened(paths) -> bool``; when it already holds a file it asks before anything is
replaced (or adds to its batch when the user says so). A page without it gets each file
through its hand-off (``accept_handoff``), the way other tabs hand files over.

Files opened before the services exist (the command line of the first launch) wait until
:meth:`FileOpener.attach` and are opened then.

Signals:
    opened(str, list): a tool id and the files given to it.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication

from ..core.i18n import _
from ..core.open_files import VIDEO_TOOLS, local_path, route
from ..core.tools import tool, tool_by_title

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

log = logging.getLogger("verging_desktop.ui.open_files")

#: the settings key of the video tool used last (where an opened video goes)
LAST_VIDEO_TOOL = "open/last_video_tool"


class FileOpener(QObject):
    opened = Signal(str, list)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.pending: list[str] = []
        self.attached = False
        #: how many times the window was raised for opened files (for tests)
        self.raised = 0
        window.tabShown.connect(self._tab_shown)

    def eventFilter(self, obj: Any, event: Any) -> bool:
        """macOS hands files opened with the app (Finder, the Dock) to the running app as
        QFileOpenEvents on the application, not as arguments: opened like a second launch's."""
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.FileOpen:
            path = event.file() or event.url().toLocalFile()
            if path:
                self.open_paths([path])
                return True
        return False

    # -- the video tool used last ------------------------------------------------------------------
    @property
    def last_video_tool(self) -> str | None:
        v = self.window.store.value(LAST_VIDEO_TOOL, "")
        return str(v) if v in VIDEO_TOOLS else None

    def _tab_shown(self, title: str) -> None:
        try:
            spec = tool_by_title(title)
        except KeyError:
            return
        if spec.id in VIDEO_TOOLS and spec.id != self.last_video_tool:
            self.window.store.set_value(LAST_VIDEO_TOOL, spec.id)

    # -- opening -----------------------------------------------------------------------------------
    def attach(self) -> None:
        """The services exist: open what waited."""
        self.attached = True
        if self.pending:
            paths, self.pending = self.pending, []
            self._deliver(paths)

    def open_paths(self, args: list[str], token: str = "") -> None:
        """Raise the window and open ``args`` (paths or ``file://`` URLs; none: just raise)."""
        self.raise_window(token)
        paths = [local_path(a) for a in args if a]
        if not paths:
            return
        if not self.attached:
            self.pending.extend(paths)
            return
        self._deliver(paths)

    def raise_window(self, token: str = "") -> None:
        from PySide6.QtCore import Qt  # not before the first frame (PySide6 builds Qt's enums on first use)

        w = self.window
        if token and QGuiApplication.platformName().startswith("wayland"):
            os.environ["XDG_ACTIVATION_TOKEN"] = token  # Qt's Wayland plugin activates with it
        if w.isMinimized():
            w.setWindowState((w.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
        w.show()
        w.raise_()
        w.activateWindow()
        self.raised += 1

    def _deliver(self, paths: list[str]) -> None:
        routing = route(paths, self.last_video_tool)
        for _p, why in routing.refused:
            self.window.show_message(why)
        for tool_id, files in routing.tools.items():
            title = tool(tool_id).title
            content = self.window.show_tool(tool_id)
            if content is None:
                names = _(", ", "between the items of a list").join(os.path.basename(f) for f in files)
                self.window.show_message(self.tr("%1 is not available here: %2 was not opened.")
                                         .replace("%1", _(title)).replace("%2", names))
                continue
            ok = self._give(content, files)
            if ok:
                log.info("opened %d file(s) in %s", len(files), title)
                self.opened.emit(tool_id, files)

    @staticmethod
    def _give(content: Any, files: list[str]) -> bool:
        take = getattr(content, "accept_opened", None)
        try:
            if callable(take):
                return take(files) is not False
            handoff = getattr(content, "accept_handoff", None)
            if callable(handoff):
                return all([handoff(f) is not False for f in files])
        except Exception:
            log.exception("a tool could not take opened files")
        return False
