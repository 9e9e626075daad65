"""Time to first paint of ``verging-desktop --sandbox`` against a bare PySide6 window.

Both run as subprocesses with ``QT_QPA_PLATFORM=offscreen`` in the same run, interleaved, several
times. Each prints a marker line at its first painted frame; the time is measured here, from
starting the process to reading the marker (so interpreter start-up counts for both). The app is
started with ``VERGING_STARTUP_PROBE=1`` (it exits right after the marker) in throw-away config,
data and log folders, so nothing touches your home folder or keyring. Byte-code is cached in a
temporary ``PYTHONPYCACHEPREFIX`` (filled by a warm-up run), as it is in an installed app.

    python benchmarks/startup.py [--runs 7] [--ready]

``--ready`` also times the app until the sandbox is running and the balance is shown
(``VERGING_STARTUP_PROBE=ready``). Target: median app / median bare <= 1.5.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MARKER_APP = "VERGING_FIRST_PAINT"
MARKER_READY = "VERGING_READY"
MARKER_BARE = "BARE_FIRST_PAINT"
TARGET = 1.5

BARE = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
class Window(QWidget):
    painted = False
    def paintEvent(self, e):
        super().paintEvent(e)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, self.done)
    def done(self):
        print("BARE_FIRST_PAINT", flush=True)
        app.quit()
w = Window()
w.setWindowTitle("bare")
w.resize(1280, 800)
w.show()
app.exec()
"""


def app_command() -> list[str]:
    """``verging-desktop`` as installed next to this interpreter, else ``python -m verging_desktop.app``."""
    script = Path(sys.executable).with_name("verging-desktop")
    if script.is_file():
        try:
            first = script.read_bytes()[:200].splitlines()[0]
        except (OSError, IndexError):
            first = b""
        if b"python" in first:
            return [sys.executable, str(script)]
    return [sys.executable, "-m", "verging_desktop.app"]


def timed(cmd: list[str], marker: str, env: dict[str, str], timeout: float = 60.0) -> tuple[float, float]:
    """(seconds to the marker line, seconds to exit)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    t_marker = None
    assert p.stdout is not None
    try:
        for line in p.stdout:
            if line.startswith(marker):
                t_marker = time.perf_counter() - t0
                break
        p.stdout.read()
        p.wait(timeout=timeout)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    t_exit = time.perf_counter() - t0
    if t_marker is None:
        raise RuntimeError(f"{' '.join(cmd)} exited with {p.returncode} without printing {marker}")
    return t_marker, t_exit


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--ready", action="store_true", help="also time until the sandbox balance is shown")
    a = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="verging-bench-"))
    env = dict(os.environ)
    env.update({
        "QT_QPA_PLATFORM": "offscreen",
        "VERGING_STARTUP_PROBE": "1",
        "XDG_CONFIG_HOME": str(tmp / "xdg"),
        "VERGING_CONFIG_DIR": str(tmp / "config"),
        "VERGING_DATA_DIR": str(tmp / "data"),
        "VERGING_LOG_DIR": str(tmp / "log"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        # byte-code cached as in an installed app (pip compiles on install), kept out of the source tree
        "PYTHONPYCACHEPREFIX": str(tmp / "pycache"),
    })
    env.pop("VERGING_API_KEY", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    app_cmd = app_command() + ["--sandbox"]
    bare_cmd = [sys.executable, "-c", BARE]
    print(f"app:  {' '.join(app_cmd)}")
    print("bare: python -c <PySide6 QWidget 1280x800, quits at first paint>")
    print(f"runs: {a.runs} each, interleaved, after one warm-up run each\n")

    try:
        timed(bare_cmd, MARKER_BARE, env)
        timed(app_cmd, MARKER_APP, env)
        bare: list[tuple[float, float]] = []
        app: list[tuple[float, float]] = []
        ready: list[float] = []
        for i in range(a.runs):
            bare.append(timed(bare_cmd, MARKER_BARE, env))
            app.append(timed(app_cmd, MARKER_APP, env))
            print(f"  run {i + 1}: bare {bare[-1][0] * 1000:7.1f} ms   app {app[-1][0] * 1000:7.1f} ms")
        if a.ready:
            renv = dict(env, VERGING_STARTUP_PROBE="ready")
            for _ in range(max(3, a.runs // 2)):
                ready.append(timed(app_cmd, MARKER_READY, renv)[0])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    def med(xs: list[float]) -> float:
        return statistics.median(xs) * 1000

    bp, ap_ = med([b[0] for b in bare]), med([x[0] for x in app])
    be, ae = med([b[1] for b in bare]), med([x[1] for x in app])
    ratio = ap_ / bp
    print()
    print(f"{'':28s}{'median':>10s}{'min':>10s}{'max':>10s}")
    print(f"{'bare window, first paint':28s}{bp:8.1f}ms{min(b[0] for b in bare) * 1000:8.1f}ms"
          f"{max(b[0] for b in bare) * 1000:8.1f}ms")
    print(f"{'verging-desktop --sandbox':28s}{ap_:8.1f}ms{min(x[0] for x in app) * 1000:8.1f}ms"
          f"{max(x[0] for x in app) * 1000:8.1f}ms")
    print(f"{'bare window, process exit':28s}{be:8.1f}ms")
    print(f"{'app, process exit':28s}{ae:8.1f}ms")
    if ready:
        print(f"{'app, sandbox up + balance':28s}{med(ready):8.1f}ms  (VERGING_STARTUP_PROBE=ready, {len(ready)} runs)")
    print()
    print(f"ratio (median first paint, app / bare): {ratio:.2f}  (target <= {TARGET})  "
          f"{'OK' if ratio <= TARGET else 'OVER TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
