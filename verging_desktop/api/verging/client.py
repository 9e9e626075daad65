"""The Verging API client: one long-lived ``httpx.AsyncClient``, typed results, typed errors.

The key is sent only to the API base URL (``Authorization: ApiKey ...``, as
:data:`verging_desktop.core.providers.VERGING` says), never to presigned upload URLs or to result
downloads. The generic pieces (status mapping, uploads, downloads, transport errors) are
``api/base.py``'s, shared with the other providers' clients.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import mimetypes
import os
import time
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path
from typing import Any

import httpx

from ...core.errors import (
    ApiError,
    AuthError,
    ConnectionFailed,
    InputError,
    NotFound,
    NotSent,
    RequestTimeout,
)
from ...core.i18n import _
from ...core.providers import VERGING
from ...core.uplink import UplinkSink, host_of
from ..base import (
    DEFAULT_TIMEOUT,
    STREAM_TIMEOUT,
    TRANSFER_TIMEOUT,
    KeyHolder,
    ProgressCallback,
    download_file,
    new_http,
    put_file,
    transport_error,
)
from ..retry import RetryPolicy
from .models import (
    Account,
    ApiKeyInfo,
    ChatDelta,
    ChatDone,
    ChatResult,
    ImageGenResult,
    Job,
    JobKind,
    JobRef,
    KeyValidation,
    STTResult,
    TTSResult,
    UploadTarget,
    Usage,
    UsagePage,
    UsageRecord,
    VisionResult,
)
from .wire import as_list, error_from_response, json_body, unwrap

log = logging.getLogger("verging_desktop.api.verging")


def _form_bool(v: bool) -> str:
    return "true" if v else "false"


class VergingClient(KeyHolder):
    """Async client for every Verging endpoint.

    ``api_key`` may be changed at run time (switching profiles); ``None`` means no key yet.
    """

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str = VERGING.base_url,
        *,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.retry = retry or RetryPolicy()
        self._key: str | None = None
        self.api_key = api_key
        self._enhance_path: str | None = None
        self._http = new_http(timeout=timeout, transport=transport)
        #: called with every error answered by the API (the UI marks "Key problem" on AuthError)
        self.on_error: Callable[[ApiError], None] | None = None
        #: called after every request that may have changed the balance
        self.on_charge: Callable[[float | None], None] | None = None
        #: where upload rates are reported (``core.uplink.UplinkEstimator``), filed under the
        #: base URL's host; None: not measured
        self.uplink: UplinkSink | None = None
        #: the rate of the last finished upload body (bytes/s), None before one
        self.last_upload_rate: float | None = None

    # -- lifecycle ---------------------------------------------------------------------
    async def aclose(self) -> None:
        await self._http.aclose()

    @property
    def closed(self) -> bool:
        return self._http.is_closed

    async def __aenter__(self) -> VergingClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    # -- plumbing ----------------------------------------------------------------------
    def _url(self, path: str) -> str:
        return self.base_url + path

    def _auth(self) -> dict[str, str]:
        if not self._key:
            raise AuthError(_("No API key is set. Add one in Manage API keys (or use the sandbox)."))
        return VERGING.auth_headers(self._key)

    def _report(self, err: ApiError) -> ApiError:
        if self.on_error is not None:
            try:
                self.on_error(err)
            except Exception:  # a UI callback must never break the call
                log.exception("on_error callback failed")
        return err

    async def _request(
        self,
        method: str,
        path: str,
        *,
        idempotent: bool,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Mapping[str, Any] | None = None,
        files: Any = None,
        timeout: httpx.Timeout | None = None,
        charges: bool = False,
    ) -> Any:
        """Send one API request under the retry policy and return the unwrapped JSON body."""

        async def once() -> Any:
            headers = self._auth()
            started = time.monotonic()
            try:
                resp = await self._http.request(
                    method, self._url(path), params=params, json=json, data=data, files=files,
                    headers=headers, timeout=timeout or httpx.USE_CLIENT_DEFAULT,
                )
            except httpx.HTTPError as e:
                raise self._report(transport_error(e, VERGING.label)) from None
            log.debug("%s %s -> %d in %.0f ms", method, path, resp.status_code, (time.monotonic() - started) * 1000)
            if resp.status_code >= 400:
                raise self._report(error_from_response(resp))
            if resp.status_code == 204 or not resp.content:
                return None
            try:
                return unwrap(json_body(resp))
            except ApiError as e:
                raise self._report(e) from None

        try:
            return await self.retry.run(once, idempotent=idempotent, what=f"{method} {path}")
        finally:
            if charges and self.on_charge is not None:
                try:
                    self.on_charge(None)
                except Exception:
                    log.exception("on_charge callback failed")

    # -- account -------------------------------------------------------------------------
    async def me(self) -> Account:
        d = await self._request("GET", "/auth/me", idempotent=True)
        return Account.parse(d if isinstance(d, dict) else {})

    async def validate_key(self) -> KeyValidation:
        """Ask whether the current key is valid and active. A refused key is ``valid=False``."""
        try:
            d = await self._request("POST", "/api-keys/validate", idempotent=True)
        except AuthError as e:
            return KeyValidation(False, e.message)
        if isinstance(d, dict):
            valid = d.get("valid", d.get("is_valid", True))
            kid = d.get("id", d.get("key_id"))
            return KeyValidation(bool(valid), str(d.get("message") or ""), str(kid) if kid is not None else None)
        return KeyValidation(True)

    async def list_api_keys(self) -> list[ApiKeyInfo]:
        d = await self._request("GET", "/api-keys", idempotent=True)
        return [ApiKeyInfo.parse(x) for x in as_list(d, "keys", "api_keys") if isinstance(x, dict)]

    async def delete_api_key(self, key_id: str) -> None:
        await self._request("DELETE", f"/api-keys/{key_id}", idempotent=True)

    async def usage(self, service_type: str | None = None, page: int = 1, page_size: int = 20) -> UsagePage:
        if not 1 <= page_size <= 100:
            raise InputError(_("Page size must be between 1 and 100."))
        if page < 1:
            raise InputError(_("Page numbers start at 1."))
        params: dict[str, Any] = {"page": page, "page_size": page_size}
        if service_type:
            params["service_type"] = service_type
        d = await self._request("GET", "/ai/usage", idempotent=True, params=params)
        d = d if isinstance(d, dict) else {"records": d or []}
        records = [UsageRecord.parse(r) for r in as_list(d, "records") if isinstance(r, dict)]
        return UsagePage(records, int(d.get("total") or len(records)), int(d.get("page") or page),
                         int(d.get("page_size") or page_size))

    # -- upload ----------------------------------------------------------------------------
    async def request_upload(self, file_name: str, job_type: JobKind | str) -> UploadTarget:
        jt = job_type.value if isinstance(job_type, JobKind) else str(job_type)
        # a presigned URL costs nothing, so asking again is safe
        d = await self._request("POST", "/upload-video", idempotent=True,
                                files={"video_file_name": (None, file_name), "job_type": (None, jt)})
        if not isinstance(d, dict) or not d.get("url"):
            raise ApiError(_("The server did not return an upload URL. Try again in a moment."))
        return UploadTarget(url=str(d["url"]), public_url=str(d.get("public_url") or d.get("publicUrl") or d["url"].split("?")[0]))

    async def put_file(self, url: str, path: str | os.PathLike[str], *, content_type: str = "video/mp4",
                       progress: ProgressCallback | None = None) -> None:
        """Stream a file to a presigned URL, never reading it whole; no Authorization header.
        The body's rate goes to :attr:`uplink` and :attr:`last_upload_rate`."""
        timer = await put_file(self._http, url, path, errors=error_from_response, retry=self.retry,
                               content_type=content_type, progress=progress, uplink=self.uplink,
                               provider=VERGING.id, uplink_host=host_of(self.base_url))
        if timer.rate is not None:
            self.last_upload_rate = timer.rate

    async def upload_video(self, path: str | os.PathLike[str], job_type: JobKind | str, *,
                           file_name: str | None = None, progress: ProgressCallback | None = None) -> UploadTarget:
        p = Path(path)
        target = await self.request_upload(file_name or p.name, job_type)
        ctype = mimetypes.guess_type(p.name)[0] or "video/mp4"
        await self.put_file(target.url, p, content_type=ctype if ctype.startswith("video/") else "video/mp4",
                            progress=progress)
        return target

    # -- jobs --------------------------------------------------------------------------------
    @staticmethod
    def _job_ref(d: Any, kind: JobKind) -> JobRef:
        if isinstance(d, dict):
            jid = d.get("job_id", d.get("id"))
            if jid is None and isinstance(d.get("job"), dict):
                jid = d["job"].get("id")
        else:
            jid = d
        if jid is None or jid == "":
            raise ApiError(_("The server accepted the job but sent no job id. Check your jobs on verging.ai."))
        return JobRef(str(jid), kind)

    async def create_faceswap_job(self, face_image: str | os.PathLike[str], *, file_name: str, target_video_url: str,
                                  duration: float, hd: bool = False) -> JobRef:
        fp = Path(face_image)
        ctype = mimetypes.guess_type(fp.name)[0] or "image/jpeg"
        with fp.open("rb") as f:  # noqa: ASYNC230 (a bounded local file httpx reads in chunks; see base.upload_file)
            d = await self._request(
                "POST", "/faceswap/create-job", idempotent=False, charges=True, timeout=TRANSFER_TIMEOUT,
                files={
                    "swap_image": (fp.name, f, ctype),
                    "file_name": (None, file_name),
                    "target_video_url": (None, target_video_url),
                    "user_video_duration": (None, f"{duration:.3f}"),
                    "job_type": (None, JobKind.FACESWAP.value),
                    "is_hd": (None, _form_bool(hd)),
                },
            )
        return self._job_ref(d, JobKind.FACESWAP)

    async def retry_faceswap_job(self, job_id: str) -> JobRef:
        d = await self._request("POST", f"/faceswap/retry-job/{job_id}", idempotent=False, charges=True)
        try:
            return self._job_ref(d, JobKind.FACESWAP)
        except ApiError:
            return JobRef(str(job_id), JobKind.FACESWAP)

    async def create_enhance_job(self, *, file_name: str, target_video_url: str, duration: float,
                                 hd: bool = False) -> JobRef:
        form = {
            "file_name": (None, file_name),
            "target_video_url": (None, target_video_url),
            "user_video_duration": (None, f"{duration:.3f}"),
            "job_type": (None, JobKind.VIDEO_ENHANCE.value),
            "is_hd": (None, _form_bool(hd)),
        }
        paths = ["/video-enhance/create-job", "/video_enhance/create-job"]
        if self._enhance_path in paths:
            paths.remove(self._enhance_path)
            paths.insert(0, self._enhance_path)
        last: NotFound | None = None
        for path in paths:
            try:
                # a 404 means the route does not exist: nothing was created, so the other spelling is safe
                d = await self._request("POST", path, idempotent=False, charges=True, files=form)
            except NotFound as e:
                last = e
                continue
            self._enhance_path = path
            return self._job_ref(d, JobKind.VIDEO_ENHANCE)
        assert last is not None
        raise last

    async def create_background_removal_job(self, image: str | os.PathLike[str], *, file_name: str | None = None) -> JobRef:
        ip = Path(image)
        ctype = mimetypes.guess_type(ip.name)[0] or "image/png"
        with ip.open("rb") as f:  # noqa: ASYNC230 (a bounded local file httpx reads in chunks; see base.upload_file)
            d = await self._request(
                "POST", "/background-removal/create-job", idempotent=False, charges=True, timeout=TRANSFER_TIMEOUT,
                files={"image": (ip.name, f, ctype), "file_name": (None, file_name or ip.name),
                       "job_type": (None, JobKind.BACKGROUND_REMOVAL.value)},
            )
        return self._job_ref(d, JobKind.BACKGROUND_REMOVAL)

    async def _jobs(self, path: str, kind: JobKind | None, job_ids: list[str] | None, status: str | None) -> list[Job]:
        params: dict[str, str] = {}
        if job_ids:
            params["job_ids"] = ",".join(str(j) for j in job_ids)
        if status:
            params["status"] = status.lower()
        d = await self._request("GET", path, idempotent=True, params=params)
        out = []
        for item in as_list(d, "jobs"):
            if isinstance(item, dict):
                try:
                    out.append(Job.parse(item, kind))
                except ValueError:
                    log.warning("ignored a job entry without an id")
        return out

    async def faceswap_jobs(self, job_ids: list[str] | None = None, status: str | None = None) -> list[Job]:
        return await self._jobs("/faceswap/jobs", JobKind.FACESWAP, job_ids, status)

    async def background_removal_jobs(self, job_ids: list[str] | None = None, status: str | None = None) -> list[Job]:
        return await self._jobs("/background-removal/jobs", JobKind.BACKGROUND_REMOVAL, job_ids, status)

    async def list_jobs(self, job_ids: list[str] | None = None) -> list[Job]:
        """Status of jobs of any type (``/jobs/list-jobs``)."""
        return await self._jobs("/jobs/list-jobs", None, job_ids, None)

    async def enhance_jobs(self, job_ids: list[str] | None = None) -> list[Job]:
        jobs = await self.list_jobs(job_ids)
        return [j if j.kind else Job(**{**j.__dict__, "kind": JobKind.VIDEO_ENHANCE}) for j in jobs]

    async def jobs(self, kind: JobKind, job_ids: list[str] | None = None, status: str | None = None) -> list[Job]:
        if kind is JobKind.FACESWAP:
            return await self.faceswap_jobs(job_ids, status)
        if kind is JobKind.BACKGROUND_REMOVAL:
            return await self.background_removal_jobs(job_ids, status)
        return await self.enhance_jobs(job_ids)

    # -- AI proxy ---------------------------------------------------------------------------
    async def imagegen(self, prompt: str, *, model: str | None = None, size: str | None = None,
                       quality: str | None = None, n: int = 1) -> ImageGenResult:
        body: dict[str, Any] = {"prompt": prompt, "n": n}
        for k, v in (("model", model), ("size", size), ("quality", quality)):
            if v:
                body[k] = v
        d = await self._request("POST", "/ai/imagegen", idempotent=False, charges=True, json=body,
                                timeout=TRANSFER_TIMEOUT)
        return ImageGenResult.parse(d or {})

    @staticmethod
    def _chat_body(messages: list[dict[str, str]], model: str | None, temperature: float | None,
                   max_tokens: int | None, stream: bool) -> dict[str, Any]:
        body: dict[str, Any] = {"messages": messages, "stream": stream}
        if model:
            body["model"] = model
        if temperature is not None:
            body["temperature"] = temperature
        if max_tokens:
            body["max_tokens"] = max_tokens
        return body

    async def chat(self, messages: list[dict[str, str]], *, model: str | None = None,
                   temperature: float | None = None, max_tokens: int | None = None) -> ChatResult:
        d = await self._request("POST", "/ai/chat", idempotent=False, charges=True, timeout=STREAM_TIMEOUT,
                                json=self._chat_body(messages, model, temperature, max_tokens, False))
        return ChatResult.parse(d or {})

    async def chat_stream(self, messages: list[dict[str, str]], *, model: str | None = None,
                          temperature: float | None = None,
                          max_tokens: int | None = None) -> AsyncIterator[ChatDelta | ChatDone]:
        """Stream a reply as :class:`ChatDelta` pieces and a final :class:`ChatDone`.

        Cancel by closing the iterator (``aclose()``) or cancelling the task that iterates:
        the HTTP response is closed at once in ``finally``.
        """
        from httpx_sse import aconnect_sse

        body = self._chat_body(messages, model, temperature, max_tokens, True)
        done = False
        try:
            async with aconnect_sse(self._http, "POST", self._url("/ai/chat"), json=body, headers=self._auth(),
                                    timeout=STREAM_TIMEOUT) as source:
                resp = source.response
                if resp.status_code >= 400:
                    await resp.aread()
                    raise self._report(error_from_response(resp))
                ctype = resp.headers.get("content-type", "")
                if "text/event-stream" not in ctype:
                    # a server that ignores stream=true answers a plain JSON reply
                    await resp.aread()
                    r = ChatResult.parse(unwrap(json_body(resp)) or {})
                    if r.content:
                        yield ChatDelta(r.content)
                    done = True
                    yield ChatDone(r.usage, r.credits_consumed)
                    return
                # aclosing: the SSE generators are closed here, on this loop, not later by the GC
                async with contextlib.aclosing(source.aiter_sse()) as events:
                    finished = False
                    async for ev in events:
                        # after [DONE] the rest is read to the end (the server closes it at once), so
                        # httpx's nested stream generators finish here instead of in the GC
                        data = ev.data.strip()
                        if finished:
                            continue
                        if data == "[DONE]":
                            finished = True
                            continue
                        for item in self._sse_events(data):
                            if isinstance(item, ChatDone):
                                done = True
                            yield item
        except httpx.HTTPError as e:
            err = transport_error(e, VERGING.label)
            if not isinstance(err, NotSent):
                err = ConnectionFailed(_("The connection dropped while the reply was streaming. "
                                         "The part received is kept; send again to get a full reply."))
            raise self._report(err) from None
        finally:
            if self.on_charge is not None:
                with contextlib.suppress(Exception):
                    self.on_charge(None)
        if not done:
            yield ChatDone(Usage(), None)

    def _sse_events(self, data: str) -> list[ChatDelta | ChatDone]:
        """The events in one SSE ``data:`` payload (an error payload raises)."""
        import json as _json

        try:
            obj = _json.loads(data) if data else None
        except ValueError:
            return []
        if not isinstance(obj, dict):
            return []
        if obj.get("error_code") is not None or obj.get("error"):
            from .wire import error_from_body, message_text

            raise self._report(error_from_body(None, obj.get("error_code"),
                                               message_text(obj.get("message") or obj.get("error")), None))
        out: list[ChatDelta | ChatDone] = []
        content = obj.get("content")
        if content is None and isinstance(obj.get("choices"), list) and obj["choices"]:
            content = (obj["choices"][0].get("delta") or {}).get("content")
        if content:
            out.append(ChatDelta(str(content)))
        if "usage" in obj or "credits_consumed" in obj:
            credits = obj.get("credits_consumed")
            out.append(ChatDone(Usage.parse(obj.get("usage")), float(credits) if credits is not None else None))
        return out

    async def tts(self, text: str, *, voice: str | None = None, model: str | None = None,
                  response_format: str | None = None, speed: float | None = None) -> TTSResult:
        body: dict[str, Any] = {"input": text}
        for k, v in (("voice", voice), ("model", model), ("response_format", response_format), ("speed", speed)):
            if v is not None:
                body[k] = v
        d = await self._request("POST", "/ai/tts", idempotent=False, charges=True, json=body, timeout=TRANSFER_TIMEOUT)
        return TTSResult.parse(d or {})

    async def stt(self, audio: str | os.PathLike[str], *, model: str | None = None, language: str | None = None,
                  response_format: str | None = None, temperature: float | None = None) -> STTResult:
        ap = Path(audio)
        ctype = mimetypes.guess_type(ap.name)[0] or "application/octet-stream"
        form: dict[str, Any] = {}
        for k, v in (("model", model), ("language", language), ("response_format", response_format),
                     ("temperature", temperature)):
            if v is not None and v != "":
                form[k] = (None, str(v))
        with ap.open("rb") as f:  # noqa: ASYNC230 (a bounded local file httpx reads in chunks; see base.upload_file)
            form["file"] = (ap.name, f, ctype)
            d = await self._request("POST", "/ai/stt", idempotent=False, charges=True, files=form,
                                    timeout=TRANSFER_TIMEOUT)
        if isinstance(d, str):
            return STTResult(d, language, None, None)
        return STTResult.parse(d or {})

    async def vision(self, prompt: str, image_url: str, *, model: str | None = None,
                     max_tokens: int | None = None) -> VisionResult:
        body: dict[str, Any] = {"prompt": prompt, "image_url": image_url}
        if model:
            body["model"] = model
        if max_tokens:
            body["max_tokens"] = max_tokens
        d = await self._request("POST", "/ai/vision", idempotent=False, charges=True, json=body,
                                timeout=STREAM_TIMEOUT)
        return VisionResult.parse(d or {})

    async def vision_upload(self, prompt: str, image: str | os.PathLike[str], *, model: str | None = None,
                            max_tokens: int | None = None) -> VisionResult:
        ip = Path(image)
        ctype = mimetypes.guess_type(ip.name)[0] or "image/png"
        form: dict[str, Any] = {"prompt": (None, prompt)}
        if model:
            form["model"] = (None, model)
        if max_tokens:
            form["max_tokens"] = (None, str(max_tokens))
        with ip.open("rb") as f:  # noqa: ASYNC230 (a bounded local file httpx reads in chunks; see base.upload_file)
            form["file"] = (ip.name, f, ctype)
            d = await self._request("POST", "/ai/vision/upload", idempotent=False, charges=True, files=form,
                                    timeout=STREAM_TIMEOUT)
        return VisionResult.parse(d or {})

    # -- downloads ---------------------------------------------------------------------------
    async def download(self, url: str, dest: str | os.PathLike[str], *, progress: ProgressCallback | None = None,
                       overwrite: bool = False) -> Path:
        """Download ``url`` to ``dest`` through ``dest.part``; resumed with Range after a failure.

        The file appears under its final name only when complete. Raises :class:`InputError`
        when ``dest`` exists and ``overwrite`` is false. No Authorization header is sent.
        """
        return await download_file(self._http, url, dest, errors=error_from_response, retry=self.retry,
                                   progress=progress, overwrite=overwrite)

    async def wait_for_job(self, kind: JobKind, job_id: str, *, interval: float = 2.0, max_interval: float = 15.0,
                           timeout: float | None = None,
                           on_update: Callable[[Job], None] | None = None) -> Job:
        """Poll one job until it is final (used by the command line; the app uses the batched poller)."""
        started = time.monotonic()
        delay = interval
        while True:
            jobs = await self.jobs(kind, [job_id])
            job = next((j for j in jobs if j.id == str(job_id)), None)
            if job is not None:
                if on_update is not None:
                    on_update(job)
                if job.status.final:
                    return job
            if timeout is not None and time.monotonic() - started > timeout:
                raise RequestTimeout(_("Job {job_id} did not finish within {timeout} s; it keeps running on the server.").format(
                    job_id=job_id, timeout=f"{timeout:.0f}"))
            await asyncio.sleep(delay)
            delay = min(max_interval, delay * 1.3)
