"""The sandbox's varg gateway: cache, BYOK, balance, concurrency, cancel, the SSE stream, usage,
injected failures and a restart on the same data directory. Plain httpx over 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from verging_desktop.sandbox import Sandbox

from .test_sandbox_varg import KEY_B, fetch, wait_final

VIDEO = {"model": "kling-v2.5", "prompt": "a paper boat on a pond", "duration": 5}


@pytest.fixture
def vc(sandbox: Sandbox) -> Iterator[httpx.Client]:
    sandbox.varg_job_seconds = 0.4
    with httpx.Client(base_url=sandbox.varg_url, headers={"Authorization": f"Bearer {sandbox.varg_demo_key}"},
                      timeout=20, trust_env=False) as c:
        yield c


def balance(c: httpx.Client, key: str | None = None) -> float:
    h = {"Authorization": f"Bearer {key}"} if key else None
    v: float = c.get("/balance", headers=h).json()["balance_cents"]
    return v


def events(c: httpx.Client, job_id: str, *, limit: float = 30.0) -> list[tuple[str, Any]]:
    """("status", job) and ("keepalive", None) items of a job's stream, until the server closes it."""
    out: list[tuple[str, Any]] = []
    kind = ""
    deadline = time.monotonic() + limit
    with c.stream("GET", f"/jobs/{job_id}/stream") as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        for line in r.iter_lines():
            assert time.monotonic() < deadline, "the stream did not end"
            if line.startswith(": keepalive"):
                out.append(("keepalive", None))
            elif line.startswith("event:"):
                kind = line.split(":", 1)[1].strip()
            elif line.startswith("data:"):
                out.append((kind, json.loads(line.split(":", 1)[1])))
    return out


# -- cache -----------------------------------------------------------------------------------------
def test_same_request_again_is_a_free_hit_completed_at_once(sandbox: Sandbox, vc: httpx.Client) -> None:
    first = vc.post("/video", json=VIDEO)
    done = wait_final(vc, first.json()["job_id"])
    assert done["status"] == "completed" and balance(vc) == 5000 - 35
    hit = vc.post("/video", json={**VIDEO, "aspect_ratio": "16:9"})  # the defaults are part of the key
    assert hit.status_code == 200, hit.text
    assert hit.headers["X-Cache"] == "HIT" and hit.headers["X-Cache-Key"] == first.headers["X-Cache-Key"]
    assert hit.headers["X-Cache-TTL"] == "2592000"
    h = hit.json()
    assert h["status"] == "completed" and h["job_id"] != done["job_id"]
    assert h["cache"] == {"hit": True, "key": first.headers["X-Cache-Key"]}
    assert h["output"] == done["output"]
    assert balance(vc) == 5000 - 35
    assert vc.get(f"/jobs/{h['job_id']}").json()["status"] == "completed"
    usage = vc.get("/usage").json()
    assert [(u["cost_cents"], u["cache_hit"]) for u in usage["usage"]] == [(35, False), (0, True)]
    assert usage["total_cents"] == 35
    # anything in the key changes it: a miss
    for change in ({"prompt": "a paper boat on a lake"}, {"duration": 10}, {"aspect_ratio": "9:16"},
                   {"model": "kling-v2.6"}):
        r = vc.post("/video", json={**VIDEO, **change})
        assert r.status_code == 202 and r.headers["X-Cache"] == "MISS"
        assert r.headers["X-Cache-Key"] != first.headers["X-Cache-Key"]
        wait_final(vc, r.json()["job_id"])
    assert sandbox.varg_stats()["cache_hits"] == 1


def test_no_cache_skips_the_lookup_but_stores_and_no_store_skips_both(sandbox: Sandbox, vc: httpx.Client) -> None:
    body = {"model": "flux-schnell", "prompt": "a red kite"}
    a = vc.post("/image", json=body)
    wait_final(vc, a.json()["job_id"])
    r = vc.post("/image", json=body, headers={"Cache-Control": "no-cache"})
    assert r.status_code == 202 and r.headers["X-Cache"] == "MISS" and r.headers["X-Cache-Key"]
    refreshed = wait_final(vc, r.json()["job_id"])
    assert balance(vc) == 5000 - 2
    hit = vc.post("/image", json=body)
    assert hit.headers["X-Cache"] == "HIT" and hit.json()["output"]["url"] == refreshed["output"]["url"]
    # no-store: not looked up, not stored
    other = {"model": "flux-schnell", "prompt": "a blue kite"}
    n = vc.post("/image", json=other, headers={"Cache-Control": "no-store"})
    assert n.status_code == 202 and n.headers["X-Cache"] == "MISS" and n.headers["X-Cache-TTL"] == "2592000"
    wait_final(vc, n.json()["job_id"])
    again = vc.post("/image", json=other)
    assert again.status_code == 202 and again.headers["X-Cache"] == "MISS"
    wait_final(vc, again.json()["job_id"])
    hit_with_no_store = vc.post("/image", json=other, headers={"Cache-Control": "no-store"})
    assert hit_with_no_store.headers["X-Cache"] == "MISS"
    assert balance(vc) == 5000 - 5


def test_cache_keys_input_files_by_content_not_url(sandbox: Sandbox, vc: httpx.Client, media: dict[str, Path]) -> None:
    photo = media["photo"].read_bytes()
    up_a = vc.post("/files", content=photo, headers={"Content-Type": "image/jpeg"}).json()
    body = {"model": "background-remover", "prompt": "remove the background", "files": [{"url": up_a["url"]}]}
    first = vc.post("/image", json=body)
    assert wait_final(vc, first.json()["job_id"])["status"] == "completed"
    # another account uploads the same bytes: another URL, the same content hash -> a hit
    sandbox.add_varg_key(KEY_B)
    hb = {"Authorization": f"Bearer {KEY_B}"}
    up_b = vc.post("/files", content=photo, headers={"Content-Type": "image/jpeg", **hb}).json()
    assert up_b["url"] != up_a["url"] and up_b["hash"] == up_a["hash"]
    hit = vc.post("/image", json={**body, "files": [{"url": up_b["url"]}]}, headers=hb)
    assert hit.headers["X-Cache"] == "HIT" and hit.headers["X-Cache-Key"] == first.headers["X-Cache-Key"]
    # other bytes: a miss
    face = vc.post("/files", content=media["face"].read_bytes(), headers={"Content-Type": "image/png"}).json()
    miss = vc.post("/image", json={**body, "files": [{"url": face["url"]}]})
    assert miss.headers["X-Cache"] == "MISS"


def test_a_url_the_sandbox_did_not_issue_fails_the_job_free(sandbox: Sandbox, vc: httpx.Client) -> None:
    body = {"model": "kling-v2.5", "prompt": "x", "files": [{"url": "https://example.com/cat.jpg"}]}
    r = vc.post("/video", json=body)
    assert r.status_code == 202
    d = wait_final(vc, r.json()["job_id"])
    assert d["status"] == "failed" and "example.com/cat.jpg" in d["error"] and "output" not in d
    assert balance(vc) == 5000
    other = vc.post("/video", json={**body, "files": [{"url": "https://example.com/dog.jpg"}]})
    assert other.headers["X-Cache-Key"] != r.headers["X-Cache-Key"]
    sandbox.varg_error_shape = "object"
    d = vc.get(f"/jobs/{r.json()['job_id']}").json()
    assert d["error"]["_tag"] and "example.com" in d["error"]["message"]


# -- BYOK and balance --------------------------------------------------------------------------------
def test_byok_header_of_the_models_upstream_makes_it_free(sandbox: Sandbox, vc: httpx.Client) -> None:
    fal = {"X-Provider-Key-Fal": "fal_" + "k" * 20}
    r = vc.post("/video", json=VIDEO, headers=fal)
    assert r.status_code == 202
    assert balance(vc) == 5000
    # another provider's key does not pay for a fal model
    r2 = vc.post("/video", json={**VIDEO, "duration": 10}, headers={"X-Provider-Key-ElevenLabs": "el_" + "k" * 20})
    assert r2.status_code == 202
    assert balance(vc) == 5000 - 70
    wait_final(vc, r.json()["job_id"])
    wait_final(vc, r2.json()["job_id"])
    s = vc.post("/speech", json={"model": "eleven_v3", "text": "hello"},
                headers={"X-Provider-Key-ElevenLabs": "el_" + "k" * 20})
    assert s.status_code == 202 and balance(vc) == 5000 - 70
    usage = {u["job_id"]: u["cost_cents"] for u in vc.get("/usage").json()["usage"]}
    assert usage[r.json()["job_id"]] == 0 and usage[r2.json()["job_id"]] == 70 and usage[s.json()["job_id"]] == 0
    pk = sandbox.varg_stats()["provider_keys"]
    assert pk == {"POST /video fal": 1, "POST /video elevenlabs": 1, "POST /speech elevenlabs": 1}


def test_short_balance_is_402_and_creates_nothing(sandbox: Sandbox, vc: httpx.Client) -> None:
    sandbox.set_varg_balance(sandbox.varg_demo_key, 30)
    r = vc.post("/video", json=VIDEO)
    assert r.status_code == 402
    d = r.json()
    assert d["error"] == "InsufficientBalanceError" and d["statusCode"] == 402 and "varg.ai" in d["message"]
    sandbox.varg_error_shape = "object"
    r = vc.post("/video", json=VIDEO)
    assert r.status_code == 402 and r.json()["error"]["_tag"] == "InsufficientBalanceError"
    assert vc.get("/usage").json()["usage"] == []
    assert balance(vc) == 30
    # a cheaper request fits; BYOK needs no balance
    assert vc.post("/image", json={"model": "flux-schnell", "prompt": "x"}).status_code == 202
    assert vc.post("/video", json=VIDEO, headers={"X-Provider-Key-Fal": "fal_" + "k" * 20}).status_code == 202
    assert balance(vc) == 29


# -- concurrency -----------------------------------------------------------------------------------
def test_free_plan_runs_two_jobs_then_429_with_retry_after(sandbox: Sandbox, vc: httpx.Client) -> None:
    sandbox.varg_job_seconds = 5
    a = vc.post("/image", json={"model": "flux-schnell", "prompt": "one"})
    b = vc.post("/image", json={"model": "flux-schnell", "prompt": "two"})
    assert a.status_code == b.status_code == 202
    c = vc.post("/image", json={"model": "flux-schnell", "prompt": "three"})
    assert c.status_code == 429, c.text
    assert c.json()["error"] == "RateLimitError" and 1 <= int(c.headers["Retry-After"]) <= 5
    assert balance(vc) == 5000 - 2
    assert sandbox.varg_stats()["max_running"] == 2
    # another key has its own limit
    sandbox.add_varg_key(KEY_B)
    assert vc.post("/image", json={"model": "flux-schnell", "prompt": "b"},
                   headers={"Authorization": f"Bearer {KEY_B}"}).status_code == 202
    # a cache hit does not need a slot
    for j in (a, b):
        sandbox.varg_finish_now(j.json()["job_id"])
        wait_final(vc, j.json()["job_id"])
    sandbox.varg_job_seconds = 30
    assert vc.post("/image", json={"model": "flux-schnell", "prompt": "three"}).status_code == 202
    assert vc.post("/image", json={"model": "flux-schnell", "prompt": "four"}).status_code == 202
    assert vc.post("/image", json={"model": "flux-schnell", "prompt": "five"}).status_code == 429
    hit = vc.post("/image", json={"model": "flux-schnell", "prompt": "one"})
    assert hit.status_code == 200 and hit.headers["X-Cache"] == "HIT"


def test_pro_plan_runs_ten_and_a_cancelled_job_frees_its_slot(sandbox: Sandbox, vc: httpx.Client) -> None:
    sandbox.varg_job_seconds = 20
    sandbox.add_varg_key(KEY_B, plan="pro")
    hb = {"Authorization": f"Bearer {KEY_B}"}
    ids = []
    for i in range(10):
        r = vc.post("/image", json={"model": "flux-schnell", "prompt": f"n{i}"}, headers=hb)
        assert r.status_code == 202, (i, r.text)
        ids.append(r.json()["job_id"])
    r = vc.post("/image", json={"model": "flux-schnell", "prompt": "eleven"}, headers=hb)
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    assert vc.delete(f"/jobs/{ids[0]}", headers=hb).status_code == 204
    assert vc.post("/image", json={"model": "flux-schnell", "prompt": "eleven"}, headers=hb).status_code == 202
    assert sandbox.varg_stats()["max_running"] == 10


# -- cancel ----------------------------------------------------------------------------------------
def test_cancel_refunds_a_running_job_and_leaves_a_completed_one(sandbox: Sandbox, vc: httpx.Client) -> None:
    sandbox.varg_job_seconds = 20
    r = vc.post("/video", json=VIDEO)
    job_id = r.json()["job_id"]
    assert balance(vc) == 5000 - 35
    assert vc.delete(f"/jobs/{job_id}").status_code == 204
    d = vc.get(f"/jobs/{job_id}").json()
    assert d["status"] == "cancelled" and "completed_at" in d and "output" not in d
    assert balance(vc) == 5000
    assert vc.delete(f"/jobs/{job_id}").status_code == 204  # again: no effect
    assert balance(vc) == 5000
    assert vc.get("/usage").json()["usage"][0]["cost_cents"] == 0
    sandbox.varg_job_seconds = 0.3
    done = vc.post("/image", json={"model": "flux-pro", "prompt": "keep"}).json()
    assert wait_final(vc, done["job_id"])["status"] == "completed"
    assert vc.delete(f"/jobs/{done['job_id']}").status_code == 204
    assert vc.get(f"/jobs/{done['job_id']}").json()["status"] == "completed"
    assert balance(vc) == 5000 - 5


# -- the stream ------------------------------------------------------------------------------------
def test_stream_sends_every_status_change_then_closes(sandbox: Sandbox, vc: httpx.Client) -> None:
    sandbox.varg_job_seconds = 2.0
    job = vc.post("/video", json=VIDEO).json()
    got = events(vc, job["job_id"])
    statuses = [d["status"] for kind, d in got if kind == "status"]
    # one event per change, in order (queued lasts 0.5 s: a slow client may open the stream later)
    assert statuses in (["queued", "processing", "completed"], ["processing", "completed"])
    last = got[-1][1]
    assert last["job_id"] == job["job_id"] and last["output"]["media_type"] == "video/mp4"
    assert last == vc.get(f"/jobs/{job['job_id']}").json()
    # a finished job: one event and the end
    assert [d["status"] for _, d in events(vc, job["job_id"])] == ["completed"]
    # the server counts a stream closed once its handler has returned, which may be just after the
    # client read the end (a loaded machine): wait for it, bounded
    deadline = time.monotonic() + 10
    while sandbox.varg_stats()["streams_open"] and time.monotonic() < deadline:
        time.sleep(0.02)
    st = sandbox.varg_stats()
    assert st["streams_total"] == 2 and st["streams_open"] == 0
    assert st["requests"]["GET /jobs/{id}/stream"] == 2


def test_stream_keepalives_and_cancel(sandbox: Sandbox, vc: httpx.Client) -> None:
    sandbox.varg_job_seconds = 30
    sandbox.varg_keepalive_seconds = 0.15
    job = vc.post("/image", json={"model": "flux-schnell", "prompt": "slow"}).json()
    seen: list[tuple[str, Any]] = []
    with vc.stream("GET", f"/jobs/{job['job_id']}/stream") as r:
        kind = ""
        deadline = time.monotonic() + 20
        for line in r.iter_lines():
            assert time.monotonic() < deadline
            if line.startswith(": keepalive"):
                seen.append(("keepalive", None))
                if sum(1 for k, _ in seen if k == "keepalive") == 3:
                    with httpx.Client(base_url=sandbox.varg_url, trust_env=False, timeout=10,
                                      headers={"Authorization": f"Bearer {sandbox.varg_demo_key}"}) as other:
                        assert other.delete(f"/jobs/{job['job_id']}").status_code == 204
            elif line.startswith("event:"):
                kind = line.split(":", 1)[1].strip()
            elif line.startswith("data:"):
                seen.append((kind, json.loads(line[5:])))
    statuses = [d["status"] for k, d in seen if k == "status"]
    assert statuses[-1] == "cancelled" and statuses[0] == "queued"
    assert sum(1 for k, _ in seen if k == "keepalive") >= 3
    assert sandbox.varg_stats()["keepalives"] >= 3


def test_stream_is_cut_after_the_max_and_drop_next_resets_after_one_event(sandbox: Sandbox, vc: httpx.Client) -> None:
    sandbox.varg_job_seconds = 30
    sandbox.varg_stream_max_seconds = 0.6
    job = vc.post("/image", json={"model": "flux-schnell", "prompt": "long"}).json()
    got = events(vc, job["job_id"])
    assert [d["status"] for k, d in got if k == "status"] == ["queued"]
    sandbox.varg_stream_max_seconds = 600
    sandbox.varg_drop_stream_next()
    lines: list[str] = []
    with pytest.raises(httpx.TransportError), vc.stream("GET", f"/jobs/{job['job_id']}/stream") as r:
        for line in r.iter_lines():
            lines.append(line)
    assert any(line.startswith("data:") for line in lines)
    assert sum(1 for line in lines if line.startswith("event:")) == 1
    # the next stream is whole again
    sandbox.varg_finish_now(job["job_id"])
    assert [d["status"] for _, d in events(vc, job["job_id"])][-1] == "completed"
    deadline = time.monotonic() + 10
    while sandbox.varg_stats()["streams_open"] and time.monotonic() < deadline:
        time.sleep(0.02)
    assert sandbox.varg_stats()["streams_open"] == 0


# -- usage -----------------------------------------------------------------------------------------
def test_usage_dates_filter_records(sandbox: Sandbox, vc: httpx.Client) -> None:
    j = vc.post("/image", json={"model": "recraft-v3", "prompt": "logo"}).json()
    wait_final(vc, j["job_id"])
    today = datetime.now(UTC).date()
    u = vc.get("/usage", params={"from": today.isoformat(), "to": today.isoformat()}).json()
    assert len(u["usage"]) == 1 and u["total_cents"] == 4
    rec = u["usage"][0]
    assert rec == {"job_id": j["job_id"], "model": "fal:recraft-v3", "capability": "image", "cost_cents": 4,
                   "cache_hit": False, "created_at": rec["created_at"]}
    yesterday = (today - timedelta(days=1)).isoformat()
    assert vc.get("/usage", params={"to": yesterday}).json() == {"usage": [], "total_cents": 0}
    assert len(vc.get("/usage", params={"from": yesterday}).json()["usage"]) == 1
    bad = vc.get("/usage", params={"from": "last week"})
    assert bad.status_code == 400 and bad.json()["field"] == "from"


# -- injected failures -----------------------------------------------------------------------------
def test_fail_next_answers_the_status_for_the_next_requests(sandbox: Sandbox, vc: httpx.Client) -> None:
    sandbox.varg_fail_next(2, 503)
    r1 = vc.get("/balance")
    r2 = vc.post("/video", json=VIDEO)
    assert r1.status_code == r2.status_code == 503 and r1.headers["Retry-After"]
    assert vc.get("/balance").status_code == 200
    assert balance(vc) == 5000
    sandbox.varg_fail_next(1, 502)
    r = vc.get("/me")
    assert r.status_code == 502 and r.json()["error"] == "ProviderError" and r.json()["provider"] == "fal"
    sandbox.varg_error_shape = "object"
    sandbox.varg_fail_next(1, 429)
    r = vc.get("/me")
    assert r.status_code == 429 and r.json()["error"]["_tag"] == "RateLimitError" and r.headers["Retry-After"]
    sandbox.varg_fail_next(1)
    assert vc.get("/me").json()["error"]["_tag"] == "InternalError"
    assert sandbox.varg_stats()["requests"]["GET /me"] == 3


# -- restart -----------------------------------------------------------------------------------------
def test_a_restarted_sandbox_keeps_keys_files_and_finishes_running_jobs(tmp_path: Path, media: dict[str, Path]) -> None:
    data = tmp_path / "sb"
    sb = Sandbox(data_dir=data)
    sb.start()
    try:
        sb.add_varg_key(KEY_B, cents=900, plan="pro")
        sb.varg_job_seconds = 2.0
        with httpx.Client(base_url=sb.varg_url, headers={"Authorization": f"Bearer {KEY_B}"}, trust_env=False,
                          timeout=20) as c:
            up = c.post("/files", content=media["photo"].read_bytes(), headers={"Content-Type": "image/jpeg"}).json()
            # no worker takes it (as when the process dies before the result is made)
            sb.state.executor.shutdown(wait=True)
            job = c.post("/video", json={**VIDEO, "files": [{"url": up["url"]}]}).json()
            assert job["status"] == "queued"
    finally:
        sb.stop()
    sb2 = Sandbox(data_dir=data)
    sb2.start()
    try:
        assert sb2.varg_balance(KEY_B) == 900 - 35
        with httpx.Client(base_url=sb2.varg_url, headers={"Authorization": f"Bearer {KEY_B}"}, trust_env=False,
                          timeout=20) as c:
            d = wait_final(c, job["job_id"])
            assert d["status"] == "completed", d
            assert d["output"]["url"].startswith(sb2.root_url)
            assert len(fetch(d["output"]["url"])) > 1000
            again = c.post("/files", content=media["photo"].read_bytes(), headers={"Content-Type": "image/jpeg"})
            assert again.json()["deduplicated"] is True
            assert len(c.get("/usage").json()["usage"]) == 1
            # the cache survives too (the old URL's path still names the upload)
            hit = c.post("/video", json={**VIDEO, "files": [{"url": up["url"]}]})
            assert hit.headers["X-Cache"] == "HIT"
    finally:
        sb2.stop()


# -- control endpoint (a sandbox in another process) --------------------------------------------------
def test_control_endpoint_sets_keys_switches_and_tells_counters(sandbox: Sandbox, vc: httpx.Client) -> None:
    ctl = sandbox.root_url + "/_sandbox/varg"
    r = httpx.post(ctl, json={"key": KEY_B, "cents": 42, "plan": "pro", "job_seconds": 0.2, "id_field": "id",
                              "fail_next": 1, "status": 502}, trust_env=False)
    assert r.status_code == 200, r.text
    d = r.json()
    assert d["cents"] == 42 and d["job_seconds"] == 0.2 and d["id_field"] == "id" and d["fail_next"] == 1
    assert KEY_B not in r.text  # the key is masked
    hb = {"Authorization": f"Bearer {KEY_B}"}
    assert vc.get("/balance", headers=hb).status_code == 502
    job = vc.post("/image", json={"model": "flux-schnell", "prompt": "x"}, headers=hb).json()
    assert "id" in job and sandbox.varg_job_seconds == 0.2
    g = httpx.get(ctl, params={"key": KEY_B}, trust_env=False).json()
    assert g["cents"] == 41 and g["requests"]["POST /image"] == 1 and g["requests"]["GET /balance"] == 1
    bad = httpx.post(ctl, json={"key": KEY_B, "plan": "gold"}, trust_env=False)
    assert bad.status_code == 400 and bad.json()["error"] == "ValidationError"
    httpx.post(ctl, json={"reset_stats": True}, trust_env=False)
    assert sandbox.varg_stats()["requests"] == {}


def test_uploads_are_named_by_their_media_type(sandbox: Sandbox, vc: httpx.Client, media: dict[str, Path]) -> None:
    cases = {"image/png": (media["face"], ".png"), "audio/wav": (media["wav"], ".wav"),
             "video/mp4": (media["video"], ".mp4"), "application/x-unknown-thing": (media["text"], ".bin")}
    for ctype, (path, ext) in cases.items():
        f = vc.post("/files", content=path.read_bytes(), headers={"Content-Type": ctype}).json()
        assert f["url"].endswith(ext) and f["media_type"] == ctype
        got = httpx.get(f["url"], trust_env=False)
        assert got.headers["content-type"].startswith(ctype) and got.content == path.read_bytes()


def test_stopping_the_sandbox_ends_open_streams_at_once(tmp_path: Path) -> None:
    sb = Sandbox(data_dir=tmp_path / "sb")
    sb.start()
    sb.varg_job_seconds = 60
    lines: list[str] = []
    errors: list[Exception] = []
    ended = threading.Event()

    def follow(job_id: str) -> None:
        try:
            with httpx.Client(base_url=sb.varg_url, headers={"Authorization": f"Bearer {sb.varg_demo_key}"},
                              trust_env=False, timeout=30) as c, c.stream("GET", f"/jobs/{job_id}/stream") as r:
                for line in r.iter_lines():
                    lines.append(line)
        except httpx.TransportError as e:
            errors.append(e)
        finally:
            ended.set()

    with httpx.Client(base_url=sb.varg_url, headers={"Authorization": f"Bearer {sb.varg_demo_key}"},
                      trust_env=False, timeout=10) as c:
        job = c.post("/image", json={"model": "flux-schnell", "prompt": "x"}).json()
    t = threading.Thread(target=follow, args=(job["job_id"],), daemon=True)
    t.start()
    deadline = time.monotonic() + 10
    while not any(line.startswith("data:") for line in lines):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    sb.stop()
    assert ended.wait(10)
    # the sandbox closed the stream itself (a whole chunked body), before uvicorn's graceful-shutdown
    # timeout would have cut the connection
    assert errors == []
    assert [json.loads(line[5:])["status"] for line in lines if line.startswith("data:")] == ["queued"]


def test_sandbox_process_takes_varg_job_seconds(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "verging_desktop.sandbox", "--data-dir", str(tmp_path / "sb"),
                             "--varg-job-seconds", "0.25"], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        base = proc.stdout.readline().strip()
        root = base.rsplit("/api/v1", 1)[0]
        assert httpx.get(root + "/_sandbox/varg", trust_env=False, timeout=10).json()["job_seconds"] == 0.25
        with httpx.Client(base_url=root + "/varg/v1", headers={"Authorization": "Bearer varg_sandbox_demo"},
                          trust_env=False, timeout=20) as c:
            job = c.post("/image", json={"model": "flux-schnell", "prompt": "from another process"}).json()
            assert wait_final(c, job["job_id"])["status"] == "completed"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
