"""Fixtures for the sandbox tests: small media made with ffmpeg, a running Sandbox, an httpx client."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from verging_desktop.media.binaries import ffmpeg_exe
from verging_desktop.sandbox import DEMO_KEY, Sandbox


def _ff(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", *args], check=True, timeout=60)


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A 2 s 320x240 video with audio, a face PNG, a JPEG photo, a 3.5 s WAV and a text file."""
    d = tmp_path_factory.mktemp("media")
    video = d / "clip.mp4"
    _ff("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
        "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", str(video))
    face = d / "face.png"
    _ff("-f", "lavfi", "-i", "testsrc2=size=96x96", "-frames:v", "1", "-update", "1", str(face))
    photo = d / "photo.jpg"
    _ff("-f", "lavfi", "-i", "testsrc2=size=200x150", "-frames:v", "1", "-update", "1", str(photo))
    wav = d / "speech.wav"
    _ff("-f", "lavfi", "-i", "sine=frequency=300:sample_rate=16000:duration=3.5", str(wav))
    text = d / "notes.txt"
    text.write_text("not an image\n")
    return {"video": video, "face": face, "photo": photo, "wav": wav, "text": text}


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    sb = Sandbox(data_dir=tmp_path / "sb", job_seconds=1.0)
    sb.start()
    try:
        yield sb
    finally:
        sb.stop()


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.base_url, headers={"Authorization": f"ApiKey {DEMO_KEY}"}, timeout=20,
                      trust_env=False) as c:
        yield c
