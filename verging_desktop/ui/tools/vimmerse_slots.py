"""The input slots of the Vimmerse pages: one video (with the trimmer), one image or one audio file,
each a drop zone whose file is checked by its content before anything is uploaded or charged.

A :class:`MediaSlot` takes the first file of a drop (or of Browse), checks it in a worker thread
with :mod:`verging_desktop.services.vimmerse_inputs` (the same checks as the command line; a video
is probed once with :func:`verging_desktop.jobs.prepare.probe_video`, an audio file with
``media.probe``), hashes its content (the "same job" question and the consent are by content) and
shows it in the zone: the picture for an image, the name and length for a video or audio file. A
refused file is named with its reason inline under the zone, and the slot stays empty.

A :class:`VideoSlot` adds the :class:`~verging_desktop.ui.video.trimmer.Trimmer` (made the first
time a video arrives) and :meth:`VideoSlot.prepare`: the selection cut with the shared video use
case (:func:`~verging_desktop.jobs.prepare.plan_video` and :func:`~verging_desktop.jobs.prepare.prepare`,
the smart cut; the trimmer's own preview cut when it matches), or the file itself when a short
H.264/AAC MP4 is sent whole.

Signals of a slot:
    changed(): the file, its state or (for a video) the selection changed.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ...core.errors import Cancelled, InputError, Progress, VergingError
from ...core.submissions import content_hash
from ..colors import error_color
from ..widgets.dropzone import IMAGE_FILTER, VIDEO_FILTER, DropZone

if TYPE_CHECKING:  # pragma: no cover
    from ...jobs.prepare import PreparedVideo
    from ...media.probe import MediaInfo
    from ..video.trimmer import Trimmer

AUDIO_FILTER = "Audio (*.mp3 *.wav *.m4a *.aac *.ogg *.flac *.opus);;All files (*)"
FILTERS = {"video": VIDEO_FILTER, "image": IMAGE_FILTER, "audio": AUDIO_FILTER}

Spawn = Callable[[Coroutine[Any, Any, Any]], "asyncio.Task[Any]"]


def fmt_s(t: float) -> str:
    m, s = divmod(max(0.0, t), 60)
    return f"{int(m)}:{s:04.1f}" if m else f"{s:.1f} s"


def _check(kind: str, path: Path, info: MediaInfo | None = None) -> None:
    """:mod:`~verging_desktop.services.vimmerse_inputs`' check of one file (a video with its probe,
    as a source that is cut before upload)."""
    from ...services import vimmerse_inputs as vi

    if kind == "video":
        vi.check_video(path, info=info, cut=True)
    elif kind == "image":
        vi.check_image(path)
    else:
        vi.check_audio(path)


class MediaSlot(QObject):
    """One file of one kind ("video", "image" or "audio") in a drop zone. See the module docstring."""

    changed = Signal()

    def __init__(self, kind: str, title: str, hint: str, *, spawn: Spawn, name: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._spawn = spawn
        self.drop = DropZone(title, hint, file_filter=FILTERS[kind], dialog_title=f"Choose the {title.lower()}")
        self.drop.setObjectName(name)
        self.drop.filesDropped.connect(lambda paths: self.take(paths[0]) if paths else None)
        self.drop.cleared.connect(self.clear)
        self.error = QLabel()
        self.error.setObjectName(f"{name}Error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {error_color()};")
        self.error.hide()
        self.path: Path | None = None
        self.state = "empty"        # empty, checking, ready, bad
        self.reason = ""
        self.digest = ""
        self.seconds: float | None = None
        self.info: MediaInfo | None = None
        self.width = self.height = 0
        self.preview: QPixmap | None = None
        self._task: asyncio.Task[Any] | None = None

    # -- state ----------------------------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        return self.state == "ready" and self.path is not None

    @property
    def name(self) -> str:
        return self.path.name if self.path is not None else ""

    def why_not(self, what: str) -> str:
        """Why the slot cannot be used yet ("" when it can): empty, still checking, or refused."""
        if self.state == "empty":
            return f"Drop {what}."
        if self.state == "checking":
            return f"Checking {self.name}…"
        if self.state == "bad":
            return self.reason
        return ""

    # -- taking a file --------------------------------------------------------------------------------
    def take(self, path: str | Path) -> asyncio.Task[Any]:
        """Check ``path`` and hold it when it passes (the file there before goes)."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._reset()
        self.path = Path(path).absolute()
        self.state = "checking"
        self.drop.set_preview(None, f"{self.name} — checking…")
        self.drop.caption.set_full_text(self.drop.caption.full_text(), str(self.path))
        self.error.hide()
        self.changed.emit()
        self._task = self._spawn(self._check(self.path))
        return self._task

    def _reset(self) -> None:
        self.path = None
        self.state, self.reason, self.digest = "empty", "", ""
        self.seconds = None
        self.info = None
        self.width = self.height = 0
        self.preview = None

    def clear(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._reset()
        self.drop.set_preview(None, "")
        self.error.hide()
        self.changed.emit()

    async def _check(self, path: Path) -> None:
        try:
            if self.kind != "video":  # (a video is checked with its one probe, in _inspect)
                await asyncio.to_thread(_check, self.kind, path)
            await self._inspect(path)
            digest = await asyncio.to_thread(content_hash, path)
        except (VergingError, OSError) as e:
            if self.path != path:
                return
            self.state, self.reason = "bad", str(e) if isinstance(e, VergingError) else f"{path.name}: {e}"
            self.drop.set_preview(None, "")
            self.error.setText(self.reason)
            self.error.setToolTip(f"{self.reason}\n{path}\nNothing was uploaded or charged.")
            self.error.show()
            self.changed.emit()
            return
        if self.path != path:
            return
        self.digest = digest
        self.state = "ready"
        self._show()
        self.changed.emit()
        await self._ready()

    async def _inspect(self, path: Path) -> None:
        """Read what the slot shows about the file (its length, its picture)."""
        if self.kind == "image":
            from ..images import make_thumbnail

            img = await asyncio.to_thread(make_thumbnail, path, 320)
            if img is None:
                raise InputError(f"{path.name} cannot be shown as an image.")
            self.preview = QPixmap.fromImage(img)
            from PySide6.QtGui import QImageReader

            size = QImageReader(str(path)).size()
            self.width, self.height = size.width(), size.height()
        elif self.kind == "video":
            from ...jobs.prepare import probe_video

            self.info = await probe_video(path)
            await asyncio.to_thread(_check, "video", path, self.info)
            self.seconds = self.info.duration
        else:
            from ...media.probe import aprobe

            info = await aprobe(path, require_video=False, scan_packets=False)
            if not info.duration or info.duration <= 0:
                raise InputError(f"{path.name} has no audio to play (its length is 0 s).")
            self.info = info
            self.seconds = info.duration

    def _show(self) -> None:
        if self.kind == "image":
            self.drop.set_preview(self.preview, f"{self.name} · {self.width}×{self.height}")
        else:
            self.drop.set_preview(None, f"{self.name} · {fmt_s(self.seconds or 0)}")
        cap = self.drop.caption
        cap.set_full_text(cap.full_text(), str(self.path))  # the whole name, and where the file is

    async def _ready(self) -> None:
        """A hook for a ready file (the video slot loads its trimmer)."""

    def shutdown(self) -> None:
        if self._task is not None:
            self._task.cancel()


class VideoSlot(MediaSlot):
    """A video with the trimmer: the selection is what is cut and sent."""

    #: below this page width the trimmer stacks its rows
    COMPACT_WIDTH = 900

    def __init__(self, title: str, hint: str, *, spawn: Spawn, name: str, ctx: Any, max_seconds: float,
                 work_dir: Callable[[], Path], parent: QObject | None = None) -> None:
        super().__init__("video", title, hint, spawn=spawn, name=name, parent=parent)
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
        limit = f"{max_seconds / 60:g} min" if max_seconds >= 60 else f"{max_seconds:g} s"
        self.placeholder = QLabel(f"Drop a video to trim it: mark the part to send (up to {limit}).")
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
            return f"Loading {self.name}…"
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
        if self.trimmer is not None:
            self.trimmer.clear()
            self.trimmer.hide()
            self.placeholder.show()

    async def prepare(self, progress: Callable[[str, float | None], None]) -> PreparedVideo:
        """The file to upload: the selection cut with the smart cut (or the trimmer's preview cut of
        the same selection), or the video itself when a short H.264/AAC MP4 is sent whole."""
        from ...jobs.prepare import plan_video, prepare, probe_video

        assert self.path is not None
        info = self.info if self.info is not None else await probe_video(self.path)
        plan = plan_video(info, self.start, self.end, max_seconds=self.max_seconds)
        tr = self.trimmer
        cutter = None
        if (not plan.uncut and tr is not None and tr.path is not None and Path(tr.path).absolute() == self.path
                and tr.is_valid() and tr.selection() == (self.start, self.end)):
            progress("Cutting the selection…", None)
            cutter = tr.cut_selection
        elif not plan.uncut:
            progress("Cutting the selection (smart cut)…", 0.0)

        def cut_progress(p: Progress) -> None:
            progress("Cutting the selection (smart cut)…", p.fraction)

        return await prepare(plan, work_dir=self.work_dir(), progress=cut_progress, cutter=cutter)

    def shutdown(self) -> None:
        super().shutdown()
        if self.trimmer is not None:
            with contextlib.suppress(RuntimeError):
                self.trimmer.shutdown()


def slot_column(*parts: QWidget) -> QWidget:
    """The widgets of one slot stacked (the zone, its inline error)."""
    w = QWidget()
    lay = QVBoxLayout(w)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(2)
    for p in parts:
        lay.addWidget(p)
    return w
