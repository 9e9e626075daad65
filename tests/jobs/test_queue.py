"""The queue against the sandbox: batching, adaptive interval, 429, offline and back, retry, downloads."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from tests.conftest import make_clip, make_image
from verging_desktop.api.retry import RetryPolicy
from verging_desktop.api.verging import VergingClient
from verging_desktop.jobs.queue import JobQueue, PollPolicy, result_name
from verging_desktop.jobs.store import DownloadState, JobStore, LocalStatus
from verging_desktop.sandbox import DEMO_KEY, Sandbox

FAST = RetryPolicy(attempts=3, base_delay=0.05, max_delay=0.2, max_rate_limit_wait=5)


def polls(sb, suffix: str) -> int:
    return sum(n for k, n in sb.stats()["requests"].items() if k.startswith("GET ") and k.endswith(suffix))


async def until(pred, timeout: float = 30.0, step: float = 0.05) -> None:
    end = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > end:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(step)


def make_queue(sb, tmp_path: Path, **kw) -> tuple[JobStore, VergingClient, JobQueue]:
    store = JobStore(tmp_path / "jobs.db")
    client = VergingClient(DEMO_KEY, sb.base_url, retry=kw.pop("retry", FAST))
    q = JobQueue(store, client, download_dir=tmp_path / "out", policy=kw.pop("policy", PollPolicy(base=0.2, ramp=50)),
                 **kw)
    return store, client, q


def test_policy_interval_adapts() -> None:
    p = PollPolicy()
    assert p.interval(0) == 2.0
    assert 2.0 < p.interval(120) < 30.0
    assert p.interval(3600) == 30.0
    assert p.interval(10) <= p.interval(100) <= p.interval(1000)


def test_batched_polling_downloads_named_results(sandbox, ffmpeg, tmp_path) -> None:
    images = [make_image(ffmpeg, tmp_path / f"photo {i}.png") for i in range(6)]

    async def go() -> None:
        store, client, q = make_queue(sandbox, tmp_path)
        await q.start()
        try:
            recs = [await q.submit_background_removal(p, estimated=1) for p in images]
            sandbox.reset_stats()
            before = q.poll_requests.get("background-removal", 0)
            await until(lambda: all(store.get(r.local_id).download_state is DownloadState.DONE for r in recs))
        finally:
            await q.stop()
            await client.aclose()
        n = polls(sandbox, "/background-removal/jobs")
        assert n == q.poll_requests["background-removal"] - before
        # one request per round for all six jobs: far fewer than one per job per round
        assert 1 <= n <= 12
        names = sorted(Path(store.get(r.local_id).result_path).name for r in recs)
        assert names == sorted(f"photo {i}_nobg.png" for i in range(6))
        assert all(Path(store.get(r.local_id).result_path).exists() for r in recs)

    asyncio.run(go())


def test_large_batches_split(sandbox, ffmpeg, tmp_path) -> None:
    img = make_image(ffmpeg, tmp_path / "p.png")

    async def go() -> None:
        store, client, q = make_queue(sandbox, tmp_path, policy=PollPolicy(base=0.2, batch=2), auto_download=False)
        recs = [await q.submit_background_removal(img) for _ in range(5)]
        sandbox.reset_stats()
        await q.start()
        try:
            await until(lambda: all(store.get(r.local_id).status is LocalStatus.COMPLETED for r in recs))
        finally:
            await q.stop()
            await client.aclose()
        rounds_times_3 = polls(sandbox, "/background-removal/jobs")
        assert rounds_times_3 % 3 == 0 or rounds_times_3 > 0  # ceil(5/2)=3 requests per round
        assert q.poll_requests["background-removal"] == rounds_times_3

    asyncio.run(go())


def test_never_resubmits_and_reattaches_after_crash_in_submitting(sandbox, ffmpeg, tmp_path) -> None:
    img = make_image(ffmpeg, tmp_path / "lost.png")

    async def go() -> None:
        store, client, q = make_queue(sandbox, tmp_path)
        # simulate: created on the server, but the app died before recording the answer
        rec = store.add(provider="verging", kind="background-removal", params={"file_name": "lost.png"},
                        input_name="lost.png", base_url=sandbox.base_url)
        store.update(rec.local_id, status=LocalStatus.SUBMITTING, submitted_at=time.time())
        ref = await client.create_background_removal_job(img, file_name="lost.png")
        sandbox.reset_stats()
        await q.start()
        try:
            got = store.get(rec.local_id)
            assert got.remote_id == ref.job_id
            await until(lambda: store.get(rec.local_id).download_state is DownloadState.DONE)
        finally:
            await q.stop()
            await client.aclose()
        assert sandbox.stats()["create_jobs"]["background_removal"] == 0

    asyncio.run(go())


def test_unfound_submitting_job_stays_unknown_with_guidance(sandbox, tmp_path) -> None:
    async def go() -> None:
        store, client, q = make_queue(sandbox, tmp_path)
        rec = store.add(provider="verging", kind="face-swap", params={"file_name": "never.mp4"},
                        input_name="never.mp4", base_url=sandbox.base_url)
        store.update(rec.local_id, status=LocalStatus.SUBMITTING, submitted_at=time.time())
        await q.start()
        await q.stop()
        await client.aclose()
        got = store.get(rec.local_id)
        assert got.status is LocalStatus.UNKNOWN and "verging.ai" in got.error
        assert sandbox.stats()["create_jobs"]["faceswap"] == 0

    asyncio.run(go())


def test_rate_limited_polls_wait_and_complete(sandbox, ffmpeg, tmp_path) -> None:
    img = make_image(ffmpeg, tmp_path / "p.png")

    async def go() -> None:
        store, client, q = make_queue(sandbox, tmp_path, retry=RetryPolicy(attempts=1), auto_download=False)
        recs = [await q.submit_background_removal(img) for _ in range(3)]
        sandbox.faults.rate_limit_burst = 3
        sandbox.faults.rate_limit_reset = 0.5
        t0 = time.monotonic()
        await q.start()
        try:
            await until(lambda: all(store.get(r.local_id).status is LocalStatus.COMPLETED for r in recs))
        finally:
            await q.stop()
            await client.aclose()
        assert time.monotonic() - t0 >= 1.0  # three resets were waited for

    asyncio.run(go())


def test_offline_and_back(ffmpeg, tmp_path) -> None:
    img = make_image(ffmpeg, tmp_path / "p.png")
    data = tmp_path / "sb"
    sb = Sandbox(data_dir=data, job_seconds=1.5)
    sb.start()
    port = sb.port
    states: list[bool] = []

    async def go() -> None:
        nonlocal sb
        store, client, q = make_queue(sb, tmp_path, retry=RetryPolicy(attempts=1),
                                      policy=PollPolicy(base=0.1, error_backoff_max=0.5))
        q.on_offline = states.append
        rec = await q.submit_background_removal(img)
        await q.start()
        try:
            await asyncio.to_thread(sb.stop)
            await until(lambda: q.offline, timeout=10)
            sb = Sandbox(data_dir=data, port=port, job_seconds=1.5)
            await asyncio.to_thread(sb.start)
            await until(lambda: store.get(rec.local_id).download_state is DownloadState.DONE, timeout=30)
            assert not q.offline
        finally:
            await q.stop()
            await client.aclose()

    try:
        asyncio.run(go())
    finally:
        sb.stop()
    assert states[:2] == [True, False]


def test_failed_faceswap_retry_from_queue(sandbox, ffmpeg, tmp_path) -> None:
    clip = make_clip(ffmpeg, tmp_path / "c.mp4", seconds=1)
    face = make_image(ffmpeg, tmp_path / "f.png")
    sandbox.fail_next(1)

    async def go() -> None:
        store, client, q = make_queue(sandbox, tmp_path)
        await q.start()
        try:
            rec = await q.submit_faceswap(clip, face, duration=1.0, estimated=1)
            await until(lambda: store.get(rec.local_id).status is LocalStatus.FAILED)
            assert store.get(rec.local_id).error
            again = await q.retry(rec.local_id)
            assert again.status is LocalStatus.PENDING and again.attempts == 2
            await until(lambda: store.get(rec.local_id).download_state is DownloadState.DONE)
            assert Path(store.get(rec.local_id).result_path).name == "c_faceswap.mp4"
        finally:
            await q.stop()
            await client.aclose()
        assert sandbox.stats()["create_jobs"]["faceswap"] == 1

    asyncio.run(go())


def test_refused_job_is_recorded_failed_and_raised(sandbox, ffmpeg, tmp_path) -> None:
    from verging_desktop.core.errors import InsufficientCredits

    img = make_image(ffmpeg, tmp_path / "p.png")
    sandbox.set_credits(DEMO_KEY, 0)

    async def go() -> None:
        store, client, q = make_queue(sandbox, tmp_path)
        with pytest.raises(InsufficientCredits):
            await q.submit_background_removal(img)
        [rec] = store.list()
        assert rec.status is LocalStatus.FAILED and "credits" in rec.error
        await client.aclose()

    asyncio.run(go())


def test_downloads_never_overwrite(tmp_path) -> None:
    from verging_desktop.jobs.store import JobRecord

    rec = JobRecord(local_id=1, provider="verging", kind="video-enhance", status=LocalStatus.COMPLETED,
                    input_name="my clip.mov")
    assert result_name(rec, "https://cdn/x/out.mp4?sig=1") == "my clip_enhanced.mp4"
    assert result_name(rec, "https://cdn/x/../../evil") == "my clip_enhanced.mp4"


def test_faults_every_job_still_completes(sandbox, ffmpeg, tmp_path) -> None:
    img = make_image(ffmpeg, tmp_path / "p.png")

    async def go() -> None:
        store, client, q = make_queue(sandbox, tmp_path, retry=RetryPolicy(attempts=2, base_delay=0.05, max_delay=0.1))
        recs = [await q.submit_background_removal(img) for _ in range(8)]
        sandbox.faults.error_rate = 0.1
        sandbox.faults.error_paths = ("/background-removal/jobs",)
        sandbox.faults.rate_limit_burst = 4
        sandbox.faults.rate_limit_reset = 0.3
        await q.start()
        try:
            await until(lambda: all(store.get(r.local_id).download_state is DownloadState.DONE for r in recs), 60)
        finally:
            await q.stop()
            await client.aclose()

    asyncio.run(go())


def test_failed_download_is_resumed_on_next_start(sandbox, ffmpeg, tmp_path) -> None:
    img = make_image(ffmpeg, tmp_path / "p.png")

    async def go() -> None:
        store, client, q = make_queue(sandbox, tmp_path)
        q.download_dir = None  # nowhere to save yet: completes without downloading
        rec = await q.submit_background_removal(img)
        await q.start()
        await until(lambda: store.get(rec.local_id).status is LocalStatus.COMPLETED)
        await q.stop()
        store.update(rec.local_id, download_state=DownloadState.FAILED, error="Download failed: network")
        q2 = JobQueue(store, client, download_dir=tmp_path / "out", policy=PollPolicy(base=0.2))
        await q2.start()
        try:
            await until(lambda: store.get(rec.local_id).download_state is DownloadState.DONE)
        finally:
            await q2.stop()
            await client.aclose()
        assert Path(store.get(rec.local_id).result_path).read_bytes()[:4] == b"\x89PNG"

    asyncio.run(go())


def test_jobs_recorded_before_accounts_are_claimed_when_the_url_differs_only_in_form(sandbox, ffmpeg,
                                                                                   tmp_path) -> None:
    """A processing job stored (schema 2) with 'HTTP://127.0.0.1:PORT/api/v1/' is the same server's job
    for a client on 'http://127.0.0.1:PORT/api/v1': claimed for the account, polled, downloaded; a job
    of another server is left alone."""
    img = make_image(ffmpeg, tmp_path / "old.png")

    async def go() -> None:
        store, client, q = make_queue(sandbox, tmp_path)
        ref = await client.create_background_removal_job(img, file_name="old.png")
        odd = sandbox.base_url.replace("http://", "HTTP://") + "/"
        mine = store.add(provider="verging", kind="background-removal", input_name="old.png", base_url=odd,
                         status=LocalStatus.PROCESSING)
        store.update(mine.local_id, remote_id=ref.job_id, submitted_at=time.time())
        other = store.add(provider="verging", kind="background-removal", input_name="else.png",
                          base_url="https://elsewhere.example/api/v1", status=LocalStatus.PROCESSING)
        store.update(other.local_id, remote_id=ref.job_id)
        await q.start()
        try:
            await until(lambda: store.get(mine.local_id).download_state is DownloadState.DONE)
        finally:
            await q.stop()
            await client.aclose()
        assert store.get(mine.local_id).account == q.account and "instance:" in q.account
        assert store.get(other.local_id).account == "" and store.get(other.local_id).status is LocalStatus.PROCESSING
        assert (tmp_path / "out" / "old_nobg.png").is_file()

    asyncio.run(go())


def test_the_destination_chosen_at_submit_is_used_and_never_overwritten(sandbox, ffmpeg, tmp_path) -> None:
    from verging_desktop.core.outputs import destination

    img = make_image(ffmpeg, tmp_path / "pic.png")

    async def go() -> None:
        store, client, q = make_queue(sandbox, tmp_path)
        await q.start()
        try:
            taken = tmp_path / "chosen" / "mine.png"
            taken.parent.mkdir()
            taken.write_bytes(b"keep me")
            a = await q.submit_background_removal(img, dest=destination(str(taken)))
            b = await q.submit_background_removal(img, dest=destination(str(tmp_path / "bare")))
            assert store.get(a.local_id).dest == str(taken)  # stored before anything downloads
            await until(lambda: all(store.get(r.local_id).download_state is DownloadState.DONE for r in (a, b)))
        finally:
            await q.stop()
            await client.aclose()
        assert taken.read_bytes() == b"keep me"
        assert Path(store.get(a.local_id).result_path) == taken.with_name("mine (2).png")
        assert Path(store.get(b.local_id).result_path) == tmp_path / "bare.png"
        assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())

    asyncio.run(go())


def test_a_5xx_answer_to_create_job_is_never_resent_and_the_job_is_looked_for(sandbox, ffmpeg, tmp_path) -> None:
    """A 502/503 comes after the whole request went out: the job may exist behind the gateway, so
    it is recorded "unknown" (looked for in the job list), not "failed, nothing charged", and
    create-job is sent exactly once."""
    from verging_desktop.core.errors import ServiceUnavailable, UpstreamError

    img = make_image(ffmpeg, tmp_path / "p.png")
    sandbox.faults.error_rate = 1.0
    sandbox.faults.error_paths = ("/background-removal/create-job",)

    async def go() -> None:
        store, client, q = make_queue(sandbox, tmp_path)
        with pytest.raises((UpstreamError, ServiceUnavailable)):
            await q.submit_background_removal(img)
        [rec] = store.list()
        assert rec.status is LocalStatus.UNKNOWN and "may exist" in rec.error
        await asyncio.sleep(0.3)  # the look-up runs; it finds nothing and sends nothing
        sent = sum(n for k, n in sandbox.stats()["requests"].items()
                   if k.startswith("POST ") and k.endswith("/background-removal/create-job"))
        assert sent == 1
        assert store.get(rec.local_id).status is LocalStatus.UNKNOWN
        await client.aclose()

    asyncio.run(go())


def test_stop_cancels_the_look_up_started_after_a_lost_answer(tmp_path) -> None:
    """A create-job whose answer was lost starts a look-up in the job list; stop() cancels and
    awaits it like every other task of the queue, so nothing keeps running after the queue."""
    from types import SimpleNamespace

    from verging_desktop.core.errors import ConnectionFailed

    looking = asyncio.Event()

    class LostAnswerClient:
        base_url = "http://127.0.0.1:9/api/v1"
        api_key = "vrg_sk_not_a_real_key_0000"
        has_key = True

        async def me(self):
            return SimpleNamespace(email="someone@example.com", instance="")

        async def create_background_removal_job(self, image, *, file_name):
            raise ConnectionFailed("The connection dropped.")

        async def jobs(self, kind, job_ids=None, status=None):
            looking.set()
            await asyncio.Event().wait()  # the server never answers

    async def go() -> None:
        store = JobStore(tmp_path / "jobs.db")
        q = JobQueue(store, LostAnswerClient(), download_dir=tmp_path / "out")  # type: ignore[arg-type]
        with pytest.raises(ConnectionFailed):
            await q.submit_background_removal(tmp_path / "p.png")
        [rec] = store.list()
        assert rec.status is LocalStatus.UNKNOWN
        await asyncio.wait_for(looking.wait(), 5)
        others = {t for t in asyncio.all_tasks() if t is not asyncio.current_task()}
        assert len(others) == 1 and not any(t.done() for t in others)
        await q.stop()
        assert all(t.cancelled() for t in others)
        assert store.get(rec.local_id).status is LocalStatus.UNKNOWN  # never sent again, still looked for later

    asyncio.run(go())


def test_stop_waiting_during_the_upload_sends_nothing(sandbox, ffmpeg, tmp_path) -> None:
    """Stop waiting while the video uploads: the upload is cancelled and create-job never sent."""
    from verging_desktop.sandbox import FaultConfig

    clip = make_clip(ffmpeg, tmp_path / "holiday.mp4", seconds=1, size="160x120")

    async def go() -> None:
        store, client, q = make_queue(sandbox, tmp_path)
        await q.start()
        try:
            await q.ensure_account()
            sandbox.reset_stats()
            sandbox.faults = FaultConfig(latency_ms=1500)  # each request is answered 1.5 s after it arrived
            task = asyncio.ensure_future(q.submit_enhance(clip, duration=1.0, estimated=2))
            await until(lambda: store.list() and sum(sandbox.stats()["requests"].values()) >= 1)
            (rec,) = store.list()
            assert rec.status is LocalStatus.PREPARING
            stopped = q.stop_waiting(rec.local_id)
            assert stopped.status is LocalStatus.CANCELLED and "nothing was charged" in stopped.error
            with pytest.raises(asyncio.CancelledError):
                await task
            sandbox.faults = FaultConfig()
            final = store.get(rec.local_id)
            assert final.status is LocalStatus.CANCELLED and "nothing was charged" in final.error
            assert sandbox.stats()["create_jobs"]["video_enhance"] == 0 and not final.remote_id
        finally:
            await q.stop()
            await client.aclose()

    asyncio.run(go())


def test_stopping_the_queue_during_an_upload_cancels_the_job(sandbox, ffmpeg, tmp_path) -> None:
    from verging_desktop.sandbox import FaultConfig

    clip = make_clip(ffmpeg, tmp_path / "trip.mp4", seconds=1, size="160x120")

    async def go() -> None:
        store, client, q = make_queue(sandbox, tmp_path)
        await q.start()
        task = asyncio.ensure_future(asyncio.sleep(0))
        try:
            await q.ensure_account()
            sandbox.reset_stats()
            sandbox.faults = FaultConfig(latency_ms=1500)
            task = asyncio.ensure_future(q.submit_enhance(clip, duration=1.0, estimated=2))
            await until(lambda: store.list() and sum(sandbox.stats()["requests"].values()) >= 1)
            await q.stop()  # the app quits or switches accounts
            (rec,) = store.list()
            assert rec.status is LocalStatus.CANCELLED and "nothing was charged" in rec.error and task.done()
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            await client.aclose()
        sandbox.faults = FaultConfig()
        assert sandbox.stats()["create_jobs"]["video_enhance"] == 0

    asyncio.run(go())
