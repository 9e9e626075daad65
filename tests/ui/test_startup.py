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

#: not needed by the first frame: the sidebar's list view and icons are built just after it (the
#: first use of ``Qt.*`` alone costs ~20 ms: PySide6 creates all its enums at once)
AFTER_FIRST_FRAME = ("verging_desktop.ui.widgets.tool_nav", "verging_desktop.ui.icons",
                     "verging_desktop.ui.widgets.goto_popup")
SLOW_TYPES = {"PySide6.QtCore": ("Qt",), "PySide6.QtGui": ("QIcon", "QFont", "QPainter"),
              "PySide6.QtWidgets": ("QStyle", "QAbstractItemView")}

PROBE_AT_PAINT = r"""
import importlib, json, sys
from PySide6.QtWidgets import QApplication
from verging_desktop.app import AppController, parse_args
SLOW_TYPES = json.loads(sys.argv[1])
app = QApplication(sys.argv[:1])
ctl = AppController(parse_args(["--sandbox"]), app)
seen = {}
def snap():  # as the first frame is done, before anything that waited for it
    seen["modules"] = sorted(sys.modules)
    seen["types"] = sorted(f"{m}.{n}" for m, names in SLOW_TYPES.items() for n in names
                           if n in vars(importlib.import_module(m)))
ctl.window.firstPainted.connect(snap)
ctl.show()
painted = ctl.wait_first_paint(5)
print(json.dumps({"painted": painted, **seen}))
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


def test_the_sidebar_and_the_slow_qt_types_wait_for_the_first_frame(tmp_path):
    out = subprocess.run([sys.executable, "-c", PROBE_AT_PAINT, json.dumps(SLOW_TYPES)], env=_env(tmp_path), capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout.strip().splitlines()[-1])
    assert data["painted"]
    loaded = [m for m in data["modules"] if m in AFTER_FIRST_FRAME]
    assert loaded == [], f"imported before the first frame: {loaded}"
    assert data["types"] == [], f"Qt types made before the first frame: {data['types']}"


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


def test_python_m_verging_desktop_is_the_app(tmp_path):
    """``python -m verging_desktop`` is the ``verging-desktop`` command (pyproject's gui-scripts):
    the same main, the same arguments, and the window is painted (the first-paint probe)."""
    import tomllib

    import verging_desktop.__main__ as entry
    from verging_desktop import app

    scripts = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text("utf-8"))["project"]["gui-scripts"]
    assert scripts["verging-desktop"] == "verging_desktop.app:main" and entry.main is app.main
    out = subprocess.run([sys.executable, "-m", "verging_desktop", "--help"], env=_env(tmp_path), capture_output=True,
                         text=True, timeout=30)
    assert out.returncode == 0 and out.stdout.startswith("usage: verging-desktop") and "--sandbox" in out.stdout
    env = _env(tmp_path)
    env["VERGING_STARTUP_PROBE"] = "1"  # the first frame, then out
    out = subprocess.run([sys.executable, "-m", "verging_desktop", "--sandbox"], env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert any(line.startswith("VERGING_FIRST_PAINT") for line in out.stdout.splitlines()), out.stdout
