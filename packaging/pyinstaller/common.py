"""What every platform's spec shares: the inputs of one Analysis for the window and the CLI.

Imported by verging-desktop.spec (Linux), windows.spec and macos.spec with the spec's folder on
sys.path. The window (``verging-desktop``) and the command line (``verging``) are frozen from one
Analysis, so they share one copy of Python, Qt and every library in the onedir bundle.
"""

from __future__ import annotations

from pathlib import Path

from PyInstaller.utils.hooks import collect_submodules

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GUI_SCRIPT = str(HERE / "verging_desktop_gui.py")
CLI_SCRIPT = str(HERE / "verging_cli.py")
GUI_NAME = "verging-desktop"
CLI_NAME = "verging"


def datas() -> list[tuple[str, str]]:
    """resources/ goes where the package would have it: verging_desktop/resources/ in the bundle
    (core/resources.py looks in sys._MEIPASS/verging_desktop/resources), with every data folder."""
    out: list[tuple[str, str]] = []
    res = ROOT / "resources"
    for f in sorted(res.rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts and f.suffix != ".pyc":
            rel = f.parent.relative_to(res)
            out.append((str(f), str(Path("verging_desktop", "resources", rel))))
    return out


def binaries() -> list[tuple[str, str]]:
    """deno, the JavaScript runtime yt-dlp solves YouTube's challenges with, into deno/ of the
    bundle (services/remote.js_runtimes looks in sys._MEIPASS/deno); yt-dlp's own PyInstaller hook
    brings the challenge scripts (yt-dlp-ejs)."""
    try:
        import deno

        path = Path(deno.find_deno_bin())
    except Exception:  # not installed for this platform: YouTube then needs a deno on PATH
        return []
    return [(str(path), "deno")] if path.is_file() else []


def hiddenimports() -> list[str]:
    # the tool pages are imported by name (ui/tools/__init__.py: importlib.import_module), the
    # sandbox and the CLI's command modules on first use: collect the whole package
    mods = collect_submodules("verging_desktop", filter=lambda name: ".tests" not in name)
    return sorted(mods)


EXCLUDES = [
    # not used by the app; keeps the bundle smaller (they come in through optional imports)
    "tkinter", "pytest", "_pytest", "hypothesis", "pytestqt", "IPython", "matplotlib",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.Qt3DCore", "PySide6.QtQuick3D",
    "PySide6.QtCharts", "PySide6.QtDataVisualization", "PySide6.QtPdf", "PySide6.QtDesigner",
]


def split_scripts(scripts):  # type: ignore[no-untyped-def]
    """The Analysis's scripts for each executable: the runtime hooks, then its own entry script.

    One Analysis of both entry points gives ``a.scripts`` = [runtime hooks..., gui, cli]; each EXE
    must run only its own entry script after the hooks.
    """
    gui_name, cli_name = Path(GUI_SCRIPT).stem, Path(CLI_SCRIPT).stem
    hooks = [s for s in scripts if s[0] not in (gui_name, cli_name)]
    gui = [s for s in scripts if s[0] == gui_name]
    cli = [s for s in scripts if s[0] == cli_name]
    assert len(gui) == 1 and len(cli) == 1, [s[0] for s in scripts]
    return hooks + gui, hooks + cli
