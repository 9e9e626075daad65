"""The translation catalogues: complete, current with the code, and built.

* ``resources/translations/verging_desktop_zh_CN.ts`` has no unfinished entry, every plural
  message has its forms, and every translation keeps its source's placeholders (``%1``, ``%n``,
  ``{name}``) and menu accelerators;
* the ``.ts`` is what ``packaging/i18n/extract.py`` makes of the code today (a string added to the
  code and not extracted fails here), and each ``.qm`` is what ``build.py`` makes of its ``.ts``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "verging_desktop_zh_CN.ts"
PLACEHOLDER = re.compile(r"%(?:n|L?\d)|\{[a-z_]+\}")


def _messages() -> list[tuple[str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [(ctx.findtext("name") or "", m) for ctx in root.iter("context") for m in ctx.iter("message")]


def _forms(m: ET.Element) -> list[str]:
    tr = m.find("translation")
    assert tr is not None
    if m.get("numerus") == "yes":
        return [f.text or "" for f in tr.iter("numerusform")]
    return [tr.text or ""]


def test_the_chinese_catalogue_has_no_unfinished_entry() -> None:
    msgs = _messages()
    assert len(msgs) > 200
    unfinished = [f"{ctx}: {m.findtext('source')}" for ctx, m in msgs
                  if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")  # type: ignore[union-attr]
                  or not all(_forms(m))]
    assert not unfinished, f"{len(unfinished)} unfinished entries:\n" + "\n".join(unfinished)


def test_every_translation_keeps_its_placeholders_and_plural_forms() -> None:
    bad = []
    for ctx, m in _messages():
        src = m.findtext("source") or ""
        forms = _forms(m)
        if "%n" in src and m.get("numerus") != "yes":
            bad.append(f"{ctx}: {src!r} counts with %n but is not a plural message")
        for text in forms:
            if sorted(PLACEHOLDER.findall(src)) != sorted(PLACEHOLDER.findall(text)):
                bad.append(f"{ctx}: {src!r} -> {text!r} (placeholders differ)")
            if "&" in src.replace("&&", "") and re.search(r"&\w", src) and not re.search(r"&\w", text):
                bad.append(f"{ctx}: {src!r} -> {text!r} (the menu accelerator went)")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("script", ["extract.py", "build.py"])
def test_the_catalogues_are_current(script: str) -> None:
    r = subprocess.run([sys.executable, str(ROOT / "packaging" / "i18n" / script), "--check"],
                       capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_check_fails_for_a_stale_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """extract.py --check sees a string that is in the code and not in the .ts."""
    import importlib.util

    # the project's own script, loaded from its path (not an installed module)
    monkeypatch.syspath_prepend(str(ROOT / "packaging" / "i18n"))
    spec = importlib.util.spec_from_file_location("i18n_extract", ROOT / "packaging" / "i18n" / "extract.py")
    assert spec is not None and spec.loader is not None
    extract = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(extract)

    stale = tmp_path / TS.name
    text = TS.read_text("utf-8")
    assert "<source>Keep working</source>" in text
    stale.write_text(text.replace("<source>Keep working</source>", "<source>Keep on working</source>"), "utf-8")
    extract.update("zh_CN", stale)
    assert stale.read_text("utf-8") != text.replace("<source>Keep working</source>", "<source>Keep on working</source>")
    assert 'type="unfinished"' in stale.read_text("utf-8")  # the string back in the code is not translated
