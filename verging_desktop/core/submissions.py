"""Recent submissions: "you sent this same job 5 s ago" (no Qt).

Every charging submit (a job for the queue, a direct AI call) is described by a *fingerprint*:
the tool, the content of its input files (a hash, never the path alone: a copy under another
name is the same input) and every setting that changes the work (trim range, HD, prompt,
voice...). :class:`SubmissionRegistry` remembers, for the life of the app, when each fingerprint
was last sent and what it cost, so the UI can ask before the same work is sent again; it also
knows which fingerprints are being sent right now, so the same work is never started twice in
parallel.

The registry is keyed by plain strings and knows nothing about providers: a later provider's
tool only has to build its fingerprints with :func:`fingerprint`.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .i18n import _

__all__ = [
    "RepeatCheck",
    "Submission",
    "SubmissionRegistry",
    "connection_scope",
    "content_hash",
    "fingerprint",
    "format_ago",
    "scoped",
]

_CHUNK = 1 << 20
# (resolved path, size, mtime_ns) -> sha256; a file is hashed once per change
_hash_cache: dict[tuple[str, int, int], str] = {}
_hash_lock = threading.Lock()


def content_hash(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's content, cached by (path, size, modification time).

    Reads the whole file the first time: call it in a worker thread for big files.
    """
    p = Path(path)
    st = p.stat()
    key = (str(p.resolve()), st.st_size, st.st_mtime_ns)
    with _hash_lock:
        hit = _hash_cache.get(key)
    if hit is not None:
        return hit
    h = hashlib.sha256()
    with open(p, "rb") as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            h.update(chunk)
    digest = h.hexdigest()
    with _hash_lock:
        _hash_cache[key] = digest
    return digest


def _canon(v: Any) -> Any:
    """A JSON-able, order-stable form of a setting (floats rounded to the millisecond)."""
    if isinstance(v, bool) or v is None or isinstance(v, (int, str)):
        return v
    if isinstance(v, float):
        return round(v, 3) + 0.0  # -0.0 -> 0.0
    if isinstance(v, os.PathLike):
        return os.fspath(v)
    if isinstance(v, Mapping):
        return {str(k): _canon(x) for k, x in sorted(v.items(), key=lambda kv: str(kv[0]))}
    if isinstance(v, (list, tuple)):
        return [_canon(x) for x in v]
    if isinstance(v, (set, frozenset)):
        return sorted((_canon(x) for x in v), key=lambda x: json.dumps(x, sort_keys=True))
    return repr(v)


def fingerprint(tool: str, *, digests: Sequence[str] = (), **settings: Any) -> str:
    """A stable key for "this tool, these inputs, these settings".

    ``digests`` are content hashes of the input files (in the order the tool uses them: for face
    swap the video then the face); ``settings`` are everything else that changes the work.
    """
    body = json.dumps({"tool": tool, "inputs": list(digests), "settings": _canon(settings)},
                      sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def connection_scope(mode: str, base_url: str, who: str | None = None) -> str:
    """Whose money a submit spends: the mode ("live" or "sandbox"), the server (in any spelling of
    its URL, :func:`core.identity.server_key`) and who is signed in there (the key's profile).

    The same work sent for free in the sandbox is not a repeat of a live send, nor is one account's
    job a repeat of another's. Built from facts known before the first request (never from what
    the server reports later), so the scope of a submit does not change once the account is read."""
    from .identity import server_key

    return f"{mode or 'live'}|{server_key(base_url)}|{(who or '').strip()}"


def scoped(scope: str, key: str) -> str:
    """``key`` (a :func:`fingerprint`) within a :func:`connection_scope`."""
    if not scope:
        return key
    return hashlib.sha256(f"{scope}\n{key}".encode()).hexdigest()


def format_ago(seconds: float) -> str:
    """A short age: "5 s", "3 min", "2 h" (unit symbols: no plural needed)."""
    s = max(0, int(seconds))
    if s < 90:
        return _("{n} s", "seconds, a short age").format(n=s)
    if s < 90 * 60:
        return _("{n} min", "minutes, a short age").format(n=round(s / 60))
    return _("{n} h", "hours, a short age").format(n=round(s / 3600))


@dataclass(frozen=True)
class Submission:
    """One fingerprint sent: when (monotonic clock), what it cost, and how many times so far."""

    key: str
    at: float
    credits: float | None = None
    times: int = 1
    what: str = ""


@dataclass(frozen=True)
class RepeatCheck:
    """The fingerprints of a submit that were sent before, and when the latest of them was."""

    keys: tuple[str, ...]
    repeated: tuple[Submission, ...]
    now: float

    @property
    def any(self) -> bool:
        return bool(self.repeated)

    @property
    def all(self) -> bool:
        return bool(self.keys) and len(self.repeated) == len(self.keys)

    @property
    def latest(self) -> Submission | None:
        return max(self.repeated, key=lambda s: s.at) if self.repeated else None

    @property
    def seconds_ago(self) -> float:
        last = self.latest
        return 0.0 if last is None else max(0.0, self.now - last.at)


class SubmissionRegistry:
    """What was sent since the app started, by fingerprint; and what is being sent right now.

    Thread-safe (a lock around two dicts); one registry per app, shared by every tool.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._sent: dict[str, Submission] = {}
        self._in_flight: dict[str, int] = {}

    # -- sent --------------------------------------------------------------------------------
    def record(self, keys: Iterable[str], credits: float | None = None, what: str = "") -> None:
        """``keys`` were sent (``credits`` is the cost of each, when known)."""
        now = self._clock()
        with self._lock:
            for k in keys:
                old = self._sent.get(k)
                self._sent[k] = Submission(k, now, credits, (old.times + 1) if old else 1, what)

    def last(self, key: str) -> Submission | None:
        with self._lock:
            return self._sent.get(key)

    def check(self, keys: Sequence[str]) -> RepeatCheck:
        """Which of ``keys`` were sent before (or are being sent now)."""
        now = self._clock()
        with self._lock:
            found = []
            for k in keys:
                s = self._sent.get(k)
                if s is None and self._in_flight.get(k):
                    s = Submission(k, now, None, 0, "being sent")
                if s is not None:
                    found.append(s)
        return RepeatCheck(tuple(keys), tuple(found), now)

    def forget(self, keys: Iterable[str]) -> None:
        with self._lock:
            for k in keys:
                self._sent.pop(k, None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._sent)

    # -- in flight ------------------------------------------------------------------------------
    def begin(self, keys: Iterable[str]) -> None:
        """``keys`` are being sent (until :meth:`end`)."""
        with self._lock:
            for k in keys:
                self._in_flight[k] = self._in_flight.get(k, 0) + 1

    def end(self, keys: Iterable[str]) -> None:
        with self._lock:
            for k in keys:
                n = self._in_flight.get(k, 0) - 1
                if n > 0:
                    self._in_flight[k] = n
                else:
                    self._in_flight.pop(k, None)

    def in_flight(self, key: str) -> bool:
        with self._lock:
            return bool(self._in_flight.get(key))
