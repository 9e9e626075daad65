"""``verging faceswap`` and ``verging enhance``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..core import filetypes as ft
from ..core import tools
from ..core.errors import InputError, Progress
from ..core.i18n import _
from ..core.providers import VERGING
from ..core.uplink import host_of
from .context import EXIT_OK, Context, output_choice
from .jobs import run_job
from .remote_input import RemoteMedia, checked_as, fetch_input, input_name, is_url, renamed, source_params

if TYPE_CHECKING:  # pragma: no cover
    from ..jobs.prepare import PreparedVideo


def uploaded_line(size: int, rate: float) -> str:
    """What the CLI says after an upload: its size, time and measured rate."""
    return _("Uploaded {mb:.1f} MB in {seconds:.1f} s: {mbit:.1f} Mbit/s.").format(
        mb=size / 1e6, seconds=size / rate, mbit=rate * 8 / 1e6)


async def cmd_video_job(ctx: Context, kind: str) -> int:
    """``verging faceswap`` and ``verging enhance``: probe, cut, upload, create, poll, download."""
    from ..jobs.prepare import check_length, create_job, prepare_video

    a = ctx.args
    spec = tools.tool_for_kind(kind)
    assert spec is not None, kind
    service = spec.service
    remote_video = is_url(a.video)
    remote_face = spec.needs_face and is_url(a.face)
    # what is local is checked first: a bad local file is refused before any download
    video = None if remote_video else ft.existing_file(a.video, "video")
    face = None
    if spec.needs_face and not remote_face:
        face, _size = ft.check_image(a.face, max_bytes=ft.IMAGE_MAX_BYTES, what="face image")
    out = output_choice(a)
    if a.start is not None and a.start < 0:
        raise InputError("--start must be 0 or more seconds.")
    if a.start is not None and a.end is not None and a.end <= a.start:
        raise InputError(f"The end ({a.end:g} s) must come after the start ({a.start:g} s).")
    most = ctx.pricing.max_seconds(service)
    if remote_video and a.start is not None and a.end is not None and a.end - a.start > most + 1e-6:
        # said in the original's times, before anything is fetched
        check_length(a.start, a.end, most)
    face_media: RemoteMedia | None = None
    video_media: RemoteMedia | None = None
    if remote_face:  # the small one first: a bad face address is refused before a long video download
        face_media = fm = await fetch_input(ctx, a.face, want="image", what="the face image")
        face, _ = checked_as(fm, lambda: ft.check_image(fm.path, max_bytes=ft.IMAGE_MAX_BYTES, what="face image"))
    start, end = a.start, a.end
    if remote_video:  # only -s..-e is fetched when the site allows it; the times are then the file's
        video_media = await fetch_input(ctx, a.video, want="video", start=a.start, end=a.end, what="the video")
        video = video_media.path
        start, end = video_media.local_range(a.start, a.end)
    assert video is not None and (face is not None or not spec.needs_face)
    name = input_name(video_media) if video_media is not None else video.name
    last = [-1.0]

    def on_cut(p: Progress) -> None:
        if p.fraction is not None and p.fraction - last[0] >= 0.25:
            last[0] = p.fraction
            ctx.out.info(f"Cutting: {p.fraction * 100:.0f}%")

    base, _key = ctx.resolve()
    uplink = ctx.uplink().estimate(VERGING.id, host_of(base))
    mode = getattr(a, "cut_mode", None) or "auto"
    forced = None if mode == "auto" else str(mode)
    if video_media is None:
        prepared = await prepare_video(video, start=start, end=end, max_seconds=most,
                                       work_dir=ctx.dirs.data / "cuts", progress=on_cut, kind=kind, uplink=uplink,
                                       mode=forced)
    else:
        prepared = await _prepare_fetched(ctx, video_media, (a.start, a.end), (start, end), most, on_cut,
                                          kind=kind, uplink=uplink, mode=forced)
    if prepared.note:
        ctx.out.info(renamed(prepared.note, video_media))
    if prepared.cut is not None:
        shift = video_media.offset if video_media is not None else 0.0  # said in the original's times
        ctx.out.info(f"Cut {prepared.start + shift:.3f}-{prepared.end + shift:.3f} s ({prepared.cut.mode_used}): "
                     f"{prepared.duration:.3f} s to upload.")
    if prepared.sentence:
        ctx.out.info(prepared.sentence)
    est = ctx.pricing.video(service, prepared.duration, a.hd)
    before = await ctx.preflight(est)
    upload = ctx.out.progress("Upload")
    size = prepared.path.stat().st_size

    async def submit(q: Any) -> Any:
        rec = await create_job(q, kind, prepared.path, face=face, duration=prepared.duration, hd=a.hd,
                               input_name=name, estimated=est.credits, progress=upload, dest=out,
                               extra=source_params(video_media, face_media) or None)
        rate = ctx.client().last_upload_rate
        if rate:
            ctx.out.info(uploaded_line(size, rate))
        return rec

    rec, path = await run_job(ctx, submit, download=a.download)
    charged = await ctx.report_charge(before, est)
    if ctx.out.as_json:
        ctx.out.result("", {"job": rec, "path": path, "charged": charged, "estimate": est.credits,
                            "duration": prepared.duration})
    elif path is None:
        ctx.out.result(rec.result_url or "", None)
    return EXIT_OK


async def _prepare_fetched(ctx: Context, media: RemoteMedia, asked: tuple[float | None, float | None],
                           local: tuple[float | None, float | None], most: float,
                           on_cut: Callable[[Progress], None], *, kind: str, uplink: float | None,
                           mode: str | None) -> PreparedVideo:
    """:func:`prepare_video` of a fetched video at ``local`` (the user's ``asked`` times mapped onto
    the file); a range past the video's end is said in the original's times, and every message
    names the title (not the cache's file)."""
    from ..jobs.prepare import prepare_video, probe_video

    try:
        info = await probe_video(media.path)
        if media.section is not None:  # a section fetched: the file ends where the video does, or at -e
            fd = info.frame_duration or 1 / 30
            clip_end = max(info.duration, (info.frame_times[-1] + fd) if info.frame_times else 0.0)
            video_end = media.offset + clip_end
            (s0, e0), (s1, e1) = asked, local
            if s0 is not None and s1 is not None and s1 >= clip_end - fd / 2:
                raise InputError(f"The in point {s0:g} s is past the end of the video, which ends at "
                                 f"{video_end:.3f} s.")
            if e0 is not None and e1 is not None and e1 > clip_end + fd / 2:
                raise InputError(f"The out point {e0:g} s is past the end of the video, which ends at "
                                 f"{video_end:.3f} s.")
        return await prepare_video(media.path, start=local[0], end=local[1], max_seconds=most,
                                   work_dir=ctx.dirs.data / "cuts", progress=on_cut, info=info,
                                   kind=kind, uplink=uplink, mode=mode)
    except InputError as e:
        raise InputError(renamed(str(e), media)) from None


async def cmd_faceswap(ctx: Context) -> int:
    return await cmd_video_job(ctx, "face-swap")


async def cmd_enhance(ctx: Context) -> int:
    return await cmd_video_job(ctx, "video-enhance")
