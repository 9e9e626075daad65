"""Turn usage records into credits per day and per service (no Qt; the chart draws the result)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

SERVICE_LABELS = {
    "chat": "Chat",
    "imagegen": "Image generation",
    "tts": "Text to speech",
    "stt": "Speech to text",
    "vision": "Vision",
    "faceswap": "Face swap",
    "video_enhance": "Video enhance",
    "background_removal": "Background removal",
    "image_to_video": "Image to video",
}

#: the service types the usage endpoint filters on
USAGE_SERVICES = ("chat", "imagegen", "tts", "stt", "vision")

SERVICE_COLORS = {
    "chat": "#4e79a7",
    "imagegen": "#f28e2b",
    "tts": "#59a14f",
    "stt": "#e15759",
    "vision": "#76b7b2",
    "faceswap": "#edc948",
    "video_enhance": "#b07aa1",
    "background_removal": "#ff9da7",
    "image_to_video": "#9c755f",
}
_EXTRA = ("#8cd17d", "#b6992d", "#499894", "#86bcb6", "#d37295", "#a0cbe8")


def service_label(s: str) -> str:
    return SERVICE_LABELS.get(s, s.replace("_", " ").capitalize() or "Other")


def service_color(s: str) -> str:
    if s in SERVICE_COLORS:
        return SERVICE_COLORS[s]
    return _EXTRA[sum(map(ord, s)) % len(_EXTRA)]


@dataclass
class DailyUsage:
    days: list[date]
    services: list[str]  # largest total first
    values: dict[str, list[float]] = field(default_factory=dict)

    def total(self, i: int) -> float:
        return sum(v[i] for v in self.values.values())

    def service_total(self, s: str) -> float:
        return sum(self.values.get(s, []))

    @property
    def max_total(self) -> float:
        return max((self.total(i) for i in range(len(self.days))), default=0.0)

    @property
    def empty(self) -> bool:
        return self.max_total <= 0


def _local_day(t: datetime) -> date:
    return t.astimezone().date() if t.tzinfo is not None else t.date()


def aggregate(records: Iterable[Any], days: int = 14, today: date | None = None) -> DailyUsage:
    """Credits per local day (the last ``days`` days, ending today) and per service."""
    today = today or datetime.now().astimezone().date()
    day_list = [today - timedelta(days=days - 1 - i) for i in range(days)]
    index = {d: i for i, d in enumerate(day_list)}
    values: dict[str, list[float]] = {}
    for r in records:
        t = getattr(r, "created_at", None)
        if t is None:
            continue
        i = index.get(_local_day(t))
        if i is None:
            continue
        svc = str(getattr(r, "service_type", "") or "other")
        values.setdefault(svc, [0.0] * days)[i] += float(getattr(r, "credits_consumed", 0) or 0)
    services = sorted(values, key=lambda s: (-sum(values[s]), s))
    return DailyUsage(day_list, services, {s: values[s] for s in services})


def nice_ceiling(v: float) -> tuple[float, float]:
    """A round axis maximum at or above ``v`` and its tick step (4 or 5 ticks)."""
    if v <= 0:
        return 1.0, 1.0
    if v <= 5:  # credits are mostly whole numbers: whole ticks
        return float(max(1, math.ceil(v - 1e-9))), 1.0
    exp = 10 ** math.floor(math.log10(v))
    for m, step in ((1, 0.2), (2, 0.5), (2.5, 0.5), (5, 1), (10, 2)):
        if m * exp >= v - 1e-12:
            return m * exp, step * exp
    return 10 * exp, 2 * exp  # pragma: no cover
