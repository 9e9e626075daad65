"""Reads of Vimmerse assets have limits: a download's look-up of fresh result addresses waits for
its turn like every poll, and an asset is not read forever: one still working after a day, or one
Vimmerse answers "not found" for ten minutes, gets a sentence and is no longer read.

Time is the queue's fake clock; the counts are the sandbox's."""

from __future__ import annotations

import asyncio

from tests.jobs.test_vimmerse_queue import (
    FakeClock,
    _open_assets,
    asset_reads,
    clip,  # noqa: F401 (a fixture)
    make_queue,
    slow_sb,  # noqa: F401 (a fixture)
    until,
    vsb,  # noqa: F401 (a fixture)
)
from verging_desktop.api.vimmerse import Asset, CropRequest, VimmerseClient
from verging_desktop.core.identity import account_identity
from verging_desktop.jobs.store import DownloadState, JobStore, LocalStatus
from verging_desktop.jobs.vimmerse_queue import AssetPollPolicy, VimmerseQueue


class LimitWatch(VimmerseClient):
    """The real client, noting every asset read made while the queue's read limit was free (with a
    limit of one read at a time, a read that took its turn always finds the limit taken)."""

    queue: VimmerseQueue | None = None
    reads = 0
    outside = 0

    async def asset(self, asset_id: str) -> Asset:
        self.reads += 1
        sem = self.queue._sem if self.queue is not None else None
        if sem is None or not sem.locked():
            self.outside += 1
        return await super().asset(asset_id)


def test_fresh_result_addresses_are_read_within_the_limit(vsb, clip, tmp_path) -> None:  # noqa: F811
    async def go() -> None:
        store = JobStore(tmp_path / "jobs.db")
        client = LimitWatch(vsb.vimmerse_demo_key, vsb.vimmerse_url)
        q = VimmerseQueue(store, client, download_dir=tmp_path / "out", auto_download=False,
                          policy=AssetPollPolicy(base=0.2, ramp=50, concurrency=1),
                          account=account_identity("vimmerse", vsb.vimmerse_url, "test", ""))
        client.queue = q
        await q.start()
        try:
            rec = await q.submit(CropRequest(video_url=str(clip), aspect_ratio="9:16"), input_name=clip.name,
                                 estimated=3)
            await until(lambda: store.get(rec.local_id).status is LocalStatus.COMPLETED)
            polled = client.reads
            assert polled >= 1 and client.outside == 0
            # the stored address went stale (an expired link): the download asks Vimmerse for the current one
            stale = vsb.vimmerse_url + "/files/expired-result.mp4"
            cur = store.get(rec.local_id)
            store.update(rec.local_id, result_url=stale, params={**cur.params, "result_urls": [stale]})
            saved = await q.download(rec.local_id)
        finally:
            await q.stop()
            await client.aclose()
        assert saved is not None and saved.is_file()
        assert store.get(rec.local_id).download_state is DownloadState.DONE
        assert client.reads > polled and client.outside == 0

    asyncio.run(go())


def test_an_asset_still_working_after_a_day_is_no_longer_read(slow_sb, clip, tmp_path) -> None:  # noqa: F811
    clock = FakeClock()

    async def go() -> None:
        store, client, q = make_queue(slow_sb, tmp_path, clock=clock, policy=AssetPollPolicy(base=2, max=30, ramp=20))
        q._sem = asyncio.Semaphore(4)
        try:
            (young, old) = await _open_assets(q, 2, clip)
            store.update(old, submitted_at=clock() - 24 * 3600 + 30)  # a day old in 30 s
            for _ in range(12):
                clock.advance(5)
                await q.poll_due()
            gave_up = store.get(old)
            assert gave_up.status is LocalStatus.UNKNOWN and gave_up.remote_id
            assert "24 hours" in gave_up.error and gave_up.remote_id in gave_up.error
            assert "vimmerse.net" in gave_up.error
            assert store.get(young).status.open  # the young one goes on
            reads = asset_reads(slow_sb, gave_up.remote_id)
            for _ in range(40):
                clock.advance(5)
                await q.poll_due()
            assert asset_reads(slow_sb, gave_up.remote_id) == reads
            assert asset_reads(slow_sb, store.get(young).remote_id) > 0
        finally:
            await client.aclose()

    asyncio.run(go())


def test_an_asset_not_found_for_ten_minutes_fails_and_is_no_longer_read(slow_sb, clip, tmp_path) -> None:  # noqa: F811
    clock = FakeClock()

    async def go() -> None:
        store, client, q = make_queue(slow_sb, tmp_path, clock=clock, policy=AssetPollPolicy(base=2, max=30, ramp=20))
        q._sem = asyncio.Semaphore(4)
        try:
            (lid,) = await _open_assets(q, 1, clip)
            store.update(lid, remote_id="gone-0000")  # Vimmerse does not know this asset (deleted, say)
            for _ in range(60):  # five minutes: still tried
                clock.advance(5)
                await q.poll_due()
            assert store.get(lid).status.open
            for _ in range(80):
                clock.advance(5)
                await q.poll_due()
            rec = store.get(lid)
            assert rec.status is LocalStatus.FAILED and "not found" in rec.error.lower()
            assert "gone-0000" in rec.error and "vimmerse.net" in rec.error
            reads = asset_reads(slow_sb, "gone-0000")
            for _ in range(40):
                clock.advance(5)
                await q.poll_due()
            assert asset_reads(slow_sb, "gone-0000") == reads
        finally:
            await client.aclose()

    asyncio.run(go())


def test_a_found_asset_starts_the_not_found_count_again(slow_sb, clip, tmp_path) -> None:  # noqa: F811
    """Not found now and then (a server hiccup) is not ten minutes in a row."""
    clock = FakeClock()

    async def go() -> None:
        store, client, q = make_queue(slow_sb, tmp_path, clock=clock, policy=AssetPollPolicy(base=2, max=30, ramp=20))
        q._sem = asyncio.Semaphore(4)
        try:
            (lid,) = await _open_assets(q, 1, clip)
            real = store.get(lid).remote_id
            for _ in range(3):
                store.update(lid, remote_id="gone-0000")
                for _ in range(60):  # five minutes not found ...
                    clock.advance(5)
                    await q.poll_due()
                store.update(lid, remote_id=real)  # ... then found again
                for _ in range(12):
                    clock.advance(5)
                    await q.poll_due()
            assert store.get(lid).status.open
        finally:
            await client.aclose()

    asyncio.run(go())
