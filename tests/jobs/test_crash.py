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
