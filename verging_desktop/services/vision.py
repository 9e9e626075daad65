"""Vision: images in a format the endpoint takes, and honest token estimates."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from ..core import filetypes as ft
from ..core.errors import InputError
from ..core.i18n import _
from ..core.pricing import Pricing, chars_to_tokens

#: the upload limit of /ai/vision/upload
MAX_BYTES = 20 * ft.MB
#: tokens assumed for an image whose size is not known (an URL)
UNKNOWN_IMAGE_TOKENS = 1000


def is_url(text: str) -> bool:
    t = text.strip().lower()
    return t.startswith(("http://", "https://")) and len(t) > 10 and " " not in t


def image_tokens(width: int | None, height: int | None) -> int:
    """Input tokens an image costs (85 + 170 per 512-pixel tile, at most 16 tiles)."""
    if not width or not height:
        return UNKNOWN_IMAGE_TOKENS
    tiles = math.ceil(width / 512) * math.ceil(height / 512)
    return 85 + 170 * min(tiles, 16)


def estimate(pricing: Pricing, prompt: str, max_tokens: int | None, width: int | None = None,
             height: int | None = None) -> int:
    tin = chars_to_tokens(len(prompt)) + image_tokens(width, height)
    return pricing.vision(tin, max_tokens or 1024).credits


@dataclass(frozen=True)
class PreparedImage:
    path: Path
    kind: str
    converted: bool
    source: Path


async def prepare_image(path: str | os.PathLike[str], work_dir: str | os.PathLike[str]) -> PreparedImage:
    """``path`` if it is PNG, JPEG, GIF or WebP; else a PNG (or JPEG, when large) made with ffmpeg.

    :raises InputError: not an image, unreadable, or still too large.
    """
    from ..media.ffrun import FfmpegFailed, ffpath, run_ffmpeg

    p = ft.existing_file(path, "image")
    kind = ft.sniff(p)
    if kind in ft.VISION_FORMATS:
        p, kind = ft.check_image(p, formats=ft.VISION_FORMATS, max_bytes=MAX_BYTES)
        return PreparedImage(p, kind, False, p)
    if kind in ("mp4", "webm", "avi", "mpeg", "mpegts"):
        raise InputError(_("{name} is a video, not an image. Choose a picture.").format(name=p.name))
    if kind in ("mp3", "wav", "ogg", "flac"):
        raise InputError(_("{name} is an audio file, not an image.").format(name=p.name))
    work = Path(work_dir)
    work.mkdir(parents=True, exist_ok=True)
    stem = ft.safe_filename(p.stem, "image")
    dst = ft.unique_path(work / f"{stem}.png")
    try:
        await run_ffmpeg(["-y", "-i", ffpath(p), "-frames:v", "1", ffpath(dst)], outputs=[dst],
                         stage=_("Converting the image"))
    except FfmpegFailed:
        if kind:
            raise InputError(_("{name} is a {kind} image and could not be converted to PNG. Choose a PNG, JPEG, GIF "
                               "or WebP picture.").format(name=p.name, kind=kind.upper())) from None
        raise InputError(_("{name} is not an image format that can be read and could not be converted to PNG. "
                           "Choose a PNG, JPEG, GIF or WebP picture.").format(name=p.name)) from None
    if dst.stat().st_size > MAX_BYTES:
        big = dst
        dst = ft.unique_path(work / f"{stem}.jpg")
        try:
            await run_ffmpeg(["-y", "-i", ffpath(big), "-frames:v", "1", "-vf",
                              "scale='min(4096,iw)':'min(4096,ih)':force_original_aspect_ratio=decrease",
                              "-q:v", "3", ffpath(dst)], outputs=[dst], stage=_("Compressing the image"))
        finally:
            big.unlink(missing_ok=True)
        if dst.stat().st_size > MAX_BYTES:
            raise InputError(_("{name} is still over 20 MB after conversion; downscale it first.").format(name=p.name))
        return PreparedImage(dst, "jpeg", True, p)
    return PreparedImage(dst, "png", True, p)
