"""The Qt-free submission registry: fingerprints by content and settings, repeats, in-flight work."""

from __future__ import annotations

import os
import shutil

from verging_desktop.core.submissions import (
    SubmissionRegistry,
    content_hash,
    fingerprint,
    format_ago,
)


def test_content_hash_is_by_content_and_follows_changes(tmp_path):
    a = tmp_path / "a.mp4"
    a.write_bytes(b"frame" * 1000)
    b = shutil.copy(a, tmp_path / "another name.mp4")
    c = tmp_path / "c.mp4"
    c.write_bytes(b"other" * 1000)
    assert content_hash(a) == content_hash(b) != content_hash(c)
    first = content_hash(a)
    a.write_bytes(b"edited" * 1000)  # changed on disk: hashed again, not the cached value
    os.utime(a, ns=(1, 1))
    assert content_hash(a) != first


def test_fingerprint_is_stable_and_changes_with_every_setting():
    base = fingerprint("faceswap", digests=["v", "f"], start=1.0, end=6.0, hd=False)
    assert base == fingerprint("faceswap", digests=["v", "f"], hd=False, end=6.0, start=1.0)  # keyword order
    assert base == fingerprint("faceswap", digests=["v", "f"], start=1.0000001, end=6.0, hd=False)  # < 1 ms
    others = {
        fingerprint("video_enhance", digests=["v", "f"], start=1.0, end=6.0, hd=False),
        fingerprint("faceswap", digests=["v", "g"], start=1.0, end=6.0, hd=False),
        fingerprint("faceswap", digests=["f", "v"], start=1.0, end=6.0, hd=False),
        fingerprint("faceswap", digests=["v", "f"], start=1.5, end=6.0, hd=False),
        fingerprint("faceswap", digests=["v", "f"], start=1.0, end=6.0, hd=True),
        fingerprint("faceswap", digests=["v", "f"], start=1.0, end=6.0),
    }
    assert base not in others and len(others) == 6
    assert fingerprint("chat", messages=[{"role": "user", "content": "hi"}]) == fingerprint(
        "chat", messages=[{"content": "hi", "role": "user"}])


def test_registry_remembers_what_was_sent_and_when():
    now = [10.0]
    reg = SubmissionRegistry(clock=lambda: now[0])
    assert not reg.check(["a"]).any and len(reg) == 0
    reg.record(["a", "b"], credits=15, what="Swap face")
    now[0] = 15.0
    c = reg.check(["a"])
    assert c.any and c.all and c.seconds_ago == 5.0 and c.latest.credits == 15 and c.latest.times == 1
    c = reg.check(["a", "x"])
    assert c.any and not c.all and [s.key for s in c.repeated] == ["a"]
    now[0] = 20.0
    reg.record(["a"])
    assert reg.last("a").times == 2 and reg.check(["a", "b"]).seconds_ago == 0.0  # the latest of them
    reg.forget(["a"])
    assert reg.last("a") is None and reg.last("b") is not None
    assert not SubmissionRegistry().check([]).all


def test_work_being_sent_counts_as_a_repeat_until_it_ends():
    reg = SubmissionRegistry()
    reg.begin(["k"])
    reg.begin(["k"])
    assert reg.in_flight("k") and reg.check(["k"]).latest.times == 0
    reg.end(["k"])
    assert reg.in_flight("k")
    reg.end(["k"])
    assert not reg.in_flight("k") and not reg.check(["k"]).any  # ended without being sent


def test_format_ago():
    assert [format_ago(s) for s in (0, 5.4, 89, 90, 150, 3600, 5400, 7200)] == [
        "0 s", "5 s", "89 s", "2 min", "2 min", "60 min", "2 h", "2 h"]


def test_connection_scope_tells_sandbox_live_servers_and_profiles_apart():
    from verging_desktop.core.submissions import connection_scope, scoped

    live = connection_scope("live", "https://verging.ai/api/v1", "work")
    assert connection_scope("live", "HTTPS://Verging.ai:443/api/v1/", "work") == live  # the URL's form does not matter
    others = {connection_scope("sandbox", "http://127.0.0.1:5555/api/v1"),
              connection_scope("live", "https://verging.ai/api/v1", "home"),
              connection_scope("live", "https://other.example/api/v1", "work")}
    assert live not in others and len(others) == 3
    k = fingerprint("enhance", digests=["abc"], hd=False)
    assert scoped(live, k) == scoped(live, k) != k
    assert len({scoped(s, k) for s in others | {live}}) == 4
    assert scoped("", k) == k
