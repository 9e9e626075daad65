"""The Starlette application: routing, the fault/statistics middleware, accounts, API keys,
presigned uploads, file serving and the ``/_sandbox`` control endpoints (the Vimmerse wire format's
routes are ``vimmerse.py``'s, mounted under ``/vimmerse`` by :func:`build_app`)."""

from __future__ import annotations

import asyncio
import calendar
import hashlib
import hmac
import logging
import os
import re
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..core.redact import mask
from .ai import AiApi
from .common import (
    API_PREFIX,
    HttpError,
    SandboxState,
    authenticate,
    bad,
    envelope,
    error_response,
    form_body,
    form_str,
    http_error_handler,
    internal_error_handler,
    iso,
    num,
    safe_name,
    starlette_error_handler,
)
from .faults import API_PREFIXES, Fault
from .jobs import JobsApi
from .transport import abort_connection
from .varg import FILES_PREFIX as VARG_FILES_PREFIX
from .varg import PREFIX as VARG_PREFIX
from .varg import VargApi, VargState
from .vimmerse import PREFIX as VIMMERSE_PREFIX
from .vimmerse import VimmerseApi, VimmerseState
from .vimmerse_checks import VimmerseError, not_found_body, vimmerse_error_handler

log = logging.getLogger("verging_desktop.sandbox")

UPLOAD_TTL = 3600
_TOKEN_RE = re.compile(r"^[0-9a-f]{16,64}$")
_MEDIA_TYPES = {
    ".mp4": "video/mp4", ".mov": "video/quicktime", ".webm": "video/webm", ".mkv": "video/x-matroska",
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp", ".gif": "image/gif",
    ".mp3": "audio/mpeg", ".opus": "audio/ogg", ".aac": "audio/aac", ".flac": "audio/flac", ".wav": "audio/wav",
    ".pcm": "application/octet-stream",
}


def sign_upload(secret: str, token: str, amz_date: str, expires: int) -> str:
    msg = f"PUT\n{token}\n{amz_date}\n{expires}".encode()
    return hmac.new(secret.encode(), msg, hashlib.sha256).hexdigest()


def s3_error(status: int, code: str, message: str, **extra: str) -> Response:
    fields = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in extra.items())
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{code}</Code><Message>{escape(message)}</Message>{fields}"
        f"<RequestId>{secrets.token_hex(8).upper()}</RequestId></Error>"
    )
    return Response(body, status_code=status, media_type="application/xml")


class SandboxMiddleware:
    """Counts API requests and applies faults (latency, 429 bursts, 502/503) before routing."""

    def __init__(self, app: ASGIApp, state: SandboxState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        api = path.startswith(API_PREFIXES)
        storage = path.startswith("/_storage/")
        if not (api or storage):
            await self.app(scope, receive, send)
            return
        st = self.state
        st.stats.count_request(scope["method"], path if api else "/".join(path.split("/")[:3]))
        if not api:
            await self._handle(path, scope, receive, send)
            return
        st.stats.enter()  # concurrent API requests are counted (a client's limit is seen from here)
        try:
            delay = st.injector.latency()
            if delay > 0:
                await asyncio.sleep(delay)
            await self._handle(path, scope, receive, send)
        finally:
            st.stats.leave()

    async def _handle(self, path: str, scope: Scope, receive: Receive, send: Send) -> None:
        st = self.state
        api = path.startswith(API_PREFIXES)
        fault = st.injector.check(path)
        if fault is not None:
            log.info("fault injected on %s %s: %s", scope["method"], path, fault.status)
            await self._fault_response(path, fault)(scope, receive, send)
            return
        if api and st.injector.take_answer_drop(path):
            await self._drop_answer(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _fault_response(self, path: str, fault: Fault) -> Response:
        if not path.startswith(VIMMERSE_PREFIX + "/"):
            return error_response(fault.status, fault.message, None, fault.headers)
        if fault.status == 429:
            return JSONResponse({"message": "RATE_LIMIT_EXCEEDED"}, status_code=429,
                                headers={"Retry-After": self.state.injector.retry_after()})
        return JSONResponse({"message": fault.message}, status_code=fault.status)

    async def _drop_answer(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle the request in full, then reset the connection instead of answering."""

        async def swallow(message: Message) -> None:
            return None

        await self.app(scope, receive, swallow)
        log.info("fault injected on %s %s: answer dropped", scope["method"], scope["path"])
        if not await abort_connection(receive):
            raise ConnectionAbortedError("sandbox fault: answer dropped")
        await Response(status_code=500)(scope, receive, send)  # discarded: the connection is gone


class CoreApi:
    """Account, keys, uploads, storage and control endpoints."""

    def __init__(self, state: SandboxState, sandbox: Any) -> None:
        self.state = state
        self.sandbox = sandbox  # the Sandbox object, for the control endpoints

    def routes(self) -> list[Route]:
        p = API_PREFIX
        return [
            Route(f"{p}/auth/me", self.me, methods=["GET"]),
            Route(f"{p}/api-keys", self.list_keys, methods=["GET"]),
            Route(f"{p}/api-keys/validate", self.validate_key, methods=["POST"]),
            Route(f"{p}/api-keys/{{key_id}}", self.delete_key, methods=["DELETE"]),
            Route(f"{p}/upload-video", self.upload_video, methods=["POST"]),
            Route("/_storage/put/{token}", self.storage_put, methods=["PUT"]),
            Route("/_storage/files/{token}/{name}", self.storage_file, methods=["GET", "HEAD"]),
            Route("/_storage/results/{token}/{name}", self.storage_result, methods=["GET", "HEAD"]),
            Route("/_sandbox/stats", self.ctl_stats, methods=["GET"]),
            Route("/_sandbox/reset-stats", self.ctl_reset_stats, methods=["POST"]),
            Route("/_sandbox/faults", self.ctl_faults, methods=["GET", "POST"]),
            Route("/_sandbox/credits", self.ctl_credits, methods=["GET", "POST"]),
            Route("/_sandbox/fail-next", self.ctl_fail_next, methods=["POST"]),
            Route("/_sandbox/keys", self.ctl_keys, methods=["POST"]),
            Route("/_sandbox/health", self.ctl_health, methods=["GET"]),
        ]

    # -- account ---------------------------------------------------------------------------
    async def me(self, request: Request) -> Response:
        who = authenticate(self.state, request)
        a = who.account
        # instance_id: not in the real API; lets a client know a restarted sandbox (new port) is the same server
        return envelope({"email": a.email, "name": a.name, "credits": num(a.credits),
                         "instance_id": self.state.store.instance_id})

    async def list_keys(self, request: Request) -> Response:
        who = authenticate(self.state, request)
        rows = self.state.store.list_keys(who.account.id)
        return envelope([
            {
                "id": int(r["id"]),
                "name": r["name"],
                "prefix": r["key"][:12] + "…",
                "created_at": iso(r["created_at"]),
                "last_used_at": iso(r["last_used_at"]),
                "is_active": bool(r["is_active"]),
            }
            for r in rows
        ])

    async def validate_key(self, request: Request) -> Response:
        who = authenticate(self.state, request)
        return JSONResponse({"valid": True, "id": who.id, "prefix": who.key[:12] + "…"})

    async def delete_key(self, request: Request) -> Response:
        who = authenticate(self.state, request)
        try:
            key_id = int(request.path_params["key_id"])
        except ValueError:
            raise HttpError(404, "API key not found") from None
        if not self.state.store.revoke_key(who.account.id, key_id):
            raise HttpError(404, "API key not found")
        log.info("API key %s revoked (requested with %s)", key_id, mask(who.key))
        return envelope({"id": key_id, "is_active": False})

    # -- uploads ---------------------------------------------------------------------------
    async def upload_video(self, request: Request) -> Response:
        st = self.state
        who = authenticate(st, request)
        form = await form_body(request, max_size=1024 * 1024)
        name = form_str(form, "video_file_name", required=True) or ""
        job_type = form_str(form, "job_type", default="face-swap") or "face-swap"
        token = secrets.token_hex(16)
        safe = safe_name(name, "video.mp4")
        rel = f"uploads/{token}/{safe}"
        st.store.new_upload(who.account.id, name, job_type, rel, token, UPLOAD_TTL)
        amz_date = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        sig = sign_upload(st.store.secret, token, amz_date, UPLOAD_TTL)
        url = st.url(
            f"/_storage/put/{token}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=SANDBOX%2Fverging"
            f"&X-Amz-Date={amz_date}&X-Amz-Expires={UPLOAD_TTL}&X-Amz-SignedHeaders=host&X-Amz-Signature={sig}"
        )
        return envelope({"url": url, "public_url": st.url(f"/_storage/files/{token}/{safe}")})

    def _check_signature(self, request: Request, token: str) -> Response | None:
        q = request.query_params
        sig, amz_date, expires = q.get("X-Amz-Signature"), q.get("X-Amz-Date"), q.get("X-Amz-Expires")
        if not sig or not amz_date or not expires:
            return s3_error(403, "AccessDenied", "Query-string authentication requires X-Amz-Signature, X-Amz-Date and X-Amz-Expires.")
        try:
            exp = int(expires)
            issued = calendar.timegm(time.strptime(amz_date, "%Y%m%dT%H%M%SZ"))
        except ValueError:
            return s3_error(403, "AccessDenied", "Malformed presigned URL.")
        good = sign_upload(self.state.store.secret, token, amz_date, exp)
        if not hmac.compare_digest(good, sig):
            return s3_error(403, "SignatureDoesNotMatch",
                            "The request signature we calculated does not match the signature you provided.")
        if time.time() > issued + exp + 5:
            return s3_error(403, "AccessDenied", "Request has expired", Expires=str(exp))
        return None

    async def storage_put(self, request: Request) -> Response:
        st = self.state
        token = request.path_params["token"]
        if "authorization" in request.headers:
            return s3_error(
                400, "InvalidArgument",
                "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string "
                "parameter or the Authorization header should be specified",
                ArgumentName="Authorization", ArgumentValue="(redacted)",
            )
        if not _TOKEN_RE.match(token):
            return s3_error(404, "NoSuchUpload", "The specified upload does not exist.")
        denied = self._check_signature(request, token)
        if denied is not None:
            return denied
        up = st.store.upload(token)
        if up is None:
            return s3_error(404, "NoSuchUpload", "The specified upload does not exist.")
        final = st.store.files_dir / up["rel_path"]
        tmp_dir = st.store.files_dir / "tmp"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        part = tmp_dir / f"{token}.{secrets.token_hex(4)}.part"
        drop = st.injector.take_upload_drop()
        received = 0
        dropped = False
        try:
            # the sandbox serves on its own thread and loop: chunk writes to a local temp file
            with open(part, "wb") as f:  # noqa: ASYNC230
                async for chunk in request.stream():
                    if not chunk:
                        continue
                    if drop is not None and received + len(chunk) >= drop:
                        f.write(chunk[: max(0, drop - received)])
                        received = drop
                        dropped = True
                        break
                    f.write(chunk)
                    received += len(chunk)
        except ClientDisconnect:
            part.unlink(missing_ok=True)
            log.info("upload %s: client went away after %d bytes", token[:8], received)
            return Response(status_code=400)
        if dropped:
            st.injector.consume_upload_drop()
            part.unlink(missing_ok=True)
            log.info("upload %s: connection dropped after %d bytes (fault injection)", token[:8], received)
            if not await abort_connection(request.receive):
                raise ConnectionAbortedError("sandbox fault: upload dropped")
            return Response(status_code=500)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(part, final)
        st.store.complete_upload(token, received)
        st.stats.count_upload()
        etag = '"' + hashlib.md5(f"{token}:{received}:{time.time()}".encode(), usedforsecurity=False).hexdigest() + '"'
        log.info("upload %s complete: %d bytes", token[:8], received)
        return Response(status_code=200, headers={"ETag": etag})

    def _serve(self, request: Request, folder: str) -> Response:
        token, name = request.path_params["token"], request.path_params["name"]
        if not _TOKEN_RE.match(token) or name.startswith(".") or "/" in name or "\\" in name or ".." in name:
            return s3_error(404, "NoSuchKey", "The specified key does not exist.")
        path: Path = self.state.store.files_dir / folder / token / name
        if not path.is_file():
            return s3_error(404, "NoSuchKey", "The specified key does not exist.")
        media_type = _MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
        return FileResponse(path, media_type=media_type, headers={"Cache-Control": "public, max-age=3600"})

    async def storage_file(self, request: Request) -> Response:
        return self._serve(request, "uploads")

    async def storage_result(self, request: Request) -> Response:
        return self._serve(request, "results")

    # -- control ---------------------------------------------------------------------------
    async def _json(self, request: Request) -> dict[str, Any]:
        import json

        try:
            data = json.loads((await request.body()) or b"{}")
        except ValueError:
            raise bad("The request body must be JSON.") from None
        if not isinstance(data, dict):
            raise bad("The request body must be a JSON object.")
        return data

    async def ctl_stats(self, request: Request) -> Response:
        return JSONResponse(self.sandbox.stats())

    async def ctl_reset_stats(self, request: Request) -> Response:
        self.sandbox.reset_stats()
        return JSONResponse({"ok": True})

    async def ctl_faults(self, request: Request) -> Response:
        if request.method == "POST":
            data = await self._json(request)
            try:
                self.state.faults.update(data)
            except (ValueError, TypeError) as e:
                raise bad(str(e)) from None
            log.info("faults set: %s", sorted(data))
        return JSONResponse(self.state.faults.as_dict())

    async def ctl_credits(self, request: Request) -> Response:
        if request.method == "GET":
            key = request.query_params.get("key") or ""
        else:
            data = await self._json(request)
            key = str(data.get("key") or "")
            if not key or "credits" not in data:
                raise bad("Send {\"key\": ..., \"credits\": ...}.")
            try:
                self.sandbox.set_credits(key, float(data["credits"]))
            except (TypeError, ValueError):
                raise bad("'credits' must be a number.") from None
        try:
            credits = self.sandbox.credits(key)
        except KeyError:
            raise HttpError(404, "Unknown key") from None
        return JSONResponse({"key": mask(key), "credits": num(credits)})

    async def ctl_fail_next(self, request: Request) -> Response:
        data = await self._json(request)
        try:
            n = int(data.get("n", 1))
        except (TypeError, ValueError):
            raise bad("'n' must be an integer.") from None
        return JSONResponse({"fail_next": self.state.add_fail_next(n)})

    async def ctl_keys(self, request: Request) -> Response:
        data = await self._json(request)
        key = str(data.get("key") or "")
        if not key:
            raise bad("'key' is required.")
        credits = data.get("credits")
        self.sandbox.add_key(key, email=data.get("email"), name=data.get("name"),
                             credits=None if credits is None else float(credits))
        return JSONResponse({"key": mask(key), "credits": num(self.sandbox.credits(key))})

    async def ctl_health(self, request: Request) -> Response:
        return JSONResponse({"ok": True, "base_url": self.state.url(API_PREFIX)})


async def _not_found(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if request.url.path.startswith(VIMMERSE_PREFIX + "/"):
        return not_found_body(exc)
    if request.url.path.startswith("/_storage/"):
        return s3_error(exc.status_code, "NoSuchKey" if exc.status_code == 404 else "MethodNotAllowed",
                        str(exc.detail))
    return await starlette_error_handler(request, exc)


def build_app(state: SandboxState, sandbox: Any, vimmerse: VimmerseState | None = None,
              varg: VargState | None = None) -> ASGIApp:
    """The sandbox ASGI application (Starlette wrapped in the fault/statistics middleware);
    with ``vimmerse``, the Vimmerse wire format under ``/vimmerse`` too; with ``varg``, the varg
    gateway's under ``/varg/v1`` (its files under ``/varg/files``, no key)."""
    routes: list[Route | Mount] = [*CoreApi(state, sandbox).routes(), *JobsApi(state).routes(), *AiApi(state).routes()]
    if vimmerse is not None:
        routes += VimmerseApi(vimmerse).routes()
    if varg is not None:
        api = VargApi(varg)
        routes += [*api.control_routes(), Mount(VARG_PREFIX, app=api.app()),
                   Mount(VARG_FILES_PREFIX, app=api.files_app())]
    handlers: dict[Any, Callable[..., Any]] = {
        VimmerseError: vimmerse_error_handler,
        HttpError: http_error_handler,
        HTTPException: _not_found,
        Exception: internal_error_handler,
    }
    app = Starlette(routes=routes, exception_handlers=handlers)
    return SandboxMiddleware(app, state)
