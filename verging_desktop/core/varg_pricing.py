"""varg's prices as data: a local, editable table (``resources/varg_pricing.json``), in cents.

varg's v1 ``GET /pricing`` is undocumented; when it answers (v2 shape:
``{"data":[{"model","providers":[{"user_price_estimate_cents"}]}]}``) its figure for a model is the
price of one default request of that model and replaces the table's (:meth:`VargPricing.with_route`).
The table's units (``models.<id>.unit``):

* ``second``: cents per second of the result (video: the asked duration; music likewise);
* ``image``: cents per image made (image models, background removal);
* ``kchars``: cents per started 1,000 characters of text (speech);
* ``minute``: cents per started minute of audio (transcription).

The sandbox charges with this same table, so a sandbox charge equals its estimate. A cache hit
and a request paid with the user's own provider key cost 0 on varg (services/varg_cost.py says so).

A user may override the table with a file of the same shape: ``VARG_PRICING_FILE``, or
``varg_pricing.json`` in the config folder.
"""

from __future__ import annotations

import math
from typing import Any

from .pricing_table import PricingTable
from .varg_models import find_model

FILE_NAME = "varg_pricing.json"
ENV_FILE = "VARG_PRICING_FILE"
UNITS = ("second", "image", "kchars", "minute")


def _num(v: Any) -> float | None:
    if v is None or isinstance(v, bool):
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) and f >= 0 else None


class VargPricing(PricingTable):
    """Cent estimates for varg requests, from the table (and the pricing route's figures; loaded
    by :class:`PricingTable`)."""

    FILE_NAME = FILE_NAME
    ENV_FILE = ENV_FILE
    LABEL = "varg"
    SECTION = "models"

    def __init__(self, data: dict[str, Any], source: str = "", route: dict[str, float] | None = None) -> None:
        super().__init__(data, source)
        self.models: dict[str, dict[str, Any]] = {str(k).lower(): v for k, v in data["models"].items()
                                                  if isinstance(v, dict)}
        #: model id -> cents of one default request, from GET /pricing (empty: the route did not answer)
        self.route: dict[str, float] = dict(route or {})

    def with_route(self, answer: Any) -> VargPricing:
        """This table with the figures of a ``GET /pricing`` answer (v2 shape, or a list of
        ``{"model","cents"|"price_cents"|"user_price_estimate_cents"}``); unreadable entries are skipped."""
        rows = answer.get("data") if isinstance(answer, dict) else answer
        route: dict[str, float] = {}
        for row in rows if isinstance(rows, list) else []:
            if not isinstance(row, dict):
                continue
            mid = str(row.get("model") or "").strip().lower()
            if ":" in mid:
                mid = mid.split(":", 1)[1]
            cents = None
            for p in row.get("providers") or []:
                if isinstance(p, dict):
                    cents = _num(p.get("user_price_estimate_cents"))
                    if cents is not None:
                        break
            if cents is None:
                cents = _num(row.get("user_price_estimate_cents", row.get("price_cents", row.get("cents"))))
            if mid and cents is not None:
                route[mid] = cents
        return VargPricing(self.data, self.source, route)

    # -- reading ---------------------------------------------------------------------------------
    def entry(self, model: str) -> tuple[str, float] | None:
        """``(unit, cents)`` of ``model`` in the table, or None when the table does not know it."""
        m = find_model(model)
        e = self.models.get(m.id if m else (model or "").strip().lower())
        if not e:
            return None
        unit, cents = str(e.get("unit") or ""), _num(e.get("cents"))
        if unit not in UNITS or cents is None:
            return None
        return unit, cents

    def cents(self, model: str, *, seconds: float | None = None, chars: int | None = None,
              images: int = 1) -> float | None:
        """The table's cents for one request of ``model``: ``seconds`` of result (video, music) or
        of audio (transcription), ``chars`` of text (speech), ``images`` made. None when unknown
        (a model missing from the table, a duration not known yet)."""
        e = self.entry(model)
        if e is None:
            return None
        unit, rate = e
        if unit == "second":
            return None if seconds is None else round(rate * max(0.0, seconds), 4)
        if unit == "image":
            return round(rate * max(1, images), 4)
        if unit == "kchars":
            return None if chars is None else round(rate * max(1, math.ceil(max(0, chars) / 1000)), 4)
        if seconds is None:
            return None
        return round(rate * max(1, math.ceil(max(0.0, seconds) / 60)), 4)

    def route_cents(self, model: str) -> float | None:
        """The pricing route's cents for one default request of ``model``, or None."""
        m = find_model(model)
        return self.route.get(m.id if m else (model or "").strip().lower())
