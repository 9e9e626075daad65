"""The Vimmerse v2 wire format, served by the same sandbox under ``/vimmerse``
(``../shared/specs/vimmerse-v2.md``).

``Sandbox.vimmerse_url`` (the root URL + ``/vimmerse``) is the base URL a
:class:`~verging_desktop.api.vimmerse.VimmerseClient` talks to. Behaviour, where the spec is silent:

* **Keys.** ``X-Api-Key`` carries :data:`VIMMERSE_DEMO_KEY` or a key added with
  ``Sandbox.add_vimmerse_key``; each key has its own credit balance (Verging keys are not
  Vimmerse keys). A missing key is a 401 ``UNAUTHORIZED``, an unknown one a 403 ``INVALID_API_KEY``.
* **Uploads.** ``POST /v2/video?option=UploadVideo`` (bare asset), ``/image`` and ``/audio``
  (``data``-wrapped) store the file (checked by content) and answer a finished asset whose
  ``results[0]`` is its hosted URL under the sandbox root (``/_storage/files/...``, no key needed).
* **Jobs.** Every video route answers at once with status ``processing``; reads then say
  ``queue_bullet``, ``processing_bullet``, ``processing`` and finally ``success`` (after the
  sandbox's ``job_seconds / speed``) or ``fail``. The media URLs of a request are mapped back to the
  files the sandbox hosts (uploads and earlier results); a URL it did not host makes the asset fail
  with the reason (the sandbox cannot fetch the internet). Results are made by
  ``sandbox/vimmerse_media.py``'s ``render`` in a worker thread and served under ``/_storage/results``.
* **Credits** are charged at creation with :class:`~verging_desktop.core.vimmerse_pricing.VimmersePricing`,
  the same table ``/v2/video/estimate-credits`` answers from: a charge equals its estimate. 402
  ``INSUFFICIENT_CREDIT`` when the balance is short (nothing is created). A failed asset is refunded
  once its failure time has passed (on the next authenticated request or balance read).
* **Errors.** A missing required field or an aspect ratio that is not ``W:H`` is FastAPI's 422
  ``detail`` list; other bad values are a 400 upper-case word (``INVALID_QUANTITY``,
  ``INVALID_DURATION``, ``INVALID_OPTION``, ``INVALID_ASPECT_RATIO`` ...).
* **Switches for tests.** ``Sandbox.vimmerse_fail_next(n)``, ``Sandbox.vimmerse_v2_asset_route =
  False`` (``/v2/asset/{id}`` answers 404, as on a server without it) and
  ``Sandbox.vimmerse_string_credits = True`` (credits sent as strings). The sandbox's
  :class:`~verging_desktop.sandbox.faults.FaultConfig` applies to these paths too (429 answers carry
  ``Retry-After``).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import math
import re
import secrets
import shutil
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..api.vimmerse.models import ESTIMATE_APP_NAMES, App, request_from_params
from ..core.errors import InputError
from ..core.filetypes import sniff
from ..core.redact import mask
from ..core.vimmerse_pricing import VimmersePricing, billed_media
from .common import SandboxState, num, safe_name
from .multipart import MultipartError, receive_file
from .vimmerse_checks import VimmerseError, check_body, int_field, invalid, missing, str_field, word
from .vimmerse_store import FAIL, SUCCESS, NewAsset, VimmerseStore, asset_status

log = logging.getLogger("verging_desktop.sandbox")

PREFIX = "/vimmerse"
VIMMERSE_DEMO_KEY = "vim_sandbox_demo_key"
FAIL_MARKER = "sandbox-fail"
UPLOADS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "video": ("video_file", "upload-video", ("mp4", "webm", "avi", "mpeg", "mpegts")),
    "image": ("image_file", "upload-image", ("jpeg", "png", "webp", "gif", "bmp")),
    "audio": ("audio_file", "upload-audio", ("wav", "mp3", "ogg", "flac", "mp4", "webm")),
}
_MIME = {"mp4": "video/mp4", "webm": "video/webm", "avi": "video/x-msvideo", "mpeg": "video/mpeg",
         "mpegts": "video/mp2t", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp", "gif": "image/gif",
         "bmp": "image/bmp", "wav": "audio/wav", "mp3": "audio/mpeg", "ogg": "audio/ogg", "flac": "audio/flac"}
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


# -- state -----------------------------------------------------------------------------------------
class VimmerseState:
    """What the Vimmerse handlers share (beside the sandbox's :class:`SandboxState`)."""

    def __init__(self, state: SandboxState, pricing: VimmersePricing | None = None) -> None:
        self.state = state
        self.store = VimmerseStore(state.store)
        self.pricing = pricing or VimmersePricing.default()
        #: the balance of a key added without credits
        self.default_credits = 1000.0
        #: False: ``GET /v2/asset/{id}`` answers 404 (a server that only has ``/asset/{id}``)
        self.v2_asset_route = True
        #: True: ``credits`` (and ``total_credits``) go out as strings
        self.string_credits = False
        #: the ``app_name``s estimate-credits knows (the rest answer 400 INVALID_APP_NAME)
        self.estimate_app_names: frozenset[str] = frozenset(ESTIMATE_APP_NAMES)
        self._lock = threading.Lock()
        self._fail_next = 0
        self.created: dict[str, int] = {}
        self.uploads = 0
        self.charged = 0.0
        self.refunded = 0.0
        #: requests that carried an ``Authorization`` header (a client should send only X-Api-Key)
        self.authorization_headers = 0

    def add_fail_next(self, n: int) -> int:
        with self._lock:
            self._fail_next = max(0, self._fail_next + int(n))
            return self._fail_next

    def take_fail_next(self) -> bool:
        with self._lock:
            if self._fail_next > 0:
                self._fail_next -= 1
                return True
            return False

    def count(self, app_name: str, credits: float) -> None:
        with self._lock:
            self.created[app_name] = self.created.get(app_name, 0) + 1
            self.charged += credits

    def settle(self, now: float | None = None) -> None:
        refunded = self.store.settle(time.time() if now is None else now)
        if refunded:
            with self._lock:
                self.refunded += refunded

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {"created": dict(self.created), "uploads": self.uploads, "charged": num(self.charged),
                    "refunded": num(self.refunded), "authorization_headers": self.authorization_headers}

    def credits_value(self, v: float) -> float | int | str:
        n = num(v)
        return str(n) if self.string_credits else n


def _ts(t: float, legacy: bool) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat(sep=" " if legacy else "T", timespec="microseconds")


def _customer(key: str) -> str:
    return "sandbox-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def asset_json(vs: VimmerseState, row: Any, now: float, *, legacy: bool = False,
               answer_status: str | None = None) -> dict[str, Any]:
    """An asset as Vimmerse sends it (``legacy``: the ``/asset/{id}`` form, space in timestamps)."""
    status, progress, updated = asset_status(row, now)
    results: list[str] = []
    if status == SUCCESS:
        results = [vs.state.url(rel_url(rel)) for rel in json.loads(row["results"])]
    d: dict[str, Any] = {
        "id": row["id"],
        "app_name": row["app_name"],
        "status": answer_status if answer_status and status not in (SUCCESS, FAIL) else status,
        "results": results,
        "thumbnails": [],
        "args": json.loads(row["args"]),
        # a failed asset is refunded (VimmerseStore.settle), so it reports no charge: what the app
        # counts (services/usage.py). The spec does not say; the sandbox refunds as Verging does
        "credits": vs.credits_value(0.0 if status == FAIL else float(row["credits"])),
        "quantity": int(row["quantity"]),
        "mime_type": row["mime_type"],
        "customer_id": _customer(row["key"]),
        "primary_user_id": _customer(row["key"]),
        "history": [],
        "progress": progress,
        "created_at": _ts(float(row["created_at"]), legacy),
        "updated_at": _ts(updated, legacy),
    }
    if status == FAIL:
        d["message" if legacy else "failure_reason"] = row["error"]
    return d


def rel_url(rel: str) -> str:
    """The storage URL path of a file under ``files/`` (``uploads/t/n`` -> ``/_storage/files/t/n``)."""
    if rel.startswith("uploads/"):
        return "/_storage/files/" + rel[len("uploads/"):]
    return "/_storage/" + rel


def hosted_file(vs: VimmerseState, url: str) -> str | None:
    """The ``files/``-relative path behind a URL this sandbox hosts, or None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    own = urlsplit(vs.state.root_url).hostname or ""
    if parts.scheme not in ("http", "https") or (host != own.lower() and host not in _LOOPBACK):
        return None
    segs = [unquote(s) for s in parts.path.split("/") if s]
    if len(segs) != 4 or segs[0] != "_storage" or segs[1] not in ("files", "results"):
        return None
    token, name = segs[2], segs[3]
    if not re.fullmatch(r"[0-9a-f]{16,64}", token) or name.startswith(".") or "\\" in name or ".." in name:
        return None
    rel = f"{'uploads' if segs[1] == 'files' else 'results'}/{token}/{name}"
    return rel if (vs.state.store.files_dir / rel).is_file() else None


# -- result production ----------------------------------------------------------------------------
def produce(vs: VimmerseState, asset_id: str) -> None:
    """Make the results of an asset (runs in a worker thread)."""
    from ..media.binaries import ffmpeg_exe
    from .vimmerse_media import render

    st = vs.state
    row = vs.store.asset(asset_id)
    if row is None or row["failed_at"] is not None or row["result_ready_at"] is not None or st.registry.closed:
        return
    app = App.parse(row["app_name"])
    if app is None:  # pragma: no cover - only known apps are stored
        vs.store.mark_failed(asset_id, f"Sandbox: unknown app {row['app_name']}.")
        return
    files = st.store.files_dir
    inputs = {k: [files / r for r in v] for k, v in json.loads(row["inputs"]).items()}
    token = secrets.token_hex(12)
    out_dir = files / "results" / token
    started = time.monotonic()
    try:
        out = render(app, json.loads(row["args"]), inputs, out_dir, ffmpeg=ffmpeg_exe(), registry=st.registry)
        rels = []
        for p in out:
            name = safe_name(p.name, "result.mp4")
            if p.parent != out_dir or p.name != name:
                shutil.move(str(p), str(out_dir / name))
            rels.append(f"results/{token}/{name}")
        if not rels:
            raise RuntimeError("the renderer made no result")
    except Exception as e:
        if st.registry.closed:
            log.info("vimmerse asset %s: interrupted by shutdown; it resumes on the next start", asset_id)
            return
        reason = getattr(e, "message", None) or str(e) or type(e).__name__
        log.warning("vimmerse asset %s failed in the sandbox: %s", asset_id, reason)
        vs.store.mark_failed(asset_id, f"Sandbox processing failed: {reason}")
        return
    vs.store.mark_results(asset_id, rels)
    log.info("vimmerse asset %s: %d result(s) in %.2f s", asset_id, len(rels), time.monotonic() - started)


def submit(vs: VimmerseState, asset_id: str) -> None:
    try:
        vs.state.executor.submit(produce, vs, asset_id)
    except RuntimeError:  # the executor is shut down: the sandbox is stopping
        log.info("vimmerse asset %s not queued: the sandbox is stopping", asset_id)


def resume_unfinished(vs: VimmerseState) -> int:
    """Queue result production for assets a previous run did not finish; returns how many."""
    rows = vs.store.unfinished()
    for r in rows:
        submit(vs, str(r["id"]))
    return len(rows)


def _probe_seconds(path: Path) -> float:
    from ..media.probe import probe

    return float(probe(path, require_video=False, scan_packets=False).duration)


# -- handlers --------------------------------------------------------------------------------------
class VimmerseApi:
    def __init__(self, vs: VimmerseState) -> None:
        self.vs = vs

    def routes(self) -> list[Route]:
        p = PREFIX
        routes = [
            Route(f"{p}/v2/video", self.upload_video, methods=["POST"]),
            Route(f"{p}/image", self.upload_image, methods=["POST"]),
            Route(f"{p}/audio", self.upload_audio, methods=["POST"]),
            Route(f"{p}/v2/video/estimate-credits", self.estimate, methods=["POST"]),
            Route(f"{p}/v2/asset/{{asset_id}}", self.asset_v2, methods=["GET"]),
            Route(f"{p}/asset/{{asset_id}}", self.asset_legacy, methods=["GET"]),
            Route("/_sandbox/vimmerse", self.control, methods=["GET", "POST"]),
        ]
        for app in App:
            routes.append(Route(p + app.route, self._creator(app), methods=["POST"], name=app.value))
        return routes

    # -- auth ------------------------------------------------------------------------------------
    def _auth(self, request: Request) -> str:
        vs = self.vs
        if "authorization" in request.headers:
            with vs._lock:
                vs.authorization_headers += 1
        key = (request.headers.get("x-api-key") or "").strip()
        if not key:
            raise word(401, "UNAUTHORIZED")
        if not vs.store.known(key):
            log.info("rejected Vimmerse key %s", mask(key))
            raise word(403, "INVALID_API_KEY")
        vs.settle()
        return key

    @staticmethod
    async def _json(request: Request) -> dict[str, Any]:
        raw = await request.body()
        try:
            data = json.loads(raw or b"null")
        except ValueError:
            raise VimmerseError(422, {"detail": [{"loc": ["body"], "msg": "Expecting value: the body is not JSON",
                                                  "type": "value_error.jsondecode"}]}) from None
        if data is None:
            raise missing("body", where="body")
        if not isinstance(data, dict):
            raise invalid("body", "value is not a valid dict", "type_error.dict")
        return data

    # -- uploads ----------------------------------------------------------------------------------
    async def _upload(self, request: Request, kind: str) -> dict[str, Any]:
        vs = self.vs
        key = self._auth(request)
        field, app_name, formats = UPLOADS[kind]
        if kind == "video" and request.query_params.get("option") != "UploadVideo":
            if not request.query_params.get("option"):
                raise missing("option", where="query")
            raise word(400, "INVALID_OPTION")
        if not request.headers.get("content-type", "").startswith("multipart/form-data"):
            raise missing(field)
        token = secrets.token_hex(16)

        def dest_for(file_name: str) -> Path:
            return vs.state.store.files_dir / "uploads" / token / safe_name(file_name, f"{kind}.bin")

        try:  # the file part is written once, straight into place (not spooled, then copied)
            got, _ = await receive_file(request, field, dest_for, max_files=1, max_fields=20,
                                        max_part_size=1024 * 1024)
        except MultipartError:
            raise word(400, "BAD_REQUEST") from None
        if got is None:
            raise missing(field)
        dest, size, name = got.path, got.size, got.path.name
        rel = f"uploads/{token}/{name}"
        fmt = sniff(dest)
        if fmt not in formats:
            dest.unlink(missing_ok=True)
            raise word(400, "INVALID_FILE_TYPE")
        asset_id = str(uuid.uuid4())
        a = NewAsset(id=asset_id, key=key, app_name=app_name, args={"file_name": got.file_name or name}, inputs={},
                     quantity=1, mime_type=_MIME.get(fmt or "", "application/octet-stream"),
                     credits=vs.pricing.credits(app_name), run_seconds=0.0, results=(rel,))
        ok, balance = vs.store.create(a)
        if not ok:
            dest.unlink(missing_ok=True)
            raise word(402, "INSUFFICIENT_CREDIT")
        with vs._lock:
            vs.uploads += 1
        log.info("vimmerse %s upload %s: %d bytes", kind, asset_id[:8], size)
        row = vs.store.asset(asset_id)
        return asset_json(vs, row, time.time())

    async def upload_video(self, request: Request) -> Response:
        return JSONResponse(await self._upload(request, "video"))

    async def upload_image(self, request: Request) -> Response:
        return JSONResponse({"data": await self._upload(request, "image")})

    async def upload_audio(self, request: Request) -> Response:
        return JSONResponse({"data": await self._upload(request, "audio")})

    # -- estimates ---------------------------------------------------------------------------------
    async def estimate(self, request: Request) -> Response:
        vs = self.vs
        self._auth(request)
        body = await self._json(request)
        for name in ("app_name", "option"):
            if not str_field(body, name):
                raise missing(name)
        app_name = str_field(body, "app_name")
        if app_name not in vs.estimate_app_names:
            raise word(400, "INVALID_APP_NAME")
        quantity = int_field(body, "quantity", 1, 4, "INVALID_QUANTITY", default=1) or 1
        seconds: float | None = None
        for name in ("duration", "video_duration"):
            v = body.get(name)
            if v is None or v == "":
                continue
            try:
                f = float(v)
            except (TypeError, ValueError):
                raise invalid(name, "value is not a valid float", "type_error.float") from None
            if not math.isfinite(f) or f < 0:
                raise word(400, "INVALID_DURATION")
            if seconds is None:
                seconds = f
        try:
            total, breakdown = vs.pricing.quote(app_name, str_field(body, "option"), quantity=quantity, duration=seconds,
                                                prompt=str_field(body, "prompt"))
        except InputError:
            raise word(400, "INVALID_OPTION") from None
        return JSONResponse({"total_credits": vs.credits_value(total), "breakdown": breakdown})

    # -- jobs --------------------------------------------------------------------------------------
    def _creator(self, app: App) -> Any:
        async def handler(request: Request) -> Response:
            return await self.create(request, app)

        return handler

    async def create(self, request: Request, app: App) -> Response:
        vs = self.vs
        st = vs.state
        key = self._auth(request)
        body = check_body(app, await self._json(request))
        req = request_from_params(app, body)
        # map every media URL back to a file this sandbox hosts
        inputs: dict[str, list[str]] = {}
        reasons: list[str] = []
        for name, urls in req.media().items():
            for u in urls:
                rel = hosted_file(vs, u)
                if rel is None:
                    reasons.append(f"{name} {u} is not a file this sandbox hosts (the sandbox cannot fetch the "
                                   "internet: upload the file to the sandbox first)")
                else:
                    inputs.setdefault(name, []).append(rel)
        duration: float | None = None
        billed = billed_media(app.app_name)
        if billed and inputs.get(billed):
            try:
                duration = await asyncio.to_thread(_probe_seconds, st.store.files_dir / inputs[billed][0])
            except (InputError, OSError, ValueError) as e:
                reasons.append(f"the sandbox cannot read {billed} ({e})")
        try:
            price = vs.pricing.for_request(req, duration=duration)
        except InputError:
            raise word(400, "INVALID_OPTION") from None
        if reasons:
            failure: str | None = "Sandbox: " + "; ".join(reasons) + "."
        elif vs.take_fail_next():
            failure = "Sandbox: this asset was set to fail (vimmerse_fail_next)."
        elif any(FAIL_MARKER in r.lower() for rels in inputs.values() for r in rels):
            failure = f"Sandbox: an input's file name contains '{FAIL_MARKER}'."
        else:
            failure = None
        args = {k: v for k, v in body.items() if k != "webhook_url"}
        asset_id = str(uuid.uuid4())
        a = NewAsset(id=asset_id, key=key, app_name=app.app_name, args=args, inputs=inputs,
                     quantity=int(body.get("quantity") or 1), mime_type="video/mp4", credits=price,
                     run_seconds=st.run_seconds(), failure=failure)
        ok, balance = vs.store.create(a)
        if not ok:
            raise word(402, "INSUFFICIENT_CREDIT")
        vs.count(app.app_name, price)
        if failure is None:
            submit(vs, asset_id)
        log.info("vimmerse %s asset %s (%s credits)%s", app.app_name, asset_id[:8], num(price),
                 " - will fail" if failure else "")
        return JSONResponse(asset_json(vs, vs.store.asset(asset_id), time.time(), answer_status="processing"))

    # -- control (for a sandbox in another process: the CLI, benchmarks) ---------------------------
    async def control(self, request: Request) -> Response:
        """``POST /_sandbox/vimmerse`` with any of ``{"key", "credits"}`` (add a key or set its
        balance), ``fail_next``, ``v2_asset_route``, ``string_credits``; GET (or the POST's answer)
        tells the switches, the counters and, with ``?key=``, that key's balance."""
        vs = self.vs
        key = request.query_params.get("key") or ""
        if request.method == "POST":
            try:
                data = json.loads((await request.body()) or b"{}")
                if not isinstance(data, dict):
                    raise ValueError
                if data.get("key"):
                    key = str(data["key"])
                    credits = data.get("credits")
                    vs.store.ensure_key(key, None if credits is None else float(credits), vs.default_credits)
                if "fail_next" in data:
                    vs.add_fail_next(int(data["fail_next"]))
                for name in ("v2_asset_route", "string_credits"):
                    if name in data:
                        setattr(vs, name, bool(data[name]))
            except (TypeError, ValueError):
                raise word(400, "BAD_REQUEST") from None
        vs.settle()
        out: dict[str, Any] = {"v2_asset_route": vs.v2_asset_route, "string_credits": vs.string_credits,
                               "fail_next": vs.add_fail_next(0), **vs.snapshot()}
        if key:
            bal = vs.store.balance(key)
            out["key"] = mask(key)
            out["credits"] = None if bal is None else num(bal)
        return JSONResponse(out)

    # -- reads -------------------------------------------------------------------------------------
    def _read(self, request: Request) -> Any:
        key = self._auth(request)
        row = self.vs.store.asset(str(request.path_params["asset_id"]))
        if row is None or row["key"] != key:
            raise word(404, "NOT_FOUND")
        return row

    async def asset_v2(self, request: Request) -> Response:
        if not self.vs.v2_asset_route:
            return JSONResponse({"detail": "Not Found"}, status_code=404)
        row = self._read(request)
        now = time.time()
        self.vs.settle(now)  # a failure shown as of ``now`` is refunded as of ``now`` too
        return JSONResponse(asset_json(self.vs, row, now))

    async def asset_legacy(self, request: Request) -> Response:
        row = self._read(request)
        now = time.time()
        self.vs.settle(now)
        return JSONResponse({"data": asset_json(self.vs, row, now, legacy=True)})
