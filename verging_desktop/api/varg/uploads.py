"""What the app knows about the files it has uploaded to varg: content hash -> hosted URL.

varg's ``POST /files`` deduplicates by content (``X-Content-Hash: sha256:<hex>``), but only after
the bytes have been sent again. The app remembers the URL of every hash it uploaded, per scope
(the account: a URL of one account is not given to another), so the same bytes are never sent
twice. The memory is a small JSON file in the data folder (or memory only); it holds hashes,
URLs and when each was stored, never a key. An entry older than :data:`TTL_SECONDS` (30 days, as
varg's cache) is not used: the bytes are uploaded again, in case varg no longer serves the URL
(the queue also forgets the files of a create refused for them).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..base import CHUNK

log = logging.getLogger("verging_desktop.api.varg.uploads")

_VERSION = 2
#: how long a remembered URL is used (30 days, like varg's cache); older ones are uploaded again
TTL_SECONDS = 30 * 86400.0


def content_hash(path: str | os.PathLike[str]) -> str:
    """``sha256:<hex>`` of a file's bytes, read in 1 MB pieces (never whole)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            chunk = f.read(CHUNK)
            if not chunk:
                break
            h.update(chunk)
    return "sha256:" + h.hexdigest()


class UploadMemory:
    """scope -> content hash -> (URL, when stored), kept in ``path`` (JSON, written atomically) or
    in memory when ``path`` is None. A missing or unreadable file is an empty memory; an entry of
    the first version's file (a bare URL) counts as stored when the file was last written."""

    def __init__(self, path: Path | None = None, *, ttl: float = TTL_SECONDS,
                 clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path) if path is not None else None
        self.ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._data: dict[str, dict[str, tuple[str, float]]] = {}
        if self.path is not None:
            self._data = self._load(self.path, clock())

    @staticmethod
    def _load(path: Path, now: float) -> dict[str, dict[str, tuple[str, float]]]:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as e:
            log.warning("ignoring the upload memory %s (%s)", path, type(e).__name__)
            return {}
        scopes = raw.get("scopes") if isinstance(raw, dict) else None
        try:  # a bare URL (the first version) is as old as the file's last write, at most
            written = min(now, path.stat().st_mtime)
        except OSError:
            written = now
        out: dict[str, dict[str, tuple[str, float]]] = {}
        if isinstance(scopes, dict):
            for scope, entries in scopes.items():
                if not isinstance(entries, dict):
                    continue
                kept: dict[str, tuple[str, float]] = {}
                for h, v in entries.items():
                    url, at = (v.get("url"), v.get("at")) if isinstance(v, dict) else (v, written)
                    if isinstance(url, str) and url.startswith(("http://", "https://")) and \
                            isinstance(at, (int, float)) and not isinstance(at, bool):
                        kept[str(h)] = (url, float(at))
                out[str(scope)] = kept
        return out

    def _save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        now = self._clock()
        scopes = {scope: {h: {"url": u, "at": at} for h, (u, at) in entries.items() if now - at < self.ttl}
                  for scope, entries in self._data.items()}
        text = json.dumps({"version": _VERSION, "scopes": scopes}, indent=1, sort_keys=True)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(tmp, self.path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
            log.warning("could not save the upload memory %s", self.path)

    def get(self, scope: str, hash: str) -> str | None:
        """The URL stored for ``hash`` less than :attr:`ttl` seconds ago, else None."""
        with self._lock:
            e = self._data.get(scope, {}).get(hash)
            return e[0] if e is not None and self._clock() - e[1] < self.ttl else None

    def put(self, scope: str, hash: str, url: str) -> None:
        with self._lock:
            e = self._data.get(scope, {}).get(hash)
            now = self._clock()
            if e is not None and e[0] == url and now - e[1] < self.ttl / 2:
                return
            self._data.setdefault(scope, {})[hash] = (url, now)
            self._save()

    def forget(self, scope: str, hash: str) -> None:
        """Drop one entry (varg no longer has the file: the next upload sends the bytes)."""
        with self._lock:
            if self._data.get(scope, {}).pop(hash, None) is not None:
                self._save()

    def __len__(self) -> int:
        with self._lock:
            now = self._clock()
            return sum(1 for v in self._data.values() for _, at in v.values() if now - at < self.ttl)
