"""The Vimmerse queue against the sandbox's Vimmerse paths: submit -> poll -> download, several
results, a lost answer, Retry-After, requests in flight, the interval growing with age, whose jobs.

Schedules are driven by a fake clock (:class:`FakeClock`) where they are about time: the tests
count requests the sandbox received, they never measure how long anything took."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import av
import pytest

from tests.conftest import make_clip, make_image
from verging_desktop.api.retry import RetryPolicy
from verging_desktop.api.vimmerse import CropRequest, ReferenceToVideoRequest, VimmerseClient
from verging_desktop.core.errors import NotSent, ServerError, TransportError, UpstreamError
from verging_desktop.core.identity import account_identity
from verging_desktop.core.outputs import Destination
from verging_desktop.jobs.store import DownloadState, JobStore, LocalStatus
from verging_desktop.jobs.vimmerse_queue import AssetPollPolicy, VimmerseQueue
from verging_desktop.sandbox import FaultConfig, Sandbox

FAST = RetryPolicy(attempts=3, base_delay=0.05, max_delay=0.2, max_rate_limit_wait=5)
ONCE = RetryPolicy(attempts=1, base_delay=0.05, max_delay=0.2, max_rate_limit_wait=0)


class FakeClock:
    """The queue's clock, moved by the test."""

    def __init__(self, start: float | None = None) -> None:
        self.now = time.time() if start is None else start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


async def until(pred, timeout: float = 60.0, step: float = 0.05) -> None:
    end = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > end:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(step)


def requests(sb: Sandbox, method: str, suffix: str) -> int:
    return sum(n for k, n in sb.stats()["requests"].items() if k.startswith(method + " ") and k.endswith(suffix))


def asset_reads(sb: Sandbox, asset_id: str | None = None) -> int:
    return sum(n for k, n in sb.stats()["requests"].items()
               if k.startswith("GET ") and "/asset/" in k and (asset_id is None or k.endswith("/" + asset_id)))


@pytest.fixture
def vsb(tmp_path: Path):
    """A sandbox whose Vimmerse assets finish quickly."""
    sb = Sandbox(data_dir=tmp_path / "vsb", job_seconds=1.0)
    sb.start()
    try:
        yield sb
    finally:
        sb.stop()


@pytest.fixture
def slow_sb(tmp_path: Path):
    """A sandbox whose Vimmerse assets stay open for the whole test."""
    sb = Sandbox(data_dir=tmp_path / "slow", job_seconds=3600.0)
    sb.start()
    try:
        yield sb
    finally:
        sb.stop()


def make_queue(sb: Sandbox, tmp_path: Path, *, retry: RetryPolicy = FAST, **kw) -> tuple[JobStore, VimmerseClient,
                                                                                         VimmerseQueue]:
    store = kw.pop("store", None) or JobStore(tmp_path / "jobs.db")
    client = VimmerseClient(sb.vimmerse_demo_key, sb.vimmerse_url, retry=retry)
    account = kw.pop("account", account_identity("vimmerse", sb.vimmerse_url, "test", ""))
    q = VimmerseQueue(store, client, download_dir=kw.pop("download_dir", tmp_path / "out"),
                      policy=kw.pop("policy", AssetPollPolicy(base=0.2, ramp=50)), account=account, **kw)
    return store, client, q


def video_size(path: Path) -> tuple[int, int]:
    with av.open(str(path)) as c:
        s = c.streams.video[0]
        return s.codec_context.width, s.codec_context.height


# -- submit, poll, download -----------------------------------------------------------------------
def test_submit_poll_download_a_crop(vsb, ffmpeg, tmp_path) -> None:
    clip = make_clip(ffmpeg, tmp_path / "beach day.mp4", seconds=2, size="320x180")

    async def go() -> None:
        store, client, q = make_queue(vsb, tmp_path)
        await q.start()
        try:
            rec = await q.submit(CropRequest(video_url=str(clip), aspect_ratio="9:16"), input_name=clip.name,
                                 estimated=3, duration=2.0)
            assert rec.provider == "vimmerse" and rec.kind == "vimmerse-crop" and rec.remote_id
            assert rec.status in (LocalStatus.PENDING, LocalStatus.PROCESSING, LocalStatus.COMPLETED)
            # the hosted URL of the local file is stored with the job; the request keeps the local path
            hosted = rec.params["hosted"]
            assert list(hosted) == [str(clip)] and hosted[str(clip)].startswith("http://127.0.0.1")
            assert rec.params["request"]["video_url"] == str(clip) and rec.inputs == [str(clip)]
            await until(lambda: store.get(rec.local_id).download_state is DownloadState.DONE)
            done = store.get(rec.local_id)
        finally:
            await q.stop()
            await client.aclose()
        assert done.status is LocalStatus.COMPLETED and done.error is None
        out = Path(done.result_path)
        assert out == tmp_path / "out" / "beach day_cropped.mp4" and out.is_file()
        w, h = video_size(out)
        assert w < h  # cropped to a portrait frame
        assert done.params["result_paths"] == [str(out)] and done.result_url == done.params["result_urls"][0]
        assert done.charged_credits is not None and done.charged_credits > 0  # the asset's credits
        assert requests(vsb, "POST", "/v2/video/crop-to-aspect-ratio") == 1
        assert not list((tmp_path / "out").glob("*.part"))

    asyncio.run(go())


def test_quantity_three_downloads_three_files_never_overwriting(vsb, ffmpeg, tmp_path) -> None:
    img = make_image(ffmpeg, tmp_path / "portrait.png")
    out = tmp_path / "gallery"
    out.mkdir()
    (out / "portrait_generated_2.mp4").write_bytes(b"someone else's clip")

    async def go() -> None:
        store, client, q = make_queue(vsb, tmp_path)
        await q.start()
        try:
            req = ReferenceToVideoRequest(image_urls=(str(img),), prompt="a slow pan", quantity=3, duration=1)
            rec = await q.submit(req, input_name=img.name, estimated=30, dest=Destination(out, True))
            await until(lambda: store.get(rec.local_id).download_state is DownloadState.DONE, 120)
            done = store.get(rec.local_id)
        finally:
            await q.stop()
            await client.aclose()
        paths = [Path(p) for p in done.params["result_paths"]]
        assert [p.name for p in paths] == ["portrait_generated_1.mp4", "portrait_generated_2 (2).mp4",
                                           "portrait_generated_3.mp4"]
        assert Path(done.result_path) == paths[0] and len(done.params["result_urls"]) == 3
        assert all(p.parent == out and p.stat().st_size > 1000 for p in paths)
        assert (out / "portrait_generated_2.mp4").read_bytes() == b"someone else's clip"
        assert not list(out.glob("*.part"))
        # asked again, nothing is downloaded twice
        again = await q.download(rec.local_id)
        assert again == paths[0] and sorted(p.name for p in out.iterdir()) == sorted(
            [p.name for p in paths] + ["portrait_generated_2.mp4"])

    asyncio.run(go())


def test_a_new_destination_replaces_the_planned_one(vsb, ffmpeg, tmp_path) -> None:
    """``jobs wait -o`` after a crash mid-download: the partial files at the old place go, the
    results land at the new one."""
    img = make_image(ffmpeg, tmp_path / "ref.png")
    old, new = tmp_path / "old", tmp_path / "new"

    async def go() -> None:
        store, client, q = make_queue(vsb, tmp_path, auto_download=False)
        await q.start()
        try:
            req = ReferenceToVideoRequest(image_urls=(str(img),), prompt="pan", quantity=2, duration=1)
            rec = await q.submit(req, input_name=img.name, estimated=20, dest=Destination(old, True))
            await until(lambda: store.get(rec.local_id).status is LocalStatus.COMPLETED, 120)
            # what a download stopped by a crash leaves: its planned names claimed by .part files
            planned = [q.planned_target(store.get(rec.local_id), i) for i in (1, 2)]
            old.mkdir()
            for p in planned:
                p.with_name(p.name + ".part").write_bytes(b"partial")
            cur = store.get(rec.local_id)
            store.update(rec.local_id, result_path=str(planned[0]),
                         params={**cur.params, "result_paths": [str(p) for p in planned], "results_saved": 0})
            q.set_destination([rec.local_id], Destination(new, True))
            assert list(old.iterdir()) == []
            first = await q.download(rec.local_id)
        finally:
            await q.stop()
            await client.aclose()
        assert first == new / "ref_generated_1.mp4"
        assert sorted(p.name for p in new.iterdir()) == ["ref_generated_1.mp4", "ref_generated_2.mp4"]

    asyncio.run(go())


# -- money: sent once --------------------------------------------------------------------------------
def test_a_lost_answer_is_unknown_never_resent_and_a_manual_resend_uploads_nothing_again(vsb, ffmpeg,
                                                                                          tmp_path) -> None:
    clip = make_clip(ffmpeg, tmp_path / "talk.mp4", seconds=2, size="160x120")

    async def go() -> None:
        store, client, q = make_queue(vsb, tmp_path)
        await q.start()
        try:
            # the create route answers 502 once the request went out: the asset may exist
            vsb.faults = FaultConfig(error_rate=1.0, error_paths=("/v2/video/crop-to-aspect-ratio",))
            with pytest.raises((UpstreamError, ServerError)):
                await q.submit(CropRequest(video_url=str(clip), aspect_ratio="1:1"), input_name=clip.name,
                               estimated=3)
            vsb.faults = FaultConfig()
            lost = store.list()[0]
            assert lost.status is LocalStatus.UNKNOWN and not lost.remote_id
            assert "may have been created on Vimmerse" in lost.error and "vimmerse.net" in lost.error
            assert "will not send it again" in lost.error
            sent = requests(vsb, "POST", "/v2/video/crop-to-aspect-ratio")
            uploads = requests(vsb, "POST", "/v2/video")
            assert sent == 1
            q.refresh()
            for _ in range(10):  # polling rounds: an unknown job is never read or sent
                await q.poll_due()
                await asyncio.sleep(0.05)
            assert requests(vsb, "POST", "/v2/video/crop-to-aspect-ratio") == 1 and asset_reads(vsb) == 0
            # sent again by hand: a new job, the hosted file used again (no second upload)
            again = await q.resend(lost.local_id)
            assert again.local_id != lost.local_id and again.remote_id
            assert again.params["hosted"] == lost.params["hosted"] and again.params["resent_from"] == lost.local_id
            assert requests(vsb, "POST", "/v2/video/crop-to-aspect-ratio") == 2
            assert requests(vsb, "POST", "/v2/video") == uploads
            await until(lambda: store.get(again.local_id).download_state is DownloadState.DONE)
            assert store.get(lost.local_id).status is LocalStatus.UNKNOWN
        finally:
            await q.stop()
            await client.aclose()

    asyncio.run(go())


def test_an_answer_dropped_after_the_asset_was_made_is_unknown_and_charged_once(vsb, ffmpeg, tmp_path) -> None:
    """The sandbox creates (and charges) the asset, then resets the connection instead of answering."""
    clip = make_clip(ffmpeg, tmp_path / "cut.mp4", seconds=1, size="160x120")

    async def go() -> None:
        store, client, q = make_queue(vsb, tmp_path)
        await q.start()
        try:
            before = vsb.vimmerse_credits(vsb.vimmerse_demo_key)
            vsb.faults = FaultConfig(drop_answer_next=1, error_paths=("/v2/video/crop-to-aspect-ratio",))
            with pytest.raises(TransportError):
                await q.submit(CropRequest(video_url=str(clip), aspect_ratio="4:5"), input_name=clip.name,
                               estimated=3)
            vsb.faults = FaultConfig()
            rec = store.list()[0]
            assert rec.status is LocalStatus.UNKNOWN and "vimmerse.net" in rec.error
            for _ in range(5):
                await q.poll_due()
            assert vsb.vimmerse_stats()["created"].get("crop-to-aspect-ratio") == 1  # made once, never again
            assert requests(vsb, "POST", "/v2/video/crop-to-aspect-ratio") == 1
            assert vsb.vimmerse_credits(vsb.vimmerse_demo_key) < before  # it was charged: the words say to check
        finally:
            await q.stop()
            await client.aclose()

    asyncio.run(go())


def test_not_sent_fails_with_nothing_charged(tmp_path) -> None:
    """Nothing listens at the address: create() never left, the job failed and says nothing was charged."""

    async def go() -> None:
        store = JobStore(tmp_path / "jobs.db")
        client = VimmerseClient("made-up-key-" + "x" * 8, "http://127.0.0.1:9", retry=ONCE)
        q = VimmerseQueue(store, client, account="vimmerse|127.0.0.1:9|test")
        await q.start()
        try:
            with pytest.raises(NotSent):
                await q.submit(CropRequest(video_url="https://cdn.example/clip.mp4"), input_name="clip.mp4",
                               estimated=1)
        finally:
            await q.stop()
            await client.aclose()
        rec = store.list()[0]
        assert rec.status is LocalStatus.FAILED and rec.error.endswith("Nothing was charged.")

    asyncio.run(go())


def test_no_account_sends_nothing(vsb, tmp_path) -> None:
    async def go() -> None:
        store, client, q = make_queue(vsb, tmp_path, account=None)
        try:
            from verging_desktop.core.errors import InputError

            with pytest.raises(InputError, match="Vimmerse API key"):
                await q.submit(CropRequest(video_url="https://cdn.example/c.mp4"), input_name="c.mp4", estimated=1)
        finally:
            await client.aclose()
        assert store.list() == [] and requests(vsb, "POST", "/v2/video") == 0

    asyncio.run(go())


# -- polling -----------------------------------------------------------------------------------------
async def _open_assets(q: VimmerseQueue, n: int, clip: Path) -> list[int]:
    """``n`` open crops of one clip, hosted once (its URL is passed on without another upload)."""
    url = await q.client.host(clip, "video")
    ids = []
    for i in range(n):
        rec = await q.submit(CropRequest(video_url=url), input_name=f"c{i}.mp4", estimated=1)
        ids.append(rec.local_id)
    return ids


@pytest.fixture
def clip(ffmpeg, tmp_path: Path) -> Path:
    return make_clip(ffmpeg, tmp_path / "clip.mp4", seconds=1, size="160x120")


def test_retry_after_pauses_every_read_until_the_reset(slow_sb, clip, tmp_path) -> None:
    clock = FakeClock()

    async def go() -> None:
        store, client, q = make_queue(slow_sb, tmp_path, retry=ONCE, clock=clock,
                                      policy=AssetPollPolicy(base=2.0, ramp=20, concurrency=1))
        q._sem = asyncio.Semaphore(1)  # what start() makes; the test drives the schedule itself
        try:
            await _open_assets(q, 3, clip)
            clock.advance(5)
            slow_sb.reset_stats()
            slow_sb.faults = FaultConfig(rate_limit_burst=1, rate_limit_reset=30)
            await q.poll_due()
            assert asset_reads(slow_sb) == 1  # answered 429, Retry-After 30: the others wait too
            reads = 0
            for _ in range(58):  # 29 s in half seconds: nothing is asked
                clock.advance(0.5)
                await q.poll_due()
                reads = asset_reads(slow_sb)
            assert reads == 1
            clock.advance(1.5)
            await q.poll_due()
            assert asset_reads(slow_sb) == 4  # after the reset every asset is read again
        finally:
            await client.aclose()

    asyncio.run(go())


def test_each_asset_on_its_own_schedule_slower_as_it_ages(slow_sb, clip, tmp_path) -> None:
    """Over 300 s of the fake clock: an asset an hour old is read every 30 s, a new one every 2 s and
    more slowly as it ages; the counts are the sandbox's."""
    clock = FakeClock()

    async def go() -> None:
        store, client, q = make_queue(slow_sb, tmp_path, clock=clock, policy=AssetPollPolicy(base=2, max=30, ramp=20))
        q._sem = asyncio.Semaphore(4)
        try:
            young, old = await _open_assets(q, 2, clip)
            store.update(old, submitted_at=clock() - 3600)
            ids = {lid: store.get(lid).remote_id for lid in (young, old)}
            slow_sb.reset_stats()
            for _ in range(600):
                await q.poll_due()
                clock.advance(0.5)
            n_young, n_old = asset_reads(slow_sb, ids[young]), asset_reads(slow_sb, ids[old])
        finally:
            await client.aclose()
        assert 10 <= n_old <= 11          # every 30 s
        assert n_young > 2 * n_old        # quick while young ...
        assert n_young < 300 / 2          # ... and slower than every 2 s as it ages
        assert sum(q.poll_requests.values()) == n_young + n_old

    asyncio.run(go())


def test_at_most_n_reads_in_flight(slow_sb, clip, tmp_path) -> None:
    async def go() -> None:
        store, client, q = make_queue(slow_sb, tmp_path, policy=AssetPollPolicy(base=0.2, ramp=50, concurrency=3))
        try:
            await _open_assets(q, 12, clip)
            slow_sb.reset_stats()
            slow_sb.faults = FaultConfig(latency_ms=300)
            await q.start()
            await until(lambda: asset_reads(slow_sb) >= 24)
        finally:
            await q.stop()
            await client.aclose()
        stats = slow_sb.stats()
        assert 2 <= stats["max_in_flight"] <= 3  # counted by the server
        assert q.max_in_flight <= 3

    asyncio.run(go())


def test_jobs_of_another_account_are_not_read(slow_sb, clip, tmp_path) -> None:
    async def go() -> None:
        store, client, q = make_queue(slow_sb, tmp_path)
        other = VimmerseQueue(store, client, account="vimmerse|elsewhere|someone")
        try:
            mine = await _open_assets(q, 1, clip)
            q.identify("vimmerse|127.0.0.1|another-profile")  # the user switched profile
            q._sem = asyncio.Semaphore(4)
            slow_sb.reset_stats()
            for _ in range(5):
                await q.poll_due()
            assert asset_reads(slow_sb) == 0 and store.get(mine[0]).status.open
            assert other.open_jobs() == [] and q.open_jobs() == []
        finally:
            await client.aclose()

    asyncio.run(go())


def test_a_refused_key_pauses_reads_until_refresh(slow_sb, clip, tmp_path) -> None:
    clock = FakeClock()

    async def go() -> None:
        store, client, q = make_queue(slow_sb, tmp_path, retry=ONCE, clock=clock)
        q._sem = asyncio.Semaphore(4)
        told = []
        q.on_auth_error = told.append
        try:
            await _open_assets(q, 2, clip)
            good = client.api_key
            client.api_key = "made-up-" + "y" * 12
            clock.advance(5)
            slow_sb.reset_stats()
            for _ in range(40):
                await q.poll_due()
                clock.advance(1)
            assert 1 <= asset_reads(slow_sb) <= 2 and len(told) == 1  # told once, then quiet
            client.api_key = good
            q.refresh()  # a new key
            await q.poll_due()
            assert asset_reads(slow_sb) >= 3
        finally:
            await client.aclose()

    asyncio.run(go())


def test_offline_backs_off_the_provider_and_comes_back_by_itself(slow_sb, clip, tmp_path) -> None:
    clock = FakeClock()

    async def go() -> None:
        store, client, q = make_queue(slow_sb, tmp_path, retry=ONCE, clock=clock,
                                      policy=AssetPollPolicy(base=2, ramp=10))
        q._sem = asyncio.Semaphore(4)
        told: list[bool] = []
        q.on_offline = told.append
        try:
            await _open_assets(q, 3, clip)
            good = client.base_url
            client.base_url = "http://127.0.0.1:9"  # nothing listens: the network is gone
            clock.advance(5)
            await q.poll_due()
            assert q.offline and told == [True] and sum(q.poll_requests.values()) == 3
            for _ in range(6):  # 3 s: the whole provider waits (4 s after the first failure)
                clock.advance(0.5)
                await q.poll_due()
            assert sum(q.poll_requests.values()) == 3
            client.base_url = good  # the network is back
            clock.advance(1.5)
            await q.poll_due()
            assert not q.offline and told == [True, False] and sum(q.poll_requests.values()) == 6
        finally:
            await client.aclose()

    asyncio.run(go())
