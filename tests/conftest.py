"""Shared fixtures: an isolated environment for every test (no real home, no real keyring),
a real sandbox server on 127.0.0.1, and generated media."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("VERGING_API_KEY", None)
os.environ.pop("VERGING_BASE_URL", None)
os.environ.pop("VIMMERSE_API_KEY", None)
os.environ.pop("VIMMERSE_BASE_URL", None)
os.environ.pop("VIMMERSE_PRICING_FILE", None)
os.environ.pop("VARG_API_KEY", None)
os.environ.pop("VARG_BASE_URL", None)
os.environ.pop("VARG_PRICING_FILE", None)
os.environ.pop("VARG_PROVIDER_KEY_FAL", None)
os.environ.pop("VARG_PROVIDER_KEY_ELEVENLABS", None)
os.environ.pop("VARG_PROVIDER_KEY_HIGGSFIELD", None)
os.environ.pop("VARG_PROVIDER_KEY_REPLICATE", None)

import keyring
from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring for tests: nothing is written anywhere."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.store:
            raise PasswordDeleteError("not found")
        del self.store[(service, username)]


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """Every test gets its own config/data/log dirs and an in-memory keyring."""
    base = tmp_path_factory.mktemp("env")
    for var, sub in (("VERGING_CONFIG_DIR", "config"), ("VERGING_DATA_DIR", "data"), ("VERGING_LOG_DIR", "log"),
                     ("VERGING_DOWNLOAD_DIR", "downloads")):
        (base / sub).mkdir()
        monkeypatch.setenv(var, str(base / sub))
    # the app's saved settings (QSettings' file, which the command line reads too): never the real ones
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "xdg"))
    monkeypatch.delenv("VERGING_API_KEY", raising=False)
    monkeypatch.delenv("VERGING_BASE_URL", raising=False)
    monkeypatch.delenv("VERGING_PRICING_FILE", raising=False)
    for var in ("VIMMERSE_API_KEY", "VIMMERSE_BASE_URL", "VIMMERSE_PRICING_FILE"):
        monkeypatch.delenv(var, raising=False)
    previous = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring(isolated_env: MemoryKeyring) -> MemoryKeyring:
    return isolated_env


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[object]:
    """A real sandbox server on 127.0.0.1 with quick jobs; stopped after the test."""
    from verging_desktop.sandbox import Sandbox

    sb = Sandbox(data_dir=tmp_path / "sandbox", job_seconds=1.0)
    sb.start()
    try:
        yield sb
    finally:
        sb.stop()


@pytest.fixture(scope="session")
def ffmpeg() -> str:
    from verging_desktop.media.binaries import ffmpeg_exe

    return ffmpeg_exe()


def make_clip(ffmpeg: str, path: Path, *, seconds: float = 3.0, size: str = "320x240", rate: int = 25,
              audio: bool = True, gop: int | None = None, extra: list[str] | None = None) -> Path:
    """Generate a test clip with lavfi testsrc2 (+ sine audio)."""
    cmd = [ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
           f"testsrc2=size={size}:rate={rate}:duration={seconds}"]
    if audio:
        cmd += ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=44100:duration={seconds}"]
    cmd += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
    if gop:
        cmd += ["-g", str(gop), "-keyint_min", str(gop), "-sc_threshold", "0"]
    if audio:
        cmd += ["-c:a", "aac", "-shortest"]
    cmd += (extra or []) + [str(path)]
    subprocess.run(cmd, check=True, timeout=120)
    return path


def make_image(ffmpeg: str, path: Path, *, size: str = "256x256", color: str = "orange") -> Path:
    subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc2=size={size}:rate=1:duration=1", "-frames:v", "1", str(path)], check=True, timeout=60)
    return path


def make_audio(ffmpeg: str, path: Path, *, seconds: float = 3.0, extra: list[str] | None = None) -> Path:
    subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    f"sine=frequency=300:sample_rate=22050:duration={seconds}", *(extra or []), str(path)],
                   check=True, timeout=120)
    return path


@pytest.fixture
def media_dir(tmp_path: Path) -> Path:
    d = tmp_path / "media"
    d.mkdir()
    return d


PY = sys.executable
