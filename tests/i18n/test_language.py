"""The interface language: the setting, the translators it installs, and the app in Chinese.

* ``ui/i18n.install("zh_CN")`` installs the app's catalogue and Qt's ``qtbase`` one (the standard
  buttons), sets the default QLocale and routes the core catalogue through them; "en" installs
  nothing; "system" follows the system;
* the Settings dialog offers Follow the system / English / 简体中文, stores the choice and says it
  takes effect at the next start;
* the real app started with ``language=zh_CN`` shows Chinese: its title, menus, sidebar, status
  bar, and in the converted files (the pseudo test's STRICT list) no English word is left but
  names (Verging Desktop, API, varg, URLs...).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.e2e.helpers import forgive_multimedia_noise
from tests.i18n.pseudo import walk
from tests.i18n.test_pseudo_translation import STRICT
from tests.ui.conftest import run, until
from verging_desktop.core import i18n as core_i18n
from verging_desktop.core.settings import Settings
from verging_desktop.ui import i18n
from verging_desktop.ui.settings_store import SettingsStore

#: the words that stay as they are in Chinese: names, and what the user types or reads as is
NAMES = re.compile(r"Verging|Desktop|Vimmerse|varg|API|URL|PySide\d?|Python|Qt|PNG|MP4|AI|Ctrl|Shift|Tab|PgUp|PgDown"
                   r"|Backtab|VERGING_BASE_URL|VIMMERSE_BASE_URL|VARG_BASE_URL|English|Keys|https?|Free|Pro"
                   r"|verging\.ai|api\.vimmerse\.net|api\.varg\.ai|vimmerse\.net|varg\.ai|Kling|Seedance|Wan")


@pytest.fixture
def no_translation_after(qapp: Any) -> Iterator[None]:
    yield
    i18n.uninstall()
    QLocale.setDefault(QLocale.system())


def test_chinese_installs_the_app_and_qt_catalogues(no_translation_after: None, qapp: Any) -> None:
    assert i18n.install("zh_CN") == "zh_CN"
    assert len(i18n.installed()) == 2, "the app's catalogue and qtbase's"
    assert core_i18n.preferred_language() == "zh_CN" and core_i18n.is_chinese()
    assert QLocale().name() == "zh_CN"
    assert QCoreApplication.translate("MainWindow", "Keep working") == "继续工作"
    assert core_i18n._("Face Swap") == "换脸"  # the core catalogue, through the hook
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert sorted(b.text() for b in box.buttons()) == sorted(["确定", "取消"])  # Qt's own words: qtbase_zh_CN
    from verging_desktop.ui.plural import credits

    assert credits(1500) == "1,500 积分" and credits(1) == "1 积分"
    # back to English: nothing installed, the core catalogue English again
    assert i18n.install("en") == "en"
    assert i18n.installed() == () and core_i18n._("Face Swap") == "Face Swap"
    assert QCoreApplication.translate("MainWindow", "Keep working") == "Keep working"


def test_following_the_system(no_translation_after: None, qapp: Any) -> None:
    assert i18n.resolve_language("zh_CN") == "zh_CN" and i18n.resolve_language("en") == "en"
    assert i18n.resolve_language("system") == i18n.system_language() in core_i18n.LANGUAGES
    assert i18n.resolve_language("klingon") == i18n.system_language()
    assert (i18n.translations_dir() / "verging_desktop_zh_CN.qm").is_file()


def test_the_setting_is_stored_and_a_bad_value_is_the_system(store: SettingsStore) -> None:
    store.save(Settings(language="zh_CN"))
    assert SettingsStore(store.q).load().language == "zh_CN"
    store.q.setValue("settings/language", "fr_FR")
    assert SettingsStore(store.q).load().language == "system"
    assert Settings().language == "system"


def test_the_settings_dialog_offers_the_languages(harness: Any, loop: Any, qtbot: Any, store: SettingsStore) -> None:
    ctl = harness.start("--sandbox")
    dlg = ctl.window.open_settings_dialog()
    combo = dlg.language
    assert [combo.itemData(i) for i in range(combo.count())] == ["system", "en", "zh_CN"]
    assert [combo.itemText(i) for i in range(combo.count())] == ["Follow the system", "English", "简体中文"]
    assert combo.currentData() == "system"
    assert "next time" in dlg.language_note.text()
    combo.setCurrentIndex(combo.findData("zh_CN"))
    assert "Restart" in dlg.language_note.text() and dlg.language_note.isEnabled()
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    assert ctl.session.settings.language == "zh_CN"
    assert SettingsStore(store.q).load().language == "zh_CN"
    # it takes effect at the next start, not now
    assert ctl.window.windowTitle().startswith("Verging Desktop") and "沙盒" not in ctl.window.windowTitle()


def _english_words(text: str) -> list[str]:
    rest = re.sub(r"<[^>]+>|\b[a-z][a-z0-9+.-]*://\S+|\S+@\S+|(?:[A-Za-z]:)?/\S+", " ", text)
    rest = NAMES.sub(" ", rest)
    return re.findall(r"[A-Za-z]{2,}", rest)


def test_the_app_in_chinese(no_translation_after: None, harness: Any, loop: Any, store: SettingsStore,
                            tmp_path: Path, request: Any) -> None:
    store.save(Settings(download_dir=str(tmp_path / "out"), language="zh_CN"))
    ctl = harness.start("--sandbox")
    w = ctl.window
    w.resize(1280, 800)
    run(loop, until(lambda: w.first_frame_done and hasattr(w, "act_goto"), 5, "the menus"))
    assert ctl.language == "zh_CN"
    assert w.windowTitle() == "Verging Desktop — 沙盒"
    assert [a.text() for a in w.menuBar().actions()] == ["文件(&F)", "视图(&V)", "账户(&A)", "帮助(&H)"]
    assert w.tabs.tabText(0) == "换脸" and w.tabs.nav.header_titles()[0] == "视频"
    run(loop, until(lambda: w.session.state == "sandbox", 10, "the sandbox"))
    # the pages are still reached by the registry's English titles and ids
    assert w.show_tool("face-swap") is not None and w.current_tool == "Face Swap"

    leftovers = []
    tops = [w]
    for open_dialog in (w.open_settings_dialog, w.show_about):
        tops.append(open_dialog())
    w.show_welcome()
    tops.append(w)
    ctl.crash.report(RuntimeError("x"))
    run(loop, until(lambda: ctl.crash.dialog is not None and ctl.crash.dialog.isVisible(), 5, "the error dialog"))
    ctl.crash.dialog.message.clear()
    ctl.crash.dialog.details.clear()
    tops.append(ctl.crash.dialog)
    for top in tops:
        for where, text in walk(top):
            if where in STRICT and _english_words(text):
                leftovers.append(f"{where}\t{text!r}: {_english_words(text)}")
    ctl.crash.dialog.done(0)
    ctl.crash.dialog.count = 0
    # texts kept in tables below ui/ and shown when a choice is made (not in the first paint):
    # a varg model's summary under Generate Video, the Sound tab's attach modes
    from PySide6.QtWidgets import QComboBox, QLabel
    w.show_tool("generate-video")
    w.show_tool("sound")
    run(loop, until(lambda: w.findChild(QLabel, "vargModelHelp") is not None, 5, "the varg model help"))
    help_label = w.findChild(QLabel, "vargModelHelp")
    assert help_label.text() and not _english_words(help_label.text().replace("Kling", "")), help_label.text()
    attach = next(c for c in w.findChildren(QComboBox) if c.findData("MatchVideo") >= 0)
    shown = [attach.itemText(i) for i in range(attach.count())]
    assert shown and all(not _english_words(t) for t in shown), shown
    w.show_tools()
    forgive_multimedia_noise(request)
    assert not leftovers, "English left in the converted files under zh_CN:\n" + "\n".join(sorted(set(leftovers)))


def test_the_chinese_layouts_fit(no_translation_after: None, harness: Any, loop: Any, store: SettingsStore,
                                 tmp_path: Path, request: Any) -> None:
    """At the Chinese texts' widths nothing is clipped, overlapping or cut off (tests/ui/layout_check.py):
    every tool tab with the sidebar, the status bar and the Job Queue, the welcome view and the converted dialogs."""
    from tests.ui.layout_check import format_problems, layout_problems
    from verging_desktop.core.tools import TOOLS

    store.save(Settings(download_dir=str(tmp_path / "out"), language="zh_CN"))
    ctl = harness.start("--sandbox")
    w = ctl.window
    w.resize(1280, 800)
    run(loop, until(lambda: w.first_frame_done and hasattr(w, "act_goto"), 5, "the menus"))
    run(loop, until(lambda: w.session.state == "sandbox", 10, "the sandbox"))
    problems = []
    for spec in TOOLS:
        w.show_tool(spec.id)
        page = w.pages[spec.title]
        run(loop, until(lambda page=page: page.content is not None, 10, spec.title))
        run(loop, _pause(0.2))
        found = _chinese(layout_problems(w))
        if found:
            problems.append(format_problems(found, f"zh_CN {spec.title}"))
    dialogs = [w.open_settings_dialog(), w.open_keys_dialog()]
    from verging_desktop.ui.dialogs.buy_credits import buy_credits

    dialogs.append(buy_credits(w, open_url=lambda _url: False))
    run(loop, _pause(0.3))
    for dlg in dialogs:
        found = _chinese(layout_problems(dlg))
        if found:
            problems.append(format_problems(found, f"zh_CN {dlg.objectName()}"))
        dlg.close()
    w.show_welcome()
    run(loop, _pause(0.2))
    found = _chinese(layout_problems(w))
    if found:
        problems.append(format_problems(found, "zh_CN welcome"))
    w.show_tools()
    forgive_multimedia_noise(request)
    assert not problems, "\n".join(problems)


_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")


def _chinese(problems: list[Any]) -> list[Any]:
    """The problems of Chinese text (overlaps and cut-off controls whatever their text): the English
    strings still on the allowlist are tests/ui/test_layout.py's."""
    return [p for p in problems if p.kind in ("overlap", "cut-off") or _CJK.search(p.detail + " ".join(p.widgets))]


async def _pause(seconds: float) -> None:
    import asyncio

    await asyncio.sleep(seconds)


def test_below_ui_sentences_follow_the_language(no_translation_after: None, qapp: Any, tmp_path: Path) -> None:
    """A sentence made below ui/ (the Speech to Text plan, a refusal) comes out in Chinese with its
    figures kept, and exactly the English one without a translation."""
    import asyncio

    from verging_desktop.core.errors import InputError
    from verging_desktop.services.stt import SPLIT, SttPlan
    from verging_desktop.services.vision import prepare_image

    plan = SttPlan(tmp_path / "talk.wav", 3600.0, 200_000_000, "wav", False, SPLIT, 25_000_000, bitrate=32_000,
                   part_seconds=1800.0, parts=2, send_bytes=14_400_000, estimates=[30, 30])
    english = plan.describe()
    assert english.startswith("talk.wav lasts ") and "split into 2 parts" in english
    assert english.endswith("Estimated cost: 60 credits (30 + 30, each part is billed on its own).")
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    assert i18n.install("zh_CN") == "zh_CN"
    chinese = plan.describe()
    assert "talk.wav" in chinese and "分成 2 段" in chinese and chinese.endswith("预估费用：60 积分（30 + 30，每段单独计费）。")
    assert not re.search(r"[A-Za-z]{4,}", chinese.replace("talk.wav", "").replace("kbps", "")), chinese
    with pytest.raises(InputError) as e:
        asyncio.run(prepare_image(clip, tmp_path / "work"))
    assert str(e.value) == "clip.mp4 是视频，不是图片。请选择一张图片。"


def test_a_stored_job_error_is_shown_in_chinese(no_translation_after: None, qapp: Any, qtbot: Any,
                                               tmp_path: Path) -> None:
    """A job whose stored error is one of the queues' texts is shown in Chinese (``error_text``: what the
    result panels, the tools' rows and the Job Queue's tooltip show); the database keeps the English."""
    from verging_desktop.core.stored_text import stored
    from verging_desktop.jobs.results import DOWNLOAD_FAILED
    from verging_desktop.jobs.store import JobStore, LocalStatus
    from verging_desktop.jobs.varg_rules import UNKNOWN_STOPPED
    from verging_desktop.jobs.words import error_text

    store = JobStore(tmp_path / "jobs.db")
    rec = store.add(provider="varg", kind="varg-video", input_name="a.mp4")
    rec = store.update(rec.local_id, status=LocalStatus.UNKNOWN, error=UNKNOWN_STOPPED)
    other = store.add(provider="verging", kind="face-swap", input_name="b.mp4")
    other = store.update(other.local_id, status=LocalStatus.FAILED, error=stored(DOWNLOAD_FAILED, reason="HTTP 404"))
    assert i18n.install("zh_CN") == "zh_CN"
    assert error_text(rec).startswith("发送此任务时应用停止了，varg 尚未返回任务 ID") and "`verging varg usage`" in error_text(rec)
    assert error_text(other) == "下载失败：HTTP 404"
    assert store.get(other.local_id).error == "Download failed: HTTP 404"  # stored in English
    store.close()
