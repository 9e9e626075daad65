"""Filmstrip thumbnails and the waveform summary."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.media.conftest import Clips, sad
from verging_desktop.core.errors import InputError
from verging_desktop.media.thumbs import Thumb, rotate_rgb, thumbnails, waveform


async def collect(path: Path, count: int = 12, height: int = 90) -> list[Thumb]:
    return [t async for t in thumbnails(path, count, height)]


def test_thumbnails_count_order_and_size(clips: Clips) -> None:
    thumbs = asyncio.run(collect(clips.bframes))
    assert [t.index for t in thumbs] == list(range(12))
    times = [t.time for t in thumbs]
    assert times == sorted(times) and times[0] == pytest.approx(0.25) and times[-1] == pytest.approx(5.75)
    for t in thumbs:
        assert (t.width, t.height) == (120, 90)
        assert len(t.rgb) == t.width * t.height * 3 == t.stride * t.height
        assert t.frame_time <= t.time + 1e-6
        assert t.time - t.frame_time <= 6.0 / 12  # close to the time asked for
    # different moments look different
    assert len({t.rgb for t in thumbs}) == 12


def test_thumbnails_of_a_rotated_video_are_upright(clips: Clips) -> None:
    upright = asyncio.run(collect(clips.rotated, 4, 120))
    assert all((t.width, t.height) == (90, 120) for t in upright)
    plain = asyncio.run(collect(clips.rotated.parent / "rot_base.mp4", 4, 90))
    assert all((t.width, t.height) == (120, 90) for t in plain)
    for r, p in zip(upright, plain, strict=True):
        ccw, _, _ = rotate_rgb(p.rgb, p.width, p.height, 90)
        cw, _, _ = rotate_rgb(p.rgb, p.width, p.height, 270)
        assert sad(r.rgb, ccw) < sad(r.rgb, cw) / 3


def test_portrait_thumbnails(clips: Clips) -> None:
    thumbs = asyncio.run(collect(clips.portrait, 3, 64))
    assert [(t.width, t.height) for t in thumbs] == [(36, 64)] * 3


def test_stopping_early_stops_the_worker(clips: Clips) -> None:
    async def two() -> list[Thumb]:
        got = []
        async for t in thumbnails(clips.bframes, 50, 60):
            got.append(t)
            if len(got) == 2:
                break
        return got

    assert len(asyncio.run(two())) == 2


@pytest.mark.parametrize("name", ["text", "mp3", "empty"])
def test_thumbnails_of_non_videos_are_input_errors(clips: Clips, name: str) -> None:
    with pytest.raises(InputError):
        asyncio.run(collect(getattr(clips, name)))


def test_rotate_rgb_quarter_turns() -> None:
    a, b = b"\x01\x01\x01", b"\x02\x02\x02"  # a 2x1 picture: a left, b right
    assert rotate_rgb(a + b, 2, 1, 90) == (b + a, 1, 2)  # counter-clockwise: b on top
    assert rotate_rgb(a + b, 2, 1, 270) == (a + b, 1, 2)
    assert rotate_rgb(a + b, 2, 1, 180) == (b + a, 2, 1)
    assert rotate_rgb(a + b, 2, 1, 0) == (a + b, 2, 1)


def test_waveform_peaks(clips: Clips) -> None:
    peaks = asyncio.run(waveform(clips.bframes, 100))
    assert len(peaks) == 100
    # lavfi sine has amplitude 1/8
    assert all(0.1 < p < 0.15 for p in peaks[1:-1])
    assert asyncio.run(waveform(clips.mp3, 10)) and len(asyncio.run(waveform(clips.mp3, 10))) == 10


def test_waveform_without_audio_is_empty(clips: Clips) -> None:
    assert asyncio.run(waveform(clips.noaudio)) == []
