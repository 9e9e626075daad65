"""The trimmer's frame grid and cut cache below Qt: time <-> frame arithmetic on real frame times
(constant and variable rate), the default and "whole file" selections, keyframe steps, typed
times, thumbnail counts; the cut cache reuses a cut, forgets a deleted one and removes its folder."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from verging_desktop.media.cut import CutResult
from verging_desktop.media.cutcache import CutCache, copy_atomic, cut_key
from verging_desktop.media.framegrid import (
    FrameGrid,
    limit_reason,
    parse_time,
    thumb_count,
)
from verging_desktop.media.probe import MediaInfo


def info(times: list[float], keys: list[float], fps: float = 25.0, path: str = "clip.mp4") -> MediaInfo:
    return MediaInfo(path=Path(path), size_bytes=1, format_name="mov,mp4", duration=times[-1] + 1 / fps,
                     start_time=0.0, bit_rate=None, has_video=True, video_codec="h264", fps=fps,
                     frame_times=tuple(times), keyframe_times=tuple(keys), frame_count=len(times))


def test_grid_of_a_constant_rate_clip() -> None:
    times = [i / 25 for i in range(250)]  # 10 s at 25 fps, a keyframe every second
    g = FrameGrid.from_info(info(times, [float(s) for s in range(10)]))
    assert g and g.frame_count == 250 and g.duration == pytest.approx(10.0)
    assert g.key_idx == tuple(range(0, 250, 25)) and g.key_stops[-1] == 250
    assert g.nearest_index(1.01) == 25 and g.nearest_index(1.03) == 26
    assert g.index_at_most(1.039) == 25 and g.frame_containing(9.999) == 249
    assert g.nearest_keyframe_index(3.4, 0, 249, include_end=False) == 75
    assert g.nearest_keyframe_index(9.9, 1, 250, include_end=True) == 250
    assert g.step_stop(30, 1, out=False) == 50 and g.step_stop(30, -2, out=False) == 0
    assert g.step_stop(240, 1, out=True) == 250
    assert g.first_selection(30.0) == (0, 250)
    assert g.first_selection(4.0) == (0, 100) and g.times(0, 100) == (0.0, pytest.approx(4.0))
    assert g.is_whole(0.0, 10.0) and g.is_whole(0.01, 9.99)
    assert not g.is_whole(0.0, 9.9) and not g.is_whole(0.1, 10.0)
    assert not FrameGrid() and FrameGrid().duration == 0.0 and FrameGrid().first_selection(30) == (0, 0)


def test_grid_of_a_variable_rate_clip_steps_by_its_real_frames() -> None:
    times = [i / 30 for i in range(30)] + [1 + i / 15 for i in range(15)]
    g = FrameGrid.from_info(info(times, [0.0, 1.0], fps=30.0))
    assert g.bounds[:-1] == tuple(times)
    assert g.nearest_index(1.06) == 31 and g.nearest_index(1.0) == 30


def test_times_limits_and_thumbnails() -> None:
    assert parse_time("12.5") == 12.5 and parse_time("1:02.250") == 62.25 and parse_time("1:02:03.5 s") == 3723.5
    for bad in ("", "1::2", "abc", "1:x"):
        with pytest.raises(ValueError):
            parse_time(bad)
    assert limit_reason(30.04, 30.0).startswith("The selection is 30.04 s; Verging takes at most 30 s")
    assert thumb_count(800, 56, 16 / 9) == 8 and thumb_count(10, 56, 1) == 6 and thumb_count(1e5, 16, 1) == 48


def test_cut_cache_reuses_forgets_and_cleans_up(tmp_path: Path) -> None:
    src = info([i / 25 for i in range(50)], [0.0], path=str(tmp_path / "a.mov"))
    cache = CutCache(tmp_path / "cuts")
    assert cache.temp_dir is None and not cache.cutting
    key = cut_key(src.path, 0.1234567, 1.0, "smart")
    assert key == (str(src.path), 0.123457, 1.0, "smart")
    first = cache.target(src, "smart")
    assert first.parent == cache.temp_dir and first.parent.parent == tmp_path / "cuts"
    assert first.name == "cut-1-smart.mov" and cache.target(src, "copy").name == "cut-2-copy.mov"
    first.write_bytes(b"cut")
    res = CutResult(first, 0.9, 0.12, 1.0, "smart", 0.12, 1.0)
    cache.put(key, res)
    assert cache.get(key) is res and cache.get(cut_key(src.path, 0.2, 1.0, "smart")) is None
    first.unlink()
    assert cache.get(key) is None  # the file is gone: cut again

    async def go() -> None:
        never: asyncio.Future[CutResult] = asyncio.get_running_loop().create_future()
        started = cache.start(key, src, None, lambda coro: (coro.close(), never)[1])
        assert started is never and cache.running(key) is never and cache.cutting
        cache.cancel()
        assert never.cancelled() and cache.running(key) is None
        cache.finished(key, never)

    asyncio.run(go())
    again = cache.target(src, "smart")
    again.write_bytes(b"x")
    cache.put(key, CutResult(again, 0.9, 0.12, 1.0, "smart", 0.12, 1.0))
    cache.clear()
    assert not again.exists() and cache.get(key) is None
    folder = cache.temp_dir
    assert folder is not None and folder.is_dir()
    cache.remove_temp()
    cache.detach()
    assert not folder.exists()
    dst = tmp_path / "out" / "copy.mp4"
    (tmp_path / "src.bin").write_bytes(b"abc")
    copy_atomic(tmp_path / "src.bin", dst)
    assert dst.read_bytes() == b"abc" and not list(dst.parent.glob(".*.part"))
