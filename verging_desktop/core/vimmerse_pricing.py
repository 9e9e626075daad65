"""Vimmerse's prices as data: a local, editable table (``resources/vimmerse_pricing.json``).

Vimmerse publishes no price list. The app asks ``/v2/video/estimate-credits`` for the apps that
route knows and uses this table for the rest (crop, reframe, enhance, sound effect, audio); the
sandbox charges with the same table and its estimate-credits route answers from it, so a charge
equals its estimate in every sandbox case. The asset's ``credits`` is the truth.

The table's units (``apps.<name>.unit``):

* ``block``: credits per started 5-second block of the billed duration (``block_seconds``; a
  small ``grace_seconds`` over a block boundary is not billed), times the quantity when
  ``per_result`` is set. The billed duration is the input video's length for most apps, the
  audio's for a lip-sync or an avatar, the requested ``duration`` for reference-to-video
  (:data:`BILLED_MEDIA`); a lip-sync or avatar speaking a text (no audio) is billed by the
  script's length at ``script_chars_per_second``;
* ``result``: flat credits per result (times ``quantity``), e.g. video effects;
* ``flat``: the same credits whatever the input (uploads: 0).

``by`` says whether the credits depend on the ``option`` (the model) or the ``mode`` (enhance).
``aliases`` map an asset's ``app_name`` to the table's entry (``replace-background`` is priced as
estimate-credits' ``replace-background-video``; ``avatar-lip-sync`` as ``lip-sync`` option
``Avatar``).

A user may override the table with a file of the same shape: ``VIMMERSE_PRICING_FILE``, or
``vimmerse_pricing.json`` in the config folder.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .i18n import _
from .pricing_table import PricingTable

if TYPE_CHECKING:  # the request types live in api/; this module only reads their fields
    from ..api.vimmerse.models import VimmerseRequest

FILE_NAME = "vimmerse_pricing.json"
ENV_FILE = "VIMMERSE_PRICING_FILE"

#: app_name -> the media field whose duration is billed (None: not billed by a file's length)
BILLED_MEDIA: dict[str, str | None] = {
    "crop-to-aspect-ratio": "video_url",
    "reframe": "video_url",
    "enhance": "video_url",
    "sound-effect": "video_url",
    "replace-background": "video_url",
    "video-to-video": "video_url",
    "audio": "video_url",
    "lip-sync": "audio_url",
    "avatar-lip-sync": "audio_url",
    "video-effects": None,
    "reference-to-video": None,
}

#: the ``option`` sent to estimate-credits for apps whose request has no option field
ESTIMATE_OPTIONS: dict[str, str] = {
    "avatar-lip-sync": "Avatar",
    "replace-background": "ReplaceBackground",
}


def billed_media(app_name: str) -> str | None:
    """The media field whose duration a job of ``app_name`` is billed by (see :data:`BILLED_MEDIA`)."""
    return BILLED_MEDIA.get(app_name)


def _float(v: Any) -> float | None:
    if v is None or v == "" or isinstance(v, bool):
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def request_pricing_args(req: VimmerseRequest, duration: float | None) -> dict[str, Any]:
    """The arguments of :meth:`VimmersePricing.credits` for a request (``app_name``, ``option``,
    ``quantity``, ``duration``, ``prompt``, ``mode``).

    ``duration`` is the length of the file named by :func:`billed_media` (the request's own
    ``audio_duration``/``video_duration`` is used when it is None); reference-to-video is billed
    by its ``duration`` field, video effects by none.
    """
    app = req.app.app_name
    option = str(getattr(req, "option", "") or ESTIMATE_OPTIONS.get(app, ""))
    quantity = int(getattr(req, "quantity", 1) or 1)
    d = duration
    if app == "reference-to-video":
        d = _float(getattr(req, "duration", None))
    elif app == "video-effects":
        d = None
    elif d is None:
        field = billed_media(app)
        if field == "audio_url" and bool(getattr(req, "audio_url", None)):
            d = _float(getattr(req, "audio_duration", None))
        elif field == "video_url":
            d = _float(getattr(req, "video_duration", None))
    prompt = str(getattr(req, "prompt", "") or "") if app in ("lip-sync", "avatar-lip-sync") else ""
    if prompt and getattr(req, "audio_url", ""):
        prompt = ""  # the audio is spoken, not the text
    return {"app_name": app, "option": option, "quantity": quantity, "duration": d, "prompt": prompt,
            "mode": str(getattr(req, "enhance_mode", "") or "")}


def estimate_body(req: VimmerseRequest, duration: float | None) -> dict[str, Any]:
    """The estimate-credits arguments for a request whose app that route knows
    (``app_name``, ``option``, ``quantity``, ``duration``, ``prompt``, ``video_duration``).

    The billed length goes in ``duration`` only, and the prompt only when the job is billed by it
    (:func:`request_pricing_args`): ``video_duration`` is the route's alias of ``duration``, so
    sending the request's own ``video_duration`` beside a text-priced lip sync would price the
    video's length instead of the speech's, and the estimate would differ from the charge."""
    args = request_pricing_args(req, duration)
    name = req.app.estimate_name or args["app_name"]
    return {"app_name": name, "option": args["option"] or ESTIMATE_OPTIONS.get(args["app_name"], "Default"),
            "quantity": args["quantity"], "duration": args["duration"],
            "prompt": args["prompt"], "video_duration": None}


class VimmersePricing(PricingTable):
    """Credit estimates for Vimmerse jobs, from a pricing table (loaded by :class:`PricingTable`)."""

    FILE_NAME = FILE_NAME
    ENV_FILE = ENV_FILE
    LABEL = "Vimmerse"
    SECTION = "apps"

    def __init__(self, data: dict[str, Any], source: str = "") -> None:
        super().__init__(data, source)
        self.apps: dict[str, dict[str, Any]] = {k: v for k, v in data["apps"].items() if isinstance(v, dict)}
        aliases = data.get("aliases") or {}
        self.aliases: dict[str, dict[str, str]] = {k: v for k, v in aliases.items() if isinstance(v, dict)}
        self.block_seconds = float(data.get("block_seconds", 5)) or 5.0
        self.grace = float(data.get("grace_seconds", 0.0))
        self.chars_per_second = float(data.get("script_chars_per_second", 15)) or 15.0

    # -- prices -----------------------------------------------------------------------------------
    def blocks(self, seconds: float | None) -> int:
        """Started blocks of ``block_seconds`` in ``seconds`` (at least one)."""
        if seconds is None or seconds <= 0:
            return 1
        return max(1, math.ceil((seconds - self.grace) / self.block_seconds - 1e-9))

    def script_seconds(self, prompt: str) -> float:
        """How long a text takes to speak (``script_chars_per_second``)."""
        return len(prompt.strip()) / self.chars_per_second

    def entry(self, app_name: str, option: str = "") -> tuple[str, dict[str, Any], str]:
        """(table name, table entry, option) for an app name or one of its aliases."""
        name = app_name.strip()
        alias = self.aliases.get(name)
        if alias is not None:
            name = str(alias.get("app") or name)
            option = str(alias.get("option") or option)
        e = self.apps.get(name)
        if e is None:
            raise InputError(_("The Vimmerse price table has no prices for '{app_name}'. Add it to {file_name}, or "
                               "choose one of: {apps}.").format(
                app_name=app_name, file_name=FILE_NAME, apps=', '.join(sorted(self.apps))))
        return name, e, option

    def quote(self, app_name: str, option: str = "", *, quantity: int = 1, duration: float | None = None,
              prompt: str = "", mode: str = "") -> tuple[float, dict[str, Any]]:
        """(credits, breakdown) of one job; :meth:`credits` without the breakdown."""
        name, e, option = self.entry(app_name, option)
        bd: dict[str, Any] = {"app_name": name}
        raw = e.get("credits", 0)
        if isinstance(raw, dict):
            by = str(e.get("by") or "option")
            choice = (mode if by == "mode" else option) or str(e.get("default") or "")
            if choice not in raw:
                raise InputError(_("The Vimmerse price table has no price for {by} '{choice}' of {name}. Choose one "
                                   "of: {raw}.").format(
                    by=by, choice=choice, name=name, raw=', '.join(raw)))
            rate = float(raw[choice])
            bd[by] = choice
        else:
            rate = float(raw or 0)
        q = max(1, int(quantity or 1))
        unit = str(e.get("unit") or "flat")
        if unit == "block":
            seconds = duration
            if (seconds is None or seconds <= 0) and e.get("script") and prompt.strip():
                seconds = self.script_seconds(prompt)
                bd["script_seconds"] = round(seconds, 2)
            n = self.blocks(seconds)
            mult = q if e.get("per_result") else 1
            total = rate * n * mult
            bd.update({"per_block": rate, "blocks": n, "block_seconds": self.block_seconds})
            if seconds is not None:
                bd["seconds"] = round(float(seconds), 3)
            if e.get("per_result"):
                bd["quantity"] = q
        elif unit == "result":
            total = rate * q
            bd.update({"per_result": rate, "quantity": q})
        else:
            total = rate
            bd["flat"] = rate
        return float(total), bd

    def credits(self, app_name: str, option: str = "", *, quantity: int = 1, duration: float | None = None,
                prompt: str = "", mode: str = "") -> float:
        """The credits of one job of ``app_name`` (an asset's app_name or an estimate-credits name)."""
        return self.quote(app_name, option, quantity=quantity, duration=duration, prompt=prompt, mode=mode)[0]

    def for_request(self, req: VimmerseRequest, *, duration: float | None) -> float:
        """The credits of a request; ``duration`` as :func:`request_pricing_args` says."""
        return self.credits(**request_pricing_args(req, duration))

    def quote_request(self, req: VimmerseRequest, *, duration: float | None) -> tuple[float, dict[str, Any]]:
        """(credits, breakdown) of a request."""
        return self.quote(**request_pricing_args(req, duration))
