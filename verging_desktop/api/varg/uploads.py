"""MINIMAL STUB (branch ``costs`` only): the api helper owns this file; only ``content_hash`` here."""

from __future__ import annotations

import hashlib
import os


def content_hash(path: str | os.PathLike[str]) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return "sha256:" + h.hexdigest()
