"""What a varg request will cost before it is sent, and what it did cost after (no Qt: the tabs
and the CLI use the same words).

Every amount is in **cents** (varg bills cents; the app shows "35 ¢ ($0.35)").

:meth:`VargCost.estimate` prices a request with

1. the pricing route's figure (``GET /pricing``, :meth:`VargPricing.route_cents`) when the route
   answered: that figure is the price of one default request of the model, so it is scaled by the
   request's duration (relative to the model's default duration), its characters (per started
   1,000) or its audio minutes, as the table's unit says ("varg's price list");
2. else the local, editable table (:meth:`VargPricing.cents`, "local price table");
3. else nothing: "no price known for <model>; varg shows the charge after the job".

varg bills 0 for a request paid with the user's own provider key (BYOK: the model's upstream key
id is in ``byok``) and for a cache hit; the estimate says "probably from cache" when the app sent
the same request (same :func:`~.varg_cache.request_key`) within 30 days and the cache is in use.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..api.varg.models import CacheMode, VargRequest
from ..core.i18n import N_, _
from ..core.varg_models import UPSTREAMS, Capability, VargModel
from ..core.varg_pricing import VargPricing
from .varg_cache import SeenRequests, hashes_of, request_key

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Mapping

    from ..jobs.store import JobRecord

#: the estimate's sources (kept in English: shown through ``_()``)
ROUTE = N_("varg's price list")
TABLE = N_("local price table")
#: what a transcription's price is for while its length is not known (shown through ``_()``)
PER_AUDIO_MINUTE = N_("minute of audio")
#: the unit a model is priced in when the table does not list it (a route figure still scales)
_CAPABILITY_UNIT = {Capability.VIDEO: "second", Capability.MUSIC: "second", Capability.IMAGE: "image",
                    Capability.SPEECH: "kchars", Capability.TRANSCRIPTION: "minute"}
#: varg's default video duration (``specs/varg-gateway.md``) for a model that names none
_DEFAULT_SECONDS = 5.0


#: a number and its unit are joined by a no-break space: "33 ¢" never breaks into "33" / "¢" in a wrapped line
CENT = "\u00a0¢"


def _trim(f: float, places: int) -> str:
    s = f"{f:,.{places}f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def cents_text(c: float | None) -> str:
    """``35 ¢ ($0.35)``; ``0.5 ¢ ($0.005)``; ``1,250 ¢ ($12.50)``; "unknown" for None."""
    if c is None or not math.isfinite(c):
        return _("unknown")
    c = max(0.0, float(c))
    dollars = c / 100
    d = f"{dollars:,.2f}"
    if abs(float(d.replace(",", "")) - dollars) > 1e-9:  # sub-cent amounts keep their digits
        d = _trim(dollars, 4)
    return f"{_trim(c, 2)}{CENT} (${d})"


def _cents_short(c: float) -> str:
    return f"{_trim(max(0.0, c), 2)}{CENT}"


def byok_name(kid: str) -> str:
    """"fal.ai" for ``fal``, "ElevenLabs" for ``elevenlabs`` (the upstream the key pays)."""
    for name, key in UPSTREAMS.values():
        if key == kid:
            return name
    return kid


@dataclass(frozen=True)
class VargEstimate:
    """An estimate of one varg request.

    ``cents``: the price of the request (None: unknown). ``source``: :data:`ROUTE`, :data:`TABLE`
    or "" (unknown). ``byok``: the BYOK key id that pays the provider instead ("" none).
    ``probably_cached``: the app sent the same request within 30 days with the cache in use.
    ``model``: the model's name (for the unknown-price sentence). ``per``: when the request's size
    is not known yet (a transcription of an audio URL), what ``cents`` is the price of
    ("minute of audio": the least it costs).
    """

    cents: float | None
    source: str
    byok: str = ""
    probably_cached: bool = False
    model: str = ""
    per: str = ""

    @property
    def billed_cents(self) -> float | None:
        """What varg will bill: 0 with the user's own provider key or (probably) from the cache."""
        if self.byok or self.probably_cached:
            return 0.0
        return self.cents

    def amount_text(self) -> str:
        """``35 ¢ ($0.35) (local price table)`` or the unknown sentence; nothing about BYOK/cache."""
        if self.cents is None:
            return _("no price known for {model}; varg shows the charge after the job").format(
                model=self.model or _("this model"))
        if self.per:
            return _("{amount} per {unit} ({source})").format(
                amount=cents_text(self.cents), unit=_(self.per), source=_(self.source or TABLE))
        return _("{amount} ({source})").format(amount=cents_text(self.cents), source=_(self.source or TABLE))

    def text(self) -> str:
        """The sentence shown beside the provider choice and printed by the CLI."""
        if self.probably_cached:
            if self.cents is None:
                return _("probably from cache: free (you made the same request before)")
            return _("probably from cache: free (you made the same request before); otherwise {amount}").format(
                amount=cents_text(self.cents))
        if self.byok:
            return _("your own {provider} key: billed by the provider").format(provider=byok_name(self.byok))
        return self.amount_text()

    def __str__(self) -> str:
        return self.text()


class VargCost:
    """Estimates for varg requests from ``pricing`` (the table, with the route's figures overlaid
    when the route answered) and ``seen`` (the requests sent in the last 30 days; None: never
    "probably cached")."""

    def __init__(self, pricing: VargPricing | None = None, seen: SeenRequests | None = None) -> None:
        self.pricing = pricing if pricing is not None else VargPricing.default()
        self.seen = seen

    # -- the pieces ------------------------------------------------------------------------------
    @staticmethod
    def seconds_of(req: VargRequest, m: VargModel) -> float | None:
        """The billed seconds of a video or music request (its duration, else the model's default)."""
        if req.duration is not None:
            return float(req.duration)
        return float(m.default_duration) if m.default_duration is not None else _DEFAULT_SECONDS

    def unit_of(self, m: VargModel) -> str:
        e = self.pricing.entry(m.id)
        return e[0] if e is not None else _CAPABILITY_UNIT[m.capability]

    def _route(self, m: VargModel, unit: str, *, seconds: float | None, chars: int | None) -> float | None:
        rc = self.pricing.route_cents(m.id)
        if rc is None:
            return None
        if unit == "second":
            if seconds is None:
                return None
            default = float(m.default_duration) if m.default_duration else _DEFAULT_SECONDS
            return round(rc * max(0.0, seconds) / default, 4)
        if unit == "kchars":
            return None if chars is None else round(rc * max(1, math.ceil(max(0, chars) / 1000)), 4)
        if unit == "minute":
            return None if seconds is None else round(rc * max(1, math.ceil(max(0.0, seconds) / 60)), 4)
        return round(rc, 4)

    def price(self, req: VargRequest, *, media_seconds: float | None = None) -> tuple[float | None, str, str]:
        """``(cents, source, per)`` of ``req`` before BYOK and cache (see the module's text)."""
        m = req.model_info
        if m is None:
            return None, "", ""
        unit = self.unit_of(m)
        seconds: float | None = None
        chars: int | None = None
        per = ""
        if m.capability in (Capability.VIDEO, Capability.MUSIC):
            seconds = self.seconds_of(req, m)
        elif m.capability is Capability.SPEECH:
            chars = len(req.text or "")
        elif m.capability is Capability.TRANSCRIPTION:
            seconds = media_seconds if media_seconds is not None else _audio_seconds(req.audio)
            if seconds is None and unit == "minute":
                seconds, per = 60.0, PER_AUDIO_MINUTE   # the least it costs
        cents = self._route(m, unit, seconds=seconds, chars=chars)
        if cents is not None:
            return cents, ROUTE, per
        cents = self.pricing.cents(m.id, seconds=seconds, chars=chars, images=1)
        if cents is not None:
            return cents, TABLE, per
        return None, "", ""

    def probably_cached(self, req: VargRequest, hashes: Mapping[str, str] | None = None) -> bool:
        """The cache is in use for ``req`` and the app sent the same request within 30 days."""
        if self.seen is None or req.cache is not CacheMode.USE:
            return False
        try:
            return self.seen.seen(request_key(req, hashes_of(req) if hashes is None else hashes))
        except KeyError:  # an input file cannot be read: it cannot be the same request
            return False

    # -- the estimate ----------------------------------------------------------------------------
    def estimate(self, req: VargRequest, *, byok: frozenset[str] = frozenset(), media_seconds: float | None = None,
                 hashes: Mapping[str, str] | None = None) -> VargEstimate:
        """The estimate of ``req``: ``byok`` the BYOK key ids the user has (only the model's own
        upstream counts), ``media_seconds`` the audio's length for a transcription (probed from a
        local file when not given), ``hashes`` the input files' hashes when the caller has them."""
        m = req.model_info
        name = m.id if m is not None else (req.model or "").strip()
        cents, source, per = self.price(req, media_seconds=media_seconds)
        kid = m.byok if m is not None else None
        return VargEstimate(cents, source, byok=kid if kid and kid in byok else "",
                            probably_cached=self.probably_cached(req, hashes), model=name, per=per)


#: (path, size, mtime_ns) -> seconds: a file is probed once while it is unchanged
_LENGTHS: dict[tuple[str, int, int], float | None] = {}


def _audio_seconds(audio: str) -> float | None:
    """The length of a local audio file (a quick PyAV probe), or None (a URL, unreadable)."""
    if not audio or audio.strip().lower().startswith(("http://", "https://")):
        return None
    try:
        st = os.stat(audio)
    except OSError:
        return None
    memo = (os.path.abspath(audio), st.st_size, st.st_mtime_ns)
    if memo in _LENGTHS:
        return _LENGTHS[memo]
    try:
        from ..media.probe import probe

        info = probe(audio, require_video=False, scan_packets=False)
        length = info.audio_duration or info.duration
        seconds = float(length) if length and math.isfinite(length) and length > 0 else None
    except Exception:  # an unreadable file has no length; check_request says why
        seconds = None
    if len(_LENGTHS) > 256:
        _LENGTHS.clear()
    _LENGTHS[memo] = seconds
    return seconds


def outcome_text(rec: JobRecord) -> str:
    """What a finished varg job cost, in the words the tabs and the CLI share:
    "From cache: free", "Your own ElevenLabs key: billed by the provider",
    "Charged 35 ¢ ($0.35), estimate 35 ¢", or "Charge not known yet" (with the estimate)."""
    params: Mapping[str, Any] = rec.params or {}
    if params.get("cache") == "hit":
        return _("From cache: free")
    kid = params.get("byok")
    if kid:
        return _("Your own {provider} key: billed by the provider").format(provider=byok_name(str(kid)))
    est = rec.estimated_credits
    if rec.charged_credits is None:
        if est is None:
            return _("Charge not known yet")
        return _("Charge not known yet, estimate {estimate}").format(estimate=_cents_short(est))
    if est is None:
        return _("Charged {amount}").format(amount=cents_text(rec.charged_credits))
    return _("Charged {amount}, estimate {estimate}").format(amount=cents_text(rec.charged_credits),
                                                          estimate=_cents_short(est))
