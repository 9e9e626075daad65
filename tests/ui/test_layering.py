"""Only ui/ (and app.py, screenshots.py) may import Qt or qasync; nothing below ui imports ui.

Checked by parsing every module with ast (imports inside functions count too), the way
qutebrowser's check_pyqt_imports keeps Qt in one place.
"""

from __future__ import annotations

import ast
from pathlib import Path

import verging_desktop

PKG = Path(verging_desktop.__file__).parent
QT_MODULES = {"PySide6", "PySide2", "PyQt5", "PyQt6", "shiboken6", "qasync", "pytestqt"}
#: ``__main__.py`` (``python -m verging_desktop``) is the app's entry point: it imports app.py and
#: nothing else (:func:`test_the_package_entry_point_is_only_the_app`)
ALLOWED = {"ui", "app.py", "screenshots.py", "__main__.py"}


def _top(name: str) -> str:
    return name.split(".")[0]


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) for every import in ``path``."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    rel = path.relative_to(PKG.parent).with_suffix("")
    package = list(rel.parts[:-1])  # the package a relative import starts from
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                mod = ".".join(base + ([node.module] if node.module else []))
                out += [(node.lineno, mod)] if node.module else [(node.lineno, f"{mod}.{a.name}") for a in node.names]
            elif node.module:
                out.append((node.lineno, node.module))
        elif (isinstance(node, ast.Call)
              and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("import_module", "__import__")
              and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            out.append((node.lineno, node.args[0].value))
    return out


def lower_layer_files() -> list[Path]:
    files = []
    for p in sorted(PKG.rglob("*.py")):
        first = p.relative_to(PKG).parts[0]
        if first not in ALLOWED:
            files.append(p)
    return files


def test_the_scan_sees_the_lower_layers():
    names = {p.relative_to(PKG).parts[0] for p in lower_layer_files()}
    assert {"core", "api"} <= names
    # and it does find Qt imports where they are allowed
    ui_imports = {m for p in (PKG / "ui").rglob("*.py") for _, m in imports_of(p)}
    assert any(_top(m) == "PySide6" for m in ui_imports)


def test_no_qt_or_qasync_below_ui():
    bad = []
    for p in lower_layer_files():
        for line, mod in imports_of(p):
            if _top(mod) in QT_MODULES:
                bad.append(f"{p.relative_to(PKG.parent)}:{line} imports {mod}")
    assert not bad, "Qt/qasync imported outside ui/ (DESIGN.md layering):\n" + "\n".join(bad)


def _is_module(mod: str, *names: str) -> bool:
    """Whether ``mod`` is one of ``names`` or inside one (``verging_desktop.app`` is not ``.app_core``)."""
    return any(mod == n or mod.startswith(n + ".") for n in names)


def test_lower_layers_do_not_import_the_ui():
    bad = []
    for p in lower_layer_files():
        for line, mod in imports_of(p):
            if _is_module(mod, "verging_desktop.ui", "verging_desktop.app", "verging_desktop.screenshots"):
                bad.append(f"{p.relative_to(PKG.parent)}:{line} imports {mod}")
    assert not bad, "\n".join(bad)


def test_the_application_layer_is_scanned_and_qt_free():
    """app_core/ is below ui/: covered by the scans above, and it never reaches into the ui."""
    files = [p for p in lower_layer_files() if p.relative_to(PKG).parts[0] == "app_core"]
    assert {p.name for p in files} >= {"__init__.py", "session.py", "jobs_service.py", "tasks.py", "shutdown.py",
                                       "logsetup.py", "pricing_text.py"}
    bad = [f"{p.relative_to(PKG.parent)}:{line} imports {mod}" for p in files for line, mod in imports_of(p)
           if _top(mod) in QT_MODULES or _is_module(mod, "verging_desktop.ui", "verging_desktop.app",
                                                    "verging_desktop.screenshots", "verging_desktop.sandbox")]
    assert not bad, "the application layer imports Qt, the ui or the sandbox:\n" + "\n".join(bad)


def test_the_module_check_tells_app_from_app_core():
    assert _is_module("verging_desktop.app", "verging_desktop.app")
    assert _is_module("verging_desktop.ui.session", "verging_desktop.ui")
    assert not _is_module("verging_desktop.app_core.session", "verging_desktop.app")
    assert not _is_module("verging_desktop.uix", "verging_desktop.ui")


def test_the_ui_session_reaches_the_sandbox_only_through_its_factory():
    mods = {m for _, m in imports_of(PKG / "ui" / "session.py")}
    assert not any(_is_module(m, "verging_desktop.sandbox") for m in mods), sorted(mods)


def test_relative_import_resolution():
    # a self-check of imports_of() on a module with known imports
    mods = {m for _, m in imports_of(PKG / "app_core" / "session.py")}
    assert "verging_desktop.core.errors" in mods and "verging_desktop.app_core.tasks" in mods


def test_qtmultimedia_is_imported_in_one_guarded_place():
    """Without libpulse.so.0 importing QtMultimedia fails: only ui/widgets/multimedia.py may try."""
    guarded = PKG / "ui" / "widgets" / "multimedia.py"
    bad = [f"{p.relative_to(PKG)}:{line}: {m}" for p in sorted(PKG.rglob("*.py")) if p != guarded
           for line, m in imports_of(p) if m.startswith(("PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets"))]
    assert not bad, "import QtMultimedia through ui/widgets/multimedia.py:\n" + "\n".join(bad)
    assert any(m.startswith("PySide6.QtMultimedia") for _, m in imports_of(guarded))


def widgets_importing_tools() -> list[str]:
    """(file:line imports module) for every ui/widgets module that imports ui/tools."""
    return [f"{p.relative_to(PKG)}:{line} imports {m}" for p in sorted((PKG / "ui" / "widgets").rglob("*.py"))
            for line, m in imports_of(p) if _is_module(m, "verging_desktop.ui.tools")]


def test_widgets_do_not_import_the_tool_tabs():
    """ui/widgets/ holds parts the tabs are built of; a widget never reaches up into ui/tools/."""
    assert (PKG / "ui" / "widgets" / "cost_bar.py").is_file()  # the scan looks at the right folder
    bad = widgets_importing_tools()
    assert not bad, "a widget imports a tool tab:\n" + "\n".join(bad)


def test_the_widgets_rule_sees_an_import_of_a_tab(tmp_path, monkeypatch):
    """The check above can fail: a widgets module that imports ui.tools is reported."""
    fake = tmp_path / "verging_desktop"
    (fake / "ui" / "widgets").mkdir(parents=True)
    (fake / "ui" / "widgets" / "bad.py").write_text("from ..tools.face_swap import FaceSwapPage\n", "utf-8")
    (fake / "ui" / "widgets" / "good.py").write_text("from ...core.tools import tool\nfrom .elide import X\n", "utf-8")
    monkeypatch.setitem(globals(), "PKG", fake)
    assert widgets_importing_tools() == ["ui/widgets/bad.py:1 imports verging_desktop.ui.tools.face_swap"]


def test_the_package_entry_point_is_only_the_app():
    assert {m for _, m in imports_of(PKG / "__main__.py")} == {"__future__", "sys", "verging_desktop.app"}
