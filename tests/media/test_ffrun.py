"""The ffmpeg runner: progress parsing, error messages, cancellation, awkward file names."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from verging_desktop.core.errors import Progress
from verging_desktop.media.binaries import ffmpeg_exe
from verging_desktop.media.ffrun import FfmpegFailed, active_pids, compile_graph, ffpath, run_ffmpeg


def test_progress_is_parsed_into_snapshots(media_dir: Path) -> None:
    seen: list[Progress] = []
    out = media_dir / "tone.wav"
    run = asyncio.run(run_ffmpeg(["-y", "-f", "lavfi", "-i", "sine=duration=3", ffpath(out)],
                                 total=3.0, progress=seen.append, stage="Testing"))
    assert run.returncode == 0 and out.exists()
    assert seen and all(p.stage == "Testing" for p in seen)
    assert seen[-1].done == pytest.approx(3.0) and seen[-1].fraction == pytest.approx(1.0)


def test_failure_carries_ffmpegs_own_words(media_dir: Path) -> None:
    out = media_dir / "x.mp4"
    with pytest.raises(FfmpegFailed) as err:
        asyncio.run(run_ffmpeg(["-y", "-i", ffpath(media_dir / "missing.mp4"), ffpath(out)], outputs=[out]))
    assert "No such file" in str(err.value)
    assert err.value.returncode != 0
    assert not out.exists()


def test_cancel_kills_the_process_and_removes_the_output(media_dir: Path) -> None:
    out = media_dir / "long.mp4"
    pids: list[int] = []

    async def scenario() -> None:
        task = asyncio.create_task(run_ffmpeg(
            ["-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=600",
             "-c:v", "libx264", "-preset", "medium", ffpath(out)],
            outputs=[out], on_start=pids.append))
        for _ in range(100):
            await asyncio.sleep(0.05)
            if out.exists():
                break
        assert out.exists() and not task.done()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(scenario())
    assert pids and not active_pids()
    if os.name == "posix":
        with pytest.raises(ProcessLookupError):
            os.kill(pids[0], 0)
    assert not out.exists()


def test_names_that_look_like_options_or_protocols(media_dir: Path) -> None:
    out = media_dir / "-dash: and colon 東京.wav"
    asyncio.run(run_ffmpeg(["-y", "-f", "lavfi", "-i", "sine=duration=0.2", ffpath(out)]))
    assert out.exists()


def test_compile_graph_gives_an_argument_list(media_dir: Path) -> None:
    import ffmpeg as ffmpeg_python  # type: ignore[import-untyped]

    args = compile_graph(ffmpeg_python.input("in put.mp4").output("out put.mp3", acodec="libmp3lame"))
    assert args[0] != "ffmpeg" and "in put.mp4" in args and "out put.mp3" in args and "-y" in args
    assert os.path.exists(ffmpeg_exe())
