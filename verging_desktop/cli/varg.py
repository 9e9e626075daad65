"""``verging varg ...``: the varg gateway from the command line (issue 13's table).

A job command (``video``, ``image``, ``speech``, ``music``, ``transcribe``) builds a
:class:`~verging_desktop.api.varg.models.VargRequest` from its options, checks it with
``services/varg_inputs.check_request`` (the app's checks) before anything is uploaded or charged,
shows the estimate in cents (``services/varg_cost``: varg's pricing route or the local table;
free when your own provider key applies or when the same request was seen before) and refuses
when the balance is short, then submits through the persistent queue (``jobs/varg_queue.py``: the
job is recorded first, local files are uploaded once per content hash, the charging POST is sent
once), follows the job and downloads its result. ``--no-wait`` returns once the job is sent;
``verging jobs wait`` follows it later. A cache hit says ``cache hit: free`` on stderr; a finished
job says what it cost (the usage record's cents) next to the estimate.

The parser is ``varg_parser.py``. ``upload``, ``voices``, ``balance``, ``usage``, ``me``, ``job`` and ``cancel`` read or act on the
account directly. Output: result files on stdout, one path a line (or the result URL when nothing
is downloaded; a transcript's text); progress and costs on stderr; ``--json`` for machines. Exit
codes as for every command (cli/__init__.py).

URLs (``cli/remote_input.py``): a direct media URL (a file name ending in .jpg, .mp4, .mp3...) is
passed on to varg as it is; a page (YouTube, Bilibili, any other address) is fetched here first and
then goes the local-file way (checked, uploaded once per content).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core import filetypes as ft
from ..core.errors import InputError, InsufficientCredits, JobFailed, VergingError
from ..core.varg_models import MAX_UPLOAD_BYTES, Capability, find_model
from .context import EXIT_OK, Context, output_choice
from .remote_input import RemoteMedia, checked_as, input_name, localized, renamed, source_params

if TYPE_CHECKING:  # pragma: no cover
    from ..api.varg.models import VargRequest
    from ..jobs.store import JobRecord
    from ..jobs.varg_queue import VargQueue
    from ..services.varg_cost import VargEstimate


# -- money ------------------------------------------------------------------------------------------------
def cents(c: float | None) -> str:
    from ..services.varg_cost import cents_text

    return cents_text(c) if c is not None else "-"


# -- requests ---------------------------------------------------------------------------------------------
def _media(v: str) -> str:
    v = (v or "").strip()
    if not v:
        return ""
    return v if v.lower().startswith(("http://", "https://")) else str(Path(v).expanduser().absolute())


def _cache(a: argparse.Namespace) -> Any:
    from ..api.varg.models import CacheMode

    if getattr(a, "no_store", False):
        return CacheMode.NO_STORE
    if getattr(a, "no_cache", False):
        return CacheMode.REFRESH
    return CacheMode.USE


def _kind(model: str, capability: Capability) -> str:
    """The job kind of a model (``image --model background-remover`` is a background removal)."""
    m = find_model(model)
    if m is not None and m.capability is capability:
        return m.kind
    return {Capability.VIDEO: "varg-video", Capability.IMAGE: "varg-image", Capability.SPEECH: "varg-speech",
            Capability.MUSIC: "varg-music", Capability.TRANSCRIPTION: "varg-transcription"}[capability]


def build_request(command: str, a: argparse.Namespace) -> VargRequest:
    """The request of a job command, as the app would send it (checked later, not here)."""
    from ..api.varg.models import VargRequest

    cap = {"video": Capability.VIDEO, "image": Capability.IMAGE, "speech": Capability.SPEECH,
           "music": Capability.MUSIC, "transcribe": Capability.TRANSCRIPTION}[command]
    model = (a.model or "").strip()
    kw: dict[str, Any] = {"kind": _kind(model, cap), "model": model, "cache": _cache(a)}
    if command in ("video", "image", "music"):
        kw["prompt"] = (a.prompt or "").strip()
    if command in ("video", "image"):
        kw["aspect_ratio"] = (a.aspect or "").strip()
        kw["files"] = tuple(_media(i) for i in a.image)
    if command in ("video", "music"):
        duration = a.duration
        if duration is None:
            m = find_model(model)
            duration = m.default_duration if m is not None else None
        kw["duration"] = float(duration) if duration is not None else None
    if command == "speech":
        kw["text"] = (a.text or "").strip()
        kw["voice"] = (a.voice or "").strip()
    if command == "transcribe":
        kw["audio"] = _media(a.file)
        kw["language"] = (a.language or "").strip()
    return VargRequest(**kw)


def _input_name(req: VargRequest) -> str:
    for v in (*req.files, req.audio):
        if v:
            return Path(v).name if not v.lower().startswith(("http://", "https://")) else \
                v.rsplit("/", 1)[-1].split("?")[0] or v
    words = " ".join((req.prompt or req.text).split())
    return words[:40] + ("…" if len(words) > 40 else "") or req.model


async def estimate(ctx: Context, req: VargRequest) -> VargEstimate:
    """The estimate shown before anything is sent, and the balance check (a short balance is refused
    here, not by a 402 after an upload)."""
    client = ctx.varg_client()
    cost = ctx.varg_cost()
    with contextlib.suppress(VergingError):  # varg's price list when it answers, the local table for the rest
        answer = await client.pricing()
        if answer is not None:
            cost.pricing = cost.pricing.with_route(answer)
    est = cost.estimate(req, byok=client.byok_keys())
    ctx.out.info(f"Estimated cost: {est.text()}.")
    billed = est.billed_cents
    if billed:
        balance = await client.balance()
        if balance.cents < billed:
            raise InsufficientCredits(
                f"Not enough varg balance: this needs about {cents(billed)} and your balance is "
                f"{cents(balance.cents)}. Add credits at varg.ai.", required=billed, available=balance.cents)
    return est


# -- a job ------------------------------------------------------------------------------------------------
def report(ctx: Context, rec: JobRecord) -> None:
    """What a finished job cost: ``cache hit: free``, BYOK, or the usage record's cents next to the estimate."""
    from ..services.varg_cost import outcome_text

    if rec.params.get("cache") == "hit":
        ctx.out.info("cache hit: free")
        return
    text = outcome_text(rec)
    if text:
        ctx.out.info(text + ("" if text.endswith(".") else "."))


def _write_transcript(ctx: Context, target: Path, text: str, segments: list[Any]) -> Path:
    """``.srt``/``.vtt`` from the segments (the plain text when there are none), anything else: text."""
    from ..services.subtitles import to_srt, to_txt, to_vtt

    kind = target.suffix.lower()
    if kind in (".srt", ".vtt") and not segments:
        ctx.out.info(f"varg sent no timestamps: {target.name} gets the plain transcript.")
    body = (to_srt(segments) if kind == ".srt" and segments else to_vtt(segments) if kind == ".vtt" and segments
            else to_txt(text))
    dest = ft.reserve_path(target)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    tmp.write_text(body, "utf-8")
    os.replace(tmp, dest)
    ctx.out.wrote(dest)
    return dest


class _Seg:
    __slots__ = ("start", "end", "text")

    def __init__(self, start: float, end: float, text: str) -> None:
        self.start, self.end, self.text = float(start), float(end), str(text)


#: how long a finished job's charge (the usage record) and transcript are waited for, seconds
SETTLE_SECONDS = 15.0


async def settled(q: VargQueue, rec: JobRecord, done: Callable[[JobRecord], bool],
                  timeout: float = SETTLE_SECONDS) -> JobRecord:
    """The job's record once ``done(record)`` holds (the queue reads a finished job's charge from the
    usage records, and a transcript, just after it ends), or as it is after ``timeout`` seconds."""
    local_id = rec.local_id
    if done(rec):
        return rec
    changed = asyncio.Event()

    def on_change(r: JobRecord) -> None:
        if r.local_id == local_id:
            changed.set()

    unsubscribe = q.store.subscribe(on_change)
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        while not done(rec):
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                break
            changed.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(changed.wait(), min(left, 0.5))
            rec = q.store.get(local_id) or rec
    finally:
        unsubscribe()
    return rec


def _charge_known(r: JobRecord) -> bool:
    """The queue has the charge (cents from the usage record; 0 for a cache hit or your own key)."""
    return r.charged_credits is not None


async def _transcript(ctx: Context, rec: JobRecord) -> tuple[str, list[_Seg]]:
    """The text and timed segments of a finished transcription: what the queue read (its params),
    else the job read again."""
    text = str(rec.params.get("transcript") or "")
    segs = [_Seg(*x) for x in rec.params.get("segments") or []]
    if segs:
        return text, segs
    client = ctx.varg_client()  # the job's inline text has no timestamps: its file may have them
    if rec.remote_id:
        try:
            job = await client.job(rec.remote_id)
            # the file (JSON with segments) rather than the inline text, which has no timestamps
            t = await client.transcript(replace(job, output_text="") if job.output_url else job)
        except VergingError as e:
            if not text:
                raise
            ctx.out.info(f"The transcript's timestamps could not be read ({e}); the plain text is kept.")
        else:
            text = t.text or text
            segs = [_Seg(a, b, s) for a, b, s in t.segments]
    return text, segs


#: the largest file varg takes (core/varg_models.py); a module constant so tests can lower it
UPLOAD_LIMIT = MAX_UPLOAD_BYTES


async def checked(ctx: Context, req: VargRequest, *, downscale: bool) -> VargRequest:
    """``req`` once ``services/varg_inputs.check_request`` passes: nothing is uploaded or charged
    before. An image over varg's limit is refused with its size, or with ``--downscale`` replaced by
    a smaller JPEG copy (the original is never touched)."""
    from ..services.varg_inputs import ImageTooLarge, check_request, downscale_image

    for _ in range(len(req.files) + 1):
        try:
            check_request(req, max_bytes=UPLOAD_LIMIT)
            return req
        except ImageTooLarge as e:
            if not downscale:
                raise InputError(f"{e} Or add --downscale to send a smaller JPEG copy.") from None
            copy = await asyncio.to_thread(downscale_image, e.path, ctx.dirs.data / "varg_downscaled",
                                           max_bytes=UPLOAD_LIMIT)
            ctx.out.info(f"{e.path.name} is {e.size / 1e6:.1f} MB: sending a downscaled copy "
                         f"({copy.stat().st_size / 1e6:.1f} MB, {copy}).")
            req = replace(req, files=tuple(str(copy) if Path(f) == e.path else f for f in req.files))
    check_request(req, max_bytes=UPLOAD_LIMIT)
    return req


def stop_unsent(ctx: Context, q: VargQueue, local_id: int) -> None:
    """Interrupted (Ctrl-C) while following a job in the foreground: one not sent yet (waiting for a
    free slot) is stopped, or the app or a later command would send it and the same command run
    again would be a second order. One sent already goes on (``verging jobs wait`` follows it)."""
    from ..jobs.store import LocalStatus

    rec = q.store.get(local_id)
    if rec is None or rec.status is not LocalStatus.PREPARING:
        return
    with contextlib.suppress(VergingError):
        rec = q.stop_waiting(local_id)
    if rec.status is LocalStatus.CANCELLED:
        ctx.out.info(f"Job {local_id} was not sent yet: stopped, nothing was charged.")


async def _fetch_urls(ctx: Context, a: argparse.Namespace) -> list[RemoteMedia]:
    """Every URL argument varg cannot be given as it is, fetched (``cli/remote_input.py``) and
    replaced in ``a`` by its local file, which then goes the local-file way (checked, uploaded once
    per content): a page (YouTube, Bilibili, any address that is not a media file by its name). A
    direct media URL is passed on as before."""
    fetched: list[RemoteMedia] = []
    images: list[str] = []
    for v in getattr(a, "image", None) or []:
        new, media = await localized(ctx, v, want="image", pass_direct=True, what="the image")
        images.append(new or "")
        if media is not None:
            fetched.append(media)
    if getattr(a, "image", None):
        a.image = images
    if getattr(a, "file", None):  # transcribe: the sound is what counts (a page gives its audio track)
        new, media = await localized(ctx, a.file, want="audio", pass_direct=True, what="the audio")
        a.file = new
        if media is not None:
            fetched.append(media)
    return fetched


async def cmd_job(ctx: Context, command: str) -> int:
    a = ctx.args
    fetched = await _fetch_urls(ctx, a)
    try:
        return await _job(ctx, a, command, fetched)
    except InputError as e:
        if not fetched:
            raise
        raise InputError(renamed(str(e), *fetched)) from None


async def _job(ctx: Context, a: argparse.Namespace, command: str, fetched: list[RemoteMedia]) -> int:
    transcribe = command == "transcribe"
    out = output_choice(a)
    req = await checked(ctx, build_request(command, a), downscale=bool(getattr(a, "downscale", False)))
    est = await estimate(ctx, req)
    q = await ctx.varg_queue()
    rec = await q.submit(req, input_name=input_name(fetched[0]) if fetched else _input_name(req), estimated=est.cents,
                         dest=None if transcribe else out, progress=ctx.out.progress("Upload"),
                         extra=source_params(*fetched) or None)
    if rec.params.get("waiting"):
        ctx.out.info(f"Job {rec.local_id} waits for a free slot ({q.max_running} varg jobs run at once).")
    else:
        ctx.out.info(f"Job {rec.local_id} created on varg (id {rec.remote_id}).")
    if a.no_wait:
        if rec.params.get("cache") == "hit":
            ctx.out.info("cache hit: free")
        ctx.out.info(f"Not waiting: 'verging jobs wait {rec.local_id}' follows it and saves its result.")
        if a.sandbox and not a.sandbox_data:
            ctx.out.info("The embedded sandbox stops with this command: give --sandbox-data DIR (to both commands) "
                         "to follow the job later.")
        ctx.out.result(str(rec.local_id), {"job": rec, "estimate_cents": est.cents})
        return EXIT_OK
    from ..jobs.varg_queue import has_result
    from .jobs import follow_job

    try:
        rec, paths = await follow_job(ctx, q, rec.local_id, download=bool(a.download) and not transcribe,
                                      who="varg", has_result=has_result)
    except (KeyboardInterrupt, asyncio.CancelledError):
        stop_unsent(ctx, q, rec.local_id)
        raise
    rec = await settled(q, rec, lambda r: _charge_known(r) and (
        not transcribe or r.params.get("transcript") is not None or bool(r.error)))
    report(ctx, rec)  # the queue remembered the request for the estimates (jobs/varg_queue.py)
    data: dict[str, Any] = {"job": rec, "paths": paths, "result": rec.result_url,
                            "cache": rec.params.get("cache") or "", "charged_cents": rec.charged_credits,
                            "estimate_cents": est.cents, "estimate_source": est.source}
    if transcribe:
        text, segs = await _transcript(ctx, rec)
        if out is not None or a.download:
            target = (out.target(f"{Path(rec.input_name).stem or 'transcript'}.txt") if out is not None
                      else Path.cwd() / f"{Path(rec.input_name).stem or 'transcript'}.txt")
            data["paths"] = [_write_transcript(ctx, target, text, segs)]
        data["text"] = text
        data["segments"] = [(s.start, s.end, s.text) for s in segs]
        ctx.out.result(text, data)
        return EXIT_OK
    if ctx.out.as_json:
        ctx.out.result("", data)
    elif not paths:
        ctx.out.result(rec.result_url or "", None)
    return EXIT_OK


# -- the other commands -----------------------------------------------------------------------------------
async def cmd_upload(ctx: Context) -> int:
    raw, media = await localized(ctx, ctx.args.file, want=None, pass_direct=False, what="the file")
    path = checked_as(media, lambda: ft.existing_file(raw or ""))
    size = path.stat().st_size
    if size > UPLOAD_LIMIT:
        raise InputError(f"{path.name} is {size / 1e6:.1f} MB: varg takes files of at most "
                         f"{UPLOAD_LIMIT / (1024 * 1024):g} MB.")
    await ctx.varg_identify()  # the upload memory is kept per account
    f = await ctx.varg_client().upload(path, progress=ctx.out.progress("Upload"))
    dedup = "yes" if f.deduplicated else "no"
    sent = f"{f.sent_bytes:,} bytes sent" + (" (the app knew these bytes already)" if not f.sent_bytes else "")
    ctx.out.result(f"url: {f.url}\nhash: {f.hash}\ndeduplicated: {dedup}\nsize: {f.size:,} bytes\n{sent}", f)
    return EXIT_OK


async def cmd_voices(ctx: Context) -> int:
    a = ctx.args
    voices = await ctx.varg_client().voices(search=a.search.strip(), gender=a.gender.strip())
    lines = []
    for v in voices:
        labels = ", ".join(x for x in (v.gender, v.age, v.accent, v.use_case) if x)
        lines.append(f"{v.voice_id:24} {v.name:18} {labels}")
    ctx.out.result("\n".join(lines) or "(no voices match)", voices)
    return EXIT_OK


async def cmd_balance(ctx: Context) -> int:
    b = await ctx.varg_client().balance()
    ctx.out.result(cents(b.cents), {"cents": b.cents, "dollars": b.cents / 100, "currency": b.currency})
    return EXIT_OK


def _day(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{option} takes a day as YYYY-MM-DD, not '{value}'.") from None


async def cmd_usage(ctx: Context) -> int:
    a = ctx.args
    start, end = _day(a.start, "--from"), _day(a.end, "--to")
    if start and end and start > end:
        raise InputError("--from is after --to: give the earlier day first.")
    u = await ctx.varg_client().usage(start, end)
    lines = [f"{'when':20} {'capability':13} {'model':24} {'cost':>16}  cache"]
    hits = 0
    for r in u.records:
        hits += bool(r.cache_hit)
        lines.append(f"{r.created_at[:19].replace('T', ' '):20} {r.capability:13} {r.model:24} "
                     f"{'free' if r.cache_hit else cents(r.cost_cents):>16}  {'hit' if r.cache_hit else '-'}")
    lines.append(f"Total: {cents(u.total_cents)} in {len(u.records)} job{'s' if len(u.records) != 1 else ''}"
                 f" ({hits} from cache, free)")
    ctx.out.result("\n".join(lines), u)
    return EXIT_OK


async def cmd_me(ctx: Context) -> int:
    me = await ctx.varg_client().me()
    ctx.out.result(f"{me.email or '(no e-mail)'}\nuser id: {me.user_id}", me)
    return EXIT_OK


def _local_job(ctx: Context, ident: str) -> JobRecord | None:
    """The varg job of the local queue named by ``ident``: its local id, or its varg id."""
    store = ctx.store()
    if ident.isdigit():
        rec = store.get(int(ident))
        if rec is None or rec.provider != "varg":
            raise InputError(f"There is no varg job {ident} in the local queue (see 'verging jobs').")
        return rec
    return next((r for r in store.list(include_hidden=True) if r.provider == "varg" and r.remote_id == ident), None)


async def cmd_show_job(ctx: Context) -> int:
    a = ctx.args
    local = _local_job(ctx, a.id.strip())
    remote = local.remote_id if local is not None else a.id.strip()
    if not remote:
        assert local is not None
        raise InputError(f"Job {local.local_id} has not reached varg yet ({local.status.value}).")
    out = output_choice(a)
    client = ctx.varg_client()
    job = await client.job(remote)
    lines = [f"id: {job.id}", f"status: {job.status.value}", f"model: {job.model or '-'}",
             f"created: {job.created_at or '-'}", f"finished: {job.completed_at or '-'}"]
    if job.cache_hit is not None:
        lines.append(f"cache: {'hit (free)' if job.cache_hit else 'miss'}")
    if job.cost_cents is not None:
        lines.append(f"cost: {cents(job.cost_cents)}")
    if local is not None:
        lines.append(f"local job: {local.local_id}")
        if local.charged_credits is not None:
            lines.append(f"charged: {cents(local.charged_credits)}")
    if job.error:
        lines.append(f"error: {job.error}")
    if job.output_text:
        lines.append(f"text: {job.output_text}")
    if job.output_url:
        lines.append(f"result: {job.output_url}")
    if out is None:
        ctx.out.result("\n".join(lines), job)
        return EXIT_OK
    ctx.out.info("\n".join(lines))
    if not job.output_url:
        raise JobFailed(f"Job {job.id} has no result to download (status {job.status.value}).")
    name = ft.filename_from_url(job.output_url, f"{job.id}.bin")
    path = await client.download(job.output_url, ft.reserve_path(out.target(name)),
                                 progress=ctx.out.progress("Download"))
    ctx.out.wrote(path)
    if ctx.out.as_json:
        ctx.out.result("", {"job": job, "paths": [path]})
    return EXIT_OK


async def cmd_cancel(ctx: Context) -> int:
    a = ctx.args
    local = _local_job(ctx, a.id.strip())
    if local is not None:  # through the queue: the store says cancelled too, and a waiting job never leaves
        q = await ctx.varg_queue()
        rec = await q.cancel(local.local_id)
        ctx.out.result(f"Job {rec.local_id} {rec.status.value}.", rec)
        return EXIT_OK
    await ctx.varg_client().cancel(a.id.strip())
    ctx.out.result(f"Cancelled varg job {a.id.strip()}.", {"id": a.id.strip(), "cancelled": True})
    return EXIT_OK


COMMANDS: dict[str, Callable[[Context], Awaitable[int]]] = {
    "upload": cmd_upload, "voices": cmd_voices, "balance": cmd_balance, "usage": cmd_usage, "me": cmd_me,
    "job": cmd_show_job, "cancel": cmd_cancel,
}


async def cmd_varg(ctx: Context) -> int:
    command = ctx.args.varg_command
    fn = COMMANDS.get(command)
    if fn is not None:
        return await fn(ctx)
    return await cmd_job(ctx, command)
