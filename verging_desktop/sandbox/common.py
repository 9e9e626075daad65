"""Shared pieces of the sandbox server: state, statistics, errors, envelopes, auth and parsing."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import re
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse

from ..core.pricing import Pricing
from ..core.redact import mask
from .faults import FaultConfig, FaultInjector
from .media import ProcessRegistry
from .store import KeyInfo, Store

log = logging.getLogger("verging_desktop.sandbox")

API_PREFIX = "/api/v1"
SUCCESS_MESSAGE = {"en": "Request Success", "zh": "请求成功"}
JOB_KINDS = ("faceswap", "video_enhance", "background_removal")


def num(x: float | int) -> float | int:
    """A JSON number: an int when the value is whole (credits are shown as 5, not 5.0)."""
    f = float(x)
    if math.isfinite(f) and f.is_integer():
        return int(f)
    return round(f, 4)


def iso(t: float | None) -> str | None:
    """Epoch seconds as ISO 8601 (UTC, with offset)."""
    if t is None:
        return None
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="seconds")


class Stats:
    """Counters for tests: requests by ``METHOD path``, created jobs, uploads and credits, and the
    most API requests being handled at once (``max_in_flight``, since the last reset)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.in_flight = 0
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.requests: Counter[str] = Counter()
            self.create_jobs: dict[str, int] = {k: 0 for k in JOB_KINDS}
            self.uploads = 0
            self.charged = 0.0
            self.refunded = 0.0
            self.max_in_flight = self.in_flight

    def count_request(self, method: str, path: str) -> None:
        with self._lock:
            self.requests[f"{method} {path}"] += 1

    def enter(self) -> None:
        """An API request is being handled (until :meth:`leave`)."""
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def count_job(self, kind: str) -> None:
        with self._lock:
            self.create_jobs[kind] = self.create_jobs.get(kind, 0) + 1

    def count_upload(self) -> None:
        with self._lock:
            self.uploads += 1

    def add_charge(self, credits: float) -> None:
        with self._lock:
            self.charged += credits

    def add_refund(self, credits: float) -> None:
        with self._lock:
            self.refunded += credits

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "requests": dict(self.requests),
                "create_jobs": dict(self.create_jobs),
                "uploads": self.uploads,
                "charged": num(self.charged),
                "refunded": num(self.refunded),
                "max_in_flight": self.max_in_flight,
            }


class SandboxState:
    """Everything the request handlers share."""

    def __init__(self, store: Store, pricing: Pricing, faults: FaultConfig, job_seconds: float, speed: float) -> None:
        self.store = store
        self.pricing = pricing
        self.injector = FaultInjector(faults)
        self.stats = Stats()
        self.registry = ProcessRegistry()
        self.executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="verging-sandbox-media")
        self.job_seconds = float(job_seconds)
        self.speed = float(speed) if speed and speed > 0 else 1.0
        self.root_url = ""
        self._fail_lock = threading.Lock()
        self._fail_next = 0

    @property
    def faults(self) -> FaultConfig:
        return self.injector.config

    def run_seconds(self) -> float:
        """How long a new job takes, in wall-clock seconds."""
        return max(0.05, self.job_seconds / self.speed)

    def chunk_delay(self) -> float:
        """Delay between two streamed chat tokens."""
        return 0.02 / self.speed

    def url(self, path: str) -> str:
        return self.root_url + path

    def add_fail_next(self, n: int) -> int:
        with self._fail_lock:
            self._fail_next = max(0, self._fail_next + int(n))
            return self._fail_next

    def set_fail_next(self, n: int) -> int:
        with self._fail_lock:
            self._fail_next = max(0, int(n))
            return self._fail_next

    def take_fail_next(self) -> bool:
        with self._fail_lock:
            if self._fail_next > 0:
                self._fail_next -= 1
                return True
            return False

    def settle(self, now: float | None = None) -> None:
        """Refund jobs that have failed by now (see the package docstring)."""
        refunded = self.store.settle_failed(time.time() if now is None else now)
        if refunded:
            self.stats.add_refund(refunded)


# -- errors and envelopes -------------------------------------------------------------------
class HttpError(Exception):
    """Raised by handlers; turned into the API's JSON error body."""

    def __init__(self, status: int, message: str, error_code: int | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        if error_code is None:
            error_code = {400: 40000, 402: 40001}.get(status)
        self.error_code = error_code
        self.headers = headers or {}


def error_response(status: int, message: str, error_code: int | None = None, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        {"error_code": error_code, "message": message, "upstream_error": None}, status_code=status, headers=headers
    )


def insufficient(required: float, available: float) -> HttpError:
    return HttpError(402, f"Insufficient credits. Required: {num(required)}, available: {num(available)}", 40001)


def bad(message: str) -> HttpError:
    return HttpError(400, message, 40000)


def envelope(result: Any, code: int = 100000) -> JSONResponse:
    return JSONResponse({"code": code, "result": result, "message": SUCCESS_MESSAGE})


async def http_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HttpError)
    return error_response(exc.status, exc.message, exc.error_code, exc.headers)


async def starlette_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = {400: 40000, 402: 40001}.get(exc.status_code)
    msg = exc.detail if isinstance(exc.detail, str) else "Error"
    return error_response(exc.status_code, msg, code, dict(exc.headers or {}))


async def internal_error_handler(request: Request, exc: Exception) -> JSONResponse:
    log.exception("sandbox handler failed on %s %s", request.method, request.url.path)
    return error_response(500, f"Sandbox internal error: {type(exc).__name__}")


# -- auth ------------------------------------------------------------------------------------
_AUTH_RE = re.compile(r"^\s*(ApiKey|Bearer)\s+(\S+)\s*$", re.IGNORECASE)


def api_key_of(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    m = _AUTH_RE.match(header)
    return m.group(2) if m else None


def authenticate(state: SandboxState, request: Request) -> KeyInfo:
    """The caller's key and account, or a 401. Also settles failed jobs (refunds) first."""
    key = api_key_of(request)
    info = state.store.authenticate(key) if key else None
    if info is None:
        if key:
            log.info("rejected API key %s", mask(key))
        raise HttpError(401, "Invalid or missing API key", None)
    state.settle()
    # re-read the balance after refunds
    return KeyInfo(info.id, info.key, state.store.account(info.account.id))


# -- parsing ---------------------------------------------------------------------------------
async def json_body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    try:
        data = json.loads(raw or b"null")
    except ValueError:
        raise bad("The request body must be JSON.") from None
    if not isinstance(data, dict):
        raise bad("The request body must be a JSON object.")
    return data


async def form_body(request: Request, max_size: int | None = None) -> FormData:
    """The multipart (or urlencoded) form; 400 when it cannot be parsed or is too large."""
    if max_size is not None:
        try:
            length = int(request.headers.get("content-length", "0"))
        except ValueError:
            length = 0
        if length > max_size + 1024 * 1024:
            raise bad(f"The request is too large (limit {max_size // (1024 * 1024)} MB).")
    ctype = request.headers.get("content-type", "")
    if not ctype.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        raise bad("This endpoint expects a multipart/form-data body.")
    try:
        return await request.form(max_part_size=4 * 1024 * 1024)
    except HTTPException as e:
        raise bad(f"The form cannot be parsed: {e.detail}") from None


def form_str(form: FormData, name: str, required: bool = False, default: str | None = None) -> str | None:
    v = form.get(name)
    if isinstance(v, UploadFile):
        raise bad(f"'{name}' must be a text field, not a file.")
    if v is None or str(v).strip() == "":
        if required:
            raise bad(f"'{name}' is required.")
        return default
    return str(v)


def form_file(form: FormData, name: str) -> UploadFile:
    v = form.get(name)
    if not isinstance(v, UploadFile):
        raise bad(f"'{name}' (a file) is required.")
    return v


def parse_bool(value: Any, name: str) -> bool:
    if value is None or value == "":
        return False
    if isinstance(value, bool):
        return value
    s = str(value).strip().lower()
    if s in ("true", "1", "yes", "on"):
        return True
    if s in ("false", "0", "no", "off"):
        return False
    raise bad(f"'{name}' must be true or false.")


def parse_float(value: Any, name: str, lo: float | None = None, hi: float | None = None, default: float | None = None) -> float:
    if value is None or value == "":
        if default is None:
            raise bad(f"'{name}' is required.")
        return default
    if isinstance(value, bool):
        raise bad(f"'{name}' must be a number.")
    try:
        f = float(value)
    except (TypeError, ValueError):
        raise bad(f"'{name}' must be a number.") from None
    if not math.isfinite(f) or (lo is not None and f < lo) or (hi is not None and f > hi):
        if lo is not None and hi is not None:
            raise bad(f"'{name}' must be between {num(lo)} and {num(hi)}.")
        if lo is not None:
            raise bad(f"'{name}' must be at least {num(lo)}.")
        if hi is not None:
            raise bad(f"'{name}' must be at most {num(hi)}.")
        raise bad(f"'{name}' must be a finite number.")
    return f


def parse_int(value: Any, name: str, lo: int, hi: int, default: int | None = None) -> int:
    if value is None or value == "":
        if default is None:
            raise bad(f"'{name}' is required.")
        return default
    if isinstance(value, bool):
        raise bad(f"'{name}' must be an integer.")
    try:
        if isinstance(value, float):
            if not value.is_integer():
                raise ValueError
            i = int(value)
        else:
            i = int(str(value).strip())
    except (TypeError, ValueError):
        raise bad(f"'{name}' must be an integer.") from None
    if i < lo or i > hi:
        raise bad(f"'{name}' must be between {lo} and {hi}.")
    return i


_SAFE_RE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str, default: str) -> str:
    """A file name safe for a URL path segment and the file system."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    base = _SAFE_RE.sub("_", base).strip("._") or default
    if len(base) > 100:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 90] + dot + ext[:9]) if dot else base[:100]
    return base


async def sleep_or_disconnect(event: asyncio.Event, seconds: float) -> None:
    """Sleep, returning early when ``event`` is set."""
    if seconds <= 0:
        return
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(event.wait(), timeout=seconds)
