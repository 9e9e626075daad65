"""Polling cost and UI smoothness with 100 open jobs, then with 50 open Vimmerse assets.

A sandbox in its own process holds 100 background-removal jobs that stay open for the whole
run. The job queue polls them (batched, adaptive) while the Job Queue panel shows them, on the
qasync loop of an offscreen QApplication. Prints:

* status requests per minute, per poll round and per job kind, against the official CLI's way
  (one request per job every 5 s), which is also measured here for a short while in the same run;
* the longest stalls of the Qt event loop, measured by a 10 ms timer while the panel updates
  (99th percentile and worst).

Then the same sandbox's Vimmerse paths hold 50 open assets (crops). Vimmerse has no batch read:
the Vimmerse queue reads each asset on its own schedule (slower as it ages, at most 4 reads in
flight) while the panel shows them. Prints the asset reads per minute (each minute, and over the
run) against reading each asset every 5 s (measured for a short while in the same run), and the
event loop's stalls.

    python benchmarks/poll.py [--minutes 2] [--jobs 100] [--assets 50] [--only verging|vimmerse]
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
from verging_desktop.api.vimmerse import CropRequest, VimmerseClient  # noqa: E402
from verging_desktop.core.identity import account_identity  # noqa: E402
from verging_desktop.jobs.queue import JobQueue  # noqa: E402
from verging_desktop.jobs.store import JobStore  # noqa: E402
from verging_desktop.jobs.vimmerse_queue import VimmerseQueue  # noqa: E402
from verging_desktop.media.binaries import ffmpeg_exe  # noqa: E402
from verging_desktop.sandbox import DEMO_KEY, Sandbox  # noqa: E402
from verging_desktop.ui.jobs.queue_panel import QueuePanel  # noqa: E402


def pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


class Heartbeat:
    """The Qt loop's heartbeat: a 10 ms timer; a late tick is a stall."""

    def __init__(self) -> None:
        self.ticks: list[float] = []
        self.clock = QElapsedTimer()
        self.clock.start()
        self.last = self.clock.nsecsElapsed()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self.beat)

    def beat(self) -> None:
        now = self.clock.nsecsElapsed()
        self.ticks.append((now - self.last) / 1e6)
        self.last = now

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def report(self) -> str:
        stalls = [max(0.0, t - 10.0) for t in self.ticks[1:]]
        return (f"Qt event loop stalls (10 ms timer, {len(self.ticks)} ticks): p99 {pct(stalls, 99):.1f} ms "
                f"(target < 16), worst {max(stalls or [0]):.1f} ms (target < 50), "
                f"median tick {statistics.median(self.ticks or [0]):.1f} ms")


def asset_reads(stats: dict) -> int:
    return sum(n for k, n in stats["requests"].items() if k.startswith("GET ") and "/asset/" in k)


async def vimmerse_scenario(args: argparse.Namespace, tmp: Path, root: str) -> None:
    url = root + "/vimmerse"
    clip = tmp / "clip.mp4"
    await asyncio.to_thread(subprocess.run, [ffmpeg_exe(), "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                            "testsrc2=size=160x120:rate=10:duration=1", "-pix_fmt", "yuv420p", str(clip)], check=True)
    store = JobStore(tmp / "vimmerse-jobs.db")
    client = VimmerseClient(Sandbox.vimmerse_demo_key, url)
    queue = VimmerseQueue(store, client, download_dir=tmp / "vout", account=account_identity("vimmerse", url, "bench"))
    verging = JobQueue(store, VergingClient(DEMO_KEY, root + "/api/v1"))  # the panel's own queue: no jobs
    panel = QueuePanel(verging, vimmerse=queue)
    panel.resize(1100, 700)
    panel.show()
    hosted = await client.host(clip, "video")
    for i in range(args.assets):
        await queue.submit(CropRequest(video_url=hosted, aspect_ratio="9:16"), input_name=f"take {i:02d}.mp4",
                           estimated=1)
    beat = Heartbeat()
    beat.start()
    per_minute: list[int] = []
    async with httpx.AsyncClient() as h:
        await h.post(f"{root}/_sandbox/reset-stats")
        t0 = time.monotonic()
        await queue.start()
        last = 0
        for _ in range(int(args.minutes)):
            await asyncio.sleep(60)
            n = asset_reads((await h.get(f"{root}/_sandbox/stats")).json())
            per_minute.append(n - last)
            last = n
        rest = args.minutes * 60 - 60 * int(args.minutes)
        if rest > 0:
            await asyncio.sleep(rest)
        elapsed = time.monotonic() - t0
        ours = asset_reads((await h.get(f"{root}/_sandbox/stats")).json())
    beat.stop()
    in_flight = queue.max_in_flight
    await queue.stop()

    # reading each asset every 5 s, measured for a short while
    base_seconds = min(20.0, args.minutes * 60)
    ids = [r.remote_id for r in store.list() if r.remote_id]
    sent = 0
    t1 = time.monotonic()
    while time.monotonic() - t1 < base_seconds:
        round_start = time.monotonic()
        await asyncio.gather(*(client.asset(str(i)) for i in ids))
        sent += len(ids)
        await asyncio.sleep(max(0.0, 5.0 - (time.monotonic() - round_start)))
    base_elapsed = time.monotonic() - t1
    await client.aclose()
    await verging.client.aclose()
    panel.detach()
    store.close()
    ours_pm = ours / elapsed * 60
    base_pm = sent / base_elapsed * 60
    print(f"vimmerse assets open: {len(ids)} for {elapsed:.0f} s (crops, one read per asset, no batch route)")
    print(f"per-asset adaptive reads  : {ours} requests = {ours_pm:.1f} per minute "
          f"(each minute: {', '.join(str(n) for n in per_minute)}; at most {in_flight} in flight)")
    print(f"each asset every 5 s      : {sent} requests in {base_elapsed:.0f} s = {base_pm:.0f} per minute")
    print(f"ratio                     : {base_pm / max(ours_pm, 1e-9):.1f}x fewer requests "
          f"(at 30 s, the slowest interval: {base_pm / (len(ids) * 2):.0f}x)")
    print(beat.report())


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

    beat = Heartbeat()
    beat.start()

    async with httpx.AsyncClient() as h:
        await h.post(f"{root}/_sandbox/reset-stats")
        t0 = time.monotonic()
        await queue.start()
        await asyncio.sleep(args.minutes * 60)
        elapsed = time.monotonic() - t0
        stats = (await h.get(f"{root}/_sandbox/stats")).json()
    beat.stop()
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

    ours_pm = ours / elapsed * 60
    base_pm = sent / base_elapsed * 60
    print(f"jobs open: {args.jobs} for {elapsed:.0f} s (one kind: background removal)")
    print(f"batched, adaptive polling : {ours} requests = {ours_pm:.1f} per minute, "
          f"{ours / rounds:.1f} per poll round ({rounds} rounds; target <= 3 per interval per kind)")
    print(f"one request per job / 5 s : {sent} requests in {base_elapsed:.0f} s = {base_pm:.0f} per minute")
    print(f"ratio                     : {base_pm / max(ours_pm, 1e-9):.0f}x fewer requests")
    print(beat.report())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=2.0)
    ap.add_argument("--jobs", type=int, default=100)
    ap.add_argument("--assets", type=int, default=50, help="open Vimmerse assets")
    ap.add_argument("--only", choices=("verging", "vimmerse"), default=None)
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
            if args.only != "vimmerse":
                loop.run_until_complete(scenario(args, tmp, base, root))
            if args.only != "verging":
                loop.run_until_complete(vimmerse_scenario(args, tmp, root))
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
