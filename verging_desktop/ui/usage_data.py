"""Kept for imports from before the aggregation moved below ui/: see :mod:`verging_desktop.services.usage`."""

from __future__ import annotations

from ..services.usage import (
    ALL_SERVICES,
    SERVICE_COLORS,
    SERVICE_LABELS,
    USAGE_SERVICES,
    DailyUsage,
    aggregate,
    nice_ceiling,
    service_color,
    service_label,
)

__all__ = ["ALL_SERVICES", "SERVICE_COLORS", "SERVICE_LABELS", "USAGE_SERVICES", "DailyUsage", "aggregate",
           "nice_ceiling", "service_color", "service_label"]
