"""The sandbox's Vimmerse wire format, spoken with plain httpx (what a client that is not ours sees)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from email.utils import parsedate_to_datetime

import httpx
import pytest

from verging_desktop.sandbox import DEMO_KEY, VIMMERSE_DEMO_KEY, Sandbox


@pytest.fixture
def vsb(tmp_path) -> Iterator[Sandbox]:
    sb = Sandbox(data_dir=tmp_path / "sb", job_seconds=0.5)
    sb.start()
    try:
        yield sb
    finally:
        sb.stop()


@pytest.fixture
def vim(vsb) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=vsb.vimmerse_url, headers={"X-Api-Key": VIMMERSE_DEMO_KEY}, timeout=30,
                      trust_env=False) as c:
        yield c


def _upload(vim: httpx.Client, kind: str, path) -> str:
    route = {"video": "/v2/video", "image": "/image", "audio": "/audio"}[kind]
    with path.open("rb") as f:
        r = vim.post(route, params={"option": "UploadVideo"} if kind == "video" else None,
                     files={f"{kind}_file": (path.name, f)})
    assert r.status_code == 200, r.text
    body = r.json()
    return (body["data"] if kind != "video" else body)["results"][0]


def _final(vim: httpx.Client, asset_id: str, route: str = "/v2/asset/") -> tuple[dict, list[str]]:
    words: list[str] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        r = vim.get(route + asset_id)
        assert r.status_code == 200, r.text
        a = r.json() if route.startswith("/v2") else r.json()["data"]
        if not words or words[-1] != a["status"]:
            words.append(a["status"])
        if a["status"] in ("success", "fail"):
            return a, words
        time.sleep(0.03)
    raise AssertionError("asset did not finish")


def test_keys_missing_unknown_and_verging_keys_are_refused(vsb) -> None:
    with httpx.Client(base_url=vsb.vimmerse_url, timeout=10, trust_env=False) as h:
        body = {"app_name": "upload-video", "option": "UploadVideo"}
        r = h.post("/v2/video/estimate-credits", json=body)
        assert r.status_code == 401 and r.json() == {"message": "UNAUTHORIZED"}
        r = h.post("/v2/video/estimate-credits", json=body, headers={"X-Api-Key": "vim_test_unknown"})
        assert r.status_code == 403 and r.json() == {"message": "INVALID_API_KEY"}
        r = h.post("/v2/video/estimate-credits", json=body, headers={"X-Api-Key": DEMO_KEY})
        assert r.status_code == 403
        r = h.post("/v2/video/estimate-credits", json=body, headers={"Authorization": f"ApiKey {DEMO_KEY}"})
        assert r.status_code == 401
    assert vsb.vimmerse_stats()["authorization_headers"] == 1
    # the Verging side does not take the Vimmerse key either
    r = httpx.get(vsb.base_url + "/auth/me", headers={"Authorization": f"ApiKey {VIMMERSE_DEMO_KEY}"}, trust_env=False)
    assert r.status_code == 401


def test_uploads_check_the_query_the_field_and_the_content(vim, media) -> None:
    with media["video"].open("rb") as f:
        r = vim.post("/v2/video", files={"video_file": ("clip.mp4", f)})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "option"]
    r = vim.post("/v2/video", params={"option": "UploadVideo"}, files={"other": ("x.mp4", b"abc")})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "video_file"]
    r = vim.post("/v2/video", params={"option": "UploadVideo"}, files={"video_file": ("x.mp4", b"not a video")})
    assert r.status_code == 400 and r.json() == {"message": "INVALID_FILE_TYPE"}
    with media["photo"].open("rb") as f:
        r = vim.post("/audio", files={"audio_file": ("photo.jpg", f)})
    assert r.status_code == 400
    url = _upload(vim, "video", media["video"])
    got = httpx.get(url, trust_env=False)  # hosted: no key needed
    assert got.status_code == 200 and got.content == media["video"].read_bytes()
    part = httpx.get(url, headers={"Range": "bytes=0-9"}, trust_env=False)
    assert part.status_code == 206 and part.content == media["video"].read_bytes()[:10]


def test_a_job_goes_through_every_status_word_and_both_read_routes(vsb, vim, media) -> None:
    url = _upload(vim, "video", media["video"])
    r = vim.post("/v2/video/crop-to-aspect-ratio", json={"video_url": url, "aspect_ratio": "1:1", "async_mode": True})
    assert r.status_code == 200
    a = r.json()
    assert a["status"] == "processing" and a["credits"] == 1 and a["results"] == [] and a["app_name"] == "crop-to-aspect-ratio"
    assert a["args"]["aspect_ratio"] == "1:1" and a["created_at"][10] == "T"
    final, words = _final(vim, a["id"])
    assert words[0] == "queue_bullet" and words[-1] == "success" and "processing" in words
    assert final["results"] and final["progress"] == 100
    legacy = vim.get(f"/asset/{a['id']}").json()
    assert set(legacy) == {"data"} and legacy["data"]["created_at"][10] == " "
    assert legacy["data"]["results"] == final["results"]
    assert httpx.get(final["results"][0], trust_env=False).status_code == 200
    vsb.vimmerse_v2_asset_route = False
    r = vim.get(f"/v2/asset/{a['id']}")
    assert r.status_code == 404 and r.json() == {"detail": "Not Found"}
    assert vim.get(f"/asset/{a['id']}").status_code == 200
    assert vim.get("/asset/unknown").json() == {"message": "NOT_FOUND"}
    counted = vsb.stats()["requests"]
    assert counted[f"GET /vimmerse/v2/asset/{a['id']}"] >= 2


def test_results_of_one_asset_can_feed_the_next(vim, media) -> None:
    url = _upload(vim, "video", media["video"])
    first = vim.post("/v2/video/enhance", json={"video_url": url, "enhance_mode": "2X"}).json()
    done, _ = _final(vim, first["id"])
    second = vim.post("/v2/video/audio", json={"video_url": done["results"][0], "audio_url": _upload(vim, "audio", media["wav"])})
    assert second.status_code == 200
    final, _ = _final(vim, second.json()["id"])
    assert final["status"] == "success", final.get("failure_reason")


def test_validation_answers_422_for_shapes_and_400_words_for_values(vim, media) -> None:
    url = _upload(vim, "image", media["photo"])
    cases = [
        ("/v2/video/crop-to-aspect-ratio", {}, 422, "video_url"),
        ("/v2/video/audio", {"video_url": url}, 422, "audio_url"),
        ("/v2/video/crop-to-aspect-ratio", {"video_url": url, "aspect_ratio": "wide"}, 422, "aspect_ratio"),
        ("/v2/video/reference-to-video", {"image_urls": []}, 422, "image_urls"),
        ("/v2/video/estimate-credits", {"app_name": "lip-sync"}, 422, "option"),
        ("/v2/video/crop-to-aspect-ratio", {"video_url": url, "aspect_ratio": "0:9"}, 400, "INVALID_ASPECT_RATIO"),
        ("/v2/video/avatars/lip-sync", {"prompt": "hi", "aspect_ratio": "4:5"}, 400, "INVALID_ASPECT_RATIO"),
        ("/v2/video/reference-to-video", {"image_urls": [url], "quantity": 0}, 400, "INVALID_QUANTITY"),
        ("/v2/video/video-effects", {"image_url": url, "quantity": 5}, 400, "INVALID_QUANTITY"),
        ("/v2/video/reference-to-video", {"image_urls": [url], "duration": 31}, 400, "INVALID_DURATION"),
        ("/v2/video/reference-to-video", {"image_urls": [url], "option": "Nope"}, 400, "INVALID_OPTION"),
        ("/v2/video/enhance", {"video_url": url, "compression_scale": "2"}, 400, "BAD_REQUEST"),
        ("/v2/video/audio", {"video_url": url, "audio_url": url, "attach_mode": "Loop"}, 400, "INVALID_ATTACH_MODE"),
        ("/v2/video/replace-background", {"video_url": url}, 400, "BACKGROUND_REQUIRED"),
        ("/v2/video/lip-sync", {"audio_url": url}, 400, "IMAGE_OR_VIDEO_REQUIRED"),
        ("/v2/video/lip-sync", {"image_url": url}, 400, "AUDIO_OR_PROMPT_REQUIRED"),
        ("/v2/video/crop-to-aspect-ratio", {"video_url": "/home/me/clip.mp4"}, 400, "INVALID_MEDIA_URL"),
        ("/v2/video/estimate-credits", {"app_name": "crop", "option": "x"}, 400, "INVALID_APP_NAME"),
    ]
    for route, body, status, what in cases:
        r = vim.post(route, json=body)
        assert r.status_code == status, (route, body, r.text)
        if status == 422:
            assert r.json()["detail"][0]["loc"][-1] == what, r.text
        else:
            assert r.json() == {"message": what}, r.text
    r = vim.post("/v2/video/crop-to-aspect-ratio", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 422


def test_unhosted_inputs_and_planned_failures_fail_and_are_refunded(vsb, vim, media) -> None:
    r = vim.post("/v2/video/sound-effect", json={"video_url": "https://cdn.example.com/v.mp4", "prompt": "rain"})
    assert r.status_code == 200
    final, words = _final(vim, r.json()["id"])
    assert final["status"] == "fail" and "cannot fetch the internet" in final["failure_reason"]
    legacy = vim.get(f"/asset/{final['id']}").json()["data"]
    assert legacy["message"] == final["failure_reason"]
    url = _upload(vim, "video", media["video"])
    vsb.vimmerse_fail_next(1)
    r = vim.post("/v2/video/reframe", json={"video_url": url})
    final, words = _final(vim, r.json()["id"])
    assert final["status"] == "fail" and "processing_bullet" in words
    assert vsb.vimmerse_credits(VIMMERSE_DEMO_KEY) == 1000
    stats = vsb.vimmerse_stats()
    assert stats["charged"] == stats["refunded"] == 3 + 10
    # a failed asset is refunded, so it reports 0 credits on both read routes (it was 10 when made)
    assert r.json()["credits"] == 10
    assert final["credits"] == 0 and vim.get(f"/asset/{final['id']}").json()["data"]["credits"] == 0


def test_not_enough_credits_and_string_credits(vsb, vim, media) -> None:
    url = _upload(vim, "video", media["video"])
    vsb.set_vimmerse_credits(VIMMERSE_DEMO_KEY, 9)
    r = vim.post("/v2/video/reframe", json={"video_url": url})
    assert r.status_code == 402 and r.json() == {"message": "INSUFFICIENT_CREDIT"}
    assert vsb.vimmerse_credits(VIMMERSE_DEMO_KEY) == 9
    vsb.vimmerse_string_credits = True
    a = vim.post("/v2/video/crop-to-aspect-ratio", json={"video_url": url}).json()
    assert a["credits"] == "1"
    est = vim.post("/v2/video/estimate-credits", json={"app_name": "video-effects", "option": "KlingEffects",
                                                       "quantity": 2}).json()
    assert est["total_credits"] == "60" and est["breakdown"]["quantity"] == 2


def test_faults_apply_to_the_vimmerse_paths_in_its_shapes(vsb, vim) -> None:
    vsb.faults.rate_limit_reset = 7
    vsb.faults.rate_limit_burst = 1
    r = vim.get("/asset/x")
    assert r.status_code == 429 and r.headers["retry-after"] == "7" and r.json() == {"message": "RATE_LIMIT_EXCEEDED"}
    vsb.faults.reset_style = "epoch"
    vsb.faults.rate_limit_burst = 1
    r = vim.get("/asset/x")
    when = parsedate_to_datetime(r.headers["retry-after"]).timestamp()
    assert r.status_code == 429 and 0 < when - time.time() <= 9
    vsb.faults.error_paths = ("/vimmerse/asset",)
    vsb.faults.error_rate = 1.0
    codes = [vim.get("/asset/x").status_code for _ in range(2)]
    assert codes == [502, 503]
    assert vim.get("/v2/asset/x").status_code == 404  # another path: no fault
    vsb.faults.error_rate = 0.0
    assert vsb.stats()["requests"]["GET /vimmerse/asset/x"] == 4


def test_assets_survive_a_restart_on_the_same_data_dir(tmp_path, media) -> None:
    data = tmp_path / "sb"
    sb = Sandbox(data_dir=data, job_seconds=0.5)
    with sb, httpx.Client(base_url=sb.start().removesuffix("/api/v1") + "/vimmerse",
                          headers={"X-Api-Key": VIMMERSE_DEMO_KEY}, trust_env=False, timeout=30) as vim:
        url = _upload(vim, "video", media["video"])
        sb.add_vimmerse_key("vim_test_kept_key", credits=42)
        a = vim.post("/v2/video/crop-to-aspect-ratio", json={"video_url": url}).json()
        _final(vim, a["id"])
    with Sandbox(data_dir=data, job_seconds=0.5) as sb2:
        assert sb2.vimmerse_credits("vim_test_kept_key") == 42
        assert sb2.vimmerse_credits(VIMMERSE_DEMO_KEY) == 999
        with httpx.Client(base_url=sb2.vimmerse_url, headers={"X-Api-Key": VIMMERSE_DEMO_KEY}, trust_env=False,
                          timeout=30) as vim:
            got = vim.get(f"/v2/asset/{a['id']}").json()
            assert got["status"] == "success"
            # a URL the first run issued (another port) still names the same file
            b = vim.post("/v2/video/crop-to-aspect-ratio", json={"video_url": url}).json()
            final, _ = _final(vim, b["id"])
            assert final["status"] == "success"


def test_the_control_endpoint_works_for_a_sandbox_in_another_process(vsb) -> None:
    ctl = vsb.root_url + "/_sandbox/vimmerse"
    r = httpx.post(ctl, json={"key": "vim_test_ctl_key", "credits": 12, "fail_next": 2, "v2_asset_route": False,
                              "string_credits": True}, trust_env=False)
    assert r.status_code == 200
    body = r.json()
    assert body["credits"] == 12 and body["fail_next"] == 2 and body["v2_asset_route"] is False
    assert "vim_test_ctl_key" not in r.text  # masked
    assert vsb.vimmerse_credits("vim_test_ctl_key") == 12 and not vsb.vimmerse_v2_asset_route
    assert vsb.vimmerse_string_credits
    got = httpx.get(ctl, params={"key": VIMMERSE_DEMO_KEY}, trust_env=False).json()
    assert got["credits"] == 1000 and got["created"] == {}
    assert httpx.post(ctl, content=b"[1]", trust_env=False).status_code == 400
