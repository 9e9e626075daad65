"""Upload throughput: the service layer's streamed uploads against curl, to the same URLs.

Uploads a generated file (1 GiB by default) to a sandbox running in its own process, in the same
run, alternating, several rounds:

* Verging: ``VergingClient.put_file`` against ``curl -T`` to a presigned URL of the same kind;
* Vimmerse: ``VimmerseClient.upload_video`` (the v2 multipart ``video_file`` upload, streamed from
  disk) against ``curl -F video_file=@...`` to the same ``/v2/video`` URL;
* varg: ``VargClient.upload`` (the raw body of ``POST /files`` streamed from disk, with its content
  type and ``X-Content-Hash``; the hash is computed inside the timed call) against
  ``curl --data-binary @file`` to the same ``/varg/v1/files`` URL, with a file under varg's 50 MB
  limit (48 MiB by default). A few bytes of the file change before every upload, so neither side
  hits a deduplicated file; then the same file is uploaded twice with the app's upload memory: the
  second sends 0 bytes (no request at all).

Prints the throughputs (median), the ratios, and the client's peak RSS growth during each
provider's uploads (targets: ratio >= 0.9, RSS growth < 30 MB). The peak is reset before each
provider's rounds (``/proc/self/clear_refs``), so one figure is not hidden by another.

    python benchmarks/upload.py [--size-mib 1024] [--varg-size-mib 48] [--rounds 3]
                                [--only verging,vimmerse,varg]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
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

from verging_desktop.api.varg import UploadMemory, VargClient  # noqa: E402
from verging_desktop.api.verging import JobKind, VergingClient  # noqa: E402
from verging_desktop.api.vimmerse import VimmerseClient  # noqa: E402


def rss_peak_mb() -> float:
    """The process's peak RSS since the last :func:`reset_rss_peak` (VmHWM), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


def reset_rss_peak() -> None:
    """Reset VmHWM to the current RSS (Linux); elsewhere the peak keeps counting from the start."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def make_file(path: Path, size_mib: int) -> None:
    """``size_mib`` MiB of random bytes behind an MP4 ``ftyp`` box (Vimmerse's upload checks the kind
    of file by its first bytes; the Verging PUT takes any bytes)."""
    block = bytearray(os.urandom(1024 * 1024))
    ftyp = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"
    with path.open("wb") as f:
        for i in range(size_mib):
            if i == 0:
                block[:len(ftyp)] = ftyp
            f.write(block)
            if i == 0:
                block = bytearray(os.urandom(1024 * 1024))


def start_sandbox(data_dir: Path) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, "-m", "verging_desktop.sandbox", "--port", "0", "--data-dir", str(data_dir)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("http"):
        proc.kill()
        raise SystemExit(f"sandbox did not start: {line!r}")
    return proc, line


def _touch(path: Path) -> None:
    """Change 16 bytes after the MP4 header, so the next upload is bytes nobody has yet."""
    with path.open("r+b") as f:
        f.seek(64)
        f.write(os.urandom(16))


async def bench_varg(base: str, tmp: Path, size_mib: int, rounds: int) -> None:
    from verging_desktop.sandbox import Sandbox

    key = Sandbox.varg_demo_key
    vurl = base.rsplit("/api/v1", 1)[0] + "/varg/v1"
    src = tmp / "varg.mp4"
    make_file(src, size_mib)
    size = src.stat().st_size
    small = tmp / "varg-small.mp4"
    make_file(small, 1)
    async with VargClient(key, vurl) as client:
        await client.upload(small)  # warm up: connection, imports, first allocations
        reset_rss_peak()
        rss0 = rss_peak_mb()
        ours: list[float] = []
        curls: list[float] = []
        for _ in range(rounds):
            client.uploads = UploadMemory(None)  # measure the transfer, not the memory
            _touch(src)
            t0 = time.perf_counter()
            f = await client.upload(src)
            ours.append(size / (time.perf_counter() - t0) / 1e6)
            if f.sent_bytes != size or f.deduplicated:
                raise SystemExit(f"varg upload sent {f.sent_bytes} of {size} bytes (deduplicated={f.deduplicated})")
            _touch(src)
            t0 = time.perf_counter()
            r = await asyncio.to_thread(subprocess.run, [
                "curl", "-sS", "-f", "--data-binary", f"@{src}", "-H", "Content-Type: video/mp4",
                "-H", f"Authorization: Bearer {key}", "-H", "Expect:", "-o", "/dev/null", f"{vurl}/files"],
                capture_output=True, text=True)
            dt = time.perf_counter() - t0
            if r.returncode != 0:
                raise SystemExit(f"curl --data-binary failed: {r.stderr.strip()}")
            curls.append(size / dt / 1e6)
        growth = rss_peak_mb() - rss0
        # the same file twice, with the app's upload memory: the second sends nothing
        client.uploads = UploadMemory(tmp / "varg-uploads.json")
        _touch(src)
        first = await client.upload(src)
        sent0, posts0 = client.bytes_uploaded, client.requests_sent["POST /files"]
        second = await client.upload(src)
        again_bytes = client.bytes_uploaded - sent0
        again_posts = client.requests_sent["POST /files"] - posts0
    o, c = statistics.median(ours), statistics.median(curls)
    print(f"varg (raw POST /files, {size / 2**20:.0f} MiB file, rounds: {rounds}):")
    print(f"  service layer : {o:8.1f} MB/s  (runs: {', '.join(f'{x:.0f}' for x in ours)})")
    print(f"  curl --data-binary: {c:5.1f} MB/s  (runs: {', '.join(f'{x:.0f}' for x in curls)})")
    print(f"  ratio         : {o / c:8.2f}  (target >= 0.9)")
    print(f"  client peak RSS growth: {growth:.1f} MB  (target < 30 MB)")
    print(f"  same file again: first sent {first.sent_bytes} bytes; second sent {second.sent_bytes} bytes "
          f"(body bytes {again_bytes}, requests {again_posts}, same url: {second.url == first.url})  (target 0)")


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mib", type=int, default=1024)
    ap.add_argument("--varg-size-mib", type=int, default=48, help="varg takes files up to 50 MB")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", default="verging,vimmerse,varg", help="comma-separated: verging, vimmerse, varg (verging and vimmerse run together)")
    args = ap.parse_args()
    only = {x.strip() for x in args.only.split(",") if x.strip()}
    if not shutil.which("curl"):
        raise SystemExit("curl is needed for the baseline")
    from verging_desktop.sandbox import DEMO_KEY, VIMMERSE_DEMO_KEY

    tmp = Path(tempfile.mkdtemp(prefix="verging-upload-bench-"))
    proc, base = start_sandbox(tmp / "sandbox")
    try:
        if "varg" in only:
            await bench_varg(base, tmp, args.varg_size_mib, args.rounds)
        if not only & {"verging", "vimmerse"}:
            return
        src = tmp / "big.mp4"
        make_file(src, args.size_mib)
        size = src.stat().st_size
        async with VergingClient(DEMO_KEY, base) as client:
            # warm up: connection, imports, a small upload
            small = tmp / "small.mp4"
            make_file(small, 1)
            t = await client.upload_video(small, JobKind.FACESWAP)
            reset_rss_peak()
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
        vurl = base.rsplit("/api/v1", 1)[0] + "/vimmerse"
        async with VimmerseClient(VIMMERSE_DEMO_KEY, vurl) as vclient:
            await vclient.upload_video(small)  # warm up
            reset_rss_peak()
            vrss0 = rss_peak_mb()
            vours: list[float] = []
            vcurls: list[float] = []
            for _ in range(args.rounds):
                t0 = time.perf_counter()
                await vclient.upload_video(src)
                vours.append(size / (time.perf_counter() - t0) / 1e6)
                t0 = time.perf_counter()
                r = await asyncio.to_thread(subprocess.run, [
                    "curl", "-sS", "-f", "-F", f"video_file=@{src};type=video/mp4", "-H", f"X-Api-Key: {VIMMERSE_DEMO_KEY}",
                    "-o", "/dev/null", f"{vurl}/v2/video?option=UploadVideo"], capture_output=True, text=True)
                dt = time.perf_counter() - t0
                if r.returncode != 0:
                    raise SystemExit(f"curl -F failed: {r.stderr.strip()}")
                vcurls.append(size / dt / 1e6)
            vgrowth = rss_peak_mb() - vrss0
        o, c = statistics.median(ours), statistics.median(curls)
        vo, vc = statistics.median(vours), statistics.median(vcurls)
        print(f"file: {size / 2**20:.0f} MiB, rounds: {args.rounds}")
        print("Verging (presigned PUT):")
        print(f"  service layer : {o:8.1f} MB/s  (runs: {', '.join(f'{x:.0f}' for x in ours)})")
        print(f"  curl -T       : {c:8.1f} MB/s  (runs: {', '.join(f'{x:.0f}' for x in curls)})")
        print(f"  ratio         : {o / c:8.2f}  (target >= 0.9)")
        print(f"  client peak RSS growth: {growth:.1f} MB  (target < 30 MB)")
        print("Vimmerse (multipart POST /v2/video):")
        print(f"  service layer : {vo:8.1f} MB/s  (runs: {', '.join(f'{x:.0f}' for x in vours)})")
        print(f"  curl -F       : {vc:8.1f} MB/s  (runs: {', '.join(f'{x:.0f}' for x in vcurls)})")
        print(f"  ratio         : {vo / vc:8.2f}  (target >= 0.9)")
        print(f"  client peak RSS growth: {vgrowth:.1f} MB  (target < 30 MB)")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
