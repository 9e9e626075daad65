"""ffmpeg discovery: a working ffmpeg on PATH first, else the bundled one, else a clear message."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from verging_desktop.media import binaries
from verging_desktop.media.binaries import FfmpegMissing, ffmpeg_exe

pytestmark = pytest.mark.skipif(os.name != "posix", reason="fake ffmpeg scripts are shell scripts")

ENCODERS_OK = """Encoders:
 V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)
 A....D aac                  AAC (Advanced Audio Coding)
"""
ENCODERS_NO_X264 = """Encoders:
 A....D aac                  AAC (Advanced Audio Coding)
"""


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("VERGING_FFMPEG", raising=False)
    ffmpeg_exe.cache_clear()
    yield
    ffmpeg_exe.cache_clear()


def fake_ffmpeg(folder: Path, *, works: bool = True, encoders: str = ENCODERS_OK) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    exe = folder / "ffmpeg"
    listing = encoders.replace("\n", "\\n")
    exe.write_text(
        "#!/bin/sh\n"
        + ("exit 1\n" if not works else "")
        + f'case "$*" in *-encoders*) printf "{listing}";; *) echo "ffmpeg version fake";; esac\n'
    )
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    return exe


def test_a_working_ffmpeg_on_path_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exe = fake_ffmpeg(tmp_path / "bin")
    monkeypatch.setenv("PATH", str(exe.parent))
    assert ffmpeg_exe() == str(exe)


def test_broken_or_x264_less_ffmpeg_on_path_gives_way_to_the_bundled_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import imageio_ffmpeg  # type: ignore[import-untyped]

    bundled = imageio_ffmpeg.get_ffmpeg_exe()
    monkeypatch.setenv("PATH", str(fake_ffmpeg(tmp_path / "broken", works=False).parent))
    assert ffmpeg_exe() == bundled
    ffmpeg_exe.cache_clear()
    monkeypatch.setenv("PATH", str(fake_ffmpeg(tmp_path / "nox264", encoders=ENCODERS_NO_X264).parent))
    assert ffmpeg_exe() == bundled


def test_no_ffmpeg_at_all_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import imageio_ffmpeg

    def missing() -> str:
        raise RuntimeError("no binary for this platform")

    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(imageio_ffmpeg, "get_ffmpeg_exe", missing)
    with pytest.raises(FfmpegMissing, match="No working ffmpeg") as err:
        ffmpeg_exe()
    assert "install" in str(err.value)
    assert binaries.REQUIRED_ENCODERS == ("libx264", "aac")
