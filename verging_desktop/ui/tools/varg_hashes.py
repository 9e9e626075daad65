"""The content hashes a varg estimate needs, without freezing the window on a large file.

An estimate says "probably from cache: free" when the same request (its input files' contents
too) was sent within 30 days (``services/varg_cache.py``). Hashing a 2 GB clip takes seconds, so
:class:`InputHashes` hashes small inputs at once (a few milliseconds) and large ones in a thread:
until then the estimate is the full price (never a promise of a free repeat it cannot make yet),
and :attr:`InputHashes.ready` tells the tab to estimate again once the hashes are known.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ...services.varg_cache import hashes_of, known_hashes

if TYPE_CHECKING:  # pragma: no cover
    from ...api.varg.models import VargRequest

log = logging.getLogger("verging_desktop.ui.tools.varg_hashes")

#: inputs up to this many bytes in all are hashed on the spot (sha256 reads ~0.5-1 GB/s: < 50 ms)
SYNC_HASH_BYTES = 32 * 1024 * 1024

__all__ = ["SYNC_HASH_BYTES", "InputHashes"]


class InputHashes(QObject):
    """The hashes of a request's local files as far as they are known now.

    Signals:
        ready(): files hashed in the background are known now: estimate again.
    """

    ready = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: set[str] = set()
        self._lock = threading.Lock()
        #: the background threads started (tests join them; they end on their own)
        self.threads: list[threading.Thread] = []

    def of(self, req: VargRequest) -> dict[str, str]:
        """``{path: hash}`` for the files already hashed (all of them when the missing ones are
        small); the rest are hashed in a thread and :attr:`ready` follows."""
        known, missing = known_hashes(req)
        if not missing:
            return known
        size = 0
        for f in missing:
            with contextlib.suppress(OSError):
                size += os.stat(f).st_size
        if size <= SYNC_HASH_BYTES:
            return hashes_of(req)
        with self._lock:
            todo = [f for f in missing if f not in self._pending]
            self._pending.update(todo)
        if todo:
            t = threading.Thread(target=self._hash, args=(req, todo), name="varg-input-hashes", daemon=True)
            self.threads = [x for x in self.threads if x.is_alive()] + [t]
            t.start()
        return known

    @property
    def busy(self) -> bool:
        with self._lock:
            return bool(self._pending)

    def _hash(self, req: VargRequest, files: list[str]) -> None:
        try:
            hashes_of(req)  # remembered in services/varg_cache while each file stays unchanged
        except Exception as e:  # an unreadable file: the input check says why on submit
            log.info("no content hash for a varg input: %s", e)
        finally:
            with self._lock:
                self._pending.difference_update(files)
        with contextlib.suppress(RuntimeError):  # the tab was closed meanwhile
            self.ready.emit()  # queued to the window's thread
