"""``verging faceswap`` and ``verging enhance``."""

from __future__ import annotations

from typing import Any

from ..core import filetypes as ft
from ..core import tools
from ..core.errors import InputError, Progress
from ..core.i18n import _
from ..core.providers import VERGING
from ..core.uplink import host_of
from .context import EXIT_OK, Context, output_choice
from .jobs import run_job


def uploaded_line(size: int, rate: float) -> str:
    """What the CLI says after an upload: its size, time and measured rate."""
    return _("Uploaded {mb:.1f} MB in {seconds:.1f} s: {mbit:.1f} Mbit/s.").format(
        mb=size / 1e6, seconds=size / rate, mbit=rate * 8 / 1e6)


async def cmd_video_job(ctx: Context, kind: str) -> int:
    """``verging faceswap`` and ``verging enhance``: probe, cut, upload, create, poll, download."""
    from ..jobs.prepare import create_job, prepare_video

    a = ctx.args
    spec = tools.tool_for_kind(kind)
    assert spec is not None, kind
    service = spec.service
    video = ft.existing_file(a.video, "video")
    face = None
    if spec.needs_face:
        face, _size = ft.check_image(a.face, max_bytes=ft.IMAGE_MAX_BYTES, what="face image")
    out = output_choice(a)
    if a.start is not None and a.start < 0:
        raise InputError("--start must be 0 or more seconds.")
    last = [-1.0]

    def on_cut(p: Progress) -> None:
        if p.fraction is not None and p.fraction - last[0] >= 0.25:
            last[0] = p.fraction
            ctx.out.info(f"Cutting: {p.fraction * 100:.0f}%")

    base, _key = ctx.resolve()
    uplink = ctx.uplink().estimate(VERGING.id, host_of(base))
    mode = getattr(a, "cut_mode", None) or "auto"
    prepared = await prepare_video(video, start=a.start, end=a.end, max_seconds=ctx.pricing.max_seconds(service),
                                   work_dir=ctx.dirs.data / "cuts", progress=on_cut, kind=kind, uplink=uplink,
                                   mode=None if mode == "auto" else mode)
    if prepared.note:
        ctx.out.info(prepared.note)
    if prepared.cut is not None:
        ctx.out.info(f"Cut {prepared.start:.3f}-{prepared.end:.3f} s ({prepared.cut.mode_used}): "
                     f"{prepared.duration:.3f} s to upload.")
    if prepared.sentence:
        ctx.out.info(prepared.sentence)
    est = ctx.pricing.video(service, prepared.duration, a.hd)
    before = await ctx.preflight(est)
    upload = ctx.out.progress("Upload")
    size = prepared.path.stat().st_size

    async def submit(q: Any) -> Any:
        rec = await create_job(q, kind, prepared.path, face=face, duration=prepared.duration, hd=a.hd,
                               input_name=video.name, estimated=est.credits, progress=upload, dest=out)
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


async def cmd_faceswap(ctx: Context) -> int:
    return await cmd_video_job(ctx, "face-swap")


async def cmd_enhance(ctx: Context) -> int:
    return await cmd_video_job(ctx, "video-enhance")
