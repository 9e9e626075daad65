"""How fast this computer uploads to each provider: a running estimate from real uploads.

Every upload body the app sends (``api.base.put_file`` for Verging's presigned PUT, and the
other providers' upload bodies through :class:`UploadTimer`) reports its bytes and seconds to an
:class:`UplinkEstimator`; the estimate per ``(provider, host)`` is an exponentially weighted
average of the observed rates (:data:`ALPHA`), kept in a small JSON file (``uplink.json`` in the
app's data dir). Only the provider id and the host name are stored: never a URL, a path, a query
or a key. Uploads under :data:`MIN_BYTES` say nothing about the link (TCP slow start, request
overhead) and are ignored.

When there is no history yet, the first seconds of the current upload give a provisional figure
(:meth:`UplinkEstimator.live`): :meth:`UplinkEstimator.estimate` answers it until the upload ends
and its real figure replaces it.

No Qt here; thread-safe enough for one event loop (every method is synchronous and short).
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from .errors import Progress

log = logging.getLogger("verging_desktop.core.uplink")

#: weight of the newest upload in the running average (0.4: three uploads mostly forget an old link)
ALPHA = 0.4
#: uploads smaller than this are ignored (slow start and request overhead dominate them)
MIN_BYTES = 256 * 1024
#: a live (in-progress) rate is trusted after this many seconds and bytes of the body
LIVE_MIN_SECONDS = 1.0
LIVE_MIN_BYTES = MIN_BYTES
#: the file name in the app's data dir
FILE_NAME = "uplink.json"


class UplinkSink(Protocol):
    """What an upload reports to (implemented by :class:`UplinkEstimator`)."""

    def record(self, provider: str, host: str, nbytes: int, seconds: float) -> None: ...

    def live(self, provider: str, host: str) -> Callable[[Progress], None]: ...


def host_of(url: str) -> str:
    """The host name of ``url`` only (lower case, no port, user, path or query)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def client_rate(provider: str, client: object) -> float | None:
    """The measured upload rate in bytes/s of ``client``'s link: its ``uplink`` estimator asked for
    ``provider`` at its ``base_url``'s host. None when nothing is measured yet, or the client keeps
    no estimate."""
    estimate = getattr(getattr(client, "uplink", None), "estimate", None)
    if estimate is None:
        return None
    rate = estimate(provider, host_of(str(getattr(client, "base_url", ""))))
    return float(rate) if rate else None


@dataclass(frozen=True)
class UplinkSample:
    """The running estimate of one (provider, host)."""

    bytes_per_second: float
    uploads: int
    updated: float


class UplinkEstimator:
    """Upload throughput per ``(provider, host)``, learned from real uploads and persisted.

    :param path: the JSON file (None: in memory only, for tests and the sandbox).
    :param clock: seconds (monotonic) for live rates; injectable for tests.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.path = Path(path) if path is not None else None
        self.clock = clock
        self._lock = threading.Lock()
        self._samples: dict[str, UplinkSample] = {}
        self._live: dict[str, float] = {}
        self._load()

    @classmethod
    def in_dir(cls, data_dir: str | os.PathLike[str]) -> UplinkEstimator:
        """The estimator stored in ``data_dir/uplink.json``."""
        return cls(Path(data_dir) / FILE_NAME)

    @staticmethod
    def _key(provider: str, host: str) -> str:
        return f"{provider}|{host.lower()}"

    # -- reading ------------------------------------------------------------------------------
    def estimate(self, provider: str, host: str) -> float | None:
        """The estimated upload rate to ``host`` of ``provider`` in bytes/s, or None when unknown
        (no upload over :data:`MIN_BYTES` yet, and none in progress for a second or more)."""
        k = self._key(provider, host)
        with self._lock:
            s = self._samples.get(k)
            if s is not None:
                return s.bytes_per_second
            return self._live.get(k)

    def sample(self, provider: str, host: str) -> UplinkSample | None:
        """The stored figure with its count of uploads (None: no finished upload yet)."""
        with self._lock:
            return self._samples.get(self._key(provider, host))

    # -- learning -----------------------------------------------------------------------------
    def record(self, provider: str, host: str, nbytes: int, seconds: float) -> None:
        """One finished upload body of ``nbytes`` that took ``seconds``; tiny ones are ignored."""
        if nbytes < MIN_BYTES or seconds <= 0 or not host:
            return
        rate = nbytes / seconds
        k = self._key(provider, host)
        with self._lock:
            old = self._samples.get(k)
            new = rate if old is None else ALPHA * rate + (1 - ALPHA) * old.bytes_per_second
            self._samples[k] = UplinkSample(new, (old.uploads if old else 0) + 1, time.time())
            self._live.pop(k, None)
        log.info("upload to %s (%s): %.1f MB in %.2f s = %.2f Mbit/s; estimate now %.2f Mbit/s",
                 host, provider, nbytes / 1e6, seconds, rate * 8 / 1e6, new * 8 / 1e6)
        self._save()

    def live(self, provider: str, host: str) -> Callable[[Progress], None]:
        """A progress callback for an upload in progress: after :data:`LIVE_MIN_SECONDS` and
        :data:`LIVE_MIN_BYTES` its rate so far is the estimate while there is no history."""
        k = self._key(provider, host)
        first: list[float] = []  # the time and bytes of the first report

        def on_progress(p: Progress) -> None:
            now = self.clock()
            if not first:
                first.extend((now, p.done))
                return
            dt = now - first[0]
            done = p.done - first[1]
            if dt >= LIVE_MIN_SECONDS and done >= LIVE_MIN_BYTES:
                with self._lock:
                    if k not in self._samples:
                        self._live[k] = done / dt

        return on_progress

    def forget(self) -> None:
        """Drop every figure (and the file)."""
        with self._lock:
            self._samples.clear()
            self._live.clear()
        if self.path is not None:
            self.path.unlink(missing_ok=True)

    # -- the file -------------------------------------------------------------------------------
    def _load(self) -> None:
        if self.path is None:
            return
        try:
            raw = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(raw, dict):
            return
        for k, v in raw.items():
            try:
                bps = float(v["bps"])
                if isinstance(k, str) and "|" in k and bps > 0:
                    self._samples[k] = UplinkSample(bps, int(v.get("uploads", 1)), float(v.get("updated", 0)))
            except (TypeError, ValueError, KeyError):
                continue

    def _save(self) -> None:
        if self.path is None:
            return
        with self._lock:
            data = {k: {"bps": round(s.bytes_per_second, 1), "uploads": s.uploads, "updated": round(s.updated)}
                    for k, s in self._samples.items()}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.name + ".tmp")
            tmp.write_text(json.dumps(data, indent=1, sort_keys=True), "utf-8")
            os.replace(tmp, self.path)
        except OSError as e:
            log.warning("could not save the uplink estimate: %s", e)


class UploadTimer:
    """Times one upload body for an :class:`UplinkSink`: wrap the upload's progress callback
    with :meth:`progress`, call :meth:`done` when the server answered. The clock starts at the
    first chunk handed to the connection and stops at the answer."""

    def __init__(self, sink: UplinkSink | None, provider: str, url: str,
                 progress: Callable[[Progress], None] | None, *, host: str | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.sink = sink
        self.provider = provider
        #: the host the figure is filed under: ``host`` (a provider's API host, known before an
        #: upload URL is), else the URL's
        self.host = (host or host_of(url)).lower()
        self.clock = clock
        self._user = progress
        self._live = sink.live(provider, self.host) if sink is not None else None
        self.started: float | None = None
        self.sent = 0
        #: the measured rate of this upload (bytes/s) once :meth:`done` was called
        self.rate: float | None = None

    def start(self) -> None:
        """The first byte is about to go (called again on a retry: the clock starts again)."""
        self.started = self.clock()
        self.sent = 0

    def progress(self, p: Progress) -> None:
        self.sent = int(p.done)
        if self._live is not None:
            self._live(p)
        if self._user is not None:
            self._user(p)

    def done(self, nbytes: int | None = None) -> None:
        if self.started is None:
            return
        n = self.sent if nbytes is None else nbytes
        seconds = self.clock() - self.started
        if seconds > 0 and n > 0:
            self.rate = n / seconds
        if self.sink is not None:
            try:
                self.sink.record(self.provider, self.host, n, seconds)
            except Exception:  # a measurement must never break an upload
                log.exception("uplink record failed")
