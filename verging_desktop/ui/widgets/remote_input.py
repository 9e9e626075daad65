"""Remote inputs in a drop zone: a URL pasted (Ctrl+V), typed ("From URL…") or dragged from a browser.

Both drop zones (:class:`~verging_desktop.ui.widgets.dropzone.DropZone` for the video tools and
:class:`~verging_desktop.ui.widgets.ai_common.DropZone` for the AI tabs) hold one
:class:`RemoteInput`: the strip inside the zone that shows a download ("Downloading clip.mp4… 34 %
(12 of 35 MB)", a bar, Cancel) or why an address was refused (one sentence, in the zone). It runs
:func:`verging_desktop.services.remote.fetch` on the asyncio loop (``ctx.spawn``) into
``<data>/remote`` and hands the fetched file to ``on_file`` -- the zone's own "a file was
dropped" path, so the tab checks, probes, trims and uploads it as any dropped file. What a
fetched file came from (:class:`~verging_desktop.services.remote.RemoteMedia`: its title, its URL)
is kept in :attr:`RemoteInput.origins` for the tab (the input's name, the job's ``source_url``).

A zone gains URLs once its tab calls ``zone.enable_remote(ctx, want)``; until then the From URL
button is hidden and a dragged URL is refused, as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QCoreApplication, QMimeData, Qt, QUrl, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import InputError, Progress, VergingError
from ...services import remote
from ..colors import error_color

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext

#: starts a coroutine as a task of the tab (``lambda coro, name: ctx.spawn(coro, name=name)``)
Spawn = Callable[[Coroutine[Any, Any, Any], str], "asyncio.Task[Any]"]


def remote_dir(ctx: ToolContext) -> Path:
    """Where fetched inputs are cached: ``remote/`` in the app's data folder."""
    return Path(ctx.dirs.data) / "remote"


def ctx_spawn(ctx: ToolContext) -> Spawn:
    return lambda coro, name: ctx.spawn(coro, name=name)

log = logging.getLogger("verging_desktop.ui.widgets.remote_input")
translate = QCoreApplication.translate
MB = 1024 * 1024


def url_from_mime(mime: QMimeData | None) -> str | None:
    """The first http(s) address a drag or the clipboard carries (``text/uri-list`` or plain
    text that is one address); None when there is none (local files are not addresses)."""
    if mime is None:
        return None
    if mime.hasUrls():
        for u in mime.urls():
            if u.isLocalFile():
                continue
            text = u.toString(QUrl.ComponentFormattingOption.FullyEncoded)
            if remote.is_url(text):
                return text.strip()
    if mime.hasText():
        text = mime.text().strip()
        if remote.is_url(text):
            return text
    return None


def clipboard_url() -> str | None:
    """The http(s) address on the clipboard, if it holds one."""
    cb = QGuiApplication.clipboard()
    return url_from_mime(cb.mimeData()) if cb is not None else None


def short_name(url: str) -> str:
    """What a download is called before its title is known: the URL's file name, else its host."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url[:60]
    name = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    if name and Path(name).suffix.lower() in remote.MEDIA_EXTENSIONS:
        return name
    return parts.hostname or url[:60]


class UrlDialog(QDialog):
    """Asks for a web address (prefilled from the clipboard when it holds one); OK is enabled
    only for an http(s) address. Opened with ``open()`` (never a nested event loop)."""

    def __init__(self, parent: QWidget | None, on_url: Callable[[str], None], initial: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("urlDialog")
        self.setWindowTitle(translate("RemoteInput", "Open a web address"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        lay = QVBoxLayout(self)
        label = QLabel(translate("RemoteInput", "The address of a video, an image or a page with a video "
                                 "(YouTube, Bilibili…):"))
        label.setWordWrap(True)
        self.edit = QLineEdit()
        self.edit.setObjectName("urlEdit")
        self.edit.setPlaceholderText("https://")
        self.edit.setMinimumWidth(380)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(translate("RemoteInput", "Fetch"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(label)
        lay.addWidget(self.edit)
        lay.addWidget(self.buttons)
        self._on_url = on_url
        self.edit.textChanged.connect(self._changed)
        self.edit.setText(initial)
        self._changed(initial)

    def _changed(self, text: str) -> None:
        self.ok.setEnabled(remote.is_url(text))

    def _accept(self) -> None:
        text = self.edit.text().strip()
        if not remote.is_url(text):
            return
        self.accept()
        self._on_url(text)


class RemoteInput(QWidget):
    """The download strip of a drop zone (hidden when idle), and the fetch it shows.

    Signals:
        started(str): a fetch of this URL began.
        fetched(object): a :class:`RemoteMedia` arrived (before it is handed to ``on_file``).
        failed(str): the sentence that says why the URL was not used.
        cancelled(): the user stopped the download (nothing was left behind).
    """

    started = Signal(str)
    fetched = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, on_file: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("remoteInput")
        self._on_file = on_file
        self._spawn: Spawn | None = None
        self._cache_dir = Path()
        self.want: remote.Want | None = "video"
        self.task: asyncio.Task[Any] | None = None
        self.url = ""
        #: the fetched files of this zone: path -> RemoteMedia (title, URL)
        self.origins: dict[Path, remote.RemoteMedia] = {}
        self.dialog: UrlDialog | None = None
        self.size_box: Any = None
        self.status = QLabel()
        self.status.setObjectName("remoteStatus")
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bar = QProgressBar()
        self.bar.setObjectName("remoteBar")
        self.bar.setMaximumHeight(12)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(translate("RemoteInput", "Cancel"))
        self.cancel_button.setObjectName("remoteCancel")
        self.cancel_button.setToolTip(translate("RemoteInput", "Stop the download (nothing is kept)"))
        self.cancel_button.clicked.connect(self.cancel)
        self.error = QLabel()
        self.error.setObjectName("remoteError")
        self.error.setWordWrap(True)
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setStyleSheet(f"color: {error_color()};")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        self._busy = QWidget()
        bl = QVBoxLayout(self._busy)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.setSpacing(2)
        bl.addWidget(self.status)
        bl.addLayout(row)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self._busy)
        lay.addWidget(self.error)
        self._busy.hide()
        self.error.hide()
        self.hide()

    # -- state --------------------------------------------------------------------------------------
    @property
    def enabled(self) -> bool:
        return self._spawn is not None

    @property
    def busy(self) -> bool:
        return self.task is not None and not self.task.done()

    def configure(self, spawn: Spawn, cache_dir: Path, want: remote.Want | None) -> None:
        """Take web addresses: fetched with ``spawn`` (the tab's task starter) into ``cache_dir``."""
        self._spawn = spawn
        self._cache_dir = cache_dir
        self.want = want

    def cache_dir(self) -> Path:
        return self._cache_dir

    def origin(self, path: str | Path) -> remote.RemoteMedia | None:
        """Where ``path`` was fetched from (None: a local file)."""
        p = Path(path)
        return self.origins.get(p) or self.origins.get(p.absolute())

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()
        self._sync()

    def _sync(self) -> None:
        self.setVisible(not self._busy.isHidden() or not self.error.isHidden())

    def show_error(self, text: str) -> None:
        self._busy.hide()
        self.error.setText(text)
        self.error.show()
        self._sync()
        self.failed.emit(text)

    # -- the dialog -------------------------------------------------------------------------------
    def ask(self) -> UrlDialog | None:
        """The "From URL…" dialog (non-blocking); its address is fetched on OK."""
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        d = UrlDialog(self.window(), self.open_url, clipboard_url() or "")
        d.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = d
        d.open()
        return d

    # -- the fetch --------------------------------------------------------------------------------
    def open_url(self, url: str) -> asyncio.Task[Any] | None:
        """Fetch ``url`` (one at a time: a new address replaces a download under way)."""
        if self._spawn is None:
            return None
        url = url.strip()
        if self.busy and self.task is not None:
            if url == self.url:
                return self.task
            self.task.cancel()
        self.url = url
        self.clear_error()
        self.status.setText(translate("RemoteInput", "Downloading %1…").replace("%1", short_name(url)))
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self._busy.show()
        self._sync()
        self.started.emit(url)
        task = self._spawn(self._fetch(url), "remote-input")
        self.task = task
        return task

    def cancel(self) -> None:
        if self.busy and self.task is not None:
            self.cancel_button.setEnabled(False)
            self.task.cancel()

    def _progress(self, url: str, p: Progress) -> None:
        if url != self.url or self._busy.isHidden():
            return
        name = short_name(url)
        frac = p.fraction
        if frac is None or p.total is None:
            self.bar.setRange(0, 0)
            text = translate("RemoteInput", "Downloading %1… %2 MB").replace("%1", name).replace(
                "%2", f"{p.done / MB:.1f}")
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(frac * 1000))
            text = (translate("RemoteInput", "Downloading %1… %2 % (%3 of %4 MB)", "a download's progress")
                    .replace("%1", name).replace("%2", f"{frac * 100:.0f}")
                    .replace("%3", f"{p.done / MB:.0f}").replace("%4", f"{p.total / MB:.0f}"))
        self.status.setText(text)

    async def _confirm_size(self, size: int) -> bool:
        from ..dialogs.common import confirm

        fut: asyncio.Future[bool] = asyncio.get_event_loop().create_future()

        def answer(yes: bool) -> None:
            if not fut.done():
                fut.set_result(yes)

        box = confirm(self.window(), translate("RemoteInput", "Large download"),
                      translate("RemoteInput", "%1 is %2 MB. Download it?").replace("%1", short_name(self.url))
                      .replace("%2", f"{size / MB:.0f}"), lambda: answer(True))
        box.finished.connect(lambda _r: answer(False))
        self.size_box = box
        try:
            return await fut
        finally:
            self.size_box = None
            with contextlib.suppress(RuntimeError):
                if fut.cancelled():
                    box.close()

    async def _fetch(self, url: str) -> None:
        try:
            media = await remote.fetch(url, cache_dir=self.cache_dir(), want=self.want,
                                       progress=lambda p: self._progress(url, p), confirm_size=self._confirm_size)
        except asyncio.CancelledError:
            if self.url == url:
                with contextlib.suppress(RuntimeError):
                    self._busy.hide()
                    self._sync()
                    self.cancelled.emit()
            raise
        except (InputError, VergingError, OSError) as e:
            log.info("a remote input was refused: %s", type(e).__name__)
            if self.url == url:
                with contextlib.suppress(RuntimeError):
                    self.show_error(str(e))
            return
        if self.url != url:
            return
        self._busy.hide()
        self._sync()
        self.origins[media.path] = media
        self.origins[media.path.absolute()] = media
        self.fetched.emit(media)
        self._on_file(str(media.path))


def fetched_from(paths: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """What a job keeps of those of ``paths`` that were fetched from the web in any drop zone of
    the app: ``source_url`` (the first address) and, with several, ``source_urls`` ({}: none)."""
    from PySide6.QtWidgets import QApplication

    strips = [r for top in QApplication.topLevelWidgets() for r in top.findChildren(RemoteInput)]
    urls: list[str] = []
    for path in paths:
        for strip in strips:
            media = strip.origin(path)
            if media is not None:
                if media.url not in urls:
                    urls.append(media.url)
                break
    if not urls:
        return {}
    return {"source_url": urls[0], **({"source_urls": urls} if len(urls) > 1 else {})}
