"""Prepare a video for a per-second job: probe, cut to the range (smart mode), report the real
duration that will be billed. Shared by the ``verging`` command and the app's tabs."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..core import filetypes as ft
from ..core.errors import InputError, Progress
from ..media.cut import CutResult, cut
from ..media.probe import MediaInfo, aprobe

log = logging.getLogger("verging_desktop.jobs.prepare")

#: containers and codecs that go up as they are when no range is asked for
UPLOADABLE_FORMATS = ("mp4", "mov", "m4a", "3gp")
UPLOADABLE_CODECS = ("h264",)


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


async def prepare_video(src: str | os.PathLike[str], *, start: float | None = None, end: float | None = None,
                        max_seconds: float = 30.0, work_dir: str | os.PathLike[str], mode: str = "smart",
                        progress: Callable[[Progress], None] | None = None,
                        info: MediaInfo | None = None) -> PreparedVideo:
    """Probe ``src`` and cut ``start..end`` (or the first ``max_seconds`` of a longer clip).

    Raises :class:`InputError` for bad input before anything is uploaded: not a video, corrupt,
    a bad range, or a range over ``max_seconds``.
    """
    source = ft.existing_file(src, "video")
    info = info or await aprobe(source)
    notes: list[str] = []
    if start is None and end is None:
        if info.duration <= max_seconds + 0.05:
            fmt_ok = any(f in (info.format_name or "") for f in UPLOADABLE_FORMATS)
            if fmt_ok and (info.video_codec or "") in UPLOADABLE_CODECS and not info.vfr:
                return PreparedVideo(source, source, info.duration, 0.0, info.duration, info)
            s, e = 0.0, info.duration
        else:
            s, e = 0.0, max_seconds
            notes.append(f"{source.name} is {_fmt(info.duration)} long; Verging takes at most {max_seconds:g} s per "
                         f"job, so the first {max_seconds:g} s are used.")
    else:
        s = 0.0 if start is None else float(start)
        e = info.duration if end is None else float(end)
        if e - s > max_seconds + 1e-6 and s < e:
            raise InputError(f"The range {_fmt(s)} to {_fmt(e)} is {e - s:.1f} s; Verging takes at most "
                             f"{max_seconds:g} s per job. Choose a shorter range.")
    out_dir = Path(work_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    dst = ft.unique_path(out_dir / f"{source.stem}_{s:.3f}-{e:.3f}.mp4")
    res = await cut(source, dst, s, e, mode, progress=progress, info=info)
    if res.note:
        notes.append(res.note)
    return PreparedVideo(source, res.path, res.duration, res.start_actual, res.end_actual, info, res, " ".join(notes))
