"""``verging bg-remove``, ``verging imagegen`` and ``verging vision``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from ..core import filetypes as ft
from ..core.errors import InputError
from ..core.pricing import chars_to_tokens
from ..jobs.queue import JobQueue
from ..jobs.store import JobRecord
from .context import EXIT_OK, Context, download_to, ext_from_url, output_choice
from .jobs import run_jobs
from .remote_input import RemoteMedia, checked_as, input_name, localized, looks_direct, source_params


async def cmd_bg_remove(ctx: Context) -> int:
    a = ctx.args
    limit = int(ctx.pricing.service("background_removal").get("max_bytes", ft.IMAGE_MAX_BYTES))
    images: list[Path] = []
    bad: list[str] = []
    sources: dict[Path, RemoteMedia] = {}
    for item in a.image:  # every file is checked (a URL fetched first) before anything is sent
        try:
            value, media = await localized(ctx, item, want="image", pass_direct=False, what="the image")
            path = checked_as(media, lambda: ft.check_image(value or "", max_bytes=limit)[0])  # noqa: B023
        except InputError as e:
            bad.append(str(e))
            continue
        images.append(path)
        if media is not None:
            sources[path] = media
    if bad:
        raise InputError(" ".join(bad) + (" Nothing was sent." if len(a.image) > 1 else ""))
    out = output_choice(a, len(images), "image")
    est = ctx.pricing.background_removal(len(images))
    before = await ctx.preflight(est)

    def submit(img: Path) -> Callable[[JobQueue], Awaitable[JobRecord]]:
        media = sources.get(img)
        name = input_name(media) if media is not None else None
        return lambda q: q.submit_background_removal(img, estimated=ctx.pricing.background_removal(1).credits,
                                                     dest=out, input_name=name,
                                                     extra=source_params(media) or None)

    done = await run_jobs(ctx, [submit(i) for i in images], download=a.download)
    charged = await ctx.report_charge(before, est)
    if ctx.out.as_json:
        ctx.out.result("", {"jobs": [r for r, _ in done], "paths": [p for _, p in done], "charged": charged})
    elif not (a.download or out):
        ctx.out.result("\n".join(r.result_url or "" for r, _ in done), None)
    return EXIT_OK


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
            paths.append(await download_to(ctx, url, out.target(f"image_{i}{ext_from_url(url, '.png')}")))
    if not ctx.out.as_json and not paths:
        ctx.out.result("\n".join(res.images), res)
    elif ctx.out.as_json:
        ctx.out.result("", {"images": res.images, "credits_consumed": res.credits_consumed, "paths": paths})
    return EXIT_OK


async def cmd_vision(ctx: Context) -> int:
    a = ctx.args
    prompt = ft.check_prompt(a.prompt)
    # a direct image URL is passed on (the API reads it); any other address is fetched and uploaded
    src, media = await localized(ctx, a.image.strip(), want="image", pass_direct=True, what="the image")
    src = src or ""
    is_url = media is None and looks_direct(src)
    if not is_url:
        image, _ = checked_as(media, lambda: ft.check_image(src, formats=ft.VISION_FORMATS, max_bytes=20 * ft.MB))
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
