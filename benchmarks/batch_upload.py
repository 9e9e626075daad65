"""A batch of video jobs: every job at once (each its own task, as the app did before issue 16's
pipeline) against ``jobs.pipeline`` (one cut at a time, one upload at a time per link, the next
cut while the previous job uploads, the choice knowing how long the link is still taken).

Three 20 s selections from the 10-minute 1080p25 source of ``benchmarks/trim.py``, each prepared
with ``jobs.prepare`` for a face swap (the choice at the measured uplink) and uploaded with the
real Verging client (request-upload + presigned PUT) to the sandbox, behind a shaped uplink (the
network namespace and htb class of ``benchmarks/time_to_result.py``: packets to the sandbox's
port only). The uplink estimate is taught by one warm-up upload, as a person's earlier jobs do.

Prints per link and way: when the first upload was done, when the last was, and the bytes sent;
and the ratio pipeline / all at once. Needs root; skipped with a message otherwise.

    sudo python benchmarks/batch_upload.py [--links 20,5] [--runs 1]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from time_to_result import Link  # noqa: E402  (the shaped network namespace with a sandbox)
from trim import SECONDS, generate  # noqa: E402

JOBS = 3
LENGTH = 20.0


async def inner(base: str, key: str, src: str, data: str, way: str) -> dict[str, object]:
    from verging_desktop.api.verging.client import VergingClient
    from verging_desktop.core.providers import VERGING
    from verging_desktop.core.uplink import UplinkEstimator, host_of
    from verging_desktop.jobs.pipeline import Pipeline
    from verging_desktop.jobs.prepare import plan_video, prepare, probe_video

    info = await probe_video(src)
    est = UplinkEstimator.in_dir(data)
    work = Path(data) / "cuts"
    pipe = Pipeline()
    link = f"{VERGING.id}|{host_of(base)}"
    t0 = time.perf_counter()
    done: list[float] = []
    sent = 0
    modes: list[str] = []
    async with VergingClient(key, base) as client:
        client.uplink = est

        async def one(i: int) -> None:
            nonlocal sent
            a = 60.0 + i * 120.0 + 1.0  # mid-GOP starts, far apart
            plan = plan_video(info, a, a + LENGTH)
            rate = est.estimate(VERGING.id, host_of(base))
            if way == "pipeline":
                async with pipe.preparing():
                    res = await prepare(plan, work_dir=work, kind="face-swap", uplink=rate,
                                        wait=pipe.link_busy_seconds(link, rate or 1.25e6))
                async with pipe.uploading(link, res.path.stat().st_size) as slot:
                    await client.upload_video(res.path, "face-swap",
                                              progress=lambda p: slot.progress(int(p.done)))
            else:
                res = await prepare(plan, work_dir=work, kind="face-swap", uplink=rate)
                await client.upload_video(res.path, "face-swap")
            done.append(time.perf_counter() - t0)
            sent += res.path.stat().st_size
            modes.append(res.choice.mode if res.choice else "?")

        await asyncio.gather(*(one(i) for i in range(JOBS)))
    shutil.rmtree(work, ignore_errors=True)
    return {"first": min(done), "last": max(done), "bytes": sent, "modes": modes}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "verging-bench")
    ap.add_argument("--links", default="20,5", help="uplinks in Mbit/s, 0 = loopback unshaped")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--inner", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.inner:
        print(json.dumps(asyncio.run(inner(**json.loads(args.inner)))))
        return
    if os.geteuid() != 0:
        print("batch_upload: skipped, needs root (network namespaces and tc shape the uplink).")
        return
    from verging_desktop.sandbox import DEMO_KEY

    src = args.cache_dir / f"trim_1080p_{SECONDS}s.mp4"
    if not src.exists():
        generate(src)
    work = Path(tempfile.mkdtemp(prefix="verging-batch-"))
    print(f"{JOBS} jobs of {LENGTH:g} s from {src.name}; median of {args.runs} run(s) per way", flush=True)
    rows = []
    try:
        for mbit in [float(x) for x in args.links.split(",")]:
            label = "loopback" if not mbit else f"{mbit:g} Mbit/s"
            with Link(mbit, work) as link:
                data = work / f"data-{int(mbit)}"
                got: dict[str, list[dict[str, object]]] = {"at once": [], "pipeline": []}
                me = [sys.executable, str(Path(__file__).resolve()), "--inner"]

                def go(way: str, link: Link = link, data: Path = data, me: list[str] = me) -> dict[str, object]:
                    job = json.dumps({"base": link.base, "key": DEMO_KEY, "src": str(src), "data": str(data),
                                      "way": way})
                    _dt, p = link.run([*me, job])
                    return dict(json.loads(p.stdout.strip().splitlines()[-1]))

                go("pipeline")  # warm-up: the uplink estimate and the page cache
                for _ in range(args.runs):
                    for way in ("at once", "pipeline"):
                        r = go(way)
                        got[way].append(r)
                        print(f"  {label} {way}: first {float(r['first']):.1f} s, last {float(r['last']):.1f} s, "
                              f"{int(r['bytes']) / 1e6:.0f} MB, {r['modes']}", flush=True)
                med = {w: (statistics.median(float(r["first"]) for r in rs),
                           statistics.median(float(r["last"]) for r in rs),
                           int(rs[-1]["bytes"])) for w, rs in got.items()}
                rows.append((label, med))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(f"{'uplink':<12} {'way':<9} {'first up':>9} {'last up':>9} {'MB':>6}   ratio pipeline / at once")
    for label, med in rows:
        for way in ("at once", "pipeline"):
            f, last, nb = med[way]
            ratio = ""
            if way == "pipeline":
                f0, l0, _ = med["at once"]
                ratio = f"first {f / f0:.2f}x, last {last / l0:.2f}x"
            print(f"{label:<12} {way:<9} {f:>8.1f}s {last:>8.1f}s {nb / 1e6:>6.0f}   {ratio}")


if __name__ == "__main__":
    main()
