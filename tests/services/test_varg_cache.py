"""services/varg_cache.py: the app's key of a request, the 30-day memory of requests sent (a small
JSON file, atomic, expired entries dropped, nothing but keys, job ids and times in it)."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from pathlib import Path

from verging_desktop.api.varg.models import CacheMode, VargRequest
from verging_desktop.api.varg.uploads import content_hash
from verging_desktop.services import varg_cache as vc
from verging_desktop.services.varg_cache import TTL_SECONDS, SeenRequests, hashes_of, request_key

DAY = 24 * 3600


def video(**kw) -> VargRequest:
    return VargRequest(**{"kind": "varg-video", "model": "kling-v2.5", "prompt": "a red fox", **kw})


class Clock:
    def __init__(self, t: float = 1_700_000_000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


# -- request_key ------------------------------------------------------------------------------------
def test_the_key_follows_what_varg_keys_on(tmp_path: Path) -> None:
    a = tmp_path / "a.png"
    a.write_bytes(b"\x89PNG\r\n\x1a\n" + b"a" * 50)
    b = tmp_path / "b.png"
    b.write_bytes(a.read_bytes())
    c = tmp_path / "c.png"
    c.write_bytes(b"\x89PNG\r\n\x1a\n" + b"c" * 50)
    base = video(files=(str(a),), duration=5, aspect_ratio="16:9")
    k = request_key(base, hashes_of(base))
    assert k.startswith("sha256:") and len(k) == len("sha256:") + 64
    same = [
        replace(base, model="fal:kling-v2.5"),               # provider:model is the same model
        replace(base, model="KLING-V2.5"),
        replace(base, duration=5.0),
        replace(base, files=(str(b),)),                      # same bytes, another name
        replace(base, cache=CacheMode.REFRESH),               # the cache mode is not part of the request
        replace(base, aspect_ratio="16 : 9"),
    ]
    for r in same:
        assert request_key(r, hashes_of(r)) == k, r
    different = [
        replace(base, prompt="a red fox "),
        replace(base, prompt="a blue fox"),
        replace(base, duration=10),
        replace(base, duration=None),
        replace(base, aspect_ratio="9:16"),
        replace(base, model="kling-v2.6"),
        replace(base, files=(str(c),)),
        replace(base, files=()),
        replace(base, files=("https://example.com/a.png",)),
        replace(base, provider_options={"seed": 3}),
        replace(base, kind="varg-image", model="flux-schnell", duration=None),
    ]
    keys = {request_key(r, hashes_of(r)) for r in different}
    assert k not in keys and len(keys) == len(different)


def test_file_order_does_not_matter_and_speech_keys_on_text_and_voice(tmp_path: Path) -> None:
    p1, p2 = tmp_path / "1.png", tmp_path / "2.png"
    p1.write_bytes(b"one")
    p2.write_bytes(b"two")
    r1 = VargRequest("varg-image", "nano-banana-pro", prompt="mix", files=(str(p1), str(p2)))
    r2 = replace(r1, files=(str(p2), str(p1)))
    assert request_key(r1, hashes_of(r1)) == request_key(r2, hashes_of(r2))
    s = VargRequest("varg-speech", "eleven_v3", text="Hello.", voice="rachel")
    assert request_key(s, {}) != request_key(replace(s, voice="adam"), {})
    assert request_key(s, {}) != request_key(replace(s, text="Hello!"), {})
    t = VargRequest("varg-transcription", "whisper", audio="https://example.com/a.mp3")
    assert request_key(t, {}) != request_key(replace(t, language="de"), {})


def test_a_local_file_without_a_hash_has_no_key(tmp_path: Path) -> None:
    req = video(files=(str(tmp_path / "gone.png"),))
    assert hashes_of(req) == {}
    try:
        request_key(req, {})
    except KeyError:
        pass
    else:
        raise AssertionError("a key was made without the file's hash")


def test_hashes_of_hashes_local_files_by_content_and_again_after_a_change(tmp_path: Path) -> None:
    img = tmp_path / "x.png"
    img.write_bytes(b"first")
    audio = tmp_path / "talk.wav"
    audio.write_bytes(b"RIFF....WAVE")
    req = VargRequest("varg-image", "flux-pro", prompt="x", files=(str(img), "https://example.com/y.png"))
    h = hashes_of(req)
    assert h == {str(img): content_hash(img)}
    img.write_bytes(b"second, longer")
    assert hashes_of(req)[str(img)] == content_hash(img) != h[str(img)]
    tr = VargRequest("varg-transcription", "whisper", audio=str(audio))
    assert hashes_of(tr) == {str(audio): content_hash(audio)}


# -- SeenRequests ------------------------------------------------------------------------------------
def test_memory_only_when_no_path() -> None:
    clock = Clock()
    s = SeenRequests(None, clock=clock)
    assert not s.seen("sha256:abc") and len(s) == 0
    s.add("sha256:abc", "job_1")
    assert s.seen("sha256:abc") and s.job_of("sha256:abc") == "job_1" and len(s) == 1
    clock.t += TTL_SECONDS - 1
    assert s.seen("sha256:abc")
    clock.t += 2
    assert not s.seen("sha256:abc") and s.job_of("sha256:abc") is None and len(s) == 0


def test_the_file_survives_a_restart_and_drops_expired_entries(tmp_path: Path) -> None:
    path = tmp_path / "data" / "varg_seen.json"
    clock = Clock()
    s = SeenRequests(path, clock=clock)
    s.add("sha256:old", "job_old")
    clock.t += 20 * DAY
    s.add("sha256:new", "job_new")
    again = SeenRequests(path, clock=clock)
    assert again.seen("sha256:old") and again.seen("sha256:new")
    clock.t += 11 * DAY  # the first is 31 days old now
    later = SeenRequests(path, clock=clock)
    assert not later.seen("sha256:old") and later.seen("sha256:new")
    later.add("sha256:third", "job_3")
    data = json.loads(path.read_text("utf-8"))
    assert set(data["requests"]) == {"sha256:new", "sha256:third"}   # the expired one is gone from the file
    assert data["requests"]["sha256:new"]["job_id"] == "job_new"
    assert not list(path.parent.glob(".*.tmp"))   # written through a temporary file, renamed


def test_in_dir_names_the_file(tmp_path: Path) -> None:
    s = SeenRequests.in_dir(tmp_path)
    s.add("sha256:k", "j")
    assert (tmp_path / vc.FILE_NAME).is_file()


def test_two_writers_keep_each_others_entries(tmp_path: Path) -> None:
    path = tmp_path / "seen.json"
    app, cli = SeenRequests(path), SeenRequests(path)
    app.add("sha256:app", "job_a")
    cli.add("sha256:cli", "job_c")   # cli never read app's entry, but keeps it
    app.add("sha256:app2", "job_b")
    fresh = SeenRequests(path)
    assert all(fresh.seen(k) for k in ("sha256:app", "sha256:cli", "sha256:app2"))


def test_a_broken_file_counts_as_empty_and_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "seen.json"
    for bad in ("{not json", "[1, 2]", '{"requests": {"sha256:x": {"at": "yesterday"}, "sha256:y": 3}}',
                "\x00\x01"):
        path.write_text(bad)
        s = SeenRequests(path)
        assert len(s) == 0 and not s.seen("sha256:x")
        s.add("sha256:z", "job_z")
        assert SeenRequests(path).seen("sha256:z")
    path.write_bytes(b"\xff\xfe not utf-8")
    assert len(SeenRequests(path)) == 0


def test_the_newest_entries_are_kept_when_there_are_too_many(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(vc, "MAX_ENTRIES", 3)
    clock = Clock()
    s = SeenRequests(tmp_path / "seen.json", clock=clock)
    for i in range(5):
        clock.t += 1
        s.add(f"sha256:{i}", f"job_{i}")
    assert [s.seen(f"sha256:{i}") for i in range(5)] == [False, False, True, True, True]


def test_remember_skips_no_store_and_unhashed_requests(tmp_path: Path) -> None:
    s = SeenRequests(None)
    req = video()
    assert s.remember(replace(req, cache=CacheMode.NO_STORE), {}, "job_1") is None and len(s) == 0
    assert s.remember(video(files=(str(tmp_path / "gone.png"),)), {}, "job_2") is None and len(s) == 0
    key = s.remember(replace(req, cache=CacheMode.REFRESH), {}, "job_3")
    assert key == request_key(req, {}) and s.seen(key)


def test_adds_from_threads_are_all_kept(tmp_path: Path) -> None:
    s = SeenRequests(tmp_path / "seen.json")
    threads = [threading.Thread(target=s.add, args=(f"sha256:{i}", f"job_{i}")) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert all(SeenRequests(tmp_path / "seen.json").seen(f"sha256:{i}") for i in range(8))
