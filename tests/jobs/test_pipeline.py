"""The batch pipeline (jobs.pipeline): one cut at a time, one upload at a time per link, the next
job's cut while the previous job uploads, and the schedule the submit area predicts."""

from __future__ import annotations

import asyncio

import pytest

from tests.jobs.test_prep_choice import MBIT, info
from verging_desktop.jobs import prep_choice as pc
from verging_desktop.jobs.pipeline import Pipeline, for_loop, schedule

LINK = "verging|api.example.test"


class Job:
    """A job whose cut and upload end when the test says (asyncio events, no clock)."""

    def __init__(self, pipe: Pipeline, name: str, nbytes: int, log: list[str]) -> None:
        self.pipe, self.name, self.nbytes, self.log = pipe, name, nbytes, log
        self.cut_done = asyncio.Event()
        self.sent = asyncio.Event()
        self.task: asyncio.Task[None] | None = None

    async def run(self) -> None:
        async with self.pipe.preparing():
            self.log.append(f"{self.name} cut")
            await self.cut_done.wait()
        async with self.pipe.uploading(LINK, self.nbytes) as slot:
            self.log.append(f"{self.name} upload")
            slot.progress(self.nbytes // 2)
            await self.sent.wait()
        self.log.append(f"{self.name} sent")


async def settle() -> None:
    for _ in range(10):
        await asyncio.sleep(0)


def test_the_next_cut_runs_while_the_previous_uploads_and_uploads_take_turns() -> None:
    async def scenario() -> list[str]:
        pipe, log = Pipeline(), []
        jobs = [Job(pipe, n, 10_000_000, log) for n in ("a", "b", "c")]
        for j in jobs:
            j.task = asyncio.ensure_future(j.run())
        await settle()
        assert log == ["a cut"] and pipe.preparing_now  # one cut at a time
        jobs[0].cut_done.set()
        await settle()
        # a uploads as soon as its cut is done, and b's cut runs meanwhile
        assert log == ["a cut", "a upload", "b cut"]
        assert pipe.link_busy_bytes(LINK) == 5_000_000  # half of a is out
        jobs[1].cut_done.set()
        await settle()
        # b is ready but the link is a's: b waits, c is cut
        assert log[-1] == "c cut" and "b upload" not in log
        assert not pipe.link_free(LINK)
        assert pipe.link_busy_bytes(LINK) == 15_000_000
        assert pipe.link_busy_seconds(LINK, 1_000_000) == pytest.approx(15.0)
        jobs[0].sent.set()
        await settle()
        assert log[-2:] == ["a sent", "b upload"]
        jobs[2].cut_done.set()
        jobs[1].sent.set()
        jobs[2].sent.set()
        await asyncio.wait_for(asyncio.gather(*(j.task for j in jobs if j.task)), 5)
        assert pipe.link_free(LINK) and pipe.link_busy_bytes(LINK) == 0
        kinds = [(w, lk) for w, lk, _t in pipe.events]
        # never two uploads at once on the link
        depth = 0
        for w, _lk in kinds:
            depth += {"upload-start": 1, "upload-end": -1}.get(w, 0)
            assert depth <= 1
        return log

    log = asyncio.run(scenario())
    assert log.index("b cut") < log.index("a sent")  # the overlap
    assert log.index("c upload") > log.index("b sent")


def test_a_released_slot_lets_the_next_upload_start_before_the_block_ends() -> None:
    """The body is out (progress at 100 %) while create-job is still being sent: the next
    upload need not wait for that answer."""
    async def scenario() -> None:
        pipe = Pipeline()
        started = asyncio.Event()

        async def second() -> None:
            async with pipe.uploading(LINK, 100):
                started.set()

        async with pipe.uploading(LINK, 100) as slot:
            task = asyncio.ensure_future(second())
            await settle()
            assert not started.is_set()
            slot.release()
            slot.release()  # idempotent
            await asyncio.wait_for(started.wait(), 2)
            await task
        assert pipe.link_free(LINK)

    asyncio.run(scenario())


def test_a_cancelled_waiting_upload_frees_its_place() -> None:
    async def scenario() -> None:
        pipe = Pipeline()
        async with pipe.uploading(LINK, 1000):
            waiting = asyncio.ensure_future(pipe.uploading(LINK, 5000).__aenter__())
            await settle()
            assert pipe.link_busy_bytes(LINK) == 6000
            waiting.cancel()
            with pytest.raises(asyncio.CancelledError):
                await waiting
            assert pipe.link_busy_bytes(LINK) == 1000
        assert pipe.link_free(LINK)
        # the link is not stuck: a new upload gets it at once
        async with asyncio.timeout(2):
            async with pipe.uploading(LINK, 10):
                pass

    asyncio.run(scenario())


def test_one_pipeline_per_event_loop() -> None:
    async def get() -> Pipeline:
        a, b = for_loop(), for_loop()
        assert a is b
        return a

    first, second = asyncio.run(get()), asyncio.run(get())
    assert first is not second  # a new loop (the next test, the next run) has its own locks


def test_the_schedule_overlaps_cuts_with_uploads() -> None:
    src = info()
    waits: list[float] = []

    def chooser(start: float) -> object:
        def choose(wait: float) -> pc.PrepChoice:
            waits.append(wait)
            return pc.choose(src, start, start + 30.0, uplink=20 * MBIT, forced="smart", wait=wait)
        return choose

    plan = schedule([chooser(100.0), chooser(200.0), chooser(300.0)])  # type: ignore[list-item]
    a, b, c = plan
    assert waits[0] == 0.0
    # b's cut starts when a's ends; its upload waits for a's
    assert b.prepared_at == pytest.approx(a.prepared_at + b.choice.prepare_seconds)
    assert waits[1] == pytest.approx(a.uploaded_at - a.prepared_at)
    assert b.uploaded_at == pytest.approx(max(b.prepared_at, a.uploaded_at) + b.choice.upload_seconds)
    assert c.uploaded_at == pytest.approx(max(c.prepared_at, b.uploaded_at) + c.choice.upload_seconds)
    # the uploads are the bottleneck here: the batch ends about when the sum of uploads does
    total_up = sum(p.choice.upload_seconds for p in plan)
    assert c.uploaded_at == pytest.approx(a.prepared_at + total_up)
    assert c.uploaded_at < sum(p.choice.total_seconds for p in plan)  # better than one after the other


def test_a_busy_link_makes_the_slower_smaller_preparation_free() -> None:
    """At 20 Mbit/s the smart cut wins alone; when the upload must wait 20 s for the one before
    it anyway, the compact re-encode's longer preparation costs nothing and its fewer bytes win."""
    alone = pc.choose(info(), 286.0, 316.0, uplink=20 * MBIT)
    queued = pc.choose(info(), 286.0, 316.0, uplink=20 * MBIT, wait=20.0)
    assert alone.mode == "smart"
    assert queued.mode == "compact"
    assert queued.wait == 20.0 and queued.total_seconds == pytest.approx(
        max(queued.prepare_seconds, 20.0) + queued.upload_seconds)
    assert "after the video before it" in queued.sentence


def test_a_first_batch_learns_the_rate_from_the_upload_before_it() -> None:
    """No estimate yet: while an upload runs on the link, the next job's choice waits (bounded)
    for that upload's first seconds to give a rate; a free link or a known rate does not wait."""
    async def scenario() -> None:
        pipe = Pipeline()
        known: list[float | None] = [None]
        asked = 0

        def rate() -> float | None:
            nonlocal asked
            asked += 1
            return known[0]

        assert await pipe.learn_rate(LINK, rate, timeout=2.0) is None and asked == 1  # free link: no wait
        async with pipe.uploading(LINK, 10_000_000):
            async def measured() -> None:
                await asyncio.sleep(0.3)
                known[0] = 600_000.0  # the live rate appears
            task = asyncio.ensure_future(measured())
            loop = asyncio.get_running_loop()
            t0 = loop.time()
            got = await pipe.learn_rate(LINK, rate, timeout=2.0, step=0.02)
            assert got == 600_000.0 and 0.25 <= loop.time() - t0 < 2.0
            await task
            known[0] = None
            t0 = loop.time()
            assert await pipe.learn_rate(LINK, rate, timeout=0.2, step=0.02) is None  # bounded
            assert loop.time() - t0 < 1.0

    asyncio.run(scenario())
