"""The sandbox's varg gateway wire format (/varg/v1): auth, generation routes, jobs, files, account.

Plain httpx over 127.0.0.1 against a running sandbox; results are real files checked with PyAV.
"""

from __future__ import annotations

import hashlib
import io
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import av
import httpx
import pytest

from verging_desktop.sandbox import Sandbox

KEY_B = "varg_" + "b" * 20


@pytest.fixture
def vc(sandbox: Sandbox) -> Iterator[httpx.Client]:
    sandbox.varg_job_seconds = 0.4
    with httpx.Client(base_url=sandbox.varg_url, headers={"Authorization": f"Bearer {sandbox.varg_demo_key}"},
                      timeout=20, trust_env=False) as c:
        yield c


def wait_final(c: httpx.Client, job_id: str, timeout: float = 30.0, key: str | None = None) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    headers = {"Authorization": f"Bearer {key}"} if key else None
    while True:
        r = c.get(f"/jobs/{job_id}", headers=headers)
        assert r.status_code == 200, r.text
        d: dict[str, Any] = r.json()
        if d["status"] in ("completed", "failed", "cancelled"):
            return d
        assert time.monotonic() < deadline, f"job {job_id} still {d['status']}"
        time.sleep(0.05)


def fetch(url: str) -> bytes:
    r = httpx.get(url, timeout=20, trust_env=False)  # no key: result files are public
    assert r.status_code == 200, r.text
    return r.content


def first_frame(data: bytes) -> Any:
    with av.open(io.BytesIO(data)) as c:
        return next(c.decode(video=0))


# -- auth and account ----------------------------------------------------------------------------------
def test_missing_or_unknown_key_is_auth_error_in_both_shapes(sandbox: Sandbox, vc: httpx.Client) -> None:
    with httpx.Client(base_url=sandbox.varg_url, timeout=10, trust_env=False) as anon:
        r = anon.get("/balance")
        assert r.status_code == 401
        assert r.json()["error"] == "AuthError" and r.json()["statusCode"] == 401
        r = anon.post("/video", json={"model": "kling-v2.5", "prompt": "x"},
                      headers={"Authorization": "Bearer varg_" + "x" * 20})
        assert r.status_code == 401 and r.json()["message"] == "Invalid API key"
        sandbox.varg_error_shape = "object"
        r = anon.get("/me", headers={"Authorization": "Bearer varg_" + "x" * 20})
        assert r.status_code == 401
        assert r.json() == {"error": {"message": "Invalid API key", "_tag": "AuthError"}}
    # no job was made, nothing charged
    assert sandbox.varg_balance(sandbox.varg_demo_key) == 5000


def test_me_balance_and_added_keys(sandbox: Sandbox, vc: httpx.Client) -> None:
    me = vc.get("/me").json()
    assert me["userId"].startswith("user_") and "@" in me["email"]
    assert vc.get("/balance").json() == {"balance_cents": 5000, "currency": "usd"}
    sandbox.add_varg_key(KEY_B, cents=123, plan="pro")
    hb = {"Authorization": f"Bearer {KEY_B}"}
    assert vc.get("/balance", headers=hb).json()["balance_cents"] == 123
    assert vc.get("/me", headers=hb).json()["userId"] != me["userId"]
    sandbox.set_varg_balance(KEY_B, 7.5)
    assert vc.get("/balance", headers=hb).json()["balance_cents"] == 7.5
    assert sandbox.varg_balance(KEY_B) == 7.5
    assert sandbox.varg_stats()["requests"]["GET /balance"] == 3


# -- video and image ---------------------------------------------------------------------------------
def test_video_job_goes_queued_processing_completed_and_is_the_asked_duration(sandbox: Sandbox,
                                                                            vc: httpx.Client) -> None:
    sandbox.varg_job_seconds = 1.2
    r = vc.post("/video", json={"model": "kling-v2.5", "prompt": "red sunset over the ocean", "duration": 10,
                                "aspect_ratio": "16:9"})
    assert r.status_code == 202, r.text
    assert r.headers["X-Cache"] == "MISS" and r.headers["X-Cache-TTL"] == "2592000"
    job = r.json()
    assert job["status"] == "queued" and job["model"] == "fal:kling-v2.5" and job["job_id"].startswith("job_")
    assert job["cache"] == {"hit": False, "key": r.headers["X-Cache-Key"]}
    assert r.headers["X-Cache-Key"].startswith("sha256:")
    # 7 cents a second, 10 s: charged at creation
    assert vc.get("/balance").json()["balance_cents"] == 5000 - 70
    seen = {job["status"]}
    deadline = time.monotonic() + 30
    while True:
        d = vc.get(f"/jobs/{job['job_id']}").json()
        seen.add(d["status"])
        if d["status"] == "completed":
            break
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert {"queued", "processing", "completed"} <= seen
    assert d["output"]["media_type"] == "video/mp4" and d["completed_at"] >= d["created_at"]
    data = fetch(d["output"]["url"])
    with av.open(io.BytesIO(data)) as c:
        s = c.streams.video[0]
        assert s.codec_context.name == "h264"
        assert (s.codec_context.width, s.codec_context.height) == (320, 180)
        assert abs(float(c.duration) / 1e6 - 10.0) < 0.3
    assert sandbox.varg_stats()["requests"]["POST /video"] == 1


def test_video_picture_follows_the_prompt_and_the_image(sandbox: Sandbox, vc: httpx.Client, media: dict[str, Path]
                                                        ) -> None:
    red = vc.post("/video", json={"model": "ltx", "prompt": "red red", "duration": 5, "aspect_ratio": "9:16"}).json()
    blue = vc.post("/video", json={"model": "ltx", "prompt": "blue blue", "duration": 5,
                                   "aspect_ratio": "9:16"}).json()
    up = vc.post("/files", content=media["photo"].read_bytes(), headers={"Content-Type": "image/jpeg"}).json()
    sandbox.add_varg_key(KEY_B, plan="pro")
    from_img = vc.post("/video", json={"model": "kling-v2.5", "prompt": "the photo moves", "files": [{"url": up["url"]}]},
                       headers={"Authorization": f"Bearer {KEY_B}"})
    assert from_img.status_code == 202, from_img.text
    fr = first_frame(fetch(wait_final(vc, red["job_id"])["output"]["url"])).to_ndarray(format="rgb24")
    fb = first_frame(fetch(wait_final(vc, blue["job_id"])["output"]["url"])).to_ndarray(format="rgb24")
    assert fr.shape == (320, 180, 3)
    # the lower part of the frame (below the SANDBOX band): reddish vs bluish
    r_mean, b_mean = fr[200:, :, :].reshape(-1, 3).mean(0), fb[200:, :, :].reshape(-1, 3).mean(0)
    assert r_mean[0] > r_mean[2] and b_mean[2] > b_mean[0]
    d = wait_final(vc, from_img.json()["job_id"], key=KEY_B)
    assert d["status"] == "completed", d
    with av.open(io.BytesIO(fetch(d["output"]["url"]))) as c:
        assert abs(float(c.duration) / 1e6 - 5.0) < 0.3
        f = next(c.decode(video=0)).to_ndarray(format="rgb24")
    # testsrc2's photo: many colours; the prompt-only clip is a two-colour gradient
    assert len({tuple(p) for p in f[40:, ::4].reshape(-1, 3)[::7]}) > len({tuple(p) for p in fr[200:, ::4].reshape(-1, 3)[::7]})


def test_image_is_a_png_in_the_ratio_and_differs_by_prompt(sandbox: Sandbox, vc: httpx.Client) -> None:
    a = vc.post("/image", json={"model": "flux-schnell", "prompt": "a lighthouse", "aspect_ratio": "16:9"})
    b = vc.post("/image", json={"model": "flux-pro", "prompt": "a cat on a sofa"})
    assert a.status_code == b.status_code == 202
    assert vc.get("/balance").json()["balance_cents"] == 5000 - 1 - 5
    da, db = wait_final(vc, a.json()["job_id"]), wait_final(vc, b.json()["job_id"])
    assert da["output"]["media_type"] == "image/png"
    pa, pb = fetch(da["output"]["url"]), fetch(db["output"]["url"])
    assert pa.startswith(b"\x89PNG") and pa != pb
    fa, fb = first_frame(pa), first_frame(pb)
    assert (fa.width, fa.height) == (512, 288)
    assert fb.width == fb.height == 512


# -- validation ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("route", "body", "field"), [
    ("/video", {"model": "kling-v9", "prompt": "x"}, "model"),
    ("/video", {"model": "flux-schnell", "prompt": "x"}, "model"),
    ("/video", {"model": "kling-v2.5"}, "prompt"),
    ("/video", {"model": "kling-v2.5", "prompt": "   "}, "prompt"),
    ("/video", {"model": "kling-v2.5", "prompt": "x", "duration": 7}, "duration"),
    ("/video", {"model": "minimax", "prompt": "x", "duration": 5}, "duration"),
    ("/video", {"model": "kling-v2.5", "prompt": "x", "duration": "5"}, "duration"),
    ("/video", {"model": "kling-v2.5", "prompt": "x", "aspect_ratio": "wide"}, "aspect_ratio"),
    ("/video", {"model": "kling-v2.5", "prompt": "x", "aspect_ratio": "4:3"}, "aspect_ratio"),
    ("/video", {"model": "kling-v2.5", "prompt": "x", "files": "http://x/a.png"}, "files"),
    ("/video", {"model": "omnihuman", "prompt": "x"}, "files"),
    ("/image", {"model": "flux-schnell", "prompt": "x", "aspect_ratio": "16x9"}, "aspect_ratio"),
    ("/image", {"model": "flux-schnell"}, "prompt"),
    ("/image", {"model": "background-remover", "prompt": "x"}, "files"),
    ("/image", {"model": "recraft-v3", "prompt": "x", "files": [{"url": "http://127.0.0.1/a.png"}]}, "files"),
    ("/image", {"prompt": "x"}, "model"),
    ("/speech", {"model": "eleven_v3"}, "text"),
    ("/speech", {"model": "eleven_v3", "text": "hi", "voice": "no such voice!"}, "voice"),
    ("/speech", {"model": "whisper", "text": "hi"}, "model"),
    ("/music", {"model": "music_v1", "prompt": "x", "duration": 5}, "duration"),
    ("/music", {"model": "music_v1"}, "prompt"),
    ("/transcription", {"model": "whisper"}, "audio_url"),
    ("/transcription", {"model": "whisper", "audio_url": "not a url"}, "audio_url"),
])
def test_bad_requests_are_validation_errors_naming_the_field(sandbox: Sandbox, vc: httpx.Client, route: str,
                                                             body: dict[str, Any], field: str) -> None:
    r = vc.post(route, json=body)
    assert r.status_code == 400, r.text
    d = r.json()
    assert d["error"] == "ValidationError" and d["field"] == field and d["statusCode"] == 400 and d["message"]
    assert vc.get("/balance").json()["balance_cents"] == 5000
    assert sandbox.varg_stats()["created"] == {}


def test_unknown_model_message_lists_the_known_ones_and_object_shape(sandbox: Sandbox, vc: httpx.Client) -> None:
    r = vc.post("/image", json={"model": "dall-e", "prompt": "x"})
    assert "flux-schnell" in r.json()["message"] and "nano-banana-pro" in r.json()["message"]
    sandbox.varg_error_shape = "object"
    r = vc.post("/video", json={"model": "kling-v2.5"})
    assert r.status_code == 400
    assert r.json() == {"error": {"message": "prompt is required", "_tag": "ValidationError"}}
    r = vc.post("/video", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["_tag"] == "ValidationError"


def test_provider_form_of_model_is_accepted(sandbox: Sandbox, vc: httpx.Client) -> None:
    r = vc.post("/video", json={"model": "fal:kling-v2.5", "prompt": "x"})
    assert r.status_code == 202 and r.json()["model"] == "fal:kling-v2.5"
    assert vc.post("/video", json={"model": "replicate:kling-v2.5", "prompt": "x"}).status_code == 400


# -- jobs ------------------------------------------------------------------------------------------
def test_jobs_of_another_key_are_not_found_and_id_field_switch(sandbox: Sandbox, vc: httpx.Client) -> None:
    job = vc.post("/image", json={"model": "flux-schnell", "prompt": "mine"}).json()
    sandbox.add_varg_key(KEY_B)
    hb = {"Authorization": f"Bearer {KEY_B}"}
    for method in ("GET", "DELETE"):
        r = vc.request(method, f"/jobs/{job['job_id']}", headers=hb)
        assert r.status_code == 404 and r.json()["error"] == "NotFoundError"
    assert vc.get(f"/jobs/{job['job_id']}/stream", headers=hb).status_code == 404
    assert vc.get("/jobs/job_nothing").status_code == 404
    sandbox.varg_id_field = "id"
    d = vc.get(f"/jobs/{job['job_id']}").json()
    assert d["id"] == job["job_id"] and "job_id" not in d
    d2 = vc.post("/image", json={"model": "flux-schnell", "prompt": "v2 ids"}).json()
    assert d2["id"].startswith("job_")


# -- files -----------------------------------------------------------------------------------------
def test_upload_dedupe_hash_and_range(sandbox: Sandbox, vc: httpx.Client, media: dict[str, Path]) -> None:
    data = media["photo"].read_bytes()
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    r = vc.post("/files", content=data, headers={"Content-Type": "image/jpeg", "X-Content-Hash": digest})
    assert r.status_code == 200, r.text
    f = r.json()
    assert f["hash"] == digest and f["size"] == len(data) and f["media_type"] == "image/jpeg"
    assert f["deduplicated"] is False and f["file_id"].startswith("file_") and f["url"].endswith(".jpg")
    again = vc.post("/files", content=data, headers={"Content-Type": "image/jpeg"}).json()
    assert again["deduplicated"] is True and again["url"] == f["url"] and again["file_id"] == f["file_id"]
    assert fetch(f["url"]) == data
    part = httpx.get(f["url"], headers={"Range": "bytes=10-19"}, trust_env=False)
    assert part.status_code == 206 and part.content == data[10:20]
    assert part.headers["content-type"] == "image/jpeg"
    bad = vc.post("/files", content=data, headers={"Content-Type": "image/jpeg", "X-Content-Hash": "sha256:" + "0" * 64})
    assert bad.status_code == 400 and bad.json()["field"] == "X-Content-Hash"
    wav = vc.post("/files", content=media["wav"].read_bytes(), headers={"Content-Type": "audio/wav"}).json()
    assert wav["media_type"] == "audio/wav" and wav["deduplicated"] is False
    st = sandbox.varg_stats()
    assert st["requests"]["POST /files"] == 4
    assert st["upload_bytes"] == 3 * len(data) + media["wav"].stat().st_size
    # another key's upload of the same bytes is its own file
    sandbox.add_varg_key(KEY_B)
    other = vc.post("/files", content=data, headers={"Content-Type": "image/jpeg", "Authorization": f"Bearer {KEY_B}"})
    assert other.json()["deduplicated"] is False
    assert httpx.get(f["url"].rsplit("/", 1)[0] + "/nothing.jpg", trust_env=False).status_code == 404


def test_upload_over_the_limit_is_413_in_both_shapes(sandbox: Sandbox, vc: httpx.Client) -> None:
    sandbox.varg_max_upload_bytes = 1000
    r = vc.post("/files", content=b"x" * 1001, headers={"Content-Type": "application/octet-stream"})
    assert r.status_code == 413 and r.json()["statusCode"] == 413 and "too large" in r.json()["message"].lower()
    sandbox.varg_error_shape = "object"

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit is counted while reading
        for _ in range(5):
            yield b"y" * 300

    r = vc.post("/files", content=chunks(), headers={"Content-Type": "application/octet-stream"})
    assert r.status_code == 413 and r.json()["error"]["_tag"] and "too large" in r.json()["error"]["message"].lower()
    ok = vc.post("/files", content=b"z" * 1000, headers={"Content-Type": "text/plain"})
    assert ok.status_code == 200 and ok.json()["size"] == 1000


def test_upload_streams_a_large_body_to_disk(sandbox: Sandbox, vc: httpx.Client, tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    with open(big, "wb") as f:
        for i in range(20):
            f.write(bytes([i]) * (1 << 20))

    def body() -> Iterator[bytes]:
        with open(big, "rb") as f:
            while chunk := f.read(1 << 16):
                yield chunk

    r = vc.post("/files", content=body(), headers={"Content-Type": "application/octet-stream",
                                                   "Content-Length": str(big.stat().st_size)})
    assert r.status_code == 200, r.text
    h = hashlib.sha256(big.read_bytes()).hexdigest()
    assert r.json()["hash"] == "sha256:" + h and r.json()["size"] == 20 << 20
