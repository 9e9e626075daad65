"""Fixtures for the Vimmerse client tests: a real sandbox with quick assets, real media, helpers."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import make_audio, make_clip, make_image
from verging_desktop.api.retry import RetryPolicy
from verging_desktop.api.vimmerse import Asset, VimmerseClient
from verging_desktop.sandbox import Sandbox

FAST = RetryPolicy(attempts=4, base_delay=0.05, max_delay=0.2, max_rate_limit_wait=5)


@pytest.fixture
def vsb(tmp_path: Path) -> Iterator[Sandbox]:
    """A running sandbox whose assets finish in 0.6 s."""
    sb = Sandbox(data_dir=tmp_path / "vsb", job_seconds=0.6)
    sb.start()
    try:
        yield sb
    finally:
        sb.stop()


@pytest.fixture(scope="session")
def vmedia(tmp_path_factory: pytest.TempPathFactory, ffmpeg: str) -> dict[str, Path]:
    """Real media: a 6.5 s clip with sound, a 2 s clip, two images and a 3 s audio file."""
    d = tmp_path_factory.mktemp("vimmerse-media")
    return {
        "clip": make_clip(ffmpeg, d / "long clip.mp4", seconds=6.5, size="320x240"),
        "short": make_clip(ffmpeg, d / "short.mp4", seconds=2, size="320x240"),
        "image": make_image(ffmpeg, d / "portrait.png", size="240x320"),
        "image2": make_image(ffmpeg, d / "friend.jpg", size="200x200"),
        "audio": make_audio(ffmpeg, d / "voice.wav", seconds=3.0),
    }


def client_for(sb: Sandbox, key: str | None = None, retry: RetryPolicy = FAST) -> VimmerseClient:
    return VimmerseClient(sb.vimmerse_demo_key if key is None else key, sb.vimmerse_url, retry=retry)


async def wait_final(c: VimmerseClient, asset_id: str, timeout: float = 90.0) -> tuple[Asset, list[str]]:
    """Poll an asset until it is final; (the final asset, every status word seen)."""
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while True:
        a = await c.asset(asset_id)
        if not seen or seen[-1] != a.status:
            seen.append(a.status)
        if a.state.final:
            return a, seen
        if time.monotonic() > deadline:
            raise AssertionError(f"asset {asset_id} still {a.status} after {timeout:.0f} s")
        await asyncio.sleep(0.05)


def run(coro):
    return asyncio.run(coro)
