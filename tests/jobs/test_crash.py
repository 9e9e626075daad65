"""Crash test: submit 20 jobs from one process, SIGKILL it while they run, start again.

The sandbox runs in its own process. Afterwards every job has completed and downloaded, none
was created twice (create-job requests counted by the sandbox), none was lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import make_image
from verging_desktop.sandbox import DEMO_KEY

ROOT = Path(__file__).resolve().parents[2]


def test_sigkill_while_jobs_run_loses_nothing_and_repeats_nothing(ffmpeg, tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VERGING_")}
    env.update(VERGING_DATA_DIR=str(tmp_path / "data"), VERGING_CONFIG_DIR=str(tmp_path / "cfg"),
               VERGING_POLL_INTERVAL="0.3")
    sandbox = subprocess.Popen([sys.executable, "-m", "verging_desktop.sandbox", "--port", "0", "--data-dir",
                                str(tmp_path / "sb"), "--job-seconds", "5"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, cwd=ROOT, env=env)
    first = None
    try:
        assert sandbox.stdout is not None
        base = sandbox.stdout.readline().strip()
        root = base.rsplit("/api/", 1)[0]
        src = make_image(ffmpeg, tmp_path / "src.png")
        images = []
        for i in range(20):
            p = tmp_path / "in" / f"img_{i:02d}.png"
            p.parent.mkdir(exist_ok=True)
            p.write_bytes(src.read_bytes())
            images.append(p)
        out = tmp_path / "out"
        out.mkdir()
        common = ["--base-url", base, "--api-key", DEMO_KEY]
        args = [sys.executable, "-m", "verging_desktop.cli", "bg-remove", "-d", *common]
        for p in images:
            args += ["-i", str(p)]
        first = subprocess.Popen(args, cwd=out, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

        def stats() -> dict:
            return httpx.get(f"{root}/_sandbox/stats", timeout=5).json()

        deadline = time.monotonic() + 60
        while stats()["create_jobs"]["background_removal"] < 20:
            assert first.poll() is None, first.stderr.read() if first.stderr else ""
            assert time.monotonic() < deadline, "jobs were not created in time"
            time.sleep(0.1)
        time.sleep(0.5)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        assert first.returncode == -signal.SIGKILL
        assert not list(out.glob("*_nobg.png")), "the jobs should still have been running"

        listed = subprocess.run([sys.executable, "-m", "verging_desktop.cli", "jobs", "--json"], cwd=out, env=env,
                                capture_output=True, text=True, timeout=60)
        assert listed.returncode == 0, listed.stderr
        jobs = json.loads(listed.stdout)
        assert len(jobs) == 20 and all(j["remote_id"] for j in jobs)
        ids = [str(j["local_id"]) for j in jobs]

        again = subprocess.run([sys.executable, "-m", "verging_desktop.cli", "jobs", "wait", *ids, *common],
                               cwd=out, env=env, capture_output=True, text=True, timeout=120)
        assert again.returncode == 0, again.stderr
        files = sorted(p.name for p in out.iterdir())
        assert files == sorted(f"img_{i:02d}_nobg.png" for i in range(20)), files
        assert stats()["create_jobs"]["background_removal"] == 20  # none created twice
        final = json.loads(subprocess.run([sys.executable, "-m", "verging_desktop.cli", "jobs", "--json"], cwd=out,
                                          env=env, capture_output=True, text=True, timeout=60).stdout)
        assert all(j["status"] == "completed" and j["download_state"] == "done" for j in final)
    finally:
        if first is not None and first.poll() is None:
            first.kill()
            first.wait(timeout=10)
        sandbox.terminate()
        try:
            sandbox.wait(timeout=10)
        except subprocess.TimeoutExpired:
            sandbox.kill()
            sandbox.wait(timeout=10)


# -- a sandbox restarted on another port; results where -o said, after a crash -------------------
def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VERGING_")}
    env.update(VERGING_DATA_DIR=str(tmp_path / "data"), VERGING_CONFIG_DIR=str(tmp_path / "cfg"),
               VERGING_POLL_INTERVAL="0.3")
    return env


class SandboxProcess:
    """``python -m verging_desktop.sandbox`` in its own process, on a free port, stopped by PID."""

    def __init__(self, data_dir: Path, env: dict[str, str], job_seconds: float) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "verging_desktop.sandbox", "--port", "0", "--data-dir",
                                      str(data_dir), "--job-seconds", str(job_seconds)], stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, cwd=ROOT, env=env)
        assert self.proc.stdout is not None
        self.base = self.proc.stdout.readline().strip()
        assert self.base.startswith("http://"), "the sandbox did not start"
        self.root = self.base.rsplit("/api/", 1)[0]

    def stats(self) -> dict:
        return httpx.get(f"{self.root}/_sandbox/stats", timeout=5).json()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)


def _kill(p: subprocess.Popen | None) -> None:
    if p is not None and p.poll() is None:
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=10)


def _cli(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "verging_desktop.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_jobs_survive_a_sandbox_restarted_on_a_new_port(ffmpeg, tmp_path) -> None:
    """The CLI is SIGKILLed while its jobs process, the sandbox dies too and comes back on another
    port with the same data folder: 'jobs wait --all' finds the jobs, completes and downloads them."""
    env = _env(tmp_path)
    sb_dir = tmp_path / "sb"
    first_sb = SandboxProcess(sb_dir, env, job_seconds=6)
    second_sb = None
    first = None
    try:
        images = []
        for i in range(3):
            images.append(make_image(ffmpeg, tmp_path / f"pic_{i}.png"))
        out = tmp_path / "out"
        out.mkdir()
        args = [sys.executable, "-m", "verging_desktop.cli", "bg-remove", "-d", "--base-url", first_sb.base,
                "--api-key", DEMO_KEY]
        for p in images:
            args += ["-i", str(p)]
        first = subprocess.Popen(args, cwd=out, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while first_sb.stats()["create_jobs"]["background_removal"] < 3:
            assert first.poll() is None, first.stderr.read() if first.stderr else ""
            assert time.monotonic() < deadline, "jobs were not created in time"
            time.sleep(0.1)
        time.sleep(0.5)
        _kill(first)
        first_sb.kill()  # the server goes away too, mid-processing
        assert not list(out.iterdir()), "the jobs should still have been running"

        second_sb = SandboxProcess(sb_dir, env, job_seconds=6)
        assert second_sb.base != first_sb.base  # a new port
        again = _cli(["jobs", "wait", "--all", "--timeout", "60", "--base-url", second_sb.base, "--api-key", DEMO_KEY],
                     cwd=out, env=env)
        assert again.returncode == 0, again.stderr
        assert sorted(p.name for p in out.iterdir()) == [f"pic_{i}_nobg.png" for i in range(3)]
        assert all((out / f"pic_{i}_nobg.png").read_bytes()[:4] == b"\x89PNG" for i in range(3))
        assert second_sb.stats()["create_jobs"]["background_removal"] == 0  # none sent again
        final = json.loads(_cli(["jobs", "--json"], cwd=out, env=env).stdout)
        assert len(final) == 3
        assert all(j["status"] == "completed" and j["download_state"] == "done" for j in final)
        # nothing left to wait for
        idle = _cli(["jobs", "wait", "--all", "--base-url", second_sb.base, "--api-key", DEMO_KEY], cwd=out, env=env)
        assert idle.returncode == 0 and "No unfinished jobs" in idle.stderr
    finally:
        _kill(first)
        first_sb.kill()
        if second_sb is not None:
            second_sb.kill()


def test_after_a_crash_results_go_where_o_said(ffmpeg, tmp_path) -> None:
    """Three `verging faceswap ... -d -o q/swapN.mp4`, each SIGKILLed right after create-job, then
    `verging jobs wait 1 2 3` from another folder: the results are q/swap1.mp4 ... q/swap3.mp4,
    and a file that appeared at q/swap2.mp4 meanwhile is kept (the result is 'swap2 (2).mp4')."""
    from tests.conftest import make_clip

    env = _env(tmp_path)
    sb = SandboxProcess(tmp_path / "sb", env, job_seconds=5)
    procs: list[subprocess.Popen] = []
    try:
        work = tmp_path / "work"
        work.mkdir()
        make_clip(ffmpeg, work / "clip.mp4", seconds=2, size="160x120")
        make_image(ffmpeg, work / "face.png")
        common = ["--base-url", sb.base, "--api-key", DEMO_KEY]
        for n in (1, 2, 3):
            p = subprocess.Popen([sys.executable, "-m", "verging_desktop.cli", "faceswap", "-v", "clip.mp4", "-f",
                                  "face.png", "-d", "-o", f"q/swap{n}.mp4", *common], cwd=work, env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            procs.append(p)
            deadline = time.monotonic() + 60
            while sb.stats()["create_jobs"]["faceswap"] < n:
                assert p.poll() is None, p.stderr.read() if p.stderr else ""
                assert time.monotonic() < deadline, "the job was not created in time"
                time.sleep(0.05)
            _kill(p)
            assert p.returncode == -signal.SIGKILL
        q = work / "q"
        assert not q.exists() or not list(q.glob("*.mp4")), "the jobs should still have been running"
        q.mkdir(exist_ok=True)
        (q / "swap2.mp4").write_bytes(b"someone else's file")

        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        ids = [str(j["local_id"]) for j in json.loads(_cli(["jobs", "--json"], cwd=elsewhere, env=env).stdout)]
        assert len(ids) == 3
        done = _cli(["jobs", "wait", *ids, *common], cwd=elsewhere, env=env)
        assert done.returncode == 0, done.stderr
        assert sorted(p.name for p in q.iterdir()) == ["swap1.mp4", "swap2 (2).mp4", "swap2.mp4", "swap3.mp4"]
        assert (q / "swap2.mp4").read_bytes() == b"someone else's file"
        for name in ("swap1.mp4", "swap2 (2).mp4", "swap3.mp4"):
            assert (q / name).stat().st_size > 1000
        assert not list(elsewhere.iterdir()) and sorted(p.name for p in work.iterdir()) == ["clip.mp4", "face.png", "q"]
        assert sb.stats()["create_jobs"]["faceswap"] == 3  # none sent twice
        printed = [Path(line) for line in done.stdout.split("\n") if line.strip()]
        assert sorted(printed) == sorted(q / n for n in ("swap1.mp4", "swap2 (2).mp4", "swap3.mp4"))
    finally:
        for p in procs:
            _kill(p)
        sb.kill()
