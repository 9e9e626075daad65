"""Idle memory and first paint of ``verging-desktop --sandbox`` with 0, 1,000 and 10,000 jobs in the history.

For each case a fresh sandbox data dir is seeded with that many finished jobs (the desktop's job
history lives there as ``desktop-jobs.db`` in sandbox mode), then the app is started in a
subprocess with ``--sandbox --sandbox-data DIR`` and ``VERGING_STARTUP_PROBE=stay`` (it prints the
first-paint and ready markers and keeps running), ``QT_QPA_PLATFORM=offscreen`` and throw-away
config, data and log folders. Once the app is ready, its resident memory (``VmRSS`` in
``/proc/PID/status``) is sampled until it has been steady for a few seconds (idle); that figure,
its difference against the empty history and the time to first paint are printed.

    python benchmarks/queue_memory.py [--counts 0 1000 10000] [--runs 1]

Target: idle RSS with 10,000 jobs within 20 MB of the figure with none; first paint unchanged.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.startup import MARKER_APP, MARKER_READY, app_command  # noqa: E402
from verging_desktop.jobs.store import JobStore  # noqa: E402
from verging_desktop.media.binaries import ffmpeg_exe  # noqa: E402

TARGET_MB = 20.0
KINDS = ("face-swap", "video-enhance", "background-removal")
STATUSES = ("completed",) * 8 + ("failed", "cancelled")


def make_media(folder: Path) -> tuple[Path, Path]:
    """A short clip and a picture the seeded jobs use as inputs (so the panel has thumbnails to show)."""
    folder.mkdir(parents=True, exist_ok=True)
    clip, image = folder / "clip.mp4", folder / "picture.png"
    ff = ffmpeg_exe()
    subprocess.run([ff, "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=640x360:rate=25:duration=1", "-c:v", "libx264", "-preset", "ultrafast",
                    "-pix_fmt", "yuv420p", str(clip)], check=True, timeout=60)
    subprocess.run([ff, "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=512x512:rate=1:duration=1", "-frames:v", "1", str(image)], check=True, timeout=60)
    return clip, image


def seed(db: Path, n: int, media: tuple[Path, Path], seed_value: int = 10) -> None:
    """``n`` finished jobs spread over the last 90 days, as a busy user's history would be.

    Their inputs are real files (one clip and one picture, shared), so every row has a thumbnail.
    """
    JobStore(db).close()  # the schema, as the app creates it
    if n <= 0:
        return
    clip, image = media
    rnd = random.Random(seed_value)
    now = time.time()
    rows = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        status = STATUSES[rnd.randrange(len(STATUSES))]
        created = now - 90 * 86400 * (n - i) / n
        name = f"holiday {2020 + i % 5} part {i:05d} - family at the beach with grandma (final cut).mp4"
        inputs = {"face-swap": [str(clip), str(image)], "video-enhance": [str(clip)],
                  "background-removal": [str(image)]}[kind]
        done = status == "completed"
        params = {"file_name": name, "duration": 12.5, "model": "standard", "upscale": 2, "fps": 30,
                  "source": inputs[0]}
        rows.append((
            "verging", kind, status, f"r{i:06d}", json.dumps(params), json.dumps(inputs), name,
            "http://127.0.0.1:1", 15.0, 15.0 if done else None, 100.0 if done else None,
            f"http://127.0.0.1:1/files/{i:06d}.mp4" if done else None,
            f"/home/user/Downloads/{name[:-4]}_result.mp4" if done else None,
            "done" if done else "none",
            None if status != "failed" else "The server could not process this video (code 500).",
            created, created + 60, created + 1, created + 5, created + 60 + rnd.random() * 300,
        ))
    con = sqlite3.connect(str(db))
    with con:
        con.executemany(
            "INSERT INTO jobs (provider, kind, status, remote_id, params, inputs, input_name, base_url, "
            "estimated_credits, charged_credits, progress, result_url, result_path, download_state, error, "
            "created_at, updated_at, submitted_at, started_at, finished_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    con.close()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def run_case(n: int, env: dict[str, str], tmp: Path, media: tuple[Path, Path], *, settle: float,
             timeout: float) -> tuple[float, float]:
    """(idle RSS in MB, seconds to first paint) of one app run with ``n`` jobs."""
    case = tmp / f"case-{n}-{time.monotonic_ns()}"
    data = case / "sandbox"
    data.mkdir(parents=True)
    seed(data / "desktop-jobs.db", n, media)
    cenv = dict(env)
    cenv.update({
        "XDG_CONFIG_HOME": str(case / "xdg"),
        "VERGING_CONFIG_DIR": str(case / "config"),
        "VERGING_DATA_DIR": str(case / "data"),
        "VERGING_LOG_DIR": str(case / "log"),
        "VERGING_STARTUP_PROBE": "stay",
    })
    cmd = app_command() + ["--sandbox", "--sandbox-data", str(data)]
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=cenv, text=True)
    marks: dict[str, float] = {}
    got_ready = threading.Event()

    def read() -> None:
        assert p.stdout is not None
        for line in p.stdout:
            for m in (MARKER_APP, MARKER_READY):
                if line.startswith(m) and m not in marks:
                    marks[m] = time.perf_counter() - t0
                    if m == MARKER_READY:
                        got_ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        if not got_ready.wait(timeout):
            raise RuntimeError(f"{n} jobs: the app did not get ready within {timeout:.0f} s")
        # idle: the figure moved by less than 1 MB over `settle` seconds (and at least that long after ready)
        samples: list[tuple[float, float]] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if p.poll() is not None:
                raise RuntimeError(f"{n} jobs: the app exited with {p.returncode}")
            now = time.monotonic()
            samples.append((now, rss_mb(p.pid)))
            recent = [v for t, v in samples if t >= now - settle]
            if now - samples[0][0] >= settle and max(recent) - min(recent) < 1.0:
                break
            time.sleep(0.25)
        rss = samples[-1][1]
    finally:
        p.terminate()
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
        reader.join(timeout=5)
        shutil.rmtree(case, ignore_errors=True)
    return rss, marks.get(MARKER_APP, float("nan"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--counts", type=int, nargs="+", default=[0, 1000, 10000])
    ap.add_argument("--runs", type=int, default=1, help="runs per case (the median is printed)")
    ap.add_argument("--settle", type=float, default=4.0, help="seconds the RSS must stay steady")
    ap.add_argument("--timeout", type=float, default=90.0)
    a = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="verging-qmem-"))
    env = dict(os.environ)
    env.update({
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        "PYTHONPYCACHEPREFIX": str(tmp / "pycache"),
        # this checkout's code, also when the installed script points at another one
        "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]),
    })
    env.pop("VERGING_API_KEY", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"app: {' '.join(app_command())} --sandbox --sandbox-data DIR  (VERGING_STARTUP_PROBE=stay, offscreen)")
    counts = sorted(set(a.counts))
    if 0 not in counts:
        counts.insert(0, 0)
    results: dict[int, tuple[float, float]] = {}
    try:
        media = make_media(tmp / "media")
        run_case(0, env, tmp, media, settle=1.0, timeout=a.timeout)  # warm-up: byte-code cache, disk cache
        for n in counts:
            rs, fp = [], []
            for _ in range(a.runs):
                r, f = run_case(n, env, tmp, media, settle=a.settle, timeout=a.timeout)
                rs.append(r)
                fp.append(f)
                print(f"  {n:>6d} jobs: idle RSS {r:7.1f} MB   first paint {f * 1000:7.1f} ms", flush=True)
            results[n] = (statistics.median(rs), statistics.median(fp))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    base_rss, base_fp = results[0]
    print()
    print(f"{'jobs':>8s}{'idle RSS':>12s}{'vs none':>12s}{'first paint':>14s}{'vs none':>12s}")
    for n in counts:
        r, f = results[n]
        print(f"{n:>8d}{r:9.1f} MB{r - base_rss:+9.1f} MB{f * 1000:11.1f} ms{(f - base_fp) * 1000:+9.1f} ms")
    worst = max(results[n][0] - base_rss for n in counts)
    print()
    print(f"largest RSS difference against no jobs: {worst:+.1f} MB  (target <= {TARGET_MB:g} MB)  "
          f"{'OK' if worst <= TARGET_MB else 'OVER TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
