"""Sending a Vimmerse job, where money is at stake: a job stopped while its files upload is never
sent, an answer the app cannot read after a 2xx is "unknown" (never "failed"), stopping the queue
(quit, another key) leaves no job half-sent, a closed client sends nothing, and a job is sent again
by hand only once.

The sandbox's latency fault keeps a request in flight while the test acts; the tests wait for
states and count the requests the server received, they never measure time."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

import pytest

from tests.conftest import make_clip
from tests.jobs.test_vimmerse_queue import FAST, ONCE, make_queue, requests, until
from verging_desktop.api.vimmerse import CropRequest, VimmerseClient
from verging_desktop.core.errors import ApiError, Cancelled, InputError, NotSent, UnreadableAnswer
from verging_desktop.jobs.store import JobStore, LocalStatus
from verging_desktop.jobs.vimmerse_queue import VimmerseQueue
from verging_desktop.sandbox import FaultConfig, Sandbox

CREATE = "/v2/video/crop-to-aspect-ratio"
HOSTED = "https://cdn.example/clip.mp4"  # already hosted: create() is the only request


@pytest.fixture
def sb(tmp_path: Path) -> Iterator[Sandbox]:
    sb = Sandbox(data_dir=tmp_path / "sb", job_seconds=3600.0)
    sb.start()
    try:
        yield sb
    finally:
        sb.stop()


@pytest.fixture
def clip(ffmpeg, tmp_path: Path) -> Path:
    return make_clip(ffmpeg, tmp_path / "take.mp4", seconds=1, size="160x120")


# -- 1. stopped while uploading: never sent, never charged ---------------------------------------------
def test_stop_waiting_during_the_upload_sends_nothing(sb, clip, tmp_path) -> None:
    async def go() -> None:
        store, client, q = make_queue(sb, tmp_path)
        await q.start()
        try:
            sb.faults = FaultConfig(latency_ms=1500)  # the upload is answered 1.5 s after it arrived
            task = asyncio.ensure_future(q.submit(CropRequest(video_url=str(clip), aspect_ratio="9:16"),
                                                  input_name=clip.name, estimated=3))
            await until(lambda: requests(sb, "POST", "/v2/video") >= 1)
            (rec,) = store.list()
            assert rec.status is LocalStatus.PREPARING
            stopped = q.stop_waiting(rec.local_id)  # "Stop waiting" in the queue panel
            assert stopped.status is LocalStatus.CANCELLED and "nothing was charged" in stopped.error
            with pytest.raises(asyncio.CancelledError):
                await task
            sb.faults = FaultConfig()
            final = store.get(rec.local_id)
            assert final.status is LocalStatus.CANCELLED and "nothing was charged" in final.error
            assert requests(sb, "POST", CREATE) == 0 and not final.remote_id
        finally:
            await q.stop()
            await client.aclose()

    asyncio.run(go())


def test_a_job_stopped_elsewhere_before_it_is_sent_is_never_sent(sb, clip, tmp_path) -> None:
    """Another queue on the same store (the command line) stops the job while its file is being
    hosted: the sending queue reads the record again before create() and sends nothing."""

    async def go() -> None:
        store, client, q = make_queue(sb, tmp_path)
        other = VimmerseQueue(store, client, account=q.account)

        def stop_once_hosted(rec) -> None:
            if rec.status is LocalStatus.PREPARING and rec.params.get("hosted"):
                other.stop_waiting(rec.local_id)

        store.subscribe(stop_once_hosted)
        try:
            with pytest.raises(Cancelled, match="nothing was charged"):
                await q.submit(CropRequest(video_url=str(clip), aspect_ratio="9:16"), input_name=clip.name,
                               estimated=3)
            (rec,) = store.list()
            assert rec.status is LocalStatus.CANCELLED and "nothing was charged" in rec.error
            assert requests(sb, "POST", "/v2/video") == 1 and requests(sb, "POST", CREATE) == 0
        finally:
            await client.aclose()

    asyncio.run(go())


def test_stop_waiting_while_sending_keeps_the_job_stopped(sb, tmp_path) -> None:
    """Stopped while create() is out: the answer is recorded (its asset id) but the job stays
    stopped; it is not read again."""

    async def go() -> None:
        store, client, q = make_queue(sb, tmp_path)
        await q.start()
        try:
            sb.faults = FaultConfig(latency_ms=1500)
            task = asyncio.ensure_future(q.submit(CropRequest(video_url=HOSTED), input_name="clip.mp4", estimated=1))
            await until(lambda: requests(sb, "POST", CREATE) >= 1)
            (rec,) = store.list()
            assert rec.status is LocalStatus.SUBMITTING
            q.stop_waiting(rec.local_id)
            done = await task
            sb.faults = FaultConfig()
            assert done.status is LocalStatus.CANCELLED and done.remote_id
            assert store.get(rec.local_id).status is LocalStatus.CANCELLED and q.open_jobs() == []
        finally:
            await q.stop()
            await client.aclose()

    asyncio.run(go())


# -- 2. a 2xx answer the app cannot read: the job may exist ----------------------------------------------
class Answering:
    """A loopback server answering every POST with one status, content type and body."""

    def __init__(self, status: int, ctype: str, body: bytes) -> None:
        self.posts: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.posts.append(self.path)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.mark.parametrize(("ctype", "body"), [
    ("text/html", b"<html><body>Service is up</body></html>"),
    ("application/json", b"{}"),
    ("application/json", json.dumps({"data": {"status": "processing", "credits": 3}}).encode()),
])
def test_a_2xx_answer_without_an_asset_is_unknown_not_failed(tmp_path, ctype, body) -> None:
    server = Answering(200, ctype, body)

    async def go() -> None:
        store = JobStore(tmp_path / "jobs.db")
        client = VimmerseClient("made-up-key-" + "z" * 8, server.url, retry=FAST)
        q = VimmerseQueue(store, client, account="vimmerse|loopback|test")
        try:
            with pytest.raises(ApiError) as err:
                await q.submit(CropRequest(video_url=HOSTED, aspect_ratio="1:1"), input_name="clip.mp4", estimated=1)
            assert isinstance(err.value, UnreadableAnswer)
            (rec,) = store.list()
            assert rec.status is LocalStatus.UNKNOWN and not rec.remote_id
            assert "may have been created on Vimmerse" in rec.error and "vimmerse.net" in rec.error
            assert server.posts == ["/v2/video/crop-to-aspect-ratio"]  # sent once, never again
        finally:
            await client.aclose()

    try:
        asyncio.run(go())
    finally:
        server.close()


def test_a_4xx_refusal_is_still_failed(tmp_path) -> None:
    server = Answering(400, "application/json", json.dumps({"message": "BAD_REQUEST"}).encode())

    async def go() -> None:
        store = JobStore(tmp_path / "jobs.db")
        client = VimmerseClient("made-up-key-" + "z" * 8, server.url, retry=FAST)
        q = VimmerseQueue(store, client, account="vimmerse|loopback|test")
        try:
            with pytest.raises(ApiError):
                await q.submit(CropRequest(video_url=HOSTED, aspect_ratio="1:1"), input_name="clip.mp4", estimated=1)
            (rec,) = store.list()
            assert rec.status is LocalStatus.FAILED
        finally:
            await client.aclose()

    try:
        asyncio.run(go())
    finally:
        server.close()


# -- 3. stopping the queue, a closed client -------------------------------------------------------------
def test_stopping_the_queue_during_an_upload_cancels_it_with_nothing_charged(sb, clip, tmp_path) -> None:
    async def go() -> None:
        store, client, q = make_queue(sb, tmp_path)
        await q.start()
        task = asyncio.ensure_future(asyncio.sleep(0))
        try:
            sb.faults = FaultConfig(latency_ms=1500)
            task = asyncio.ensure_future(q.submit(CropRequest(video_url=str(clip), aspect_ratio="9:16"),
                                                  input_name=clip.name, estimated=3))
            await until(lambda: requests(sb, "POST", "/v2/video") >= 1)
            await q.stop()  # the app quits, or the key changes
            (rec,) = store.list()
            assert rec.status is LocalStatus.CANCELLED and "nothing was charged" in rec.error
            assert task.done()
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            await q.stop()
            await client.aclose()
        sb.faults = FaultConfig()
        assert requests(sb, "POST", CREATE) == 0

    asyncio.run(go())


def test_stopping_the_queue_while_sending_marks_the_job_unknown_at_once(sb, tmp_path) -> None:
    async def go() -> None:
        store, client, q = make_queue(sb, tmp_path)
        await q.start()
        task = asyncio.ensure_future(asyncio.sleep(0))
        try:
            sb.faults = FaultConfig(latency_ms=1500)
            task = asyncio.ensure_future(q.submit(CropRequest(video_url=HOSTED), input_name="clip.mp4", estimated=1))
            await until(lambda: requests(sb, "POST", CREATE) >= 1)
            await q.stop()
            (rec,) = store.list()
            assert rec.status is LocalStatus.UNKNOWN and "app stopped" in rec.error and "vimmerse.net" in rec.error
            assert task.done()
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            await client.aclose()

    asyncio.run(go())


@pytest.mark.parametrize("local", [False, True])
def test_a_closed_client_sends_nothing_and_says_so(sb, clip, tmp_path, local) -> None:
    """The app closed the queue's client (a key switch) under a submit: nothing left this computer."""

    async def go() -> None:
        store, client, q = make_queue(sb, tmp_path)
        await client.aclose()
        with pytest.raises(NotSent):
            await q.submit(CropRequest(video_url=str(clip) if local else HOSTED), input_name="clip.mp4", estimated=1)
        (rec,) = store.list()
        assert rec.status is LocalStatus.FAILED and rec.error.endswith("Nothing was charged.")

    asyncio.run(go())
    assert requests(sb, "POST", CREATE) == 0


def test_a_stopped_queue_records_and_sends_nothing(sb, tmp_path) -> None:
    async def go() -> None:
        store, client, q = make_queue(sb, tmp_path)
        await q.start()
        await q.stop()
        try:
            with pytest.raises(InputError, match="nothing was sent"):
                await q.submit(CropRequest(video_url=HOSTED), input_name="clip.mp4", estimated=1)
        finally:
            await client.aclose()
        assert store.list() == []

    asyncio.run(go())


# -- 7. sent again by hand once -------------------------------------------------------------------------
def test_a_job_is_sent_again_only_once(tmp_path) -> None:
    async def go() -> None:
        store = JobStore(tmp_path / "jobs.db")
        client = VimmerseClient("made-up-key-" + "x" * 8, "http://127.0.0.1:9", retry=ONCE)  # nothing listens
        q = VimmerseQueue(store, client, account="vimmerse|127.0.0.1:9|test")
        try:
            with pytest.raises(NotSent):
                await q.submit(CropRequest(video_url=HOSTED), input_name="clip.mp4", estimated=1)
            (old,) = store.list()
            with pytest.raises(NotSent):
                await q.resend(old.local_id)
            new = max(store.list(), key=lambda r: r.local_id)
            assert new.local_id != old.local_id and new.params["resent_from"] == old.local_id
            assert store.get(old.local_id).params["resent_as"] == new.local_id
            with pytest.raises(InputError, match=f"already sent again as job {new.local_id}"):
                await q.resend(old.local_id)
            assert len(store.list()) == 2
            with pytest.raises(NotSent):  # the new one can be sent again in its turn
                await q.resend(new.local_id)
            assert len(store.list()) == 3
        finally:
            await client.aclose()

    asyncio.run(go())
