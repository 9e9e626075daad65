"""The real app in a child process: the terminal stays quiet, and the video tabs work without
the system's PulseAudio library.

* Opening a video used to print about 15 lines of FFmpeg stream information on the terminal
  (QtMultimedia's FFmpeg) and a dozen multimedia warnings at start: now they are in the log file at
  debug level (QtMultimedia's probing; one line per opened file), and the terminal shows them only
  with ``--verbose``.
* Without ``libpulse.so.0`` importing QtMultimedia fails; every video tab used to show only "The
  Face Swap tab could not be loaded: libpulse.so.0 ...". The library is made unloadable for real:
  a broken ``libpulse.so.0`` first on LD_LIBRARY_PATH. The tab loads, the trimmer and filmstrip
  work, a job is submitted and its result arrives, and the player area says what to install.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import make_clip, make_image
from tests.ui.app_process import MARKER, child_env
from verging_desktop.app_core.logsetup import LOG_FILE_NAME

ROOT = Path(__file__).resolve().parents[2]
FFMPEG_LINES = ("Stream #0", "Input #0", "Duration:")


@pytest.fixture(scope="module")
def media(ffmpeg: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("app-process")
    return make_clip(ffmpeg, d / "holiday.mp4", seconds=3), make_image(ffmpeg, d / "face.png")


def run_app(tmp: Path, scenario: str, media: tuple[Path, Path], *app_args: str,
            env_extra: dict[str, str] | None = None) -> tuple[dict, str, str]:
    """(what the child saw, its stderr, its log file)."""
    env = child_env(tmp, **(env_extra or {}))
    p = subprocess.run([sys.executable, "-m", "tests.ui.app_process", scenario, str(media[0]), str(media[1]),
                        "--", "--sandbox", *app_args], cwd=ROOT, env=env, capture_output=True, text=True, check=False,
                       timeout=180)
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith(MARKER + " ")]
    assert p.returncode == 0 and lines, f"the app failed (rc {p.returncode}):\n{p.stdout}\n{p.stderr}"
    seen = json.loads(lines[-1][len(MARKER) + 1:])
    assert "error" not in seen, f"{seen['error']}\n{p.stderr}"
    log = (tmp / "log" / LOG_FILE_NAME).read_text("utf-8")
    return seen, p.stderr, log


def test_opening_a_video_keeps_the_terminal_quiet_and_the_log_file_has_it(media, tmp_path):
    seen, stderr, log = run_app(tmp_path, "video", media)
    assert seen["player"] == "PreviewPlayer" and seen["frames"] == 75 and seen["filmstrip"] > 0
    for line in FFMPEG_LINES:
        assert line not in stderr, f"{line!r} on the terminal:\n{stderr}"
    # nothing of QtMultimedia's probing of the system either (PipeWire, VA-API, PulseAudio...)
    for noise in ("Couldn't load", "Couldn't resolve", "pa_context", "Using Qt multimedia"):
        assert noise not in stderr, f"{noise!r} on the terminal:\n{stderr}"
    # what the file holds is in the log file, at debug level
    streams = [ln for ln in log.splitlines() if "verging_desktop.media.streams" in ln]
    assert streams and all(" DEBUG " in ln for ln in streams), log
    assert "Input holiday.mp4" in streams[0] and "Duration: 3.000 s" in streams[0] and "Stream video: h264" in streams[0]
    # and QtMultimedia's own lines too, when it printed any
    for ln in log.splitlines():
        if "Couldn't load" in ln or "Using Qt multimedia" in ln:
            assert " DEBUG " in ln and "verging_desktop.ui.qt.multimedia" in ln, ln


def test_verbose_prints_ffmpeg_lines_on_the_terminal(media, tmp_path):
    seen, stderr, _log = run_app(tmp_path, "video", media, "--verbose")
    assert seen["player"] == "PreviewPlayer"
    assert "Input holiday.mp4" in stderr  # the app's own line about the file
    # FFmpeg's own stream information (QtMultimedia's FFmpeg prints it when it opens the file)
    assert "Stream #0" in stderr and "Duration:" in stderr, stderr


def test_the_command_line_is_quiet_unless_verbose(media, tmp_path):
    env = child_env(tmp_path)
    cmd = [sys.executable, "-m", "verging_desktop.cli", "--sandbox", "faceswap", "-v", str(media[0]),
           "-f", str(media[1])]
    quiet = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False)
    assert quiet.returncode == 0, quiet.stderr
    assert "DEBUG" not in quiet.stderr and "Input holiday.mp4" not in quiet.stderr
    for line in FFMPEG_LINES:
        assert line not in quiet.stderr
    loud = subprocess.run(cmd + ["--verbose"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False)
    assert loud.returncode == 0, loud.stderr
    assert "DEBUG verging_desktop.media.streams: Input holiday.mp4" in loud.stderr, loud.stderr


@pytest.fixture
def no_libpulse(tmp_path: Path) -> dict[str, str]:
    """A broken libpulse.so.0 found first: loading it fails the way a missing one does."""
    d = tmp_path / "no-libpulse"
    d.mkdir()
    (d / "libpulse.so.0").write_bytes(b"")
    env = {"LD_LIBRARY_PATH": str(d)}
    probe = subprocess.run([sys.executable, "-c", "import PySide6.QtMultimedia"], env={**child_env(tmp_path), **env},
                           capture_output=True, text=True, timeout=60, check=False)
    assert probe.returncode != 0 and "libpulse.so.0" in probe.stderr, "the fake libpulse did not break QtMultimedia"
    return env


def test_video_tabs_work_without_libpulse_and_say_what_to_install(media, tmp_path, no_libpulse):
    seen, stderr, _log = run_app(tmp_path / "app", "submit", media, env_extra=no_libpulse)
    assert seen["tab"] == "FaceSwapPage", seen  # not the "could not be loaded" label
    hint = "Playback needs PulseAudio's library: sudo apt install libpulse0"
    assert seen["player"] == "NoPlayback" and seen["player_text"].startswith(hint)
    # the trimmer and filmstrip work; play says why it cannot
    assert seen["frames"] == 75 and seen["filmstrip"] > 0
    assert not seen["play_enabled"] and seen["play_tip"] == hint
    # a job was cut, sent and its result downloaded; the compare view says why it does not play
    assert Path(seen["result"]).is_file() and Path(seen["result"]).stat().st_size > 0
    assert hint in seen["compare_message"] and "holiday_faceswap.mp4" in seen["compare_message"]
    assert seen["tts_note"] == hint
    assert "could not be loaded" not in stderr
