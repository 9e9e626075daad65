"""The geometry of Reframe & Crop: an aspect ratio -> the rectangle of the source that is kept
(Crop), or the larger frame the picture is put in (AI Reframe), in *source pixels*.

Source pixels are the picture as it is shown (a rotated phone clip counts upright: the probe's
``display_width`` x ``display_height``), which is what Vimmerse's crop works on.

Crop (``/v2/video/crop-to-aspect-ratio``): the largest rectangle of the ratio that fits in the
source, with even width and height (H.264 in 4:2:0 needs them) and an even origin (so that the
chroma planes are cut on the same pixel as the luma one). ``offset_x`` / ``offset_y`` are that
rectangle's top-left corner; they are clamped so the rectangle stays inside the picture. Without
offsets the service centres the crop; :attr:`CropPlan.offsets` is ``(None, None)`` for a centred
rectangle, so an unmoved frame is sent the way the service's default would place it.

AI Reframe (``/v2/video/reframe``): the smallest frame of the ratio that holds the whole picture
(even sides), the picture in its middle; the model fills the rest. The result has the source's
longer side as its longer side (:attr:`ReframePlan.output_size`), the picture scaled into it.

:class:`ViewMap` maps between source pixels and a widget's coordinates (the picture fitted into
the view, keeping its aspect ratio), for the frame drawn over the player.

No Qt here: plain numbers, under ``mypy --strict``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ..core.errors import InputError
from ..core.i18n import _

#: the ratios offered as buttons: (W:H, what it is for)
PRESETS: tuple[tuple[str, str], ...] = (
    ("9:16", "Vertical: Shorts, Reels, TikTok"),
    ("1:1", "Square"),
    ("4:5", "Portrait: Instagram and Facebook feeds"),
    ("16:9", "Landscape: YouTube, TV"),
)

#: a kept (or filled) picture is never smaller than this on either side, in pixels
MIN_SIDE = 16
#: AI Reframe: the new frame is at most this many times the picture's area (a 100:1 frame of a
#: 16:9 clip would be mostly invented)
MAX_FILL = 16.0


def even_floor(n: float) -> int:
    """The largest even integer <= ``n`` (and >= 0)."""
    return max(0, int(math.floor(n + 1e-9)) // 2 * 2)


def even_ceil(n: float) -> int:
    """The smallest even integer >= ``n``."""
    return max(0, -(-int(math.ceil(n - 1e-9)) // 2) * 2)


def reduce_ratio(rw: int, rh: int) -> tuple[int, int]:
    """``(16, 9)`` from ``(1920, 1080)``; a ratio with a side <= 0 raises InputError."""
    if rw <= 0 or rh <= 0:
        raise InputError(_("'{w}:{h}' is not an aspect ratio: both numbers must be positive, for example 9:16.").format(
            w=rw, h=rh))
    g = math.gcd(rw, rh)
    return rw // g, rh // g


def ratio_text(rw: int, rh: int) -> str:
    return f"{rw}:{rh}"


@dataclass(frozen=True)
class Rect:
    """A rectangle in source pixels: ``x``, ``y`` its top-left corner, ``w`` x ``h`` its size."""

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

    @property
    def size(self) -> tuple[int, int]:
        return self.w, self.h

    def contains(self, px: float, py: float) -> bool:
        return self.x <= px < self.right and self.y <= py < self.bottom


def _check_source(src_w: int, src_h: int) -> None:
    if src_w < MIN_SIDE or src_h < MIN_SIDE:
        raise InputError(_("The video is {w}×{h} pixels: too small to reframe (at least {min}×{min}).").format(
            w=src_w, h=src_h, min=MIN_SIDE))


def crop_size(src_w: int, src_h: int, rw: int, rh: int) -> tuple[int, int]:
    """The largest even-sided ``w`` x ``h`` of the ratio ``rw:rh`` inside ``src_w`` x ``src_h``.

    The side that fills the source is the source's (made even); the other one is the exact ratio's,
    rounded down to an even number (never wider or taller than the ratio allows).

    :raises InputError: the source or the result is smaller than :data:`MIN_SIDE`.
    """
    _check_source(src_w, src_h)
    rw, rh = reduce_ratio(rw, rh)
    if src_w * rh >= src_h * rw:  # the source is as wide or wider: its full height is kept
        h = even_floor(src_h)
        w = min(even_floor(src_w), even_floor(h * rw / rh))
    else:  # taller: its full width is kept
        w = even_floor(src_w)
        h = min(even_floor(src_h), even_floor(w * rh / rw))
    if w < MIN_SIDE or h < MIN_SIDE:
        raise InputError(_("A {rw}:{rh} crop of this {src_w}×{src_h} video would be {w}×{h} pixels; choose a ratio "
                           "closer to the video's own.").format(rw=rw, rh=rh, src_w=src_w, src_h=src_h, w=max(w, 0),
                                                                h=max(h, 0)))
    return w, h


def same_shape(src_w: int, src_h: int, rw: int, rh: int) -> bool:
    """True when the source already has the ratio: a crop would keep all of it but rounding
    (at most 1 % of a side, or 2 pixels)."""
    w, h = crop_size(src_w, src_h, rw, rh)
    return src_w - w <= max(2.0, src_w * 0.01) and src_h - h <= max(2.0, src_h * 0.01)


@dataclass(frozen=True)
class CropPlan:
    """The crop of a ``src_w`` x ``src_h`` picture to ``ratio``: :attr:`rect` is what is kept."""

    src_w: int
    src_h: int
    ratio: tuple[int, int]
    rect: Rect

    @classmethod
    def centered(cls, src_w: int, src_h: int, rw: int, rh: int) -> CropPlan:
        """The crop the service makes without offsets: centred (its origin made even)."""
        ratio = reduce_ratio(rw, rh)
        w, h = crop_size(src_w, src_h, *ratio)
        return cls(src_w, src_h, ratio, Rect(even_floor((src_w - w) / 2), even_floor((src_h - h) / 2), w, h))

    @property
    def ratio_text(self) -> str:
        return ratio_text(*self.ratio)

    @property
    def max_x(self) -> int:
        return even_floor(self.src_w - self.rect.w)

    @property
    def max_y(self) -> int:
        return even_floor(self.src_h - self.rect.h)

    @property
    def movable(self) -> tuple[bool, bool]:
        """Whether the frame can move sideways, and up and down (a 9:16 crop of a landscape clip
        moves only sideways)."""
        return self.max_x > 0, self.max_y > 0

    def clamp(self, x: float, y: float) -> tuple[int, int]:
        """``(x, y)`` as an even origin that keeps the rectangle inside the picture: the nearest
        even pixel (halfway between two: the lower, as the centred crop rounds)."""
        return (min(self.max_x, even_floor(max(0.0, x) + 1.0 - 1e-6)),
                min(self.max_y, even_floor(max(0.0, y) + 1.0 - 1e-6)))

    def moved_to(self, x: float, y: float) -> CropPlan:
        """The same crop with its top-left corner at (about) ``x``, ``y``, clamped and even."""
        cx, cy = self.clamp(x, y)
        return replace(self, rect=replace(self.rect, x=cx, y=cy))

    def moved_by(self, dx: float, dy: float) -> CropPlan:
        return self.moved_to(self.rect.x + dx, self.rect.y + dy)

    def centered_on(self, cx: float, cy: float) -> CropPlan:
        """The crop with its centre at (about) ``cx``, ``cy`` (clamped)."""
        return self.moved_to(cx - self.rect.w / 2, cy - self.rect.h / 2)

    @property
    def is_centered(self) -> bool:
        c = CropPlan.centered(self.src_w, self.src_h, *self.ratio).rect
        return (c.x, c.y) == (self.rect.x, self.rect.y)

    @property
    def offsets(self) -> tuple[int | None, int | None]:
        """``(offset_x, offset_y)`` to send: None for both when the frame is where the service
        puts it by itself (centred)."""
        if self.is_centered:
            return None, None
        return self.rect.x, self.rect.y

    @property
    def output_size(self) -> tuple[int, int]:
        return self.rect.size

    def kept_fraction(self) -> float:
        """The share of the source's pixels that is kept (0..1)."""
        return (self.rect.w * self.rect.h) / float(self.src_w * self.src_h)


@dataclass(frozen=True)
class ReframePlan:
    """AI Reframe of a ``src_w`` x ``src_h`` picture to ``ratio``: a ``frame_w`` x ``frame_h`` frame
    (in source pixels) that holds the whole picture at :attr:`picture` (the frame's top-left is
    0, 0); the model fills the rest."""

    src_w: int
    src_h: int
    ratio: tuple[int, int]
    frame_w: int
    frame_h: int
    picture: Rect

    @classmethod
    def centered(cls, src_w: int, src_h: int, rw: int, rh: int) -> ReframePlan:
        """The smallest frame of the ratio around the picture, the picture in its middle.

        :raises InputError: the frame would be mostly invented (over :data:`MAX_FILL` times the
            picture), or the picture is too small.
        """
        _check_source(src_w, src_h)
        ratio = reduce_ratio(rw, rh)
        rw, rh = ratio
        if src_w * rh >= src_h * rw:  # the source is wider: the frame grows in height
            fw = even_ceil(src_w)
            fh = max(even_ceil(src_h), even_ceil(fw * rh / rw))
        else:  # taller: the frame grows in width
            fh = even_ceil(src_h)
            fw = max(even_ceil(src_w), even_ceil(fh * rw / rh))
        if fw * fh > MAX_FILL * src_w * src_h:
            raise InputError(_("A {rw}:{rh} frame around this {src_w}×{src_h} video would be {fw}×{fh} pixels, more "
                               "than {max} times the picture; choose a ratio closer to the video's own.").format(
                rw=rw, rh=rh, src_w=src_w, src_h=src_h, fw=fw, fh=fh, max=f"{MAX_FILL:g}"))
        pic = Rect(even_floor((fw - src_w) / 2), even_floor((fh - src_h) / 2), src_w, src_h)
        return cls(src_w, src_h, ratio, fw, fh, pic)

    @property
    def ratio_text(self) -> str:
        return ratio_text(*self.ratio)

    @property
    def output_size(self) -> tuple[int, int]:
        """The size of the result: the new frame with the source's longer side as its longer side
        (the picture is scaled into it, not kept at its own pixels)."""
        rw, rh = self.ratio
        long = even_floor(max(self.src_w, self.src_h))
        return (long, even_floor(long * rh / rw)) if rw >= rh else (even_floor(long * rw / rh), long)

    @property
    def movable(self) -> tuple[bool, bool]:
        """The picture stays in the middle of the new frame (the service centres it)."""
        return False, False

    @property
    def picture_in_output(self) -> tuple[int, int]:
        """The picture's size in the result: scaled with the frame to :attr:`output_size` (a
        1920x1080 clip in a 21:9 result of 1920x822 is 1461x822 there; never larger than itself)."""
        ow, oh = self.output_size
        s = min(1.0, ow / self.frame_w, oh / self.frame_h)
        return round(self.src_w * s), round(self.src_h * s)

    def added_fraction(self) -> float:
        """The share of the new frame that the model invents (0..1)."""
        return 1.0 - (self.src_w * self.src_h) / float(self.frame_w * self.frame_h)


@dataclass(frozen=True)
class ViewMap:
    """A ``width`` x ``height`` area (source pixels) fitted into a ``view_w`` x ``view_h`` view,
    keeping its aspect ratio and centred: ``scale`` view pixels per source pixel, its top-left at
    ``left``, ``top``."""

    left: float
    top: float
    scale: float

    @classmethod
    def fit(cls, width: float, height: float, view_w: float, view_h: float, margin: float = 0.0) -> ViewMap:
        room_w, room_h = max(1.0, view_w - 2 * margin), max(1.0, view_h - 2 * margin)
        s = min(room_w / max(1.0, width), room_h / max(1.0, height))
        return cls((view_w - width * s) / 2, (view_h - height * s) / 2, s)

    def to_view(self, x: float, y: float) -> tuple[float, float]:
        return self.left + x * self.scale, self.top + y * self.scale

    def to_source(self, vx: float, vy: float) -> tuple[float, float]:
        return (vx - self.left) / self.scale, (vy - self.top) / self.scale

    def rect_to_view(self, r: Rect) -> tuple[float, float, float, float]:
        """``(x, y, w, h)`` of ``r`` in view coordinates."""
        x, y = self.to_view(r.x, r.y)
        return x, y, r.w * self.scale, r.h * self.scale


__all__ = ["MAX_FILL", "MIN_SIDE", "PRESETS", "CropPlan", "Rect", "ReframePlan", "ViewMap", "crop_size",
           "even_ceil", "even_floor", "ratio_text", "reduce_ratio", "same_shape"]
