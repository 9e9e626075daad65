"""Fault injection for the sandbox: latency, rate limiting, upstream errors and dropped connections.

A :class:`FaultConfig` is a plain mutable dataclass. Tests change its fields while the server
runs (from the test thread, or over HTTP with ``POST /_sandbox/faults``); the server reads the
fields on every request. Reads and writes of single attributes are atomic in CPython, and the
few read-modify-write steps (the rate-limit burst counter, the one-shot drop fields) go through
:class:`FaultInjector`, which holds a lock.
"""

from __future__ import annotations

import dataclasses
import math
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any

#: the two spellings of the video-enhance create-job route seen in the wild
ENHANCE_PATHS: tuple[str, ...] = ("/video-enhance/create-job", "/video_enhance/create-job")
#: the path prefixes of the API routes (Verging's and the Vimmerse wire format's)
API_PREFIXES: tuple[str, ...] = ("/api/", "/vimmerse/")


@dataclass
class FaultConfig:
    """What the sandbox should do wrong, and how often.

    Attributes:
        latency_ms: extra delay added before every API request is handled.
        error_rate: share (0..1) of matching API requests answered 502 or 503 (alternating).
        error_paths: path substrings the error rate applies to; empty means every API path
            (``/api/v1`` and ``/vimmerse``). A substring such as ``"/_storage/put"`` extends it to
            the presigned upload.
        rate_limit_burst: the next N API requests are answered 429 (counts down to 0).
        rate_limit_reset: seconds until the rate limit resets (``X-RateLimit-Reset``).
        reset_style: ``"seconds"`` (header = seconds to wait) or ``"epoch"`` (header = epoch time).
        drop_upload_after: bytes; the next presigned PUT is aborted after receiving that many
            bytes. One shot: the field goes back to ``None`` once it fired.
        drop_stream_after: content chunks; the next chat SSE stream is aborted after that many
            chunks. One shot like ``drop_upload_after``.
        drop_answer_next: the next N API requests (those matching ``error_paths`` when it is set)
            are handled in full (a create is charged) and then the connection is reset instead
            of answering: the client cannot know whether its request arrived.
        seed: seed of the random generator that decides which requests fail.
        enhance_paths: the video-enhance create-job routes that exist. Remove one to make it
            answer 404 and test a client's fallback to the other spelling.
    """

    latency_ms: float = 0
    error_rate: float = 0.0
    error_paths: tuple[str, ...] = ()
    rate_limit_burst: int = 0
    rate_limit_reset: float = 1.0
    reset_style: str = "seconds"
    drop_upload_after: int | None = None
    drop_stream_after: int | None = None
    drop_answer_next: int = 0
    seed: int = 0
    enhance_paths: tuple[str, ...] = field(default_factory=lambda: ENHANCE_PATHS)

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(cls))

    def update(self, values: dict[str, Any]) -> None:
        """Set fields from a JSON-like mapping, converting types; unknown names raise ``ValueError``."""
        names = self.field_names()
        for name, value in values.items():
            if name not in names:
                raise ValueError(f"Unknown fault field '{name}'. Known: {', '.join(names)}.")
            setattr(self, name, _coerce(name, value))

    def as_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["error_paths"] = list(self.error_paths)
        d["enhance_paths"] = list(self.enhance_paths)
        return d


def _coerce(name: str, value: Any) -> Any:
    if name in ("error_paths", "enhance_paths"):
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        return tuple(str(v) for v in value)
    if name in ("drop_upload_after", "drop_stream_after"):
        return None if value is None else int(value)
    if name in ("rate_limit_burst", "seed", "drop_answer_next"):
        return int(value)
    if name in ("latency_ms", "error_rate", "rate_limit_reset"):
        return float(value)
    if name == "reset_style":
        v = str(value).lower()
        if v not in ("seconds", "epoch"):
            raise ValueError("reset_style must be 'seconds' or 'epoch'.")
        return v
    return value  # pragma: no cover - every field is handled above


@dataclass(frozen=True)
class Fault:
    """A response the injector decided to send instead of handling the request."""

    status: int
    message: str
    headers: dict[str, str] = field(default_factory=dict)


class FaultInjector:
    """Applies a :class:`FaultConfig` to requests. One per sandbox."""

    def __init__(self, config: FaultConfig) -> None:
        self.config = config
        self._lock = threading.Lock()
        self._rng = random.Random(config.seed)
        self._seed = config.seed
        self._errors = 0

    def latency(self) -> float:
        """Seconds to wait before handling an API request."""
        return max(0.0, float(self.config.latency_ms)) / 1000.0

    def _matches(self, path: str) -> bool:
        paths = self.config.error_paths
        if not paths:
            return path.startswith(API_PREFIXES)
        return any(p in path for p in paths)

    def check(self, path: str) -> Fault | None:
        """The fault to answer for ``path`` (an API or ``/_storage`` path), or None."""
        cfg = self.config
        api = path.startswith(API_PREFIXES)
        with self._lock:
            if api and cfg.rate_limit_burst > 0:
                cfg.rate_limit_burst -= 1
                return Fault(429, "Rate limit exceeded. Please retry later.", {"X-RateLimit-Reset": self._reset_header()})
            if cfg.error_rate > 0 and self._matches(path):
                if self._seed != cfg.seed:
                    self._rng = random.Random(cfg.seed)
                    self._seed = cfg.seed
                if cfg.error_rate >= 1 or self._rng.random() < cfg.error_rate:
                    self._errors += 1
                    if self._errors % 2 == 1:
                        return Fault(502, "Upstream provider error (sandbox fault injection).")
                    return Fault(503, "Service unavailable, please retry (sandbox fault injection).")
        return None

    def _reset_header(self) -> str:
        reset = max(0.0, float(self.config.rate_limit_reset))
        if self.config.reset_style == "epoch":
            return str(math.ceil(time.time() + reset))
        return str(int(reset)) if reset.is_integer() else f"{reset:g}"

    def take_answer_drop(self, path: str) -> bool:
        """Whether to drop the answer of this API request (counts ``drop_answer_next`` down)."""
        with self._lock:
            if self.config.drop_answer_next <= 0 or not path.startswith(API_PREFIXES):
                return False
            if self.config.error_paths and not self._matches(path):
                return False
            self.config.drop_answer_next -= 1
            return True

    def retry_after(self) -> str:
        """``Retry-After`` for a 429: seconds, or an HTTP date when ``reset_style`` is "epoch"."""
        reset = max(0.0, float(self.config.rate_limit_reset))
        if self.config.reset_style == "epoch":
            from email.utils import formatdate

            return formatdate(math.ceil(time.time() + reset), usegmt=True)
        return str(math.ceil(reset))

    def take_upload_drop(self) -> int | None:
        """The byte count after which to drop this upload (and clear it), or None."""
        with self._lock:
            n = self.config.drop_upload_after
            return None if n is None else int(n)

    def consume_upload_drop(self) -> None:
        with self._lock:
            self.config.drop_upload_after = None

    def take_stream_drop(self) -> int | None:
        """The chunk count after which to drop this chat stream (one shot: cleared here), or None."""
        with self._lock:
            n = self.config.drop_stream_after
            self.config.drop_stream_after = None
            return None if n is None else int(n)
