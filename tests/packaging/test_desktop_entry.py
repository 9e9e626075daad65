"""The freedesktop files in resources/linux/ and --install-desktop-entry into a private XDG_DATA_HOME."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from verging_desktop.app_core import desktop_entry as de
from verging_desktop.core.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
ENTRY = resource_path("linux", f"{de.APP_ID}.desktop")
METAINFO = resource_path("linux", f"{de.APP_ID}.metainfo.xml")


def _entry(text: str) -> dict[str, str]:
    cp = configparser.ConfigParser(interpolation=None, strict=True)
    cp.optionxform = str  # type: ignore[assignment,method-assign]
    cp.read_string(text)
    return dict(cp["Desktop Entry"])


def test_the_entry_opens_videos_images_and_audio_with_the_app() -> None:
    e = _entry(ENTRY.read_text("utf-8"))
    assert e["Exec"] == "verging-desktop %F" and e["Type"] == "Application"
    assert e["Icon"] == de.APP_ID
    mimes = set(filter(None, e["MimeType"].split(";")))
    assert {"video/mp4", "video/quicktime", "image/png", "image/jpeg", "audio/mpeg", "audio/wav"} <= mimes
    assert {m.split("/")[0] for m in mimes} == {"video", "image", "audio"}
    assert "Name[zh_CN]" in e


def test_the_metainfo_names_the_entry_and_existing_screenshots() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == de.APP_ID
    assert root.findtext("launchable") == f"{de.APP_ID}.desktop"
    shots = [img.text or "" for img in root.iter("image")]
    assert shots
    for url in shots:
        assert url.startswith("https://")
        assert (ROOT / "docs" / "screenshots" / url.rsplit("/", 1)[-1]).is_file(), url


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils is not installed")
def test_desktop_file_validate_accepts_the_shipped_and_the_installed_entry(tmp_path: Path) -> None:
    r = subprocess.run(["desktop-file-validate", str(ENTRY)], capture_output=True, text=True, timeout=60, check=False)
    assert r.returncode == 0 and "error" not in r.stdout, r.stdout + r.stderr
    done = de.install(tmp_path, ["/opt/My Apps/verging-desktop"], refresh=False)
    installed = next(f for f in done.files if f.suffix == ".desktop")
    r = subprocess.run(["desktop-file-validate", str(installed)], capture_output=True, text=True, timeout=60,
                       check=False)
    assert r.returncode == 0 and "error" not in r.stdout, r.stdout + r.stderr


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream is not installed")
def test_appstreamcli_accepts_the_metainfo() -> None:
    r = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True,
                       timeout=120, check=False)
    assert r.returncode == 0, r.stdout + r.stderr


def test_install_puts_entry_metainfo_and_hicolor_icons_under_the_data_home(tmp_path: Path) -> None:
    home = tmp_path / "share"
    done = de.install(home, ["/usr/local/bin/verging-desktop"], refresh=False)
    entry = home / "applications" / f"{de.APP_ID}.desktop"
    assert entry in done.files and entry.is_file()
    e = _entry(entry.read_text("utf-8"))
    assert e["Exec"] == "/usr/local/bin/verging-desktop %F"
    assert e["TryExec"] == "/usr/local/bin/verging-desktop"
    assert (home / "metainfo" / f"{de.APP_ID}.metainfo.xml").read_bytes() == METAINFO.read_bytes()
    for n in de.ICON_SIZES:
        png = home / "icons" / "hicolor" / f"{n}x{n}" / "apps" / f"{de.APP_ID}.png"
        assert png.read_bytes() == resource_path("icons", "app", f"verging-desktop-{n}.png").read_bytes()
    assert (home / "icons" / "hicolor" / "scalable" / "apps" / f"{de.APP_ID}.svg").is_file()
    assert len(done.files) == 2 + len(de.ICON_SIZES) + 1
    # installing again replaces, it does not pile up
    again = de.install(home, ["/usr/local/bin/verging-desktop"], refresh=False)
    assert sorted(again.files) == sorted(done.files)

    removed = de.uninstall(home, refresh=False)
    assert sorted(removed.files) == sorted(done.files)
    assert not any(f.exists() for f in done.files)
    assert de.uninstall(home, refresh=False).files == []


def test_uninstall_leaves_other_apps_files(tmp_path: Path) -> None:
    other = tmp_path / "applications" / "org.example.Other.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\n", "utf-8")
    de.install(tmp_path, ["/bin/true"], refresh=False)
    de.uninstall(tmp_path, refresh=False)
    assert other.is_file()


@pytest.mark.parametrize(("command", "expected"), [
    (["/usr/bin/verging-desktop"], "/usr/bin/verging-desktop %F"),
    (["/home/a b/venv/bin/verging-desktop"], '"/home/a b/venv/bin/verging-desktop" %F'),
    (["/usr/bin/python3", "-m", "verging_desktop"], "/usr/bin/python3 -m verging_desktop %F"),
    (["/opt/100%/x"], "/opt/100%%/x %F"),
    (['/opt/$x"y/z'], '"/opt/\\\\$x\\\\"y/z" %F'),
])
def test_exec_lines_are_quoted_by_the_spec(command: list[str], expected: str) -> None:
    assert de.exec_value(command) == expected


def test_the_data_home_follows_xdg_data_home(tmp_path: Path) -> None:
    assert de.data_home({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path
    assert de.data_home({"XDG_DATA_HOME": "relative/path"}) == Path.home() / ".local" / "share"
    assert de.data_home({}) == Path.home() / ".local" / "share"


def test_the_command_line_flags_install_and_remove_for_the_user(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VERGING_")}
    env["XDG_DATA_HOME"] = str(tmp_path)
    env["PYTHONPATH"] = str(ROOT)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env["QT_QPA_PLATFORM"] = "none-such"   # Qt must not start: the flag is handled before QApplication
    r = subprocess.run([sys.executable, "-m", "verging_desktop", "--install-desktop-entry"], capture_output=True,
                       text=True, timeout=120, env=env, check=False)
    assert r.returncode == 0, r.stdout + r.stderr
    entry = tmp_path / "applications" / f"{de.APP_ID}.desktop"
    assert str(entry) in r.stdout
    assert _entry(entry.read_text("utf-8"))["Exec"].endswith(" %F")
    r = subprocess.run([sys.executable, "-m", "verging_desktop", "--uninstall-desktop-entry"], capture_output=True,
                       text=True, timeout=120, env=env, check=False)
    assert r.returncode == 0, r.stdout + r.stderr
    assert not entry.exists()


def test_the_launcher_is_the_bundles_program_when_frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "verging-desktop" / "verging-desktop"
    program.parent.mkdir()
    program.write_text("", "utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    assert de.launcher_command() == [str(program.resolve())]


def test_the_launcher_is_the_script_beside_this_python(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bindir = tmp_path / "venv" / "bin"
    bindir.mkdir(parents=True)
    script = bindir / "verging-desktop"
    script.write_text("#!/bin/sh\n", "utf-8")
    script.chmod(0o755)
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(bindir / "python"))
    assert de.launcher_command() == [str(script)]
    script.unlink()                       # no script anywhere: python -m, which always works
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert de.launcher_command() == [str(bindir / "python"), "-m", "verging_desktop"]
