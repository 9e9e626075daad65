"""The video use case, shared by the ``verging`` command and the app's Face Swap and Video Enhance
tabs: plan, prepare, upload and create a per-second video job.

1. :func:`probe_video`: the one probe of a dropped (or named) file.
2. :func:`plan_video`: decide, from that probe and a selection, what goes up: a short H.264/AAC
   MP4 whose selection is the whole file goes up uncut; anything else is cut to the selection
   (or to the first ``max_seconds`` of a longer clip, said in :attr:`VideoPlan.note`).
3. :func:`prepare`: make the file to upload (the cut via ``media.cut``, smart mode by default;
   a caller with a cut already made, like the app's trimmer, passes its own ``cutter``).
4. :func:`create_job`: upload and create the job through the job queue, which records the job
   before the charging request and never sends it twice.

:func:`prepare_video` is steps 1 to 3 in one call (the CLI's path).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..core import filetypes as ft
from ..core.errors import InputError, Progress
from ..core.i18n import _
from ..core.tools import tool_for_kind, video_kinds
from ..media.framegrid import FrameGrid

# media.probe and media.cut load PyAV (about 15 MB and 100 ms): imported where a video is probed
# or cut, not when a page that may never see a video imports this module
if TYPE_CHECKING:  # pragma: no cover
    from ..core.outputs import Destination
    from ..media.cut import CutResult
    from ..media.probe import MediaInfo
    from .store import JobRecord

log = logging.getLogger("verging_desktop.jobs.prepare")

#: containers and codecs that go up as they are when the selection is the whole file
UPLOADABLE_FORMATS = ("mp4", "mov", "m4a", "3gp")
UPLOADABLE_CODECS = ("h264",)
UPLOADABLE_AUDIO = ("aac",)

#: the job kinds this use case creates (the registry's video tools)
VIDEO_KINDS = video_kinds()


@dataclass(frozen=True)
class VideoPlan:
    """What will go up for one video: the source and its probe, the range, cut or not."""

    source: Path
    info: MediaInfo
    start: float
    end: float
    #: True when the file goes up as it is (no cut)
    uncut: bool
    note: str = ""

    @property
    def length(self) -> float:
        """The seconds that will be billed (the whole file's duration when uncut)."""
        return self.info.duration if self.uncut else max(0.0, self.end - self.start)


@dataclass(frozen=True)
class PreparedVideo:
    source: Path
    path: Path          # the file to upload: the cut, or the source as it is
    duration: float     # the real duration of ``path`` (what is billed)
    start: float
    end: float
    info: MediaInfo
    cut: CutResult | None = None
    note: str = ""      # said to the user: trimmed to the limit, copy started early, fell back...


def _fmt(t: float) -> str:
    m, s = divmod(max(0.0, t), 60)
    return f"{int(m)}:{s:06.3f}" if m else f"{s:.3f} s"


async def probe_video(src: str | os.PathLike[str]) -> MediaInfo:
    """Check that ``src`` is a readable file and probe it (the one probe of the use case).

    :raises InputError: missing, not a video, corrupt.
    """
    from ..media import probe as _probe

    return await _probe.aprobe(ft.existing_file(src, "video"))


def uploadable_as_is(info: MediaInfo) -> bool:
    """An MP4-family file with H.264 video (constant frame rate) and AAC audio or none."""
    fmt_ok = any(f in (info.format_name or "") for f in UPLOADABLE_FORMATS)
    audio_ok = not info.has_audio or (info.audio_codec or "") in UPLOADABLE_AUDIO
    return fmt_ok and (info.video_codec or "") in UPLOADABLE_CODECS and not info.vfr and audio_ok


def is_whole_file(info: MediaInfo, start: float, end: float) -> bool:
    """True when ``start..end`` covers every frame of the clip (within half a frame)."""
    grid = FrameGrid.from_info(info)
    if grid:
        return grid.is_whole(start, end)
    return start <= 1e-3 and end >= info.duration - 1e-3


def plan_video(info: MediaInfo, start: float | None = None, end: float | None = None, *,
               max_seconds: float = 30.0) -> VideoPlan:
    """Decide what goes up for ``info`` and the selection ``start..end`` (None: the whole clip,
    or its first ``max_seconds``). No I/O.

    :raises InputError: a selection over ``max_seconds``.
    """
    source = Path(info.path)
    note = ""
    if start is None and end is None:
        if info.duration <= max_seconds + 0.05:
            s, e, whole = 0.0, info.duration, True
        else:
            s, e, whole = 0.0, max_seconds, False
            note = (f"{source.name} is {_fmt(info.duration)} long; Verging takes at most {max_seconds:g} s per "
                    f"job, so the first {max_seconds:g} s are used.")
    else:
        s = 0.0 if start is None else float(start)
        e = info.duration if end is None else float(end)
        if e - s > max_seconds + 1e-6 and s < e:
            raise InputError(_("The range {start} to {end} is {length} s; Verging takes at most "
                               "{most} s per job. Choose a shorter range.").format(
                start=_fmt(s), end=_fmt(e), length=f"{e - s:.1f}", most=f"{max_seconds:g}"))
        whole = is_whole_file(info, s, e)
    uncut = whole and info.duration <= max_seconds + 0.05 and uploadable_as_is(info)
    return VideoPlan(source, info, s, e, uncut, note)


#: makes the cut of a plan into the given file (default: ``media.cut`` in the chosen mode)
Cutter = Callable[[Path], Awaitable["CutResult"]]


def cut_path(plan: VideoPlan, work_dir: str | os.PathLike[str]) -> Path:
    """A new file name under ``work_dir`` for the cut of ``plan``."""
    out_dir = Path(work_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return ft.unique_path(out_dir / f"{plan.source.stem}_{plan.start:.3f}-{plan.end:.3f}.mp4")


async def prepare(plan: VideoPlan, *, work_dir: str | os.PathLike[str], mode: str = "smart",
                  progress: Callable[[Progress], None] | None = None,
                  cutter: Cutter | None = None) -> PreparedVideo:
    """The file to upload for ``plan``: the source itself when uncut, else its cut."""
    info = plan.info
    if plan.uncut:
        log.info("%s goes up uncut (%.3f s)", plan.source.name, info.duration)
        return PreparedVideo(plan.source, plan.source, info.duration, 0.0, info.duration, info, None, plan.note)
    dst = cut_path(plan, work_dir)
    if cutter is None:
        from ..media.cut import cut

        res = await cut(plan.source, dst, plan.start, plan.end, mode, progress=progress, info=info)
    else:
        res = await cutter(dst)
    notes = [n for n in (plan.note, res.note) if n]
    return PreparedVideo(plan.source, res.path, res.duration, res.start_actual, res.end_actual, info, res,
                         " ".join(notes))


async def prepare_video(src: str | os.PathLike[str], *, start: float | None = None, end: float | None = None,
                        max_seconds: float = 30.0, work_dir: str | os.PathLike[str], mode: str = "smart",
                        progress: Callable[[Progress], None] | None = None,
                        info: MediaInfo | None = None) -> PreparedVideo:
    """Probe ``src`` (unless ``info`` is given), plan and cut ``start..end`` (or the first
    ``max_seconds`` of a longer clip).

    Raises :class:`InputError` for bad input before anything is uploaded: not a video, corrupt,
    a bad range, or a range over ``max_seconds``.
    """
    source = ft.existing_file(src, "video")
    if info is None:
        info = await probe_video(source)
    plan = plan_video(info, start, end, max_seconds=max_seconds)
    return await prepare(plan, work_dir=work_dir, mode=mode, progress=progress)


class VideoQueue(Protocol):
    """The part of :class:`~verging_desktop.jobs.queue.JobQueue` this use case submits through."""

    async def submit_faceswap(self, video: str | Path, face: str | Path, *, duration: float, hd: bool = False,
                              input_name: str | None = None, estimated: float | None = None,
                              progress: Callable[[Progress], None] | None = None,
                              dest: Destination | None = None, extra: dict[str, Any] | None = None) -> JobRecord: ...

    async def submit_enhance(self, video: str | Path, *, duration: float, hd: bool = False,
                             input_name: str | None = None, estimated: float | None = None,
                             progress: Callable[[Progress], None] | None = None,
                             dest: Destination | None = None, extra: dict[str, Any] | None = None) -> JobRecord: ...


async def create_job(queue: VideoQueue, kind: str, video: str | os.PathLike[str], *, duration: float,
                     hd: bool, face: str | os.PathLike[str] | None = None, input_name: str | None = None,
                     estimated: float | None = None, progress: Callable[[Progress], None] | None = None,
                     dest: Destination | None = None, extra: dict[str, Any] | None = None) -> JobRecord:
    """Upload ``video`` and create a ``kind`` job through the queue (recorded before create-job);
    ``extra`` goes into the job's params (``source_url``: the web address a fetched input came from)."""
    spec = tool_for_kind(kind)
    if spec is None or kind not in VIDEO_KINDS:  # (another provider's video kinds go through its own queue)
        raise InputError(f"Unknown video job kind {kind!r}; use one of {', '.join(VIDEO_KINDS)}.")
    if spec.needs_face:
        if face is None:
            raise InputError(f"A {spec.sentence_name.lower()} needs a face image.")
        return await queue.submit_faceswap(Path(video), Path(face), duration=duration, hd=hd, input_name=input_name,
                                           estimated=estimated, progress=progress, dest=dest,
                                           **({"extra": extra} if extra else {}))
    return await queue.submit_enhance(Path(video), duration=duration, hd=hd, input_name=input_name,
                                      estimated=estimated, progress=progress, dest=dest,
                                      **({"extra": extra} if extra else {}))
