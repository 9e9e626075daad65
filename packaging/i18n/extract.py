"""Update the translation sources ``resources/translations/verging_desktop_<lang>.ts``.

One command, run from anywhere::

    python packaging/i18n/extract.py            # every language in LANGUAGES
    python packaging/i18n/extract.py --check    # exit 1 if a .ts is not up to date (CI, tests)

What it does:

1. collects the Qt-free layers' strings (``verging_desktop.core.i18n``): every call of ``_``,
   ``N_`` or ``n_`` with a literal first argument anywhere in ``verging_desktop/``, and the tool
   registry's words (``core/tools.py``: each tool's title, summary and noun, the group names), which
   the UI shows through ``_()``;
2. writes them, in a temporary file, as ``QCoreApplication.translate("core", ...)`` calls;
3. runs ``pyside6-lupdate`` over ``verging_desktop/ui/``, ``app.py`` and that file into each
   ``.ts`` (existing translations are kept; strings no longer in the code are dropped);
4. marks every message whose source has ``%n`` as a plural ("numerus") message: PySide6's
   lupdate sees a count only in ``self.tr(text, disambiguation, n)``, not in
   ``QCoreApplication.translate(context, text, None, n)``, and this app writes every count with
   ``%n``.

Then translate the new entries (Qt Linguist: ``pyside6-linguist``, or by hand) and build the
``.qm`` files with ``packaging/i18n/build.py``.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "verging_desktop"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)
CATALOGUE = "verging_desktop"
CONTEXT = "core"
MARKERS = {"_": False, "N_": False, "n_": True}  # name -> is a count


def tool(name: str) -> str:
    """``pyside6-<name>`` next to this Python (a venv), else on PATH."""
    here = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(here) if here.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found (it comes with PySide6)")
    return found


def ts_path(lang: str) -> Path:
    return TRANSLATIONS / f"{CATALOGUE}_{lang}.ts"


def core_strings() -> list[tuple[str, str | None]]:
    """``(msgid, disambiguation)`` of every marked string below ``ui/`` and of the registry."""
    found: dict[tuple[str, str | None], None] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS):
                continue
            if not node.args or not (isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                continue
            disamb: str | None = None
            pos = 2 if MARKERS[node.func.id] else 1  # n_(msgid, n, disambiguation)
            if len(node.args) > pos and isinstance(node.args[pos], ast.Constant):
                disamb = node.args[pos].value
            for kw in node.keywords:
                if kw.arg == "disambiguation" and isinstance(kw.value, ast.Constant):
                    disamb = kw.value.value
            found[(node.args[0].value, disamb)] = None
    sys.path.insert(0, str(ROOT))
    from verging_desktop.core.tools import TOOLS, ToolGroup

    for g in ToolGroup:
        found[(g.value, None)] = None
    for t in TOOLS:
        for text in (t.title, t.summary, t.noun):
            if text:
                found[(text, None)] = None
    return list(found)


def write_core_file(folder: Path) -> Path:
    lines = ["from PySide6.QtCore import QCoreApplication", ""]
    for msgid, disamb in core_strings():
        lines.append(f"QCoreApplication.translate({CONTEXT!r}, {msgid!r}, {disamb!r})")
    path = folder / "core_strings.py"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def hidden_calls() -> list[str]:
    """``tr()`` / ``translate()`` calls inside f-strings: lupdate does not read them, so their
    strings never reach a catalogue (take the call out of the f-string)."""
    found = []
    for path in ui_sources():
        tree = ast.parse(path.read_text("utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            for sub in ast.walk(node):
                if isinstance(sub, ast.Call):
                    f = sub.func
                    name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
                    if name in ("tr", "translate"):
                        found.append(f"{path.relative_to(ROOT)}:{sub.lineno}")
    return found


def ui_sources() -> list[Path]:
    files = sorted((PACKAGE / "ui").rglob("*.py"))
    return [*files, PACKAGE / "app.py"]


def mark_counts(ts: Path) -> int:
    """Every message whose source has ``%n`` becomes a numerus message (its translation kept)."""
    tree = ET.parse(ts)
    changed = 0
    for msg in tree.getroot().iter("message"):
        src = msg.findtext("source") or ""
        if "%n" not in src or msg.get("numerus") == "yes":
            continue
        msg.set("numerus", "yes")
        tr = msg.find("translation")
        if tr is None:
            tr = ET.SubElement(msg, "translation")
        text = tr.text or ""
        tr.text = None
        form = ET.SubElement(tr, "numerusform")
        form.text = text
        if not text:
            tr.set("type", "unfinished")
        changed += 1
    if changed:
        write_ts(tree, ts)
    return changed


def drop_doc_comments(ts: Path) -> None:
    """lupdate takes a Python ``#:`` comment (this code's attribute documentation, as Sphinx
    reads it) for a translator's note and attaches it to the next string, whatever that is: the
    notes are dropped. The app gives translators its context as the disambiguation instead
    (``self.tr(text, "what it is")``), which is kept."""
    tree = ET.parse(ts)
    dropped = 0
    for msg in tree.getroot().iter("message"):
        for note in msg.findall("extracomment"):
            msg.remove(note)
            dropped += 1
    if dropped:
        write_ts(tree, ts)


def write_ts(tree: ET.ElementTree, ts: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", "utf-8")


def _key(ctx: ET.Element, msg: ET.Element) -> tuple[str, str, str]:
    return ctx.findtext("name") or "", msg.findtext("source") or "", msg.findtext("comment") or ""


def finished_counts(ts: Path) -> dict[tuple[str, str, str], list[str]]:
    """The finished plural messages of ``ts``: (context, source, comment) -> their forms."""
    if not ts.exists():
        return {}
    done = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if msg.get("numerus") == "yes" and tr is not None and tr.get("type") is None:
                done[_key(ctx, msg)] = [f.text or "" for f in tr.iter("numerusform")]
    return done


def keep_finished(ts: Path, done: dict[tuple[str, str, str], list[str]]) -> None:
    """A plural message lupdate marked unfinished only because it did not see the count (same
    source, same forms as before) is finished again."""
    tree = ET.parse(ts)
    for ctx in tree.getroot().iter("context"):
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") != "unfinished":
                continue
            forms = [f.text or "" for f in tr.iter("numerusform")]
            if forms and all(forms) and done.get(_key(ctx, msg)) == forms:
                del tr.attrib["type"]
    write_ts(tree, ts)


def update(lang: str, dest: Path) -> None:
    """Update (or create) ``dest`` for ``lang`` from the code."""
    done = finished_counts(dest)
    with tempfile.TemporaryDirectory(prefix="verging-i18n-") as tmp:
        core = write_core_file(Path(tmp))
        cmd = [tool("lupdate"), *map(str, ui_sources()), str(core), "-ts", str(dest), "-target-language", lang,
               "-locations", "none", "-no-obsolete", "-silent"]
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        subprocess.run(cmd, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    for ctx in ET.parse(dest).getroot().iter("context"):
        if not (ctx.findtext("name") or "").strip():  # tr = QCoreApplication.translate; tr("Ctx", "text")
            sources = [m.findtext("source") for m in ctx.iter("message")]
            raise SystemExit(f"strings without a context ({sources[:3]}...): lupdate reads tr(...) as self.tr; "
                             "call QCoreApplication.translate (or an alias named translate) instead")
    # lupdate's reading of a numerus message it does not see as one: it is marked again here
    mark_counts(dest)
    drop_doc_comments(dest)
    keep_finished(dest, done)  # also writes it in one layout, whoever wrote it last


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--check", action="store_true", help="only say whether the .ts files are up to date")
    args = p.parse_args(argv)
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for where in hidden_calls():
        print(f"warning: {where}: a tr()/translate() call inside an f-string is not extracted", file=sys.stderr)
    stale = []
    for lang in LANGUAGES:
        ts = ts_path(lang)
        if args.check:
            with tempfile.TemporaryDirectory(prefix="verging-i18n-") as tmp:
                copy = Path(tmp) / ts.name
                if ts.exists():
                    shutil.copyfile(ts, copy)
                update(lang, copy)
                if not ts.exists() or copy.read_bytes() != ts.read_bytes():
                    stale.append(ts)
        else:
            update(lang, ts)
            print(f"updated {ts.relative_to(ROOT)}")
    for ts in stale:
        print(f"{ts.relative_to(ROOT)} is not up to date: run python packaging/i18n/extract.py")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
