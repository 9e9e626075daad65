"""What the app knows about the files it has uploaded to varg: content hash -> hosted URL.

varg's ``POST /files`` deduplicates by content (``X-Content-Hash: sha256:<hex>``), but only after
the bytes have been sent again. The app remembers the URL of every hash it uploaded, per scope
(the account: a URL of one account is not given to another), so the same bytes are never sent
twice. The memory is a small JSON file in the data folder (or memory only); it holds hashes and
URLs, never a key.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
from pathlib import Path

from ..base import CHUNK

log = logging.getLogger("verging_desktop.api.varg.uploads")

_VERSION = 1


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
    """scope -> content hash -> URL, kept in ``path`` (JSON, written atomically) or in memory
    when ``path`` is None. A missing or unreadable file is an empty memory."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self._lock = threading.Lock()
        self._data: dict[str, dict[str, str]] = {}
        if self.path is not None:
            self._data = self._load(self.path)

    @staticmethod
    def _load(path: Path) -> dict[str, dict[str, str]]:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as e:
            log.warning("ignoring the upload memory %s (%s)", path, type(e).__name__)
            return {}
        scopes = raw.get("scopes") if isinstance(raw, dict) else None
        out: dict[str, dict[str, str]] = {}
        if isinstance(scopes, dict):
            for scope, entries in scopes.items():
                if isinstance(entries, dict):
                    out[str(scope)] = {str(h): str(u) for h, u in entries.items()
                                       if isinstance(u, str) and u.startswith(("http://", "https://"))}
        return out

    def _save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"version": _VERSION, "scopes": self._data}, indent=1, sort_keys=True)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(tmp, self.path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
            log.warning("could not save the upload memory %s", self.path)

    def get(self, scope: str, hash: str) -> str | None:
        with self._lock:
            return self._data.get(scope, {}).get(hash)

    def put(self, scope: str, hash: str, url: str) -> None:
        with self._lock:
            if self._data.get(scope, {}).get(hash) == url:
                return
            self._data.setdefault(scope, {})[hash] = url
            self._save()

    def forget(self, scope: str, hash: str) -> None:
        """Drop one entry (varg no longer has the file: the next upload sends the bytes)."""
        with self._lock:
            if self._data.get(scope, {}).pop(hash, None) is not None:
                self._save()

    def __len__(self) -> int:
        with self._lock:
            return sum(len(v) for v in self._data.values())
