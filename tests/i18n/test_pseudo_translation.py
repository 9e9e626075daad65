"""Every string a person sees passes through translation: the pseudo-translator test.

A :class:`~tests.i18n.pseudo.PseudoTranslator` wraps every translated string in ``⟦ ⟧``; the
real app (sandbox mode) is started under it, every tool tab, the Job Queue, the welcome view, the
menus and every dialog (settings, keys with each provider's tab, account and usage, buy credits,
about, go to tool, the quit and switch questions, an API key problem, an unexpected error) are
opened offscreen, and their visible strings are collected (``pseudo.walk``).

A string with letters outside the markers did not pass through translation. Those known today are
listed in ``tests/i18n/untranslated_allowlist.txt`` (``file<TAB>text``, digits as 0), which may
only shrink:

* a string not on the list fails the test (new code must use ``tr()`` / ``_()``);
* an entry no longer found fails too: it was translated (or went), so it must leave the list
  (``VERGING_I18N_WRITE_ALLOWLIST=1`` rewrites the file from what was found, for that);
* the files already converted (:data:`STRICT`) may have no entry at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from tests.e2e.helpers import forgive_multimedia_noise
from tests.i18n.pseudo import PseudoTranslator, every_tab, normalize, untranslated, walk
from tests.ui.conftest import run, until
from verging_desktop.core import i18n as core_i18n
from verging_desktop.core.settings import Settings
from verging_desktop.core.tools import TOOLS

ALLOWLIST = Path(__file__).with_name("untranslated_allowlist.txt")
#: the files whose every visible string is translated: no allowlist entry may name them
STRICT = frozenset({
    "verging_desktop/ui/tools/video_base.py",
    "verging_desktop/ui/tools/face_swap.py",
    "verging_desktop/ui/tools/video_enhance.py",
    "verging_desktop/ui/tools/reframe.py",
    "verging_desktop/ui/main_window.py",
    "verging_desktop/ui/dialogs/provider_keys.py",
    "verging_desktop/ui/dialogs/varg_keys.py",
    "verging_desktop/ui/dialogs/vimmerse_keys.py",
    "verging_desktop/ui/dialogs/profile_form.py",
    "verging_desktop/ui/welcome.py",
    "verging_desktop/ui/dialogs/settings.py",
    "verging_desktop/ui/crash.py",
    "verging_desktop/ui/dialogs/account.py",
    "verging_desktop/ui/widgets/status.py",
    "verging_desktop/ui/widgets/cost_bar.py",
    "verging_desktop/ui/widgets/usage_chart.py",
    "verging_desktop/ui/jobs/result_panel.py",
    "verging_desktop/ui/widgets/banner.py",
    "verging_desktop/ui/widgets/goto_popup.py",
    "verging_desktop/ui/dialogs/buy_credits.py",
    "verging_desktop/ui/dialogs/keys.py",
    "verging_desktop/ui/widgets/ai_common.py",
    "verging_desktop/ui/tools/text_to_speech.py",
    "verging_desktop/ui/tools/speech_to_text.py",
    "verging_desktop/ui/tools/vision.py",
    "verging_desktop/ui/tools/chat.py",
    "verging_desktop/ui/tools/vimmerse_tab.py",
    "verging_desktop/ui/tools/vimmerse_page.py",
    "verging_desktop/ui/tools/vimmerse_slots.py",
    "verging_desktop/ui/tools/vimmerse_result.py",
    "verging_desktop/ui/tools/vimmerse_video.py",
    "verging_desktop/app.py",
    "verging_desktop/ui/images.py",
    "verging_desktop/ui/theme.py",
    "verging_desktop/ui/single_instance.py",
    "verging_desktop/ui/open_files.py",
    "verging_desktop/ui/tool_options.py",
    "verging_desktop/ui/widgets/header.py",
    "verging_desktop/ui/widgets/tool_nav.py",
    "verging_desktop/ui/widgets/photo_icon.py",
    "verging_desktop/ui/widgets/elide.py",
    "verging_desktop/ui/widgets/wrapfit.py",
    "verging_desktop/ui/widgets/combo_fit.py",
    "verging_desktop/ui/widgets/lazy.py",
    "verging_desktop/ui/widgets/wheel_guard.py",
    "verging_desktop/ui/jobs/queue_parts.py",
    "verging_desktop/ui/jobs/queue_panel.py",
    "verging_desktop/ui/jobs/queue_model.py",
    "verging_desktop/ui/jobs/queue_cells.py",
    "verging_desktop/ui/jobs/launch.py",
    "verging_desktop/ui/jobs/notify.py",
    "verging_desktop/ui/jobs/dock.py",
    "verging_desktop/ui/jobs/watcher.py",
    "verging_desktop/ui/widgets/rejections.py",
    "verging_desktop/ui/widgets/steps.py",
    "verging_desktop/ui/widgets/submit_guard.py",
    "verging_desktop/ui/widgets/multimedia.py",
    "verging_desktop/ui/widgets/nav_pages.py",
    "verging_desktop/ui/video/compare/view.py",
    "verging_desktop/ui/video/compare/canvas.py",
    "verging_desktop/ui/video/compare/side.py",
    "verging_desktop/ui/video/clip_gallery.py",
    "verging_desktop/ui/tools/image_generation.py",
    "verging_desktop/ui/tools/varg_choice.py",
    "verging_desktop/ui/tools/varg_panel.py",
    "verging_desktop/ui/tools/varg_runner.py",
    "verging_desktop/ui/tools/varg_outcome.py",
    "verging_desktop/ui/tools/varg_hashes.py",
    "verging_desktop/ui/widgets/image_list.py",
    "verging_desktop/ui/widgets/audio_results.py",
    "verging_desktop/ui/widgets/ai_handoff.py",
    "verging_desktop/ui/widgets/provider_choice.py",
    "verging_desktop/ui/widgets/voice_browser.py",
    "verging_desktop/ui/video/trimmer.py",
})


def read_allowlist() -> set[tuple[str, str]]:
    entries = set()
    for line in ALLOWLIST.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        where, _tab, text = line.partition("\t")
        entries.add((where, text))
    return entries


def write_allowlist(found: set[tuple[str, str]]) -> None:
    head = ("# Visible strings that do not pass through translation yet (tests/i18n/test_pseudo_translation.py).\n"
            "# file<TAB>text (digits as 0). This list may only shrink: wrap a string in tr()/_() and remove its line.\n")
    body = "".join(f"{w}\t{t}\n" for w, t in sorted(found))
    ALLOWLIST.write_text(head + body, "utf-8")


@pytest.fixture
def pseudo(qapp: Any) -> Iterator[PseudoTranslator]:
    t = PseudoTranslator()
    assert QCoreApplication.installTranslator(t)
    yield t
    QCoreApplication.removeTranslator(t)
    core_i18n.set_translator(None)


def _settle(loop: Any, seconds: float = 0.15) -> None:
    import asyncio

    run(loop, asyncio.sleep(seconds))


def _collect(top: QWidget, found: set[tuple[str, str]], loop: Any) -> None:
    for where, text in walk(top):
        if untranslated(text):
            found.add((where, normalize(text)))
    for _ in every_tab(top):
        _settle(loop, 0.05)
        for where, text in walk(top):
            if untranslated(text):
                found.add((where, normalize(text)))


def _open_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_every_visible_string_passes_through_translation(pseudo: PseudoTranslator, harness: Any, loop: Any,
                                                          store: Any, tmp_path: Path, request: Any) -> None:
    store.save(Settings(download_dir=str(tmp_path / "out"), language="en"))
    ctl = harness.start("--sandbox")
    w = ctl.window
    w.resize(1280, 800)
    run(loop, until(lambda: w.first_frame_done and hasattr(w, "act_goto"), 5, "the menus"))
    assert core_i18n.translator() is not None, "the core catalogue is not routed to Qt's translators"
    found: set[tuple[str, str]] = set()

    # every tool, with the Job Queue dock beside it
    for spec in TOOLS:
        assert w.show_tool(spec.id) is not None, spec.id
        page = w.pages[spec.title]
        run(loop, until(lambda page=page: page.content is not None, 10, spec.title))
        _settle(loop)
        _collect(w, found, loop)
    run(loop, until(lambda: w.queue_page.content is not None, 5, "the queue dock"))
    _collect(w, found, loop)

    # the dialogs
    for open_dialog in (w.open_settings_dialog, w.open_keys_dialog, w.open_account_dialog, w.show_about,
                        w.open_goto):
        dlg = open_dialog()
        assert dlg is not None, open_dialog
        _settle(loop, 0.3)
        _collect(dlg, found, loop)
        dlg.close()
    keys = w.open_keys_dialog()
    for provider in ("verging", "vimmerse", "varg"):
        keys.show_provider(provider)
        _settle(loop, 0.2)
        _collect(keys, found, loop)
    keys.close()
    acct = w.open_account_dialog()
    for provider in ("verging", "vimmerse", "varg"):
        acct.show_provider(provider)
        _settle(loop, 0.3)
        _collect(acct, found, loop)
    acct.close()
    from verging_desktop.ui.dialogs.buy_credits import buy_credits

    buy = buy_credits(w, open_url=lambda _url: False)
    _settle(loop)
    _collect(buy, found, loop)
    buy.close()

    # the questions and the error dialog
    box = w._ask_to_quit(w.tr("%n job(s) on the server (goes|go) on; Verging Desktop picks (it|them) up "
                              "at the next start and saves the result(s).", "", 2))
    _collect(box, found, loop)
    box.done(0)
    w._on_key_problem(w.tr("API key problem"))
    _settle(loop)
    for top in _open_windows():
        if top.objectName() == "keyProblemBox":
            _collect(top, found, loop)
            top.close()
    ctl.crash.report(RuntimeError("a test error"))
    run(loop, until(lambda: ctl.crash.dialog is not None and ctl.crash.dialog.isVisible(), 5, "the error dialog"))
    ctl.crash.dialog.message.setText(ctl.crash.dialog.tr("Something went wrong"))  # the error's own words are data
    _collect(ctl.crash.dialog, found, loop)
    ctl.crash.dialog.toggle.setChecked(True)
    ctl.crash.dialog.details.clear()
    _collect(ctl.crash.dialog, found, loop)
    ctl.crash.dialog.done(0)
    ctl.crash.dialog.count = 0

    # the welcome view
    w.show_welcome()
    _settle(loop)
    _collect(w, found, loop)
    w.show_tools()
    assert pseudo.asked > 0
    forgive_multimedia_noise(request)

    if os.environ.get("VERGING_I18N_WRITE_ALLOWLIST") == "1":
        write_allowlist(found)
    allowed = read_allowlist()
    strict = sorted(e for e in allowed | found if e[0] in STRICT)
    new = sorted(found - allowed)
    gone = sorted(allowed - found)
    report = []
    if strict:
        report.append("untranslated strings in files that must have none:\n" +
                      "\n".join(f"  {w_}\t{t}" for w_, t in strict))
    if new:
        report.append(f"{len(new)} visible string(s) not passing through translation (wrap them in tr()/_()):\n" +
                      "\n".join(f"  {w_}\t{t}" for w_, t in new))
    if gone:
        report.append(f"{len(gone)} allowlist entr(y/ies) no longer found: remove them from {ALLOWLIST.name}:\n" +
                      "\n".join(f"  {w_}\t{t}" for w_, t in gone))
    assert not report, "\n\n".join(report)


def test_the_marker_rule() -> None:
    """What counts as untranslated: letters outside the markers, data apart."""
    assert untranslated("Face Swap")
    assert untranslated("⟦Credits⟧: 12 files")
    assert not untranslated("⟦Credits⟧: 12")
    assert not untranslated("⟦Connected to http://127.0.0.1:8000/api/v1⟧")
    assert not untranslated("⟦Saved⟧ clip.mp4 → /tmp/out/clip.mp4")
    assert not untranslated("user@example.com · 1,500")
    assert not untranslated("⟦a ⟦nested⟧ text⟧")
    assert not untranslated("–")
    assert untranslated("⟦Generate⟧ Video")


def test_a_combo_of_api_names_still_shows_its_words(qapp: Any) -> None:
    """A combo marked ``i18nDataItems`` (model, voice, format names) skips only identifiers: a
    word or a sentence in it is still checked."""
    from PySide6.QtWidgets import QComboBox

    from tests.i18n.pseudo import widget_texts

    c = QComboBox()
    c.addItems(["gpt-4o-mini", "tts-1-hd", "mp3", "Automatic", "alloy (warm)"])
    assert set(widget_texts(c)) >= {"gpt-4o-mini", "Automatic"}  # not marked: every item is shown text
    c.setProperty("i18nDataItems", True)
    texts = [t for t in widget_texts(c) if t]
    assert "gpt-4o-mini" not in texts and "tts-1-hd" not in texts and "mp3" not in texts
    assert "Automatic" in texts and "alloy (warm)" in texts
