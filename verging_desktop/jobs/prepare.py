"""The video use case, shared by the ``verging`` command and the app's Face Swap and Video Enhance
tabs: plan, prepare, upload and create a per-second video job.

1. :func:`probe_video`: the one probe of a dropped (or named) file.
2. :func:`plan_video`: decide, from that probe and a selection, what goes up: a short H.264/AAC
   MP4 whose selection is the whole file goes up uncut; anything else is cut to the selection
   (or to the first ``max_seconds`` of a longer clip, said in :attr:`VideoPlan.note`).
3. :func:`prepare`: make the file to upload (the cut via ``media.cut``). For a Verging video
   job (``kind`` given) with no mode forced, :mod:`.prep_choice` picks the preparation with the
   shortest predicted prepare + upload time at the measured ``uplink`` (stream copy, smart cut or
   the compact re-encode; a short trial encode measures the compact file's bit rate when it could
   win); the choice and its sentence are in :attr:`PreparedVideo.choice`. A forced ``mode`` (or a
   caller's own ``cutter``, like the app's trimmer) always wins. Without ``kind``: smart cut.
4. :func:`create_job`: upload and create the job through the job queue, which records the job
   before the charging request and never sends it twice.

:func:`prepare_video` is steps 1 to 3 in one call (the CLI's path).
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..core import filetypes as ft
from ..core.errors import InputError, Progress
from ..core.i18n import N_, _
from ..core.tools import tool_for_kind, video_kinds
from ..media.framegrid import FrameGrid

# media.probe and media.cut load PyAV (about 15 MB and 100 ms): imported where a video is probed
# or cut, not when a page that may never see a video imports this module
if TYPE_CHECKING:  # pragma: no cover
    from ..core.outputs import Destination
    from ..media.cut import CutResult
    from ..media.probe import MediaInfo
    from .prep_choice import PrepChoice
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
    #: how it was prepared and why (None: no choice was made, e.g. another provider's job)
    choice: PrepChoice | None = None

    @property
    def sentence(self) -> str:
        """The choice's sentence for people ("Re-encoding to 19 MB: about 31 s ..."), or ""."""
        return self.choice.sentence if self.choice is not None else ""


def _fmt(t: float) -> str:
    m, s = divmod(max(0.0, t), 60)
    return f"{int(m)}:{s:06.3f}" if m else f"{s:.3f} s"


async def probe_video(src: str | os.PathLike[str]) -> MediaInfo:
    """Check that ``src`` is a readable file and probe it (the one probe of the use case).

    :raises InputError: missing, not a video, corrupt.
    """
    from ..media import probe as _probe

    return await _probe.aprobe(ft.existing_file(src, N_("video")))


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


def check_length(start: float, end: float, max_seconds: float) -> None:
    """Refuse a selection ``start..end`` longer than ``max_seconds`` (:class:`InputError`); checked by
    :func:`plan_video`, and by a caller before fetching a URL's section (in the original's times)."""
    if end - start > max_seconds + 1e-6 and start < end:
        raise InputError(_("The range {start} to {end} is {length} s; Verging takes at most "
                           "{most} s per job. Choose a shorter range.").format(
            start=_fmt(start), end=_fmt(end), length=f"{end - start:.1f}", most=f"{max_seconds:g}"))


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
            note = _("{name} is {length} long; Verging takes at most {most:g} s per job, so the first {most:g} s "
                     "are used.").format(name=source.name, length=_fmt(info.duration), most=max_seconds)
    else:
        s = 0.0 if start is None else float(start)
        e = info.duration if end is None else float(end)
        check_length(s, e, max_seconds)
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


async def prepare(plan: VideoPlan, *, work_dir: str | os.PathLike[str], mode: str | None = None,
                  progress: Callable[[Progress], None] | None = None,
                  cutter: Cutter | None = None, kind: str | None = None,
                  uplink: float | None = None, measure: bool = True, choose: bool | None = None,
                  wait: float = 0.0, reuse: Callable[[str], Cutter | None] | None = None) -> PreparedVideo:
    """The file to upload for ``plan``: the source itself when uncut, else its cut.

    :param mode: a ``media.cut`` mode the user forced; None: chosen (``kind`` given) or smart.
    :param cutter: makes the cut itself (the app's trimmer, in the trimmer's mode: forced).
    :param kind: the job kind; a Verging video kind (``face-swap``, ``video-enhance``) turns the
        choice on.
    :param choose: turn the choice on (True) or off (False) whatever the kind (None: by ``kind``):
        the app's Vimmerse video pages choose too.
    :param uplink: the estimated upload rate in bytes/s (None: unknown, the default is assumed).
    :param measure: allow the short trial encode that measures the compact file's bit rate.
    :param wait: seconds until the link is free for this upload (``jobs.pipeline``).
    :param reuse: given the chosen mode, a cutter that already holds that cut (the trimmer's
        preview of the same selection), or None: it makes the file instead of cutting again.
    """
    from . import prep_choice as pc

    info = plan.info
    choice: PrepChoice | None = None
    chosen = mode or "smart"
    forced = mode is not None and mode != "auto"
    if mode == "auto":
        chosen = "smart"
    choosing = (kind in VIDEO_KINDS) if choose is None else choose
    reused = False
    if choosing and cutter is None:
        start, end = (0.0, info.duration) if plan.uncut else (plan.start, plan.end)
        # a forced mode other than compact leaves an uncut file as it is (as before the choice)
        want = ("uncut" if plan.uncut and mode != "compact" else mode) if forced else None
        choice = pc.choose(info, start, end, uplink=uplink, forced=want, uncut=plan.uncut, wait=wait)
        if measure and pc.worth_measuring(choice):
            try:
                sample = await pc.measure_compact(info, start, end, work_dir)
            except Exception as e:  # a failed trial changes nothing: the constants decide
                log.warning("compact trial encode failed: %s", e)
            else:
                choice = pc.choose(info, start, end, uplink=uplink, forced=want, uncut=plan.uncut, sample=sample,
                                   wait=wait)
        chosen = choice.mode
        log.info("prepare %s: %s (%s)", plan.source.name, chosen, choice.sentence)
        if reuse is not None and not plan.uncut:
            made = reuse(chosen)
            if made is not None:
                log.info("prepare %s: the preview's %s cut is reused", plan.source.name, chosen)
                cutter, reused = made, True
    if plan.uncut and chosen in ("uncut", "smart", "copy", "exact") and cutter is None:
        log.info("%s goes up uncut (%.3f s)", plan.source.name, info.duration)
        return PreparedVideo(plan.source, plan.source, info.duration, 0.0, info.duration, info, None, plan.note,
                             choice)
    s_, e_ = (0.0, info.duration) if plan.uncut else (plan.start, plan.end)
    dst = cut_path(plan, work_dir)
    if cutter is None:
        from ..media.cut import cut

        res = await cut(plan.source, dst, s_, e_, chosen, progress=progress, info=info)
    else:
        res = await cutter(dst)
        if choosing and not reused:  # the cutter's own mode (forced): said so
            choice = pc.choose(info, plan.start, plan.end, uplink=uplink, forced=res.mode_used, wait=wait)
            log.info("prepare %s: %s (%s)", plan.source.name, res.mode_used, choice.sentence)
    if choice is not None:
        with contextlib.suppress(OSError):
            choice = pc.settle(choice, res.path.stat().st_size)
    notes = [n for n in (plan.note, res.note) if n]
    return PreparedVideo(plan.source, res.path, res.duration, res.start_actual, res.end_actual, info, res,
                         " ".join(notes), choice)


async def prepare_video(src: str | os.PathLike[str], *, start: float | None = None, end: float | None = None,
                        max_seconds: float = 30.0, work_dir: str | os.PathLike[str], mode: str | None = None,
                        progress: Callable[[Progress], None] | None = None,
                        info: MediaInfo | None = None, kind: str | None = None,
                        uplink: float | None = None) -> PreparedVideo:
    """Probe ``src`` (unless ``info`` is given), plan and cut ``start..end`` (or the first
    ``max_seconds`` of a longer clip); ``mode``, ``kind`` and ``uplink`` as for :func:`prepare`.

    Raises :class:`InputError` for bad input before anything is uploaded: not a video, corrupt,
    a bad range, or a range over ``max_seconds``.
    """
    source = ft.existing_file(src, N_("video"))
    if info is None:
        info = await probe_video(source)
    plan = plan_video(info, start, end, max_seconds=max_seconds)
    return await prepare(plan, work_dir=work_dir, mode=mode, progress=progress, kind=kind, uplink=uplink)


class VideoQueue(Protocol):
    """The part of :class:`~verging_desktop.jobs.queue.JobQueue` this use case submits through."""

    async def submit_faceswap(self, video: str | Path, face: str | Path, *, duration: float, hd: bool = False,
                              input_name: str | None = None, estimated: float | None = None,
                              progress: Callable[[Progress], None] | None = None,
                              extra: dict[str, Any] | None = None,
                              dest: Destination | None = None) -> JobRecord: ...

    async def submit_enhance(self, video: str | Path, *, duration: float, hd: bool = False,
                             input_name: str | None = None, estimated: float | None = None,
                             progress: Callable[[Progress], None] | None = None,
                             extra: dict[str, Any] | None = None,
                             dest: Destination | None = None) -> JobRecord: ...


async def create_job(queue: VideoQueue, kind: str, video: str | os.PathLike[str], *, duration: float,
                     hd: bool, face: str | os.PathLike[str] | None = None, input_name: str | None = None,
                     estimated: float | None = None, progress: Callable[[Progress], None] | None = None,
                     dest: Destination | None = None, extra: dict[str, Any] | None = None) -> JobRecord:
    """Upload ``video`` and create a ``kind`` job through the queue (recorded before create-job).
    ``extra``: more params kept with the job (``source_url``: the address a fetched input came from)."""
    spec = tool_for_kind(kind)
    if spec is None or kind not in VIDEO_KINDS:  # (another provider's video kinds go through its own queue)
        raise InputError(_("Unknown video job kind {kind}; use one of {kinds}.").format(
            kind=repr(kind), kinds=", ".join(VIDEO_KINDS)))
    if spec.needs_face:
        if face is None:
            raise InputError(_("A {tool} needs a face image.").format(tool=_(spec.sentence_name).lower()))
        more = {"extra": extra} if extra else {}
        return await queue.submit_faceswap(Path(video), Path(face), duration=duration, hd=hd, input_name=input_name,
                                           estimated=estimated, progress=progress, dest=dest, **more)
    more = {"extra": extra} if extra else {}
    return await queue.submit_enhance(Path(video), duration=duration, hd=hd, input_name=input_name,
                                      estimated=estimated, progress=progress, dest=dest, **more)
