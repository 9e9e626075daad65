"""SIGKILL while a Vimmerse job is being sent: nothing is lost, nothing is sent twice.

A child process submits three crops through the Vimmerse queue against the sandbox (each request
slowed down by the sandbox's latency fault) and is killed while the third job's create request is
out, after it was recorded as submitting and before its answer came back. A new queue on the same
store then finishes and downloads the first two, marks the third unknown (in words a person can act
on) and never sends it; the sandbox counts three create requests. Sent again by hand, the third
one's file is not uploaded a second time."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import make_clip
from verging_desktop.api.retry import RetryPolicy
from verging_desktop.api.vimmerse import VimmerseClient
from verging_desktop.core.identity import account_identity
from verging_desktop.jobs.store import DownloadState, JobStore, LocalStatus
from verging_desktop.jobs.vimmerse_queue import AssetPollPolicy, VimmerseQueue
from verging_desktop.sandbox import FaultConfig, Sandbox

ROOT = Path(__file__).resolve().parents[2]
CREATE = "/v2/video/crop-to-aspect-ratio"


def _count(sb: Sandbox, method: str, suffix: str) -> int:
    return sum(n for k, n in sb.stats()["requests"].items() if k.startswith(method + " ") and k.endswith(suffix))


def test_sigkill_while_sending_loses_nothing_and_sends_nothing_twice(ffmpeg, tmp_path) -> None:
    sb = Sandbox(data_dir=tmp_path / "sb", job_seconds=2.0)
    sb.start()
    child = None
    try:
        clips = [make_clip(ffmpeg, tmp_path / f"take {i}.mp4", seconds=1, size="160x120") for i in range(3)]
        db = tmp_path / "q" / "jobs.db"
        JobStore(db).close()
        account = account_identity("vimmerse", sb.vimmerse_url, "test", "")
        sb.faults = FaultConfig(latency_ms=800)  # every request takes a while: room to kill mid-send
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        child = subprocess.Popen([sys.executable, "-m", "tests.jobs.vimmerse_crash_child", str(db), sb.vimmerse_url,
                                  sb.vimmerse_demo_key, account, *map(str, clips)], cwd=ROOT, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert child.stdout is not None
        seen: list[str] = []
        deadline = time.monotonic() + 90
        while "SENDING 3" not in seen:
            line = child.stdout.readline().strip()
            assert line or child.poll() is None, child.stderr.read() if child.stderr else ""
            if line:
                seen.append(line)
            assert time.monotonic() < deadline, f"the child did not get to the third job: {seen}"
        # the third request reached the sandbox (counted on arrival, answered 800 ms later): kill now
        while _count(sb, "POST", CREATE) < 3:
            assert child.poll() is None and time.monotonic() < deadline, "the third create request did not arrive"
            time.sleep(0.01)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        assert child.returncode == -signal.SIGKILL
        assert seen == ["SENDING 1", "SENT 1", "SENDING 2", "SENT 2", "SENDING 3"]
        sb.faults = FaultConfig()
        assert _count(sb, "POST", CREATE) == 3
        uploads = _count(sb, "POST", "/v2/video")

        async def resume() -> None:
            store = JobStore(db)
            client = VimmerseClient(sb.vimmerse_demo_key, sb.vimmerse_url,
                                    retry=RetryPolicy(attempts=3, base_delay=0.05, max_delay=0.2))
            q = VimmerseQueue(store, client, download_dir=tmp_path / "q" / "out", account=account,
                              policy=AssetPollPolicy(base=0.2, ramp=50))
            await q.start()
            try:
                recs = store.list(include_hidden=True)
                assert [r.local_id for r in recs] == [1, 2, 3]  # nothing lost
                third = recs[2]
                assert third.status is LocalStatus.UNKNOWN and not third.remote_id
                assert "may have been created on Vimmerse" in third.error and "vimmerse.net" in third.error
                assert list(third.params["hosted"]) == [str(clips[2])]  # its upload was recorded
                await asyncio.wait_for(q.wait([1, 2, 3]), 60)
                done = [store.get(i) for i in (1, 2)]
                assert all(r.status is LocalStatus.COMPLETED and r.download_state is DownloadState.DONE for r in done)
                assert sorted(Path(r.result_path).name for r in done) == ["take 0_cropped.mp4", "take 1_cropped.mp4"]
                assert store.get(3).status is LocalStatus.UNKNOWN
                assert _count(sb, "POST", CREATE) == 3  # never sent again
                # sent again by hand: a new job; the file hosted before the crash is not uploaded again
                again = await q.resend(3)
                assert again.local_id == 4 and again.remote_id
                assert _count(sb, "POST", CREATE) == 4 and _count(sb, "POST", "/v2/video") == uploads
                await asyncio.wait_for(q.wait([4]), 60)
                assert Path(store.get(4).result_path).name == "take 2_cropped.mp4"
            finally:
                await q.stop()
                await client.aclose()
                store.close()

        asyncio.run(resume())
    finally:
        if child is not None and child.poll() is None:
            child.kill()
            child.wait(timeout=10)
        sb.stop()
