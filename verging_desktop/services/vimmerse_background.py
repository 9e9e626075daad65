"""The Replace Background tab's logic, without Qt: the request, and where the person lands.

A video of a person (or a product) in front of a plain backdrop is keyed and put over a new
background: an image, a video, or one Vimmerse makes from a prompt (exactly one of the three).
The options travel as the route wants them (several numbers as strings):

* ``overlay_scale``: the foreground's height as a share of the background's (``"0.6666"``);
* ``alignment``: ``center``, ``left`` or ``right``; the foreground stands on the bottom edge;
* ``x_offset`` / ``y_offset``: pixels of the background to move it by (right and down);
* ``chroma_key_color``: ``"origin"`` (Vimmerse finds the backdrop colour) or a colour ``#RRGGBB``
  picked from the frame; ``chroma_tolerance`` (``"0.1"``): how far from it still counts as backdrop.

:func:`placement` is where the foreground lands on the background, in the background's pixels:
the Qt preview draws it, and the sandbox places it by the same rule (scaled to ``overlay_scale``
of the background's height, never wider than the background, aligned, on the bottom edge, then
moved by the offsets). Vimmerse documents the fields but not their geometry; this is the app's
model of them, said as such in the tab.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..api.vimmerse.models import ALIGNMENTS, ReplaceBackgroundRequest
from ..core.errors import InputError
from ..core.i18n import _

#: the kinds of background, in the order the tab offers them
BG_IMAGE = "image"
BG_VIDEO = "video"
BG_PROMPT = "prompt"
BG_KINDS = (BG_IMAGE, BG_VIDEO, BG_PROMPT)

#: overlay_scale's range in the tab (a share of the background's height)
MIN_SCALE = 0.1
MAX_SCALE = 1.5
DEFAULT_SCALE = 0.6666
#: chroma_tolerance's range
MIN_TOLERANCE = 0.01
MAX_TOLERANCE = 0.6
DEFAULT_TOLERANCE = 0.1
#: the key colour word that lets Vimmerse find the backdrop's colour
AUTO_KEY = "origin"
#: the largest offset, in pixels of the background
MAX_OFFSET = 4000

_HEX_RE = re.compile(r"^#?([0-9a-fA-F]{6})$")


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h


def _even(x: float) -> int:
    return max(2, int(x) // 2 * 2)


def placement(fg_w: int, fg_h: int, bg_w: int, bg_h: int, *, scale: float = DEFAULT_SCALE,
              alignment: str = "center", x_offset: int = 0, y_offset: int = 0) -> Rect:
    """Where a ``fg_w`` x ``fg_h`` foreground lands on a ``bg_w`` x ``bg_h`` background.

    Its height is ``scale`` of the background's (even pixels), its width follows its aspect; when
    that is wider than the background it is fitted to the background's width instead. ``left`` /
    ``center`` / ``right`` place it horizontally, its bottom stands on the background's bottom
    edge, and the offsets move it (right and down, in background pixels; it may leave the frame).
    """
    if fg_w <= 0 or fg_h <= 0 or bg_w <= 0 or bg_h <= 0:
        raise ValueError("sizes must be positive")
    if alignment not in ALIGNMENTS:
        raise ValueError(f"unknown alignment {alignment!r}")
    h = _even(bg_h * scale)
    w = _even(fg_w * h / fg_h)
    if w > bg_w:
        w, h = _even(bg_w), _even(fg_h * bg_w / fg_w)
    x = {"left": 0, "center": (bg_w - w) // 2, "right": bg_w - w}[alignment] + int(x_offset)
    y = bg_h - h + int(y_offset)
    return Rect(x, y, w, h)


def scale_text(scale: float) -> str:
    """``overlay_scale`` as the route takes it: a string with up to four decimals (``"0.6666"``)."""
    s = min(MAX_SCALE, max(MIN_SCALE, float(scale)))
    return f"{s:.4f}".rstrip("0").rstrip(".")


def tolerance_text(tol: float) -> str:
    t = min(MAX_TOLERANCE, max(MIN_TOLERANCE, float(tol)))
    return f"{t:.3f}".rstrip("0").rstrip(".")


def key_color_text(rgb: tuple[int, int, int] | None) -> str:
    """``chroma_key_color``: ``"origin"`` (automatic) for None, else ``#RRGGBB``."""
    if rgb is None:
        return AUTO_KEY
    r, g, b = (max(0, min(255, int(c))) for c in rgb)
    return f"#{r:02X}{g:02X}{b:02X}"


def parse_key_color(text: str) -> tuple[int, int, int] | None:
    """The inverse of :func:`key_color_text` (None for ``origin``); InputError for anything else."""
    t = text.strip()
    if not t or t.lower() == AUTO_KEY:
        return None
    m = _HEX_RE.match(t)
    if not m:
        raise InputError(_("'{text}' is not a key colour: pick one from the frame, or use Automatic.").format(text=text))
    v = int(m.group(1), 16)
    return (v >> 16) & 255, (v >> 8) & 255, v & 255


def replace_background_request(*, video: str, bg_kind: str, background: str = "", prompt: str = "",
                               scale: float = DEFAULT_SCALE, alignment: str = "center", x_offset: int = 0,
                               y_offset: int = 0, key_color: tuple[int, int, int] | None = None,
                               tolerance: float = DEFAULT_TOLERANCE) -> ReplaceBackgroundRequest:
    """The request for ``video`` over one background: an image or video (``background``, a local
    path or URL) or a ``prompt`` (``bg_kind`` says which; only that one is sent).

    :raises InputError: no video, no background of the chosen kind, a bad alignment or offset.
    """
    if not video:
        raise InputError(_("Drop the video whose background to replace."))
    if bg_kind not in BG_KINDS:
        raise InputError(_("Choose the new background: an image, a video or a prompt."))
    text = prompt.strip()
    if bg_kind == BG_PROMPT and not text:
        raise InputError(_("Describe the new background (the prompt is empty), or choose an image or a video."))
    if bg_kind == BG_IMAGE and not background:
        raise InputError(_("Drop the background image, or choose a video or a prompt instead."))
    if bg_kind == BG_VIDEO and not background:
        raise InputError(_("Drop the background video, or choose an image or a prompt instead."))
    if alignment not in ALIGNMENTS:
        raise InputError(_("'{alignment}' is not an alignment; use one of {alignments}.").format(
            alignment=alignment, alignments=", ".join(ALIGNMENTS)))
    for v, too_far in ((x_offset, _("The horizontal offset {v} px is too far: keep it within ±{max} px.")),
                       (y_offset, _("The vertical offset {v} px is too far: keep it within ±{max} px."))):
        if abs(int(v)) > MAX_OFFSET:
            raise InputError(too_far.format(v=v, max=MAX_OFFSET))
    return ReplaceBackgroundRequest(
        video_url=video,
        bg_image_url=background if bg_kind == BG_IMAGE else "",
        bg_video_url=background if bg_kind == BG_VIDEO else "",
        prompt=text if bg_kind == BG_PROMPT else "",
        chroma_key_color=key_color_text(key_color),
        chroma_tolerance=tolerance_text(tolerance),
        overlay_scale=scale_text(scale),
        alignment=alignment,
        x_offset=int(x_offset),
        y_offset=int(y_offset),
    )
