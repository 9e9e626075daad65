"""What every provider client shares: one set of shapes behind ``api/<provider>/``.

A provider package (``api/verging/`` today; Vimmerse and the varg gateway next) parses its own
envelopes and routes, and builds on these pieces for the rest:

* :func:`new_http` -- the one long-lived ``httpx.AsyncClient`` a provider client opens at start
  and closes on quit; :class:`HttpClient` the lifecycle around it (``closed``, ``aclose``,
  ``async with``), the ``on_error`` report and :func:`origin` (a key goes to its base URL's only);
* :func:`transport_error` -- an httpx failure as a typed
  :class:`~verging_desktop.core.errors.TransportError` (``NotSent`` when no byte left);
* :func:`error_for_status` -- an HTTP error answer as the typed error of its status code
  (openai-python style), worded with the provider's name;
* :func:`reset_at` -- when a 429 says a retry is allowed;
* :func:`put_file` -- a streamed upload to a presigned URL, with progress, under the retry policy;
* :func:`download_file` -- an atomic, resumable download with progress, under the retry policy.

The retry policy itself is :class:`verging_desktop.api.retry.RetryPolicy`. No key ever goes to
an upload or download URL: those requests carry no provider header.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import AsyncIterator, Callable
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import ClassVar, Self

import httpx

from .. import __version__
from ..core import filetypes as ft
from ..core.errors import (
    ApiError,
    AuthError,
    BadRequest,
    ConnectionFailed,
    InputError,
    InsufficientCredits,
    NotFound,
    NotSent,
    Progress,
    RateLimited,
    RequestTimeout,
    ServerError,
    ServiceUnavailable,
    TransportError,
    UpstreamError,
)
from ..core.i18n import _
from ..core.providers import Provider
from ..core.redact import register_secret
from ..core.uplink import UplinkSink, UploadTimer
from .retry import RetryPolicy

ProgressCallback = Callable[[Progress], None]
#: how a client turns an HTTP error answer (status >= 400) into a typed error
ErrorMapper = Callable[[httpx.Response], ApiError]

CHUNK = 1024 * 1024

DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=60.0, write=60.0, pool=10.0)
TRANSFER_TIMEOUT = httpx.Timeout(connect=10.0, read=300.0, write=300.0, pool=30.0)
STREAM_TIMEOUT = httpx.Timeout(connect=5.0, read=120.0, write=60.0, pool=10.0)

_REQ_RE = re.compile(r"required\D{0,20}?(\d+(?:\.\d+)?)", re.IGNORECASE)
_AVAIL_RE = re.compile(r"(?:available|balance|have)\D{0,20}?(\d+(?:\.\d+)?)", re.IGNORECASE)


class KeyHolder:
    """The API key of one provider client, in memory only: stripped, an empty one is None, and
    every key set is registered with :mod:`verging_desktop.core.redact` so no log line shows it."""

    _key: str | None = None

    @property
    def api_key(self) -> str | None:
        return self._key

    @api_key.setter
    def api_key(self, key: str | None) -> None:
        key = (key or "").strip() or None
        if key:
            register_secret(key)
        self._key = key

    @property
    def has_key(self) -> bool:
        return bool(self._key)


def origin(url: httpx.URL) -> tuple[str, str, int | None]:
    """The scheme, host and port of ``url`` (the default port when none is given)."""
    default = {"http": 80, "https": 443}.get(url.scheme)
    return url.scheme, url.host.lower(), url.port or default


class HttpClient(KeyHolder):
    """A provider client around one long-lived ``httpx.AsyncClient`` (``_http``, made by
    :func:`new_http` in the subclass's ``__init__``, which also sets ``on_error`` and ``_base``).
    ``log`` is the subclass's logger."""

    log: ClassVar[logging.Logger]
    _http: httpx.AsyncClient
    _base: str
    #: called with every error answered by the API (the UI marks "Key problem" on AuthError)
    on_error: Callable[[ApiError], None] | None
    #: where upload rates are reported (``core.uplink.UplinkEstimator``); None: not measured
    uplink: UplinkSink | None = None

    @property
    def closed(self) -> bool:
        return self._http.is_closed

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def _at_base(self, url: httpx.URL) -> bool:
        """Whether ``url`` is on the base URL's origin (the only one a key goes to)."""
        return origin(url) == origin(httpx.URL(self._base))

    def _report(self, err: ApiError) -> ApiError:
        if self.on_error is not None:
            try:
                self.on_error(err)
            except Exception:  # a UI callback must never break the call
                self.log.exception("on_error callback failed")
        return err


def new_http(*, timeout: httpx.Timeout = DEFAULT_TIMEOUT,
             transport: httpx.AsyncBaseTransport | None = None) -> httpx.AsyncClient:
    """The long-lived HTTP client of one provider client (no key in its default headers)."""
    return httpx.AsyncClient(
        timeout=timeout,
        transport=transport,
        headers={"User-Agent": f"verging-desktop/{__version__}", "Accept": "application/json"},
        follow_redirects=True,
        limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
    )


# -- errors -----------------------------------------------------------------------------------
def transport_error(exc: httpx.HTTPError, what: str) -> TransportError:
    """Turn an httpx transport error into a typed error a person can act on."""
    if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)):
        return NotSent(_("Could not connect to {what}. Check your network connection and try again.").format(what=what))
    if isinstance(exc, httpx.TimeoutException):
        return RequestTimeout(_("{what} took too long to answer. Try again in a moment.").format(what=what))
    return ConnectionFailed(_("The connection to {what} failed ({error}). Try again in a moment.").format(
        what=what, error=type(exc).__name__))


def _parse_reset(value: str | None, now: float) -> float | None:
    if not value:
        return None
    try:
        v = float(value.strip())
    except ValueError:
        try:
            return parsedate_to_datetime(value).timestamp()
        except (TypeError, ValueError):
            return None
    if v > 1e12:  # epoch milliseconds
        return v / 1000.0
    if v > 1e9:  # epoch seconds
        return v
    return now + max(0.0, v)  # seconds to wait


def reset_at(headers: httpx.Headers, now: float | None = None) -> float | None:
    """Epoch seconds when a retry is allowed (``X-RateLimit-Reset`` or ``Retry-After``), or None."""
    now = time.time() if now is None else now
    return _parse_reset(headers.get("x-ratelimit-reset"), now) or _parse_reset(headers.get("retry-after"), now)


def unexpected_answer(status: int | None, message: str, *, error_code: int | None = None) -> ApiError:
    """An error answer no status rule knows."""
    return BadRequest((_("The server answered an error ({status}): {message}") if status
                       else _("The server answered an error: {message}")).format(
                           status=status, message=message or _("no details")),
                      status=status, error_code=error_code)


def error_for_status(provider: Provider, status: int | None, message: str, headers: httpx.Headers | None = None, *,
                     as_status: int | None = None, error_code: int | None = None, path: str = "") -> ApiError:
    """The typed error for an HTTP error answer, worded with ``provider``'s name.

    ``message`` is the server's text, already redacted. ``as_status`` classifies the answer as
    another status (a provider's own error code that means "402" under a 200, say); the error
    keeps the real ``status``.
    """
    s = status if as_status is None else as_status
    name, shop = provider.label, provider.website_host
    if s == 402:
        req = _REQ_RE.search(message)
        av = _AVAIL_RE.search(message)
        required = float(req.group(1)) if req else None
        available = float(av.group(1)) if av else None
        if required is not None and available is not None:
            text = _("Not enough credits: this needs {required} and your balance is {available}. "
                     "Buy credits on {shop} or choose a cheaper option.").format(
                required=f"{required:g}", available=f"{available:g}", shop=shop)
        else:
            text = (_("Not enough credits: {message}. Buy credits on {shop}.").format(message=message, shop=shop)
                    if message else _("Not enough credits. Buy credits on {shop}.").format(shop=shop))
        return InsufficientCredits(text, required=required, available=available, status=status, error_code=error_code)
    if s in (401, 403):
        return AuthError(
            _("The API key was refused (invalid, revoked or missing). Open Manage API keys to check it.")
            + (" " + _("Server said: {message}").format(message=message) if message else ""),
            status=status, error_code=error_code)
    if s == 429:
        at = reset_at(headers) if headers is not None else None
        when = ""
        if at is not None:
            when = " " + _("Try again in {seconds} s.").format(seconds=max(0, round(at - time.time())))
        return RateLimited(_("Too many requests: the server asked us to slow down.") + when, reset_at=at,
                           status=status)
    if s == 400:
        return BadRequest(_("The server rejected the request: {message}").format(message=message or _("bad request")),
                          status=status,
                          error_code=error_code)
    if s == 404:
        return NotFound(_("Not found: {what}").format(what=message or path), status=status, error_code=error_code)
    if s == 502:
        return UpstreamError(_("The AI provider behind {name} failed (502). Try again in a moment.").format(name=name)
                             + (f" ({message})" if message else ""), status=status, error_code=error_code)
    if s in (503, 504):
        return ServiceUnavailable(_("{name} is unavailable or timed out ({status}). Try again in a moment.").format(
                                      name=name, status=status)
                                  + (f" ({message})" if message else ""), status=status, error_code=error_code)
    if s is not None and s >= 500:
        return ServerError((_("{name} had an internal error ({status}).").format(name=name, status=status)
                            + " " + message).strip(), status=status,
                           error_code=error_code)
    return unexpected_answer(status, message, error_code=error_code)


# -- transfers ----------------------------------------------------------------------------------
async def put_file(http: httpx.AsyncClient, url: str, path: str | os.PathLike[str], *, errors: ErrorMapper,
                   retry: RetryPolicy, content_type: str = "application/octet-stream",
                   progress: ProgressCallback | None = None, what: str = "the upload server",
                   uplink: UplinkSink | None = None, provider: str = "",
                   uplink_host: str | None = None) -> UploadTimer:
    """Stream a file to a presigned URL in :data:`CHUNK` pieces, never reading it whole.

    No provider header is sent; a dropped upload starts again under ``retry`` (a PUT of the
    same bytes to the same URL cannot charge twice). The body is timed for ``uplink`` (the
    upload-rate estimate of ``provider`` and the URL's host, see :mod:`~verging_desktop.core.uplink`);
    ``uplink_host`` files it under another host than the URL's (Verging: its API host, known
    before a presigned URL is). The returned timer's ``rate`` is this upload's bytes/s.
    """
    p = Path(path)
    size = p.stat().st_size
    timer = UploadTimer(uplink, provider, url, progress, host=uplink_host)

    async def once() -> None:
        sent = 0
        timer.start()

        async def body() -> AsyncIterator[bytes]:
            nonlocal sent
            with p.open("rb") as f:  # noqa: ASYNC230 (1 MB reads from a local file between awaits: the upload benchmark matches curl)
                while True:
                    chunk = f.read(CHUNK)
                    if not chunk:
                        break
                    sent += len(chunk)
                    yield chunk
                    timer.progress(Progress(sent, size, "upload"))

        try:
            resp = await http.put(
                url, content=body(), timeout=TRANSFER_TIMEOUT,
                headers={"Content-Type": content_type, "Content-Length": str(size)},
            )
        except httpx.HTTPError as e:
            raise transport_error(e, what) from None
        if resp.status_code >= 400:
            raise errors(resp)
        timer.done(size)

    await retry.run(once, idempotent=True, what="upload")
    return timer


async def download_file(http: httpx.AsyncClient, url: str, dest: str | os.PathLike[str], *, errors: ErrorMapper,
                        retry: RetryPolicy, progress: ProgressCallback | None = None, overwrite: bool = False,
                        what: str = "the download server") -> Path:
    """Download ``url`` to ``dest`` through ``dest.part``; resumed with Range after a failure.

    The file appears under its final name only when complete, and never replaces a file: the
    path returned is ``dest``, or the next free name when a file took ``dest`` during the
    download (:func:`_land`). Raises :class:`InputError` when ``dest`` exists at the start and
    ``overwrite`` is false.
    """
    final = Path(dest)
    if final.exists() and not overwrite:
        raise InputError(_("{path} already exists; choose another name.").format(path=final))
    final.parent.mkdir(parents=True, exist_ok=True)
    part = final.with_name(final.name + ".part")

    async def once() -> None:
        have = part.stat().st_size if part.exists() else 0
        headers = {"Range": f"bytes={have}-"} if have else {}
        try:
            async with http.stream("GET", url, headers=headers, timeout=TRANSFER_TIMEOUT) as resp:
                if resp.status_code == 416 and have:
                    part.unlink(missing_ok=True)
                    raise ConnectionFailed("The partial download did not match; starting again.")
                if resp.status_code >= 400:
                    await resp.aread()
                    raise errors(resp)
                resume = have > 0 and resp.status_code == 206
                total_hdr = resp.headers.get("content-length")
                total = int(total_hdr) + (have if resume else 0) if total_hdr and total_hdr.isdigit() else None
                done = have if resume else 0
                with part.open("ab" if resume else "wb") as f:
                    async for chunk in resp.aiter_bytes(CHUNK):
                        f.write(chunk)
                        done += len(chunk)
                        if progress is not None:
                            progress(Progress(done, total, "download"))
                if total is not None and done < total:
                    raise ConnectionFailed("The download ended early.")
        except httpx.HTTPError as e:
            raise transport_error(e, what) from None

    await retry.run(once, idempotent=True, what="download")
    if overwrite:
        os.replace(part, final)
        return final
    return _land(part, final)


def _land(part: Path, final: Path) -> Path:
    """Give the finished ``part`` its final name without ever replacing a file.

    A hard link fails when the name is taken (another program saved a file there while the
    download ran, after the check at the start): the next free name (``name (2).ext``) is tried
    instead, and the part removed once linked. A file system without hard links (FAT, some
    network drives) falls back to check-then-rename, which leaves that small window open.
    """
    target = final
    for _attempt in range(10000):
        try:
            os.link(part, target)
        except FileExistsError:
            target = ft.unique_path(final)
            continue
        except OSError:  # no hard links here (EPERM on FAT, EOPNOTSUPP, ...): the old way
            target = final if not final.exists() else ft.unique_path(final)
            os.replace(part, target)
            return target
        part.unlink(missing_ok=True)
        return target
    raise InputError(_("Could not find a free name for {name} in {folder}; the result is kept as {part}.").format(
        name=final.name, folder=final.parent, part=part))
