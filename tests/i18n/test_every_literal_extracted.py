"""Every literal given to ``self.tr`` / ``translate`` in ``ui/`` is in the catalogue.

``pyside6-lupdate`` parses Python with its own reader, and some code it silently skips: a
``translate(context, text, None, int(n))`` whose count is a call drops that string (and can drop
the rest of the file). ``extract.py --check`` cannot see that, because lupdate is the one that
missed it; this test reads the code with Python's own parser and asks the ``.ts`` for each
``(context, source)`` pair, so a string lupdate skipped fails here instead of showing in English.
"""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "verging_desktop_zh_CN.ts"


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def translated_literals(source: str) -> list[tuple[int, str, str]]:
    """``(line, context, text)`` of each ``self.tr("…")`` (context: the enclosing class) and
    ``translate("Context", "…")`` / ``QCoreApplication.translate("Context", "…")`` in ``source``."""
    found: list[tuple[int, str, str]] = []

    class Visitor(ast.NodeVisitor):
        def __init__(self) -> None:
            self.classes: list[str] = []

        def visit_ClassDef(self, node: ast.ClassDef) -> None:
            self.classes.append(node.name)
            self.generic_visit(node)
            self.classes.pop()

        def visit_Call(self, node: ast.Call) -> None:
            f, args = node.func, node.args
            if (isinstance(f, ast.Attribute) and f.attr == "tr" and isinstance(f.value, ast.Name)
                    and f.value.id == "self" and args and _is_text(args[0]) and self.classes):
                found.append((node.lineno, self.classes[-1], args[0].value))  # type: ignore[attr-defined]
            elif (((isinstance(f, ast.Name) and f.id == "translate")
                   or (isinstance(f, ast.Attribute) and f.attr == "translate"))
                  and len(args) >= 2 and _is_text(args[0]) and _is_text(args[1])):
                found.append((node.lineno, args[0].value, args[1].value))  # type: ignore[attr-defined]
            self.generic_visit(node)

    Visitor().visit(ast.parse(source))
    return found


def _catalogue() -> set[tuple[str, str]]:
    root = ET.parse(TS).getroot()
    return {(ctx.findtext("name") or "", m.findtext("source") or "")
            for ctx in root.iter("context") for m in ctx.iter("message")}


def test_the_reader_sees_both_forms_and_their_contexts() -> None:
    src = ('translate = None\n'
           'class Page:\n'
           '    def f(self, n):\n'
           '        return self.tr("Open %1"), translate("Base", "Sent %n job(s)", None, int(n))\n'
           'def g():\n'
           '    return QCoreApplication.translate("Free", "Hello")\n')
    assert translated_literals(src) == [(4, "Page", "Open %1"), (4, "Base", "Sent %n job(s)"), (6, "Free", "Hello")]


def test_a_missing_string_is_reported() -> None:
    have = _catalogue()
    src = 'class X:\n    def f(self):\n        return self.tr("A sentence no catalogue has, 7f3c")\n'
    assert [t for t in translated_literals(src) if (t[1], t[2]) not in have] == [
        (3, "X", "A sentence no catalogue has, 7f3c")]


def test_every_translated_literal_in_the_ui_is_in_the_catalogue() -> None:
    have = _catalogue()
    files = sorted((ROOT / "verging_desktop" / "ui").rglob("*.py")) + [ROOT / "verging_desktop" / "app.py"]
    seen = 0
    missing = []
    for path in files:
        for line, ctx, text in translated_literals(path.read_text("utf-8")):
            seen += 1
            if (ctx, text) not in have:
                missing.append(f"{path.relative_to(ROOT)}:{line}: [{ctx}] {text!r}")
    assert seen > 1000  # the reader found the UI's strings at all
    assert not missing, ("lupdate skipped these (write the call plainly: no call as an argument):\n"
                         + "\n".join(missing))
