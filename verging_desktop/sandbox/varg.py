"""The varg gateway's v1 wire format, served by the same sandbox under ``/varg/v1``
(``../shared/specs/varg-gateway.md`` and ``varg-gateway-v1.openapi.yaml``).

``Sandbox.varg_url`` (the root URL + ``/varg/v1``) is the base URL a varg client talks to; result
and uploaded files are served under ``/varg/files/`` without a key (like varg's CDN), with HTTP
Range support. Behaviour, where the spec is silent:

* **Keys.** ``Authorization: Bearer`` with :data:`VARG_DEMO_KEY` (5000 cents, plan "free") or a
  key added with ``Sandbox.add_varg_key``; each key is its own account (balance in cents, plan).
  Anything else is a 401 ``AuthError``.
* **Validation** as the gateway does it: 400 ``ValidationError`` with ``field`` for an unknown model
  (or one of another route), a missing prompt/text/audio_url, a duration the model does not take,
  an aspect ratio it does not take, input images a model needs (or cannot take), a voice that is
  neither a preset nor a voice id.
* **Prices** from :meth:`VargPricing.default` (the app's table: a charge equals its estimate):
  video and music by the asked seconds, speech by ``len(text)``, transcription by the audio's real
  duration (probed with PyAV), images per image. 0 cents with the model's upstream BYOK header
  (``X-Provider-Key-Fal`` ...) and on a cache hit. 402 ``InsufficientBalanceError`` when the
  balance is short; nothing is created. Charged at creation.
* **Refunds.** A job cancelled before it completed, or that failed, costs nothing: its charge goes
  back to the balance and its usage record says 0 cents. A completed job keeps its charge.
* **Cache**, keyed like varg's: capability, model, prompt/text, voice, duration, aspect ratio and the
  content hashes of the input files (the sandbox knows the hash of every URL it issued; another
  URL is hashed as text). A hit answers the POST 200 with a completed job (a new job id, 0 cents,
  ``X-Cache: HIT``); a miss 202 ``X-Cache: MISS``. ``Cache-Control: no-cache`` skips the lookup but
  stores the result; ``no-store`` skips the cache. ``X-Cache-Key`` and ``X-Cache-TTL`` always.
* **Concurrency**: "free" keys run 2 jobs at once, "pro" 10; one more is a 429 ``RateLimitError``
  with ``Retry-After`` (seconds until the first running job ends).
* **Jobs** are ``queued`` for a quarter of ``varg_job_seconds``, then ``processing``, then
  ``completed`` once that time has passed and the result was made (``sandbox/varg_media.py``, in a
  worker thread). An input URL the sandbox did not issue (the sandbox cannot fetch the internet),
  or an input the renderer cannot use (an audio file given as an image), makes the job fail halfway
  through its run time; it is refunded then.
* **Streams** (``/jobs/{id}/stream``): ``event: status`` with the whole job at every change,
  ``: keepalive`` every ``varg_keepalive_seconds``, closed after a final status, cut (closed) after
  ``varg_stream_max_seconds``; ``varg_drop_stream_next`` resets the next stream's connection
  after its first event.
* **Switches** on the Sandbox: ``varg_error_shape`` ("openapi": ``{"error":"Tag","message",...}``,
  "object": ``{"error":{"message","_tag"}}``), ``varg_id_field`` ("job_id" or "id"),
  ``varg_pricing_route`` (False: ``/pricing`` answers 404), ``varg_max_upload_bytes``,
  ``varg_fail_next(n, status)`` (the next n API requests answer that status).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import math
import mimetypes
import os
import re
import secrets
import shutil
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ..core.redact import mask
from ..core.varg_models import (
    IMAGE_ASPECTS,
    MAX_UPLOAD_BYTES,
    MODELS,
    PRESET_VOICES,
    VIDEO_ASPECTS,
    Capability,
    VargModel,
    find_model,
    model_names,
    parse_aspect,
)
from ..core.varg_pricing import VargPricing
from .common import SandboxState, num
from .transport import abort_connection
from .varg_store import COMPLETED, FAILED, FINAL, NewJob, VargStore, job_status, next_change

log = logging.getLogger("verging_desktop.sandbox")

PREFIX = "/varg/v1"
FILES_PREFIX = "/varg/files"
VARG_DEMO_KEY = "varg_sandbox_demo"
DEMO_CENTS = 5000.0
DEMO_EMAIL = "demo@sandbox.varg.local"
#: running jobs per key by plan ("unlimited" is the sandbox's own, for benchmarks with many open jobs)
PLAN_LIMITS = {"free": 2, "pro": 10, "unlimited": 10_000}
CACHE_TTL_SECONDS = 2592000
_LOOPBACK = ("127.0.0.1", "localhost", "::1")
_TOKEN_RE = re.compile(r"^[0-9a-f]{16,64}$")
_VOICE_ID_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
TAGS = {400: "ValidationError", 401: "AuthError", 402: "InsufficientBalanceError", 403: "AuthError",
        404: "NotFoundError", 405: "ValidationError", 413: "PayloadTooLargeError", 429: "RateLimitError",
        500: "InternalError", 502: "ProviderError", 503: "ServiceUnavailableError", 504: "ProviderError"}
MESSAGES = {401: "Invalid API key", 402: "Insufficient balance. Add credits at varg.ai/dashboard.",
            404: "Not found", 429: "Rate limit exceeded. Retry after 1 seconds.",
            500: "An unexpected error occurred", 502: "Provider returned an error", 503: "Service unavailable",
            504: "Provider timed out"}

#: the voices /voices lists: the presets (voice_id = the preset name) and a few more by ElevenLabs id
VOICES: tuple[dict[str, Any], ...] = (
    {"voice_id": "rachel", "name": "Rachel", "category": "premade",
     "labels": {"gender": "female", "age": "young", "accent": "american", "description": "calm",
                "use_case": "narration"}},
    {"voice_id": "domi", "name": "Domi", "category": "premade",
     "labels": {"gender": "female", "age": "young", "accent": "american", "description": "strong",
                "use_case": "narration"}},
    {"voice_id": "sarah", "name": "Sarah", "category": "premade",
     "labels": {"gender": "female", "age": "young", "accent": "american", "description": "soft",
                "use_case": "news"}},
    {"voice_id": "antoni", "name": "Antoni", "category": "premade",
     "labels": {"gender": "male", "age": "young", "accent": "american", "description": "well-rounded",
                "use_case": "narration"}},
    {"voice_id": "elli", "name": "Elli", "category": "premade",
     "labels": {"gender": "female", "age": "young", "accent": "american", "description": "emotional",
                "use_case": "narration"}},
    {"voice_id": "josh", "name": "Josh", "category": "premade",
     "labels": {"gender": "male", "age": "young", "accent": "american", "description": "deep",
                "use_case": "narration"}},
    {"voice_id": "arnold", "name": "Arnold", "category": "premade",
     "labels": {"gender": "male", "age": "middle aged", "accent": "american", "description": "crisp",
                "use_case": "narration"}},
    {"voice_id": "adam", "name": "Adam", "category": "premade",
     "labels": {"gender": "male", "age": "middle aged", "accent": "american", "description": "deep",
                "use_case": "narration"}},
    {"voice_id": "sam", "name": "Sam", "category": "premade",
     "labels": {"gender": "male", "age": "young", "accent": "american", "description": "raspy",
                "use_case": "narration"}},
    {"voice_id": "XB0fDUnXU5powFXDhCwa", "name": "Charlotte", "category": "premade",
     "labels": {"gender": "female", "age": "middle aged", "accent": "swedish", "description": "seductive",
                "use_case": "characters"}},
    {"voice_id": "onwK4e9ZLuTAKqWW03F9", "name": "Daniel", "category": "premade",
     "labels": {"gender": "male", "age": "middle aged", "accent": "british", "description": "authoritative",
                "use_case": "news"}},
    {"voice_id": "pFZP5JQG7iQjIQuC4Bku", "name": "Lily", "category": "premade",
     "labels": {"gender": "female", "age": "middle aged", "accent": "british", "description": "warm",
                "use_case": "narration"}},
    {"voice_id": "JBFqnCBsd6RMkjVDRZzb", "name": "George", "category": "premade",
     "labels": {"gender": "male", "age": "middle aged", "accent": "british", "description": "warm",
                "use_case": "narration"}},
    {"voice_id": "N2lVS1w4EtoT3dr4eOWO", "name": "Callum", "category": "premade",
     "labels": {"gender": "male", "age": "middle aged", "accent": "transatlantic", "description": "intense",
                "use_case": "characters"}},
    {"voice_id": "Xb7hH8MSUJpSbSDYk0k2", "name": "Alice", "category": "premade",
     "labels": {"gender": "female", "age": "middle aged", "accent": "british", "description": "confident",
                "use_case": "news"}},
)
_VOICE_IDS = {v["voice_id"].lower(): v for v in VOICES}
#: the file name extension of an upload, by its media type (else mimetypes', else .bin)
_EXTENSIONS = {"image/jpeg": ".jpg", "image/jpg": ".jpg", "image/png": ".png", "image/webp": ".webp",
               "image/gif": ".gif", "audio/wav": ".wav", "audio/x-wav": ".wav", "audio/wave": ".wav",
               "audio/mpeg": ".mp3", "audio/mp3": ".mp3", "audio/mp4": ".m4a", "audio/x-m4a": ".m4a",
               "audio/aac": ".aac", "audio/ogg": ".ogg", "audio/flac": ".flac", "audio/x-flac": ".flac",
               "audio/webm": ".webm", "video/mp4": ".mp4", "video/quicktime": ".mov", "video/webm": ".webm",
               "application/json": ".json", "text/plain": ".txt"}
#: which BYOK header pays for which upstream (header names as varg spells them)
BYOK_HEADERS = {"fal": "X-Provider-Key-Fal", "elevenlabs": "X-Provider-Key-ElevenLabs",
                "higgsfield": "X-Provider-Key-Higgsfield", "replicate": "X-Provider-Key-Replicate"}


# -- errors ----------------------------------------------------------------------------------------
class VargError(Exception):
    """Raised by the handlers; answered in the configured error shape."""

    def __init__(self, status: int, message: str, *, field: str | None = None, provider: str | None = None,
                 tag: str | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field
        self.provider = provider
        self.tag = tag or TAGS.get(status, "InternalError")
        self.headers = headers or {}


def invalid(field: str, message: str) -> VargError:
    return VargError(400, message, field=field)


# -- state -----------------------------------------------------------------------------------------
class VargState:
    """What the varg handlers share (beside the sandbox's :class:`SandboxState`)."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self.store = VargStore(state.store)
        self.pricing = VargPricing.default()
        self.default_cents = DEMO_CENTS
        self.job_seconds = 3.0
        self.keepalive_seconds = 15.0
        self.stream_max_seconds = 600.0
        self.id_field = "job_id"
        self.error_shape = "openapi"
        self.pricing_route = True
        self.max_upload_bytes = MAX_UPLOAD_BYTES
        self._lock = threading.Lock()
        self._fail: list[int] = []
        self._drop_streams = 0
        self._watchers: dict[str, list[tuple[asyncio.AbstractEventLoop, asyncio.Event]]] = {}
        #: set by :meth:`close`: open streams end at once (the server is stopping)
        self.closing = False
        self.reset_stats()

    def reset_stats(self) -> None:
        with self._lock:
            self.requests: Counter[str] = Counter()
            self.created: Counter[str] = Counter()
            self.provider_keys: Counter[str] = Counter()
            self.upload_bytes = 0
            self.uploads = 0
            self.deduplicated = 0
            self.cache_hits = 0
            self.max_running = 0
            self.streams_open = getattr(self, "streams_open", 0)
            self.streams_total = 0
            self.keepalives = 0
            self.charged = 0.0
            #: GETs of /varg/files, and those that carried a key (Authorization or a provider key)
            self.file_requests = 0
            self.file_requests_with_keys = 0

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {"requests": Counter(self.requests), "created": dict(self.created),
                    "provider_keys": dict(self.provider_keys), "upload_bytes": self.upload_bytes,
                    "uploads": self.uploads, "deduplicated": self.deduplicated, "cache_hits": self.cache_hits,
                    "max_running": self.max_running, "streams_open": self.streams_open,
                    "streams_total": self.streams_total, "keepalives": self.keepalives,
                    "charged_cents": num(self.charged), "fail_next": len(self._fail),
                    "file_requests": self.file_requests, "file_requests_with_keys": self.file_requests_with_keys,
                    "drop_stream_next": self._drop_streams}

    # -- switches -------------------------------------------------------------------------------
    def fail_next(self, n: int, status: int) -> None:
        with self._lock:
            self._fail.extend([int(status)] * max(0, int(n)))

    def take_fail(self) -> int | None:
        with self._lock:
            return self._fail.pop(0) if self._fail else None

    def drop_stream_next(self, n: int) -> None:
        with self._lock:
            self._drop_streams = max(0, self._drop_streams + int(n))

    def take_drop(self) -> bool:
        with self._lock:
            if self._drop_streams > 0:
                self._drop_streams -= 1
                return True
            return False

    # -- change notification (for the streams) -----------------------------------------------------
    def watch(self, job_id: str) -> asyncio.Event:
        ev = asyncio.Event()
        with self._lock:
            self._watchers.setdefault(job_id, []).append((asyncio.get_running_loop(), ev))
        return ev

    def unwatch(self, job_id: str, ev: asyncio.Event) -> None:
        with self._lock:
            lst = [w for w in self._watchers.get(job_id, []) if w[1] is not ev]
            if lst:
                self._watchers[job_id] = lst
            else:
                self._watchers.pop(job_id, None)

    def close(self) -> None:
        """The sandbox is stopping: end every open stream now (instead of at its next keep-alive)."""
        self.closing = True
        with self._lock:
            job_ids = list(self._watchers)
        for job_id in job_ids:
            self.notify(job_id)

    def notify(self, job_id: str) -> None:
        """The job changed (result made, cancelled, failed): wake its streams. Any thread."""
        with self._lock:
            watchers = list(self._watchers.get(job_id, []))
        for loop, ev in watchers:
            with contextlib.suppress(RuntimeError):  # the loop is closed: the sandbox is stopping
                loop.call_soon_threadsafe(ev.set)

    # -- URLs and answers -------------------------------------------------------------------------
    def file_url(self, rel: str) -> str:
        """``varg/<token>/<name>`` -> ``http://host:port/varg/files/<token>/<name>``."""
        return self.state.url(FILES_PREFIX + "/" + rel.split("/", 1)[1])

    def error_body(self, status: int, tag: str, message: str, field: str | None = None,
                   provider: str | None = None) -> dict[str, Any]:
        if self.error_shape == "object":
            return {"error": {"message": message, "_tag": tag}}
        return {"error": tag, "message": message, "field": field, "provider": provider, "statusCode": status}

    def error_response(self, e: VargError) -> JSONResponse:
        return JSONResponse(self.error_body(e.status, e.tag, e.message, e.field, e.provider), status_code=e.status,
                            headers=e.headers)

    def job_json(self, row: Any, now: float | None = None) -> dict[str, Any]:
        now = time.time() if now is None else now
        status, done = job_status(row, now)
        d: dict[str, Any] = {self.id_field: row["id"], "status": status, "model": row["model"],
                             "created_at": _iso(float(row["created_at"]))}
        if done is not None:
            d["completed_at"] = _iso(done)
        if status == COMPLETED:
            out: dict[str, Any] = {"url": self.file_url(str(row["result_rel"])), "media_type": row["media_type"]}
            if row["output_text"]:
                out["text"] = row["output_text"]
            d["output"] = out
        d["cache"] = {"hit": bool(row["cache_hit"]), "key": row["cache_key"]}
        if status == FAILED:
            msg = str(row["error"] or "Provider returned an error")
            d["error"] = {"message": msg, "_tag": "ProviderError"} if self.error_shape == "object" else msg
        return d


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{int(t * 1000) % 1000:03d}Z"


def _user_id(key: str) -> str:
    return "user_" + hashlib.sha256(key.encode()).hexdigest()[:12]


def ensure_key(vs: VargState, key: str, cents: float | None, plan: str | None) -> None:
    if plan is not None and plan not in PLAN_LIMITS:
        raise ValueError(f"plan must be one of {', '.join(PLAN_LIMITS)}")
    uid = _user_id(key)
    email = DEMO_EMAIL if key == VARG_DEMO_KEY else f"{uid}@sandbox.varg.local"
    vs.store.ensure_key(key, cents, vs.default_cents, plan, uid, email)


# -- result production ----------------------------------------------------------------------------
def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return "sha256:" + h.hexdigest()


def produce(vs: VargState, job_id: str) -> None:
    """Make a job's result (runs in a worker thread)."""
    from .varg_media import render

    st = vs.state
    row = vs.store.job(job_id)
    if row is None or row["result_ready_at"] is not None or job_status(row, time.time())[0] in FINAL \
            or st.registry.closed:
        return
    files = st.store.files_dir
    inputs = [files / r for r in json.loads(row["inputs"])]
    model = find_model(str(row["model"]))
    token = secrets.token_hex(12)
    out_dir = files / "varg" / token
    started = time.monotonic()
    try:
        res = render(str(row["capability"]), model.id if model else "", json.loads(row["params"]), inputs, out_dir,
                     st.registry)
    except Exception as e:
        if st.registry.closed:
            log.info("varg job %s: interrupted by shutdown; it resumes on the next start", job_id)
            return
        reason = getattr(e, "message", None) or str(e) or type(e).__name__
        log.warning("varg job %s failed in the sandbox: %s", job_id, reason)
        shutil.rmtree(out_dir, ignore_errors=True)
        # it fails halfway through its run time, as a provider's failure would show up
        vs.store.mark_failed(job_id, f"Sandbox: {reason}", halfway=True)
        vs.notify(job_id)
        return
    rel = f"varg/{token}/{res.path.name}"
    vs.store.add_file(rel, "file_" + token[:16], None, _sha256_file(res.path), res.path.stat().st_size, res.media_type,
                      "result")
    done = vs.store.mark_result(job_id, rel, res.media_type, res.text)
    if done is None:  # cancelled meanwhile
        shutil.rmtree(out_dir, ignore_errors=True)
        return
    if done["cache_store"]:
        vs.store.put_cache(str(done["cache_key"]), job_id, rel, res.media_type, res.text)
    vs.notify(job_id)
    log.info("varg job %s: result in %.2f s", job_id, time.monotonic() - started)


def submit(vs: VargState, job_id: str) -> None:
    try:
        vs.state.executor.submit(produce, vs, job_id)
    except RuntimeError:  # the executor is shut down: the sandbox is stopping
        log.info("varg job %s not queued: the sandbox is stopping", job_id)


def resume_unfinished(vs: VargState) -> int:
    """Queue result production for jobs a previous run did not finish; returns how many."""
    rows = vs.store.unfinished()
    for r in rows:
        submit(vs, str(r["id"]))
    return len(rows)


# -- validation ------------------------------------------------------------------------------------
def _text(body: dict[str, Any], name: str, *, required: bool = False, limit: int = 20000) -> str:
    v = body.get(name)
    if v is None or (isinstance(v, str) and not v.strip()):
        if required:
            raise invalid(name, f"{name} is required")
        return ""
    if not isinstance(v, str):
        raise invalid(name, f"{name} must be a string")
    if len(v) > limit:
        raise invalid(name, f"{name} is too long (at most {limit} characters)")
    return v


def _model(body: dict[str, Any], cap: Capability) -> VargModel:
    name = _text(body, "model", required=True, limit=200)
    m = find_model(name)
    if m is None or m.capability is not cap:
        what = "is not a known model" if m is None else f"is not a {cap.value} model"
        raise invalid("model", f"'{name}' {what}. Known {cap.value} models: {model_names(cap)}"
                      + (", background-remover" if cap is Capability.IMAGE else ""))
    return m


def _duration(body: dict[str, Any], m: VargModel) -> float:
    v = body.get("duration")
    if v is None:
        return float(m.default_duration or 5)
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(float(v)) or float(v) <= 0:
        raise invalid("duration", "duration must be a positive number of seconds")
    d = float(v)
    if not m.accepts_duration(d):
        if m.durations:
            allowed = " or ".join(str(x) for x in m.durations)
            raise invalid("duration", f"{m.id} accepts a duration of {allowed} seconds, not {num(d)}")
        raise invalid("duration", f"{m.id} accepts a duration from {num(m.min_duration)} to {num(m.max_duration)} "
                                  f"seconds, not {num(d)}")
    if not m.durations and not m.max_duration and d > 60:
        raise invalid("duration", f"{m.id} accepts at most 60 seconds")
    return d


def _url(v: Any, field: str) -> str:
    if not isinstance(v, str) or not v.strip():
        raise invalid(field, f"{field} must be a URL")
    parts = urlsplit(v.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise invalid(field, f"{field} must be an http(s) URL")
    return v.strip()


def _files(body: dict[str, Any], m: VargModel) -> list[str]:
    v = body.get("files")
    if v is None:
        v = []
    if not isinstance(v, list):
        raise invalid("files", "files must be a list of {\"url\": ...} objects")
    urls = []
    for item in v:
        if not isinstance(item, dict) or "url" not in item:
            raise invalid("files", "files must be a list of {\"url\": ...} objects")
        urls.append(_url(item["url"], "files"))
    if len(urls) > m.max_images:
        if m.max_images == 0:
            raise invalid("files", f"{m.id} does not take input images")
        raise invalid("files", f"{m.id} takes at most {m.max_images} input image{'s' if m.max_images > 1 else ''}")
    if not urls and (m.needs_image or not m.text_to):
        raise invalid("files", f"{m.id} needs an input image (files)")
    return urls


def check_request(cap: Capability, body: Any) -> tuple[VargModel, dict[str, Any], list[str]]:
    """(model, the request with its defaults, the input URLs) of a generation body; VargError 400."""
    if not isinstance(body, dict):
        raise invalid("body", "The request body must be a JSON object")
    m = _model(body, cap)
    opts = body.get("provider_options")
    if opts is not None and not isinstance(opts, dict):
        raise invalid("provider_options", "provider_options must be an object")
    p: dict[str, Any] = {"model": m.id}
    urls: list[str] = []
    if cap is Capability.VIDEO:
        p["prompt"] = _text(body, "prompt", required=not m.lip_sync)
        p["duration"] = _duration(body, m)
        aspect = _text(body, "aspect_ratio", limit=20).strip() or "16:9"
        if aspect not in VIDEO_ASPECTS:
            raise invalid("aspect_ratio", f"aspect_ratio must be one of {', '.join(VIDEO_ASPECTS)}, not '{aspect}'")
        p["aspect_ratio"] = aspect
        urls = _files(body, m)
    elif cap is Capability.IMAGE:
        p["prompt"] = _text(body, "prompt", required=m.text_to)
        aspect = _text(body, "aspect_ratio", limit=20).strip() or "1:1"
        wh = parse_aspect(aspect)
        if wh is None or not 0.25 <= wh[0] / wh[1] <= 4:
            raise invalid("aspect_ratio", f"aspect_ratio must be W:H (such as {', '.join(IMAGE_ASPECTS)}), "
                                          f"not '{aspect}'")
        p["aspect_ratio"] = f"{wh[0]}:{wh[1]}"
        urls = _files(body, m)
    elif cap is Capability.SPEECH:
        p["text"] = _text(body, "text", required=True, limit=10000)
        voice = _text(body, "voice", limit=100).strip() or "rachel"
        if voice.lower() not in PRESET_VOICES and voice.lower() not in _VOICE_IDS and not _VOICE_ID_RE.match(voice):
            raise invalid("voice", f"'{voice}' is not a voice: use one of {', '.join(PRESET_VOICES)} or a voice_id")
        p["voice"] = voice.lower() if voice.lower() in PRESET_VOICES else voice
    elif cap is Capability.MUSIC:
        p["prompt"] = _text(body, "prompt", required=True)
        p["duration"] = _duration(body, m)
    else:
        if body.get("audio_url") in (None, ""):
            raise invalid("audio_url", "audio_url is required")
        urls = [_url(body.get("audio_url"), "audio_url")]
        p["audio_url"] = urls[0]
        p["language"] = _text(body, "language", limit=20).strip()
    if urls and cap is not Capability.TRANSCRIPTION:
        p["files"] = urls
    if opts:
        p["provider_options"] = opts
    return m, p, urls


def cache_key(cap: Capability, m: VargModel, p: dict[str, Any], hashes: list[str]) -> str:
    parts = [cap.value, m.id, p.get("prompt") or p.get("text") or "", p.get("voice") or "",
             p.get("duration"), p.get("aspect_ratio") or "", sorted(hashes)]
    return "sha256:" + hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


def cache_mode(header: str | None) -> str:
    words = {w.strip().lower() for w in (header or "").split(",")}
    if "no-store" in words:
        return "no-store"
    if "no-cache" in words:
        return "no-cache"
    return "use"


# -- the middleware: counting, switches ------------------------------------------------------------
def route_label(method: str, path: str) -> str:
    """``GET /jobs/{id}`` for ``GET /varg/v1/jobs/job_ab12``."""
    if path.startswith(PREFIX):
        path = path[len(PREFIX):] or "/"
    path = re.sub(r"^/jobs/[^/]+", "/jobs/{id}", path)
    return f"{method} {path}"


class VargMiddleware:
    """Counts the API requests by route and answers the armed ``varg_fail_next`` statuses."""

    def __init__(self, app: ASGIApp, vs: VargState) -> None:
        self.app = app
        self.vs = vs

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        vs = self.vs
        method = scope["method"]
        label = route_label(method, scope["path"])
        headers = {k.decode("latin-1").lower(): v for k, v in scope.get("headers", [])}
        with vs._lock:
            vs.requests[label] += 1
            for kid, name in BYOK_HEADERS.items():
                if name.lower() in headers:
                    vs.provider_keys[f"{label} {kid}"] += 1
        status = vs.take_fail()
        if status is not None:
            log.info("varg fault injected on %s: %d", label, status)
            e = VargError(status, MESSAGES.get(status, "Sandbox fault"),
                          headers={"Retry-After": "1"} if status in (429, 503) else None,
                          provider="fal" if status == 502 else None)
            await vs.error_response(e)(scope, receive, send)
            return
        await self.app(scope, receive, send)


# -- the stream ------------------------------------------------------------------------------------
class JobStream(Response):
    """``GET /jobs/{id}/stream``: SSE written straight to the ASGI channel."""

    media_type = "text/event-stream"

    def __init__(self, vs: VargState, job_id: str, drop: bool) -> None:
        # no super().__init__: that would declare Content-Length: 0
        self.status_code = 200
        self.background = None
        self.raw_headers = [(b"content-type", b"text/event-stream; charset=utf-8"), (b"cache-control", b"no-cache"),
                            (b"x-accel-buffering", b"no")]
        self.vs = vs
        self.job_id = job_id
        self.drop = drop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        vs = self.vs
        wake = vs.watch(self.job_id)
        gone = asyncio.Event()

        async def watch() -> None:
            while True:
                msg = await receive()
                if msg["type"] == "http.disconnect":
                    gone.set()
                    wake.set()
                    return

        watcher = asyncio.create_task(watch())
        with vs._lock:
            vs.streams_open += 1
            vs.streams_total += 1
        started = last_write = time.monotonic()
        last = ""
        try:
            await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
            while not gone.is_set() and not vs.closing:
                wake.clear()
                row = vs.store.job(self.job_id)
                if row is None:
                    break
                now = time.time()
                d = vs.job_json(row, now)
                text = json.dumps(d, separators=(",", ":"))
                if text != last:
                    await send({"type": "http.response.body", "body": f"event: status\ndata: {text}\n\n".encode(),
                                "more_body": True})
                    last, last_write = text, time.monotonic()
                    if self.drop:
                        log.info("varg stream of %s dropped after its first event (varg_drop_stream_next)",
                                 self.job_id)
                        watcher.cancel()
                        if not await abort_connection(receive):
                            raise ConnectionAbortedError("sandbox fault: varg stream dropped")
                        return
                    if d["status"] in FINAL:
                        break
                mono = time.monotonic()
                if mono - started >= vs.stream_max_seconds:
                    log.info("varg stream of %s cut after %.0f s", self.job_id, vs.stream_max_seconds)
                    break
                if mono - last_write >= vs.keepalive_seconds:
                    await send({"type": "http.response.body", "body": b": keepalive\n\n", "more_body": True})
                    last_write = mono
                    with vs._lock:
                        vs.keepalives += 1
                    continue
                wait = min(vs.keepalive_seconds - (mono - last_write), vs.stream_max_seconds - (mono - started))
                nc = next_change(row, now)
                if nc is not None:
                    wait = min(wait, nc - now + 0.005)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), timeout=max(0.001, wait))
            if not gone.is_set():
                await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            watcher.cancel()
            vs.unwatch(self.job_id, wake)
            with vs._lock:
                vs.streams_open -= 1


# -- handlers --------------------------------------------------------------------------------------
class VargApi:
    def __init__(self, vs: VargState) -> None:
        self.vs = vs

    def app(self) -> ASGIApp:
        """The ``/varg/v1`` application (mount it there)."""
        routes = [
            Route("/video", self._creator(Capability.VIDEO), methods=["POST"]),
            Route("/image", self._creator(Capability.IMAGE), methods=["POST"]),
            Route("/speech", self._creator(Capability.SPEECH), methods=["POST"]),
            Route("/music", self._creator(Capability.MUSIC), methods=["POST"]),
            Route("/transcription", self._creator(Capability.TRANSCRIPTION), methods=["POST"]),
            Route("/jobs/{job_id}", self.job, methods=["GET", "DELETE"]),
            Route("/jobs/{job_id}/stream", self.stream, methods=["GET"]),
            Route("/files", self.upload, methods=["POST"]),
            Route("/me", self.me, methods=["GET"]),
            Route("/balance", self.balance, methods=["GET"]),
            Route("/usage", self.usage, methods=["GET"]),
            Route("/voices", self.voices, methods=["GET"]),
            Route("/pricing", self.pricing, methods=["GET"]),
        ]
        handlers: dict[Any, Any] = {VargError: self._on_error, HTTPException: self._on_http, Exception: self._on_crash}
        return VargMiddleware(Starlette(routes=routes, exception_handlers=handlers), self.vs)

    def control_routes(self) -> list[Route]:
        """``/_sandbox/varg``: the switches and counters for a sandbox in another process."""
        return [Route("/_sandbox/varg", self.control, methods=["GET", "POST"])]

    def files_app(self) -> ASGIApp:
        """The ``/varg/files`` application: uploads and results, no key, Range supported."""
        return Starlette(routes=[Route("/{token}/{name}", self.serve_file, methods=["GET", "HEAD"])],
                         exception_handlers={HTTPException: self._on_http})

    # -- control (for a sandbox in another process: the CLI, benchmarks) ---------------------------
    _SWITCHES: dict[str, Any] = {"job_seconds": float, "keepalive_seconds": float, "stream_max_seconds": float,
                                 "id_field": str, "error_shape": str, "pricing_route": bool, "max_upload_bytes": int}

    async def control(self, request: Request) -> Response:
        """``POST /_sandbox/varg`` with any of ``{"key", "cents", "plan"}`` (add a key or set its
        balance/plan), ``"fail_next"`` (n, with ``"status"``, default 500), ``"drop_stream_next"``,
        ``"finish_now"`` (a job id), ``"reset_stats"`` and the switches (``job_seconds``,
        ``keepalive_seconds``, ``stream_max_seconds``, ``id_field``, ``error_shape``,
        ``pricing_route``, ``max_upload_bytes``). GET (or the POST's answer): the switches, the
        counters and, with ``?key=``, that key's balance."""
        vs = self.vs
        key = request.query_params.get("key") or ""
        if request.method == "POST":
            try:
                data = json.loads((await request.body()) or b"{}")
                if not isinstance(data, dict):
                    raise ValueError("the body must be a JSON object")
                if data.get("key"):
                    key = str(data["key"])
                    cents = data.get("cents")
                    ensure_key(vs, key, None if cents is None else float(cents),
                               None if data.get("plan") is None else str(data["plan"]))
                for name, kind in self._SWITCHES.items():
                    if name in data:
                        setattr(vs, name, kind(data[name]))
                if data.get("fail_next"):
                    vs.fail_next(int(data["fail_next"]), int(data.get("status") or 500))
                if data.get("drop_stream_next"):
                    vs.drop_stream_next(int(data["drop_stream_next"]))
                if data.get("finish_now"):
                    vs.store.finish_now(str(data["finish_now"]))
                    vs.notify(str(data["finish_now"]))
                if data.get("reset_stats"):
                    vs.reset_stats()
            except (TypeError, ValueError) as e:  # (served by the main app: answer here, not via VargError)
                return vs.error_response(invalid("body", f"Bad control request: {e}"))
        out: dict[str, Any] = {name: getattr(vs, name) for name in self._SWITCHES}
        out.update(vs.snapshot())
        out["requests"] = dict(out["requests"])
        if key:
            bal = vs.store.balance(key)
            out["key"] = mask(key)
            out["cents"] = None if bal is None else num(bal)
        return JSONResponse(out)

    # -- error handlers ---------------------------------------------------------------------------
    async def _on_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, VargError)
        return self.vs.error_response(exc)

    async def _on_http(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        msg = "Not found" if exc.status_code == 404 else str(exc.detail)
        return self.vs.error_response(VargError(exc.status_code, msg, headers=dict(exc.headers or {})))

    async def _on_crash(self, request: Request, exc: Exception) -> Response:
        log.exception("varg sandbox handler failed on %s %s", request.method, request.url.path)
        return self.vs.error_response(VargError(500, f"Sandbox internal error: {type(exc).__name__}"))

    # -- auth -------------------------------------------------------------------------------------
    def _auth(self, request: Request) -> str:
        header = request.headers.get("authorization") or ""
        m = re.match(r"^\s*Bearer\s+(\S+)\s*$", header, re.IGNORECASE)
        if not m:
            raise VargError(401, "Missing API key: send Authorization: Bearer varg_..." if not header
                            else "Invalid API key")
        key = m.group(1)
        if self.vs.store.key_row(key) is None:
            log.info("rejected varg key %s", mask(key))
            raise VargError(401, "Invalid API key")
        self.vs.store.settle(time.time())
        return key

    @staticmethod
    async def _json(request: Request) -> Any:
        raw = await request.body()
        try:
            return json.loads(raw or b"null")
        except ValueError:
            raise invalid("body", "The request body is not JSON") from None

    # -- generation --------------------------------------------------------------------------------
    def _creator(self, cap: Capability) -> Any:
        async def handler(request: Request) -> Response:
            return await self.create(request, cap)

        return handler

    def hosted(self, url: str) -> str | None:
        """The ``files/``-relative path behind a /varg/files URL this sandbox issued, or None."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        own = (urlsplit(self.vs.state.root_url).hostname or "").lower()
        if parts.scheme not in ("http", "https") or (host != own and host not in _LOOPBACK):
            return None
        segs = [unquote(s) for s in parts.path.split("/") if s]
        if len(segs) != 4 or segs[:2] != ["varg", "files"] or not _TOKEN_RE.match(segs[2]) \
                or segs[3].startswith(".") or "\\" in segs[3] or ".." in segs[3]:
            return None
        rel = f"varg/{segs[2]}/{segs[3]}"
        return rel if (self.vs.state.store.files_dir / rel).is_file() else None

    async def create(self, request: Request, cap: Capability) -> Response:
        vs = self.vs
        key = self._auth(request)
        m, params, urls = check_request(cap, await self._json(request))
        mode = cache_mode(request.headers.get("cache-control"))
        byok = ""
        if m.byok and (request.headers.get(BYOK_HEADERS[m.byok]) or "").strip():
            byok = m.byok
        rels: list[str] = []
        hashes: list[str] = []
        foreign: list[str] = []
        for u in urls:
            rel = self.hosted(u)
            frow = vs.store.file(rel) if rel else None
            if rel is None or frow is None:
                foreign.append(u)
                hashes.append("url:" + hashlib.sha256(u.encode("utf-8")).hexdigest())
            else:
                rels.append(rel)
                hashes.append(str(frow["hash"]))
        key_c = cache_key(cap, m, params, hashes)
        headers = {"X-Cache-Key": key_c, "X-Cache-TTL": str(CACHE_TTL_SECONDS)}
        now = time.time()
        if mode == "use":
            hit = vs.store.cached(key_c, now)
            if hit is not None and (vs.state.store.files_dir / str(hit["result_rel"])).is_file():
                return self._hit(key, cap, m, params, rels, byok, key_c, hit, headers)
        # the price
        seconds: float | None = params.get("duration")
        planned: str | None = None
        if foreign:
            planned = ("Sandbox: the sandbox cannot fetch " + ", ".join(foreign) + " (it only reads files it "
                       "serves: upload them with POST /files first)")
        if cap is Capability.TRANSCRIPTION:
            seconds = None
            if rels:
                from .varg_media import VargRenderError, audio_duration

                try:
                    seconds = await asyncio.to_thread(audio_duration, vs.state.store.files_dir / rels[0])
                except VargRenderError as e:
                    raise invalid("audio_url", f"audio_url is not audio the gateway can read ({e.message})") from None
        price = vs.pricing.cents(m.id, seconds=seconds, chars=len(params.get("text") or ""), images=1)
        cost = 0.0 if (byok or planned or price is None) else float(price)
        job_id = "job_" + uuid.uuid4().hex[:16]
        row_key = vs.store.key_row(key)
        plan = str(row_key["plan"]) if row_key is not None else "free"
        j = NewJob(id=job_id, key=key, capability=cap.value, model=m.qualified, params=params, inputs=rels,
                   cost_cents=cost, byok=byok, cache_key=key_c, cache_store=mode != "no-store",
                   run_seconds=max(0.0, float(vs.job_seconds)), planned_error=planned)
        outcome, bal, running = vs.store.create_job(j, PLAN_LIMITS.get(plan, 2))
        if outcome == "busy":
            ends = [float(r["created_at"]) + float(r["run_seconds"]) for r in running]
            wait = max(1, math.ceil(min(ends) - now)) if ends else 1
            raise VargError(429, f"Too many running jobs: the {plan} plan runs {PLAN_LIMITS.get(plan, 2)} at once. "
                                 f"Retry after {wait} seconds.", headers={"Retry-After": str(wait)})
        if outcome == "balance":
            raise VargError(402, f"Insufficient balance ({num(cost)} cents needed, {num(bal)} available). "
                                 "Add credits at varg.ai/dashboard.")
        n_running = len(vs.store.running(key, time.time()))
        with vs._lock:
            vs.created[cap.value] += 1
            vs.charged += cost
            vs.max_running = max(vs.max_running, n_running)
        if planned is None:
            submit(vs, job_id)
        log.info("varg %s job %s (%s, %s cents%s)", cap.value, job_id, m.id, num(cost), f", byok {byok}" if byok else "")
        row = vs.store.job(job_id)
        return JSONResponse(vs.job_json(row), status_code=202, headers={**headers, "X-Cache": "MISS"})

    def _hit(self, key: str, cap: Capability, m: VargModel, params: dict[str, Any], rels: list[str], byok: str,
             key_c: str, hit: Any, headers: dict[str, str]) -> Response:
        vs = self.vs
        job_id = "job_" + uuid.uuid4().hex[:16]
        j = NewJob(id=job_id, key=key, capability=cap.value, model=m.qualified, params=params, inputs=rels,
                   cost_cents=0.0, byok=byok, cache_key=key_c, cache_store=True, run_seconds=0.0,
                   hit=(str(hit["result_rel"]), str(hit["media_type"]), hit["output_text"]))
        vs.store.create_job(j)
        with vs._lock:
            vs.created[cap.value] += 1
            vs.cache_hits += 1
        log.info("varg %s job %s: cache hit", cap.value, job_id)
        return JSONResponse(vs.job_json(vs.store.job(job_id)), status_code=200, headers={**headers, "X-Cache": "HIT"})

    # -- jobs --------------------------------------------------------------------------------------
    def _own_job(self, request: Request) -> tuple[str, Any]:
        key = self._auth(request)
        row = self.vs.store.job(str(request.path_params["job_id"]))
        if row is None or row["key"] != key:
            raise VargError(404, "Job not found")
        return key, row

    async def job(self, request: Request) -> Response:
        _, row = self._own_job(request)
        if request.method == "DELETE":
            if self.vs.store.cancel(str(row["id"]), time.time()):
                log.info("varg job %s cancelled", row["id"])
                self.vs.notify(str(row["id"]))
            return Response(status_code=204)
        return JSONResponse(self.vs.job_json(row))

    async def stream(self, request: Request) -> Response:
        _, row = self._own_job(request)
        return JobStream(self.vs, str(row["id"]), self.vs.take_drop())

    # -- files -------------------------------------------------------------------------------------
    async def upload(self, request: Request) -> Response:
        vs = self.vs
        key = self._auth(request)
        limit = int(vs.max_upload_bytes)
        media_type = (request.headers.get("content-type") or "").split(";", 1)[0].strip().lower() \
            or "application/octet-stream"
        claimed = (request.headers.get("x-content-hash") or "").strip().lower()
        token = secrets.token_hex(12)
        folder = vs.state.store.files_dir / "varg" / token
        folder.mkdir(parents=True, exist_ok=True)
        part = folder / ".upload.part"
        h = hashlib.sha256()
        size = 0
        over = False
        try:
            # the sandbox serves on its own thread and loop: chunk writes to a local temp file
            with open(part, "wb") as f:  # noqa: ASYNC230
                async for chunk in request.stream():
                    if not chunk:
                        continue
                    size += len(chunk)
                    if size > limit:
                        over = True  # keep reading (and dropping) the body, then answer 413
                        continue
                    h.update(chunk)
                    f.write(chunk)
        except ClientDisconnect:
            shutil.rmtree(folder, ignore_errors=True)
            log.info("varg upload: client went away after %d bytes", size)
            return Response(status_code=400)
        finally:
            with vs._lock:
                vs.upload_bytes += size
        if over or size == 0:
            shutil.rmtree(folder, ignore_errors=True)
            if over:
                raise VargError(413, f"File too large (max {limit // (1024 * 1024) or limit} "
                                     f"{'MB' if limit >= 1024 * 1024 else 'bytes'})", field="body")
            raise invalid("body", "The file is empty")
        digest = "sha256:" + h.hexdigest()
        if claimed and claimed != digest:
            shutil.rmtree(folder, ignore_errors=True)
            raise invalid("X-Content-Hash", "X-Content-Hash does not match the file's SHA-256")
        existing = vs.store.upload_by_hash(key, digest)
        if existing is not None and (vs.state.store.files_dir / str(existing["rel"])).is_file():
            shutil.rmtree(folder, ignore_errors=True)
            with vs._lock:
                vs.deduplicated += 1
            return JSONResponse({"file_id": existing["file_id"], "url": vs.file_url(str(existing["rel"])),
                                 "hash": digest, "size": int(existing["size"]), "media_type": existing["media_type"],
                                 "deduplicated": True})
        ext = _EXTENSIONS.get(media_type) or mimetypes.guess_extension(media_type) or ".bin"
        name = "file" + (ext if re.fullmatch(r"\.[a-z0-9]{1,8}", ext) else ".bin")
        os.replace(part, folder / name)
        rel = f"varg/{token}/{name}"
        file_id = "file_" + token[:16]
        vs.store.add_file(rel, file_id, key, digest, size, media_type, "upload")
        with vs._lock:
            vs.uploads += 1
        log.info("varg upload %s: %d bytes (%s)", file_id, size, media_type)
        return JSONResponse({"file_id": file_id, "url": vs.file_url(rel), "hash": digest, "size": size,
                             "media_type": media_type, "deduplicated": False})

    async def serve_file(self, request: Request) -> Response:
        keyed = any(h == "authorization" or h.startswith("x-provider-key-") for h in request.headers)
        with self.vs._lock:
            self.vs.file_requests += 1
            self.vs.file_requests_with_keys += int(keyed)
        token, name = str(request.path_params["token"]), str(request.path_params["name"])
        files = self.vs.state.store.files_dir / "varg"
        if token == "voices":
            return await self._voice_preview(name)
        if not _TOKEN_RE.match(token) or name.startswith(".") or "/" in name or "\\" in name or ".." in name:
            raise HTTPException(404)
        path = files / token / name
        if not path.is_file():
            raise HTTPException(404)
        row = self.vs.store.file(f"varg/{token}/{name}")
        media_type = str(row["media_type"]) if row is not None else "application/octet-stream"
        return FileResponse(path, media_type=media_type, headers={"Cache-Control": "public, max-age=3600"})

    async def _voice_preview(self, name: str) -> Response:
        from .varg_media import make_voice_preview

        vid = name[:-4] if name.endswith(".mp3") else ""
        voice = _VOICE_IDS.get(vid.lower())
        if voice is None or voice["voice_id"] != vid:
            raise HTTPException(404)
        path = self.vs.state.store.files_dir / "varg" / "voices" / f"{vid}.mp3"
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            await asyncio.to_thread(make_voice_preview, self.vs.state.registry, vid, str(voice["name"]), path)
        return FileResponse(path, media_type="audio/mpeg", headers={"Cache-Control": "public, max-age=86400"})

    # -- account -----------------------------------------------------------------------------------
    async def me(self, request: Request) -> Response:
        row = self.vs.store.key_row(self._auth(request))
        assert row is not None
        # instance_id: not varg's; lets a client know a restarted sandbox (new port) is the same server
        return JSONResponse({"userId": row["user_id"], "email": row["email"],
                             "instance_id": self.vs.state.store.instance_id})

    async def balance(self, request: Request) -> Response:
        bal = self.vs.store.balance(self._auth(request)) or 0.0
        return JSONResponse({"balance_cents": num(bal), "currency": "usd"})

    @staticmethod
    def _day(request: Request, name: str) -> date | None:
        v = (request.query_params.get(name) or "").strip()
        if not v:
            return None
        try:
            return date.fromisoformat(v[:10])
        except ValueError:
            raise invalid(name, f"{name} must be a date (YYYY-MM-DD)") from None

    async def usage(self, request: Request) -> Response:
        key = self._auth(request)
        start, end = self._day(request, "from"), self._day(request, "to")
        t0 = datetime(start.year, start.month, start.day, tzinfo=UTC).timestamp() if start else None
        t1 = datetime(end.year, end.month, end.day, tzinfo=UTC).timestamp() + 86400 if end else None
        records = []
        total = 0.0
        for r in self.vs.store.jobs_of(key, t0, t1):
            cost = 0.0 if r["refunded"] else float(r["cost_cents"])
            total += cost
            records.append({"job_id": r["id"], "model": r["model"], "capability": r["capability"],
                            "cost_cents": num(cost), "cache_hit": bool(r["cache_hit"]),
                            "created_at": _iso(float(r["created_at"]))})
        return JSONResponse({"usage": records, "total_cents": num(total)})

    async def voices(self, request: Request) -> Response:
        self._auth(request)
        q = request.query_params
        search = (q.get("search") or "").strip().lower()
        gender = (q.get("gender") or "").strip().lower()
        out = []
        for v in VOICES:
            labels = v["labels"]
            if gender and labels["gender"] != gender:
                continue
            hay = " ".join([v["voice_id"], v["name"], v["category"], *labels.values()]).lower()
            if search and search not in hay:
                continue
            out.append({**v, "labels": dict(labels),
                        "preview_url": self.vs.state.url(f"{FILES_PREFIX}/voices/{v['voice_id']}.mp3")})
        try:
            page = max(1, int(q.get("page") or 1))
            size = max(1, min(100, int(q.get("page_size") or 100)))
        except ValueError:
            raise invalid("page", "page and page_size must be whole numbers") from None
        return JSONResponse({"voices": out[(page - 1) * size: page * size]})

    async def pricing(self, request: Request) -> Response:
        self._auth(request)
        if not self.vs.pricing_route:
            raise VargError(404, "Not found")
        p = self.vs.pricing
        data = []
        for m in MODELS:
            e = p.entry(m.id)
            if e is None:
                continue
            unit = e[0]
            if unit == "second":
                cents = p.cents(m.id, seconds=float(m.default_duration or 5))
            elif unit == "minute":
                cents = p.cents(m.id, seconds=60.0)
            else:
                cents = p.cents(m.id, chars=1000, images=1)
            data.append({"model": m.id, "tool": m.capability.value,
                         "providers": [{"provider": m.upstream, "model_key": m.qualified,
                                        "user_price_estimate_cents": num(cents or 0.0)}]})
        return JSONResponse({"data": data})
