"""One input of a Vimmerse tab (a portrait, a video, an audio file, a background): a drop zone
whose file is checked by its content before anything is uploaded or charged.

:class:`MediaSlot` takes one file (dropped, or chosen with Browse), says "checking…", then checks
it with :mod:`verging_desktop.services.vimmerse_inputs` (a video that is not a video, audio that
is not audio, an image that is not an image, a file over the limits: refused with the reason
shown inline, in the slot's own red line) and learns what the tab needs to know about it: its
content digest (the "same job" check and the consent), a video's or an audio file's probe and
length, an image's size, and a small picture for the preview. ``kinds`` says what the slot
takes ("image", "video", "audio"; the Lip Sync face slot takes an image *or* a video).

Signals:
    changed(): the file was added, checked (ready or refused) or cleared.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...core import filetypes as ft
from ...core.errors import InputError, VergingError
from ...core.submissions import content_hash
from ..colors import error_color
from ..widgets.dropzone import IMAGE_FILTER, VIDEO_FILTER, DropZone

if TYPE_CHECKING:  # pragma: no cover
    from ...media.probe import MediaInfo

AUDIO_FILTER = "Audio (*.mp3 *.wav *.m4a *.aac *.ogg *.flac *.opus);;All files (*)"
IMAGE_OR_VIDEO_FILTER = ("Images and videos (*.jpg *.jpeg *.png *.webp *.mp4 *.mov *.m4v *.mkv *.webm *.avi);;"
                         "All files (*)")
IMAGE_KINDS = ("jpeg", "png", "webp", "gif", "bmp", "tiff", "heic")
#: the preview picture's longest side (pixels)
PREVIEW_SIDE = 640
#: the drop zone's height: at least its title, hint and buttons; at most a good preview's
MIN_HEIGHT = 150
MAX_HEIGHT = 320
PREVIEW_HEIGHT = 250


@dataclass
class SlotFile:
    """The file a slot holds and what its check found."""

    path: Path
    kind: str = ""              # "image", "video" or "audio" once checked
    state: str = "checking"     # checking, ready, bad
    reason: str = ""
    digest: str = ""
    info: MediaInfo | None = None
    width: int = 0
    height: int = 0
    preview: QImage | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def ready(self) -> bool:
        return self.state == "ready"

    @property
    def duration(self) -> float:
        return float(self.info.duration) if self.info is not None else 0.0


def _kind_by_content(path: Path) -> str:
    """"image", "video" or "audio" from the first bytes (an MP4 box may hold either: "video?")."""
    try:
        k = ft.sniff(path)
    except OSError as e:
        raise InputError(f"{path.name} cannot be read: {e.strerror or e}.") from None
    if k in IMAGE_KINDS:
        return "image"
    if k in ("mp3", "wav", "ogg", "flac"):
        return "audio"
    return "video?"


async def check_file(path: Path, kinds: tuple[str, ...]) -> SlotFile:
    """Check ``path`` as one of ``kinds`` by its content; a refused file has state "bad" and a reason."""
    from ...services import vimmerse_inputs as vi

    item = SlotFile(path)
    try:
        found = await asyncio.to_thread(_kind_by_content, path) if path.is_file() else "video?"
        if len(kinds) == 1:
            kind = kinds[0]
        elif found in kinds:
            kind = found
        else:
            kind = "video" if "video" in kinds else kinds[0]
        if kind == "image":
            await asyncio.to_thread(vi.check_image, path)
            thumb = await asyncio.to_thread(_image_preview, path)
            if thumb is None:
                raise InputError(f"{path.name} is not a readable image.")
            item.preview, (item.width, item.height) = thumb
        elif kind == "video":
            await asyncio.to_thread(vi.check_video, path)
            from ...jobs.prepare import probe_video

            info = await probe_video(path)
            item.info = info
            item.width, item.height = info.display_width or info.width, info.display_height or info.height
            item.preview = await asyncio.to_thread(_video_still, path, item.width, item.height)
        else:
            await asyncio.to_thread(vi.check_audio, path)
            from ...media.probe import aprobe

            item.info = await aprobe(path, require_video=False, scan_packets=False)
            if not item.info.has_audio:
                raise InputError(f"{path.name} has no sound track: use an audio file with speech.")
        item.digest = await asyncio.to_thread(content_hash, path)
        item.kind = kind
        item.state = "ready"
    except (VergingError, OSError) as e:
        item.state, item.reason = "bad", str(e) if str(e).startswith(path.name) else f"{path.name}: {e}"
    return item


def _image_preview(path: Path) -> tuple[QImage, tuple[int, int]] | None:
    from PySide6.QtGui import QImageReader

    from ..images import make_thumbnail

    reader = QImageReader(str(path))
    reader.setDecideFormatFromContent(True)
    reader.setAutoTransform(True)
    size = reader.size()
    img = make_thumbnail(path, PREVIEW_SIDE)
    if img is None or not size.isValid():
        return None
    w, h = size.width(), size.height()
    if img.width() != img.height() and (img.width() > img.height()) != (w > h):
        w, h = h, w  # turned by its EXIF orientation: the size as the picture is shown
    return img, (w, h)


def _video_still(path: Path, width: int, height: int) -> QImage | None:
    from ...media.poster import poster_png

    s = min(1.0, PREVIEW_SIDE / max(1, width, height))
    data = poster_png(path, max(2, int(width * s)), max(2, int(height * s)))
    if not data:
        return None
    img = QImage.fromData(data, "PNG")
    return None if img.isNull() else img


class MediaSlot(QWidget):
    """A drop zone for one file of ``kinds``, checked by content (see the module docstring)."""

    changed = Signal()

    def __init__(self, title: str, hint: str, kinds: tuple[str, ...], *, spawn: Any,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kinds = kinds
        self._spawn = spawn
        filt = (IMAGE_OR_VIDEO_FILTER if len(kinds) > 1 else
                {"image": IMAGE_FILTER, "video": VIDEO_FILTER, "audio": AUDIO_FILTER}[kinds[0]])
        self.zone = DropZone(title, hint, file_filter=filt, dialog_title=f"Choose the {title.lower()}")
        self.zone.filesDropped.connect(lambda paths: self.set_file(paths[0]) if paths else None)
        self.zone.cleared.connect(self.clear)
        self.error = QLabel()
        self.error.setObjectName("slotError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {error_color()};")
        self.error.hide()
        # never squeezed under its title, hint and buttons; never a tall empty box either
        self.zone.setMinimumHeight(MIN_HEIGHT)
        self.setMaximumHeight(MAX_HEIGHT)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.zone, 1)
        lay.addWidget(self.error)
        self.file: SlotFile | None = None
        self.task: asyncio.Task[Any] | None = None
        self._gen = 0

    def sizeHint(self) -> QSize:
        """Room for a good preview once a picture is shown; a compact zone while empty."""
        f = self.file
        return QSize(260, PREVIEW_HEIGHT if f is not None and f.preview is not None else MIN_HEIGHT + 20)

    @property
    def ready_file(self) -> SlotFile | None:
        f = self.file
        return f if f is not None and f.ready else None

    @property
    def checking(self) -> bool:
        return self.file is not None and self.file.state == "checking"

    def set_file(self, path: str | Path) -> asyncio.Task[Any] | None:
        """Take ``path`` (replacing the slot's file) and check it."""
        p = Path(path).absolute()
        if self.file is not None and self.file.path == p and self.file.state != "bad":
            return None
        self._gen += 1
        gen = self._gen
        if self.task is not None and not self.task.done():
            self.task.cancel()
        self.file = SlotFile(p)
        self._render()
        self.changed.emit()

        async def go() -> None:
            item = await check_file(p, self.kinds)
            if gen != self._gen:
                return
            self.file = item
            self._render()
            self.changed.emit()

        self.task = self._spawn(go(), name=f"check-{p.name}")
        return self.task

    def clear(self) -> None:
        self._gen += 1
        if self.task is not None and not self.task.done():
            self.task.cancel()
        self.file = None
        self._render()
        self.changed.emit()

    def _render(self) -> None:
        self.updateGeometry()  # the size hint follows the preview
        f = self.file
        if f is None:
            self.zone.set_preview(None, "")
            self.error.hide()
            return
        if f.state == "checking":
            self.zone.set_preview(None, f"{f.name} — checking…")
            self.error.hide()
            return
        if f.state == "bad":
            self.zone.set_preview(None, f.name)
            self.error.setText(f.reason)
            self.error.setToolTip(f.reason)
            self.error.show()
            return
        self.error.hide()
        pix = QPixmap.fromImage(f.preview) if f.preview is not None else None
        self.zone.set_preview(pix, f"{f.name} · {self.describe(f)}")

    @staticmethod
    def describe(f: SlotFile) -> str:
        if f.kind == "image":
            return f"{f.width}×{f.height}"
        if f.kind == "video":
            return f"{f.width}×{f.height}, {f.duration:.1f} s"
        return f"{f.duration:.1f} s of audio"

    def shutdown(self) -> None:
        if self.task is not None and not self.task.done():
            with contextlib.suppress(RuntimeError):
                self.task.cancel()
