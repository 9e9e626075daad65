"""varg's error answers as typed errors a person can act on.

Two shapes are in use (``specs/varg-gateway.md``, "Errors"), and both are read:

* the OpenAPI file's: ``{"error": "ValidationError", "message": "prompt is required",
  "field": "prompt", "provider": null, "statusCode": 400}``;
* the live gateway's (the SDK's history): ``{"error": {"message": "...", "_tag": "ValidationError"}}``.

Anything else (a proxy's HTML page, plain text) is classified by its status alone. The error's
tag corrects a generic status (a 400 tagged ``InsufficientBalanceError`` is a 402). Server text
is redacted before it goes into a message. The status rules every provider shares are
:func:`verging_desktop.api.base.error_for_status`'s; 400, 402, 404, 413 and 502 get varg's own
sentences here.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from ...core.errors import ApiError, BadRequest, InsufficientCredits, NotFound, RateLimited, UpstreamError
from ...core.i18n import _
from ...core.providers import VARG
from ...core.redact import redact
from ...core.varg_models import MAX_UPLOAD_BYTES, UPSTREAMS
from ..base import error_for_status, reset_at

#: the error tags varg documents, and the status each stands for
TAG_STATUS: dict[str, int] = {
    "ValidationError": 400,
    "AuthError": 401,
    "InsufficientBalanceError": 402,
    "NotFoundError": 404,
    "FileTooLargeError": 413,
    "PayloadTooLargeError": 413,
    "RateLimitError": 429,
    "InternalError": 500,
    "ProviderError": 502,
    "ServiceUnavailableError": 503,
}

_RETRY_RE = re.compile(r"retry\s+(?:after|in)\s+(\d+(?:\.\d+)?)\s*s", re.IGNORECASE)
_DASHBOARD_RE = re.compile(r"\s*add credits at varg\.ai(?:/dashboard)?\.?", re.IGNORECASE)
_TAG_RE = re.compile(r"[A-Z][A-Za-z]*(?:Error|Exception)")
_MB = MAX_UPLOAD_BYTES // (1024 * 1024)


class VargBadRequest(BadRequest):
    """A 400 from varg: ``tag`` (``ValidationError``...) and the ``field`` it names, when given."""

    def __init__(self, message: str, *, tag: str = "", field: str = "", status: int | None = 400) -> None:
        super().__init__(message, status=status)
        self.tag = tag
        self.field = field


class FileTooLarge(BadRequest):
    """413: the file is over the 50 MB varg takes (a bad input: exit code 2, nothing charged)."""


@dataclass(frozen=True)
class ErrorBody:
    """What an error answer says, whichever shape it came in (text already redacted)."""

    tag: str = ""
    message: str = ""
    field: str = ""
    provider: str = ""
    data: Mapping[str, Any] | None = None


def _s(v: Any) -> str:
    return "" if v is None else str(v).strip()


def read_error(resp: httpx.Response) -> ErrorBody:
    try:
        data = json.loads(resp.content) if resp.content else None
    except ValueError:
        data = None
    if isinstance(data, Mapping):
        err = data.get("error")
        if isinstance(err, Mapping):
            tag = _s(err.get("_tag") or err.get("tag") or err.get("code") or err.get("type"))
            msg = _s(err.get("message") or data.get("message"))
            field = _s(err.get("field") or data.get("field"))
            provider = _s(err.get("provider") or data.get("provider"))
        else:
            tag = _s(err) if isinstance(err, str) and _TAG_RE.fullmatch(err.strip()) else ""
            msg = _s(data.get("message")) or ("" if tag else _s(err))
            field = _s(data.get("field"))
            provider = _s(data.get("provider"))
        return ErrorBody(tag, redact(msg), field, provider, data)
    if isinstance(data, str):
        return ErrorBody(message=redact(data.strip()[:300]))
    raw = resp.content.decode("utf-8", "replace").strip() if resp.content else ""
    return ErrorBody(message=redact(raw[:300]) if raw and not raw.startswith("<") else "")


def _provider_name(pid: str) -> str:
    return UPSTREAMS.get(pid.lower(), (pid, None))[0] if pid else ""


def error_from_response(resp: httpx.Response) -> ApiError:
    """The typed error of a varg error answer (status >= 400)."""
    status = resp.status_code
    body = read_error(resp)
    path = resp.request.url.path if resp.request is not None else ""
    eff = status
    tagged = TAG_STATUS.get(body.tag)
    if tagged is not None and tagged != status and status in (400, 422, 500):
        eff = tagged  # a generic status the tag makes precise
    msg = body.message.rstrip()

    if eff == 402:
        data = body.data or {}
        required = _num(data.get("required_cents") if data.get("required_cents") is not None else data.get("cost_cents"))
        available = _num(data.get("balance_cents") if data.get("balance_cents") is not None
                         else data.get("available_cents"))
        said = _DASHBOARD_RE.sub("", msg).strip().rstrip(".")
        if required is not None and available is not None:
            said = _("this costs {required}\u00a0¢ and the balance is {available}\u00a0¢").format(
                required=f"{required:g}", available=f"{available:g}")
        text = (_("Not enough varg balance: {message}. Add credits at varg.ai/dashboard.").format(message=said) if said
                else _("Not enough varg balance. Add credits at varg.ai/dashboard."))
        return InsufficientCredits(text, required=required, available=available, status=status, error_code=None)
    if eff == 413:
        return FileTooLarge(_("The file is over {mb} MB, the most varg takes. Compress or shorten it, then try again.")
                            .format(mb=_MB)
                            + (" " + _("(varg said: {message})").format(message=msg) if msg else ""), status=status)
    if eff == 400 or (eff == 422):
        if msg and body.field and body.field not in msg:
            text = _("varg did not accept the request: {message} ({field}).").format(
                message=msg.rstrip("."), field=body.field)
        elif msg:
            text = _("varg did not accept the request: {message}.").format(message=msg.rstrip("."))
        else:
            text = _("varg did not accept the request (no details given).")
        return VargBadRequest(text, tag=body.tag, field=body.field, status=status)
    if eff == 404:
        return NotFound((_("varg has no such job: {what}") if "/jobs" in path else _("varg has no such item: {what}"))
                        .format(what=msg or path), status=status)
    if eff == 429:
        at = reset_at(resp.headers)
        m = _RETRY_RE.search(msg)
        if at is None and m:
            at = time.time() + float(m.group(1))
        wait = (" " + _("Try again in {seconds} s.").format(seconds=max(0, round(at - time.time())))
                if at is not None else "")
        text = (_("Too many requests to varg: it asked us to slow down ({message}).").format(message=msg) if msg
                else _("Too many requests to varg: it asked us to slow down."))
        return RateLimited(text + wait, reset_at=at, status=status)
    if eff == 502:
        who = _provider_name(body.provider)
        text = (_("{provider}, the provider behind varg for this model, failed ({status}). Try again in a moment.")
                .format(provider=who, status=status) if who
                else _("The AI provider behind varg failed ({status}). Try again in a moment.").format(status=status))
        return UpstreamError(text + (f" ({msg})" if msg else ""), status=status)
    return error_for_status(VARG, status, msg, resp.headers, as_status=eff if eff != status else None, path=path)


def _num(v: Any) -> float | None:
    if isinstance(v, bool) or v is None:
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None
