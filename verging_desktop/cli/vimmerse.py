"""``verging vimmerse ...``: Vimmerse's v2 video API from the command line.

A job command builds the route's request from its options (local paths, or http(s) URLs passed on
as they are), checks all of it with ``services/vimmerse_inputs.py`` (the app's checks) before
anything is uploaded or charged, shows the estimate (Vimmerse's estimate-credits, or the local
table, said which), then submits through the persistent queue (``jobs/vimmerse_queue.py``: the job
is recorded first, local files are hosted on Vimmerse, the charging request is sent once), follows
the asset and downloads every result. ``--no-wait`` returns once the job is sent;
``verging jobs wait`` follows it later. ``enhance -s/-e`` cuts the selection first with the smart
cut, as ``verging enhance`` does.

URLs (``cli/remote_input.py``): a direct media URL (a file name ending in .mp4, .jpg, .mp3...)
is passed on to Vimmerse as it is, without upload; a page (YouTube, Bilibili, any other address)
and a video URL with ``enhance -s/-e`` are fetched here first (only the selection, when the site
allows it) and then go the local-file way: checked, cut, uploaded.

Output: each result file written on stdout, one path a line (or the result URLs when nothing is
downloaded); progress and costs on stderr. Exit codes as for every command (cli/__init__.py).
"""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..api.vimmerse.models import (
    ENHANCE_MODES,
    AddAudioRequest,
    App,
    AvatarRequest,
    CreditEstimate,
    CropRequest,
    EnhanceRequest,
    LipSyncRequest,
    ReferenceToVideoRequest,
    ReframeRequest,
    ReplaceBackgroundRequest,
    SoundEffectRequest,
    VideoEffectsRequest,
    VideoToVideoRequest,
    VimmerseRequest,
)
from ..core.errors import InputError, JobFailed, Progress
from ..core.plural import credits
from ..services import vimmerse_inputs as vi
from ..services.remote import Want
from .context import EXIT_OK, Context, UsageError, output_choice
from .remote_input import RemoteMedia, checked_as, input_name, localized, renamed, source_params

if TYPE_CHECKING:  # pragma: no cover
    from ..jobs.store import JobRecord
    from ..media.probe import MediaInfo


def _media(v: str | None) -> str:
    """A media argument as the request holds it: a URL as given, a local path made absolute (so a
    later ``verging jobs wait`` or a resend still finds it)."""
    if not v:
        return ""
    return v.strip() if vi.is_url(v) else str(Path(v).expanduser().absolute())


# -- the requests, one builder per command ------------------------------------------------------------
def _crop(a: argparse.Namespace) -> VimmerseRequest:
    return CropRequest(_media(a.video), a.aspect, offset_x=a.offset_x, offset_y=a.offset_y)


def _reframe(a: argparse.Namespace) -> VimmerseRequest:
    return ReframeRequest(_media(a.video), a.aspect, prompt=a.prompt or "")


def _enhance(a: argparse.Namespace) -> VimmerseRequest:
    return EnhanceRequest(_media(a.video), enhance_mode=a.mode, compression_scale=str(a.compression))


def _sound(a: argparse.Namespace) -> VimmerseRequest:
    return SoundEffectRequest(_media(a.video), prompt=a.prompt)


def _lip_sync(a: argparse.Namespace) -> VimmerseRequest:
    if a.voice and not a.text:
        raise UsageError("--voice chooses who speaks a text: use it with -t, not with -a.")
    return LipSyncRequest(image_url=_media(a.image), video_url=_media(a.video), audio_url=_media(a.audio),
                          prompt=a.text or "", option=a.option, voice=a.voice or "AutoV")


def _effects(a: argparse.Namespace) -> VimmerseRequest:
    return VideoEffectsRequest(_media(a.image), ref_image_url=_media(a.ref), option=a.option, effect=a.effect,
                               prompt=a.prompt or "", aspect_ratio=a.aspect or None, quantity=a.quantity)


def _replace_bg(a: argparse.Namespace) -> VimmerseRequest:
    req = ReplaceBackgroundRequest(_media(a.video), bg_image_url=_media(a.bg_image), bg_video_url=_media(a.bg_video),
                                   prompt=a.prompt or "", alignment=a.align)
    return replace(req, overlay_scale=str(a.scale)) if a.scale is not None else req


def _ref2video(a: argparse.Namespace) -> VimmerseRequest:
    return ReferenceToVideoRequest(tuple(_media(i) for i in a.image), prompt=a.prompt, aspect_ratio=a.aspect,
                                   option=a.option, quantity=a.quantity, duration=vi.check_duration(a.duration))


def _v2v(a: argparse.Namespace) -> VimmerseRequest:
    return VideoToVideoRequest(_media(a.video), image_url=_media(a.image), prompt=a.prompt, option=a.option)


def _add_audio(a: argparse.Namespace) -> VimmerseRequest:
    return AddAudioRequest(_media(a.video), _media(a.audio), attach_mode=a.mode)


def _avatar(a: argparse.Namespace) -> VimmerseRequest:
    return AvatarRequest(avatar_id=a.avatar, voice_id=a.voice, prompt=a.prompt, aspect_ratio=a.aspect,
                         show_caption="On" if a.captions else "Off")


BUILDERS: dict[str, Callable[[argparse.Namespace], VimmerseRequest]] = {
    "crop": _crop, "reframe": _reframe, "enhance": _enhance, "sound-effect": _sound, "lip-sync": _lip_sync,
    "effects": _effects, "replace-bg": _replace_bg, "ref2video": _ref2video, "v2v": _v2v, "add-audio": _add_audio,
    "avatar": _avatar,
}


# -- a job ----------------------------------------------------------------------------------------------
def _first_local(req: VimmerseRequest) -> str:
    for vals in req.media().values():
        for v in vals:
            return Path(v).name if not vi.is_url(v) else v.rsplit("/", 1)[-1].split("?")[0] or v
    return req.app.app_name


#: the media arguments of the job commands, and what each takes (for a URL that is fetched)
_MEDIA_ARGS: dict[str, Want] = {"video": "video", "bg_video": "video", "image": "image", "ref": "image",
                                "bg_image": "image", "audio": "audio"}


async def _fetch_urls(ctx: Context, a: argparse.Namespace, command: str) -> list[RemoteMedia]:
    """Every URL argument Vimmerse cannot be given as it is, fetched (``cli/remote_input.py``) and
    replaced in ``a`` by its local file, which then goes the local-file way (checked, uploaded): a
    page (YouTube, Bilibili, any address that is not a media file by its name) and, for
    ``enhance -s/-e``, the video (only the selection is fetched when the site allows it; ``-s/-e``
    become the fetched file's times). A direct media URL is passed on without upload, as before."""
    trim = command == "enhance" and (a.start is not None or a.end is not None)
    fetched: list[RemoteMedia] = []
    for attr, want in _MEDIA_ARGS.items():
        value = getattr(a, attr, None)
        if not value:
            continue
        values = value if isinstance(value, list) else [value]
        out: list[str | None] = []
        for v in values:
            section = trim and attr == "video"
            new, media = await localized(ctx, v, want=want, pass_direct=True,
                                         start=a.start if section else None, end=a.end if section else None,
                                         what=f"the {attr.replace('_', ' ').replace('bg', 'background')}")
            if media is not None:
                fetched.append(media)
                if section:
                    a.start, a.end = media.local_range(a.start, a.end)
            out.append(new)
        setattr(a, attr, out if isinstance(value, list) else out[0])
    return fetched


async def _cut_first(ctx: Context, a: argparse.Namespace) -> tuple[str, MediaInfo | None, float | None]:
    """``enhance -s/-e``: the selection cut with the smart cut (an uncut source when it is the whole
    of an uploadable MP4). Returns the file to send, its probe, its real duration. (A URL with
    ``-s/-e`` was fetched before: :func:`_fetch_urls`.)"""
    from ..jobs.prepare import plan_video, prepare, probe_video

    if a.start is None and a.end is None or vi.is_url(a.video):
        return _media(a.video), None, None
    src = Path(_media(a.video))
    info = await probe_video(src)
    vi.check_video(src, info=info, cut=True)
    s, e = vi.check_selection(info, a.start, a.end)
    plan = plan_video(info, s, e, max_seconds=vi.LIMITS.video_seconds)
    last = [-1.0]

    def on_cut(p: Progress) -> None:
        if p.fraction is not None and p.fraction - last[0] >= 0.25:
            last[0] = p.fraction
            ctx.out.info(f"Cutting: {p.fraction * 100:.0f}%")

    prepared = await prepare(plan, work_dir=ctx.dirs.data / "cuts", progress=on_cut)
    if prepared.cut is not None:
        ctx.out.info(f"Cut {prepared.start:.3f}-{prepared.end:.3f} s ({prepared.cut.mode_used}): "
                     f"{prepared.duration:.3f} s to upload.")
    if prepared.note:
        ctx.out.info(prepared.note)
    return str(prepared.path), (info if prepared.path == src else None), prepared.duration


def _billed_seconds(req: VimmerseRequest, infos: dict[str, MediaInfo], ctx: Context) -> float | None:
    """The length the job is billed by (the pricing table's billed media), None when unknown."""
    from ..core.vimmerse_pricing import billed_media

    name = billed_media(req.app.app_name)
    if name is None:
        return None
    value = str(getattr(req, name, "") or "")
    if not value:
        return None
    info = infos.get(value)
    if info is None:
        if vi.is_url(value):
            ctx.out.info(f"The length of {value} is not known here, so the estimate counts the shortest job; "
                         "Vimmerse charges by the real length.")
        return None
    if req.MEDIA.get(name) == "audio":
        return info.audio_duration or info.duration
    return info.duration


def _say_result_length(ctx: Context, req: VimmerseRequest, infos: dict[str, MediaInfo]) -> None:
    if not isinstance(req, AddAudioRequest):
        return
    v, au = infos.get(req.video_url), infos.get(req.audio_url)
    if v is None or au is None:
        return
    total = vi.attach_result_duration(req.attach_mode, v.duration, au.audio_duration or au.duration)
    ctx.out.info(f"The result will last {total:.1f} s ({req.attach_mode}: video {v.duration:.1f} s, "
                 f"audio {au.audio_duration or au.duration:.1f} s).")


async def estimate(ctx: Context, req: VimmerseRequest, duration: float | None) -> CreditEstimate:
    from ..services.vimmerse_cost import describe, estimate_request

    est = await estimate_request(ctx.vimmerse_client(), ctx.vimmerse_pricing(), req, duration=duration)
    ctx.out.info(f"Estimated cost: {describe(est)}.")
    if est.breakdown.get("reason"):
        ctx.out.info(str(est.breakdown["reason"]))
    return est


async def follow(ctx: Context, local_id: int, *, download: bool) -> tuple[JobRecord, list[Path]]:
    """Wait for one Vimmerse job (status lines on stderr), then download every result when asked
    (or when the job has a destination). Raises :class:`JobFailed` unless it completed."""
    from .jobs import follow_job

    return await follow_job(ctx, await ctx.vimmerse_queue(), local_id, download=download, who="Vimmerse")


async def cmd_job(ctx: Context, command: str) -> int:
    a = ctx.args
    if command == "enhance" and a.start is not None and a.end is not None and a.end <= a.start:
        raise InputError(f"The end ({a.end:g} s) must come after the start ({a.start:g} s).")
    fetched = await _fetch_urls(ctx, a, command)
    try:
        return await _job(ctx, a, command, fetched)
    except InputError as e:
        if not fetched:
            raise
        raise InputError(renamed(str(e), *fetched)) from None


async def _job(ctx: Context, a: argparse.Namespace, command: str, fetched: list[RemoteMedia]) -> int:
    req = BUILDERS[command](a)
    out = output_choice(a, count=vi.check_quantity(a.quantity) if hasattr(a, "quantity") else 1)
    probes: dict[str, MediaInfo] = {}
    cut_duration: float | None = None
    if command == "enhance":  # what the cut does not change is checked before it is made
        vi.check_option(a.mode, ENHANCE_MODES, "enhance mode")
        vi.check_compression(a.compression)
        video, info, cut_duration = await _cut_first(ctx, a)
        req = EnhanceRequest(video, enhance_mode=a.mode, compression_scale=str(a.compression))
        if info is not None:
            probes[video] = info
    checked = vi.checked_request(req, probes=probes)
    req = checked.request
    _say_result_length(ctx, req, checked.probes)
    duration = cut_duration if cut_duration is not None else _billed_seconds(req, checked.probes, ctx)
    est = await estimate(ctx, req, duration)
    q = await ctx.vimmerse_queue()
    upload = ctx.out.progress("Upload")
    if fetched:
        name = input_name(fetched[0])
    else:
        name = Path(a.video).name if getattr(a, "video", None) and not vi.is_url(a.video) else _first_local(req)
    rec = await q.submit(req, input_name=name, estimated=est.total, duration=duration, dest=out, progress=upload,
                         extra=source_params(*fetched) or None)
    ctx.out.info(f"Job {rec.local_id} created on Vimmerse (asset {rec.remote_id}).")
    if a.no_wait:
        ctx.out.info(f"Not waiting: 'verging jobs wait {rec.local_id}' follows it and saves its results.")
        if ctx.args.sandbox and not ctx.args.sandbox_data:
            ctx.out.info("The embedded sandbox stops with this command: give --sandbox-data DIR (to both commands) "
                         "to follow the job later.")
        ctx.out.result(str(rec.local_id), {"job": rec, "estimate": est.total})
        return EXIT_OK
    rec, paths = await follow(ctx, rec.local_id, download=a.download)
    if rec.charged_credits is not None:
        ctx.out.info(f"Charged: {credits(rec.charged_credits)} (estimated {credits(est.total)}).")
    from ..jobs.vimmerse_queue import VimmerseQueue

    urls = VimmerseQueue.result_urls(rec)
    if ctx.out.as_json:
        ctx.out.result("", {"job": rec, "paths": paths, "results": urls, "charged": rec.charged_credits,
                            "estimate": est.total, "estimate_source": est.source})
    elif not paths:
        ctx.out.result("\n".join(urls), None)
    return EXIT_OK


# -- the other commands -------------------------------------------------------------------------------
async def cmd_upload(ctx: Context) -> int:
    value, media = await localized(ctx, ctx.args.video, want="video", pass_direct=False, what="the video")
    path = checked_as(media, lambda: vi.check_video(value or ""))
    if isinstance(path, str):  # (a URL is fetched first: this is not reached)
        raise UsageError(f"{path} is on the web already; upload takes a local file.")
    asset = await ctx.vimmerse_client().upload_video(path, progress=ctx.out.progress("Upload"))
    ctx.out.result(asset.url or "", asset)
    return EXIT_OK


#: ``estimate`` names the apps estimate-credits does not know by the job commands' names too
_TABLE_APPS = {a.app_name: a for a in App if a.estimate_name is None}
_TABLE_APPS.update({"sound": App.SOUND_EFFECT, "add-audio": App.ADD_AUDIO, "crop": App.CROP})


async def cmd_estimate(ctx: Context) -> int:
    from ..api.vimmerse.models import ESTIMATE_APP_NAMES
    from ..services.vimmerse_cost import describe

    a = ctx.args
    name = a.app.strip().lower()
    quantity = vi.check_quantity(a.quantity)
    if a.duration is not None and not (a.duration > 0):
        raise InputError("--duration must be more than 0 seconds.")
    prompt = vi.check_text(a.prompt, "prompt", required=False)
    if name in ESTIMATE_APP_NAMES:
        est = await ctx.vimmerse_client().estimate(name, a.option.strip(), quantity=quantity, duration=a.duration,
                                                   prompt=prompt)
    elif name in _TABLE_APPS:
        app_name = _TABLE_APPS[name].app_name
        total, bd = ctx.vimmerse_pricing().quote(app_name, a.option.strip(), quantity=quantity, duration=a.duration,
                                                 prompt=prompt, mode=a.option.strip())
        est = CreditEstimate(total, bd, source="table")
    else:
        raise InputError(f"'{a.app}' is not an app Vimmerse prices; use one of {', '.join(ESTIMATE_APP_NAMES)}, "
                         f"or {', '.join(sorted(_TABLE_APPS))} (local price table).")
    ctx.out.result(describe(est), {"app": name, "option": a.option, "total_credits": est.total,
                                   "breakdown": est.breakdown, "source": est.source})
    return EXIT_OK


async def cmd_asset(ctx: Context) -> int:
    a = ctx.args
    asset = await ctx.vimmerse_client().asset(a.id)  # a free read: -o is read for as many results as it has
    out = output_choice(a, count=max(1, len(asset.results)))
    lines = [f"id: {asset.id}", f"app: {asset.app_name or '-'}", f"status: {asset.status or '-'}",
             f"credits: {credits(asset.credits) if asset.credits is not None else '-'}"]
    if asset.created_at:
        lines.append(f"created: {asset.created_at.isoformat(sep=' ', timespec='seconds')}")
    if asset.error:
        lines.append(f"error: {asset.error}")
    lines += [f"result: {u}" for u in asset.results]
    if out is None:
        ctx.out.result("\n".join(lines), asset)
        return EXIT_OK
    from ..core import filetypes as ft

    ctx.out.info("\n".join(lines))
    if not asset.results:
        raise JobFailed(f"Asset {asset.id} has no results to download (status {asset.status or 'unknown'}).")
    client = ctx.vimmerse_client()
    paths = []
    for i, url in enumerate(asset.results, 1):
        stem = f"{asset.id}_{asset.app_name or 'result'}" + (f"_{i}" if len(asset.results) > 1 else "")
        ext = Path(ft.filename_from_url(url, "")).suffix or ".mp4"
        dest = ft.reserve_path(out.target(stem + ext))
        paths.append(await client.download(url, dest, progress=ctx.out.progress("Download")))
        ctx.out.wrote(paths[-1])
    if ctx.out.as_json:
        ctx.out.result("", {"asset": asset, "paths": paths})
    return EXIT_OK


COMMANDS: dict[str, Callable[[Context], Awaitable[int]]] = {
    "upload": cmd_upload, "estimate": cmd_estimate, "asset": cmd_asset,
}


async def cmd_vimmerse(ctx: Context) -> int:
    command = ctx.args.vimmerse_command
    fn = COMMANDS.get(command)
    if fn is not None:
        return await fn(ctx)
    return await cmd_job(ctx, command)

