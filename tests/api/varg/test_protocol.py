"""The varg client against a scripted loopback gateway (started and stopped by each test): the
protocol corners the sandbox does not produce (``id`` instead of ``job_id``, the error object
shape, streams that drop or break, keep-alives), where the keys may go, and what is retried."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response, StreamingResponse

from tests.api.varg.conftest import KEY, FakeVarg, client_of, run
from verging_desktop.api.retry import RetryPolicy
from verging_desktop.api.varg import (
    CacheMode,
    StreamDropped,
    UploadMemory,
    VargClient,
    VargRequest,
    VargStatus,
)
from verging_desktop.core.errors import (
    ApiError,
    AuthError,
    InputError,
    NotFound,
    NotSent,
    ServerError,
    UpstreamError,
)

FAL = "fal_" + "k" * 20
ELEVEN = "el_" + "e" * 20


def _sse(*items: Any, counter: FakeVarg | None = None):
    """A handler streaming ``items``: a str is sent as is, a float is a pause, ``"!raise"`` breaks
    the connection; the stream ends after the last item."""

    async def handler(request: Request) -> Response:
        async def gen() -> AsyncIterator[bytes]:
            try:
                for it in items:
                    if isinstance(it, float):
                        await asyncio.sleep(it)
                    elif it == "!raise":
                        raise RuntimeError("connection lost")
                    elif it == "!forever":
                        while True:
                            yield b": keepalive\n\n"
                            await asyncio.sleep(0.05)
                    else:
                        yield it.encode()
            finally:
                if counter is not None:
                    counter.note_stream_closed()

        return StreamingResponse(gen(), media_type="text/event-stream")

    return handler


def _status(job: dict[str, Any]) -> str:
    return f"event: status\ndata: {json.dumps(job)}\n\n"


# -- jobs ---------------------------------------------------------------------------------------------
def test_create_reads_id_and_cache_headers_and_sends_the_cache_mode(fake: FakeVarg) -> None:
    fake.answer("POST", "/video", {"id": "job_v2", "status": "queued", "model": "fal:kling-v2.5"}, 202,
                {"X-Cache": "MISS", "X-Cache-Key": "sha256:k1"})
    fake.answer("POST", "/image", {"job_id": "job_hit", "status": "completed",
                                   "output": {"url": "https://s3/i.png", "media_type": "image/png"}}, 200,
                {"X-Cache": "HIT", "X-Cache-Key": "sha256:k2"})

    async def go() -> None:
        async with client_of(fake.url) as c:
            j = await c.create(VargRequest("varg-video", "kling-v2.5", prompt="waves", duration=5))
            assert (j.id, j.status, j.cache_hit, j.cache_key, j.byok) == ("job_v2", VargStatus.QUEUED, False,
                                                                         "sha256:k1", "")
            hit = await c.create(VargRequest("varg-image", "flux-schnell", prompt="p", cache=CacheMode.REFRESH))
            assert hit.final and hit.cache_hit is True and hit.output_url == "https://s3/i.png"
            await c.create(VargRequest("varg-image", "flux-schnell", prompt="p", cache=CacheMode.NO_STORE))
            assert c.requests_sent == {"POST /video": 1, "POST /image": 2}

    run(go())
    video, = fake.requests("POST", "/v1/video")
    assert json.loads(video.body) == {"model": "kling-v2.5", "prompt": "waves", "duration": 5}
    assert video.headers["authorization"] == f"Bearer {KEY}" and "cache-control" not in video.headers
    assert [s.headers.get("cache-control") for s in fake.requests("POST", "/v1/image")] == ["no-cache", "no-store"]


def test_job_read_cancel_and_a_job_without_an_id(fake: FakeVarg) -> None:
    fake.answer("GET", "/jobs/job_1", {"status": "processing"})
    fake.answer("GET", "/jobs/job_2", {"id": "job_2", "status": "failed",
                                       "error": {"message": "Provider returned an error", "_tag": "ProviderError"}})
    fake.on("DELETE", "/jobs/job_1", _empty(204))
    fake.answer("POST", "/music", {"status": "queued"}, 202)

    async def go() -> None:
        async with client_of(fake.url) as c:
            j = await c.job("job_1")
            assert (j.id, j.status) == ("job_1", VargStatus.PROCESSING)
            f = await c.job("job_2")
            assert (f.status, f.error, f.error_tag) == (VargStatus.FAILED, "Provider returned an error", "ProviderError")
            await c.cancel("job_1")
            with pytest.raises(NotFound, match="no such job"):
                await c.job("job_404")
            with pytest.raises(ApiError, match="without a job id"):
                await c.create(VargRequest("varg-music", "music_v1", prompt="lofi"))
            with pytest.raises(InputError):
                await c.job("  ")
            assert c.requests_sent["GET /jobs/{id}"] == 3 and c.requests_sent["DELETE /jobs/{id}"] == 1

    run(go())


def _empty(status: int):
    async def h(request: Request) -> Response:
        return Response(status_code=status)

    return h


def _fail_then(fails: list[int], body: Any, status: int = 200, tag: str = "ProviderError"):
    """Answer the statuses in ``fails`` first (object error shape), then ``body``."""
    async def h(request: Request) -> Response:
        if fails:
            code = fails.pop(0)
            return JSONResponse({"error": {"message": "upstream hiccup", "_tag": tag}}, status_code=code)
        return JSONResponse(body, status_code=status)

    return h


def test_a_generation_post_is_never_repeated_once_it_may_have_arrived(fake: FakeVarg) -> None:
    fake.on("POST", "/video", _fail_then([502, 502], {"job_id": "j", "status": "queued"}, 202))
    fake.on("POST", "/speech", _fail_then([500], {"job_id": "j", "status": "queued"}, 202, tag="InternalError"))
    fake.on("GET", "/jobs/j", _fail_then([502, 503], {"job_id": "j", "status": "queued"}))

    async def go() -> None:
        async with client_of(fake.url) as c:
            with pytest.raises(UpstreamError):
                await c.create(VargRequest("varg-video", "kling-v2.5", prompt="p"))
            with pytest.raises(ServerError):
                await c.create(VargRequest("varg-speech", "eleven_v3", text="t"))
            assert (await c.job("j")).id == "j"  # a read goes on through two 5xx
            assert c.requests_sent == {"POST /video": 1, "POST /speech": 1, "GET /jobs/{id}": 3}

    run(go())


def test_a_generation_post_is_retried_when_nothing_was_sent() -> None:
    hold = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    hold.bind(("127.0.0.1", 0))
    port = hold.getsockname()[1]
    hold.close()  # nothing listens there until the retry's wait starts the gateway
    started: list[FakeVarg] = []

    async def wait(seconds: float) -> None:
        if not started:
            f = FakeVarg(port)
            f.answer("POST", "/video", {"job_id": "j", "status": "queued"}, 202)
            started.append(f)

    class Starting(RetryPolicy):
        async def run(self, op, *, idempotent, what="request", sleep=asyncio.sleep):  # type: ignore[override]
            return await super().run(op, idempotent=idempotent, what=what, sleep=wait)

    try:
        async def go() -> None:
            async with VargClient(KEY, f"http://127.0.0.1:{port}/v1", retry=Starting(attempts=3)) as c:
                j = await c.create(VargRequest("varg-video", "kling-v2.5", prompt="p"))
                assert j.id == "j" and c.requests_sent["POST /video"] == 2

        run(go())
        assert started and len(started[0].requests("POST", "/v1/video")) == 1
    finally:
        for f in started:
            f.close()


def test_nothing_leaves_without_a_key_or_after_close(fake: FakeVarg) -> None:
    errors: list[ApiError] = []

    async def go() -> None:
        c = client_of(fake.url, key=None)
        c.on_error = errors.append
        with pytest.raises(AuthError, match="No varg API key"):
            await c.balance()
        c.api_key = KEY
        await c.aclose()
        with pytest.raises(NotSent):
            await c.create(VargRequest("varg-image", "flux-schnell", prompt="p"))
        assert c.closed and sum(c.requests_sent.values()) == 0
        fake.answer("GET", "/me", {"error": {"message": "Invalid API key", "_tag": "AuthError"}}, 401)
        async with client_of(fake.url) as c2:
            c2.on_error = errors.append
            with pytest.raises(AuthError, match="Invalid API key"):
                await c2.validate_key()

    run(go())
    assert fake.seen[-1].path == "/v1/me" and len(fake.seen) == 1
    assert [type(e) for e in errors] == [AuthError]


# -- BYOK and where keys go -------------------------------------------------------------------------
def test_byok_header_only_for_that_providers_models(fake: FakeVarg) -> None:
    for route in ("/video", "/speech", "/image"):
        fake.answer("POST", route, {"job_id": "j" + route[1:], "status": "queued"}, 202)
    fake.answer("GET", "/me", {"userId": "u1"})

    async def go() -> None:
        async with client_of(fake.url) as c:
            c.set_byok_key("fal", f"  {FAL} ")
            c.set_byok_key("elevenlabs", ELEVEN)
            assert c.byok_keys() == {"fal", "elevenlabs"}
            assert c.byok_headers("fal:kling-v2.5") == {"X-Provider-Key-Fal": FAL}
            assert c.byok_headers("soul") == {} and c.byok_headers("seedance-2-preview") == {}
            assert c.byok_headers("unknown-model") == {}
            v = await c.create(VargRequest("varg-video", "kling-v2.5", prompt="p"))
            s = await c.create(VargRequest("varg-speech", "eleven_v3", text="t"))
            h = await c.create(VargRequest("varg-image", "soul", prompt="p"))  # Higgsfield: no key set
            p = await c.create(VargRequest("varg-video", "seedance-2-preview", prompt="p"))  # PiAPI: none taken
            assert (v.byok, s.byok, h.byok, p.byok) == ("fal", "elevenlabs", "", "")
            await c.me()
            c.set_byok_key("fal", None)
            assert c.byok_keys() == {"elevenlabs"}
            with pytest.raises(InputError, match="not a provider"):
                c.set_byok_key("openai", "x" * 10)

    run(go())

    def provider_headers(s) -> dict[str, str]:
        return {k: v for k, v in s.headers.items() if k.startswith("x-provider-key-")}

    got = [(s.path, provider_headers(s)) for s in fake.seen]
    assert got == [("/v1/video", {"x-provider-key-fal": FAL}), ("/v1/speech", {"x-provider-key-elevenlabs": ELEVEN}),
                   ("/v1/image", {}), ("/v1/video", {}), ("/v1/me", {})]


def test_keys_stay_behind_on_a_redirect_to_another_origin(fake: FakeVarg, fake2: FakeVarg, tmp_path) -> None:
    async def to_other(request: Request) -> Response:
        return RedirectResponse(fake2.url + request.url.path.removeprefix("/v1"), status_code=307)

    fake.on("POST", "/video", to_other)
    fake.on("GET", "/me", to_other)
    fake2.answer("POST", "/video", {"job_id": "j", "status": "queued"}, 202)
    fake2.answer("GET", "/me", {"userId": "u"})

    async def file(request: Request) -> Response:
        return PlainTextResponse("result bytes")

    fake.on("GET", "/files/r.txt", file)

    async def go() -> None:
        async with client_of(fake.url) as c:
            c.set_byok_key("fal", FAL)
            j = await c.create(VargRequest("varg-video", "kling-v2.5", prompt="p"))
            assert j.id == "j" and j.byok == "fal"
            assert (await c.me()).user_id == "u"
            # a result on the API's own origin: downloads never carry a key
            await c.download(fake.url + "/files/r.txt", tmp_path / "r.txt")

    run(go())
    assert [s.path for s in fake.seen] == ["/v1/video", "/v1/me", "/v1/files/r.txt"]
    assert fake.seen[0].headers["authorization"] == f"Bearer {KEY}" and fake.seen[0].headers["x-provider-key-fal"] == FAL
    assert "authorization" not in fake.seen[2].headers
    assert [s.path for s in fake2.seen] == ["/v1/video", "/v1/me"]
    for s in fake2.seen:
        assert "authorization" not in s.headers and not any(k.startswith("x-provider-key") for k in s.headers)
        assert KEY not in json.dumps(s.headers) and FAL not in json.dumps(s.headers)


# -- account, voices, pricing --------------------------------------------------------------------------
def test_account_routes(fake: FakeVarg) -> None:
    fake.answer("GET", "/me", {"user_id": "user_9", "email": "x@y.z"})
    fake.answer("GET", "/balance", {"balance_cents": 1234, "currency": "usd"})
    fake.answer("GET", "/usage", {"usage": [{"job_id": "j", "model": "m", "capability": "video", "cost_cents": 35,
                                             "cache_hit": False, "created_at": "2026-02-13T10:00:00Z"}],
                                  "total_cents": 35})
    voices = [{"voice_id": "a", "name": "Rachel", "labels": {"gender": "female", "accent": "american"},
               "preview_url": "https://p/a.mp3"},
              {"voice_id": "b", "name": "Adam", "labels": {"gender": "male", "accent": "british"}}]
    fake.answer("GET", "/voices", {"voices": voices})

    async def go() -> None:
        import datetime as dt

        async with client_of(fake.url) as c:
            assert (await c.me()).user_id == "user_9"
            assert (await c.balance()).dollars == 12.34
            u = await c.usage(dt.date(2026, 2, 1), "2026-02-28")
            assert u.total_cents == 35 and u.records[0].capability == "video"
            await c.usage()
            assert [v.voice_id for v in await c.voices()] == ["a", "b"]
            # a gateway that ignores the filters: applied here too
            assert [v.name for v in await c.voices(search="british")] == ["Adam"]
            assert [v.name for v in await c.voices(gender="female")] == ["Rachel"]
            assert await c.pricing() is None  # no such route here
            fake.answer("GET", "/pricing", {"data": [{"model": "flux-schnell", "tool": "image", "providers": []}]})
            assert (await c.pricing())["data"][0]["model"] == "flux-schnell"

    run(go())
    assert [s.query for s in fake.seen if s.path == "/v1/usage"] == ["from=2026-02-01&to=2026-02-28", ""]
    assert [s.query for s in fake.seen if s.path == "/v1/voices"] == ["", "search=british", "gender=female"]


# -- uploads ----------------------------------------------------------------------------------------------
def _files_route(fake: FakeVarg, *, fail_first: int = 0):
    fails = [503] * fail_first

    async def h(request: Request) -> Response:
        body = fake.seen[-1].body
        if fails:
            fails.pop()
            return JSONResponse({"error": "InternalError", "message": "busy"}, status_code=503)
        digest = "sha256:" + hashlib.sha256(body).hexdigest()
        return JSONResponse({"file_id": "file_" + digest[7:15], "url": f"https://s3.test/u/{digest[7:19]}",
                             "hash": digest, "size": len(body), "media_type": request.headers["content-type"],
                             "deduplicated": False})

    return h


def test_upload_streams_the_raw_bytes_with_type_hash_and_length(fake: FakeVarg, tmp_path) -> None:
    fake.on("POST", "/files", _files_route(fake, fail_first=1))
    png = tmp_path / "picture.bin"  # a PNG by content, whatever its name
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 9000)
    wav = tmp_path / "voice.wav"
    wav.write_bytes(b"RIFF\x00\x00\x00\x00WAVEfmt " + b"\x01" * 5000)
    txt = tmp_path / "notes.txt"
    txt.write_text("hello")
    memory = UploadMemory(tmp_path / "uploads.json")
    seen_progress: list[float] = []

    async def go() -> None:
        async with client_of(fake.url, uploads=memory) as c:
            c.upload_scope = "varg|test|u1"
            f = await c.upload(png, progress=lambda p: seen_progress.append(p.done))
            assert f.media_type == "image/png" and f.size == png.stat().st_size and f.sent_bytes == f.size
            assert f.url.startswith("https://s3.test/u/") and not f.deduplicated
            assert c.requests_sent["POST /files"] == 2  # a 503 first: the same bytes again
            assert c.bytes_uploaded == 2 * f.size
            again = await c.upload(png)
            assert (again.url, again.sent_bytes, again.deduplicated, again.hash) == (f.url, 0, True, f.hash)
            assert c.requests_sent["POST /files"] == 2 and c.bytes_uploaded == 2 * f.size
            assert (await c.upload(wav)).media_type == "audio/wav"
            assert (await c.upload(txt)).media_type == "text/plain"
            # another account: its own uploads
            c.upload_scope = "varg|test|u2"
            other = await c.upload(png)
            assert other.sent_bytes == f.size

    run(go())
    posts = fake.requests("POST", "/v1/files")
    assert len(posts) == 5
    first = posts[1]
    assert first.body == png.read_bytes()
    assert first.headers["content-type"] == "image/png"
    assert first.headers["content-length"] == str(png.stat().st_size)
    assert first.headers["x-content-hash"] == "sha256:" + hashlib.sha256(png.read_bytes()).hexdigest()
    assert "transfer-encoding" not in first.headers
    assert seen_progress[-1] == png.stat().st_size and len(seen_progress) >= 2
    # the memory survives the client, per scope, and holds no key
    text = (tmp_path / "uploads.json").read_text()
    assert KEY not in text and UploadMemory(tmp_path / "uploads.json").get("varg|test|u1", first.headers["x-content-hash"])


def test_a_file_over_50_mb_is_refused_before_anything_is_sent(fake: FakeVarg, tmp_path) -> None:
    big = tmp_path / "big.mp4"
    with big.open("wb") as f:
        f.write(b"\x00\x00\x00\x18ftypisom")
        f.truncate(50 * 1024 * 1024 + 1)

    async def go() -> None:
        async with client_of(fake.url) as c:
            with pytest.raises(InputError, match=r"big.mp4 is 50.0 MB; varg takes files up to 50.0 MB"):
                await c.upload(big)
            with pytest.raises(InputError, match="does not exist"):
                await c.upload(tmp_path / "missing.png")
            assert sum(c.requests_sent.values()) == 0 and c.bytes_uploaded == 0

    run(go())
    assert fake.seen == []


# -- the SSE stream ---------------------------------------------------------------------------------------
async def _collect(c: VargClient, job_id: str) -> list[str]:
    out: list[str] = []
    async with contextlib.aclosing(c.stream(job_id)) as events:
        async for job in events:
            out.append(job.status.value)
    return out


def test_stream_ignores_keepalives_and_ends_after_a_final_status(fake: FakeVarg) -> None:
    fake.on("GET", "/jobs/j1/stream", _sse(
        ": keepalive\n\n", _status({"job_id": "j1", "status": "queued"}), ": keepalive\n\n", 0.05,
        "event: ping\ndata: {}\n\n", "id: 7\n\n", "data: not json\n\n",
        _status({"id": "j1", "status": "processing"}), ": keepalive\n\n",
        # split across writes, and a status without an id
        "event: status\ndata: {\"status\":", "\"completed\",\"output\":{\"url\":\"https://s3/o.mp4\"}}\n\n",
        _status({"job_id": "j1", "status": "completed"}), counter=fake))

    async def go() -> None:
        async with client_of(fake.url) as c:
            jobs = []
            async with contextlib.aclosing(c.stream("j1")) as events:
                async for job in events:
                    jobs.append(job)
            assert [j.status for j in jobs] == [VargStatus.QUEUED, VargStatus.PROCESSING, VargStatus.COMPLETED]
            assert jobs[-1].id == "j1" and jobs[-1].output_url == "https://s3/o.mp4"
            assert c.streams_open == 0 and c.requests_sent["GET /jobs/{id}/stream"] == 1

    run(go())
    req, = fake.requests("GET", "/v1/jobs/j1/stream")
    assert req.headers["accept"] == "text/event-stream" and req.headers["authorization"] == f"Bearer {KEY}"


@pytest.mark.parametrize("how", ["ends", "breaks"])
def test_a_stream_that_drops_before_a_final_status(fake: FakeVarg, how: str) -> None:
    items: list[Any] = [_status({"job_id": "j2", "status": "processing"}), ": keepalive\n\n"]
    if how == "breaks":
        items.append("!raise")
    fake.on("GET", "/jobs/j2/stream", _sse(*items))

    async def go() -> None:
        async with client_of(fake.url) as c:
            seen: list[str] = []
            with pytest.raises(StreamDropped) as e:
                async for job in c.stream("j2"):
                    seen.append(job.status.value)
            assert seen == ["processing"] and e.value.last is not None and e.value.last.id == "j2"
            assert e.value.transient and ("ended" in str(e.value) or "broke" in str(e.value))
            assert c.streams_open == 0

    run(go())


def test_keepalives_keep_a_stream_open_and_a_silent_one_drops(fake: FakeVarg) -> None:
    alive: list[Any] = [_status({"job_id": "k", "status": "processing"})]
    alive += [": keepalive\n\n", 0.1] * 8  # 0.8 s of keep-alives, each well inside the read timeout
    alive.append(_status({"job_id": "k", "status": "completed"}))
    fake.on("GET", "/jobs/k/stream", _sse(*alive))
    fake.on("GET", "/jobs/quiet/stream", _sse(_status({"job_id": "quiet", "status": "processing"}), 3.0))

    async def go() -> None:
        import httpx

        async with client_of(fake.url) as c:
            c.stream_timeout = httpx.Timeout(5.0, read=0.4)
            assert await _collect(c, "k") == ["processing", "completed"]
            with pytest.raises(StreamDropped, match="broke") as e:
                await _collect(c, "quiet")
            assert e.value.last is not None and e.value.last.status is VargStatus.PROCESSING

    run(go())


def test_stream_errors_and_a_gateway_without_streams(fake: FakeVarg) -> None:
    fake.answer("GET", "/jobs/gone/stream", {"error": {"message": "Job not found", "_tag": "NotFoundError"}}, 404)
    fake.answer("GET", "/jobs/j3/stream", {"job_id": "j3", "status": "processing"})
    fake.answer("GET", "/jobs/j4/stream", {"job_id": "j4", "status": "completed"})

    async def go() -> None:
        async with client_of(fake.url) as c:
            with pytest.raises(NotFound):
                await _collect(c, "gone")
            seen: list[str] = []
            with pytest.raises(StreamDropped, match="polling"):
                async for job in c.stream("j3"):
                    seen.append(job.id)
            assert seen == ["j3"]
            assert await _collect(c, "j4") == ["completed"]
            assert c.streams_open == 0

    run(go())


def test_cancelling_a_stream_closes_its_connection(fake: FakeVarg) -> None:
    fake.on("GET", "/jobs/j5/stream", _sse(_status({"job_id": "j5", "status": "processing"}), "!forever",
                                           counter=fake))

    async def go() -> None:
        async with client_of(fake.url) as c:
            first = asyncio.Event()

            async def follow() -> None:
                async for _job in c.stream("j5"):
                    first.set()

            task = asyncio.create_task(follow())
            await asyncio.wait_for(first.wait(), 10)
            assert c.streams_open == 1
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert c.streams_open == 0
            # leaving the loop early (aclosing) closes it too
            async with contextlib.aclosing(c.stream("j5")) as events:
                async for _job in events:
                    break
            assert c.streams_open == 0
            assert await asyncio.to_thread(fake.wait_streams_closed, 2)

    run(go())
    assert fake.closed_streams == 2  # the server saw both connections go


# -- transcripts and downloads ------------------------------------------------------------------------------
def test_transcript_from_the_job_or_from_its_file_without_a_key(fake: FakeVarg, fake2: FakeVarg) -> None:
    async def plain(request: Request) -> Response:
        return PlainTextResponse("hello from a file\n")

    async def as_json(request: Request) -> Response:
        return JSONResponse({"text": "hi there", "segments": [{"start": 0, "end": 1.2, "text": "hi"},
                                                              {"start": 1.2, "end": 2.0, "text": "there"}]})

    fake.on("GET", "/files/t.txt", plain)
    fake2.on("GET", "/files/t.json", as_json)
    from verging_desktop.api.varg import VargJob

    async def go() -> None:
        async with client_of(fake.url) as c:
            inline = VargJob.from_json({"job_id": "a", "status": "completed", "output": {"text": " inline "}})
            assert (await c.transcript(inline)).text == "inline"
            own = VargJob.from_json({"job_id": "b", "status": "completed", "output": {"url": fake.url + "/files/t.txt"}})
            assert (await c.transcript(own)).text == "hello from a file"
            other = VargJob.from_json({"job_id": "c", "status": "completed",
                                       "output": {"url": fake2.url + "/files/t.json"}})
            t = await c.transcript(other)
            assert t.text == "hi there" and t.segments[1] == (1.2, 2.0, "there")
            with pytest.raises(ApiError):
                await c.transcript(VargJob.from_json({"job_id": "d", "status": "completed"}))

    run(go())
    for s in [*fake.seen, *fake2.seen]:
        assert "authorization" not in s.headers
