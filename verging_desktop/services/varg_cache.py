"""The app's own memory of varg's result cache (no Qt; the tabs and the CLI share it).

varg caches every generation for 30 days, keyed on capability, model, prompt, duration/aspect
ratio and the content hashes of the input files (``specs/varg-gateway.md``); a repeat is free.
The app cannot ask varg whether a request is cached, so it keeps its own key of each request it
sent (:func:`request_key`) in :class:`SeenRequests`, and an estimate says "probably from cache:
free" when the same key was sent within 30 days (``services/varg_cost.py``). It is only ever a
"probably": varg's key is its own (the ``X-Cache`` answer is the truth).

:func:`request_key` is deliberately stricter than varg's key: every field that may change the
result is in it (voice, language, provider options too), so the app may miss a hit but never
promises a free repeat of a request that is not one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import math
import os
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..api.varg.models import CacheMode, VargRequest
from ..api.varg.uploads import content_hash
from .files import atomic_write_text

log = logging.getLogger("verging_desktop.services.varg_cache")

#: how long varg keeps a cached result (``X-Cache-TTL: 2592000``)
TTL_SECONDS = 30 * 24 * 3600
#: the most requests remembered (the oldest are dropped first)
MAX_ENTRIES = 5000
FILE_NAME = "varg_seen.json"  # app_core/varg_link.py names the same file


def _is_url(value: str) -> bool:
    return value.strip().lower().startswith(("http://", "https://"))


def _number(v: float | None) -> str:
    """A duration as one spelling: 5, 5.0 and 5.00 are the same request."""
    if v is None:
        return ""
    f = float(v)
    if not math.isfinite(f):
        return repr(f)
    return f"{f:.3f}".rstrip("0").rstrip(".")


def request_key(req: VargRequest, hashes: Mapping[str, str]) -> str:
    """The app's own key of ``req`` (``sha256:<hex>``): capability, model id (``fal:kling-v2.5`` and
    ``kling-v2.5`` are one model), prompt, text, voice, duration, aspect ratio, language, provider
    options and the sorted content hashes of the input files (``hashes``: local path -> hash, as
    :func:`hashes_of` gives; an input URL counts by its URL).

    :raises KeyError: a local input file has no hash in ``hashes``.
    """
    m = req.model_info
    model = m.id if m is not None else (req.model or "").strip().lower()
    inputs: list[str] = []
    for f in (*req.files, req.audio):
        if not f:
            continue
        if _is_url(f):
            inputs.append("url:" + f.strip())
        elif f in hashes:
            inputs.append(hashes[f])
        else:
            raise KeyError(f"no content hash for {f}")
    payload: dict[str, Any] = {
        "capability": req.capability.value,
        "kind": req.kind,
        "model": model,
        "prompt": req.prompt,
        "text": req.text,
        "voice": req.voice,
        "duration": _number(req.duration),
        "aspect_ratio": (req.aspect_ratio or "").replace(" ", ""),
        "language": req.language,
        "files": sorted(inputs),
        "provider_options": req.provider_options,
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


#: (resolved path, size, mtime_ns) -> hash: a file is hashed once while it is unchanged
_HASHES: dict[tuple[str, int, int], str] = {}
_HASHES_LOCK = threading.Lock()


def hashes_of(req: VargRequest) -> dict[str, str]:
    """``{path: "sha256:<hex>"}`` of the request's local input files (images and audio) that can be
    read; a file that cannot be read is left out (``services/varg_inputs.check_request`` says
    why). Hashes are remembered while a file's size and modification time stay the same."""
    out: dict[str, str] = {}
    for f in req.local_files():
        try:
            st = os.stat(f)
            memo = (str(Path(f).resolve()), st.st_size, st.st_mtime_ns)
            with _HASHES_LOCK:
                known = _HASHES.get(memo)
            if known is None:
                known = content_hash(f)
                with _HASHES_LOCK:
                    if len(_HASHES) > 1000:
                        _HASHES.clear()
                    _HASHES[memo] = known
        except OSError:
            continue
        out[f] = known
    return out


def known_hashes(req: VargRequest) -> tuple[dict[str, str], list[str]]:
    """The hashes :func:`hashes_of` already has for ``req``'s local files, without reading any file,
    and the files still to hash (a GUI estimates with the first at once and hashes the rest in a
    thread). A file that cannot be stat'ed is in neither (the input check says why)."""
    out: dict[str, str] = {}
    missing: list[str] = []
    for f in req.local_files():
        try:
            st = os.stat(f)
        except OSError:
            continue
        memo = (str(Path(f).resolve()), st.st_size, st.st_mtime_ns)
        with _HASHES_LOCK:
            known = _HASHES.get(memo)
        if known is None:
            missing.append(f)
        else:
            out[f] = known
    return out, missing


class SeenRequests:
    """The requests the app sent to varg in the last 30 days (their :func:`request_key`), in a small
    JSON file (``path``; None: in memory only). The file holds keys, job ids and times, nothing else:
    no prompt, no path, no secret. Writes are atomic; a file that cannot be read counts as empty.

    Record a request with :meth:`add` once its job completed (a failed job is not cached) and only
    when it was sent with the cache in use (:meth:`remember` checks the cache mode).
    """

    def __init__(self, path: Path | None, *, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path) if path is not None else None
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[str, float]] = self._read()

    @classmethod
    def in_dir(cls, folder: str | os.PathLike[str]) -> SeenRequests:
        """The file ``varg_seen.json`` in ``folder`` (the app's data folder)."""
        return cls(Path(folder) / FILE_NAME)

    # -- the file --------------------------------------------------------------------------------
    def _read(self) -> dict[str, tuple[str, float]]:
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            log.warning("the varg request memory %s cannot be read (%s); starting afresh", self.path,
                        type(e).__name__)
            return {}
        rows = data.get("requests") if isinstance(data, dict) else None
        out: dict[str, tuple[str, float]] = {}
        for key, row in (rows.items() if isinstance(rows, dict) else ()):
            if not isinstance(row, dict):
                continue
            at = row.get("at")
            if isinstance(at, (int, float)) and not isinstance(at, bool) and math.isfinite(at):
                out[str(key)] = (str(row.get("job_id") or ""), float(at))
        return self._fresh(out)

    def _fresh(self, entries: dict[str, tuple[str, float]]) -> dict[str, tuple[str, float]]:
        now = self._clock()
        kept = {k: v for k, v in entries.items() if now - v[1] < TTL_SECONDS}
        if len(kept) > MAX_ENTRIES:
            kept = dict(sorted(kept.items(), key=lambda kv: kv[1][1])[-MAX_ENTRIES:])
        return kept

    def _write(self) -> None:
        if self.path is None:
            return
        rows = {k: {"job_id": job, "at": at} for k, (job, at) in self._entries.items()}
        try:
            atomic_write_text(self.path, json.dumps({"version": 1, "requests": rows}, indent=0, sort_keys=True))
        except OSError as e:  # the memory is a nicety: a full disk must not fail a job
            log.warning("the varg request memory %s cannot be written (%s)", self.path, type(e).__name__)

    # -- reading and writing ---------------------------------------------------------------------
    def seen(self, key: str) -> bool:
        """True when ``key`` was recorded less than 30 days ago."""
        with self._lock:
            e = self._entries.get(key)
            return e is not None and self._clock() - e[1] < TTL_SECONDS

    def job_of(self, key: str) -> str | None:
        """The job id recorded with ``key`` (within 30 days), or None."""
        with self._lock:
            e = self._entries.get(key)
            return e[0] if e is not None and self._clock() - e[1] < TTL_SECONDS else None

    def add(self, key: str, job_id: str) -> None:
        """Record ``key`` as sent now by job ``job_id``; expired entries are dropped. Another process
        (the CLI, a second window) may have written the file meanwhile: its entries are kept."""
        with self._lock:
            merged = self._read()
            for k, v in self._entries.items():
                if k not in merged or merged[k][1] < v[1]:
                    merged[k] = v
            merged[key] = (job_id, self._clock())
            self._entries = self._fresh(merged)
            self._write()

    def remember(self, req: VargRequest, hashes: Mapping[str, str], job_id: str) -> str | None:
        """:meth:`add` the key of ``req`` unless it was sent with ``no-store`` (varg keeps nothing
        then); returns the key recorded, or None."""
        if req.cache is CacheMode.NO_STORE:
            return None
        with contextlib.suppress(KeyError):
            key = request_key(req, hashes)
            self.add(key, job_id)
            return key
        return None

    def __len__(self) -> int:
        with self._lock:
            now = self._clock()
            return sum(1 for _, at in self._entries.values() if now - at < TTL_SECONDS)
