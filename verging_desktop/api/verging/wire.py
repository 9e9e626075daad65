"""Envelope parsing and the mapping from HTTP answers to typed errors."""

from __future__ import annotations

import json
import re
import time
from typing import Any

import httpx

from ...core.errors import (
    ApiError,
    AuthError,
    BadRequest,
    ContentPolicyRefused,
    InsufficientCredits,
    NotFound,
    RateLimited,
    ServerError,
    ServiceUnavailable,
    UpstreamError,
)
from ...core.redact import redact

SUCCESS_CODES = {0, 200, 10000, 100000}
_REQ_RE = re.compile(r"required\D{0,20}?(\d+(?:\.\d+)?)", re.IGNORECASE)
_AVAIL_RE = re.compile(r"(?:available|balance|have)\D{0,20}?(\d+(?:\.\d+)?)", re.IGNORECASE)


def message_text(m: Any) -> str:
    """A message that may be a string or ``{"en": ..., "zh": ...}``."""
    if isinstance(m, dict):
        return str(m.get("en") or next(iter(m.values()), "") or "")
    return "" if m is None else str(m)


def unwrap(payload: Any) -> Any:
    """Return the useful part of an answer: ``result`` of an envelope, or the bare object.

    An envelope whose ``code`` is not a success code becomes the matching typed error.
    """
    if isinstance(payload, dict) and "code" in payload and ("result" in payload or "message" in payload):
        try:
            code = int(payload["code"])
        except (TypeError, ValueError):
            code = None
        if code is not None and code not in SUCCESS_CODES:
            raise error_from_body(None, code, message_text(payload.get("message")), None)
        return payload.get("result")
    if isinstance(payload, dict) and "data" in payload and len(payload) <= 3 and ("success" in payload or "code" in payload):
        return payload["data"]
    return payload


def as_list(payload: Any, *keys: str) -> list[Any]:
    """A list that may come bare or wrapped in an envelope or under a named key."""
    p = unwrap(payload)
    for _ in range(3):
        if isinstance(p, list):
            return p
        if isinstance(p, dict):
            for k in keys + ("jobs", "items", "records", "list", "data", "results", "result", "keys", "api_keys"):
                if k in p:
                    p = unwrap(p[k])
                    break
            else:
                return []
        else:
            return []
    return p if isinstance(p, list) else []


def _parse_reset(value: str | None, now: float) -> float | None:
    if not value:
        return None
    try:
        v = float(value.strip())
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            return parsedate_to_datetime(value).timestamp()
        except (TypeError, ValueError):
            return None
    if v > 1e12:  # epoch milliseconds
        return v / 1000.0
    if v > 1e9:  # epoch seconds
        return v
    return now + max(0.0, v)  # seconds to wait


def reset_at(headers: httpx.Headers, now: float | None = None) -> float | None:
    now = time.time() if now is None else now
    return _parse_reset(headers.get("x-ratelimit-reset"), now) or _parse_reset(headers.get("retry-after"), now)


def error_from_body(status: int | None, error_code: int | None, message: str, headers: httpx.Headers | None,
                    *, path: str = "") -> ApiError:
    message = redact(message.strip())
    code = error_code
    if status == 402 or code == 40001:
        req = _REQ_RE.search(message)
        av = _AVAIL_RE.search(message)
        required = float(req.group(1)) if req else None
        available = float(av.group(1)) if av else None
        if required is not None and available is not None:
            text = (f"Not enough credits: this needs {required:g} and your balance is {available:g}. "
                    "Buy credits on verging.ai or choose a cheaper option.")
        else:
            text = f"Not enough credits{': ' + message if message else ''}. Buy credits on verging.ai."
        return InsufficientCredits(text, required=required, available=available, status=status, error_code=code)
    if status == 401 or (status == 403 and not path.startswith("/_storage")):
        return AuthError(
            "The API key was refused (invalid, revoked or missing). Open Manage API keys to check it."
            + (f" Server said: {message}" if message else ""),
            status=status, error_code=code)
    if status == 429:
        at = reset_at(headers) if headers is not None else None
        when = ""
        if at is not None:
            when = f" Try again in {max(0, round(at - time.time()))} s."
        return RateLimited(f"Too many requests: the server asked us to slow down.{when}", reset_at=at, status=status)
    if status == 400 or code == 40000:
        if path.rstrip("/").endswith("/ai/imagegen"):
            return ContentPolicyRefused(
                "The image request was refused by the content policy. Change the prompt and try again."
                + (f" ({message})" if message else ""), status=status, error_code=code)
        return BadRequest(f"The server rejected the request: {message or 'bad request'}", status=status, error_code=code)
    if status == 404:
        return NotFound(f"Not found: {message or path}", status=status, error_code=code)
    if status == 502:
        return UpstreamError("The AI provider behind Verging failed (502). Try again in a moment."
                             + (f" ({message})" if message else ""), status=status, error_code=code)
    if status in (503, 504):
        return ServiceUnavailable(f"Verging is unavailable or timed out ({status}). Try again in a moment."
                                  + (f" ({message})" if message else ""), status=status, error_code=code)
    if status is not None and status >= 500:
        return ServerError(f"Verging had an internal error ({status}). {message}".strip(), status=status, error_code=code)
    return BadRequest(f"The server answered an error{f' ({status})' if status else ''}: {message or 'no details'}",
                      status=status, error_code=code)


def error_from_response(resp: httpx.Response, body: bytes | None = None) -> ApiError:
    raw = resp.content if body is None else body
    code: int | None = None
    msg = ""
    try:
        data = json.loads(raw) if raw else None
    except ValueError:
        data = None
    if isinstance(data, dict):
        ec = data.get("error_code", data.get("code"))
        try:
            code = int(ec) if ec is not None else None
        except (TypeError, ValueError):
            code = None
        msg = message_text(data.get("message") or data.get("detail") or data.get("error"))
    elif raw:
        text = raw.decode("utf-8", "replace").strip()
        msg = text[:300] if not text.lstrip().startswith("<") else ""
    return error_from_body(resp.status_code, code, msg, resp.headers, path=resp.request.url.path if resp.request else "")


def json_body(resp: httpx.Response) -> Any:
    try:
        return resp.json()
    except ValueError:
        raise ServerError(f"The server sent an answer that is not JSON ({resp.status_code}).", status=resp.status_code) from None
