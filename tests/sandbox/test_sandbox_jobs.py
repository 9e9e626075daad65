"""Sandbox over real loopback HTTP: auth, keys, uploads, jobs, persistence."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import av
import httpx
import numpy as np
import pytest

from verging_desktop.core.pricing import Pricing
from verging_desktop.sandbox import DEMO_KEY, Sandbox


def upload(client: httpx.Client, path: Path, job_type: str = "face-swap") -> str:
    r = client.post("/upload-video", data={"video_file_name": path.name, "job_type": job_type})
    assert r.status_code == 200, r.text
    res = r.json()["result"]
    put = httpx.put(res["url"], content=path.read_bytes(), headers={"Content-Type": "video/mp4"}, trust_env=False)
    assert put.status_code == 200, put.text
    return str(res["public_url"])


def wait_job(client: httpx.Client, list_path: str, job_id: Any, timeout: float = 20) -> tuple[dict[str, Any], set[str]]:
    seen: set[str] = set()
    deadline = time.monotonic() + timeout
    while True:
        r = client.get(list_path, params={"job_ids": str(job_id)})
        assert r.status_code == 200, r.text
        items = r.json()
        assert isinstance(items, list) and len(items) == 1
        seen.add(items[0]["status"])
        if items[0]["status"] in ("COMPLETED", "FAILED"):
            return items[0], seen
        assert time.monotonic() < deadline, f"job {job_id} stuck in {items[0]}"
        time.sleep(0.1)


def create_faceswap(client: httpx.Client, media: dict[str, Path], url: str, file_name: str = "clip.mp4",
                    duration: str = "2", hd: str = "false") -> httpx.Response:
    with open(media["face"], "rb") as f:
        return client.post(
            "/faceswap/create-job",
            data={"file_name": file_name, "target_video_url": url, "user_video_duration": duration,
                  "job_type": "face-swap", "is_hd": hd},
            files={"swap_image": ("face.png", f, "image/png")},
        )


def probe(data: bytes, path: Path) -> av.container.InputContainer:
    path.write_bytes(data)
    return av.open(str(path))


# -- auth and keys -------------------------------------------------------------------------------
def test_auth_me_envelope_and_401(sandbox: Sandbox, client: httpx.Client) -> None:
    r = client.get("/auth/me")
    body = r.json()
    assert r.status_code == 200
    assert body["code"] == 100000 and body["message"]["en"] == "Request Success"
    assert body["result"]["credits"] == 1000 and "@" in body["result"]["email"]
    bearer = httpx.get(sandbox.base_url + "/auth/me", headers={"Authorization": f"Bearer {DEMO_KEY}"}, trust_env=False)
    assert bearer.status_code == 200
    for headers in ({}, {"Authorization": "ApiKey vrg_sk_nope"}, {"Authorization": DEMO_KEY}):
        r = httpx.get(sandbox.base_url + "/auth/me", headers=headers, trust_env=False)
        assert r.status_code == 401
        assert r.json() == {"error_code": None, "message": "Invalid or missing API key", "upstream_error": None}


def test_api_keys_list_validate_revoke(sandbox: Sandbox, client: httpx.Client) -> None:
    second = "vrg_sk_second_key_for_tests"
    sandbox.add_key(second, email="demo@sandbox.verging.local")
    keys = client.get("/api-keys").json()["result"]
    assert len(keys) == 2
    assert all(k["prefix"].endswith("…") and len(k["prefix"]) == 13 for k in keys)
    assert all(DEMO_KEY not in str(k) and second not in str(k) for k in keys)
    v = httpx.post(sandbox.base_url + "/api-keys/validate", headers={"Authorization": f"ApiKey {second}"}, trust_env=False)
    assert v.status_code == 200 and v.json()["valid"] is True
    second_id = v.json()["id"]
    assert client.delete(f"/api-keys/{second_id}").status_code == 200
    v = httpx.post(sandbox.base_url + "/api-keys/validate", headers={"Authorization": f"ApiKey {second}"}, trust_env=False)
    assert v.status_code == 401
    assert client.delete("/api-keys/99999").status_code == 404
    keys = {k["id"]: k for k in client.get("/api-keys").json()["result"]}
    assert keys[second_id]["is_active"] is False and keys[second_id]["last_used_at"] is not None


# -- upload ------------------------------------------------------------------------------------
def test_upload_rejects_auth_and_bad_signature(sandbox: Sandbox, client: httpx.Client, media: dict[str, Path]) -> None:
    res = client.post("/upload-video", data={"video_file_name": "my clip.mp4", "job_type": "face-swap"}).json()["result"]
    data = media["video"].read_bytes()
    r = httpx.put(res["url"], content=data, headers={"Authorization": f"ApiKey {DEMO_KEY}"}, trust_env=False)
    assert r.status_code == 400 and "Only one auth mechanism allowed" in r.text
    bad_url = res["url"].replace("X-Amz-Signature=", "X-Amz-Signature=00")
    assert httpx.put(bad_url, content=data, trust_env=False).status_code == 403
    # not uploaded yet: create-job refuses the URL with a clear message
    r = create_faceswap(client, media, res["public_url"])
    assert r.status_code == 400 and "not been uploaded" in r.json()["message"]
    r = httpx.put(res["url"], content=data, headers={"Content-Type": "video/mp4"}, trust_env=False)
    assert r.status_code == 200 and r.headers["etag"].startswith('"')
    got = httpx.get(res["public_url"], trust_env=False)
    assert got.status_code == 200 and got.content == data
    r = create_faceswap(client, media, "https://cdn.example.com/elsewhere.mp4")
    assert r.status_code == 400 and r.json()["error_code"] == 40000
    assert sandbox.stats()["uploads"] == 1


def test_upload_streams_large_body(sandbox: Sandbox, client: httpx.Client) -> None:
    res = client.post("/upload-video", data={"video_file_name": "big.bin"}).json()["result"]
    chunk = b"\x5a" * (1 << 20)

    def body() -> Any:
        for _ in range(64):
            yield chunk

    t = time.monotonic()
    r = httpx.put(res["url"], content=body(), trust_env=False, timeout=30)
    assert r.status_code == 200
    assert time.monotonic() - t < 10
    head = httpx.get(res["public_url"], headers={"Range": "bytes=0-9"}, trust_env=False)
    assert head.status_code == 206 and head.content == b"\x5a" * 10
    assert head.headers["content-range"].endswith(f"/{64 << 20}")


# -- jobs ----------------------------------------------------------------------------------------
def test_faceswap_lifecycle(sandbox: Sandbox, client: httpx.Client, media: dict[str, Path], tmp_path: Path) -> None:
    url = upload(client, media["video"])
    r = create_faceswap(client, media, url, duration="2", hd="true")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["code"] == 10000
    job_id = body["result"]["job_id"]
    assert isinstance(job_id, int)
    price = Pricing.default().faceswap(2, True).credits
    assert sandbox.credits(DEMO_KEY) == 1000 - price
    job, seen = wait_job(client, "/faceswap/jobs", job_id)
    assert job["status"] == "COMPLETED" and job["progress"] == 100 and job["credits"] == price
    assert seen & {"PENDING", "PROCESSING"}
    for k in ("id", "status", "progress", "result_url", "created_at", "updated_at", "file_name"):
        assert k in job
    data = httpx.get(job["result_url"], trust_env=False).content
    with probe(data, tmp_path / "fs.mp4") as c:
        assert c.streams.video[0].codec_context.width == 320
        assert len(c.streams.audio) == 1
    part = httpx.get(job["result_url"], headers={"Range": "bytes=10-19"}, trust_env=False)
    assert part.status_code == 206 and part.content == data[10:20]
    listed = client.get("/jobs/list-jobs", params={"job_ids": str(job_id)}).json()
    assert listed[0]["job_type"] == "face-swap"
    assert client.get("/faceswap/jobs", params={"status": "Completed"}).json()[0]["id"] == job_id
    assert client.get("/faceswap/jobs", params={"status": "failed"}).json() == []
    assert sandbox.stats()["create_jobs"]["faceswap"] == 1


def test_faceswap_validation(client: httpx.Client, media: dict[str, Path]) -> None:
    url = upload(client, media["video"])
    assert create_faceswap(client, media, url, duration="31").status_code == 400
    assert create_faceswap(client, media, url, duration="0").status_code == 400
    assert create_faceswap(client, media, url, duration="30.2").status_code == 200
    with open(media["text"], "rb") as f:
        r = client.post("/faceswap/create-job", data={"file_name": "a.mp4", "target_video_url": url,
                                                      "user_video_duration": "2"},
                        files={"swap_image": ("face.png", f, "image/png")})
    assert r.status_code == 400 and "readable image" in r.json()["message"]


@pytest.mark.parametrize("spelling", ["video-enhance", "video_enhance"])
def test_video_enhance_lifecycle(sandbox: Sandbox, client: httpx.Client, media: dict[str, Path], tmp_path: Path,
                                 spelling: str) -> None:
    url = upload(client, media["video"], "video-enhance")
    r = client.post(f"/{spelling}/create-job", data={"file_name": "clip.mp4", "target_video_url": url,
                                                    "user_video_duration": "2", "job_type": "video-enhance"})
    assert r.status_code == 200, r.text
    job_id = r.json()["result"]["job_id"]
    assert isinstance(job_id, str)
    job, _ = wait_job(client, "/video-enhance/jobs", job_id)
    assert job["status"] == "COMPLETED"
    with probe(httpx.get(job["result_url"], trust_env=False).content, tmp_path / "e.mp4") as c:
        assert (c.streams.video[0].codec_context.width, c.streams.video[0].codec_context.height) == (640, 480)
        assert len(c.streams.audio) == 1
    assert sandbox.credits(DEMO_KEY) == 1000 - Pricing.default().video_enhance(2).credits


def test_enhance_route_can_be_disabled(sandbox: Sandbox, client: httpx.Client, media: dict[str, Path]) -> None:
    url = upload(client, media["video"], "video-enhance")
    sandbox.faults.enhance_paths = ("/video_enhance/create-job",)
    form = {"file_name": "clip.mp4", "target_video_url": url, "user_video_duration": "2"}
    assert client.post("/video-enhance/create-job", data=form).status_code == 404
    assert client.post("/video_enhance/create-job", data=form).status_code == 200


def test_background_removal(client: httpx.Client, media: dict[str, Path], tmp_path: Path) -> None:
    with open(media["photo"], "rb") as f:
        r = client.post("/background-removal/create-job", data={"file_name": "photo.jpg", "job_type": "background-removal"},
                        files={"image": ("photo.jpg", f, "image/jpeg")})
    assert r.status_code == 200, r.text
    job_id = r.json()["result"]["job_id"]
    assert isinstance(job_id, int)
    job, _ = wait_job(client, "/background-removal/jobs", job_id)
    assert job["status"] == "COMPLETED" and job["credits"] == 1
    assert httpx.get(job["image_url"], trust_env=False).content == media["photo"].read_bytes()
    with probe(httpx.get(job["result_url"], trust_env=False).content, tmp_path / "cut.png") as c:
        frame = next(c.decode(video=0))
        rgba = frame.to_ndarray(format="rgba")
    assert rgba.shape == (150, 200, 4)
    alpha = rgba[:, :, 3]
    assert alpha[0, 0] == 0 and alpha[75, 100] == 255 and np.unique(alpha).size >= 2
    with open(media["text"], "rb") as f:
        bad = client.post("/background-removal/create-job", data={"file_name": "x.png"}, files={"image": ("x.png", f)})
    assert bad.status_code == 400


def test_failed_job_refund_and_retry(sandbox: Sandbox, client: httpx.Client, media: dict[str, Path]) -> None:
    url = upload(client, media["video"])
    sandbox.fail_next(1)
    job_id = create_faceswap(client, media, url).json()["result"]["job_id"]
    assert sandbox.credits(DEMO_KEY) == 998
    job, _ = wait_job(client, "/faceswap/jobs", job_id)
    assert job["status"] == "FAILED" and job["result_url"] is None
    assert sandbox.credits(DEMO_KEY) == 1000  # refunded
    r = client.post(f"/faceswap/retry-job/{job_id}")
    assert r.status_code == 200 and r.json()["result"]["job_id"] == job_id
    assert sandbox.credits(DEMO_KEY) == 998
    job, _ = wait_job(client, "/faceswap/jobs", job_id)
    assert job["status"] == "COMPLETED"
    r = client.post(f"/faceswap/retry-job/{job_id}")
    assert r.status_code == 400 and r.json()["error_code"] == 40000
    assert client.post("/faceswap/retry-job/424242").status_code == 404
    # the file-name marker fails too
    job2 = create_faceswap(client, media, url, file_name="x-sandbox-fail.mp4").json()["result"]["job_id"]
    assert wait_job(client, "/faceswap/jobs", job2)[0]["status"] == "FAILED"
    stats = sandbox.stats()
    assert stats["charged"] == 6 and stats["refunded"] == 4


def test_insufficient_credits(sandbox: Sandbox, client: httpx.Client, media: dict[str, Path]) -> None:
    url = upload(client, media["video"])
    sandbox.set_credits(DEMO_KEY, 1)
    r = create_faceswap(client, media, url, duration="2")
    assert r.status_code == 402
    assert r.json() == {"error_code": 40001, "message": "Insufficient credits. Required: 2, available: 1",
                        "upstream_error": None}
    assert client.get("/faceswap/jobs").json() == []
    assert sandbox.stats()["create_jobs"]["faceswap"] == 0


def test_state_persists_across_restart(tmp_path: Path, media: dict[str, Path]) -> None:
    data_dir = tmp_path / "state"
    other = "vrg_sk_revoked_key_test"
    with Sandbox(data_dir=data_dir, job_seconds=1.5) as sb:
        sb.add_key(other, email="demo@sandbox.verging.local")
        c = httpx.Client(base_url=sb.base_url, headers={"Authorization": f"ApiKey {DEMO_KEY}"}, trust_env=False)
        url = upload(c, media["video"])
        job_id = create_faceswap(c, media, url).json()["result"]["job_id"]
        key_id = httpx.post(sb.base_url + "/api-keys/validate", headers={"Authorization": f"ApiKey {other}"},
                            trust_env=False).json()["id"]
        c.delete(f"/api-keys/{key_id}")
        c.close()
    with Sandbox(data_dir=data_dir, job_seconds=1.5) as sb2:
        c = httpx.Client(base_url=sb2.base_url, headers={"Authorization": f"ApiKey {DEMO_KEY}"}, trust_env=False)
        assert c.get("/auth/me").json()["result"]["credits"] == 998
        job, _ = wait_job(c, "/faceswap/jobs", job_id)
        assert job["status"] == "COMPLETED"
        assert httpx.get(job["result_url"], trust_env=False).status_code == 200
        # the old public_url (other port) is still accepted because the path identifies the upload
        assert create_faceswap(c, media, url).status_code == 200
        r = httpx.get(sb2.base_url + "/auth/me", headers={"Authorization": f"ApiKey {other}"}, trust_env=False)
        assert r.status_code == 401
        c.close()
