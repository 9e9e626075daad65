"""The varg client against the real sandbox over loopback HTTP: every route and error path (both
error shapes), ``id``/``job_id``, the cache (hit, no-cache, no-store), BYOK, upload dedupe and
the SSE stream (content, keep-alives, a drop, cancel)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from tests.api.varg.conftest import FAST, FakeVarg
from tests.conftest import make_audio, make_image
from verging_desktop.api.varg import (
    CacheMode,
    FileTooLarge,
    StreamDropped,
    UploadMemory,
    VargBadRequest,
    VargClient,
    VargJob,
    VargRequest,
    VargStatus,
)
from verging_desktop.core.errors import (
    AuthError,
    InsufficientCredits,
    NotFound,
    RateLimited,
    ServerError,
    ServiceUnavailable,
    nothing_created,
)
from verging_desktop.core.filetypes import sniff
from verging_desktop.core.varg_pricing import VargPricing
from verging_desktop.sandbox import Sandbox

FAL = "fal_" + "b" * 24
ELEVEN = "el_" + "y" * 24


@pytest.fixture
def vsb(tmp_path: Path) -> Iterator[Sandbox]:
    """A running sandbox whose varg jobs take 0.8 s, with keep-alives every 0.1 s."""
    sb = Sandbox(data_dir=tmp_path / "vsb")
    sb.start()
    sb.varg_job_seconds = 0.8
    sb.varg_keepalive_seconds = 0.1
    try:
        yield sb
    finally:
        sb.stop()


@pytest.fixture(scope="module")
def vmedia(tmp_path_factory: pytest.TempPathFactory, ffmpeg: str) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("varg-media")
    return {"image": make_image(ffmpeg, d / "cat.png", size="320x240"),
            "image2": make_image(ffmpeg, d / "dog.jpg", size="200x200"),
            "audio": make_audio(ffmpeg, d / "voice.wav", seconds=2.0)}


def client(sb: Sandbox, key: str | None = None, **kw) -> VargClient:
    kw.setdefault("retry", FAST)
    return VargClient(sb.varg_demo_key if key is None else key, sb.varg_url, **kw)


async def finish(c: VargClient, job: VargJob, timeout: float = 60.0) -> VargJob:
    """Follow a job to its final status: its stream, reconnecting (then polling) when it drops."""
    async def go() -> VargJob:
        last = job
        while not last.final:
            try:
                async with contextlib.aclosing(c.stream(last.id)) as events:
                    async for j in events:
                        last = j
            except StreamDropped as e:
                last = e.last or await c.job(last.id)
        return last

    return await asyncio.wait_for(go(), timeout)


def run(coro):
    return asyncio.run(coro)


# -- every route ------------------------------------------------------------------------------------
def test_every_generation_route_end_to_end(vsb: Sandbox, vmedia, tmp_path) -> None:
    async def go() -> None:
        async with client(vsb) as c:
            before = (await c.balance()).cents
            img = await c.upload(vmedia["image"])
            aud = await c.upload(vmedia["audio"])
            assert img.media_type == "image/png" and aud.media_type == "audio/wav"
            urls = {str(vmedia["image"]): img.url, str(vmedia["audio"]): aud.url}
            reqs = [
                VargRequest("varg-video", "kling-v2.5", prompt="waves at sunset", duration=5, aspect_ratio="16:9"),
                VargRequest("varg-video", "kling-v2.5", prompt="the cat turns", duration=5,
                            files=(str(vmedia["image"]),)),
                VargRequest("varg-image", "flux-schnell", prompt="a lighthouse", aspect_ratio="1:1"),
                VargRequest("varg-background-removal", "background-remover", files=(str(vmedia["image"]),)),
                VargRequest("varg-speech", "eleven_v3", text="Hello from the sandbox.", voice="rachel"),
                VargRequest("varg-music", "music_v1", prompt="calm piano", duration=10),
                VargRequest("varg-transcription", "whisper", audio=str(vmedia["audio"]), language="en"),
            ]
            finals: list[VargJob] = []
            for i in range(0, len(reqs), 2):  # the free plan runs 2 jobs at once
                made = [await c.create(r, urls) for r in reqs[i:i + 2]]
                assert all(m.status in (VargStatus.QUEUED, VargStatus.PROCESSING) and m.cache_hit is False
                           and m.cache_key.startswith("sha256:") for m in made)
                finals += [await finish(c, m) for m in made]
            assert [f.status for f in finals] == [VargStatus.COMPLETED] * len(reqs), [f.error for f in finals]
            kinds = [f.media_type.split("/")[0] for f in finals]
            assert kinds == ["video", "video", "image", "image", "audio", "audio", "application"]
            for i, f in enumerate(finals[:6]):
                p = await c.download(f.output_url, tmp_path / f"result{i}")
                assert p.stat().st_size > 100
            t = await c.transcript(finals[6])
            assert t.text.startswith("This is the sandbox transcript.")
            # output.text comes with a JSON file at output.url: it is read for its timed segments
            assert c.requests_sent["GET (transcript)"] == 1
            assert t.duration == pytest.approx(2.0, abs=0.1) and t.segments
            assert t.segments[-1][1] == pytest.approx(t.duration)
            # the same text from the file alone (no output.text), fetched without a key
            from_file = await c.transcript(replace(finals[6], output_text=""))
            assert from_file.text == t.text and from_file.segments == t.segments
            assert c.requests_sent["GET (transcript)"] == 2
            # a file that cannot be read: output.text is still the answer
            gone = replace(finals[6], output_url=finals[6].output_url + "-gone")
            assert (await c.transcript(gone)).text == t.text
            usage = await c.usage()
            charged = {r.job_id: r.cost_cents for r in usage.records}
            assert set(charged) == {f.id for f in finals} and all(v > 0 for v in charged.values())
            assert usage.total_cents == pytest.approx(sum(charged.values()))
            assert (await c.balance()).cents == pytest.approx(before - usage.total_cents)
            # the charge of a request is the app's own estimate (the same table)
            table = VargPricing.default()
            assert charged[finals[0].id] == pytest.approx(table.cents("kling-v2.5", seconds=5))
            me = await c.me()
            assert me.user_id and me.email
            assert c.requests_sent["POST /video"] == 2 and c.requests_sent["POST /files"] == 2

    run(go())
    stats = vsb.varg_stats()
    assert stats["created"] == {"video": 2, "image": 2, "speech": 1, "music": 1, "transcription": 1}
    assert stats["max_running"] <= 2


def test_voices_pricing_and_the_account(vsb: Sandbox, tmp_path) -> None:
    async def go() -> None:
        async with client(vsb) as c:
            voices = await c.voices()
            rachel = next(v for v in voices if v.voice_id == "rachel")
            assert (rachel.gender, rachel.accent, rachel.use_case) == ("female", "american", "narration")
            assert rachel.preview_url.startswith("http")
            mp3 = await c.download(rachel.preview_url, tmp_path / "rachel.mp3")
            assert sniff(mp3) == "mp3"
            females = await c.voices(gender="female")
            assert females and all(v.gender == "female" for v in females) and len(females) < len(voices)
            assert [v.voice_id for v in await c.voices(search="narration")] == [
                v.voice_id for v in voices if "narration" in v.use_case]
            pricing = await c.pricing()
            assert isinstance(pricing, dict) and any(d["model"] == "kling-v2.5" for d in pricing["data"])
            vsb.varg_pricing_route = False
            assert await c.pricing() is None
            u = await c.usage("2000-01-01", "2000-01-02")
            assert u.records == () and u.total_cents == 0

    run(go())


# -- id / job_id, error shapes ----------------------------------------------------------------------------
@pytest.mark.parametrize("id_field", ["job_id", "id"])
def test_both_job_id_fields(vsb: Sandbox, id_field: str) -> None:
    vsb.varg_id_field = id_field

    async def go() -> None:
        async with client(vsb) as c:
            j = await c.create(VargRequest("varg-image", "flux-schnell", prompt=f"id field {id_field}"))
            assert j.id.startswith("job_")
            assert (await c.job(j.id)).id == j.id
            done = await finish(c, j)
            assert done.id == j.id and done.status is VargStatus.COMPLETED

    run(go())


@pytest.mark.parametrize("shape", ["openapi", "object"])
def test_every_error_path_in_both_shapes(vsb: Sandbox, shape: str, tmp_path, vmedia) -> None:
    vsb.varg_error_shape = shape
    poor = "varg_" + "p" * 20
    vsb.add_varg_key(poor, cents=1)

    async def go() -> None:
        async with client(vsb) as c:
            with pytest.raises(VargBadRequest) as bad:
                await c.create(VargRequest("varg-video", "no-such-model", prompt="p"))
            assert "no-such-model" in str(bad.value) or "model" in str(bad.value)
            assert nothing_created(bad.value)
            if shape == "openapi":
                assert bad.value.field == "model" and bad.value.tag == "ValidationError"
            with pytest.raises(VargBadRequest, match="duration"):
                await c.create(VargRequest("varg-video", "kling-v2.5", prompt="p", duration=7))
            with pytest.raises(NotFound, match="no such job"):
                await c.job("job_doesnotexist")
            with pytest.raises(NotFound):
                await c.cancel("job_doesnotexist")
            async with client(vsb, key="varg_" + "w" * 20) as wrong:
                with pytest.raises(AuthError):
                    await wrong.me()
            async with client(vsb, key=poor) as p:
                with pytest.raises(InsufficientCredits, match="Add credits at varg.ai/dashboard") as e:
                    await p.create(VargRequest("varg-video", "kling-v3", prompt="too dear", duration=10))
                assert str(e.value).startswith("Not enough varg balance")
                assert p.requests_sent["POST /video"] == 1
            # 413: the server's limit (lowered here) under the client's 50 MB
            vsb.varg_max_upload_bytes = 1000
            blob = tmp_path / "blob.png"
            blob.write_bytes(vmedia["image"].read_bytes()[:8] + b"\x00" * 5000)
            with pytest.raises(FileTooLarge, match="over 50 MB"):
                await c.upload(blob)
            assert c.requests_sent["POST /files"] == 1  # a refusal is not retried
            # 5xx: reads retried, generation POSTs not
            vsb.varg_fail_next(2, 503)
            assert (await c.balance()).cents > 0
            assert c.requests_sent["GET /balance"] == 3
            vsb.varg_fail_next(1, 500)
            with pytest.raises(ServerError):
                await c.create(VargRequest("varg-image", "flux-schnell", prompt="p"))
            vsb.varg_fail_next(1, 503)
            with pytest.raises(ServiceUnavailable):
                await c.create(VargRequest("varg-image", "flux-schnell", prompt="p"))
            assert c.requests_sent["POST /image"] == 2

    run(go())
    assert vsb.varg_stats()["created"] == {}


def test_the_concurrency_limit_answers_429_with_retry_after(vsb: Sandbox) -> None:
    vsb.varg_job_seconds = 5.0

    async def go() -> None:
        async with client(vsb) as c:
            a = await c.create(VargRequest("varg-image", "flux-schnell", prompt="one"))
            b = await c.create(VargRequest("varg-image", "flux-schnell", prompt="two"))
            with pytest.raises(RateLimited) as e:
                await c.create(VargRequest("varg-image", "flux-schnell", prompt="three"))
            assert e.value.reset_at is not None and 0 < e.value.wait_seconds() <= 6
            assert "Try again in" in str(e.value) and c.requests_sent["POST /image"] == 3  # not retried
            for j in (a, b):
                await c.cancel(j.id)
                assert (await c.job(j.id)).status is VargStatus.CANCELLED
            c3 = await c.create(VargRequest("varg-image", "flux-schnell", prompt="three"))
            await c.cancel(c3.id)

    run(go())


# -- cache --------------------------------------------------------------------------------------------------
def test_cache_hit_no_cache_and_no_store(vsb: Sandbox, vmedia) -> None:
    async def go() -> None:
        async with client(vsb) as c:
            url = (await c.upload(vmedia["image"])).url
            req = VargRequest("varg-image", "flux-pro", prompt="a red fox", files=(str(vmedia["image"]),))
            urls = {str(vmedia["image"]): url}
            first = await finish(c, await c.create(req, urls))
            assert first.status is VargStatus.COMPLETED and first.cache_hit is False
            hit = await c.create(req, urls)
            assert hit.final and hit.status is VargStatus.COMPLETED and hit.cache_hit is True  # final at once
            assert hit.cache_key == first.cache_key and hit.output_url and hit.id != first.id
            # the same bytes under another name hit too: the key is the content hash
            same = VargRequest("varg-image", "flux-pro", prompt="a red fox", files=(url,))
            assert (await c.create(same)).cache_hit is True
            refresh = await c.create(VargRequest("varg-image", "flux-pro", prompt="a red fox",
                                                 files=(url,), cache=CacheMode.REFRESH))
            assert refresh.cache_hit is False and not refresh.final
            await finish(c, refresh)
            # no-store: not looked up, not stored
            ns = VargRequest("varg-image", "flux-pro", prompt="private fox", cache=CacheMode.NO_STORE)
            await finish(c, await c.create(ns))
            again = await c.create(VargRequest("varg-image", "flux-pro", prompt="private fox"))
            assert again.cache_hit is False
            await finish(c, again)
            usage = await c.usage()
            cost = {r.job_id: (r.cost_cents, r.cache_hit) for r in usage.records}
            assert cost[hit.id] == (0, True) and cost[first.id][0] > 0 and cost[refresh.id][0] > 0

    run(go())
    assert vsb.varg_stats()["cache_hits"] == 2


# -- BYOK -----------------------------------------------------------------------------------------------------
def test_byok_makes_that_providers_models_free_and_no_other(vsb: Sandbox) -> None:
    async def go() -> None:
        async with client(vsb) as c:
            c.set_byok_key("fal", FAL)
            c.set_byok_key("elevenlabs", ELEVEN)
            v = await c.create(VargRequest("varg-video", "kling-v2.5", prompt="byok video", cache=CacheMode.NO_STORE))
            s = await c.create(VargRequest("varg-speech", "eleven_v3", text="byok speech", cache=CacheMode.NO_STORE))
            assert (v.byok, s.byok) == ("fal", "elevenlabs")
            await finish(c, v)
            await finish(c, s)
            c.set_byok_key("fal", None)
            paid = await c.create(VargRequest("varg-video", "kling-v2.5", prompt="paid video",
                                              cache=CacheMode.NO_STORE))
            assert paid.byok == ""
            await finish(c, paid)
            cost = {r.job_id: r.cost_cents for r in (await c.usage()).records}
            assert cost[v.id] == 0 and cost[s.id] == 0 and cost[paid.id] > 0

    run(go())
    keys = vsb.varg_stats()["provider_keys"]
    assert sum(keys.values()) == 2 and all(("/video" in k and "fal" in k) or ("/speech" in k and "elevenlabs" in k)
                                           for k in keys), keys


def test_a_redirect_to_another_port_carries_no_key(vsb: Sandbox) -> None:
    fake = FakeVarg()
    try:
        async def to_sandbox(request: Request) -> Response:
            return RedirectResponse(vsb.varg_url + request.url.path.removeprefix("/v1"), status_code=307)

        fake.on("POST", "/video", to_sandbox)

        async def go() -> None:
            async with VargClient(vsb.varg_demo_key, fake.url, retry=FAST) as c:
                c.set_byok_key("fal", FAL)
                with pytest.raises(AuthError):  # the sandbox got the request without the key
                    await c.create(VargRequest("varg-video", "kling-v2.5", prompt="redirected"))

        run(go())
        sent, = fake.requests("POST", "/v1/video")
        assert sent.headers["x-provider-key-fal"] == FAL  # to the base URL: yes
    finally:
        fake.close()
    stats = vsb.varg_stats()
    assert stats["requests"]["POST /video"] == 1 and stats["provider_keys"] == {} and stats["created"] == {}


# -- uploads ---------------------------------------------------------------------------------------------------
def test_the_same_bytes_are_never_sent_twice(vsb: Sandbox, vmedia, tmp_path) -> None:
    mem_path = tmp_path / "uploads.json"
    size = vmedia["image2"].stat().st_size

    async def go() -> None:
        async with client(vsb, uploads=UploadMemory(mem_path)) as c:
            first = await c.upload(vmedia["image2"])
            assert first.sent_bytes == size and not first.deduplicated and first.media_type == "image/jpeg"
            second = await c.upload(vmedia["image2"])
            assert (second.url, second.sent_bytes, second.deduplicated) == (first.url, 0, True)
            assert c.requests_sent["POST /files"] == 1 and c.bytes_uploaded == size
        # another client with the same memory (the app after a restart): still nothing sent
        async with client(vsb, uploads=UploadMemory(mem_path)) as c2:
            third = await c2.upload(vmedia["image2"])
            assert third.sent_bytes == 0 and third.url == first.url and c2.requests_sent["POST /files"] == 0
        # without the memory the bytes go again, and varg deduplicates them
        async with client(vsb) as c3:
            fourth = await c3.upload(vmedia["image2"])
            assert fourth.deduplicated and fourth.url == first.url and fourth.sent_bytes == size

    run(go())
    stats = vsb.varg_stats()
    assert stats["upload_bytes"] == 2 * size and stats["uploads"] == 1 and stats["deduplicated"] == 1
    assert vsb.varg_demo_key not in mem_path.read_text()
    assert json.loads(mem_path.read_text())["scopes"]


# -- the SSE stream ---------------------------------------------------------------------------------------------
def test_stream_content_and_keepalives(vsb: Sandbox) -> None:
    vsb.varg_job_seconds = 1.2

    async def go() -> None:
        async with client(vsb) as c:
            j = await c.create(VargRequest("varg-music", "music_v1", prompt="stream me", duration=10))
            seen: list[VargJob] = []
            async with contextlib.aclosing(c.stream(j.id)) as events:
                async for ev in events:
                    seen.append(ev)
            statuses = [s.status for s in seen]
            assert statuses[-1] is VargStatus.COMPLETED and VargStatus.PROCESSING in statuses
            assert all(s.id == j.id for s in seen) and seen[-1].output_url
            assert c.requests_sent["GET /jobs/{id}/stream"] == 1 and c.streams_open == 0

    run(go())
    stats = vsb.varg_stats()
    assert stats["keepalives"] >= 3 and stats["streams_total"] == 1


def test_a_dropped_stream_and_the_reconnect(vsb: Sandbox) -> None:
    async def go() -> None:
        async with client(vsb) as c:
            j = await c.create(VargRequest("varg-image", "flux-schnell", prompt="drop me"))
            vsb.varg_drop_stream_next(1)
            seen: list[VargStatus] = []
            with pytest.raises(StreamDropped) as e:
                async for ev in c.stream(j.id):
                    seen.append(ev.status)
            assert len(seen) == 1 and e.value.last is not None and e.value.last.id == j.id
            done = await finish(c, e.value.last)
            assert done.status is VargStatus.COMPLETED and c.requests_sent["GET /jobs/{id}/stream"] == 2

    run(go())


def test_cancel_ends_the_stream_and_a_cancelled_reader_closes_it(vsb: Sandbox) -> None:
    vsb.varg_job_seconds = 30.0

    async def go() -> None:
        async with client(vsb) as c:
            j = await c.create(VargRequest("varg-video", "kling-v2.5", prompt="cancel me"))
            first = asyncio.Event()
            got: list[VargStatus] = []

            async def follow() -> None:
                async for ev in c.stream(j.id):
                    got.append(ev.status)
                    first.set()

            task = asyncio.create_task(follow())
            await asyncio.wait_for(first.wait(), 10)
            await c.cancel(j.id)  # DELETE /jobs/{id}: the stream says cancelled and closes
            await asyncio.wait_for(task, 10)
            assert got[-1] is VargStatus.CANCELLED
            # a reader cancelled while the job runs: the connection is closed
            k = await c.create(VargRequest("varg-video", "kling-v2.5", prompt="walk away"))
            started = asyncio.Event()

            async def reader() -> None:
                async for _ in c.stream(k.id):
                    started.set()

            t2 = asyncio.create_task(reader())
            await asyncio.wait_for(started.wait(), 10)
            assert vsb.varg_stats()["streams_open"] == 1
            t2.cancel()
            with pytest.raises(asyncio.CancelledError):
                await t2
            assert c.streams_open == 0
            for _ in range(500):  # the server notices the closed connection (bounded: 5 s)
                if vsb.varg_stats()["streams_open"] == 0:
                    break
                await asyncio.sleep(0.01)
            assert vsb.varg_stats()["streams_open"] == 0
            await c.cancel(k.id)
            cost = {r.job_id: r.cost_cents for r in (await c.usage()).records}
            assert cost == {j.id: 0, k.id: 0}  # cancelled jobs are refunded

    run(go())
