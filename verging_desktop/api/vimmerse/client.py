"""The Vimmerse v2 client: one long-lived ``httpx.AsyncClient``, typed assets, typed errors.

* The key travels as ``X-Api-Key`` (:data:`verging_desktop.core.providers.VIMMERSE`) to the base
  URL's origin only: a request hook removes it from any request to another scheme, host or port
  (a redirect included), and :meth:`VimmerseClient.download` never adds it.
* Reads, uploads and estimates are retried by :class:`verging_desktop.api.retry.RetryPolicy`;
  :meth:`VimmerseClient.create` charges, so it is repeated only when nothing was sent
  (:class:`~verging_desktop.core.errors.NotSent`).
* Uploads are multipart bodies streamed from disk with a computed ``Content-Length``
  (:class:`.wire.MultipartFile`), never read whole into memory.
* Asset reads try ``GET /v2/asset/{id}`` and fall back to the documented ``GET /asset/{id}`` on a
  404; the route that answered is remembered for this client.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import time
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from ...core.errors import ApiError, AuthError, InputError, NotFound, NotSent, UnreadableAnswer
from ...core.i18n import N_, _
from ...core.providers import VIMMERSE, Provider
from ...core.uplink import UploadTimer
from ..base import (
    DEFAULT_TIMEOUT,
    TRANSFER_TIMEOUT,
    HttpClient,
    ProgressCallback,
    download_file,
    new_http,
    transport_error,
)
from ..retry import RetryPolicy
from .models import Asset, CreditEstimate, VimmerseRequest
from .wire import MultipartFile, error_from_response

log = logging.getLogger("verging_desktop.api.vimmerse")

#: what each upload route takes: path, query, multipart field, the answer's kind of file
_UPLOADS: dict[str, tuple[str, dict[str, str], str, str]] = {
    "video": ("/v2/video", {"option": "UploadVideo"}, "video_file", "video/mp4"),
    "image": ("/image", {}, "image_file", "image/png"),
    "audio": ("/audio", {}, "audio_file", "audio/mpeg"),
}
_V2_ASSET = "/v2/asset/{id}"
_LEGACY_ASSET = "/asset/{id}"


def _is_url(v: str) -> bool:
    return v.startswith(("http://", "https://"))


#: what an upload is called in a message, by kind (whole phrases for the translators)
_UPLOAD_WHAT = {"video": N_("the video upload"), "image": N_("the image upload"), "audio": N_("the audio upload")}
_NO_URL = {
    "video": N_("Vimmerse accepted the video upload but sent no URL for it. Try the upload again."),
    "image": N_("Vimmerse accepted the image upload but sent no URL for it. Try the upload again."),
    "audio": N_("Vimmerse accepted the audio upload but sent no URL for it. Try the upload again."),
}


class VimmerseClient(HttpClient):
    """Async client for the Vimmerse v2 video API.

    ``api_key`` may change at run time (switching profiles); ``None`` means no key yet, and every
    authenticated call then fails locally with :class:`AuthError` before anything is sent.
    ``requests_sent`` counts the requests sent, by route (``"POST /v2/video/crop-to-aspect-ratio"``;
    asset reads as ``"GET /v2/asset/{id}"`` and ``"GET /asset/{id}"``), retries included.
    """

    provider: Provider = VIMMERSE
    log = log

    def __init__(
        self,
        api_key: str | None,
        base_url: str = VIMMERSE.base_url,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
    ) -> None:
        self._key: str | None = None
        self.api_key = api_key
        self._base = ""
        self.base_url = base_url
        self.retry = retry or RetryPolicy()
        self._http = new_http(timeout=timeout, transport=transport)
        self._http.event_hooks["request"].append(self._guard_key)
        #: None until an asset read has answered: then whether ``/v2/asset/{id}`` exists
        self._v2_asset: bool | None = None
        self.requests_sent: Counter[str] = Counter()
        #: called with every error answered by the API (the UI marks "Key problem" on AuthError)
        self.on_error: Callable[[ApiError], None] | None = None

    # -- key, base URL, lifecycle ----------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return self._base

    @base_url.setter
    def base_url(self, url: str) -> None:
        url = (url or VIMMERSE.base_url).strip().rstrip("/")
        if not _is_url(url):
            raise InputError(_("'{url}' is not a web address: the Vimmerse base URL starts with https://.").format(url=url))
        if url != self._base:
            self._v2_asset = None  # another server: learn its asset route again
        self._base = url

    # -- plumbing --------------------------------------------------------------------------------
    async def _guard_key(self, request: httpx.Request) -> None:
        """The key goes to the base URL's origin only (also on a redirect httpx follows)."""
        if VIMMERSE.key_header in request.headers and not self._at_base(request.url):
            del request.headers[VIMMERSE.key_header]
            log.warning("kept the Vimmerse key off a request to %s", request.url.host)

    def _auth(self) -> dict[str, str]:
        if not self._key:
            raise AuthError(_("No Vimmerse API key is set. Add one in Manage API keys (or use the sandbox)."))
        return VIMMERSE.auth_headers(self._key)

    async def _request(self, method: str, path: str, *, idempotent: bool, count_as: str | None = None,
                       params: Mapping[str, str] | None = None, json: Any = None,
                       upload: MultipartFile | None = None, progress: ProgressCallback | None = None,
                       timeout: httpx.Timeout | None = None) -> Any:
        """Send one request under the retry policy; the JSON answer (None when empty)."""
        label = f"{method} {count_as or path}"

        async def once() -> Any:
            headers = self._auth()
            if self._http.is_closed:  # the app closed this connection (a key switch, quitting): nothing leaves
                raise NotSent(_("The Vimmerse connection was closed (the app is switching keys or closing); "
                                "nothing was sent."))
            content = None
            timer: UploadTimer | None = None
            if upload is not None:
                headers.update(upload.headers())
                timer = UploadTimer(self.uplink, VIMMERSE.id, self._base, progress)
                timer.start()
                content = upload.stream(timer.progress)
            self.requests_sent[label] += 1
            started = time.monotonic()
            try:
                resp = await self._http.request(method, self._base + path, params=params, json=json, content=content,
                                                headers=headers, timeout=timeout or httpx.USE_CLIENT_DEFAULT)
            except httpx.HTTPError as e:
                raise self._report(transport_error(e, VIMMERSE.label)) from None
            log.debug("%s -> %d in %.0f ms", label, resp.status_code, (time.monotonic() - started) * 1000)
            if resp.status_code >= 400:
                raise self._report(error_from_response(resp))
            if timer is not None:
                timer.done()
            if not resp.content:
                return None
            try:
                return resp.json()
            except ValueError:
                # a 2xx the app cannot read: the request was carried out all the same
                raise self._report(UnreadableAnswer(
                    _("Vimmerse answered {status} with something that is not JSON.").format(status=resp.status_code),
                    status=resp.status_code)) from None

        return await self.retry.run(once, idempotent=idempotent, what=label)

    @staticmethod
    def _asset(d: Any, what: str) -> Asset:
        """The asset of a 2xx answer; :class:`UnreadableAnswer` when it names none (the request was
        carried out: for a job, the asset may exist)."""
        a = Asset.from_json(d)
        if not a.id:
            raise UnreadableAnswer(_("Vimmerse answered {what} without an asset id.").format(what=what))
        return a

    # -- account -----------------------------------------------------------------------------------
    async def validate_key(self) -> None:
        """A cheap authenticated call (the 0-credit estimate of an upload); AuthError when refused."""
        await self.estimate("upload-video", "UploadVideo")

    # -- uploads -----------------------------------------------------------------------------------
    async def _upload(self, kind: str, path: str | os.PathLike[str], progress: ProgressCallback | None) -> Asset:
        route, params, field, fallback = _UPLOADS[kind]
        p = Path(path)
        if not p.is_file():
            raise InputError(_("{path} does not exist or is not a file.").format(path=p))
        ctype = mimetypes.guess_type(p.name)[0] or ""
        if not ctype.startswith(kind + "/"):
            ctype = fallback
        body = MultipartFile(field, p, content_type=ctype)
        # an upload charges nothing (0 credits): repeating it after a dropped answer is safe
        d = await self._request("POST", route, idempotent=True, params=params, upload=body, progress=progress,
                                timeout=TRANSFER_TIMEOUT)
        return self._asset(d, _(_UPLOAD_WHAT[kind]))

    async def upload_video(self, path: str | os.PathLike[str], *, progress: ProgressCallback | None = None) -> Asset:
        """``POST /v2/video?option=UploadVideo`` (multipart ``video_file``); the asset's url is the hosted video."""
        return await self._upload("video", path, progress)

    async def upload_image(self, path: str | os.PathLike[str], *, progress: ProgressCallback | None = None) -> Asset:
        """``POST /image`` (multipart ``image_file``, answer wrapped in ``data``)."""
        return await self._upload("image", path, progress)

    async def upload_audio(self, path: str | os.PathLike[str], *, progress: ProgressCallback | None = None) -> Asset:
        """``POST /audio`` (multipart ``audio_file``, answer wrapped in ``data``)."""
        return await self._upload("audio", path, progress)

    async def host(self, path: str | os.PathLike[str], kind: str, *, progress: ProgressCallback | None = None) -> str:
        """Upload a local file of ``kind`` ("video", "image" or "audio") and return its hosted URL."""
        if kind not in _UPLOADS:
            raise ValueError(f"unknown media kind {kind!r}")
        asset = await self._upload(kind, path, progress)
        if not asset.url:
            raise ApiError(_(_NO_URL[kind]))
        return asset.url

    # -- estimates and jobs -------------------------------------------------------------------------
    async def estimate(self, app_name: str, option: str, *, quantity: int = 1, duration: float | None = None,
                       prompt: str = "", video_duration: float | None = None) -> CreditEstimate:
        """``POST /v2/video/estimate-credits`` (charges nothing, so it is retried like a read)."""
        body: dict[str, Any] = {"app_name": app_name, "option": option, "quantity": int(quantity)}
        if prompt:
            body["prompt"] = prompt
        if duration is not None:
            body["duration"] = duration
        if video_duration is not None:
            body["video_duration"] = video_duration
        d = await self._request("POST", "/v2/video/estimate-credits", idempotent=True, json=body)
        est = CreditEstimate.from_json(d if isinstance(d, dict) else {})
        return CreditEstimate(est.total, est.breakdown, source="estimate-credits")

    async def create(self, req: VimmerseRequest) -> Asset:
        """Send the request to its route once: this CHARGES. Every media field must hold an
        http(s) URL already (the queue hosts local files first); nothing is sent otherwise."""
        local = [f"{name}={v}" for name, vals in req.media().items() for v in vals if not _is_url(v)]
        if local:
            raise InputError(_("Upload these files before creating the job (they are local paths, not URLs): "
                               "{files}").format(files=", ".join(local)))
        d = await self._request("POST", req.app.route, idempotent=False, json=req.body(), timeout=TRANSFER_TIMEOUT)
        return self._asset(d, _("the {app} request").format(app=req.app.app_name))

    async def asset(self, asset_id: str) -> Asset:
        """Read one asset: ``GET /v2/asset/{id}``, falling back to ``GET /asset/{id}`` on a 404."""
        aid = str(asset_id or "").strip()
        if not aid:
            raise InputError(_("An asset id is needed."))
        seg = quote(aid, safe="")
        if self._v2_asset is not False:
            try:
                d = await self._request("GET", f"/v2/asset/{seg}", idempotent=True, count_as=_V2_ASSET)
            except NotFound:
                if self._v2_asset:  # the route exists: the asset does not
                    raise
            else:
                self._v2_asset = True
                return self._asset(d, _("the asset read"))
        d = await self._request("GET", f"/asset/{seg}", idempotent=True, count_as=_LEGACY_ASSET)
        if self._v2_asset is None:
            log.info("Vimmerse has no /v2/asset route here; reading assets with /asset/{id}")
        self._v2_asset = False
        return self._asset(d, _("the asset read"))

    @property
    def asset_route(self) -> str | None:
        """The asset read route that works (``"/v2/asset/{id}"`` or ``"/asset/{id}"``), None until known."""
        return None if self._v2_asset is None else (_V2_ASSET if self._v2_asset else _LEGACY_ASSET)

    # -- downloads -----------------------------------------------------------------------------------
    async def download(self, url: str, dest: str | os.PathLike[str], *, progress: ProgressCallback | None = None,
                       overwrite: bool = False) -> Path:
        """Download a result atomically (through ``dest.part``, resumed with Range); sends no key.

        Raises :class:`InputError` when ``dest`` exists and ``overwrite`` is false.
        """
        if not _is_url(url):
            raise InputError(_("'{url}' is not a web address to download from.").format(url=url))
        self.requests_sent["GET (download)"] += 1
        return await download_file(self._http, url, dest, errors=error_from_response, retry=self.retry,
                                   progress=progress, overwrite=overwrite, what="the Vimmerse file server")
