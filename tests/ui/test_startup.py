"""Start-up: the window comes first, the heavy parts after; the real entry point runs and quits cleanly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("httpx", "qasync", "keyring", "verging_desktop.api", "verging_desktop.sandbox", "starlette", "uvicorn",
         "verging_desktop.ui.session", "verging_desktop.ui.dialogs.keys")

PROBE = r"""
import json, sys
from PySide6.QtWidgets import QApplication
from verging_desktop.app import AppController, parse_args
app = QApplication(sys.argv[:1])
ctl = AppController(parse_args(["--sandbox"]), app)
ctl.show()
painted = ctl.wait_first_paint(5)
print(json.dumps({"painted": painted, "modules": sorted(sys.modules)}))
"""


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
        "VERGING_CONFIG_DIR": str(tmp_path / "config"),
        "VERGING_DATA_DIR": str(tmp_path / "data"),
        "VERGING_LOG_DIR": str(tmp_path / "log"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    })
    for k in ("VERGING_API_KEY", "VERGING_BASE_URL", "VERGING_STARTUP_PROBE"):
        env.pop(k, None)
    return env


def test_first_frame_is_painted_before_the_heavy_imports(tmp_path):
    out = subprocess.run([sys.executable, "-c", PROBE], env=_env(tmp_path), capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout.strip().splitlines()[-1])
    assert data["painted"]
    loaded = [m for m in data["modules"] if any(m == h or m.startswith(h + ".") for h in HEAVY)]
    assert loaded == [], f"imported before the first frame: {loaded}"


@pytest.mark.timeout(90)
def test_entry_point_sandbox_starts_and_shuts_down(tmp_path):
    env = _env(tmp_path)
    env["VERGING_STARTUP_PROBE"] = "ready"
    out = subprocess.run([sys.executable, "-m", "verging_desktop.app", "--sandbox"], env=env,
                         capture_output=True, text=True, timeout=80)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert any(line.startswith("VERGING_FIRST_PAINT") for line in lines)
    assert any(line.startswith("VERGING_READY") and "state=sandbox" in line for line in lines), out.stdout
    log = (tmp_path / "log" / "verging-desktop.log").read_text("utf-8")
    assert "embedded sandbox at http://127.0.0.1:" in log and "embedded sandbox stopped" in log
    assert "Traceback" not in log and "Traceback" not in out.stderr


def test_version_and_help():
    out = subprocess.run([sys.executable, "-m", "verging_desktop.app", "--help"], capture_output=True, text=True,
                         timeout=30)
    assert out.returncode == 0 and "--sandbox" in out.stdout and "--sandbox-data" in out.stdout
