"""Polling cost and UI smoothness with 100 open jobs.

A sandbox in its own process holds 100 background-removal jobs that stay open for the whole
run. The job queue polls them (batched, adaptive) while the Job Queue panel shows them, on the
qasync loop of an offscreen QApplication. Prints:

* status requests per minute, per poll round and per job kind, against the official CLI's way
  (one request per job every 5 s), which is also measured here for a short while in the same run;
* the longest stalls of the Qt event loop, measured by a 10 ms timer while the panel updates
  (99th percentile and worst).

    python benchmarks/poll.py [--minutes 2] [--jobs 100]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import qasync  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from verging_desktop.api.verging import JobKind, VergingClient  # noqa: E402
from verging_desktop.jobs.queue import JobQueue  # noqa: E402
from verging_desktop.jobs.store import JobStore  # noqa: E402
from verging_desktop.media.binaries import ffmpeg_exe  # noqa: E402
from verging_desktop.sandbox import DEMO_KEY  # noqa: E402
from verging_desktop.ui.jobs.queue_panel import QueuePanel  # noqa: E402


def pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


async def scenario(args: argparse.Namespace, tmp: Path, base: str, root: str) -> None:
    img = tmp / "p.png"
    await asyncio.to_thread(subprocess.run, [ffmpeg_exe(), "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=64x64:rate=1:duration=1", "-frames:v", "1", str(img)], check=True)
    store = JobStore(tmp / "jobs.db")
    client = VergingClient(DEMO_KEY, base)
    queue = JobQueue(store, client, download_dir=tmp / "out")
    panel = QueuePanel(queue)
    panel.resize(1100, 700)
    panel.show()
    for _ in range(args.jobs):
        await queue.submit_background_removal(img, estimated=1)

    # the Qt loop's heartbeat: a 10 ms timer; a late tick is a stall
    ticks: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def beat() -> None:
        now = clock.nsecsElapsed()
        ticks.append((now - last[0]) / 1e6)
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(beat)
    timer.start()

    async with httpx.AsyncClient() as h:
        await h.post(f"{root}/_sandbox/reset-stats")
        t0 = time.monotonic()
        await queue.start()
        await asyncio.sleep(args.minutes * 60)
        elapsed = time.monotonic() - t0
        stats = (await h.get(f"{root}/_sandbox/stats")).json()
    timer.stop()
    await queue.stop()
    ours = sum(n for k, n in stats["requests"].items() if k.startswith("GET ") and "/background-removal/jobs" in k)
    rounds = max(1, queue.poll_requests.get("background-removal", 0) // max(1, -(-args.jobs // queue.policy.batch)))

    # the official CLI's way, measured for a short while: one request per job every 5 s
    base_seconds = min(20.0, args.minutes * 60)
    ids = [r.remote_id for r in store.list() if r.remote_id]
    sent = 0
    t1 = time.monotonic()
    while time.monotonic() - t1 < base_seconds:
        round_start = time.monotonic()
        await asyncio.gather(*(client.jobs(JobKind.BACKGROUND_REMOVAL, [i]) for i in ids))
        sent += len(ids)
        await asyncio.sleep(max(0.0, 5.0 - (time.monotonic() - round_start)))
    base_elapsed = time.monotonic() - t1
    await client.aclose()
    panel.detach()
    store.close()

    stalls = [max(0.0, t - 10.0) for t in ticks[1:]]
    ours_pm = ours / elapsed * 60
    base_pm = sent / base_elapsed * 60
    print(f"jobs open: {args.jobs} for {elapsed:.0f} s (one kind: background removal)")
    print(f"batched, adaptive polling : {ours} requests = {ours_pm:.1f} per minute, "
          f"{ours / rounds:.1f} per poll round ({rounds} rounds; target <= 3 per interval per kind)")
    print(f"one request per job / 5 s : {sent} requests in {base_elapsed:.0f} s = {base_pm:.0f} per minute")
    print(f"ratio                     : {base_pm / max(ours_pm, 1e-9):.0f}x fewer requests")
    print(f"Qt event loop stalls (10 ms timer, {len(ticks)} ticks): p99 {pct(stalls, 99):.1f} ms "
          f"(target < 16), worst {max(stalls or [0]):.1f} ms (target < 50), median tick {statistics.median(ticks):.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=2.0)
    ap.add_argument("--jobs", type=int, default=100)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="verging-poll-bench-"))
    job_seconds = args.minutes * 60 + 120
    sb = subprocess.Popen([sys.executable, "-m", "verging_desktop.sandbox", "--port", "0", "--data-dir", str(tmp / "sb"),
                           "--job-seconds", str(job_seconds), "--credits", "100000"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    try:
        assert sb.stdout is not None
        base = sb.stdout.readline().strip()
        root = base.rsplit("/api/", 1)[0]
        app = QApplication.instance() or QApplication(sys.argv)
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            loop.run_until_complete(scenario(args, tmp, base, root))
    finally:
        sb.terminate()
        try:
            sb.wait(timeout=10)
        except subprocess.TimeoutExpired:
            sb.kill()
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    sys.stdout.flush()
    # skip interpreter finalization: PySide6 objects torn down in arbitrary order can crash it
    os._exit(0)


if __name__ == "__main__":
    main()
