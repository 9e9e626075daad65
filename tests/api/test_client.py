"""Every endpoint and error path of the service layer, over real loopback HTTP to the sandbox."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from tests.conftest import make_audio, make_clip, make_image
from verging_desktop.api.retry import RetryPolicy
from verging_desktop.api.verging import ChatDelta, ChatDone, JobKind, JobStatus, VergingClient
from verging_desktop.core.errors import (
    AuthError,
    BadRequest,
    ConnectionFailed,
    ContentPolicyRefused,
    InputError,
    InsufficientCredits,
    RateLimited,
    ServiceUnavailable,
    UpstreamError,
)
from verging_desktop.core.pricing import Pricing
from verging_desktop.sandbox import DEMO_KEY

FAST = RetryPolicy(attempts=5, base_delay=0.05, max_delay=0.2, max_rate_limit_wait=5)


def run(coro):
    return asyncio.run(coro)


def client_for(sb, key: str = DEMO_KEY, retry: RetryPolicy = FAST) -> VergingClient:
    return VergingClient(key, sb.base_url, retry=retry)


def requests_to(sb, method: str, suffix: str) -> int:
    return sum(n for k, n in sb.stats()["requests"].items() if k.startswith(method + " ") and k.endswith(suffix))


async def wait_final(c: VergingClient, kind: JobKind, job_id: str):
    return await c.wait_for_job(kind, job_id, interval=0.2, max_interval=0.5, timeout=60)


# -- account ---------------------------------------------------------------------------------------
def test_me_validate_and_key_management(sandbox) -> None:
    async def go() -> None:
        async with client_for(sandbox) as c:
            me = await c.me()
            assert me.email and me.credits == sandbox.credits(DEMO_KEY)
            assert (await c.validate_key()).valid
            keys = await c.list_api_keys()
            assert keys and any(k.matches(DEMO_KEY) for k in keys)
            assert all(DEMO_KEY not in k.prefix for k in keys)  # prefix only, never the full key
        other = "vrg_sk_sandbox_second_key"
        sandbox.add_key(other, email="second@sandbox.local", credits=10)
        async with client_for(sandbox, other) as c2:
            mine = [k for k in await c2.list_api_keys() if k.matches(other)]
            assert mine
            await c2.delete_api_key(mine[0].id)
            assert not (await c2.validate_key()).valid
            with pytest.raises(AuthError, match="Manage API keys"):
                await c2.me()

    run(go())


def test_unknown_key_is_an_auth_error_that_never_contains_the_key(sandbox) -> None:
    bad = "vrg_sk_not_a_real_key_123"
    seen = []

    async def go() -> None:
        async with client_for(sandbox, bad) as c:
            c.on_error = seen.append
            with pytest.raises(AuthError) as e:
                await c.me()
            assert bad not in str(e.value)

    run(go())
    assert seen and isinstance(seen[0], AuthError)


def test_no_key_is_refused_locally(sandbox) -> None:
    async def go() -> None:
        async with VergingClient(None, sandbox.base_url) as c:
            with pytest.raises(AuthError, match="No API key"):
                await c.me()

    run(go())
    assert requests_to(sandbox, "GET", "/auth/me") == 0


def test_usage_paging_and_filter(sandbox) -> None:
    async def go() -> None:
        async with client_for(sandbox) as c:
            for i in range(3):
                await c.chat([{"role": "user", "content": f"hello {i}"}])
            await c.tts("hi there")
            page = await c.usage(page=1, page_size=2)
            assert page.total == 4 and len(page.records) == 2 and page.pages == 2
            page2 = await c.usage(page=2, page_size=2)
            assert {r.id for r in page.records}.isdisjoint({r.id for r in page2.records})
            chats = await c.usage("chat", 1, 100)
            assert chats.total == 3 and all(r.service_type == "chat" for r in chats.records)
            with pytest.raises(InputError):
                await c.usage(page_size=101)

    run(go())


# -- upload + jobs -------------------------------------------------------------------------------
def test_faceswap_flow_upload_create_poll_download(sandbox, ffmpeg, media_dir) -> None:
    clip = make_clip(ffmpeg, media_dir / "my clip.mp4", seconds=2)
    face = make_image(ffmpeg, media_dir / "face.png")
    progress = []
    price = Pricing.default().faceswap(2.0, True).credits

    async def go() -> None:
        async with client_for(sandbox) as c:
            before = (await c.me()).credits
            target = await c.upload_video(clip, JobKind.FACESWAP, progress=progress.append)
            assert target.public_url
            ref = await c.create_faceswap_job(face, file_name=clip.name, target_video_url=target.public_url,
                                              duration=2.0, hd=True)
            assert ref.job_id and ref.kind is JobKind.FACESWAP
            assert (await c.me()).credits == before - price
            job = await wait_final(c, JobKind.FACESWAP, ref.job_id)
            assert job.status is JobStatus.COMPLETED and job.result_url
            got = [j.id for j in await c.list_jobs([ref.job_id])]
            assert got == [ref.job_id]
            dest = media_dir / "out" / "result.mp4"
            dl = []
            path = await c.download(job.result_url, dest, progress=dl.append)
            assert path == dest and dest.stat().st_size > 1000 and not dest.with_name("result.mp4.part").exists()
            assert dl and dl[-1].done == dest.stat().st_size
            with pytest.raises(InputError, match="already exists"):
                await c.download(job.result_url, dest)

    run(go())
    assert progress and progress[-1].done == clip.stat().st_size == progress[-1].total
    assert sandbox.stats()["create_jobs"]["faceswap"] == 1


def test_presigned_put_carries_no_authorization(sandbox, media_dir) -> None:
    import httpx

    f = media_dir / "x.mp4"
    f.write_bytes(b"\0" * 1000)

    async def go() -> None:
        async with client_for(sandbox) as c:
            t = await c.request_upload("x.mp4", JobKind.FACESWAP)
            # the sandbox rejects an Authorization header on the presigned URL, as object storage does
            async with httpx.AsyncClient() as h:
                r = await h.put(t.url, content=b"abc", headers={"Authorization": f"ApiKey {DEMO_KEY}"})
                assert r.status_code in (400, 403)
            await c.put_file(t.url, f)  # ours sends none, so it is accepted

    run(go())


def test_upload_reads_the_file_in_chunks(sandbox, media_dir, monkeypatch) -> None:
    big = media_dir / "big.mp4"
    with big.open("wb") as fh:
        fh.truncate(5 * 1024 * 1024 + 17)
    import verging_desktop.api.base as mod

    reads = []
    real_open = Path.open

    def spy_open(self, *a, **k):
        fh = real_open(self, *a, **k)
        if self == big:
            real_read = fh.read

            def read(n=-1):
                reads.append(n)
                return real_read(n)

            fh.read = read  # type: ignore[method-assign]
        return fh

    monkeypatch.setattr(Path, "open", spy_open)

    async def go() -> None:
        async with client_for(sandbox) as c:
            await c.upload_video(big, JobKind.VIDEO_ENHANCE)

    run(go())
    assert reads and all(0 < n <= mod.CHUNK for n in reads)


def test_upload_survives_a_dropped_connection(sandbox, ffmpeg, media_dir) -> None:
    f = media_dir / "drop.mp4"
    f.write_bytes(b"\1" * (3 * 1024 * 1024))
    sandbox.faults.drop_upload_after = 1024 * 1024

    async def go() -> None:
        async with client_for(sandbox) as c:
            await c.upload_video(f, JobKind.FACESWAP)

    run(go())
    assert requests_to(sandbox, "PUT", "") >= 0  # storage PUTs are not API requests
    assert sandbox.faults.drop_upload_after is None
    assert sandbox.stats()["uploads"] >= 1


def test_enhance_falls_back_to_the_other_path(sandbox, ffmpeg, media_dir) -> None:
    clip = make_clip(ffmpeg, media_dir / "e.mp4", seconds=1)
    sandbox.faults.enhance_paths = ("/video_enhance/create-job",)

    async def go() -> None:
        async with client_for(sandbox) as c:
            t = await c.upload_video(clip, JobKind.VIDEO_ENHANCE)
            r1 = await c.create_enhance_job(file_name=clip.name, target_video_url=t.public_url, duration=1.0)
            r2 = await c.create_enhance_job(file_name=clip.name, target_video_url=t.public_url, duration=1.0)
            assert r1.job_id != r2.job_id
            job = await wait_final(c, JobKind.VIDEO_ENHANCE, r1.job_id)
            assert job.status is JobStatus.COMPLETED and job.result_url

    run(go())
    assert requests_to(sandbox, "POST", "/video-enhance/create-job") == 1  # learned once, remembered
    assert requests_to(sandbox, "POST", "/video_enhance/create-job") == 2
    assert sandbox.stats()["create_jobs"]["video_enhance"] == 2


def test_failed_faceswap_can_be_retried(sandbox, ffmpeg, media_dir) -> None:
    clip = make_clip(ffmpeg, media_dir / "f.mp4", seconds=1)
    face = make_image(ffmpeg, media_dir / "face.jpg")
    sandbox.fail_next(1)

    async def go() -> None:
        async with client_for(sandbox) as c:
            t = await c.upload_video(clip, JobKind.FACESWAP)
            ref = await c.create_faceswap_job(face, file_name=clip.name, target_video_url=t.public_url, duration=1.0)
            job = await wait_final(c, JobKind.FACESWAP, ref.job_id)
            assert job.status is JobStatus.FAILED
            again = await c.retry_faceswap_job(ref.job_id)
            assert again.job_id == ref.job_id
            job = await wait_final(c, JobKind.FACESWAP, ref.job_id)
            assert job.status is JobStatus.COMPLETED
            failed_only = await c.faceswap_jobs(status="failed")
            assert all(j.status is JobStatus.FAILED for j in failed_only)

    run(go())


def test_background_removal_flow(sandbox, ffmpeg, media_dir) -> None:
    img = make_image(ffmpeg, media_dir / "p.png")

    async def go() -> None:
        async with client_for(sandbox) as c:
            ref = await c.create_background_removal_job(img)
            job = await wait_final(c, JobKind.BACKGROUND_REMOVAL, ref.job_id)
            assert job.status is JobStatus.COMPLETED and job.result_url
            path = await c.download(job.result_url, media_dir / "cut.png")
            import av

            with av.open(str(path)) as ctr:
                frame = next(ctr.decode(video=0))
                assert "a" in frame.format.name  # an alpha channel

    run(go())


def test_insufficient_credits_creates_nothing(sandbox, ffmpeg, media_dir) -> None:
    clip = make_clip(ffmpeg, media_dir / "c.mp4", seconds=1)
    face = make_image(ffmpeg, media_dir / "face.png")
    sandbox.set_credits(DEMO_KEY, 2)

    async def go() -> None:
        async with client_for(sandbox) as c:
            t = await c.upload_video(clip, JobKind.FACESWAP)
            with pytest.raises(InsufficientCredits) as e:
                await c.create_faceswap_job(face, file_name="c.mp4", target_video_url=t.public_url, duration=1.0,
                                            hd=True)
            assert e.value.required == 3 and e.value.available == 2 and e.value.exit_code == 3

    run(go())
    assert sandbox.stats()["create_jobs"]["faceswap"] == 0
    assert sandbox.credits(DEMO_KEY) == 2


# -- AI proxy ------------------------------------------------------------------------------------------
def test_imagegen_and_content_policy(sandbox, media_dir) -> None:
    async def go() -> None:
        async with client_for(sandbox) as c:
            r = await c.imagegen("a red fox", n=2, quality="hd", size="256x256")
            assert len(r.images) == 2 and r.credits_consumed == Pricing.default().imagegen(2, "hd").credits
            p = await c.download(r.images[0], media_dir / "fox.png")
            assert p.read_bytes()[:4] == b"\x89PNG"
            with pytest.raises(ContentPolicyRefused):
                await c.imagegen("something forbidden")

    run(go())


def test_chat_plain_and_stream(sandbox) -> None:
    async def go() -> None:
        async with client_for(sandbox) as c:
            r = await c.chat([{"role": "user", "content": "hello"}], max_tokens=50)
            assert r.content and r.usage.total_tokens > 0 and r.credits_consumed >= 1
            parts, done = [], None
            async for ev in c.chat_stream([{"role": "user", "content": "hello"}], max_tokens=50):
                if isinstance(ev, ChatDelta):
                    parts.append(ev.content)
                else:
                    done = ev
            assert len(parts) > 3 and "".join(parts).strip() == r.content.strip()
            assert isinstance(done, ChatDone) and done.credits_consumed is not None and done.usage.total_tokens > 0
            with pytest.raises(BadRequest):
                await c.chat([{"role": "user", "content": "x"}], temperature=3.5)

    run(go())


def test_chat_stream_cancel_mid_stream(sandbox) -> None:
    async def go() -> None:
        async with client_for(sandbox) as c:
            got = []

            async def consume() -> None:
                async for ev in c.chat_stream([{"role": "user", "content": "tell me a long story"}], max_tokens=400):
                    if isinstance(ev, ChatDelta):
                        got.append(ev.content)

            task = asyncio.create_task(consume())
            for _ in range(1000):  # at most 10 s for the first three deltas
                if len(got) >= 3:
                    break
                await asyncio.sleep(0.01)
            assert len(got) >= 3
            t0 = time.monotonic()
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert time.monotonic() - t0 < 0.5
            n = len(got)
            await asyncio.sleep(0.3)
            assert len(got) == n  # nothing more arrives
            # the client is still usable
            assert (await c.me()).email

    run(go())


def test_chat_stream_dropped_connection(sandbox) -> None:
    sandbox.faults.drop_stream_after = 3

    async def go() -> None:
        async with client_for(sandbox) as c:
            got = []
            with pytest.raises(ConnectionFailed, match="dropped"):
                async for ev in c.chat_stream([{"role": "user", "content": "hello"}], max_tokens=100):
                    if isinstance(ev, ChatDelta):
                        got.append(ev.content)
            assert 0 < len(got) <= 3

    run(go())


def test_chat_needs_minimum_balance(sandbox) -> None:
    sandbox.set_credits(DEMO_KEY, 4)

    async def go() -> None:
        async with client_for(sandbox) as c:
            with pytest.raises(InsufficientCredits) as e:
                await c.chat([{"role": "user", "content": "hi"}])
            assert e.value.required == 5 and e.value.available == 4

    run(go())


def test_tts_stt_vision(sandbox, ffmpeg, media_dir) -> None:
    audio = make_audio(ffmpeg, media_dir / "talk.mp3", seconds=4)
    img = make_image(ffmpeg, media_dir / "v.png", size="320x200")

    async def go() -> None:
        async with client_for(sandbox) as c:
            t = await c.tts("Hello from the sandbox.", voice="nova", speed=1.5, response_format="mp3")
            assert t.audio_url and t.credits_consumed == 1
            out = await c.download(t.audio_url, media_dir / "hello.mp3")
            assert out.stat().st_size > 100
            s = await c.stt(audio, language="en")
            assert s.text and s.duration == pytest.approx(4.0, abs=0.2) and s.credits_consumed == 1
            v = await c.vision_upload("What size is it?", img)
            assert "320x200" in v.content and v.credits_consumed >= 1
            tgt = await c.upload_video(img, JobKind.FACESWAP)  # any URL the sandbox can fetch
            v2 = await c.vision("Describe", tgt.public_url)
            assert "320x200" in v2.content

    run(go())


# -- faults and retries ------------------------------------------------------------------------------
def test_gets_retry_5xx_and_429(sandbox) -> None:
    sandbox.faults.rate_limit_burst = 2
    sandbox.faults.rate_limit_reset = 0.3

    async def go() -> None:
        async with client_for(sandbox) as c:
            t0 = time.monotonic()
            me = await c.me()
            assert me.email
            assert time.monotonic() - t0 >= 0.25  # waited for the reset

    run(go())
    assert requests_to(sandbox, "GET", "/auth/me") == 3


def test_rate_limit_reset_as_epoch(sandbox) -> None:
    sandbox.faults.rate_limit_burst = 1
    sandbox.faults.rate_limit_reset = 0.5
    sandbox.faults.reset_style = "epoch"

    async def go() -> None:
        async with client_for(sandbox) as c:
            assert (await c.me()).email

    run(go())
    assert requests_to(sandbox, "GET", "/auth/me") == 2


def test_charging_posts_are_never_retried(sandbox) -> None:
    sandbox.faults.error_rate = 1.0
    sandbox.faults.error_paths = ("/ai/chat",)

    async def go() -> None:
        async with client_for(sandbox) as c:
            with pytest.raises((UpstreamError, ServiceUnavailable)):
                await c.chat([{"role": "user", "content": "hi"}])

    run(go())
    assert requests_to(sandbox, "POST", "/ai/chat") == 1


def test_charging_post_on_429_is_not_retried(sandbox) -> None:
    sandbox.faults.rate_limit_burst = 1
    sandbox.faults.rate_limit_reset = 2

    async def go() -> None:
        async with client_for(sandbox) as c:
            with pytest.raises(RateLimited) as e:
                await c.tts("hello")
            assert 0 < e.value.wait_seconds() <= 2.5

    run(go())
    assert requests_to(sandbox, "POST", "/ai/tts") == 1


def test_transient_errors_on_polls_are_retried(sandbox) -> None:
    sandbox.faults.error_rate = 0.5
    sandbox.faults.error_paths = ("/faceswap/jobs",)

    async def go() -> None:
        async with client_for(sandbox, retry=RetryPolicy(attempts=12, base_delay=0.01, max_delay=0.05)) as c:
            for _ in range(10):
                assert isinstance(await c.faceswap_jobs(), list)

    run(go())
    assert requests_to(sandbox, "GET", "/faceswap/jobs") > 10


def test_connection_refused_is_a_clear_error() -> None:
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()

    async def go() -> None:
        async with VergingClient(DEMO_KEY, f"http://127.0.0.1:{port}/api/v1",
                                 retry=RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.02)) as c:
            with pytest.raises(ConnectionFailed, match="Could not connect"):
                await c.me()

    run(go())


def test_download_resumes_after_a_failure(sandbox, ffmpeg, media_dir) -> None:
    import httpx

    clip = make_clip(ffmpeg, media_dir / "r.mp4", seconds=2)

    async def go() -> None:
        async with client_for(sandbox) as c:
            t = await c.upload_video(clip, JobKind.FACESWAP)
            dest = media_dir / "copy.mp4"
            # a previous attempt left half the file behind
            async with httpx.AsyncClient() as h:
                full = (await h.get(t.public_url)).content
            dest.with_name("copy.mp4.part").write_bytes(full[: len(full) // 2])
            await c.download(t.public_url, dest)
            assert dest.read_bytes() == full

    run(go())
