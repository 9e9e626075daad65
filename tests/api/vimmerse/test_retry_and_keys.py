"""The retry policy on Vimmerse routes, where the key may go, and a streamed upload's memory."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.api.vimmerse.conftest import client_for, run, wait_final
from verging_desktop.api.retry import RetryPolicy
from verging_desktop.api.vimmerse import AssetState, CropRequest, VimmerseClient
from verging_desktop.core.errors import ConnectionFailed, NotSent, ServiceUnavailable, UpstreamError
from verging_desktop.sandbox import Sandbox


@dataclass(frozen=True)
class Healing(RetryPolicy):
    """The real retry policy, whose waits run ``heal`` (the fault is lifted while the client waits)."""

    heal: Callable[[], None] = field(default=lambda: None)
    waits: list[float] = field(default_factory=list)

    async def run(self, op, *, idempotent, what="request", sleep=asyncio.sleep):
        async def wait(seconds: float) -> None:
            self.waits.append(seconds)
            self.heal()
            await asyncio.sleep(0)

        return await super().run(op, idempotent=idempotent, what=what, sleep=wait)


def healing(heal: Callable[[], None]) -> Healing:
    return Healing(attempts=4, base_delay=0.01, max_delay=0.02, heal=heal)


def _errors_on(sb: Sandbox, *paths: str) -> Callable[[], None]:
    sb.faults.error_paths = paths
    sb.faults.error_rate = 1.0

    def heal() -> None:
        sb.faults.error_rate = 0.0

    return heal


# -- what is retried ------------------------------------------------------------------------------
def test_reads_and_uploads_are_retried_after_5xx(vsb, vmedia) -> None:
    async def go() -> None:
        policy = healing(_errors_on(vsb, "/vimmerse/v2/video"))
        async with client_for(vsb, retry=policy) as c:
            url = await c.host(vmedia["short"], "video")  # 502 first, then the upload again
            assert c.requests_sent["POST /v2/video"] == 2 and len(policy.waits) == 1
            a = await c.create(CropRequest(video_url=url))
            policy2 = healing(_errors_on(vsb, "/vimmerse/v2/asset", "/vimmerse/asset"))
            c.retry = policy2
            read = await c.asset(a.id)  # 503 (the injector alternates 502, 503), then the read
            assert read.id == a.id and c.requests_sent["GET /v2/asset/{id}"] == 2 and len(policy2.waits) == 1
            policy3 = healing(_errors_on(vsb, "/vimmerse/v2/video/estimate-credits"))
            c.retry = policy3
            assert (await c.estimate("upload-video", "UploadVideo")).total == 0
            assert c.requests_sent["POST /v2/video/estimate-credits"] == 2

    run(go())
    assert vsb.vimmerse_stats()["uploads"] == 1  # the 502 answered before the upload was stored


def test_create_is_not_retried_after_a_5xx(vsb, vmedia) -> None:
    async def go() -> None:
        async with client_for(vsb) as c:
            url = await c.host(vmedia["short"], "video")
            policy = healing(_errors_on(vsb, "/crop-to-aspect-ratio"))
            c.retry = policy
            with pytest.raises(UpstreamError):
                await c.create(CropRequest(video_url=url))
            vsb.faults.error_rate = 1.0
            with pytest.raises(ServiceUnavailable):
                await c.create(CropRequest(video_url=url))
            assert c.requests_sent["POST /v2/video/crop-to-aspect-ratio"] == 2 and policy.waits == []

    run(go())


def test_create_is_never_repeated_after_its_answer_was_lost(vsb, vmedia) -> None:
    async def go() -> str:
        async with client_for(vsb) as c:
            url = await c.host(vmedia["short"], "video")
            policy = healing(lambda: None)
            c.retry = policy
            vsb.faults.error_paths = ("/crop-to-aspect-ratio",)
            vsb.faults.drop_answer_next = 1
            with pytest.raises(ConnectionFailed) as e:
                await c.create(CropRequest(video_url=url))
            assert not isinstance(e.value, NotSent)
            assert c.requests_sent["POST /v2/video/crop-to-aspect-ratio"] == 1 and policy.waits == []
            return url

    run(go())
    # the request did arrive and was charged: that is why it must not be sent again
    assert vsb.vimmerse_stats()["created"] == {"crop-to-aspect-ratio": 1}
    assert vsb.vimmerse_credits(vsb.vimmerse_demo_key) == 999
    assert vsb.faults.drop_answer_next == 0


def test_create_is_retried_when_nothing_was_sent(tmp_path, vmedia) -> None:
    data = tmp_path / "sb"
    with Sandbox(data_dir=data, job_seconds=0.5) as first:
        key = first.vimmerse_demo_key

        async def upload() -> str:
            async with client_for(first) as c:
                return await c.host(vmedia["short"], "video")

        url = run(upload())
    # a port that refuses connections until the sandbox comes up on it during the client's wait
    hold = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    hold.bind(("127.0.0.1", 0))
    port = hold.getsockname()[1]
    started: list[Sandbox] = []

    def heal() -> None:
        if not started:
            hold.close()
            sb = Sandbox(data_dir=data, port=port, job_seconds=0.5)
            sb.start()
            started.append(sb)

    try:
        async def go() -> None:
            policy = healing(heal)
            async with VimmerseClient(key, f"http://127.0.0.1:{port}/vimmerse", retry=policy) as c:
                a = await c.create(CropRequest(video_url=url, aspect_ratio="1:1"))
                assert c.requests_sent["POST /v2/video/crop-to-aspect-ratio"] == 2 and len(policy.waits) == 1
                final, _ = await wait_final(c, a.id)
                assert final.state is AssetState.SUCCESS

        run(go())
        assert started and started[0].vimmerse_stats()["created"] == {"crop-to-aspect-ratio": 1}
    finally:
        hold.close()
        for sb in started:
            sb.stop()


# -- where the key goes ---------------------------------------------------------------------------
class Recorder:
    """A tiny loopback HTTP server that records every request's headers.

    ``/file`` answers bytes, ``/v2/asset/{id}`` redirects to ``redirect_to`` (another origin), and
    ``/asset-json`` answers an asset.
    """

    def __init__(self) -> None:
        self.seen: list[tuple[str, dict[str, str]]] = []
        self.redirect_to = ""
        rec = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return None

            def do_GET(self) -> None:
                rec.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                if self.path.startswith("/v2/asset/"):
                    self.send_response(302)
                    self.send_header("Location", rec.redirect_to)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if self.path == "/asset-json":
                    body = json.dumps({"id": "a1", "status": "success", "results": ["x"], "credits": "3"}).encode()
                    ctype = "application/json"
                else:
                    body, ctype = b"sandbox bytes" * 100, "video/mp4"
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.fixture
def recorders() -> Iterator[tuple[Recorder, Recorder]]:
    a, b = Recorder(), Recorder()
    try:
        yield a, b
    finally:
        a.close()
        b.close()


def test_the_key_goes_to_the_base_url_only(vsb, vmedia, recorders, tmp_path) -> None:
    base, other = recorders
    base.redirect_to = other.url + "/asset-json"
    key = "vim_test_key_that_must_not_travel"

    async def go() -> None:
        async with VimmerseClient(key, base.url) as c:
            # a result on another host: no key
            await c.download(other.url + "/file", tmp_path / "a.mp4")
            # a file on the API's own host: still no key (downloads never carry it)
            await c.download(base.url + "/file", tmp_path / "b.mp4")
            # a redirect from the API to another origin: the key stays behind
            a = await c.asset("a1")
            assert a.credits == 3 and a.state is AssetState.SUCCESS
        async with client_for(vsb) as c:
            url = await c.host(vmedia["short"], "video")
            made = await c.create(CropRequest(video_url=url))
            final, _ = await wait_final(c, made.id)
            await c.download(final.url, tmp_path / "c.mp4")

    run(go())
    assert [p for p, _ in base.seen] == ["/file", "/v2/asset/a1"]
    assert [h.get("x-api-key") for _, h in base.seen] == [None, key]
    assert [p for p, _ in other.seen] == ["/file", "/asset-json"]
    assert all("x-api-key" not in h and "authorization" not in h for _, h in other.seen)
    assert all(key not in json.dumps(h) for _, h in other.seen)
    # no other provider's header ever reaches Vimmerse
    assert vsb.vimmerse_stats()["authorization_headers"] == 0


# -- memory -----------------------------------------------------------------------------------------
def _vm(name: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(name)


@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux /proc")
def test_a_large_upload_is_streamed_from_disk(tmp_path) -> None:
    big = tmp_path / "big.mp4"
    size = 200 * 1024 * 1024
    with big.open("wb") as f:  # sparse: an MP4 header, then zeros
        f.write(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom")
        f.truncate(size)
    data = tmp_path / "sb"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])}
    proc = subprocess.Popen([sys.executable, "-m", "verging_desktop.sandbox", "--port", "0", "--data-dir", str(data)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line.startswith("http://127.0.0.1:"), line
        vim_url = line.removesuffix("/api/v1") + "/vimmerse"
        marks: list[int] = []

        async def go() -> str:
            async with VimmerseClient(Sandbox.vimmerse_demo_key, vim_url) as c:
                await c.validate_key()  # connections, imports and first allocations before measuring
                try:
                    Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM) to now
                except OSError:
                    pytest.skip("cannot reset the peak RSS here")
                marks.append(_vm("VmHWM"))
                asset = await c.upload_video(big, progress=lambda p: None)
                marks.append(_vm("VmHWM"))
                assert asset.url
                return asset.url

        url = run(go())
        growth = marks[1] - marks[0]
        assert growth < 40 * 1024 * 1024, f"peak RSS grew {growth / 2**20:.0f} MB during a 200 MB upload"
        token, name = url.rsplit("/", 2)[-2:]
        stored = data / "files" / "uploads" / token / name
        assert stored.stat().st_size == size
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
