"""Install the app into the current user's desktop: the launcher entry, AppStream metainfo, icons.

``verging-desktop --install-desktop-entry`` (and ``--uninstall-desktop-entry``) call
:func:`main_install`/:func:`main_uninstall` before any Qt object exists. The files go where the
freedesktop specifications look for a user's own (``$XDG_DATA_HOME``, by default
``~/.local/share``):

- ``applications/ai.verging.VergingDesktop.desktop`` (resources/linux/, with ``Exec`` and
  ``TryExec`` rewritten to the absolute command that started this installation, so the launcher
  finds a venv's or a bundle's program that is not on ``PATH``);
- ``metainfo/ai.verging.VergingDesktop.metainfo.xml``;
- ``icons/hicolor/<N>x<N>/apps/ai.verging.VergingDesktop.png`` (16..512) and
  ``icons/hicolor/scalable/apps/ai.verging.VergingDesktop.svg``.

Then ``update-desktop-database`` (the MIME associations: open a video "with Verging Desktop") and
``gtk-update-icon-cache`` run when they are installed; without them the files still work, the
desktop picks them up on its next scan. No Qt here (the layering test), mypy strict.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .. import APP_ID  # the freedesktop application id
from ..core.resources import resource_path

GUI_COMMAND = "verging-desktop"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

# characters that make a desktop-entry Exec argument need quoting (Desktop Entry spec, "The Exec key")
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


@dataclass
class Outcome:
    """What an install or uninstall did: the files written or removed, the caches refreshed."""

    data_home: Path
    files: list[Path] = field(default_factory=list)
    exec_line: str = ""
    refreshed: list[str] = field(default_factory=list)


def data_home(env: dict[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME`` when it is an absolute path (the spec ignores a relative one), else ``~/.local/share``."""
    value = (os.environ if env is None else env).get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def launcher_command() -> list[str]:
    """The absolute command that starts this installation's window.

    Frozen (PyInstaller): the bundle's own program. Installed: the ``verging-desktop`` script next
    to this Python (a venv's ``bin/``), else the one on ``PATH``, else ``python -m verging_desktop``.
    """
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    bindir = Path(sys.executable).parent
    for name in (GUI_COMMAND, f"{GUI_COMMAND}.exe"):
        script = bindir / name
        if script.is_file() and os.access(script, os.X_OK):
            return [str(script)]
    found = shutil.which(GUI_COMMAND)
    if found:
        return [str(Path(found).resolve())]
    return [str(Path(sys.executable)), "-m", "verging_desktop"]


def exec_quote(arg: str) -> str:
    """One Exec argument, quoted by the Desktop Entry spec's rules (before the string escaping)."""
    arg = arg.replace("%", "%%")
    if arg and not (set(arg) & _RESERVED):
        return arg
    inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{inner}"'


def exec_value(command: Sequence[str]) -> str:
    """The Exec key's value for ``command`` plus ``%F`` (the files the launcher opens with the app)."""
    line = " ".join(exec_quote(a) for a in command) + " %F"
    return line.replace("\\", "\\\\")    # the desktop entry's own string escaping comes on top


def render_entry(template: str, command: Sequence[str]) -> str:
    """The shipped entry with ``Exec`` and ``TryExec`` pointing at ``command``."""
    out: list[str] = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + exec_value(command)
        elif line.startswith("TryExec="):
            line = "TryExec=" + command[0].replace("\\", "\\\\")
        out.append(line)
    return "\n".join(out) + "\n"


def _targets(home: Path) -> list[tuple[Path, Path]]:
    """(source in resources/, destination under ``home``) for every file but the entry itself."""
    icons = resource_path("icons", "app")
    hicolor = home / "icons" / "hicolor"
    pairs = [(resource_path("linux", f"{APP_ID}.metainfo.xml"), home / "metainfo" / f"{APP_ID}.metainfo.xml")]
    pairs += [(icons / f"verging-desktop-{n}.png", hicolor / f"{n}x{n}" / "apps" / f"{APP_ID}.png")
              for n in ICON_SIZES]
    pairs.append((icons / "verging-desktop.svg", hicolor / "scalable" / "apps" / f"{APP_ID}.svg"))
    return pairs


def entry_path(home: Path) -> Path:
    return home / "applications" / f"{APP_ID}.desktop"


def _write_atomic(dest: Path, data: bytes) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _refresh(home: Path) -> list[str]:
    """Run the desktop's cache tools that are installed; a failing one is skipped (best effort)."""
    done: list[str] = []
    hicolor = home / "icons" / "hicolor"
    jobs = [("update-desktop-database", ["-q", str(home / "applications")])]
    if hicolor.is_dir():
        os.utime(hicolor)       # icon caches compare the theme folder's mtime
        jobs.append(("gtk-update-icon-cache", ["-q", "-t", "-f", str(hicolor)]))
    for tool, args in jobs:
        exe = shutil.which(tool)
        if not exe:
            continue
        try:
            r = subprocess.run([exe, *args], capture_output=True, timeout=60, check=False)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if r.returncode == 0:
            done.append(tool)
    return done


def install(home: Path | None = None, command: Sequence[str] | None = None, *, refresh: bool = True) -> Outcome:
    """Install the entry, metainfo and icons under ``home`` (default :func:`data_home`)."""
    home = data_home() if home is None else home
    command = list(command) if command else launcher_command()
    outcome = Outcome(home, exec_line=exec_value(command))
    template = resource_path("linux", f"{APP_ID}.desktop").read_text("utf-8")
    pairs = _targets(home)
    missing = [src for src, _ in pairs if not src.is_file()]
    if missing:
        raise FileNotFoundError(f"This installation lacks {missing[0].name}; reinstall the app.")
    for src, dest in pairs:
        _write_atomic(dest, src.read_bytes())
        outcome.files.append(dest)
    entry = entry_path(home)            # last: the launcher shows it once its icon is in place
    _write_atomic(entry, render_entry(template, command).encode("utf-8"))
    outcome.files.append(entry)
    if refresh:
        outcome.refreshed = _refresh(home)
    return outcome


def uninstall(home: Path | None = None, *, refresh: bool = True) -> Outcome:
    """Remove what :func:`install` wrote under ``home`` (only those files; folders stay)."""
    home = data_home() if home is None else home
    outcome = Outcome(home)
    for dest in [entry_path(home), *(d for _, d in _targets(home))]:
        if dest.is_file():
            dest.unlink()
            outcome.files.append(dest)
    if refresh and outcome.files:
        outcome.refreshed = _refresh(home)
    return outcome


def main_install(out: TextIO | None = None) -> int:
    """``--install-desktop-entry``: install for the current user, say where; exit status."""
    out = out or sys.stdout
    try:
        done = install()
    except OSError as e:
        print(f"Could not install the desktop entry: {e}", file=sys.stderr)
        return 1
    print(f"Installed Verging Desktop for this user under {done.data_home}:", file=out)
    for f in done.files:
        print(f"  {f}", file=out)
    print(f"The launcher starts: {done.exec_line}", file=out)
    return 0


def main_uninstall(out: TextIO | None = None) -> int:
    """``--uninstall-desktop-entry``: remove the files the install wrote; exit status."""
    out = out or sys.stdout
    try:
        done = uninstall()
    except OSError as e:
        print(f"Could not remove the desktop entry: {e}", file=sys.stderr)
        return 1
    if not done.files:
        print(f"No desktop entry of Verging Desktop was installed under {done.data_home}.", file=out)
        return 0
    print(f"Removed {len(done.files)} files from {done.data_home}:", file=out)
    for f in done.files:
        print(f"  {f}", file=out)
    return 0
