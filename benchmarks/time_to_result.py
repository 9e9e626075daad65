"""Time to result: the official skill's flow against ``verging faceswap``, on loopback and behind
shaped uplinks (issue 16).

The same face swap, 30 s from the middle of a 10-minute 1080p25 H.264 + AAC file (generated once
into the cache dir, the file ``benchmarks/trim.py`` uses), against the sandbox with a 10 s job:

* official: the official CLI's steps as a script here: a probe with PyAV (what ffprobe says),
  ``ffmpeg -i in -ss A -to B -c:v libx264 -c:a aac out.mp4``, ``POST /upload-video``, the PUT of
  the file (httpx, streamed), ``POST /faceswap/create-job``, then a poll every 5 s until done;
* verging: ``verging faceswap -v in -f face -s A -e B`` in a subprocess (its own choice of
  preparation at the upload rate it measured before: one warm-up run per link teaches it).

Each link is a network namespace whose loopback has an htb class that shapes only the packets
going TO the sandbox's port (a ``u32`` filter on the destination port); the answers are not
shaped, as on a home uplink. The sandbox and both flows run inside that namespace. Needs root
(``ip netns``, ``tc``); skipped with a message otherwise.

Prints per link: the median of ``--runs`` runs of each flow, the ratio, the bytes each uploaded
and the SSIM of each upload against the source on the same frames (ffmpeg's ``ssim`` filter).
Targets (issue 16): ratio <= 0.4 on loopback, <= 0.65 at 20 Mbit/s, <= 0.8 at 5 Mbit/s; SSIM of
verging's upload >= the official upload's.

    sudo python benchmarks/time_to_result.py [--cache-dir DIR] [--links 0,20,5] [--runs 2]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from verging_desktop.sandbox import DEMO_KEY  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from trim import SECONDS, generate  # noqa: E402  (the same cached 10-min 1080p source as benchmarks/trim.py)

LENGTH = 30.0
JOB_SECONDS = 10.0
PORT = 18931



def ffmpeg() -> str:
    from verging_desktop.media.binaries import ffmpeg_exe

    return ffmpeg_exe()


def official_flow(base: str, key: str, src: str, face: str, a: float, b: float, out: str) -> dict[str, float]:
    import av
    import httpx

    t0 = time.perf_counter()
    with av.open(src) as c:  # what the skill asks ffprobe: the duration and the streams
        _ = float(c.duration or 0) / 1e6, [s.type for s in c.streams]
    subprocess.run([ffmpeg(), "-hide_banner", "-loglevel", "error", "-y", "-i", src, "-ss", f"{a}", "-to", f"{b}",
                    "-c:v", "libx264", "-c:a", "aac", out], check=True)
    t_cut = time.perf_counter()
    auth = {"Authorization": f"ApiKey {key}"}
    with httpx.Client(timeout=httpx.Timeout(600.0)) as http:
        r = http.post(f"{base}/upload-video", headers=auth,
                      files={"video_file_name": (None, "clip.mp4"), "job_type": (None, "face-swap")})
        r.raise_for_status()
        res = r.json()["result"]
        size = os.path.getsize(out)

        def body():  # type: ignore[no-untyped-def]
            with open(out, "rb") as f:
                while chunk := f.read(1 << 20):
                    yield chunk

        t_up = time.perf_counter()
        r = http.put(res["url"], content=body(), headers={"Content-Type": "video/mp4", "Content-Length": str(size)})
        r.raise_for_status()
        t_up_done = time.perf_counter()
        with av.open(out) as c:
            dur = float(c.duration or 0) / 1e6
        with open(face, "rb") as f:
            r = http.post(f"{base}/faceswap/create-job", headers=auth,
                          files={"swap_image": ("face.png", f, "image/png")},
                          data={"file_name": "clip.mp4", "target_video_url": res["public_url"],
                                "user_video_duration": f"{dur:.3f}", "job_type": "face-swap", "is_hd": "false"})
        r.raise_for_status()
        job_id = str(r.json()["result"]["job_id"])
        while True:
            time.sleep(5.0)
            r = http.get(f"{base}/faceswap/jobs", headers=auth, params={"job_ids": job_id})
            r.raise_for_status()
            jobs = r.json()
            jobs = jobs if isinstance(jobs, list) else jobs.get("result", [])
            st = str(jobs[0].get("status", "")).upper() if jobs else ""
            if st in ("COMPLETED", "FAILED"):
                break
    return {"cut": t_cut - t0, "upload": t_up_done - t_up, "total": time.perf_counter() - t0, "bytes": size}


# -- the namespace -------------------------------------------------------------------------------
def sh(*cmd: str) -> None:
    subprocess.run(list(cmd), check=True)


class Link:
    """A network namespace with a sandbox on PORT, packets to PORT shaped to ``mbit`` (0: unshaped)."""

    def __init__(self, mbit: float, work: Path) -> None:
        self.mbit = mbit
        self.ns = f"vttr{os.getpid()}_{int(mbit)}"
        self.work = work
        self.proc: subprocess.Popen[str] | None = None
        self.base = ""

    def __enter__(self) -> Link:
        sh("ip", "netns", "add", self.ns)
        try:
            sh("ip", "-n", self.ns, "link", "set", "lo", "up")
            if self.mbit:
                tc = ["ip", "netns", "exec", self.ns, "tc"]
                sh(*tc, "qdisc", "add", "dev", "lo", "root", "handle", "1:", "htb", "r2q", "100")
                sh(*tc, "class", "add", "dev", "lo", "parent", "1:", "classid", "1:10", "htb",
                   "rate", f"{self.mbit}mbit", "ceil", f"{self.mbit}mbit")
                sh(*tc, "filter", "add", "dev", "lo", "parent", "1:", "protocol", "ip", "prio", "1", "u32",
                   "match", "ip", "dport", str(PORT), "0xffff", "flowid", "1:10")
            data = self.work / f"sandbox-{self.ns}"
            self.proc = subprocess.Popen(
                ["ip", "netns", "exec", self.ns, sys.executable, "-m", "verging_desktop.sandbox", "--port", str(PORT),
                 "--job-seconds", str(JOB_SECONDS), "--data-dir", str(data), "--credits", "100000"],
                stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
            assert self.proc.stdout is not None
            self.base = self.proc.stdout.readline().strip()
            if not self.base.startswith("http"):
                raise RuntimeError(f"the sandbox did not start: {self.base!r}")
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        subprocess.run(["ip", "netns", "del", self.ns], check=False)

    def run(self, args: list[str], env: dict[str, str] | None = None) -> tuple[float, subprocess.CompletedProcess[str]]:
        t0 = time.perf_counter()
        p = subprocess.run(["ip", "netns", "exec", self.ns, *args], capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, timeout=900)
        dt = time.perf_counter() - t0
        if p.returncode != 0:
            raise RuntimeError(f"{args[:4]} failed ({p.returncode}): {p.stderr[-2000:]}")
        return dt, p


def ssim(upload: Path, src: Path, a: float, length: float) -> float:
    """SSIM (All) of ``upload``'s frames against the source's from ``a`` on."""
    p = subprocess.run(
        [ffmpeg(), "-hide_banner", "-nostats", "-i", str(upload), "-ss", f"{a}", "-t", f"{length}", "-i", str(src),
         "-lavfi", "[0:v]setpts=PTS-STARTPTS[u];[1:v]setpts=PTS-STARTPTS[s];[u][s]ssim", "-f", "null", "-"],
        capture_output=True, text=True)
    m = re.search(r"All:([0-9.]+)", p.stderr)
    return float(m.group(1)) if m else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "verging-bench")
    ap.add_argument("--links", default="0,20,5", help="uplinks in Mbit/s, 0 = loopback unshaped")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--official-run", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.official_run:
        print(json.dumps(official_flow(**json.loads(args.official_run))))
        return
    if os.geteuid() != 0:
        print("time_to_result: skipped, needs root (network namespaces and tc shape the uplink).")
        return
    src = args.cache_dir / f"trim_1080p_{SECONDS}s.mp4"
    if not src.exists():
        generate(src)
    a = SECONDS / 2 - LENGTH / 2 + 1.0  # mid-GOP, as a person marks it
    b = a + LENGTH
    work = Path(tempfile.mkdtemp(prefix="verging-ttr-"))
    face = work / "face.png"
    subprocess.run([ffmpeg(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=256x256:rate=1:duration=1", "-frames:v", "1", str(face)], check=True)
    print(f"source {src.name}: {src.stat().st_size / 1e6:.0f} MB; range {a:.1f}-{b:.1f} s; job {JOB_SECONDS:g} s; "
          f"median of {args.runs} runs", flush=True)
    rows = []
    try:
        for mbit in [float(x) for x in args.links.split(",")]:
            label = "loopback" if not mbit else f"{mbit:g} Mbit/s"
            with Link(mbit, work) as link:
                data = work / f"data-{int(mbit)}"
                env = {"VERGING_DATA_DIR": str(data), "VERGING_CONFIG_DIR": str(work / f"config-{int(mbit)}")}
                cli = [sys.executable, "-m", "verging_desktop.cli", "faceswap", "-v", str(src), "-f", str(face),
                       "-s", f"{a}", "-e", f"{b}", "--base-url", link.base, "--api-key", DEMO_KEY]
                # warm-up: the CLI learns this link's upload rate (a person's second job), the page cache fills
                t_warm, p = link.run(cli, env)
                warm_sentence = next((ln for ln in p.stderr.splitlines() if "upload at" in ln), "")
                off_t, ver_t = [], []
                off_bytes = ver_bytes = 0
                ver_sentence = ver_rate = ""
                off_out = work / f"official-{int(mbit)}.mp4"
                for _ in range(args.runs):
                    job = json.dumps({"base": link.base, "key": DEMO_KEY, "src": str(src), "face": str(face),
                                      "a": a, "b": b, "out": str(off_out)})
                    dt, p = link.run([sys.executable, str(Path(__file__).resolve()), "--official-run", job])
                    off_t.append(dt)
                    off_bytes = int(json.loads(p.stdout.strip().splitlines()[-1])["bytes"])
                    shutil.rmtree(data / "cuts", ignore_errors=True)
                    dt, p = link.run(cli, env)
                    ver_t.append(dt)
                    cuts = sorted((data / "cuts").glob("*.mp4"), key=lambda q: q.stat().st_mtime)
                    ver_upload = cuts[-1]
                    ver_bytes = ver_upload.stat().st_size
                    ver_sentence = next((ln for ln in p.stderr.splitlines() if "upload at" in ln), "")
                    ver_rate = next((ln for ln in p.stderr.splitlines() if ln.startswith("Uploaded ")), "")
                    print(f"  {label}: official {off_t[-1]:.1f} s, verging {ver_t[-1]:.1f} s",
                          flush=True)
                s_off = ssim(off_out, src, a, LENGTH)
                s_ver = ssim(ver_upload, src, a, LENGTH)
                row = (label, statistics.median(off_t), statistics.median(ver_t), off_bytes, ver_bytes, s_off, s_ver)
                rows.append(row)
                print(f"{label}: warm-up {t_warm:.1f} s ({warm_sentence.strip()})\n  verging said: {ver_sentence.strip()}"
                      f"\n  {ver_rate.strip()}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    targets = {"loopback": 0.4, "20 Mbit/s": 0.65, "5 Mbit/s": 0.8}
    print()
    print(f"{'uplink':<12} {'official':>9} {'verging':>9} {'ratio':>7} {'target':>7} {'official MB':>12} "
          f"{'verging MB':>11} {'SSIM off.':>10} {'SSIM verg.':>11}")
    for label, o, v, ob, vb, so, sv in rows:
        t = targets.get(label)
        print(f"{label:<12} {o:>8.1f}s {v:>8.1f}s {v / o:>6.2f}x {f'<= {t:.2f}' if t else '':>7} "
              f"{ob / 1e6:>12.1f} {vb / 1e6:>11.1f} {so:>10.5f} {sv:>11.5f}")


if __name__ == "__main__":
    main()
