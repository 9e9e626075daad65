"""The frame grid of a probed clip: the time <-> frame arithmetic the trimmer is built on.

Points are always on frame boundaries: ``bounds[i]`` is the start of frame ``i`` and
``bounds[-1]`` the end of the last frame (the clip's end on the timeline). An in point is a
boundary index ``0..n-1``, an out point ``1..n``. Frame times come from the probe, so variable
frame rate clips step by their real frames. Also here: parsing a typed time, the over-limit
message, and how many filmstrip thumbnails fit a strip. No Qt.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.i18n import _

if TYPE_CHECKING:  # pragma: no cover
    from .probe import MediaInfo

_EPS = 1e-6


def parse_time(text: str) -> float:
    """Seconds from ``"12.5"``, ``"12.5 s"``, ``"1:02.250"`` or ``"1:02:03.5"``.

    :raises ValueError: not a time.
    """
    t = text.strip().lower().removesuffix("s").strip().replace(",", ".")
    if not t:
        raise ValueError("empty")
    parts = t.split(":")
    if len(parts) > 3 or any(p == "" for p in parts[:-1]):
        raise ValueError(text)
    if not re.fullmatch(r"\d*\.?\d*", parts[-1]) or parts[-1] in ("", "."):
        raise ValueError(text)
    total = 0.0
    for p in parts[:-1]:
        if not p.isdigit():
            raise ValueError(text)
        total = total * 60 + int(p)
    return total * 60 + float(parts[-1]) if len(parts) > 1 else float(parts[-1])


def limit_reason(length: float, max_seconds: float, provider: str = "Verging") -> str:
    """The message shown when a selection is longer than a job of ``provider`` may be."""
    shown = f"{length:.1f}"
    for d in (1, 2, 3):
        shown = f"{length:.{d}f}"
        if float(shown) > max_seconds:
            break
    return _("The selection is {length} s; {provider} takes at most {max:g} s per job. "
             "Move the in or out point.").format(length=shown, provider=provider, max=max_seconds)


def thumb_count(strip_width: float, thumb_height: float, aspect: float) -> int:
    """How many filmstrip thumbnails of ``thumb_height`` px and ``aspect`` fill a strip (6..48)."""
    return int(max(6, min(48, round(strip_width / max(16.0, thumb_height * aspect)))))


@dataclass(frozen=True)
class FrameGrid:
    """Frame boundaries and keyframes of one clip (empty before a clip is loaded)."""

    #: the start of every frame, then the end of the last one
    bounds: tuple[float, ...] = ()
    #: frame indices of the keyframes
    key_idx: tuple[int, ...] = ()
    #: keyframes and the clip's end (where an out point may snap)
    key_stops: tuple[int, ...] = ()
    #: the nominal duration of one frame
    frame_duration: float = 0.0

    @classmethod
    def from_info(cls, info: MediaInfo) -> FrameGrid:
        times = list(info.frame_times)
        if not times:
            return cls()
        fd = info.frame_duration or (times[-1] - times[-2] if len(times) > 1 else 1 / 30)
        end = max(times[-1] + fd, times[-1] + 1e-3)
        key_idx = tuple(sorted({info.frame_index_at(k) for k in info.keyframe_times}))
        stops = tuple([k for k in key_idx if k < len(times)] + [len(times)])
        return cls(tuple(times) + (end,), key_idx, stops, fd)

    def __bool__(self) -> bool:
        return bool(self.bounds)

    @property
    def frame_count(self) -> int:
        return max(0, len(self.bounds) - 1)

    @property
    def duration(self) -> float:
        """The clip's length on the timeline (end of its last frame)."""
        return self.bounds[-1] if self.bounds else 0.0

    # -- time -> index -------------------------------------------------------------------------
    def nearest_index(self, t: float, lo: int = 0, hi: int | None = None) -> int:
        """The boundary index nearest ``t`` within ``lo..hi``."""
        b = self.bounds
        hi = len(b) - 1 if hi is None else hi
        if hi < lo:
            return lo
        i = bisect.bisect_left(b, t, lo, hi + 1)
        if i <= lo:
            return lo
        if i > hi:
            return hi
        return i if b[i] - t <= t - b[i - 1] else i - 1

    def index_at_most(self, t: float) -> int:
        return max(0, bisect.bisect_right(self.bounds, t + _EPS) - 1)

    def frame_containing(self, t: float) -> int:
        return min(self.frame_count - 1, max(0, bisect.bisect_right(self.bounds, t + 1e-4) - 1))

    def nearest_keyframe_index(self, t: float, lo: int, hi: int, *, include_end: bool) -> int | None:
        """The keyframe (or, for an out point, the clip's end) nearest ``t`` within ``lo..hi``."""
        ks = self.key_stops if include_end else self.key_idx
        a = bisect.bisect_left(ks, lo)
        b = bisect.bisect_right(ks, hi)
        if a >= b:
            return None
        j = bisect.bisect_left(ks, self.nearest_index(t), a, b)
        cands = [ks[x] for x in (j - 1, j) if a <= x < b]
        return min(cands, key=lambda k: abs(self.bounds[k] - t))

    def step_stop(self, cur: int, steps: int, *, out: bool) -> int:
        """``steps`` keyframes (for an out point: keyframes or the end) from index ``cur``."""
        stops = self.key_stops if out else self.key_idx
        for _step in range(abs(steps)):
            nxt = [k for k in stops if k > cur] if steps > 0 else [k for k in stops if k < cur]
            if not nxt:
                break
            cur = nxt[0] if steps > 0 else nxt[-1]
        return cur

    # -- selections ----------------------------------------------------------------------------
    def first_selection(self, max_seconds: float) -> tuple[int, int]:
        """The selection a freshly loaded clip starts with: all of it, or its first ``max_seconds``."""
        n = self.frame_count
        if not n:
            return (0, 0)
        out = self.index_at_most(self.bounds[0] + max_seconds) \
            if self.duration - self.bounds[0] > max_seconds + _EPS else n
        return (0, max(1, out))

    def times(self, i_in: int, i_out: int) -> tuple[float, float]:
        return (self.bounds[i_in], self.bounds[i_out])

    def is_whole(self, start: float, end: float, tol: float | None = None) -> bool:
        """True when ``start..end`` covers every frame (within half a frame by default)."""
        if not self.bounds:
            return False
        tol = self.frame_duration / 2 if tol is None else tol
        return start <= self.bounds[0] + tol and end >= self.bounds[-1] - tol
