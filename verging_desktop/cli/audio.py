"""``verging tts`` and ``verging stt``."""

from __future__ import annotations

import os
from pathlib import Path

from ..core import filetypes as ft
from ..core.errors import Progress
from ..core.outputs import Destination, destination
from ..core.pricing import Estimate
from ..services.remote import Want
from .context import EXIT_OK, Context
from .remote_input import checked_async, input_name, localized, looks_direct


async def cmd_tts(ctx: Context) -> int:
    """Text of any length: split at sentence ends into parts the endpoint takes, joined into one file."""
    from ..services.tts import FORMAT_EXT, TtsRun, plan_tts

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
    from ..services.stt import SttRun, clock, plan_stt

    a = ctx.args
    chosen = destination(a.output)
    # a URL is fetched first (a page gives its sound track: what a transcript needs), then goes the
    # local-file way; a direct media address is taken whatever it holds (the plan extracts the sound)
    want: Want | None = None if looks_direct(a.file) else "audio"
    file, media = await localized(ctx, a.file, want=want, pass_direct=False, what="the audio")
    file = file or ""
    stem = Path(input_name(media)).stem if media is not None else Path(file).stem
    out = chosen.target(f"{stem or 'transcript'}.txt") if chosen is not None else None
    plan = await checked_async(media, plan_stt(file, ctx.pricing))
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
