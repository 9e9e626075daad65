"""Every Vimmerse route and error path of the client, over real loopback HTTP to the sandbox."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.api.vimmerse.conftest import client_for, run, wait_final
from verging_desktop.api.vimmerse import (
    AssetState,
    CropRequest,
    EnhanceRequest,
    ReferenceToVideoRequest,
    ReframeRequest,
    VimmerseClient,
)
from verging_desktop.core.errors import AuthError, BadRequest, InputError, InsufficientCredits, NotFound, RateLimited
from verging_desktop.core.redact import redact
from verging_desktop.sandbox import DEMO_KEY


def _raw(sb, path: str) -> httpx.Response:
    return httpx.get(sb.vimmerse_url + path, headers={"X-Api-Key": sb.vimmerse_demo_key}, timeout=20,
                     trust_env=False)


# -- uploads ---------------------------------------------------------------------------------------
def test_uploads_of_every_kind_are_hosted_with_progress(vsb, vmedia, tmp_path) -> None:
    seen: dict[str, list] = {"video": [], "image": [], "audio": []}

    async def go() -> None:
        async with client_for(vsb) as c:
            v = await c.upload_video(vmedia["clip"], progress=seen["video"].append)
            i = await c.upload_image(vmedia["image"], progress=seen["image"].append)
            a = await c.upload_audio(vmedia["audio"], progress=seen["audio"].append)
            for asset, name in ((v, "upload-video"), (i, "upload-image"), (a, "upload-audio")):
                assert asset.state is AssetState.SUCCESS and asset.app_name == name and asset.credits == 0
                assert asset.url and asset.url.startswith(vsb.root_url + "/_storage/")
            # the hosted files are the same bytes, served without a key
            for asset, src in ((v, vmedia["clip"]), (i, vmedia["image"]), (a, vmedia["audio"])):
                out = await c.download(asset.url, tmp_path / ("copy-" + src.name))
                assert out.read_bytes() == src.read_bytes()
            url = await c.host(vmedia["image2"], "image")
            assert url.endswith("friend.jpg")
            assert c.requests_sent["POST /v2/video"] == 1 and c.requests_sent["POST /image"] == 2
            assert c.requests_sent["POST /audio"] == 1

    run(go())
    for kind, src in (("video", "clip"), ("image", "image"), ("audio", "audio")):
        size = vmedia[src].stat().st_size
        assert seen[kind] and seen[kind][-1].done == size and seen[kind][-1].total == size
        assert [p.done for p in seen[kind]] == sorted(p.done for p in seen[kind])
    assert vsb.vimmerse_stats()["uploads"] == 4


def test_the_legacy_uploads_answer_in_a_data_wrapper_and_v2_answers_bare(vsb, vmedia) -> None:
    key = {"X-Api-Key": vsb.vimmerse_demo_key}
    with httpx.Client(base_url=vsb.vimmerse_url, headers=key, timeout=20, trust_env=False) as h:
        with vmedia["image"].open("rb") as f:
            img = h.post("/image", files={"image_file": ("p.png", f, "image/png")})
        with vmedia["short"].open("rb") as f:
            vid = h.post("/v2/video", params={"option": "UploadVideo"}, files={"video_file": ("s.mp4", f, "video/mp4")})
    assert img.status_code == 200 and set(img.json()) == {"data"} and img.json()["data"]["results"]
    assert vid.status_code == 200 and "data" not in vid.json() and vid.json()["results"]


def test_a_file_that_is_not_what_the_route_takes_is_refused_in_a_sentence(vsb, vmedia, tmp_path) -> None:
    fake = tmp_path / "not-a-video.mp4"
    fake.write_bytes(b"hello, this is text" * 100)

    async def go() -> None:
        async with client_for(vsb) as c:
            with pytest.raises(BadRequest, match="not a kind of file this upload takes"):
                await c.upload_video(fake)
            with pytest.raises(BadRequest, match="not a kind of file"):
                await c.upload_image(vmedia["audio"])
            with pytest.raises(InputError, match="does not exist"):
                await c.upload_audio(tmp_path / "missing.wav")

    run(go())


# -- keys ------------------------------------------------------------------------------------------
def test_key_checks_validate_refuse_and_never_leak(vsb) -> None:
    bad = "vim_test_not_a_real_key_42"

    async def go() -> None:
        async with client_for(vsb) as c:
            await c.validate_key()
        async with client_for(vsb, bad) as c:
            with pytest.raises(AuthError) as e:
                await c.validate_key()
            assert bad not in str(e.value) and e.value.status == 403
        # a Verging key is not a Vimmerse key
        async with client_for(vsb, DEMO_KEY) as c:
            with pytest.raises(AuthError):
                await c.validate_key()
        async with VimmerseClient(None, vsb.vimmerse_url) as c:
            assert not c.has_key
            with pytest.raises(AuthError, match="No Vimmerse API key"):
                await c.validate_key()
            assert sum(c.requests_sent.values()) == 0

    run(go())
    assert redact(f"key {bad} here") == "key [redacted] here"  # the setter registered the secret


def test_a_key_added_to_the_sandbox_has_its_own_balance(vsb) -> None:
    vsb.add_vimmerse_key("vim_test_second_key", credits=7)
    assert vsb.vimmerse_credits("vim_test_second_key") == 7
    assert vsb.vimmerse_credits(vsb.vimmerse_demo_key) == 1000
    vsb.set_vimmerse_credits("vim_test_second_key", 3)
    assert vsb.vimmerse_credits("vim_test_second_key") == 3

    async def go() -> None:
        async with client_for(vsb, "vim_test_second_key") as c:
            est = await c.estimate("upload-video", "UploadVideo")
            assert est.total == 0 and est.source == "estimate-credits"

    run(go())
    with pytest.raises(KeyError):
        vsb.vimmerse_credits("vim_test_unknown")


# -- jobs ------------------------------------------------------------------------------------------
def test_create_poll_and_download_a_crop_through_every_status_word(vsb, vmedia, tmp_path) -> None:
    got: list = []

    async def go() -> None:
        async with client_for(vsb) as c:
            url = await c.host(vmedia["clip"], "video")
            created = await c.create(CropRequest(video_url=url, aspect_ratio="9:16", offset_x=10))
            assert created.status == "processing" and created.state is AssetState.WORKING
            assert created.credits == 2 and created.app_name == "crop-to-aspect-ratio"  # 6.5 s: two 5 s blocks
            assert created.args["aspect_ratio"] == "9:16" and created.args["offset_x"] == 10
            final, seen = await wait_final(c, created.id)
            got.extend(seen)
            assert final.state is AssetState.SUCCESS and final.results and final.credits == 2
            assert final.created_at is not None and final.updated_at is not None
            assert final.updated_at >= final.created_at
            out = await c.download(final.url, tmp_path / "out" / "crop.mp4", progress=got.append)
            assert out.is_file() and out.stat().st_size > 0
            assert not (tmp_path / "out" / "crop.mp4.part").exists()
            with pytest.raises(InputError, match="already exists"):
                await c.download(final.url, out)
            assert c.requests_sent["POST /v2/video/crop-to-aspect-ratio"] == 1

    run(go())
    words = [w for w in got if isinstance(w, str)]
    assert words[0] == "queue_bullet" and words[-1] == "success"
    assert "processing_bullet" in words and "processing" in words
    assert vsb.vimmerse_credits(vsb.vimmerse_demo_key) == 998


def test_a_local_path_is_never_sent_to_create(vsb, vmedia) -> None:
    async def go() -> None:
        async with client_for(vsb) as c:
            with pytest.raises(InputError, match="Upload these files"):
                await c.create(CropRequest(video_url=str(vmedia["clip"])))
            assert sum(c.requests_sent.values()) == 0

    run(go())
    assert vsb.vimmerse_stats()["created"] == {}


def test_a_failed_asset_says_why_and_is_refunded(vsb, vmedia) -> None:
    async def go() -> None:
        async with client_for(vsb) as c:
            url = await c.host(vmedia["short"], "video")
            vsb.vimmerse_fail_next(1)
            a = await c.create(EnhanceRequest(video_url=url, enhance_mode="2X"))
            assert a.credits == 5
            final, _ = await wait_final(c, a.id)
            assert final.state is AssetState.FAILED and "set to fail" in (final.error or "")
            assert final.credits == 0  # refunded: the failed asset reports no charge
            # a URL the sandbox did not host fails the asset with the reason
            b = await c.create(ReframeRequest(video_url="https://example.com/clip.mp4", aspect_ratio="1:1"))
            final, _ = await wait_final(c, b.id)
            assert final.state is AssetState.FAILED and "cannot fetch the internet" in (final.error or "")

    run(go())
    stats = vsb.vimmerse_stats()
    assert vsb.vimmerse_credits(vsb.vimmerse_demo_key) == 1000
    assert stats["charged"] == 15 and stats["refunded"] == 15


# -- asset reads -----------------------------------------------------------------------------------
def test_asset_reads_fall_back_to_the_legacy_route_and_remember_it(vsb, vmedia) -> None:
    vsb.vimmerse_v2_asset_route = False

    async def go() -> None:
        async with client_for(vsb) as c:
            url = await c.host(vmedia["short"], "video")
            a = await c.create(CropRequest(video_url=url, aspect_ratio="1:1"))
            assert c.asset_route is None
            first = await c.asset(a.id)
            assert first.id == a.id and c.asset_route == "/asset/{id}"
            assert c.requests_sent["GET /v2/asset/{id}"] == 1 and c.requests_sent["GET /asset/{id}"] == 1
            final, _ = await wait_final(c, a.id)
            assert final.state is AssetState.SUCCESS and final.results
            # remembered: the v2 route was asked once, ever
            assert c.requests_sent["GET /v2/asset/{id}"] == 1 and c.requests_sent["GET /asset/{id}"] >= 2
            with pytest.raises(NotFound):
                await c.asset("00000000-0000-0000-0000-000000000000")
            assert c.requests_sent["GET /v2/asset/{id}"] == 1
        async with client_for(vsb) as c2:  # another client learns on its own
            assert c2.asset_route is None
            await c2.asset(a.id)
            assert c2.asset_route == "/asset/{id}"

    run(go())


def test_the_v2_route_is_remembered_and_a_404_then_means_no_such_asset(vsb, vmedia) -> None:
    async def go() -> None:
        async with client_for(vsb) as c:
            with pytest.raises(NotFound, match="no such asset"):
                await c.asset("no-such-asset")  # route unknown yet: both tried, nothing learned
            assert c.asset_route is None and c.requests_sent["GET /asset/{id}"] == 1
            url = await c.host(vmedia["short"], "video")
            a = await c.create(CropRequest(video_url=url))
            await c.asset(a.id)
            assert c.asset_route == "/v2/asset/{id}"
            with pytest.raises(NotFound):
                await c.asset("no-such-asset")
            assert c.requests_sent["GET /asset/{id}"] == 1  # not asked again
            with pytest.raises(InputError):
                await c.asset("  ")
            # another key's asset is not found
            vsb.add_vimmerse_key("vim_test_other_key", credits=5)
            async with client_for(vsb, "vim_test_other_key") as other:
                with pytest.raises(NotFound):
                    await other.asset(a.id)

    run(go())


def test_string_credits_and_both_timestamp_forms_parse_the_same(vsb, vmedia) -> None:
    vsb.vimmerse_string_credits = True

    async def go() -> None:
        async with client_for(vsb) as c:
            url = await c.host(vmedia["clip"], "video")
            a = await c.create(ReframeRequest(video_url=url, aspect_ratio="9:16"))
            assert a.credits == 20.0  # "20" on the wire
            est = await c.estimate("reference-to-video", "KlingO", quantity=2, duration=5)
            assert est.total == 50.0
            final, _ = await wait_final(c, a.id)
            vsb.vimmerse_v2_asset_route = False
            async with client_for(vsb) as legacy:
                old = await legacy.asset(a.id)
            assert legacy.asset_route == "/asset/{id}"
            assert old.created_at == final.created_at and old.credits == final.credits == 20.0
            assert old.results == final.results and old.state is AssetState.SUCCESS
            return a.id

    aid = run(go())
    vsb.vimmerse_v2_asset_route = True
    v2 = _raw(vsb, f"/v2/asset/{aid}").json()
    legacy = _raw(vsb, f"/asset/{aid}").json()["data"]
    assert v2["credits"] == "20" and legacy["credits"] == "20"
    assert "T" in v2["created_at"] and v2["created_at"].endswith("+00:00")
    assert " " in legacy["created_at"] and "T" not in legacy["created_at"]


# -- estimates -------------------------------------------------------------------------------------
def test_estimates_answer_from_the_table_the_sandbox_charges_with(vsb) -> None:
    async def go() -> None:
        async with client_for(vsb) as c:
            e = await c.estimate("reference-to-video", "VeoReference", quantity=3, duration=12)
            assert e.total == 60 * 3 * 3 and e.breakdown["blocks"] == 3
            e = await c.estimate("lip-sync", "AutoLipSync", prompt="x" * 150)  # 10 s of speech
            assert e.total == 20 and e.breakdown["blocks"] == 2
            e = await c.estimate("video-effects", "PikaEffects", quantity=2)
            assert e.total == 30
            with pytest.raises(BadRequest, match="option"):
                await c.estimate("video-effects", "NoSuchModel")
            with pytest.raises(BadRequest, match="cannot estimate"):
                await c.estimate("crop-to-aspect-ratio", "x")
            with pytest.raises(BadRequest, match="1 to 4"):
                await c.estimate("video-effects", "PikaEffects", quantity=5)

    run(go())


# -- errors ----------------------------------------------------------------------------------------
def test_validation_errors_are_sentences_naming_the_field_and_charge_nothing(vsb, vmedia) -> None:
    async def go() -> None:
        async with client_for(vsb) as c:
            url = await c.host(vmedia["image"], "image")
            with pytest.raises(BadRequest) as e:
                await c.create(CropRequest(video_url=""))
            assert str(e.value) == "Vimmerse needs a video URL (video_url is missing)." and e.value.status == 422
            with pytest.raises(BadRequest, match=r"aspect ratio written W:H .*aspect_ratio: string does not match"):
                await c.create(CropRequest(video_url="https://example.com/a.mp4", aspect_ratio="9x16"))
            with pytest.raises(BadRequest, match="did not accept the aspect ratio") as e:
                await c.create(CropRequest(video_url="https://example.com/a.mp4", aspect_ratio="0:16"))
            assert e.value.status == 400
            with pytest.raises(BadRequest, match="choose a quantity from 1 to 4"):
                await c.create(ReferenceToVideoRequest(image_urls=(url,), quantity=5))
            with pytest.raises(BadRequest, match="1 to 30 seconds"):
                await c.create(ReferenceToVideoRequest(image_urls=(url,), duration=31))
            with pytest.raises(BadRequest, match=r"needs at least one reference image URL \(image_urls is empty\)"):
                await c.create(ReferenceToVideoRequest(image_urls=()))
            with pytest.raises(BadRequest, match="enhance mode"):
                await c.create(EnhanceRequest(video_url=url, enhance_mode="8X"))
            assert c.requests_sent["POST /v2/video/reference-to-video"] == 3  # each sent once

    run(go())
    assert vsb.vimmerse_stats()["created"] == {} and vsb.vimmerse_credits(vsb.vimmerse_demo_key) == 1000


def test_not_enough_credits_is_a_402_and_creates_nothing(vsb, vmedia) -> None:
    vsb.set_vimmerse_credits(vsb.vimmerse_demo_key, 15)

    async def go() -> None:
        async with client_for(vsb) as c:
            url = await c.host(vmedia["clip"], "video")
            with pytest.raises(InsufficientCredits, match="Not enough credits.*vimmerse.net") as e:
                await c.create(ReframeRequest(video_url=url))  # 2 blocks x 10
            assert e.value.status == 402
            assert c.requests_sent["POST /v2/video/reframe"] == 1

    run(go())
    assert vsb.vimmerse_credits(vsb.vimmerse_demo_key) == 15 and vsb.vimmerse_stats()["created"] == {}


def test_429_carries_retry_after_reads_wait_and_create_does_not_repeat(vsb, vmedia) -> None:
    async def go() -> None:
        async with client_for(vsb) as c:
            url = await c.host(vmedia["short"], "video")
            a = await c.create(CropRequest(video_url=url))
            vsb.faults.rate_limit_reset = 0.2
            vsb.faults.rate_limit_burst = 1
            read = await c.asset(a.id)  # waits Retry-After, then reads
            assert read.id == a.id and c.requests_sent["GET /v2/asset/{id}"] == 2
            vsb.faults.rate_limit_reset = 30
            vsb.faults.rate_limit_burst = 1
            with pytest.raises(RateLimited) as e:
                await c.create(CropRequest(video_url=url))
            assert e.value.reset_at is not None and e.value.wait_seconds() > 20
            assert c.requests_sent["POST /v2/video/crop-to-aspect-ratio"] == 2  # one each
            vsb.faults.reset_style = "epoch"
            vsb.faults.rate_limit_burst = 1
            with pytest.raises(RateLimited) as e:
                await c.create(CropRequest(video_url=url))
            assert e.value.reset_at is not None and 20 < e.value.wait_seconds() <= 32

    run(go())
    raw = _raw(vsb, "/v2/asset/x")
    assert raw.status_code == 404  # the bursts are used up
    vsb.faults.rate_limit_burst = 1
    raw = _raw(vsb, "/v2/asset/x")
    assert raw.status_code == 429 and "retry-after" in raw.headers
    assert json.loads(raw.content) == {"message": "RATE_LIMIT_EXCEEDED"}
    assert vsb.vimmerse_stats()["created"] == {"crop-to-aspect-ratio": 1}


# -- downloads --------------------------------------------------------------------------------------
def test_a_file_that_appears_at_the_destination_during_a_download_is_never_overwritten(vsb, vmedia, tmp_path,
                                                                                       monkeypatch) -> None:
    """api/base.py download_file: the finished file takes its name with a hard link, which fails when
    the name was taken meanwhile; it then goes to the next free name. Without hard links (FAT, some
    network drives) it falls back to the check-then-rename it did before."""
    import errno
    import os

    mine = b"the user's own file, written while the download ran"
    size = vmedia["short"].stat().st_size

    def appear(dest):
        def progress(p) -> None:
            if not dest.exists():
                dest.write_bytes(mine)  # another program saves a file under that name mid-download
        return progress

    async def go() -> None:
        async with client_for(vsb) as c:
            url = await c.host(vmedia["short"], "video")
            dest = tmp_path / "out" / "clip.mp4"
            got = await c.download(url, dest, progress=appear(dest))
            assert dest.read_bytes() == mine  # kept as it was
            assert got == tmp_path / "out" / "clip (2).mp4" and got.stat().st_size == size
            assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["clip (2).mp4", "clip.mp4"]
            # a file system without hard links: the old way, still to a free name
            def no_links(src, dst, **kw):
                raise OSError(errno.EPERM, "Operation not permitted")

            monkeypatch.setattr(os, "link", no_links)
            dest = tmp_path / "fat" / "clip.mp4"
            got = await c.download(url, dest, progress=appear(dest))
            assert dest.read_bytes() == mine and got == tmp_path / "fat" / "clip (2).mp4"
            assert got.stat().st_size == size and not got.with_name("clip (2).mp4.part").exists()
            assert not dest.with_name("clip.mp4.part").exists()
            # nothing in the way: the name asked for
            got = await c.download(url, tmp_path / "fat" / "free.mp4")
            assert got == tmp_path / "fat" / "free.mp4" and got.stat().st_size == size

    run(go())
