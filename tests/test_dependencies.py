"""Every third-party module the package or its tests import is declared in pyproject.toml.

A test suite that imports something only the developer's machine has (numpy, once) passes on
that machine and stops at collection on a clean one. CI runs in a fresh virtual environment
(`.ci/run`), and this test says *which* import is undeclared, even on a machine that has it.
"""

from __future__ import annotations

import ast
import importlib.metadata as md
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCAL = {"verging_desktop", "tests", "conftest"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]

    def names(reqs: list[str]) -> set[str]:
        return {_norm(re.split(r"[\s\[<>=!~;]", r, maxsplit=1)[0]) for r in reqs}

    runtime = names(project["dependencies"])
    test = names(project.get("optional-dependencies", {}).get("test", []))
    return runtime, runtime | test


def _top_imports(folder: Path) -> dict[str, str]:
    """Top-level module name -> first file that imports it (absolute imports only)."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        for node in ast.walk(tree):
            mods: list[str] = []
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                mods = [node.module]
            for m in mods:
                found.setdefault(m.split(".")[0], str(path.relative_to(ROOT)))
    return found


def _third_party(imports: dict[str, str]) -> dict[str, str]:
    return {m: f for m, f in imports.items() if m not in sys.stdlib_module_names and m not in LOCAL
            and not m.startswith("_")}


def _undeclared(folder: str, allowed: set[str]) -> list[str]:
    dists = md.packages_distributions()
    problems = []
    for mod, where in sorted(_third_party(_top_imports(ROOT / folder)).items()):
        owners = {_norm(d) for d in dists.get(mod, [])}
        if not owners:
            problems.append(f"{mod} (imported in {where}) is not installed, so it cannot be declared")
        elif not owners & allowed:
            problems.append(f"{mod} (imported in {where}) comes from {sorted(owners)}, which pyproject.toml does not declare")
    return problems


def test_package_imports_only_runtime_dependencies() -> None:
    runtime, _ = _declared()
    # PySide6's own parts (Essentials/Addons, shiboken6) come with the declared PySide6.
    allowed = runtime | {"pyside6-essentials", "pyside6-addons", "shiboken6"}
    assert _undeclared("verging_desktop", allowed) == []


def test_tests_import_only_declared_dependencies() -> None:
    _, everything = _declared()
    allowed = everything | {"pyside6-essentials", "pyside6-addons", "shiboken6"}
    assert _undeclared("tests", allowed) == []


def test_the_check_sees_an_undeclared_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checker itself can fail: a module importing an installed but undeclared package is reported."""
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "m.py").write_text("import pytest\nimport os\n", "utf-8")
    problems = _undeclared("t", {"httpx"})
    assert len(problems) == 1 and problems[0].startswith("pytest (imported in t/m.py)")
