"""Verging's envelope parsing, and its own error codes on top of the shared status mapping."""

from __future__ import annotations

import json
from typing import Any

import httpx

from ...core.errors import ApiError, ContentPolicyRefused, ServerError
from ...core.i18n import _, pick_message
from ...core.providers import VERGING
from ...core.redact import redact
from ..base import error_for_status, unexpected_answer

SUCCESS_CODES = {0, 200, 10000, 100000}


def message_text(m: Any) -> str:
    """A message that may be a string or ``{"en": ..., "zh": ...}``: the ``zh`` text when the
    interface is Chinese (:func:`verging_desktop.core.i18n.preferred_language`), else the English."""
    return pick_message(m)


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
    for _attempt in range(3):
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


def error_from_body(status: int | None, error_code: int | None, message: str, headers: httpx.Headers | None,
                    *, path: str = "") -> ApiError:
    """The typed error of a Verging error answer: its own codes (40001 "insufficient credits",
    40000 "bad request", even under a 200 envelope) and paths first, then the status rules every
    provider shares (:func:`verging_desktop.api.base.error_for_status`)."""
    message = redact(message.strip())
    code = error_code
    as_status = status
    if status == 402 or code == 40001:
        as_status = 402
    elif status == 403 and path.startswith("/_storage"):
        # a presigned storage link refused (expired): not a key problem
        if code != 40000:
            return unexpected_answer(status, message, error_code=code)
        as_status = 400
    elif code == 40000 and status not in (401, 403, 429):
        as_status = 400
    if as_status == 400 and path.rstrip("/").endswith("/ai/imagegen"):
        return ContentPolicyRefused(
            _("The image request was refused by the content policy. Change the prompt and try again.")
            + (f" ({message})" if message else ""), status=status, error_code=code)
    return error_for_status(VERGING, status, message, headers, as_status=as_status, error_code=code, path=path)


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
        raise ServerError(_("The server sent an answer that is not JSON ({status}).").format(status=resp.status_code),
                          status=resp.status_code) from None
