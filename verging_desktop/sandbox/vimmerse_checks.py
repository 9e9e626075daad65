"""Vimmerse's request checks in the sandbox: FastAPI's 422 shapes for missing fields and patterns,
upper-case 400 words for values out of range (``sandbox/vimmerse.py`` answers with them)."""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..api.vimmerse.models import (
    ALIGNMENTS,
    ATTACH_MODES,
    AVATAR_RATIOS,
    EFFECT_OPTIONS,
    ENHANCE_MODES,
    LIP_SYNC_OPTIONS,
    REFERENCE_OPTIONS,
    REQUEST_TYPES,
    V2V_OPTIONS,
    App,
)

RATIO_PATTERN = r"^\d+:\d+$"
_RATIO_RE = re.compile(RATIO_PATTERN)

#: the fields each route cannot do without (the spec's ``*``)
REQUIRED: dict[App, tuple[str, ...]] = {
    App.CROP: ("video_url",), App.REFRAME: ("video_url",), App.ENHANCE: ("video_url",),
    App.SOUND_EFFECT: ("video_url",), App.AVATAR: (), App.LIP_SYNC: (), App.VIDEO_EFFECTS: ("image_url",),
    App.REPLACE_BACKGROUND: ("video_url",), App.REFERENCE_TO_VIDEO: ("image_urls",),
    App.VIDEO_TO_VIDEO: ("video_url",), App.ADD_AUDIO: ("video_url", "audio_url"),
}
#: the model options each route knows
OPTIONS: dict[App, tuple[str, ...]] = {
    App.LIP_SYNC: tuple(LIP_SYNC_OPTIONS), App.VIDEO_EFFECTS: tuple(EFFECT_OPTIONS),
    App.REFERENCE_TO_VIDEO: tuple(REFERENCE_OPTIONS), App.VIDEO_TO_VIDEO: tuple(V2V_OPTIONS),
}
#: what an upload route takes: multipart field, app_name, accepted formats (core.filetypes.sniff)

# -- errors --------------------------------------------------------------------------------------
class VimmerseError(Exception):
    """An error answer in Vimmerse's shapes: ``{"message": WORD}`` or FastAPI's ``{"detail": ...}``."""

    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        super().__init__(json.dumps(body))
        self.status = status
        self.body = body
        self.headers = headers or {}


def word(status: int, w: str) -> VimmerseError:
    return VimmerseError(status, {"message": w})


def missing(field: str, where: str = "body") -> VimmerseError:
    return VimmerseError(422, {"detail": [{"loc": [where, field], "msg": "field required", "type": "value_error.missing"}]})


def invalid(field: str, msg: str, kind: str, **ctx: Any) -> VimmerseError:
    item: dict[str, Any] = {"loc": ["body", field], "msg": msg, "type": kind}
    if ctx:
        item["ctx"] = ctx
    return VimmerseError(422, {"detail": [item]})


async def vimmerse_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, VimmerseError)
    return JSONResponse(exc.body, status_code=exc.status, headers=exc.headers)


def not_found_body(exc: HTTPException) -> JSONResponse:
    """FastAPI's answer for a path or method the server does not have."""
    return JSONResponse({"detail": str(exc.detail)}, status_code=exc.status_code, headers=dict(exc.headers or {}))


# -- validation -----------------------------------------------------------------------------------
def int_field(body: dict[str, Any], name: str, lo: int, hi: int, bad_word: str, default: int | None = None) -> int | None:
    v = body.get(name)
    if v is None or v == "":
        return default
    if isinstance(v, bool):
        raise invalid(name, "value is not a valid integer", "type_error.integer")
    try:
        i = int(v) if not isinstance(v, float) or v.is_integer() else None
    except (TypeError, ValueError):
        i = None
    if i is None:
        raise invalid(name, "value is not a valid integer", "type_error.integer")
    if not lo <= i <= hi:
        raise word(400, bad_word)
    return i


def str_field(body: dict[str, Any], name: str) -> str:
    v = body.get(name)
    if v is None:
        return ""
    if not isinstance(v, (str, int, float)) or isinstance(v, bool):
        raise invalid(name, "str type expected", "type_error.str")
    return str(v).strip()


def _ratio(body: dict[str, Any], name: str = "aspect_ratio", allowed: tuple[str, ...] | None = None) -> None:
    v = body.get(name)
    if v is None or v == "":
        return
    s = str(v).strip()
    if not isinstance(v, str) or not _RATIO_RE.match(s):
        raise invalid(name, f'string does not match regex "{RATIO_PATTERN}"', "value_error.str.regex",
                      pattern=RATIO_PATTERN)
    w, h = (int(x) for x in s.split(":"))
    if w <= 0 or h <= 0 or (allowed is not None and s not in allowed):
        raise word(400, "INVALID_ASPECT_RATIO")


def check_body(app: App, body: dict[str, Any]) -> dict[str, Any]:
    """The request's fields after Vimmerse's checks (422 shapes and 400 words), normalised."""
    for name in REQUIRED[app]:
        v = body.get(name)
        if v is None or v == "" or (name == "image_urls" and v == []):
            if name == "image_urls" and v == []:
                raise invalid(name, "ensure this value has at least 1 items", "value_error.list.min_items", limit_value=1)
            raise missing(name)
    out = dict(body)
    for name in REQUEST_TYPES[app].MEDIA:
        v = body.get(name)
        vals = v if isinstance(v, list) else ([] if v in (None, "") else [v])
        if not isinstance(v, (list, str)) and v is not None:
            raise invalid(name, "str type expected", "type_error.str")
        for x in vals:
            if not isinstance(x, str) or not x.startswith(("http://", "https://")):
                raise word(400, "INVALID_MEDIA_URL")
    _ratio(body, allowed=AVATAR_RATIOS if app is App.AVATAR else None)
    if app in (App.VIDEO_EFFECTS, App.REFERENCE_TO_VIDEO):
        out["quantity"] = int_field(body, "quantity", 1, 4, "INVALID_QUANTITY", default=1)
    if app is App.REFERENCE_TO_VIDEO:
        out["duration"] = int_field(body, "duration", 1, 30, "INVALID_DURATION", default=5)
    for name in ("offset_x", "offset_y", "grid_position_x", "grid_position_y", "x_start", "x_end", "y_start", "y_end",
                 "x_offset", "y_offset"):
        if name in body and body[name] is not None:
            out[name] = int_field(body, name, -100000, 100000, "BAD_REQUEST")
    if app in OPTIONS:
        opt = str_field(body, "option")
        if opt and opt not in OPTIONS[app]:
            raise word(400, "INVALID_OPTION")
    if app is App.ENHANCE:
        if str_field(body, "enhance_mode") and str_field(body, "enhance_mode") not in ENHANCE_MODES:
            raise word(400, "INVALID_ENHANCE_MODE")
        cs = str_field(body, "compression_scale")
        try:
            ok = cs == "" or 0.0 <= float(cs) <= 1.0
        except ValueError:
            ok = False
        if not ok:
            raise word(400, "BAD_REQUEST")
    if app is App.ADD_AUDIO and str_field(body, "attach_mode") and str_field(body, "attach_mode") not in ATTACH_MODES:
        raise word(400, "INVALID_ATTACH_MODE")
    if app is App.REPLACE_BACKGROUND:
        if str_field(body, "alignment") and str_field(body, "alignment") not in ALIGNMENTS:
            raise word(400, "INVALID_ALIGNMENT")
        if not (str_field(body, "bg_image_url") or str_field(body, "bg_video_url") or str_field(body, "prompt")):
            raise word(400, "BACKGROUND_REQUIRED")
    if app is App.LIP_SYNC and not (str_field(body, "image_url") or str_field(body, "video_url")):
        raise word(400, "IMAGE_OR_VIDEO_REQUIRED")
    if app in (App.LIP_SYNC, App.AVATAR) and not (str_field(body, "audio_url") or str_field(body, "prompt")):
        raise word(400, "AUDIO_OR_PROMPT_REQUIRED")
    if app is App.AVATAR and str_field(body, "show_caption") and str_field(body, "show_caption") not in ("On", "Off"):
        raise word(400, "BAD_REQUEST")
    return out
