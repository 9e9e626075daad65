"""The ``verging`` command: the same services as the app, no Qt.

Exit codes: 0 done; 2 bad input or usage; 3 insufficient credits; 4 authentication;
5 API, network or job failure. Every failure prints one clear line on stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, is_dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

from .api.verging import ChatDelta, ChatDone, VergingClient
from .core import filetypes as ft
from .core import tools
from .core.errors import AuthError, InputError, InsufficientCredits, JobFailed, Progress, VergingError
from .core.keystore import ENV_VAR, KeyStore, check_key_format
from .core.outputs import Destination, destination
from .core.plural import count, credits, plural
from .core.pricing import Estimate, Pricing, chars_to_tokens
from .core.redact import RedactingFilter, mask
from .core.settings import DEFAULT_BASE_URL, app_dirs, env_base_url
from .jobs.queue import JobQueue, PollPolicy
from .jobs.store import JobRecord, JobStore, LocalStatus
from .jobs.words import cli_status

EXIT_OK, EXIT_INPUT, EXIT_CREDITS, EXIT_AUTH, EXIT_API = 0, 2, 3, 4, 5


class UsageError(InputError):
    pass


class CliArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2
        self.exit(EXIT_INPUT, f"verging: {message} (see 'verging {self.prog.split()[-1]} --help')\n"
                  if " " in self.prog else f"verging: {message} (see 'verging --help')\n")


# -- output helpers --------------------------------------------------------------------------
def _jsonable(o: Any) -> Any:
    if is_dataclass(o) and not isinstance(o, type):
        return {k: _jsonable(v) for k, v in asdict(o).items() if k != "raw"}
    if isinstance(o, dict):
        return {k: _jsonable(v) for k, v in o.items() if k != "raw"}
    if isinstance(o, (list, tuple)):
        return [_jsonable(v) for v in o]
    if isinstance(o, datetime):
        return o.isoformat()
    if isinstance(o, Path):
        return str(o)
    if hasattr(o, "value") and not isinstance(o, (int, float, str)):
        return o.value
    return o


class Out:
    def __init__(self, as_json: bool, quiet: bool = False) -> None:
        self.as_json = as_json
        self.quiet = quiet
        self._last_progress = 0.0

    def info(self, msg: str) -> None:
        if not self.quiet:
            print(msg, file=sys.stderr, flush=True)

    def result(self, text: str, data: Any) -> None:
        if self.as_json:
            print(json.dumps(_jsonable(data), ensure_ascii=False, indent=2))
        else:
            print(text, flush=True)

    def wrote(self, path: Path) -> None:
        if not self.as_json:
            print(str(path), flush=True)

    def progress(self, label: str) -> Callable[[Progress], None]:
        def cb(p: Progress) -> None:
            now = time.monotonic()
            if self.quiet or (now - self._last_progress < 0.5 and (p.fraction or 0) < 1):
                return
            self._last_progress = now
            frac = p.fraction
            if frac is not None:
                print(f"\r{label}: {frac * 100:5.1f}% ({p.done / 1e6:.1f}/{(p.total or 0) / 1e6:.1f} MB)",
                      end="\n" if frac >= 1 else "", file=sys.stderr, flush=True)
            else:
                print(f"\r{label}: {p.done / 1e6:.1f} MB", end="", file=sys.stderr, flush=True)
        return cb


# -- context: key, base URL, sandbox ---------------------------------------------------------
class Context:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.out = Out(getattr(args, "json", False), getattr(args, "quiet", False))
        self.dirs = app_dirs()
        self.pricing = Pricing.load(self.dirs.config)
        self.sandbox: Any = None
        self._client: VergingClient | None = None
        self._queue: JobQueue | None = None
        self._store: JobStore | None = None
        self._account: Any = None  # what /auth/me said (the queue's account)

    def store(self) -> JobStore:
        if self._store is None:
            self._store = JobStore(self.dirs.data / "jobs.db")
        return self._store

    async def queue(self) -> JobQueue:
        if self._queue is None:
            interval = float(os.environ.get("VERGING_POLL_INTERVAL", "2"))
            self._queue = JobQueue(self.store(), self.client(), download_dir=Path.cwd(), auto_download=False,
                                   policy=PollPolicy(base=interval))
            if self._account is not None:
                self._queue.identify(self._account)
            await self._queue.start()
        return self._queue

    def keystore(self) -> KeyStore:
        return KeyStore(self.dirs.config)

    def resolve(self) -> tuple[str, str | None]:
        a = self.args
        base = a.base_url or env_base_url()
        key = a.api_key
        if a.sandbox:
            from .sandbox import DEMO_KEY, Sandbox

            self.sandbox = Sandbox(data_dir=a.sandbox_data, job_seconds=float(os.environ.get("VERGING_SANDBOX_JOB_SECONDS", "4")))
            base = self.sandbox.start()
            key = key or DEMO_KEY
            self.out.info(f"Sandbox mode: nothing is charged and results are simulated ({base}).")
        if key is None:
            with contextlib.suppress(VergingError):
                key = self.keystore().get()
        if key is None:
            key = (os.environ.get(ENV_VAR) or "").strip() or None
        return base or DEFAULT_BASE_URL, key

    def client(self) -> VergingClient:
        if self._client is None:
            base, key = self.resolve()
            if not key:
                raise AuthError("No API key: pass --api-key, run 'verging keys add', set VERGING_API_KEY, "
                                "or try --sandbox.")
            self._client = VergingClient(key, base)
        return self._client

    async def close(self) -> None:
        if self._queue is not None:
            await self._queue.stop()
        if self._store is not None:
            self._store.close()
        if self._client is not None:
            await self._client.aclose()
        if self.sandbox is not None:
            await asyncio.to_thread(self.sandbox.stop)

    async def preflight(self, est: Estimate, minimum_balance: int = 0) -> float:
        """Show the estimate and refuse before sending when the balance is short. Returns the balance."""
        me = await self.client().me()
        self._account = me
        need = max(est.credits, minimum_balance)
        self.out.info(f"Estimated cost: {credits(est.credits)} ({est.detail}); balance {credits(me.credits)}.")
        if me.credits < need:
            raise InsufficientCredits(
                f"Not enough credits: this needs {need} and your balance is {me.credits:g}. Buy credits on verging.ai.",
                required=need, available=me.credits)
        return me.credits

    async def report_charge(self, before: float, est: Estimate, charged: float | None = None) -> float | None:
        if charged is None:
            with contextlib.suppress(VergingError):
                after = (await self.client().me()).credits
                charged = before - after
        if charged is not None:
            self.out.info(f"Charged: {credits(charged)} (estimated {credits(est.credits)}).")
        return charged


# -- job helper ----------------------------------------------------------------------------------


async def run_jobs(ctx: Context, submits: list[Callable[[JobQueue], Awaitable[JobRecord]]], *,
                   download: bool) -> list[tuple[JobRecord, Path | None]]:
    """Submit through the persistent queue (visible to 'verging jobs' and the app), wait, download.

    Every job is recorded before it is sent, with its destination, so an interrupted run loses
    nothing: 'verging jobs wait' picks them up again and saves them where this run would have."""
    q = await ctx.queue()
    recs = []
    for submit in submits:
        rec = await submit(q)
        ctx.out.info(f"Job {rec.local_id} created on the server (id {rec.remote_id}).")
        recs.append(rec)
    ids = {r.local_id for r in recs}
    last: dict[int, str] = {}

    def show(r: JobRecord) -> None:
        if r.local_id not in ids:
            return
        line = f"Job {r.local_id}: {cli_status(r)}"
        if line != last.get(r.local_id):
            ctx.out.info(line)
            last[r.local_id] = line

    unsubscribe = q.store.subscribe(show)
    try:
        recs = await q.wait([r.local_id for r in recs], download=False)
    finally:
        unsubscribe()
    out: list[tuple[JobRecord, Path | None]] = []
    problems = []
    for rec in recs:
        if rec.status is not LocalStatus.COMPLETED or not rec.result_url:
            hint = f" Retry it with 'verging jobs retry {rec.local_id}'." if rec.kind == "face-swap" else ""
            problems.append(f"job {rec.local_id} {rec.status.value}{': ' + rec.error if rec.error else ''}.{hint}")
            continue
        path = None
        if download or rec.dest:
            path = await q.download(rec.local_id)
            if path is None:
                problems.append((q.store.get(rec.local_id) or rec).error or "The download failed.")
                continue
            ctx.out.wrote(path)
            rec = q.store.get(rec.local_id) or rec
        out.append((rec, path))
    if problems:
        raise JobFailed("; ".join(problems))
    return out


async def run_job(ctx: Context, submit: Callable[[JobQueue], Awaitable[JobRecord]], *,
                  download: bool) -> tuple[JobRecord, Path | None]:
    return (await run_jobs(ctx, [submit], download=download))[0]


def output_choice(a: argparse.Namespace, count: int = 1, what: str = "result") -> Destination | None:
    """``-o`` read by the one rule (core/outputs.py); ``-d`` alone means the current folder."""
    dest = destination(getattr(a, "output", None), count=count, what=what)
    if dest is None and getattr(a, "download", False):
        dest = Destination(Path.cwd(), True)
    return dest


def _ext_from_url(url: str, default: str) -> str:
    ext = Path(ft.filename_from_url(url, "")).suffix.lower()
    return ext if 1 < len(ext) <= 6 else default


async def download_to(ctx: Context, url: str, dest: Path) -> Path:
    dest = ft.reserve_path(dest)
    path = await ctx.client().download(url, dest, progress=ctx.out.progress("Download"))
    ctx.out.wrote(path)
    return path


# -- commands ------------------------------------------------------------------------------------
async def cmd_me(ctx: Context) -> int:
    me = await ctx.client().me()
    ctx.out.result(f"{me.email}\n{me.name}\n{credits(me.credits)} (${ctx.pricing.dollars(me.credits):.2f})", me)
    return EXIT_OK


async def cmd_bg_remove(ctx: Context) -> int:
    a = ctx.args
    limit = int(ctx.pricing.service("background_removal").get("max_bytes", ft.IMAGE_MAX_BYTES))
    images, bad = [], []
    for item in a.image:  # every file is checked before anything is sent
        try:
            images.append(ft.check_image(item, max_bytes=limit)[0])
        except InputError as e:
            bad.append(str(e))
    if bad:
        raise InputError(" ".join(bad) + (" Nothing was sent." if len(a.image) > 1 else ""))
    out = output_choice(a, len(images), "image")
    est = ctx.pricing.background_removal(len(images))
    before = await ctx.preflight(est)

    def submit(img: Path) -> Callable[[JobQueue], Awaitable[JobRecord]]:
        return lambda q: q.submit_background_removal(img, estimated=ctx.pricing.background_removal(1).credits,
                                                     dest=out)

    done = await run_jobs(ctx, [submit(i) for i in images], download=a.download)
    charged = await ctx.report_charge(before, est)
    if ctx.out.as_json:
        ctx.out.result("", {"jobs": [r for r, _ in done], "paths": [p for _, p in done], "charged": charged})
    elif not (a.download or out):
        ctx.out.result("\n".join(r.result_url or "" for r, _ in done), None)
    return EXIT_OK


async def cmd_video_job(ctx: Context, kind: str) -> int:
    """``verging faceswap`` and ``verging enhance``: probe, cut, upload, create, poll, download."""
    from .jobs.prepare import prepare_video

    a = ctx.args
    spec = tools.tool_for_kind(kind)
    assert spec is not None, kind
    service = spec.service
    video = ft.existing_file(a.video, "video")
    face = None
    if kind == "face-swap":
        face, _ = ft.check_image(a.face, max_bytes=ft.IMAGE_MAX_BYTES, what="face image")
    out = output_choice(a)
    if a.start is not None and a.start < 0:
        raise InputError("--start must be 0 or more seconds.")
    last = [-1.0]

    def on_cut(p: Progress) -> None:
        if p.fraction is not None and p.fraction - last[0] >= 0.25:
            last[0] = p.fraction
            ctx.out.info(f"Cutting: {p.fraction * 100:.0f}%")

    prepared = await prepare_video(video, start=a.start, end=a.end, max_seconds=ctx.pricing.max_seconds(service),
                                   work_dir=ctx.dirs.data / "cuts", progress=on_cut)
    if prepared.note:
        ctx.out.info(prepared.note)
    if prepared.cut is not None:
        ctx.out.info(f"Cut {prepared.start:.3f}-{prepared.end:.3f} s ({prepared.cut.mode_used}): "
                     f"{prepared.duration:.3f} s to upload.")
    est = ctx.pricing.video(service, prepared.duration, a.hd)
    before = await ctx.preflight(est)
    upload = ctx.out.progress("Upload")
    if kind == "face-swap":
        assert face is not None
        submit = lambda q: q.submit_faceswap(prepared.path, face, duration=prepared.duration, hd=a.hd,  # noqa: E731
                                             input_name=video.name, estimated=est.credits, progress=upload,
                                             dest=out)
    else:
        submit = lambda q: q.submit_enhance(prepared.path, duration=prepared.duration, hd=a.hd,  # noqa: E731
                                            input_name=video.name, estimated=est.credits, progress=upload,
                                            dest=out)
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


async def cmd_imagegen(ctx: Context) -> int:
    a = ctx.args
    prompt = ft.check_prompt(a.prompt)
    ft.check_range(a.n, 1, 4, "The number of images (-n)")
    quality = ft.check_choice(a.quality, ft.IMAGE_QUALITIES, "Quality") or "auto"
    size = ft.check_size(a.size)
    out = output_choice(a, a.n, "image")
    est = ctx.pricing.imagegen(a.n, quality)
    before = await ctx.preflight(est)
    res = await ctx.client().imagegen(prompt, model=a.model, size=size, quality=quality, n=a.n)
    await ctx.report_charge(before, est, res.credits_consumed)
    paths = []
    if out is not None:
        for i, url in enumerate(res.images, 1):
            paths.append(await download_to(ctx, url, out.target(f"image_{i}{_ext_from_url(url, '.png')}")))
    if not ctx.out.as_json and not paths:
        ctx.out.result("\n".join(res.images), res)
    elif ctx.out.as_json:
        ctx.out.result("", {"images": res.images, "credits_consumed": res.credits_consumed, "paths": paths})
    return EXIT_OK


async def cmd_chat(ctx: Context) -> int:
    a = ctx.args
    msg = ft.check_prompt(a.message, "message")
    ft.check_range(a.temperature, 0.0, 2.0, "Temperature")
    if a.max_tokens is not None and a.max_tokens < 1:
        raise InputError("--max-tokens must be at least 1.")
    messages = ([{"role": "system", "content": a.system}] if a.system else []) + [{"role": "user", "content": msg}]
    chars = sum(len(m["content"]) for m in messages)
    est = ctx.pricing.chat(chars_to_tokens(chars), a.max_tokens or 1000)
    before = await ctx.preflight(est, ctx.pricing.minimum_balance("chat"))
    client = ctx.client()
    if a.no_stream or ctx.out.as_json:
        r = await client.chat(messages, model=a.model, temperature=a.temperature, max_tokens=a.max_tokens)
        await ctx.report_charge(before, est, r.credits_consumed)
        ctx.out.result(r.content, r)
        return EXIT_OK
    charged = None
    async for ev in client.chat_stream(messages, model=a.model, temperature=a.temperature, max_tokens=a.max_tokens):
        if isinstance(ev, ChatDelta):
            sys.stdout.write(ev.content)
            sys.stdout.flush()
        elif isinstance(ev, ChatDone):
            charged = ev.credits_consumed
            if ev.usage.total_tokens:
                ctx.out.info(f"\n[{ev.usage.prompt_tokens} in + {ev.usage.completion_tokens} out tokens]")
    sys.stdout.write("\n")
    await ctx.report_charge(before, est, charged)
    return EXIT_OK


async def cmd_tts(ctx: Context) -> int:
    """Text of any length: split at sentence ends into parts the endpoint takes, joined into one file."""
    from .services.tts import FORMAT_EXT, TtsRun, plan_tts

    a = ctx.args
    voice = ft.check_choice(a.voice, ft.TTS_VOICES, "Voice")
    fmt = ft.check_choice(a.format, ft.TTS_FORMATS, "Format") or "mp3"
    ft.check_range(a.speed, 0.25, 4.0, "Speed")
    plan = plan_tts(a.text, ctx.pricing)
    out = (destination(a.output) or Destination(Path.cwd(), True)).target(f"speech{FORMAT_EXT[fmt]}")
    parts = f" in {len(plan)} parts" if len(plan) > 1 else ""
    est = Estimate(plan.total, f"{plan.chars:,} characters{parts}")
    if len(plan) > 1:
        ctx.out.info(plan.describe())
    before = await ctx.preflight(est)
    dest = ft.reserve_path(out)
    last = [""]

    def show(p: Progress) -> None:
        if len(plan) > 1 and p.stage and p.stage != last[0] and not p.stage.startswith(("Downloading", "Done")):
            last[0] = p.stage
            ctx.out.info(p.stage)

    try:
        done = await TtsRun(ctx.client(), plan, dest, voice=voice, speed=a.speed, fmt=fmt, model=a.model,
                            progress=show).run()
    finally:
        dest.with_name(dest.name + ".part").unlink(missing_ok=True)
    await ctx.report_charge(before, est, done.charged)
    ctx.out.wrote(done.path)
    if ctx.out.as_json:
        ctx.out.result("", {"audio_url": done.urls[0] if len(done.urls) == 1 else None, "audio_urls": done.urls,
                            "credits_consumed": done.charged, "path": done.path, "parts": done.chunks,
                            "duration": done.duration})
    return EXIT_OK


async def cmd_stt(ctx: Context) -> int:
    """Any audio or video file: the sound track is extracted, other formats converted, files over
    25 MB re-encoded to compact mono audio or split into parts; the plan is shown before sending."""
    from .services.stt import SttRun, clock, plan_stt

    a = ctx.args
    chosen = destination(a.output)
    out = chosen.target(f"{Path(a.file).stem or 'transcript'}.txt") if chosen is not None else None
    plan = await plan_stt(a.file, ctx.pricing)
    if plan.converts:
        ctx.out.info(plan.describe())
    parts = f" in {plan.parts} parts" if plan.parts > 1 else ""
    est = Estimate(plan.estimate, f"{clock(plan.duration)} of audio{parts}")
    before = await ctx.preflight(est)
    last = [""]

    def show(p: Progress) -> None:
        if p.stage and p.stage != last[0] and p.stage != "Done":
            last[0] = p.stage
            ctx.out.info(p.stage)

    t = await SttRun(ctx.client(), plan, ctx.pricing, language=a.language, model=a.model, progress=show).run()
    await ctx.report_charge(before, est, t.charged)
    if out is not None:
        kind = out.suffix.lower()
        if kind in (".srt", ".vtt") and not t.timed:
            ctx.out.info(f"The server sent no timestamps: {out.name} gets the plain transcript.")
        body = t.to_srt() if kind == ".srt" and t.timed else t.to_vtt() if kind == ".vtt" and t.timed else t.to_txt()
        dest = ft.unique_path(out)
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(dest.name + ".part")
        tmp.write_text(body, "utf-8")
        os.replace(tmp, dest)
        ctx.out.wrote(dest)
    ctx.out.result(t.text, t)
    return EXIT_OK


async def cmd_vision(ctx: Context) -> int:
    a = ctx.args
    prompt = ft.check_prompt(a.prompt)
    src = a.image.strip()
    is_url = src.lower().startswith(("http://", "https://"))
    if not is_url:
        image, _ = ft.check_image(src, formats=ft.VISION_FORMATS, max_bytes=20 * ft.MB)
    est = ctx.pricing.vision(chars_to_tokens(len(prompt)) + 1000, a.max_tokens or 1024)
    before = await ctx.preflight(est, ctx.pricing.minimum_balance("vision"))
    c = ctx.client()
    if is_url:
        r = await c.vision(prompt, src, model=a.model, max_tokens=a.max_tokens)
    else:
        r = await c.vision_upload(prompt, image, model=a.model, max_tokens=a.max_tokens)
    await ctx.report_charge(before, est, r.credits_consumed)
    ctx.out.result(r.content, r)
    return EXIT_OK


async def cmd_usage(ctx: Context) -> int:
    a = ctx.args
    ft.check_range(a.page_size, 1, 100, "--page-size")
    ft.check_range(a.page, 1, 10**9, "--page")
    p = await ctx.client().usage(a.service, a.page, a.page_size)
    lines = [f"{'when':19}  {'service':8} {'credits':>7} {'in':>7} {'out':>7}  status"]
    for r in p.records:
        when = r.created_at.strftime("%Y-%m-%d %H:%M:%S") if r.created_at else "-"
        lines.append(f"{when:19}  {r.service_type:8} {r.credits_consumed:7g} {r.input_tokens or 0:7d} "
                     f"{r.output_tokens or 0:7d}  {r.status}")
    lines.append(f"page {p.page} of {p.pages} ({p.total} records)")
    ctx.out.result("\n".join(lines), p)
    return EXIT_OK


async def cmd_keys(ctx: Context) -> int:
    a = ctx.args
    ks = ctx.keystore()
    action = a.keys_action
    if action == "profiles":
        active = ks.active
        profs = ks.profiles()
        ctx.out.result("\n".join(f"{'*' if p.name == active else ' '} {p.label}" for p in profs) or "(no profiles)",
                       [{"name": p.name, "source": p.source, "active": p.name == active} for p in profs])
        return EXIT_OK
    if action == "use":
        ks.set_active(a.profile)
        ctx.out.info(f"Active profile: {a.profile}")
        return EXIT_OK
    if action == "add":
        raw = sys.stdin.readline() if not sys.stdin.isatty() else __import__("getpass").getpass("API key: ")
        key = check_key_format(raw)
        if not a.no_validate:
            base = a.base_url or env_base_url() or DEFAULT_BASE_URL
            async with VergingClient(key, base) as c:
                v = await c.validate_key()
            if not v.valid:
                raise AuthError("The key was refused by the server (invalid or revoked); it was not stored.")
        ks.add(a.profile, key, make_active=True)
        ctx.out.info(f"Stored key {mask(key)} in the OS keyring as profile '{a.profile}' (active).")
        return EXIT_OK
    if action == "remove":
        ks.remove(a.profile)
        ctx.out.info(f"Removed profile '{a.profile}' and its key from the OS keyring.")
        return EXIT_OK
    c = ctx.client()
    if action == "validate":
        v = await c.validate_key()
        if not v.valid:
            raise AuthError("The key is not valid or has been revoked. " + v.message)
        ctx.out.result(f"Valid key {mask(c.api_key or '')}", v)
        return EXIT_OK
    if action == "list":
        keys = await c.list_api_keys()
        lines = []
        for k in keys:
            mine = " (in use)" if c.api_key and k.matches(c.api_key) else ""
            made = k.created_at.strftime("%Y-%m-%d") if k.created_at else "-"
            used = k.last_used_at.strftime("%Y-%m-%d") if k.last_used_at else "never"
            lines.append(f"{k.id:>6}  {k.prefix:18} {k.name or '-':16} created {made}  last used {used}"
                         f"{'' if k.active else '  revoked'}{mine}")
        ctx.out.result("\n".join(lines) or "(no keys)", keys)
        return EXIT_OK
    if action == "delete":
        await c.delete_api_key(a.id)
        ctx.out.info(f"Revoked key {a.id}.")
        return EXIT_OK
    raise UsageError("Unknown keys action.")


async def cmd_estimate(ctx: Context) -> int:
    a = ctx.args
    est = ctx.pricing.estimate(a.service, duration=a.duration, hd=a.hd, chars=a.chars, count=a.count,
                               quality=a.quality, input_tokens=a.input_tokens, output_tokens=a.output_tokens)
    ctx.out.result(f"{credits(est.credits)} (${ctx.pricing.dollars(est.credits):.2f}): {est.detail}",
                   {"service": a.service, "credits": est.credits, "usd": ctx.pricing.dollars(est.credits),
                    "detail": est.detail, "pricing_table": ctx.pricing.table_name})
    return EXIT_OK


def _fmt_job(r: JobRecord) -> str:
    when = datetime.fromtimestamp(r.created_at).strftime("%Y-%m-%d %H:%M")
    cr = f"{r.charged_credits:g}" if r.charged_credits is not None else (
        f"~{r.estimated_credits:g}" if r.estimated_credits is not None else "-")
    tail = r.result_path or r.result_url or (r.error or "")
    return (f"{r.local_id:>5}  {when}  {r.kind:18} {cli_status(r):14} "
            f"{cr:>6}  {r.input_name[:40]:40}  {tail}")


async def cmd_jobs(ctx: Context) -> int:
    a = ctx.args
    action = a.jobs_action or "list"
    store = ctx.store()
    if action == "list":
        statuses = None
        if a.status:
            try:
                statuses = [LocalStatus(a.status.lower())]
            except ValueError:
                raise InputError(f"--status must be one of {', '.join(s.value for s in LocalStatus)}.") from None
        recs = store.list(statuses=statuses)
        header = f"{'id':>5}  {'created':16}  {'tool':18} {'status':14} {'credits':>6}  {'input':40}  result"
        ctx.out.result("\n".join([header] + [_fmt_job(r) for r in recs]) if recs else "(no jobs)", recs)
        return EXIT_OK
    every = bool(getattr(a, "all", False))
    if every and a.ids:
        raise UsageError("Give job ids or --all, not both.")
    if not every and not a.ids:
        raise UsageError(f"Give the ids of the jobs to {action} (see 'verging jobs')"
                         + (", or --all to wait for every unfinished job." if action == "wait" else "."))
    try:
        ids = [int(i) for i in a.ids]
    except ValueError:
        raise InputError("Job ids are numbers, as 'verging jobs' lists them.") from None
    for i in ids:
        if store.get(i) is None:
            raise InputError(f"There is no job {i} in the local queue (see 'verging jobs').")
    # -o is checked before anything is sent or waited for; one id may name a file, several need a folder
    out = destination(a.out_dir, count=max(2, len(ids)) if every else len(ids), what="job result")
    q = await ctx.queue()
    if every:
        await q.ensure_account()
        ids = [r.local_id for r in q.unfinished()]
        lost = [r for r in store.list(statuses=[LocalStatus.UNKNOWN], account=q.current_account) if not r.remote_id]
        for r in lost:
            ctx.out.info(f"Job {r.local_id} ({r.input_name}) is unknown: it may exist on the server; check your "
                         "jobs on verging.ai.")
        others = len([r for r in store.list() if r.account != q.current_account and (r.status.open or (
            r.status is LocalStatus.COMPLETED and r.download_state.value != "done"))])
        if others:
            ctx.out.info(plural("%n unfinished job(s) of another account or server (is|are) not waited for "
                                "(use that account's key).", others))
        if not ids:
            ctx.out.info("No unfinished jobs.")
            if ctx.out.as_json:
                ctx.out.result("", [])
            return EXIT_OK
        ctx.out.info(f"Waiting for {count(len(ids), 'job')}: {', '.join(map(str, ids))}.")
    if action == "retry":
        for i in ids:
            rec = await q.retry(i)
            ctx.out.info(f"Job {i} sent again (estimated {credits(rec.estimated_credits or 0)}).")
    if out is not None:  # the user's latest choice replaces the one made at submit
        q.set_destination(ids, out)
    recs = await q.wait(ids, timeout=a.timeout, download=not a.no_download)
    failed = [r for r in recs if r.status is not LocalStatus.COMPLETED]
    for r in recs:
        if r.result_path and r.status is LocalStatus.COMPLETED:
            ctx.out.wrote(Path(r.result_path))
    if ctx.out.as_json:
        ctx.out.result("", recs)
    if failed:
        raise JobFailed("; ".join(f"job {r.local_id} {r.status.value}: {r.error or 'no details'}" for r in failed))
    return EXIT_OK


COMMANDS: dict[str, Callable[[Context], Awaitable[int]]] = {
    "me": cmd_me, "bg-remove": cmd_bg_remove, "imagegen": cmd_imagegen, "chat": cmd_chat, "tts": cmd_tts,
    "stt": cmd_stt, "vision": cmd_vision, "usage": cmd_usage, "keys": cmd_keys, "estimate": cmd_estimate, "jobs": cmd_jobs,
    "faceswap": cmd_faceswap, "enhance": cmd_enhance,
}

#: commands that need no API key
OFFLINE = {"estimate"}


def _common(suppress: bool) -> "CliArgumentParser":
    """Options accepted before or after the command; after it, they must not reset what came before."""
    d = (lambda v: argparse.SUPPRESS) if suppress else (lambda v: v)
    common = CliArgumentParser(add_help=False)
    common.add_argument("--api-key", default=d(None),
                        help="API key (default: the OS keyring's active profile, then $VERGING_API_KEY)")
    common.add_argument("--base-url", default=d(None),
                        help="API base URL (default: $VERGING_BASE_URL or https://verging.ai/api/v1)")
    common.add_argument("--sandbox", action="store_true", default=d(False),
                        help="use an embedded local sandbox: nothing is charged")
    common.add_argument("--sandbox-data", metavar="DIR", default=d(None), help="keep the sandbox's state in DIR")
    common.add_argument("--json", action="store_true", default=d(False), help="print machine-readable JSON")
    common.add_argument("-q", "--quiet", action="store_true", default=d(False), help="no progress on stderr")
    common.add_argument("--verbose", action="store_true", default=d(False),
                        help="debug messages and FFmpeg's own lines on stderr (also: VERGING_DEBUG=1)")
    return common


OUTPUT_HELP = ("where the result goes (implies -d): an existing folder or a path ending in / receives it under "
               "its usual name; a name without extension gets the result's; an existing file is never overwritten")


def build_parser() -> argparse.ArgumentParser:
    top = _common(False)
    common = _common(True)

    p = CliArgumentParser(prog="verging", description="Verging AI from the command line.", parents=[top])
    p.add_argument("--version", action="version", version=f"verging {__import__('verging_desktop').__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=CliArgumentParser)

    sub.add_parser("me", parents=[common], help="account email, name and credits")

    s = sub.add_parser("bg-remove", parents=[common], help="remove an image's background (1 credit each)")
    s.add_argument("-i", "--image", required=True, action="append", help="an image; repeat -i for a batch")
    s.add_argument("-o", "--output", help=OUTPUT_HELP + "; with several images, a folder")
    s.add_argument("-d", "--download", action="store_true", help="download the result")

    for name, helptext in (("faceswap", "swap a face onto a video (1 credit/s, HD 3/s; 30 s per job)"),
                           ("enhance", "enhance a video (3 credits/s, HD 5/s; 30 s per job)")):
        s = sub.add_parser(name, parents=[common], help=helptext, conflict_handler="resolve")
        s.add_argument("-v", "--video", required=True, help="the video file")
        if name == "faceswap":
            s.add_argument("-f", "--face", required=True, help="the face image (jpg, png, webp)")
        s.add_argument("--hd", action="store_true", help="HD processing (costs more)")
        s.add_argument("-s", "--start", type=float, help="in point, seconds")
        s.add_argument("-e", "--end", type=float, help="out point, seconds")
        s.add_argument("-d", "--download", action="store_true", help="download the result")
        s.add_argument("-o", "--output", help=OUTPUT_HELP)

    s = sub.add_parser("imagegen", parents=[common], help="generate images from a prompt")
    s.add_argument("-p", "--prompt", required=True)
    s.add_argument("--size", default=None)
    s.add_argument("--quality", default="auto")
    s.add_argument("-n", type=int, default=1)
    s.add_argument("--model", default=None)
    s.add_argument("-o", "--output", help=OUTPUT_HELP + "; with -n 2 or more, a folder")
    s.add_argument("-d", "--download", action="store_true")

    s = sub.add_parser("chat", parents=[common], help="chat completion (streams by default)")
    s.add_argument("-m", "--message", required=True)
    s.add_argument("--system")
    s.add_argument("--model")
    s.add_argument("--temperature", type=float)
    s.add_argument("--max-tokens", type=int)
    s.add_argument("--no-stream", action="store_true")

    s = sub.add_parser("tts", parents=[common], help="text to speech (long text is split and joined)")
    s.add_argument("-t", "--text", required=True)
    s.add_argument("-v", "--voice", default=None)
    s.add_argument("--speed", type=float, default=None)
    s.add_argument("--format", default="mp3")
    s.add_argument("--model", default=None)
    s.add_argument("-o", "--output", help="a file (the format's extension is added when missing) or a folder")

    s = sub.add_parser("stt", parents=[common], help="speech to text (audio or video; large files are compressed)")
    s.add_argument("-f", "--file", required=True, help="an audio or video file (converted as needed)")
    s.add_argument("--language")
    s.add_argument("--model")
    s.add_argument("-o", "--output", help="write the transcript to this file (.srt or .vtt: subtitles; no "
                                          "extension: .txt) or into this folder")

    s = sub.add_parser("vision", parents=[common], help="ask about an image (file or URL)")
    s.add_argument("-i", "--image", required=True)
    s.add_argument("-p", "--prompt", required=True)
    s.add_argument("--model")
    s.add_argument("--max-tokens", type=int)

    s = sub.add_parser("usage", parents=[common], help="AI proxy usage history")
    s.add_argument("--service", choices=list(tools.call_services("verging")))
    s.add_argument("--page", type=int, default=1)
    s.add_argument("--page-size", type=int, default=20)

    s = sub.add_parser("keys", parents=[common], help="API keys: list, validate, delete, add, remove, profiles, use")
    ks = s.add_subparsers(dest="keys_action", metavar="ACTION", parser_class=CliArgumentParser, required=True)
    ks.add_parser("list", parents=[common], help="the account's keys (prefix only)")
    ks.add_parser("validate", parents=[common], help="check the key in use")
    d = ks.add_parser("delete", parents=[common], help="revoke a key for good")
    d.add_argument("id")
    ad = ks.add_parser("add", parents=[common], help="store a key read from standard input in the OS keyring")
    ad.add_argument("--profile", default="default")
    ad.add_argument("--no-validate", action="store_true", help="store without asking the server first")
    rm = ks.add_parser("remove", parents=[common], help="remove a profile's key from the OS keyring")
    rm.add_argument("--profile", default="default")
    ks.add_parser("profiles", parents=[common], help="list local profiles")
    use = ks.add_parser("use", parents=[common], help="make a profile active")
    use.add_argument("profile")

    s = sub.add_parser("jobs", parents=[common], help="the local job queue (shared with the app)")
    s.add_argument("--status", help="list only jobs in this state (pending, processing, completed, failed, ...)")
    js = s.add_subparsers(dest="jobs_action", metavar="ACTION", parser_class=CliArgumentParser)
    for name, helptext in (("wait", "wait for jobs and download their results"),
                           ("retry", "retry failed face swaps on the server (charges again), then wait")):
        w = js.add_parser(name, parents=[common], help=helptext)
        w.add_argument("ids", nargs="*", metavar="ID")
        if name == "wait":
            w.add_argument("--all", action="store_true", help="wait for every unfinished job of this account")
        w.add_argument("-o", "--out-dir", "--output", dest="out_dir",
                       help="where results go (a folder, or a file name for one job); default: where "
                            "they were asked for when sent, else the current folder")
        w.add_argument("--no-download", action="store_true")
        w.add_argument("--timeout", type=float, default=None, help="give up waiting after SECONDS")

    s = sub.add_parser("estimate", parents=[common], help="credit estimate from the pricing data")
    s.add_argument("service")
    s.add_argument("--duration", type=float, help="seconds (video, speech to text)")
    s.add_argument("--hd", action="store_true")
    s.add_argument("--chars", type=int, help="characters (text to speech, chat)")
    s.add_argument("--count", "-n", type=int, help="images")
    s.add_argument("--quality")
    s.add_argument("--input-tokens", type=int)
    s.add_argument("--output-tokens", type=int)
    return p


def _setup_logging(verbose: bool) -> logging.Handler:
    if verbose:  # PyAV keeps FFmpeg silent otherwise
        from .media.avlog import libav_to_terminal

        libav_to_terminal(True)
    h = logging.StreamHandler(sys.stderr)
    h.addFilter(RedactingFilter())
    h.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    h.setLevel(logging.DEBUG if verbose else logging.WARNING)
    root = logging.getLogger("verging_desktop")
    root.addHandler(h)
    if verbose:
        root.setLevel(logging.DEBUG)
    return h


def _one_line(e: BaseException) -> str:
    from .core.redact import redact

    return redact(" ".join(str(e).split())) or type(e).__name__


async def _run(ctx: Context, fn: Callable[[Context], Awaitable[int]]) -> int:
    try:
        return await fn(ctx)
    finally:
        await ctx.close()


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # usage errors (2) and --help/--version (0)
        return int(e.code or 0)
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    handler = _setup_logging(bool(getattr(args, "verbose", False) or os.environ.get("VERGING_DEBUG")))
    try:
        return _main(args)
    finally:
        logging.getLogger("verging_desktop").removeHandler(handler)


def _main(args: argparse.Namespace) -> int:
    fn = COMMANDS[args.command]
    try:
        ctx = Context(args)
        return asyncio.run(_run(ctx, fn))
    except KeyboardInterrupt:
        print("verging: interrupted", file=sys.stderr)
        return 130
    except VergingError as e:
        print(f"verging: {_one_line(e)}", file=sys.stderr)
        return e.exit_code
    except OSError as e:
        print(f"verging: {_one_line(e)}", file=sys.stderr)
        return EXIT_INPUT if isinstance(e, (FileNotFoundError, IsADirectoryError, PermissionError)) else EXIT_API
    except Exception as e:  # never a traceback
        print(f"verging: unexpected error: {type(e).__name__}: {_one_line(e)} "
              "(set VERGING_DEBUG=1 and report it)", file=sys.stderr)
        return EXIT_API


if __name__ == "__main__":
    sys.exit(main())
