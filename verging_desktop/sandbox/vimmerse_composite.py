"""The Vimmerse sandbox results that change a video's picture: replace-background, video-to-video.

- replace-background: the video chroma-keyed (``colorkey`` on its top-left corner's colour when
  ``chroma_key_color`` is "origin", else the colour given; ``chroma_tolerance`` the similarity),
  cut to what is left of its first frame when ``crop_to_content`` is on, scaled to
  ``overlay_scale`` of the background's height, placed by ``alignment`` (standing on the bottom
  edge) and moved by ``x_offset``/``y_offset``, over the background image, the background video
  (looped, from ``start_time``) or a gradient made from the prompt;
- video-to-video: the video with a filter chosen by the option (hue, edges, negative, sepia),
  the reference image inset in a corner when one is given, the prompt burned in.

Used by :func:`.vimmerse_media.render`; the helpers are that module's.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from ..api.vimmerse.models import ALIGNMENTS
from ..media.probe import MediaInfo
from .media import _colors
from .vimmerse_media import (
    FPS,
    Job,
    RenderError,
    display_size,
    even,
    fit,
    image_size,
    norm,
    out_args,
    secs,
    still,
    video_info,
)

_HEX_RE = re.compile(r"^(?:#|0x)?([0-9a-fA-F]{6})$")


@dataclass(frozen=True)
class Picture:
    """A small RGB copy of a frame (at most :data:`PICTURE_WIDTH` wide), in plain bytes."""

    width: int
    height: int
    rgb: bytes

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        i = (y * self.width + x) * 3
        return self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]


#: the first frame is looked at this wide at most (a key's corner and the content box)
PICTURE_WIDTH = 320


def first_frame(path: Path) -> Picture:
    """The first picture of a video (stored orientation), scaled down to :data:`PICTURE_WIDTH`."""
    import av

    try:
        with av.open(str(path), mode="r") as c:
            frame = next(c.decode(video=0))
            s = min(1.0, PICTURE_WIDTH / frame.width)
            w, h = max(1, round(frame.width * s)), max(1, round(frame.height * s))
            plane = frame.reformat(width=w, height=h, format="rgb24").planes[0]
            data, stride = bytes(plane), plane.line_size
    except (av.error.FFmpegError, StopIteration, IndexError, ValueError) as e:
        raise RenderError(f"{path.name}: its first frame cannot be decoded ({e}).") from None
    return Picture(w, h, b"".join(data[y * stride:y * stride + w * 3] for y in range(h)))


def corner_rgb(pic: Picture) -> tuple[int, int, int]:
    """The colour of the top-left corner (a 4x4 patch's average)."""
    px = [pic.pixel(x, y) for y in range(min(4, pic.height)) for x in range(min(4, pic.width))]
    r, g, b = (round(sum(p[i] for p in px) / len(px)) for i in range(3))
    return r, g, b


def key_color(word: str, pic: Picture) -> tuple[str, tuple[int, int, int] | None]:
    """The key for ``colorkey`` and, when known, its RGB value."""
    if word.lower() == "origin":
        r, g, b = corner_rgb(pic)
        return f"0x{r:02x}{g:02x}{b:02x}", (r, g, b)
    m = _HEX_RE.match(word)
    if m:
        v = int(m.group(1), 16)
        return "0x" + m.group(1).lower(), (v >> 16, (v >> 8) & 0xFF, v & 0xFF)
    if word.isalpha() and len(word) <= 30:
        return word, None
    raise RenderError(f"'{word}' is not a colour: use \"origin\" (the corner colour), a name such as green, "
                      "or a hex colour such as #00FF00.")


def content_box(pic: Picture, key: tuple[int, int, int], similarity: float) -> tuple[int, int, int, int] | None:
    """The box (x, y, w, h) around what the key leaves of ``pic``; None when that is nothing or everything.

    A pixel counts when it is clearly not the key (twice the similarity, at least 0.15): the soft
    fringe that scaling and chroma subsampling leave around the content does not widen the box.
    """
    limit = (max(2 * similarity, 0.15) * 255.0) ** 2 * 3.0
    kr, kg, kb = key
    rgb, w = pic.rgb, pic.width
    x0, y0, x1, y1 = w, pic.height, -1, -1
    for y in range(pic.height):
        row = y * w * 3
        for x in range(w):
            i = row + x * 3
            if (rgb[i] - kr) ** 2 + (rgb[i + 1] - kg) ** 2 + (rgb[i + 2] - kb) ** 2 > limit:
                x0, x1 = min(x0, x), max(x1, x)
                y0, y1 = min(y0, y), max(y1, y)
    if x1 < 0 or (x0, y0, x1, y1) == (0, 0, w - 1, pic.height - 1):
        return None
    return x0, y0, x1 - x0 + 1, y1 - y0 + 1


def _crop_to_content(info: MediaInfo, pic: Picture, key: tuple[int, int, int] | None,
                     similarity: float) -> tuple[str, int, int]:
    """A ``crop`` (after :func:`norm`) to the foreground's content, and the size it leaves."""
    w, h = display_size(info)
    if key is None or info.rotation:
        return "", w, h
    box = content_box(pic, key, similarity)
    if box is None:
        return "", w, h
    sx, sy = w / pic.width, h / pic.height   # the small picture -> square display pixels
    bx, by = int(box[0] * sx) // 2 * 2, int(box[1] * sy) // 2 * 2
    bw = max(2, min(w - bx, (math.ceil((box[0] + box[2]) * sx) - bx + 1) // 2 * 2))
    bh = max(2, min(h - by, (math.ceil((box[1] + box[3]) * sy) - by + 1) // 2 * 2))
    return f",crop={bw}:{bh}:{bx}:{by}", bw, bh


def replace_background(job: Job) -> list[Path]:
    src = job.need("video_url", "video")
    info = video_info(src)
    bg_img = job.file("bg_image_url", "background image", required=False)
    bg_vid = job.file("bg_video_url", "background video", required=False)
    prompt = job.args.text("prompt")
    if bg_img is None and bg_vid is None and not prompt:
        raise RenderError("Replace background needs a background: an image, a video or a prompt.")
    pic = first_frame(src)
    color, key = key_color(job.args.text("chroma_key_color", "origin"), pic)
    tol = job.args.number("chroma_tolerance", 0.1, lo=0.0, hi=1.0, what="The chroma tolerance")
    similarity = max(0.01, tol)
    scale = job.args.number("overlay_scale", 0.6666, lo=0.05, hi=4.0, what="The overlay scale")
    align = job.args.text("alignment", "center").lower()
    if align not in ALIGNMENTS:
        raise RenderError(f"'{align}' is not an alignment; use one of {', '.join(ALIGNMENTS)}.")
    dx = job.args.integer("x_offset", 0, what="The horizontal offset (x_offset)") or 0
    dy = job.args.integer("y_offset", 0, what="The vertical offset (y_offset)") or 0
    start = job.args.number("start_time", 0.0, lo=0.0, hi=86400.0, what="The background's start time")
    crop, w, h = (_crop_to_content(info, pic, key, similarity) if job.args.flag("crop_to_content", True)
                  else ("", *display_size(info)))
    dur = info.duration
    fps = info.fps or FPS
    bg_in: list[str]
    bg_pre = ""
    if bg_vid is not None:
        cw, ch = fit(*display_size(video_info(bg_vid)))
        bg_in = ["-stream_loop", "-1", "-ss", secs(start), "-i", str(bg_vid)]
    elif bg_img is not None:
        cw, ch = fit(*image_size(bg_img))
        bg_in, bg_pre = ["-i", str(bg_img)], f"{still(fps)},"
    else:
        cw, ch = display_size(info)
        c0, c1 = _colors(prompt)
        bg_in = ["-f", "lavfi", "-i", f"gradients=s={cw}x{ch}:c0={c0}:c1={c1}:x0=0:y0=0:x1={cw}:y1={ch}:"
                 f"nb_colors=2:speed=0.02:r={fps:g}:d={secs(dur + 1)}"]
    fh = even(ch * scale)
    fw = even(w * fh / h)
    if fw > cw:
        fw, fh = even(cw), even(h * cw / w)
    x = {"left": 0, "center": (cw - fw) // 2, "right": cw - fw}[align] + dx
    y = ch - fh + dy  # standing on the bottom edge, as a person or a product would

    def build(label: str, out: str) -> list[str]:
        fc = (f"[0:v]{norm(info)}{crop},colorkey={color}:{similarity:.4f}:0.03,scale={fw}:{fh}[fg];"
              f"[1:v]{bg_pre}scale={cw}:{ch}:force_original_aspect_ratio=increase,crop={cw}:{ch},setsar=1[bg];"
              f"[bg][fg]overlay={x}:{y}:shortest=1,{label}[v]")
        return ["-i", str(src), *bg_in, "-filter_complex", fc, "-map", "[v]", "-map", "0:a?", "-t", secs(dur),
                *out_args(), out]

    return [job.run(build, job.out())]


#: video-to-video: the option -> a filter that makes the change plain to see
V2V_FILTERS: dict[str, str] = {
    "KlingO": "hue=h=120:s=1.4",
    "HappyHorse": "edgedetect=mode=colormix:low=0.05:high=0.2",
    "Grok": "negate",
    "SeedanceFast": "colorchannelmixer=.393:.769:.189:0:.349:.686:.168:0:.272:.534:.131",
    "LumaModify": "edgedetect=low=0.1:high=0.3",
}


def video_to_video(job: Job) -> list[Path]:
    src = job.need("video_url", "video")
    info = video_info(src)
    ref = job.file("image_url", "reference image", required=False)
    if ref is not None:
        image_size(ref)
    look = V2V_FILTERS.get(job.args.text("option", "KlingO"), "hue=h=60:s=1.3")
    prompt = job.args.text("prompt")
    w, h = display_size(info)
    th = even(h // 4)

    def build(label: str, out: str) -> list[str]:
        cap = job.caption(label, prompt, w, h)
        if ref is None:
            fc = f"[0:v]{norm(info)},{look},{label}{cap}[v]"
            ins = ["-i", str(src)]
        else:
            fc = (f"[1:v]{still(info.fps or FPS)},scale=-2:{th},setsar=1[ref];[0:v]{norm(info)},{look}[m];"
                  f"[m][ref]overlay=W-w-8:H-h-8,scale={w}:{h},{label}{cap}[v]")
            ins = ["-i", str(src), "-i", str(ref)]
        return [*ins, "-filter_complex", fc, "-map", "[v]", "-map", "0:a?", "-t", secs(info.duration),
                *out_args(), out]

    return [job.run(build, job.out())]
