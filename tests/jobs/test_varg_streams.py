"""The varg queue follows open jobs on their SSE stream against the sandbox: a job's end reaches the
store from its stream (no GET /jobs/{id} at all), more open jobs than ``max_streams`` are polled
(and get a stream when one frees up), and a dropped stream falls back to polling and is opened
again. Requests are counted (by the sandbox and by the client per job id); nothing is timed."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.jobs.varg_common import image_req, make_queue, requests, start_sandbox, until
from verging_desktop.core.varg_pricing import VargPricing
from verging_desktop.jobs.store import DownloadState, LocalStatus


@pytest.fixture
def vsb(tmp_path: Path):
    sb = start_sandbox(tmp_path, job_seconds=1.5)
    try:
        yield sb
    finally:
        sb.stop()


def test_a_streamed_job_ends_in_the_store_without_any_poll(vsb, tmp_path) -> None:
    async def go() -> None:
        store, client, q = make_queue(vsb, tmp_path)
        await q.start()
        try:
            rec = await q.submit(image_req(), input_name="fox.png", estimated=0.3)
            assert rec.provider == "varg" and rec.kind == "varg-image" and rec.remote_id
            assert rec.status in (LocalStatus.PENDING, LocalStatus.PROCESSING)
            assert rec.params["cache"] == "miss" and rec.params["cache_key"].startswith("sha256:")
            await until(lambda: client.streamed[rec.remote_id] == 1)
            assert q.stats["streams_open"] == 1
            await until(lambda: store.get(rec.local_id).status is LocalStatus.COMPLETED)
            # the end came from the stream: not one read of the job
            assert client.reads[rec.remote_id] == 0 and requests(vsb, "GET /jobs/{id}") == 0
            assert q.stats["polls"] == 0
            await until(lambda: store.get(rec.local_id).download_state is DownloadState.DONE)
            await until(lambda: store.get(rec.local_id).charged_credits is not None)
            done = store.get(rec.local_id)
        finally:
            await q.stop()
            await client.aclose()
        assert done.error is None and done.progress == 100.0
        out = Path(done.result_path)
        assert out.name == "fox_image.png" and out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert done.params["media_type"] == "image/png"
        # the charge is the usage record's, in cents (the sandbox's price table)
        price = VargPricing.default().cents("flux-schnell", images=1)
        assert price and done.charged_credits == pytest.approx(price)
        assert requests(vsb, "GET /usage") >= 1
        assert requests(vsb, "POST /image") == 1

    asyncio.run(go())


def test_more_open_jobs_than_streams_are_polled_and_get_a_stream_when_one_frees(tmp_path) -> None:
    sb = start_sandbox(tmp_path, job_seconds=3600.0)
    key = "varg_" + "p" * 20
    sb.add_varg_key(key, plan="pro")

    async def go() -> None:
        store, client, q = make_queue(sb, tmp_path, key=key, max_running=10, max_streams=2)
        await q.start()
        try:
            recs = [await q.submit(image_req(f"a fox number {i}"), input_name=f"fox {i}.png", estimated=0.3)
                    for i in range(5)]
            ids = [r.remote_id for r in recs]
            assert all(ids)
            await until(lambda: q.stats["streams_open"] == 2)
            streamed = {i for i in ids if client.streamed[i]}
            polled = [i for i in ids if i not in streamed]
            assert len(streamed) == 2 and len(polled) == 3
            await until(lambda: all(client.reads[i] >= 2 for i in polled))
            assert all(client.reads[i] == 0 for i in streamed)  # a streamed job is never polled
            assert sb.varg_stats()["streams_open"] == 2
            # the streamed jobs end: their streams free up and two polled jobs get them
            for i in streamed:
                sb.varg_finish_now(i)
            await until(lambda: all(store.find_remote("varg", "varg-image", i).status is LocalStatus.COMPLETED
                                    for i in streamed))
            await until(lambda: sum(1 for i in polled if client.streamed[i]) == 2)
            assert q.stats["streams_open"] == 2
            for i in polled:
                sb.varg_finish_now(i)
            await until(lambda: all(store.get(r.local_id).status is LocalStatus.COMPLETED for r in recs))
            await until(lambda: q.stats["streams_open"] == 0)
        finally:
            await q.stop()
            await client.aclose()

    try:
        asyncio.run(go())
    finally:
        sb.stop()


def test_a_dropped_stream_falls_back_to_polling_and_streams_again(tmp_path) -> None:
    sb = start_sandbox(tmp_path, job_seconds=3600.0)

    async def go() -> None:
        store, client, q = make_queue(sb, tmp_path)
        await q.start()
        try:
            sb.varg_drop_stream_next(1)  # the first stream is cut after its first event
            rec = await q.submit(image_req("a fox on a dropped line"), input_name="fox.png", estimated=0.3)
            jid = rec.remote_id
            await until(lambda: q.stats["stream_drops"] == 1)
            await until(lambda: client.reads[jid] >= 1)  # polled meanwhile
            await until(lambda: client.streamed[jid] == 2)  # and a stream again later
            assert store.get(rec.local_id).status.open
            reads = client.reads[jid]
            await until(lambda: sb.varg_stats()["streams_open"] == 1)
            sb.varg_finish_now(jid)
            await until(lambda: store.get(rec.local_id).status is LocalStatus.COMPLETED)
            assert client.reads[jid] == reads  # the end came from the new stream
            await until(lambda: store.get(rec.local_id).download_state is DownloadState.DONE)
        finally:
            await q.stop()
            await client.aclose()

    try:
        asyncio.run(go())
    finally:
        sb.stop()
