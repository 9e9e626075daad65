"""How long a job of one kind usually takes on the server: the median of the last completed ones.

The submit area says "results usually take about 40 s" and a running job's row says "about 25 s
left" from this figure: the median of (finished - submitted) of the last :data:`RECENT`
completed jobs of that kind and provider in the job store. No history, no figure (None): the
app never guesses a time it has not seen.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from typing import Protocol

#: how many of the latest completed jobs count
RECENT = 20


class RunTimes(Protocol):
    """The part of :class:`~verging_desktop.jobs.store.JobStore` this module reads."""

    def run_times(self, kind: str, *, provider: str | None = None, limit: int = 20) -> list[float]: ...


def median_seconds(durations: Iterable[float]) -> float | None:
    """The median of the non-negative ``durations`` (None when there are none)."""
    vals = [float(d) for d in durations if d is not None and d >= 0]
    return float(statistics.median(vals)) if vals else None


def typical_seconds(store: RunTimes, kind: str, *, provider: str | None = None,
                    recent: int = RECENT) -> float | None:
    """The median seconds from submit to result of the last ``recent`` completed ``kind`` jobs."""
    return median_seconds(store.run_times(kind, provider=provider, limit=recent))


def remaining_seconds(typical: float | None, elapsed: float) -> float | None:
    """What is left of a ``typical`` run after ``elapsed`` seconds (None: no history, or it is
    already over the usual time: nothing honest to say)."""
    if typical is None:
        return None
    left = typical - max(0.0, elapsed)
    return left if left >= 1.0 else None
