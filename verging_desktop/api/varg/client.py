"""The varg gateway client: one long-lived ``httpx.AsyncClient``, typed jobs, typed errors.

* The key travels as ``Authorization: Bearer varg_...``; a BYOK provider key in its own
  ``X-Provider-Key-*`` header, only with a generation request for a model of that provider. Both
  go to the base URL's origin only: a request hook strips ``Authorization`` and every
  ``X-Provider-Key-*`` header from any request to another scheme, host or port (a redirect
  included); downloads and transcript files never get them.
* Reads, uploads (the same bytes: varg deduplicates them) and cancels are retried by
  :class:`verging_desktop.api.retry.RetryPolicy`; :meth:`VargClient.create` charges, so it is
  repeated only when nothing was sent (:class:`~verging_desktop.core.errors.NotSent`).
* Uploads are raw bodies streamed from disk in 1 MB pieces with the file's own content type, a
  ``Content-Length`` and ``X-Content-Hash``; the :class:`.uploads.UploadMemory` is asked first, so
  bytes varg already has are never sent again.
* :meth:`VargClient.stream` follows a job's Server-Sent Events (:mod:`.sse`).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import mimetypes
import os
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from httpx_sse import aconnect_sse

from ...core import filetypes as ft
from ...core.errors import ApiError, AuthError, InputError, NotFound, NotSent, Progress, UnreadableAnswer
from ...core.i18n import _
from ...core.providers import BYOK_KEYS, VARG, Provider, byok_key
from ...core.redact import register_secret
from ...core.uplink import UploadTimer
from ...core.varg_models import MAX_UPLOAD_BYTES, find_model
from ..base import (
    CHUNK,
    DEFAULT_TIMEOUT,
    TRANSFER_TIMEOUT,
    HttpClient,
    ProgressCallback,
    download_file,
    new_http,
    transport_error,
)
from ..retry import RetryPolicy
from .models import Balance, Me, Transcript, Usage, VargFile, VargJob, VargRequest, Voice, is_url
from .sse import SSE_TIMEOUT, StreamDropped, job_events
from .uploads import UploadMemory, content_hash
from .wire import error_from_response

log = logging.getLogger("verging_desktop.api.varg")

_BYOK_PREFIX = "x-provider-key-"

#: a sniffed format -> the media type sent with its upload
_MEDIA_TYPES: dict[str, str] = {
    "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp", "gif": "image/gif", "bmp": "image/bmp",
    "tiff": "image/tiff", "heic": "image/heic", "mp4": "video/mp4", "webm": "video/webm", "wav": "audio/wav",
    "mp3": "audio/mpeg", "ogg": "audio/ogg", "flac": "audio/flac", "mpeg": "video/mpeg", "mpegts": "video/mp2t",
    "avi": "video/x-msvideo",
}


def media_type_of(path: str | os.PathLike[str]) -> str:
    """The media type of a file, by its content where the first bytes say (an ISO file named
    ``.m4a`` is ``audio/mp4``, ``.mov`` ``video/quicktime``), else by its name."""
    p = Path(path)
    try:
        fmt = ft.sniff(p)
    except OSError:
        fmt = None
    guessed = mimetypes.guess_type(p.name)[0] or ""
    if fmt is not None:
        if fmt == "mp4" and guessed in ("audio/mp4", "video/quicktime", "audio/x-m4a"):
            return "audio/mp4" if guessed != "video/quicktime" else guessed
        if fmt == "webm" and guessed == "audio/webm":
            return guessed
        return _MEDIA_TYPES[fmt]
    return guessed or "application/octet-stream"


def _day(v: dt.date | str | None) -> str | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v).strip()


def _human(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _secure_or_local(url: httpx.URL) -> bool:
    """https, or plain http to this computer only (127.0.0.0/8, ::1, localhost): keys never travel
    in the clear over a network."""
    if url.scheme == "https":
        return True
    host = (url.host or "").lower().strip("[]")
    return url.scheme == "http" and (host in ("localhost", "::1") or host.startswith("127."))


class VargClient(HttpClient):
    """Async client for the varg gateway v1.

    ``api_key`` may change at run time (switching profiles); ``None`` means no key yet, and every
    authenticated call then fails locally with :class:`AuthError` before anything is sent.
    ``requests_sent`` counts requests by route (``"POST /video"``, ``"GET /jobs/{id}"``,
    ``"GET /jobs/{id}/stream"``, ``"POST /files"``...), retries included; ``bytes_uploaded`` the
    upload body bytes actually sent.
    """

    provider: Provider = VARG
    log = log

    def __init__(
        self,
        api_key: str | None,
        base_url: str = VARG.base_url,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        uploads: UploadMemory | None = None,
    ) -> None:
        self._key: str | None = None
        self.api_key = api_key
        self._base = ""
        self.base_url = base_url
        self._scope = ""
        self.retry = retry or RetryPolicy()
        self.uploads = uploads if uploads is not None else UploadMemory(None)
        self._byok: dict[str, str] = {}
        self._http = new_http(timeout=timeout, transport=transport)
        self._http.event_hooks["request"].append(self._guard_keys)
        self.requests_sent: Counter[str] = Counter()
        self.bytes_uploaded = 0
        #: streams open now (``stream()`` generators between connect and close)
        self.streams_open = 0
        #: the timeouts of :meth:`stream` (its read timeout outlasts the 15 s between keep-alives)
        self.stream_timeout = SSE_TIMEOUT
        #: the largest file :meth:`upload` sends (varg's limit)
        self.max_upload_bytes = MAX_UPLOAD_BYTES
        #: called with every error answered by the API (the UI marks "Key problem" on AuthError)
        self.on_error: Callable[[ApiError], None] | None = None

    # -- key, base URL, BYOK, lifecycle ------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return self._base

    @base_url.setter
    def base_url(self, url: str) -> None:
        url = (url or VARG.base_url).strip().rstrip("/")
        if not is_url(url):
            raise InputError(_("'{url}' is not a web address: the varg base URL starts with https://.").format(url=url))
        if not _secure_or_local(httpx.URL(url)):
            raise InputError(_("'{url}' is not encrypted: the varg key and your provider keys go only over "
                               "https:// (plain http:// only to this computer, such as the sandbox).").format(url=url))
        self._base = url

    @property
    def upload_scope(self) -> str:
        """Whose uploads the memory is asked about: the account (set by the session), else the base URL."""
        return self._scope or self._base

    @upload_scope.setter
    def upload_scope(self, scope: str) -> None:
        self._scope = (scope or "").strip()

    def set_byok_key(self, kid: str, key: str | None) -> None:
        """Set (or with None/"" remove) the user's own key of provider ``kid`` ("fal", "elevenlabs"...)."""
        try:
            byok_key(kid)
        except KeyError:
            raise InputError(f"'{kid}' is not a provider varg takes a key for "
                             f"({', '.join(k.id for k in BYOK_KEYS)}).") from None
        key = (key or "").strip()
        if key:
            register_secret(key)
            self._byok[kid] = key
        else:
            self._byok.pop(kid, None)

    def byok_keys(self) -> frozenset[str]:
        """The ids of the provider keys set ("fal", ...)."""
        return frozenset(self._byok)

    def byok_for(self, model: str) -> str:
        """The BYOK key id a request for ``model`` sends ("" when none applies or none is set)."""
        m = find_model(model)
        kid = m.byok if m is not None else None
        return kid if kid is not None and kid in self._byok else ""

    def byok_headers(self, model: str) -> dict[str, str]:
        """The one ``X-Provider-Key-*`` header for ``model``'s provider, when its key is set."""
        kid = self.byok_for(model)
        return {byok_key(kid).header: self._byok[kid]} if kid else {}

    # -- plumbing --------------------------------------------------------------------------------
    async def _guard_keys(self, request: httpx.Request) -> None:
        """The varg key and provider keys go to the base URL's origin only (also on a redirect)."""
        if self._at_base(request.url):
            return
        names = [k for k in request.headers if k.lower() == "authorization" or k.lower().startswith(_BYOK_PREFIX)]
        for k in names:
            del request.headers[k]
        if names:
            log.warning("kept the varg keys off a request to %s", request.url.host)

    def _auth(self) -> dict[str, str]:
        if not self._key:
            raise AuthError(_("No varg API key is set. Add one in Manage API keys (or use the sandbox)."))
        if self._http.is_closed:  # the app closed this connection (a key switch, quitting): nothing leaves
            raise NotSent(_("The varg connection was closed (the app is switching keys or closing); "
                            "nothing was sent."))
        return VARG.auth_headers(self._key)

    async def _send(self, method: str, path: str, *, idempotent: bool, count_as: str | None = None,
                    params: Mapping[str, str] | None = None, json_body: Any = None,
                    headers: Mapping[str, str] | None = None,
                    content: Callable[[], AsyncIterator[bytes]] | None = None,
                    timeout: httpx.Timeout | None = None) -> httpx.Response:
        """Send one request under the retry policy; the (successful) response, read."""
        label = f"{method} {count_as or path}"

        async def once() -> httpx.Response:
            h = self._auth()
            h.update(headers or {})
            self.requests_sent[label] += 1
            started = time.monotonic()
            try:
                resp = await self._http.request(method, self._base + path, params=params, json=json_body,
                                                content=content() if content is not None else None,
                                                headers=h, timeout=timeout or httpx.USE_CLIENT_DEFAULT)
            except httpx.HTTPError as e:
                raise self._report(transport_error(e, VARG.label)) from None
            log.debug("%s -> %d in %.0f ms", label, resp.status_code, (time.monotonic() - started) * 1000)
            if resp.status_code >= 400:
                raise self._report(error_from_response(resp))
            return resp

        return await self.retry.run(once, idempotent=idempotent, what=label)

    def _json(self, resp: httpx.Response, what: str) -> Any:
        if not resp.content:
            return None
        try:
            return resp.json()
        except ValueError:
            # a 2xx the app cannot read: the request was carried out all the same
            raise self._report(UnreadableAnswer(
                _("varg answered {what} ({status}) with something that is not JSON.").format(
                    what=what, status=resp.status_code), status=resp.status_code)) from None

    async def _get(self, path: str, what: str, *, params: Mapping[str, str] | None = None,
                   count_as: str | None = None) -> Any:
        resp = await self._send("GET", path, idempotent=True, params=params, count_as=count_as)
        return self._json(resp, what)

    def _job(self, d: Any, headers: Mapping[str, str] | None, what: str, job_id: str = "") -> VargJob:
        job = VargJob.from_json(d, headers)
        if not job.id and job_id:
            job = replace(job, id=job_id)
        if not job.id:
            raise self._report(UnreadableAnswer(_("varg answered {what} without a job id.").format(what=what)))
        return job

    # -- account -------------------------------------------------------------------------------------
    async def me(self) -> Me:
        """``GET /me``: the account (``userId`` or ``user_id``)."""
        return Me.from_json(await self._get("/me", "/me"))

    async def validate_key(self) -> Me:
        """A cheap authenticated call (``GET /me``); AuthError when the key is refused."""
        return await self.me()

    async def balance(self) -> Balance:
        """``GET /balance`` (cents)."""
        return Balance.from_json(await self._get("/balance", "/balance"))

    async def usage(self, start: dt.date | str | None = None, end: dt.date | str | None = None) -> Usage:
        """``GET /usage?from=&to=`` (dates, inclusive)."""
        params = {k: v for k, v in (("from", _day(start)), ("to", _day(end))) if v}
        return Usage.from_json(await self._get("/usage", "/usage", params=params or None))

    async def voices(self, search: str = "", gender: str = "") -> list[Voice]:
        """``GET /voices`` (with the ``search`` and ``gender`` filters; applied here too, for a
        gateway that ignores them)."""
        params = {k: v.strip() for k, v in (("search", search), ("gender", gender)) if v and v.strip()}
        d = await self._get("/voices", "/voices", params=params or None)
        rows = d.get("voices") if isinstance(d, dict) else d
        voices = [Voice.from_json(v) for v in (rows if isinstance(rows, list) else [])]
        return [v for v in voices if v.voice_id and v.matches(search, gender)]

    async def pricing(self) -> Any | None:
        """``GET /pricing``: the raw JSON, or None when the gateway has no such route (404) or its
        answer cannot be read."""
        try:
            return await self._get("/pricing", "/pricing")
        except (NotFound, UnreadableAnswer):
            return None

    # -- files ---------------------------------------------------------------------------------------
    async def upload(self, path: str | os.PathLike[str], *, progress: ProgressCallback | None = None) -> VargFile:
        """``POST /files``: the file's bytes as the body, streamed from disk, with its own content
        type and ``X-Content-Hash``. Bytes the upload memory knows are not sent at all
        (``sent_bytes`` 0, no request). Raises :class:`InputError` for a missing file or one over
        50 MB, before anything is sent."""
        p = Path(path)
        if not p.is_file():
            raise InputError(_("{path} does not exist or is not a file.").format(path=p))
        size = p.stat().st_size
        if size > self.max_upload_bytes:
            raise InputError(_("{name} is {size}; varg takes files up to {limit}. "
                               "Compress or shorten it, then try again.").format(
                                   name=p.name, size=_human(size), limit=_human(self.max_upload_bytes)))
        ctype = media_type_of(p)
        digest = await asyncio.to_thread(content_hash, p)
        scope = self.upload_scope
        known = self.uploads.get(scope, digest)
        if known:
            log.debug("upload of %s skipped: varg has these bytes already", p.name)
            if progress is not None:
                progress(Progress(size, size, "upload"))
            return VargFile("", known, digest, size, ctype, deduplicated=True, sent_bytes=0)
        sent = 0
        timer = UploadTimer(self.uplink, VARG.id, self.base_url, progress)

        def body() -> AsyncIterator[bytes]:
            async def gen() -> AsyncIterator[bytes]:
                nonlocal sent
                sent = 0
                timer.start()
                with p.open("rb") as f:  # noqa: ASYNC230 (1 MB reads from a local file between awaits, as base.put_file)
                    while True:
                        chunk = f.read(CHUNK)
                        if not chunk:
                            break
                        sent += len(chunk)
                        self.bytes_uploaded += len(chunk)
                        yield chunk
                        timer.progress(Progress(sent, size, "upload"))
                if sent != size:
                    raise InputError(_("{path} changed while it was being uploaded ({sent} of {size} bytes). "
                                       "Wait until it is fully written, then upload it again.").format(
                                           path=p, sent=sent, size=size))
            return gen()

        headers = {"Content-Type": ctype, "Content-Length": str(size), "X-Content-Hash": digest}
        resp = await self._send("POST", "/files", idempotent=True, headers=headers, content=body,
                                timeout=TRANSFER_TIMEOUT)
        timer.done(sent)
        f = VargFile.from_json(self._json(resp, _("the upload")), hash=digest, size=size, media_type=ctype,
                               sent_bytes=sent)
        if not is_url(f.url):
            raise self._report(UnreadableAnswer(_("varg accepted the upload but sent no URL for it. "
                                                  "Try the upload again.")))
        self.uploads.put(scope, digest, f.url)
        return f

    # -- jobs ----------------------------------------------------------------------------------------
    async def create(self, req: VargRequest, urls: Mapping[str, str] | None = None) -> VargJob:
        """``POST /<capability>`` once: this CHARGES (unless it is a cache hit or a BYOK key pays).

        Every local file of ``req`` needs its URL in ``urls`` (the queue uploads first); nothing is
        sent otherwise. An answer already ``completed`` (a cache hit) is the final job. The job
        keeps ``X-Cache``/``X-Cache-Key`` and ``byok``, the provider key id sent ("" none).
        """
        body = req.body(urls)
        headers: dict[str, str] = {}
        if req.cache.header:
            headers["Cache-Control"] = req.cache.header
        byok = self.byok_for(req.model)
        headers.update(self.byok_headers(req.model))
        route = req.capability.route
        resp = await self._send("POST", route, idempotent=False, json_body=body, headers=headers,
                                timeout=TRANSFER_TIMEOUT)
        job = self._job(self._json(resp, f"POST {route}"), resp.headers, f"POST {route}")
        return replace(job, byok=byok)

    @staticmethod
    def _seg(job_id: str) -> str:
        jid = str(job_id or "").strip()
        if not jid:
            raise InputError(_("A varg job id is needed."))
        return quote(jid, safe="")

    async def job(self, job_id: str) -> VargJob:
        """``GET /jobs/{id}``."""
        resp = await self._send("GET", f"/jobs/{self._seg(job_id)}", idempotent=True, count_as="/jobs/{id}")
        what = _("the job read")
        return self._job(self._json(resp, what), resp.headers, what, job_id=str(job_id).strip())

    async def cancel(self, job_id: str) -> None:
        """``DELETE /jobs/{id}`` (no effect on a finished job; repeating it is safe)."""
        await self._send("DELETE", f"/jobs/{self._seg(job_id)}", idempotent=True, count_as="/jobs/{id}")

    async def stream(self, job_id: str) -> AsyncIterator[VargJob]:
        """Follow ``GET /jobs/{id}/stream``: each status the job goes through, ending after a final one.

        Keep-alives are ignored. Raises :class:`.sse.StreamDropped` when the stream ends or breaks
        first (the job goes on: reconnect or poll), the typed error of an error answer, or a
        transport error when it cannot connect. Closing or cancelling the generator closes the
        response (use ``contextlib.aclosing`` when leaving the loop early).
        """
        seg = self._seg(job_id)
        jid = str(job_id).strip()
        label = "GET /jobs/{id}/stream"
        headers = self._auth()
        self.requests_sent[label] += 1
        self.streams_open += 1
        try:
            async with aconnect_sse(self._http, "GET", f"{self._base}/jobs/{seg}/stream", headers=headers,
                                    timeout=self.stream_timeout) as source:
                resp = source.response
                if resp.status_code >= 400:
                    await resp.aread()
                    raise self._report(error_from_response(resp))
                ctype = resp.headers.get("content-type", "").partition(";")[0].strip().lower()
                if ctype != "text/event-stream":
                    # no stream here (a gateway that answers the job instead): one status, then poll
                    await resp.aread()
                    what = _("the job stream")
                    job = self._job(self._json(resp, what), resp.headers, what, job_id=jid)
                    yield job
                    if not job.final:
                        raise StreamDropped(f"varg answered the stream of job {jid} with {ctype or 'no stream'}; "
                                            "follow it by polling.", last=job)
                    return
                async with contextlib.aclosing(job_events(source, jid)) as events:
                    try:
                        async for job in events:
                            yield job
                    finally:
                        # the response first, then the iterators: httpx and httpx-sse leave their inner
                        # byte iterators to the garbage collector, which (under qasync, or in another
                        # task) cannot await their cleanup; with the connection closed they have none
                        with contextlib.suppress(httpx.HTTPError):
                            await resp.aclose()
        except httpx.HTTPError as e:
            raise self._report(transport_error(e, VARG.label)) from None
        finally:
            self.streams_open -= 1

    async def transcript(self, job: VargJob) -> Transcript:
        """A transcription's text: ``output.text``, or the file at ``output.url`` (plain text, or
        JSON with ``text`` and optional ``segments``), fetched without any key. A JSON file beside
        ``output.text`` is read too, for its segments (timed subtitles); ``output.text`` stays the
        answer when that file cannot be read."""
        url = job.output_url
        if job.output_text and not (is_url(url) and "json" in job.media_type.lower()):
            return Transcript(job.output_text.strip())
        if job.output_text:
            try:
                got = await self._transcript_file(url)
            except ApiError as e:
                log.info("the transcript file of job %s could not be read (%s): its text is used", job.id,
                         type(e).__name__)
                return Transcript(job.output_text.strip())
            return got if got.text else Transcript(job.output_text.strip(), got.segments, got.language, got.duration)
        if not is_url(url):
            raise UnreadableAnswer(_("varg job {id} has neither a transcript text nor a file with it.").format(
                id=job.id))
        return await self._transcript_file(url)

    async def _transcript_file(self, url: str) -> Transcript:
        """The transcript in the file at ``url`` (plain text or JSON), fetched without any key."""

        async def once() -> httpx.Response:
            self.requests_sent["GET (transcript)"] += 1
            try:
                resp = await self._http.get(url, timeout=TRANSFER_TIMEOUT, headers={"Accept": "*/*"})
            except httpx.HTTPError as e:
                raise transport_error(e, _("the varg file server")) from None
            if resp.status_code >= 400:
                raise error_from_response(resp)
            return resp

        resp = await self.retry.run(once, idempotent=True, what="transcript")
        ctype = resp.headers.get("content-type", "").lower()
        text = resp.content.decode(resp.encoding or "utf-8", "replace")
        if "json" in ctype or text.lstrip().startswith(("{", "[")):
            try:
                return Transcript.from_json(json.loads(text))
            except ValueError:
                pass
        return Transcript(text.strip())

    # -- downloads -----------------------------------------------------------------------------------
    async def download(self, url: str, dest: str | os.PathLike[str], *, progress: ProgressCallback | None = None,
                       overwrite: bool = False) -> Path:
        """Download a result atomically (through ``dest.part``, resumed with Range); sends no key.

        Raises :class:`InputError` when ``dest`` exists and ``overwrite`` is false.
        """
        if not is_url(url):
            raise InputError(_("'{url}' is not a web address to download from.").format(url=url))
        self.requests_sent["GET (download)"] += 1
        return await download_file(self._http, url, dest, errors=error_from_response, retry=self.retry,
                                   progress=progress, overwrite=overwrite, what="the varg file server")
