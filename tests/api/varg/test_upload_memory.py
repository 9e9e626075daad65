"""The upload memory's entries expire (30 days, as varg's cache): a very old URL is not used again,
the bytes are uploaded again; a file of the first version (bare URLs) is still read."""

from __future__ import annotations

import json
import os
import time

from verging_desktop.api.varg.uploads import TTL_SECONDS, UploadMemory


def test_upload_memory_entries_expire_and_old_files_are_read(tmp_path) -> None:
    now = [1_000_000.0]
    path = tmp_path / "uploads.json"
    m = UploadMemory(path, clock=lambda: now[0])
    m.put("acct", "sha256:aa", "https://files.varg.ai/a.png")
    now[0] += TTL_SECONDS - 60
    assert UploadMemory(path, clock=lambda: now[0]).get("acct", "sha256:aa") == "https://files.varg.ai/a.png"
    now[0] += 120
    assert m.get("acct", "sha256:aa") is None and len(m) == 0
    assert UploadMemory(path, clock=lambda: now[0]).get("acct", "sha256:aa") is None
    m.put("acct", "sha256:aa", "https://files.varg.ai/a.png")  # uploaded again: fresh
    assert m.get("acct", "sha256:aa") == "https://files.varg.ai/a.png"
    m.forget("acct", "sha256:aa")
    assert UploadMemory(path, clock=lambda: now[0]).get("acct", "sha256:aa") is None

    old = tmp_path / "v1.json"
    old.write_text(json.dumps({"version": 1, "scopes": {"acct": {"sha256:bb": "https://files.varg.ai/b.png"}}}))
    assert UploadMemory(old).get("acct", "sha256:bb") == "https://files.varg.ai/b.png"


def test_bare_urls_of_an_old_first_version_file_are_as_old_as_the_file(tmp_path) -> None:
    old = tmp_path / "v1.json"
    old.write_text(json.dumps({"version": 1, "scopes": {"acct": {"sha256:cc": "https://files.varg.ai/c.png"}}}))
    month_ago = time.time() - TTL_SECONDS - 3600
    os.utime(old, (month_ago, month_ago))
    m = UploadMemory(old)
    assert m.get("acct", "sha256:cc") is None and len(m) == 0
