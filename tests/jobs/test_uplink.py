"""The upload-rate estimate (core.uplink): learns, persists, per host, ignores tiny uploads; and
the shared upload (api.base.put_file) feeds it."""

from __future__ import annotations

import json
from pathlib import Path

from verging_desktop.core.errors import Progress
from verging_desktop.core.uplink import ALPHA, MIN_BYTES, UplinkEstimator, UploadTimer, host_of

MB = 1_000_000


def test_learns_an_exponentially_weighted_average() -> None:
    e = UplinkEstimator()
    assert e.estimate("verging", "up.example") is None
    e.record("verging", "up.example", 10 * MB, 10.0)
    assert e.estimate("verging", "up.example") == 1 * MB
    e.record("verging", "up.example", 20 * MB, 10.0)
    assert e.estimate("verging", "up.example") == ALPHA * 2 * MB + (1 - ALPHA) * 1 * MB
    s = e.sample("verging", "up.example")
    assert s is not None and s.uploads == 2


def test_per_provider_and_host() -> None:
    e = UplinkEstimator()
    e.record("verging", "a.example", 10 * MB, 1.0)
    e.record("verging", "B.example", 10 * MB, 10.0)
    assert e.estimate("verging", "a.example") == 10 * MB
    assert e.estimate("verging", "b.example") == 1 * MB
    assert e.estimate("vimmerse", "a.example") is None


def test_ignores_tiny_uploads() -> None:
    e = UplinkEstimator()
    e.record("verging", "a.example", MIN_BYTES - 1, 0.001)
    e.record("verging", "a.example", 10 * MB, 0.0)
    assert e.estimate("verging", "a.example") is None


def test_persists_only_provider_and_host(tmp_path: Path) -> None:
    f = tmp_path / "uplink.json"
    e = UplinkEstimator(f)
    e.record("verging", host_of("https://user:secret@cdn.example:8443/up/x.mp4?X-Amz-Signature=abc"), 5 * MB, 2.0)
    text = f.read_text()
    assert "secret" not in text and "Signature" not in text and "/up/" not in text
    assert list(json.loads(text)) == ["verging|cdn.example"]
    again = UplinkEstimator.in_dir(tmp_path)
    assert again.estimate("verging", "cdn.example") == 2.5 * MB
    f.write_text("not json")
    assert UplinkEstimator(f).estimate("verging", "cdn.example") is None


def test_learns_from_the_first_seconds_of_an_upload() -> None:
    now = [100.0]
    e = UplinkEstimator(clock=lambda: now[0])
    live = e.live("verging", "a.example")
    live(Progress(1 * MB, 50 * MB))
    assert e.estimate("verging", "a.example") is None
    now[0] += 0.5
    live(Progress(2 * MB, 50 * MB))
    assert e.estimate("verging", "a.example") is None  # under a second
    now[0] += 1.5
    live(Progress(5 * MB, 50 * MB))
    assert e.estimate("verging", "a.example") == 2 * MB  # 4 MB in 2 s
    e.record("verging", "a.example", 50 * MB, 10.0)  # the finished upload replaces it
    assert e.estimate("verging", "a.example") == 5 * MB


def test_timer_reports_the_body() -> None:
    now = [0.0]
    e = UplinkEstimator(clock=lambda: now[0])
    seen: list[Progress] = []
    t = UploadTimer(e, "verging", "https://cdn.example/x?sig=1", seen.append, host="api.example", clock=lambda: now[0])
    t.start()
    for i in range(1, 5):
        now[0] += 1.0
        t.progress(Progress(i * MB, 4 * MB))
    t.done(4 * MB)
    assert len(seen) == 4 and t.rate == 1 * MB
    assert e.estimate("verging", "api.example") == 1 * MB


def test_put_file_feeds_the_estimate(tmp_path: Path) -> None:
    import asyncio

    import httpx

    from verging_desktop.api.base import put_file
    from verging_desktop.api.retry import RetryPolicy

    got: list[int] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        body = b""
        async for chunk in request.stream:  # type: ignore[union-attr]
            body += chunk
        got.append(len(body))
        return httpx.Response(200)

    f = tmp_path / "v.mp4"
    f.write_bytes(b"\0" * (3 * MB))
    e = UplinkEstimator()

    async def run() -> UploadTimer:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            return await put_file(http, "https://cdn.example/put?sig=1", f, errors=lambda r: RuntimeError(),  # type: ignore[arg-type,return-value]
                                  retry=RetryPolicy(), uplink=e, provider="verging")

    timer = asyncio.run(run())
    assert got == [3 * MB]
    assert timer.rate is not None and timer.rate > 0
    assert e.estimate("verging", "cdn.example") == timer.rate


def test_vimmerse_and_varg_uploads_feed_it_too(tmp_path: Path, ffmpeg: str) -> None:
    """The other providers' upload bodies (multipart to Vimmerse, raw to varg) report to the same
    estimate, each under its own provider and host."""
    import asyncio

    from tests.conftest import make_audio, make_clip
    from verging_desktop.api.varg import VargClient
    from verging_desktop.api.vimmerse import VimmerseClient
    from verging_desktop.sandbox import Sandbox

    clip = make_clip(ffmpeg, tmp_path / "clip.mp4", seconds=3.0, size="320x240", extra=["-crf", "0"])
    audio = make_audio(ffmpeg, tmp_path / "voice.wav", seconds=10.0)
    assert clip.stat().st_size > MIN_BYTES and audio.stat().st_size > MIN_BYTES
    e = UplinkEstimator(tmp_path / "uplink.json")
    sb = Sandbox(data_dir=tmp_path / "sb")
    sb.start()
    try:
        async def go() -> None:
            async with VimmerseClient(sb.vimmerse_demo_key, sb.vimmerse_url) as v:
                v.uplink = e
                await v.upload_video(clip)
            async with VargClient(sb.varg_demo_key, sb.varg_url) as g:
                g.uplink = e
                await g.upload(audio)

        asyncio.run(go())
    finally:
        sb.stop()
    host = host_of(sb.base_url)
    assert (e.estimate("vimmerse", host) or 0) > 0
    assert (e.estimate("varg", host) or 0) > 0
    assert e.estimate("verging", host) is None
