"""Upload throughput: the service layer's streamed presigned PUT against `curl -T`.

Uploads a generated file (1 GiB by default) to a sandbox running in its own process, through
``VergingClient.put_file`` and with ``curl -T`` to a presigned URL of the same kind, in the same
run, alternating, several rounds. Prints both throughputs (median), the ratio, and the client's
peak RSS growth during its uploads (targets: ratio >= 0.9, RSS growth < 30 MB).

    python benchmarks/upload.py [--size-mib 1024] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from verging_desktop.api.verging import JobKind, VergingClient  # noqa: E402


def rss_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


def make_file(path: Path, size_mib: int) -> None:
    block = os.urandom(1024 * 1024)
    with path.open("wb") as f:
        for _ in range(size_mib):
            f.write(block)


def start_sandbox(data_dir: Path) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, "-m", "verging_desktop.sandbox", "--port", "0", "--data-dir", str(data_dir)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("http"):
        proc.kill()
        raise SystemExit(f"sandbox did not start: {line!r}")
    return proc, line


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mib", type=int, default=1024)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    if not shutil.which("curl"):
        raise SystemExit("curl is needed for the baseline")
    from verging_desktop.sandbox import DEMO_KEY

    tmp = Path(tempfile.mkdtemp(prefix="verging-upload-bench-"))
    proc, base = start_sandbox(tmp / "sandbox")
    try:
        src = tmp / "big.mp4"
        make_file(src, args.size_mib)
        size = src.stat().st_size
        async with VergingClient(DEMO_KEY, base) as client:
            # warm up: connection, imports, a small upload
            small = tmp / "small.mp4"
            small.write_bytes(b"\0" * 1024 * 1024)
            t = await client.upload_video(small, JobKind.FACESWAP)
            rss0 = rss_peak_mb()
            ours: list[float] = []
            curls: list[float] = []
            for _ in range(args.rounds):
                target = await client.request_upload(src.name, JobKind.FACESWAP)
                t0 = time.perf_counter()
                await client.put_file(target.url, src)
                ours.append(size / (time.perf_counter() - t0) / 1e6)
                target = await client.request_upload(src.name, JobKind.FACESWAP)
                t0 = time.perf_counter()
                r = await asyncio.to_thread(subprocess.run, ["curl", "-sS", "-f", "-T", str(src), "-H", "Content-Type: video/mp4",
                                    "-o", "/dev/null", target.url], capture_output=True, text=True)
                dt = time.perf_counter() - t0
                if r.returncode != 0:
                    raise SystemExit(f"curl failed: {r.stderr.strip()}")
                curls.append(size / dt / 1e6)
            growth = rss_peak_mb() - rss0
        del t
        o, c = statistics.median(ours), statistics.median(curls)
        print(f"file: {size / 2**20:.0f} MiB, rounds: {args.rounds}")
        print(f"service layer : {o:8.1f} MB/s  (runs: {', '.join(f'{x:.0f}' for x in ours)})")
        print(f"curl -T       : {c:8.1f} MB/s  (runs: {', '.join(f'{x:.0f}' for x in curls)})")
        print(f"ratio         : {o / c:8.2f}  (target >= 0.9)")
        print(f"client peak RSS growth: {growth:.1f} MB  (target < 30 MB)")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
