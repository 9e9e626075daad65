"""One window per user: a second launch with files hands them to the running window, which
raises itself and opens each in the tool for its type; ``--new-instance`` opens a window of its
own. Real processes (the app's own ``main``), each with its own XDG_RUNTIME_DIR and configuration
folder under the test's temp folder, so no test ever meets a real running app; each is stopped by
its PID."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import make_audio, make_clip, make_image
from tests.ui.app_process import child_env
from tests.ui.instance_child import MARKER
from verging_desktop.app import FIRST_PAINT_MARKER
from verging_desktop.ui.single_instance import InstanceServer, claim, instance_name, send_to_running

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def run_dir():
    """A runtime folder of the test's own, with a short path: a socket path has ~100 bytes, and a
    test's temp folder (deeper still under pytest-xdist) can be longer than that."""
    run = Path(tempfile.mkdtemp(prefix="vd-run-", dir="/tmp"))
    run.chmod(0o700)
    yield run
    shutil.rmtree(run, ignore_errors=True)


def _env(tmp: Path, run: Path, **extra: str) -> dict[str, str]:
    return child_env(tmp, XDG_RUNTIME_DIR=str(run), **extra)


def _socket_of(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("XDG_RUNTIME_DIR", env["XDG_RUNTIME_DIR"])
    return instance_name(env["VERGING_CONFIG_DIR"])


def _stop(p: subprocess.Popen) -> None:
    if p.poll() is None:
        p.kill()  # by its PID
        p.wait(timeout=30)


def _wait_for(pred, timeout: float, what: str, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        if proc is not None and proc.poll() is not None:
            out, err = proc.communicate(timeout=10)
            raise AssertionError(f"the app ended (rc {proc.returncode}) before {what}:\n{out}\n{err}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_a_second_launch_hands_its_files_to_the_running_window(ffmpeg, tmp_path, monkeypatch, run_dir):
    media = tmp_path / "media"
    media.mkdir()
    image = make_image(ffmpeg, media / "cat.png")
    video = make_clip(ffmpeg, media / "holiday.mp4", seconds=2)
    make_audio(ffmpeg, media / "speech.wav", seconds=2)
    env = _env(tmp_path, run_dir)
    name = _socket_of(env, monkeypatch)
    assert name.startswith(env["XDG_RUNTIME_DIR"])  # the test's own, never a real app's

    # the first launch opens its own file (an image) and listens; 3 batches: its image, then the
    # second launch's video and audio
    first = subprocess.Popen([sys.executable, "-m", "tests.ui.instance_child", "3", "--", "--sandbox", str(image)],
                             cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    others: list[subprocess.Popen] = []
    try:
        _wait_for(lambda: os.path.exists(name), 60, "the first window to listen", first)

        # --new-instance: a window of its own (it paints, and is not handed over), stopped by its PID
        env_new = dict(env, VERGING_STARTUP_PROBE="stay")
        lone = subprocess.Popen([sys.executable, "-m", "verging_desktop", "--new-instance", str(video)], cwd=ROOT,
                                env=env_new, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        others.append(lone)
        assert lone.stdout is not None
        line = lone.stdout.readline()  # its first paint (a handed-over launch prints nothing and exits)
        assert line.startswith(FIRST_PAINT_MARKER), (line, lone.poll())
        _stop(lone)

        # the second launch: relative paths from its own working folder; it must not paint a window
        # of its own (the probe "stay" would print the marker and keep running)
        second = subprocess.run([sys.executable, "-m", "verging_desktop", "holiday.mp4", "speech.wav"],
                                cwd=media, env=dict(env, VERGING_STARTUP_PROBE="stay"),
                                capture_output=True, text=True, timeout=60, check=False)
        assert second.returncode == 0, second.stderr
        assert FIRST_PAINT_MARKER not in second.stdout

        out, err = first.communicate(timeout=120)
    finally:
        _stop(first)
        for p in others:
            _stop(p)
    assert first.returncode == 0, err
    lines = [ln for ln in out.splitlines() if ln.startswith(MARKER + " ")]
    assert lines, f"{out}\n{err}"
    seen = json.loads(lines[-1][len(MARKER) + 1:])
    assert "error" not in seen, f"{seen}\n{err}"
    assert seen["opened"] == [["background-removal", ["cat.png"]], ["face-swap", ["holiday.mp4"]],
                              ["speech-to-text", ["speech.wav"]]]
    assert seen["background_removal"] == ["cat.png"]
    assert seen["face_swap_videos"] == ["holiday.mp4"]
    assert seen["speech_to_text"] == "speech.wav"
    assert seen["current"] == "Speech to Text"  # the window shows the tool the last file went to
    assert seen["raised"] == 2  # once for its own command line, once for the second launch
    assert not os.path.exists(name)  # the socket went with the window


def test_a_stale_socket_of_a_crashed_window_is_taken_over(qapp, tmp_path, monkeypatch, run_dir):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(run_dir))
    name = instance_name(tmp_path / "config")
    assert os.path.dirname(name) == str(run_dir)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(name)  # a socket file nobody listens on (its process is gone)
    s.close()
    assert os.path.exists(name)
    assert send_to_running(name, ["/x.mp4"], connect_ms=300) is False
    server = claim(name, [])
    try:
        assert server is not None and server.listening
    finally:
        if server is not None:
            server.close()


def test_the_server_hands_files_and_the_token_over(qapp, qtbot, tmp_path, monkeypatch, run_dir):
    """The server in this process, a client in another (stopped by its PID): the client's message
    arrives as filesReceived, and the client is told "ok" only after it was read."""
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(run_dir))
    name = instance_name(tmp_path / "config")
    assert os.path.dirname(name) == str(run_dir)
    server = InstanceServer(name)
    assert server.listen()
    got: list = []
    server.filesReceived.connect(lambda files, token: got.append((files, token)))
    code = ("import sys\nfrom PySide6.QtCore import QCoreApplication\napp = QCoreApplication([])\n"
            "from verging_desktop.ui.single_instance import send_to_running\n"
            f"print(send_to_running({name!r}, ['/a b.mp4', '/c.png'], token='tok'))\n")
    client = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        qtbot.waitUntil(lambda: client.poll() is not None, timeout=30000)
        out, err = client.communicate(timeout=10)
    finally:
        _stop(client)
        server.close()
    assert got == [(["/a b.mp4", "/c.png"], "tok")]
    assert out.strip() == "True", err


def test_names_differ_per_configuration_folder(tmp_path, monkeypatch, run_dir):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(run_dir))
    a, b = instance_name(tmp_path / "one"), instance_name(tmp_path / "two")
    assert a != b and a == instance_name(tmp_path / "one")
    assert os.path.dirname(a) == str(run_dir)
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    assert "/" not in instance_name(tmp_path / "one")  # a plain name Qt puts in the temp folder


def test_the_configuration_root_comes_from_the_environment(tmp_path, monkeypatch):
    from verging_desktop.ui.single_instance import configuration_root

    for k in ("VERGING_CONFIG_DIR", "XDG_CONFIG_HOME", "APPDATA"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert configuration_root() == str(tmp_path / "home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert configuration_root() == str(tmp_path / "xdg")
    monkeypatch.setenv("VERGING_CONFIG_DIR", str(tmp_path / "config"))
    assert configuration_root() == str(tmp_path / "config")  # the app's own folder wins
    # two users' settings in two XDG folders are two instances
    monkeypatch.delenv("VERGING_CONFIG_DIR")
    one = instance_name(configuration_root())
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "other"))
    assert instance_name(configuration_root()) != one
