"""Vimmerse's error answers as typed errors, and the streamed multipart body of its uploads.

Error answers come in three shapes (``../shared/specs/vimmerse-v2.md``, "Errors"):

* an upper-case word, ``{"message": "BAD_REQUEST"}`` (400, 402 ``INSUFFICIENT_CREDIT``, 404
  ``NOT_FOUND`` / ``MEDIA_NOT_FOUND``), turned here into a sentence a person can act on
  (``INSUFFICIENT_CREDIT`` is :class:`InsufficientCredits` whatever the status, 400 or 402);
* FastAPI's validation answer (422), ``{"detail": [{"loc": ["body", "video_url"], "msg": ...,
  "type": "value_error.missing"}]}``, turned into a sentence naming the field in plain words
  ("Vimmerse needs a video URL (video_url is missing).");
* anything else (a proxy's HTML page, a bare string), classified by its status code alone.

The status rules every provider shares are :func:`verging_desktop.api.base.error_for_status`'s;
a 400 or 422 gets its own sentence here (the shared wording would only say "the server rejected
the request").
"""

from __future__ import annotations

import json
import mimetypes
import os
import re
import secrets
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx

from ...core.errors import ApiError, BadRequest, InputError, Progress
from ...core.i18n import N_, _
from ...core.providers import VIMMERSE
from ...core.redact import redact
from ..base import CHUNK, error_for_status

_WORD_RE = re.compile(r"^[A-Z][A-Z0-9_]+$")

#: the upper-case words Vimmerse answers, as sentences (unknown words are spelled out in lower case)
WORDS: dict[str, str] = {
    "BAD_REQUEST": N_("Vimmerse rejected the request as invalid. Check the inputs and options, then try again."),
    "MEDIA_NOT_FOUND": N_("Vimmerse could not find the media file it was given. Upload the file again and retry."),
    "NOT_FOUND": N_("Vimmerse has no such asset (it may belong to another key or account)."),
    "INVALID_ASPECT_RATIO": N_("Vimmerse did not accept the aspect ratio. Write it as W:H with two positive whole "
                                "numbers, for example 9:16."),
    "INVALID_QUANTITY": N_("Vimmerse makes 1 to 4 results per request: choose a quantity from 1 to 4."),
    "INVALID_DURATION": N_("Vimmerse did not accept the duration: choose 1 to 30 seconds."),
    "INVALID_OPTION": N_("Vimmerse does not know the model option chosen. Choose another option."),
    "INVALID_APP_NAME": N_("Vimmerse does not know this kind of job (its app name), so it cannot estimate it."),
    "INVALID_ENHANCE_MODE": N_("Vimmerse does not know that enhance mode. Choose 2X, 4X or DeepClean (or a combination)."),
    "INVALID_ATTACH_MODE": N_("Vimmerse does not know that way of attaching audio. Choose MatchVideo, PadAudio, "
                               "MatchAudio, SpeedAdjust or Strict."),
    "INVALID_ALIGNMENT": N_("Vimmerse does not know that alignment. Choose center, left or right."),
    "INVALID_FILE_TYPE": N_("Vimmerse did not accept the file: it is not a kind of file this upload takes."),
    "INVALID_MEDIA_URL": N_("Vimmerse did not accept a media URL: upload the file first, then use its hosted URL."),
    "AUDIO_OR_PROMPT_REQUIRED": N_("A lip-sync needs an audio file or a text for the voice to say."),
    "IMAGE_OR_VIDEO_REQUIRED": N_("A lip-sync needs a portrait image or a video of a face."),
    "BACKGROUND_REQUIRED": N_("Replacing a background needs a background image, a background video or a prompt."),
    "FILE_TOO_LARGE": N_("The file is larger than Vimmerse accepts. Trim or compress it and try again."),
    "UNAUTHORIZED": N_("Vimmerse needs an API key."),
    "INVALID_API_KEY": N_("Vimmerse does not know this API key."),
    "INSUFFICIENT_CREDIT": "",
    "RATE_LIMIT_EXCEEDED": "",
}

#: field name -> what it is, in plain words, for a 422 answer ("Vimmerse needs a video URL")
FIELD_WORDS: dict[str, str] = {
    "video_url": N_("a video URL"),
    "image_url": N_("an image URL"),
    "audio_url": N_("an audio URL"),
    "image_urls": N_("at least one reference image URL"),
    "ref_image_url": N_("a second reference image URL"),
    "bg_image_url": N_("a background image URL"),
    "bg_video_url": N_("a background video URL"),
    "aspect_ratio": N_("an aspect ratio written W:H (for example 9:16)"),
    "app_name": N_("the name of the app to estimate"),
    "option": N_("a model option"),
    "prompt": N_("a prompt"),
    "quantity": N_("a quantity from 1 to 4"),
    "duration": N_("a duration in seconds"),
    "enhance_mode": N_("an enhance mode"),
    "attach_mode": N_("a way of attaching the audio"),
    "video_file": N_("a video file"),
    "image_file": N_("an image file"),
    "audio_file": N_("an audio file"),
    "avatar_id": N_("an avatar id"),
    "voice_id": N_("a voice id"),
}


class VimmerseBadRequest(BadRequest):
    """A 400 answered with one of Vimmerse's upper-case words, kept in :attr:`word`
    (``INVALID_OPTION``...) so a caller can tell one refusal from another."""

    def __init__(self, message: str, *, word: str, status: int | None = 400) -> None:
        super().__init__(message, status=status)
        self.word = word


def word_sentence(word: str) -> str:
    """The sentence for one of Vimmerse's upper-case words (``MEDIA_NOT_FOUND`` ...)."""
    known = WORDS.get(word)
    if known:
        return _(known)
    return _("Vimmerse rejected the request ({word}).").format(word=word.replace("_", " ").lower())


def _field_of(loc: Any) -> str:
    if isinstance(loc, (list, tuple)):
        parts = [str(p) for p in loc if not isinstance(p, int) and str(p) not in ("body", "query", "path", "header")]
        return parts[-1] if parts else ""
    return str(loc or "")


def detail_sentence(detail: Any) -> str:
    """FastAPI's 422 ``detail`` as one sentence per problem, naming each field in plain words."""
    if isinstance(detail, str):
        return _("Vimmerse did not accept the request: {message}.").format(message=detail.rstrip("."))
    items = detail if isinstance(detail, list) else [detail]
    out: list[str] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        loc = item.get("loc")
        name = _field_of(loc)
        what = _(FIELD_WORDS[name]) if name in FIELD_WORDS else (name.replace("_", " ") or _("a field"))
        kind = str(item.get("type") or "")
        msg = str(item.get("msg") or "").strip().rstrip(".")
        missing = "missing" in kind or msg.lower() in ("field required", "required")
        if not name and isinstance(loc, (list, tuple)) and "body" in (str(p) for p in loc):
            # the body as a whole (not JSON, empty, not an object): no field to name
            why = _("it was empty") if missing else msg
            out.append(_("Vimmerse could not read the request body ({why}).").format(why=why) if why
                       else _("Vimmerse could not read the request body."))
        elif missing:
            out.append(_("Vimmerse needs {what} ({name} is missing).").format(what=what, name=name))
        elif "min_items" in kind or "too_short" in kind:
            out.append(_("Vimmerse needs {what} ({name} is empty).").format(what=what, name=name))
        elif name == "aspect_ratio":
            out.append(_("Vimmerse needs {what} (aspect_ratio: {message}).").format(
                what=what, message=msg or _("not accepted")))
        elif name:
            out.append(_("Vimmerse did not accept the value of {field} ({name}: {message}).").format(
                field=name.replace("_", " "), name=name, message=msg or _("invalid")))
        elif msg:
            out.append(_("Vimmerse did not accept the request: {message}.").format(message=msg))
    return " ".join(dict.fromkeys(out)) or _("Vimmerse did not accept the request (no details given).")


def _body(resp: httpx.Response) -> Any:
    try:
        return json.loads(resp.content) if resp.content else None
    except ValueError:
        return None


def error_from_response(resp: httpx.Response) -> ApiError:
    """The typed error of a Vimmerse error answer (status >= 400)."""
    status = resp.status_code
    data = _body(resp)
    path = resp.request.url.path if resp.request is not None else ""
    word = ""
    text = ""
    detail: Any = None
    if isinstance(data, dict):
        m = data.get("message") if data.get("message") is not None else data.get("error")
        if isinstance(m, str) and _WORD_RE.match(m.strip()):
            word = m.strip()
        elif m is not None:
            text = str(m)
        detail = data.get("detail")
    elif isinstance(data, str):
        text = data
    elif resp.content:
        raw = resp.content.decode("utf-8", "replace").strip()
        text = raw[:300] if not raw.startswith("<") else ""
    text = redact(text.strip())
    if word == "INSUFFICIENT_CREDIT" and status < 500:  # a 400 that means 402: not enough credits
        return error_for_status(VIMMERSE, status, "", resp.headers, as_status=402, path=path)
    if status == 422 or (detail is not None and status == 400 and not word):
        return BadRequest(redact(detail_sentence(detail if detail is not None else text)), status=status)
    if status == 400 or (word and status not in (401, 402, 403, 404, 429) and status < 500):
        sentence = word_sentence(word) if word else (
            _("Vimmerse rejected the request: {message}.").format(message=text.rstrip("."))
            if text else word_sentence("BAD_REQUEST"))
        return VimmerseBadRequest(sentence, word=word, status=status) if word else BadRequest(sentence, status=status)
    if status == 404:
        if word:
            msg = word_sentence(word)
        elif isinstance(detail, str) and detail:
            msg = f"{detail} ({path})"
        else:
            msg = text or path
        return error_for_status(VIMMERSE, status, msg, resp.headers, path=path)
    if status == 402:
        return error_for_status(VIMMERSE, status, "" if word else text, resp.headers, path=path)
    if status in (401, 403):
        msg = word_sentence(word) if word in ("UNAUTHORIZED", "INVALID_API_KEY") else (text or word)
        if isinstance(detail, str) and not msg:
            msg = detail
        return error_for_status(VIMMERSE, status, msg, resp.headers, path=path)
    if isinstance(detail, str) and not text:
        text = detail
    return error_for_status(VIMMERSE, status, text or (word.replace("_", " ").lower() if word else ""),
                            resp.headers, path=path)


# -- a streamed multipart body -------------------------------------------------------------------
def _quote(name: str) -> str:
    """A file name for a Content-Disposition header (HTML5 form encoding: ``"``, CR and LF escaped)."""
    return name.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


class MultipartFile:
    """One file as a ``multipart/form-data`` body, read from disk in :data:`CHUNK` pieces.

    ``content_length`` is computed from the file's size, so the upload goes out with a
    ``Content-Length`` (not chunked) and the file is never held whole in memory. Each call of
    :meth:`stream` starts again from the first byte (a retried upload sends the same body).
    """

    def __init__(self, field: str, path: str | os.PathLike[str], *, content_type: str | None = None,
                 file_name: str | None = None) -> None:
        self.path = Path(path)
        self.size = self.path.stat().st_size
        self.boundary = "verging-" + secrets.token_hex(16)
        name = file_name or self.path.name
        ctype = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
        self._head = (
            f"--{self.boundary}\r\n"
            f'Content-Disposition: form-data; name="{field}"; filename="{_quote(name)}"\r\n'
            f"Content-Type: {ctype}\r\n\r\n"
        ).encode()
        self._tail = f"\r\n--{self.boundary}--\r\n".encode()

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    @property
    def content_length(self) -> int:
        return len(self._head) + self.size + len(self._tail)

    def headers(self) -> dict[str, str]:
        return {"Content-Type": self.content_type, "Content-Length": str(self.content_length)}

    async def stream(self, progress: Callable[[Progress], None] | None = None) -> AsyncIterator[bytes]:
        yield self._head
        sent = 0
        with self.path.open("rb") as f:  # 1 MB reads from a local file between awaits, as base.put_file
            while True:
                chunk = f.read(CHUNK)
                if not chunk:
                    break
                sent += len(chunk)
                yield chunk
                if progress is not None:
                    progress(Progress(sent, self.size, "upload"))
        if sent != self.size:
            raise InputError(_("{path} changed while it was being uploaded ({sent} of {size} bytes). "
                               "Wait until it is fully written, then upload it again.").format(
                                   path=self.path, sent=sent, size=self.size))
        yield self._tail
