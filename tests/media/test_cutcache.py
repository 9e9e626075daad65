"""The cut cache's private folder lives only while it holds cuts: real cuts with the real ffmpeg."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.conftest import make_clip
from verging_desktop.media.cutcache import CutCache, cut_key
from verging_desktop.media.probe import aprobe


def test_release_removes_the_folder_and_a_lone_failed_cut_leaves_none(tmp_path: Path, ffmpeg: str) -> None:
    src = make_clip(ffmpeg, tmp_path / "clip.mp4", seconds=2.0)
    parent = tmp_path / "cuts"

    async def go() -> None:
        info = await aprobe(src)
        cache = CutCache(parent)
        key = cut_key(src, 0.0, 1.0, "smart")
        task = cache.start(key, info, None, asyncio.ensure_future)
        res = await task
        cache.finished(key, task)
        cache.put(key, res)
        folder = cache.temp_dir
        assert folder is not None and res.path.parent == folder and res.path.stat().st_size > 0
        cache.release()  # the clip is done with: its cut and the folder go
        assert not res.path.exists() and not folder.exists() and cache.temp_dir is None
        assert list(parent.iterdir()) == []
        # a later cut makes a new folder, and works
        key2 = cut_key(src, 0.5, 1.5, "exact")
        task2 = cache.start(key2, info, None, asyncio.ensure_future)
        res2 = await task2
        cache.finished(key2, task2)
        cache.put(key2, res2)
        assert res2.path.is_file() and cache.temp_dir is not None and cache.temp_dir != folder
        cache.release()
        assert list(parent.iterdir()) == []

        # a cut that fails (the source vanished) and nothing else: no empty folder is left
        gone = tmp_path / "gone.mp4"
        gone.write_bytes(src.read_bytes())
        ginfo = await aprobe(gone)
        gone.unlink()
        other = CutCache(parent)
        gkey = cut_key(gone, 0.0, 1.0, "smart")
        bad = other.start(gkey, ginfo, None, asyncio.ensure_future)
        await asyncio.wait([bad])
        assert bad.exception() is not None
        other.finished(gkey, bad)
        assert other.temp_dir is None and list(parent.iterdir()) == []

    asyncio.run(go())
