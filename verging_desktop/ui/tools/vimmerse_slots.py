"""The input slots of the Vimmerse pages (a video, a portrait, an audio file, a background): a drop
zone whose file is checked by its content before anything is uploaded or charged.

:class:`MediaSlot` takes one file (dropped, or chosen with Browse), says "checking…", then checks
it in a worker thread with :mod:`verging_desktop.services.vimmerse_inputs` (the same checks as the
command line: a video that is not a video, audio that is not audio, an image that is not an image,
a file over the limits: refused with the reason shown inline, in the slot's own red line, and the
slot holds nothing usable) and learns what the page needs to know about it: its content digest
(the "same job" check and the consent), a video's or an audio file's probe and length (a video is
probed once, with :func:`verging_desktop.jobs.prepare.probe_video`), an image's size, and a small
picture for the preview. ``kinds`` says what the slot takes ("image", "video", "audio"; the Lip Sync
face slot takes an image *or* a video).

A :class:`VideoSlot` adds the :class:`~verging_desktop.ui.video.trimmer.Trimmer` (made the first
time a video arrives, in :attr:`VideoSlot.box`, which the page lays out) and :meth:`VideoSlot.prepare`:
the selection cut with the shared video use case (:func:`~verging_desktop.jobs.prepare.plan_video`
and :func:`~verging_desktop.jobs.prepare.prepare`, the smart cut; the trimmer's own preview cut when
it matches), or the file itself when a short H.264/AAC MP4 is sent whole.

Signals of a slot:
    changed(): the file was added, checked (ready or refused), cleared, or (a video) the selection changed.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ...core import filetypes as ft
from ...core.errors import Cancelled, InputError, Progress, VergingError
from ...core.submissions import content_hash
from ..colors import error_color
from ..widgets.dropzone import IMAGE_FILTER, VIDEO_FILTER, DropZone

if TYPE_CHECKING:  # pragma: no cover
    from ...jobs.prep_choice import PrepChoice
    from ...jobs.prepare import PreparedVideo
    from ...media.probe import MediaInfo
    from ..video.trimmer import Trimmer

#: translated where used (the slot's file dialog)
AUDIO_FILTER = QT_TRANSLATE_NOOP("MediaSlot", "Audio (*.mp3 *.wav *.m4a *.aac *.ogg *.flac *.opus);;All files (*)")
IMAGE_OR_VIDEO_FILTER = QT_TRANSLATE_NOOP("MediaSlot", "Images and videos (*.jpg *.jpeg *.png *.webp *.mp4 *.mov "
                                                       "*.m4v *.mkv *.webm *.avi);;All files (*)")
FILTERS = {"video": VIDEO_FILTER, "image": IMAGE_FILTER, "audio": AUDIO_FILTER}
IMAGE_KINDS = ("jpeg", "png", "webp", "gif", "bmp", "tiff", "heic")
#: the preview picture's longest side (pixels)
PREVIEW_SIDE = 640
#: MediaSlot is subclassed (VideoSlot): its strings use explicit contexts
translate = QCoreApplication.translate

#: the drop zone's height: at least its title, hint and buttons; at most a good preview's
MIN_HEIGHT = 150
MAX_HEIGHT = 320
PREVIEW_HEIGHT = 250

Spawn = Callable[[Coroutine[Any, Any, Any]], "asyncio.Task[Any]"]


def fmt_s(t: float) -> str:
    m, s = divmod(max(0.0, t), 60)
    return f"{int(m)}:{s:04.1f}" if m else f"{s:.1f} s"


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
        raise InputError(translate("MediaSlot", "%1 cannot be read: %2.").replace("%1", path.name).replace(
            "%2", str(e.strerror or e))) from None
    if k in IMAGE_KINDS:
        return "image"
    if k in ("mp3", "wav", "ogg", "flac"):
        return "audio"
    return "video?"


async def check_file(path: Path, kinds: tuple[str, ...], *, cut: bool = False, still: bool = True) -> SlotFile:
    """Check ``path`` as one of ``kinds`` by its content; a refused file has state "bad" and a reason.
    ``cut``: a video that is cut to a selection before upload (the limits apply to the selection);
    ``still``: make a video's first-frame preview."""
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
                raise InputError(translate("MediaSlot", "%1 is not a readable image.").replace("%1", path.name))
            item.preview, (item.width, item.height) = thumb
        elif kind == "video":
            from ...jobs.prepare import probe_video

            info = await probe_video(path)
            await asyncio.to_thread(vi.check_video, path, info=info, cut=cut)
            item.info = info
            item.width, item.height = info.display_width or info.width, info.display_height or info.height
            if still:
                item.preview = await asyncio.to_thread(_video_still, path, item.width, item.height)
        else:
            await asyncio.to_thread(vi.check_audio, path)
            from ...media.probe import aprobe

            item.info = await aprobe(path, require_video=False, scan_packets=False)
            if not item.info.has_audio:
                raise InputError(translate("MediaSlot", "%1 has no sound track: use an audio file with speech.").replace(
                    "%1", path.name))
            if not item.info.duration or item.info.duration <= 0:
                raise InputError(translate("MediaSlot", "%1 has no audio to play (its length is 0 s).").replace(
                    "%1", path.name))
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
    """A drop zone for one file of ``kinds`` and its inline error, checked by content (see the
    module docstring)."""

    changed = Signal()

    def __init__(self, title: str, hint: str, kinds: tuple[str, ...], *, spawn: Spawn, name: str = "",
                 cut: bool = False, still: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kinds = kinds
        self._spawn = spawn
        self._cut = cut
        self._still = still
        filt = IMAGE_OR_VIDEO_FILTER if len(kinds) > 1 else FILTERS[kinds[0]]
        if filt in (AUDIO_FILTER, IMAGE_OR_VIDEO_FILTER):
            filt = translate("MediaSlot", filt)
        self.zone = DropZone(title, hint, file_filter=filt,
                             dialog_title=translate("MediaSlot", "Choose the %1").replace("%1", title.lower()))
        self.zone.filesDropped.connect(lambda paths: self.set_file(paths[0]) if paths else None)
        self.zone.cleared.connect(self.clear)
        # a web address too (fetched into the app's cache, then checked as a dropped file)
        from ...services.remote import default_cache_dir

        self.zone.accept_urls(lambda coro, _name: spawn(coro), default_cache_dir(),
                              kinds[0] if len(kinds) == 1 else None)  # type: ignore[arg-type]
        self.error = QLabel()
        self.error.setObjectName(f"{name}Error" if name else "slotError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {error_color()};")
        self.error.hide()
        if name:
            self.zone.setObjectName(name)
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

    # -- what the slot holds --------------------------------------------------------------------------
    @property
    def drop(self) -> DropZone:
        """The drop zone (the name the Sound and Generate Video pages use)."""
        return self.zone

    @property
    def ready_file(self) -> SlotFile | None:
        f = self.file
        return f if f is not None and f.ready else None

    @property
    def checking(self) -> bool:
        return self.file is not None and self.file.state == "checking"

    @property
    def state(self) -> str:
        """empty, checking, ready or bad."""
        return self.file.state if self.file is not None else "empty"

    @property
    def ready(self) -> bool:
        return self.ready_file is not None

    @property
    def path(self) -> Path | None:
        return self.file.path if self.file is not None else None

    @property
    def name(self) -> str:
        return self.file.name if self.file is not None else ""

    @property
    def reason(self) -> str:
        return self.file.reason if self.file is not None else ""

    @property
    def digest(self) -> str:
        f = self.ready_file
        return f.digest if f is not None else ""

    @property
    def info(self) -> MediaInfo | None:
        f = self.ready_file
        return f.info if f is not None else None

    @property
    def seconds(self) -> float | None:
        """A ready video's or audio file's length (None otherwise)."""
        f = self.ready_file
        return f.duration if f is not None and f.info is not None else None

    def problem(self, what: str) -> str:
        """Why the slot's file cannot be used ("" when it can, or when the slot is empty)."""
        if self.checking:
            return translate("MediaSlot", "Checking the %1…").replace("%1", what)
        if self.file is not None and self.file.state == "bad":
            return self.file.reason
        return ""

    def why_not(self, what: str) -> str:
        """Why the slot cannot be used yet ("" when it can): empty ("Drop {what}."), checking, refused."""
        if self.file is None:
            return translate("MediaSlot", "Drop %1.").replace("%1", what)
        if self.checking:
            return translate("MediaSlot", "Checking %1…", "a file's name").replace("%1", self.name)
        return self.reason if self.file.state == "bad" else ""

    # -- taking a file --------------------------------------------------------------------------------
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
            item = await check_file(p, self.kinds, cut=self._cut, still=self._still)
            if gen != self._gen:
                return
            self.file = item
            self._render()
            self.changed.emit()
            if item.ready:
                await self._ready()

        self.task = self._spawn(go())
        return self.task

    def take(self, path: str | Path) -> asyncio.Task[Any] | None:
        """:meth:`set_file` (the name the Sound and Generate Video pages use)."""
        return self.set_file(path)

    def clear(self) -> None:
        self._gen += 1
        if self.task is not None and not self.task.done():
            self.task.cancel()
        self.file = None
        self._render()
        self.changed.emit()

    async def _ready(self) -> None:
        """A hook for a ready file (the video slot loads its trimmer)."""

    def _render(self) -> None:
        self.updateGeometry()  # the size hint follows the preview
        f = self.file
        if f is None:
            self.zone.set_preview(None, "")
            self.error.hide()
            return
        if f.state == "checking":
            self.zone.set_preview(None, translate("MediaSlot", "%1 — checking…").replace("%1", f.name))
            self.error.hide()
        elif f.state == "bad":
            self.zone.set_preview(None, f.name)
            self.error.setText(f.reason)
            self.error.setToolTip(f"{f.reason}\n{f.path}\n" + translate("MediaSlot", "Nothing was uploaded or charged."))
            self.error.show()
        else:
            self.error.hide()
            pix = QPixmap.fromImage(f.preview) if f.preview is not None else None
            self.zone.set_preview(pix, f"{f.name} · {self.describe(f)}")
        cap = self.zone.caption
        cap.set_full_text(cap.full_text(), str(f.path))  # the whole name, and where the file is

    @staticmethod
    def describe(f: SlotFile) -> str:
        if f.kind == "image":
            return f"{f.width}×{f.height}"
        if f.kind == "video":
            return f"{f.width}×{f.height}, {fmt_s(f.duration)}"
        return translate("MediaSlot", "%1 of audio").replace("%1", fmt_s(f.duration))

    def shutdown(self) -> None:
        if self.task is not None and not self.task.done():
            with contextlib.suppress(RuntimeError):
                self.task.cancel()


def forced_mode(tr: Trimmer | None, path: Path | None) -> str | None:
    """The cut mode forced in ``tr`` for ``path`` (None: Auto, the upload choice decides)."""
    if tr is None or tr.path is None or path is None or Path(tr.path).absolute() != Path(path).absolute():
        return None
    return tr.forced_mode


def selection_choice(info: MediaInfo, start: float, end: float, max_seconds: float, forced: str | None,
                     uplink: float | None, wait: float = 0.0) -> PrepChoice | None:
    """How ``start..end`` of ``info`` would go up at ``uplink`` bytes/s (``jobs.prep_choice``;
    None: a selection the plan refuses). Pure arithmetic on the probe."""
    from ...jobs import prep_choice as pc
    from ...jobs.prepare import plan_video

    try:
        plan = plan_video(info, start, end, max_seconds=max_seconds)
    except InputError:
        return None
    s, e = (0.0, info.duration) if plan.uncut else (plan.start, plan.end)
    want = ("uncut" if plan.uncut and forced != "compact" else forced) if forced else None
    return pc.choose(info, s, e, uplink=uplink, forced=want, uncut=plan.uncut, wait=wait)


async def prepare_selection(path: Path, info: MediaInfo, start: float, end: float, max_seconds: float,
                            tr: Trimmer | None, work_dir: Path, progress: Callable[[str, float | None], None], *,
                            uplink: float | None = None, wait: float = 0.0) -> PreparedVideo:
    """The file to upload for a Vimmerse page's video: with the trimmer on Auto, the preparation
    that gets it up soonest at ``uplink`` (``jobs.prep_choice``: a smart cut or copy on a fast
    link, a compact re-encode on a slow one; the trimmer's preview cut when it is the one chosen);
    a mode forced in the trimmer: the trimmer's cut (its preview reused); the video itself when a
    short H.264/AAC MP4 is sent whole. ``wait``: seconds the link is taken by uploads before it."""
    from ...jobs.prepare import plan_video, prepare

    plan = plan_video(info, start, end, max_seconds=max_seconds)
    forced = forced_mode(tr, path)
    same = (not plan.uncut and tr is not None and tr.path is not None
            and Path(tr.path).absolute() == Path(path).absolute() and tr.is_valid() and tr.selection() == (start, end))
    cutter = None
    if same and tr is not None and forced is not None:
        progress(translate("VideoSlot", "Cutting the selection…"), None)
        cutter = tr.cut_selection
    elif not plan.uncut:
        progress(translate("VideoSlot", "Cutting the selection…"), 0.0)

    def reuse(chosen: str) -> Any:
        if same and tr is not None and tr.forced_mode is None and chosen == tr.cut_mode and tr.holds_cut():
            progress(translate("VideoSlot", "Using the preview's cut…"), None)
            return tr.cut_selection
        return None

    def cut_progress(p: Progress) -> None:
        progress(translate("VideoSlot", "Cutting the selection…"), p.fraction)

    return await prepare(plan, work_dir=work_dir, progress=cut_progress, cutter=cutter,
                         mode=forced if cutter is None else None, choose=True, uplink=uplink, wait=wait, reuse=reuse)


class VideoSlot(MediaSlot):
    """A video with the trimmer: the selection is what is cut and sent."""

    #: below this page width the trimmer stacks its rows
    COMPACT_WIDTH = 900

    def __init__(self, title: str, hint: str, *, spawn: Spawn, name: str, ctx: Any, max_seconds: float,
                 work_dir: Callable[[], Path], parent: QWidget | None = None) -> None:
        super().__init__(title, hint, ("video",), spawn=spawn, name=name, cut=True, still=False, parent=parent)
        self.ctx = ctx
        self.max_seconds = max_seconds
        self.work_dir = work_dir
        self.trimmer: Trimmer | None = None
        self.start = 0.0
        self.end = 0.0
        self._loading = False
        self._compact = False
        self.box = QFrame()
        self.box.setObjectName("trimmerBox")
        self._lay = QVBoxLayout(self.box)
        self._lay.setContentsMargins(0, 0, 0, 0)
        limit = (translate("VideoSlot", "%1 min").replace("%1", f"{max_seconds / 60:g}") if max_seconds >= 60
                 else translate("VideoSlot", "%1 s").replace("%1", f"{max_seconds:g}"))
        self.placeholder = QLabel(translate("VideoSlot", "Drop a video to trim it: mark the part to send (up to %1)."
                                            ).replace("%1", limit))
        self.placeholder.setObjectName("trimmerPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setEnabled(False)
        self.placeholder.setMinimumHeight(90)
        self._lay.addWidget(self.placeholder)

    @property
    def length(self) -> float:
        """The selected seconds (what is cut and sent)."""
        return max(0.0, self.end - self.start)

    def why_not(self, what: str) -> str:
        why = super().why_not(what)
        if why:
            return why
        tr = self.trimmer
        if tr is None or tr.info is None or self._loading:
            return translate("VideoSlot", "Loading %1…").replace("%1", self.name)
        if not tr.is_valid():
            return f"{self.name}: {tr.reason()}"
        return ""

    def _ensure_trimmer(self) -> Trimmer:
        if self.trimmer is None:
            from ..video.trimmer import Trimmer

            self.trimmer = Trimmer(self.box, pricing=self.ctx.pricing, max_seconds=self.max_seconds,
                                   spawn=self.ctx.spawn, temp_dir=self.work_dir(), provider="Vimmerse")
            self.trimmer.selectionChanged.connect(self._trim_changed)
            self.trimmer.validityChanged.connect(lambda _ok, _why: self.changed.emit())
            self.trimmer.set_compact(self._compact)
            self._lay.addWidget(self.trimmer, 1)
        self.placeholder.hide()
        self.trimmer.show()
        return self.trimmer

    def set_compact(self, on: bool) -> None:
        """Stack the trimmer's rows (a narrow page); kept for a trimmer made later."""
        self._compact = on
        if self.trimmer is not None:
            self.trimmer.set_compact(on)

    async def _ready(self) -> None:
        assert self.path is not None and self.info is not None
        path = self.path
        self.start, self.end = 0.0, min(self.info.duration, self.max_seconds)
        tr = self._ensure_trimmer()
        self._loading = True
        try:
            await tr.load(path, info=self.info)
        except (InputError, Cancelled):
            return
        finally:
            self._loading = False
        if self.path == path:
            self.start, self.end = tr.selection()
            self.changed.emit()

    def _trim_changed(self, start: float, end: float) -> None:
        if self._loading or self.trimmer is None or self.path is None:
            return
        self.start, self.end = start, end
        self.changed.emit()

    def clear(self) -> None:
        super().clear()
        self.start = self.end = 0.0
        if not hasattr(self, "placeholder"):
            return  # (the base's constructor clears nothing it has not made)
        if self.trimmer is not None:
            self.trimmer.clear()
            self.trimmer.hide()
            self.placeholder.show()

    def choice(self, uplink: float | None, wait: float = 0.0) -> PrepChoice | None:
        """How the selection would go up at ``uplink`` bytes/s (None: no probe yet)."""
        if self.info is None or self.path is None:
            return None
        return selection_choice(self.info, self.start, self.end, self.max_seconds,
                                forced_mode(self.trimmer, self.path), uplink, wait)

    async def prepare(self, progress: Callable[[str, float | None], None], *, uplink: float | None = None,
                      wait: float = 0.0) -> PreparedVideo:
        """The file to upload (see :func:`prepare_selection`)."""
        from ...jobs.prepare import probe_video

        assert self.path is not None
        info = self.info if self.info is not None else await probe_video(self.path)
        return await prepare_selection(self.path, info, self.start, self.end, self.max_seconds, self.trimmer,
                                       self.work_dir(), progress, uplink=uplink, wait=wait)

    def shutdown(self) -> None:
        super().shutdown()
        if self.trimmer is not None:
            with contextlib.suppress(RuntimeError):
                self.trimmer.shutdown()
