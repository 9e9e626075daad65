"""Prices are data, never constants in code.

The table ships in ``resources/pricing.json``; a user may override it with a file of the same
shape (``VERGING_PRICING_FILE`` or ``pricing.json`` in the config dir). The sandbox charges
with the same table, so its charges and the app's estimates can be compared exactly.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .errors import InputError
from .i18n import N_, _, n_
from .resources import resource_text
from .tools import kind_aliases

SERVICES = (
    "faceswap",
    "video_enhance",
    "image_to_video",
    "background_removal",
    "imagegen",
    "chat",
    "tts",
    "stt",
    "vision",
)

#: names accepted on the command line and in the UI for each service: every job kind (from the
#: tool registry, :func:`verging_desktop.core.tools.kind_aliases`) plus these typed shorthands
ALIASES = {
    **kind_aliases(),
    "enhance": "video_enhance",
    "video-enhancement": "video_enhance",
    "bg-remove": "background_removal",
    "image-to-video": "image_to_video",
}


def canonical_service(name: str) -> str:
    n = name.strip().lower()
    n = ALIASES.get(n, n)
    if n not in SERVICES:
        raise InputError(_("Unknown service '{name}'. Choose one of: {services}.").format(
            name=name, services=", ".join(SERVICES)))
    return n


#: the names the built-in price lists give themselves (resources/pricing.json: lists.*.title, where),
#: marked so the interface shows them translated
LIST_WORDS = (N_("Verging's price list"), N_("Verging's tool guides"), N_("Verging's API documentation"))


#: image qualities, as an estimate names them ("2 images x 3 (standard)")
QUALITY_WORDS = {"auto": N_("auto"), "standard": N_("standard"), "hd": N_("hd")}


def format_day(d: date) -> str:
    """``22 Nov 2026`` (no month names from the system: the app's own words, translated with the
    interface: ``2026年11月22日``)."""
    months = [N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"), N_("Aug"), N_("Sep"),
              N_("Oct"), N_("Nov"), N_("Dec")]
    return _("{day} {month} {year}", "a date").format(day=d.day, month=_(months[d.month - 1]), year=d.year)


def chars_to_tokens(chars: int) -> int:
    """A conservative token count for text of ``chars`` characters (about 4 per token)."""
    return max(1, math.ceil(chars / 4)) if chars > 0 else 0


@dataclass(frozen=True)
class Estimate:
    credits: int
    detail: str

    def __int__(self) -> int:
        return self.credits


class Pricing:
    """Credit estimates computed from a pricing table."""

    def __init__(self, data: dict[str, Any], table: str | None = None, source: str = "") -> None:
        self.data = data
        self.table_name = table or data.get("active", "docs")
        if self.table_name not in data["tables"]:
            raise InputError(_("The pricing file has no table named '{name}'.").format(name=self.table_name))
        self.table: dict[str, dict[str, Any]] = data["tables"][self.table_name]
        self.source = source
        cur = data.get("currency", {"usd": 10, "credits": 530})
        self.usd_per_credit = float(cur["usd"]) / float(cur["credits"])
        rounding = data.get("per_second_rounding", {})
        self.grace = float(rounding.get("grace_seconds", 0.0))

    # -- loading -------------------------------------------------------------------------
    @classmethod
    def default(cls, table: str | None = None) -> Pricing:
        text = resource_text("pricing.json")
        return cls(json.loads(text), table, source="built-in")

    @classmethod
    def from_file(cls, path: str | Path, table: str | None = None) -> Pricing:
        p = Path(path)
        try:
            data = json.loads(p.read_text("utf-8"))
        except (OSError, ValueError) as e:
            raise InputError(_("Cannot read the pricing file {path}: {reason}").format(path=p, reason=e)) from None
        if not isinstance(data, dict) or "tables" not in data:
            raise InputError(_("The pricing file {path} has no 'tables' section.").format(path=p))
        return cls(data, table, source=str(p))

    @classmethod
    def load(cls, config_dir: str | Path | None = None, table: str | None = None) -> Pricing:
        env = os.environ.get("VERGING_PRICING_FILE")
        if env:
            return cls.from_file(env, table or os.environ.get("VERGING_PRICING_TABLE"))
        if config_dir is not None:
            p = Path(config_dir) / "pricing.json"
            if p.is_file():
                return cls.from_file(p, table)
        return cls.default(table or os.environ.get("VERGING_PRICING_TABLE"))

    def service(self, name: str) -> dict[str, Any]:
        return self.table[canonical_service(name)]

    # -- where the prices come from, in plain words ------------------------------------------
    @property
    def tables(self) -> list[str]:
        return list(self.data.get("tables", {}))

    def _list_info(self, table: str | None = None) -> dict[str, Any]:
        info = self.data.get("lists", {}).get(table or self.table_name, {})
        return info if isinstance(info, dict) else {}

    @property
    def custom_file(self) -> bool:
        """The prices come from the user's own file, not the table built into the app."""
        return bool(self.source) and self.source != "built-in"

    def updated(self, table: str | None = None) -> date | None:
        """When the list was last copied from Verging's pages (``lists.<table>.updated``)."""
        v = self._list_info(table).get("updated")
        try:
            return date.fromisoformat(str(v)) if v else None
        except ValueError:
            return None

    def list_title(self, table: str | None = None) -> str:
        """A person's name for a price list: "Verging's price list", "Verging's tool guides"."""
        t = table or self.table_name
        return _(str(self._list_info(t).get("title") or t))

    def list_label(self, table: str | None = None) -> str:
        """The name with its date, for a choice: "Verging's price list (updated 22 Nov 2026)"."""
        d = self.updated(table)
        return self.list_title(table) + (_(" (updated {day})").format(day=format_day(d)) if d else "")

    @property
    def published_text(self) -> str:
        """Where the prices shown come from: "prices as published by Verging (updated 22 Nov 2026)"."""
        d = self.updated()
        when = _(" (updated {day})").format(day=format_day(d)) if d else ""
        if self.custom_file:
            return _("prices from your own price file{when}").format(when=when)
        if self.table_name == "docs":
            return _("prices as published by Verging{when}").format(when=when)
        info = self._list_info()
        if info.get("where"):
            return _("prices as published in {where}{when}").format(where=_(str(info["where"])), when=when)
        return _("prices from the '{name}' list{when}").format(name=self.table_name, when=when)

    def differing_services(self) -> list[str]:
        """The services whose prices differ between the lists (in :data:`SERVICES` order)."""
        tables = [t for t in self.data.get("tables", {}).values() if isinstance(t, dict)]
        return [s for s in SERVICES if len({json.dumps(t.get(s), sort_keys=True) for t in tables}) > 1]

    # -- money ---------------------------------------------------------------------------
    def dollars(self, credits: float) -> float:
        return round(credits * self.usd_per_credit, 2)

    def billable_seconds(self, duration: float) -> int:
        """Whole seconds billed for a clip: partial seconds round up, past a small grace."""
        if duration <= 0:
            return 0
        return max(1, math.ceil(duration - self.grace))

    def max_seconds(self, service: str) -> float:
        return float(self.service(service).get("max_seconds", 30))

    # -- estimates -------------------------------------------------------------------------
    def per_second_rate(self, service: str, hd: bool) -> int:
        s = self.service(service)
        return int(s["hd_rate"] if hd else s["rate"])

    def video(self, service: str, duration: float, hd: bool = False) -> Estimate:
        secs = self.billable_seconds(duration)
        rate = self.per_second_rate(service, hd)
        detail = _("{seconds} s x {rate}", "seconds billed times the rate").format(
            seconds=secs, rate=n_("%n credit(s)/s", rate))
        return Estimate(secs * rate, detail + (_(" (HD)") if hd else ""))

    def faceswap(self, duration: float, hd: bool = False) -> Estimate:
        return self.video("faceswap", duration, hd)

    def video_enhance(self, duration: float, hd: bool = False) -> Estimate:
        return self.video("video_enhance", duration, hd)

    def background_removal(self, images: int = 1) -> Estimate:
        rate = int(self.service("background_removal")["rate"])
        return Estimate(images * rate, n_("%n image(s) x {rate}", images).format(rate=rate))

    def imagegen(self, n: int = 1, quality: str = "auto") -> Estimate:
        s = self.service("imagegen")
        q = quality.lower()
        rate = int(s.get(q, s.get("standard", 0)))
        word = _(QUALITY_WORDS[q]) if q in QUALITY_WORDS else q
        return Estimate(n * rate, n_("%n image(s) x {rate} ({quality})", n).format(rate=rate, quality=word))

    def _tokens(self, service: str, input_tokens: int, output_tokens: int) -> Estimate:
        s = self.service(service)
        raw = (
            float(s.get("base", 0))
            + input_tokens * float(s["per_10k_input"]) / 10000.0
            + output_tokens * float(s["per_10k_output"]) / 10000.0
        )
        credits = max(int(s.get("minimum", 1)), math.ceil(raw - 1e-9))
        return Estimate(credits, _("{input} in + {output} out tokens").format(input=input_tokens, output=output_tokens))

    def chat(self, input_tokens: int, output_tokens: int) -> Estimate:
        return self._tokens("chat", input_tokens, output_tokens)

    def vision(self, input_tokens: int, output_tokens: int) -> Estimate:
        return self._tokens("vision", input_tokens, output_tokens)

    def minimum_balance(self, service: str) -> int:
        return int(self.service(service).get("minimum_balance", 0))

    def tts(self, chars: int) -> Estimate:
        s = self.service("tts")
        raw = chars * float(s["per_1k_chars"]) / 1000.0
        credits = max(int(s.get("minimum", 1)), math.ceil(raw - 1e-9))
        return Estimate(credits, _("{chars} characters", "text to speak, in an estimate").format(chars=chars))

    def stt(self, duration: float) -> Estimate:
        s = self.service("stt")
        minutes = math.ceil(max(0.0, duration) / 60.0 - 1e-9)
        credits = max(int(s.get("minimum", 1)), minutes * int(s["per_minute"]))
        return Estimate(credits, _("{minutes} min", "minutes of audio, in an estimate").format(minutes=minutes))

    def estimate(self, service: str, **params: Any) -> Estimate:
        """Estimate any service from keyword parameters (used by ``verging estimate``)."""
        svc = canonical_service(service)
        hd = bool(params.get("hd"))
        if svc in ("faceswap", "video_enhance", "image_to_video"):
            if params.get("duration") is None:
                raise InputError(_("Estimating {service} needs --duration SECONDS.").format(service=svc))
            return self.video(svc, float(params["duration"]), hd)
        if svc == "background_removal":
            return self.background_removal(int(params.get("count") or 1))
        if svc == "imagegen":
            q = params.get("quality") or ("hd" if hd else "auto")
            return self.imagegen(int(params.get("count") or 1), q)
        if svc in ("chat", "vision"):
            tin = params.get("input_tokens")
            if tin is None:
                tin = chars_to_tokens(int(params.get("chars") or 0))
            tout = int(params.get("output_tokens") or 0)
            return self.chat(int(tin), tout) if svc == "chat" else self.vision(int(tin), tout)
        if svc == "tts":
            if params.get("chars") is None:
                raise InputError(_("Estimating tts needs --chars N."))
            return self.tts(int(params["chars"]))
        if svc == "stt":
            if params.get("duration") is None:
                raise InputError(_("Estimating stt needs --duration SECONDS."))
            return self.stt(float(params["duration"]))
        raise InputError(_("No estimate for {service}.").format(service=svc))  # pragma: no cover
