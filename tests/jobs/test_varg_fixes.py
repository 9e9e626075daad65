"""The varg queue's review fixes: a job cancelled while its create was in flight and refused with a
429 is cancelled, never sent again; completed requests are remembered for the "probably from
cache: free" estimate (not a no-store one); a create refused for its files makes the app forget
those uploads, so sending it again uploads them again."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import sys
from collections.abc import Iterator
from typing import Any

from tests.conftest import make_image
from tests.jobs.varg_common import ACCOUNT, CountingClient, image_req, make_queue, requests, start_sandbox, until
from verging_desktop.api.varg.client import VargClient
from verging_desktop.api.varg.models import CacheMode, VargJob, VargRequest
from verging_desktop.api.varg.uploads import content_hash
from verging_desktop.api.varg.wire import VargBadRequest
from verging_desktop.jobs.store import LocalStatus
from verging_desktop.services.varg_cache import SeenRequests, request_key


class HeldCreate(CountingClient):
    """create() waits for ``go`` before it sends anything (the job is recorded as submitting meanwhile)."""

    def __init__(self, *a: Any, **kw: Any) -> None:
        super().__init__(*a, **kw)
        self.go = asyncio.Event()
        self.waiting = False

    async def create(self, req: VargRequest, urls: Any = None) -> VargJob:
        self.waiting = True
        await self.go.wait()
        return await super().create(req, urls)


def test_a_job_cancelled_while_sent_and_refused_with_a_429_is_cancelled_not_sent_again(tmp_path) -> None:
    sb = start_sandbox(tmp_path, job_seconds=3600.0)

    async def go() -> None:
        other = VargClient(sb.varg_demo_key, sb.varg_url)
        store, client, q = make_queue(sb, tmp_path, max_running=2)
        held = HeldCreate(sb.varg_demo_key, sb.varg_url)
        q.client = held
        await q.start()
        try:
            busy = [await other.create(image_req(f"elsewhere {i}")) for i in range(2)]  # the plan's 2 slots
            task = asyncio.create_task(q.submit(image_req("fox to cancel"), input_name="c.png", estimated=0.3))
            await until(lambda: held.waiting)
            lid = q.jobs_of(task)[0]
            assert store.get(lid).status is LocalStatus.SUBMITTING
            await q.cancel(lid)
            before = sb.varg_balance(sb.varg_demo_key)
            held.go.set()
            rec = await task
            assert q.rate_limited_creates == 1
            assert rec.status is LocalStatus.CANCELLED and not rec.remote_id
            assert "nothing was charged" in rec.error
            assert not rec.params.get("waiting")
            for b in busy:  # slots free: the cancelled job is not sent again
                sb.varg_finish_now(b.id)
            await asyncio.sleep(1.5)
            assert requests(sb, "POST /image") == 3
            assert store.get(lid).status is LocalStatus.CANCELLED
            assert sb.varg_balance(sb.varg_demo_key) == before
        finally:
            await q.stop()
            await client.aclose()
            await held.aclose()
            await other.aclose()

    try:
        asyncio.run(go())
    finally:
        sb.stop()


def test_completed_requests_are_remembered_for_the_estimate_but_not_no_store(tmp_path, ffmpeg) -> None:
    sb = start_sandbox(tmp_path, job_seconds=0.3)
    img = make_image(ffmpeg, tmp_path / "face.png")

    async def go() -> None:
        seen = SeenRequests(tmp_path / "seen.json")
        store, client, q = make_queue(sb, tmp_path, seen=seen)
        await q.start()
        try:
            plain = image_req("a remembered fox")
            video = VargRequest(kind="varg-video", model="kling-v2.5", prompt="the face smiles", duration=5,
                                files=(str(img),))
            secret = image_req("a fox not kept", cache=CacheMode.NO_STORE)
            recs = [await q.submit(r, input_name="x.png", estimated=1) for r in (plain, video, secret)]
            await until(lambda: all(store.get(r.local_id).status is LocalStatus.COMPLETED for r in recs))
            assert store.get(recs[1].local_id).params["file_hashes"] == {str(img): content_hash(img)}
            await until(lambda: len(seen) == 2)
            assert seen.job_of(request_key(plain, {})) == store.get(recs[0].local_id).remote_id
            assert seen.seen(request_key(video, {str(img): content_hash(img)}))
            assert not seen.seen(request_key(secret, {}))
            assert SeenRequests(tmp_path / "seen.json").seen(request_key(plain, {}))  # on disk, for the CLI
        finally:
            await q.stop()
            await client.aclose()

    try:
        asyncio.run(go())
    finally:
        sb.stop()


class RefusesFilesOnce(CountingClient):
    """The first create is refused the way varg refuses a file URL it no longer serves."""

    def __init__(self, *a: Any, **kw: Any) -> None:
        super().__init__(*a, **kw)
        self.refuse = 1

    async def create(self, req: VargRequest, urls: Any = None) -> VargJob:
        if self.refuse:
            self.refuse -= 1
            raise VargBadRequest("varg refused the request: files[0].url could not be fetched.",
                                 tag="ValidationError", field="files")
        return await super().create(req, urls)


def test_a_create_refused_for_its_files_forgets_their_uploads_and_a_resend_uploads_again(tmp_path, ffmpeg) -> None:
    sb = start_sandbox(tmp_path, job_seconds=0.3)
    img = make_image(ffmpeg, tmp_path / "face.png")

    async def go() -> None:
        store, first, q = make_queue(sb, tmp_path)
        await first.aclose()
        client = RefusesFilesOnce(sb.varg_demo_key, sb.varg_url)
        q.client = client
        await q.start()
        try:
            req = VargRequest(kind="varg-video", model="kling-v2.5", prompt="the face smiles", duration=5,
                              files=(str(img),))
            try:
                await q.submit(req, input_name="face.png", estimated=35)
            except VargBadRequest:
                pass
            else:
                raise AssertionError("the refused create did not raise")
            failed = store.get(1)
            assert failed.status is LocalStatus.FAILED
            assert failed.params["file_urls"] == {}  # the dead URL is not reused by a resend
            assert client.uploads.get(client.upload_scope, content_hash(img)) is None
            sent = sb.varg_stats()["upload_bytes"]
            again = await q.resend(failed.local_id)
            assert sb.varg_stats()["upload_bytes"] > sent  # uploaded again
            assert again.remote_id and list(again.params["file_urls"]) == [str(img)]
            assert client.uploads.get(client.upload_scope, content_hash(img)) == again.params["file_urls"][str(img)]
        finally:
            await q.stop()
            await client.aclose()

    try:
        asyncio.run(go())
    finally:
        sb.stop()


@contextlib.contextmanager
def like_qasync(monkeypatch) -> Iterator[list[str]]:
    """The running loop without async-generator hooks (as qasync's): a generator left unclosed is
    closed by the garbage collector, where its cleanup cannot await; what that reports is collected."""
    got: list[str] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: got.append(f"{u.exc_type.__name__}: {u.exc_value} "
                                                                    f"({u.object!r})"))
    hooks = sys.get_asyncgen_hooks()
    sys.set_asyncgen_hooks(firstiter=None, finalizer=None)
    try:
        yield got
    finally:
        sys.set_asyncgen_hooks(*hooks)


def test_a_stream_closed_early_leaves_no_iterator_to_the_garbage_collector(tmp_path, monkeypatch) -> None:
    sb = start_sandbox(tmp_path, job_seconds=3600.0)

    async def go() -> None:
        client = VargClient(sb.varg_demo_key, sb.varg_url)
        try:
            job = await client.create(image_req("a fox followed for a moment"))
            with like_qasync(monkeypatch) as got:
                events = client.stream(job.id)
                first = await anext(events)
                await events.aclose()  # in the task that iterated it
                gc.collect()
                await asyncio.sleep(0.1)
                gc.collect()
            assert first.id == job.id
            assert got == []
            assert client.streams_open == 0
        finally:
            await client.aclose()

    try:
        asyncio.run(go())
    finally:
        sb.stop()


def test_the_queue_stops_following_a_stream_without_leaving_it_to_the_garbage_collector(tmp_path,
                                                                                       monkeypatch) -> None:
    sb = start_sandbox(tmp_path, job_seconds=3600.0)

    async def go() -> None:
        store, client, q = make_queue(sb, tmp_path)
        with like_qasync(monkeypatch) as got:
            await q.start()
            try:
                recs = [await q.submit(image_req(f"a fox followed {i}"), input_name="f.png", estimated=0.3)
                        for i in range(2)]
                await until(lambda: all(client.streamed[str(r.remote_id)] for r in recs) and client.streams_open == 2)
                await q.cancel(recs[0].local_id)  # its stream is cancelled (another task than the follower)
                assert store.get(recs[0].local_id).status is LocalStatus.CANCELLED
                await until(lambda: client.streams_open == 1)
            finally:
                await q.stop()  # the other one's stream is cancelled with the queue
                await client.aclose()
            gc.collect()
            await asyncio.sleep(0.1)
            gc.collect()
        assert client.streams_open == 0
        assert got == []

    try:
        asyncio.run(go())
    finally:
        sb.stop()


def test_which_refusals_name_the_input_files() -> None:
    from verging_desktop.core.errors import NotFound, RateLimited, ServerError
    from verging_desktop.jobs.varg_queue import _names_files

    assert _names_files(VargBadRequest("varg refused it: files[0].url could not be fetched.", field="files[0].url"))
    assert _names_files(VargBadRequest("varg refused it: the audio could not be fetched.", field="audio_url"))
    assert _names_files(VargBadRequest("audio_url could not be fetched."))  # no field: the message says it
    assert _names_files(NotFound("The file was not found.", status=404))
    assert not _names_files(VargBadRequest("prompt is required (prompt).", field="prompt"))
    assert not _names_files(VargBadRequest("The file type is not supported."))  # a 400 must say files/audio_url
    assert not _names_files(RateLimited("Too many running jobs; files are fine."))
    assert not _names_files(ServerError("files broke", status=500))


def test_a_job_completed_without_a_result_is_not_remembered_as_cached(tmp_path) -> None:
    from verging_desktop.api.varg.models import VargStatus

    async def go() -> None:
        seen = SeenRequests(None)
        store, client, q = make_queue_offline(tmp_path, seen=seen)
        try:
            req = image_req("a fox varg lost")
            rec = store.add(provider="varg", kind=req.kind, params={**req.to_params(), "cache_mode": "use"},
                            inputs=[], input_name="x.png", base_url="http://127.0.0.1:9", estimated_credits=0.3,
                            account=ACCOUNT, status=LocalStatus.PROCESSING)
            rec = store.update(rec.local_id, remote_id="job_empty")
            q._apply(rec, VargJob(id="job_empty", status=VargStatus.COMPLETED))
            assert store.get(rec.local_id).status is LocalStatus.COMPLETED
            await asyncio.sleep(0.05)
            assert len(seen) == 0
            rec2 = store.add(provider="varg", kind=req.kind, params={**req.to_params(), "cache_mode": "use"},
                             inputs=[], input_name="y.png", base_url="http://127.0.0.1:9", estimated_credits=0.3,
                             account=ACCOUNT, status=LocalStatus.PROCESSING)
            rec2 = store.update(rec2.local_id, remote_id="job_full")
            q._apply(rec2, VargJob(id="job_full", status=VargStatus.COMPLETED, output_url="https://x.test/r.png"))
            assert seen.job_of(request_key(req, {})) == "job_full"
        finally:
            await client.aclose()

    asyncio.run(go())


def make_queue_offline(tmp_path, **kw: Any):
    """A queue that is not started (nothing is read or sent), on its own store."""
    from verging_desktop.jobs.store import JobStore
    from verging_desktop.jobs.varg_queue import VargQueue

    store = JobStore(tmp_path / "jobs.db")
    client = CountingClient("varg_" + "o" * 20, "http://127.0.0.1:9/v1")
    return store, client, VargQueue(store, client, download_dir=tmp_path / "out", account=ACCOUNT, **kw)
