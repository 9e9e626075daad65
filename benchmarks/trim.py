"""Trim speed and accuracy: smart cut against the command the official CLI runs, same run.

Generates (once, cached) a 10-minute 1920x1080 H.264 + AAC file with a 3-second GOP, cuts 30 s
from the middle with ``media.cut(..., mode="smart")`` and with
``ffmpeg -i in -ss A -to B -c:v libx264 -c:a aac out`` (the official CLI's command), and prints
both times, the ratio (target: smart >= 10x faster) and each output's duration error in frames
(target: <= 1 frame). Then the filmstrip: time to the first of 12 thumbnails and to all 12
(targets 0.2 s and 1 s), and the time a full probe (keyframe scan) of the file takes.

    python benchmarks/trim.py [--file PATH] [--cache-dir DIR] [--start 286] [--length 30]
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from verging_desktop.media.binaries import ffmpeg_exe  # noqa: E402
from verging_desktop.media.cut import cut  # noqa: E402
from verging_desktop.media.probe import probe  # noqa: E402
from verging_desktop.media.thumbs import thumbnails  # noqa: E402

SECONDS = 600
RATE = 25
GOP = 3 * RATE


def generate(path: Path) -> None:
    """A 10-minute 1080p25 H.264 (B-frames, 3 s GOP) + AAC stereo file, like a camera's."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part.mp4")
    print(f"generating {path} (once; a few minutes) ...", flush=True)
    t0 = time.perf_counter()
    subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
         "-f", "lavfi", "-i", f"testsrc2=size=1920x1080:rate={RATE}:duration={SECONDS}",
         "-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=48000:duration={SECONDS}",
         "-c:v", "libx264", "-preset", "ultrafast", "-bf", "2", "-g", str(GOP), "-keyint_min", str(GOP),
         "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-shortest", str(tmp)],
        check=True,
    )
    tmp.replace(path)
    print(f"  generated in {time.perf_counter() - t0:.0f} s, {path.stat().st_size / 1e6:.0f} MB", flush=True)


def official_cli(src: Path, dst: Path, a: float, b: float) -> float:
    t0 = time.perf_counter()
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-i", str(src),
                    "-ss", f"{a}", "-to", f"{b}", "-c:v", "libx264", "-c:a", "aac", str(dst)], check=True)
    return time.perf_counter() - t0


async def filmstrip(path: Path) -> tuple[float, float, int]:
    t0 = time.perf_counter()
    first = 0.0
    n = 0
    async for _thumb in thumbnails(path, 12, 90):
        n += 1
        if n == 1:
            first = time.perf_counter() - t0
    return first, time.perf_counter() - t0, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--file", type=Path, help="the 10-minute source (generated here if missing)")
    ap.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "verging-bench")
    ap.add_argument("--start", type=float, default=286.0, help="in point (default: 1 s after a keyframe)")
    ap.add_argument("--length", type=float, default=30.0)
    args = ap.parse_args()
    src: Path = args.file or args.cache_dir / f"trim_1080p_{SECONDS}s.mp4"
    if not src.exists():
        generate(src)
    a, b = args.start, args.start + args.length
    out_dir = Path(tempfile.mkdtemp(prefix="verging-trim-"))
    fd = 1.0 / RATE

    # filmstrip first, while the file is not yet fully in the page cache from the cuts
    first, all12, n = asyncio.run(filmstrip(src))

    t0 = time.perf_counter()
    info = probe(src)
    probe_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    smart = asyncio.run(cut(src, out_dir / "smart.mp4", a, b, "smart", info=info))
    smart_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    cold = asyncio.run(cut(src, out_dir / "smart2.mp4", a, b, "smart"))
    smart_probe_s = time.perf_counter() - t0
    assert abs(cold.duration - smart.duration) < 1e-6

    cli_out = out_dir / "cli.mp4"
    cli_s = official_cli(src, cli_out, a, b)
    cli_dur = probe(cli_out).duration

    smart_err = (smart.duration - (b - a)) / fd
    cli_err = (cli_dur - (b - a)) / fd
    print()
    print(f"source: {src.name}  {info.width}x{info.height} {info.fps:g} fps, {info.duration:.0f} s, "
          f"{len(info.keyframe_times)} keyframes, {info.size_bytes / 1e6:.0f} MB")
    print(f"cut {a:g}-{b:g} s ({b - a:g} s)")
    print(f"  smart cut:        {smart_s:7.2f} s   duration {smart.duration:.3f} s, error {smart_err:+.2f} frames "
          f"(mode {smart.mode_used}: {smart.note})")
    print(f"  smart incl. probe:{smart_probe_s:7.2f} s   (the app probes once when the file is dropped)")
    print(f"  official CLI cmd: {cli_s:7.2f} s   duration {cli_dur:.3f} s, error {cli_err:+.2f} frames")
    ratio = cli_s / smart_s if smart_s else float("inf")
    print(f"  ratio: smart is {ratio:.1f}x faster (target >= 10x): {'OK' if ratio >= 10 else 'MISSED'}; "
          f"duration error {abs(smart_err):.2f} frames (target <= 1): {'OK' if abs(smart_err) <= 1 else 'MISSED'}")
    print(f"filmstrip: first thumbnail {first * 1000:.0f} ms (target 200 ms): {'OK' if first <= 0.2 else 'MISSED'}; "
          f"all {n} in {all12 * 1000:.0f} ms (target 1000 ms): {'OK' if all12 <= 1.0 else 'MISSED'}")
    print(f"probe with keyframe scan: {probe_s * 1000:.0f} ms")
    for p in out_dir.iterdir():
        p.unlink()
    out_dir.rmdir()


if __name__ == "__main__":
    main()
