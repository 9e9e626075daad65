"""Time left of a transfer, from its real progress: bytes over time, smoothed.

:class:`Eta` is fed the progress reports of one upload (bytes done, bytes in all); its rate is
an exponentially weighted moving average of the rates between reports (:data:`ALPHA`), and
:meth:`Eta.seconds_left` is the bytes left over that rate. Nothing is said before
:data:`MIN_SECONDS` of real progress: the first chunks (TCP slow start, buffers filling) say
little about the link. No Qt here.
"""

from __future__ import annotations

import time
from collections.abc import Callable

#: the weight of the newest interval's rate
ALPHA = 0.3
#: seconds of progress before a time left is given
MIN_SECONDS = 0.5
#: reports closer than this are merged into the next interval (tiny intervals are noise)
MIN_INTERVAL = 0.1


class Eta:
    """The smoothed rate and time left of one transfer (see the module's docstring)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.rate: float | None = None
        self.total: int | None = None
        self.done = 0
        self._first: float | None = None
        self._last: tuple[float, int] | None = None

    def update(self, done: int, total: int | None) -> None:
        """One progress report: ``done`` of ``total`` bytes (``total`` None: unknown)."""
        now = self.clock()
        self.total = total
        if self._last is None or done < self._last[1]:  # the first report, or a retry started again
            self._first = now
            self._last = (now, done)
            self.done = done
            self.rate = None
            return
        t0, d0 = self._last
        self.done = done
        dt = now - t0
        if dt < MIN_INTERVAL:
            return
        r = (done - d0) / dt
        self.rate = r if self.rate is None else ALPHA * r + (1 - ALPHA) * self.rate
        self._last = (now, done)

    def seconds_left(self) -> float | None:
        """Seconds until the last byte at the smoothed rate (None: too early, or unknown size)."""
        if self.rate is None or self.rate <= 0 or self.total is None or self._first is None:
            return None
        if self.clock() - self._first < MIN_SECONDS:
            return None
        return max(0.0, (self.total - self.done) / self.rate)
