"""The Qt-free layers' catalogue (verging_desktop.core.i18n): English without a hook, the hook's
text with one, counts finished for English, and the API's zh message picked by the language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from verging_desktop.api.verging.wire import message_text
from verging_desktop.core import i18n
from verging_desktop.core.i18n import N_, _, n_


@pytest.fixture(autouse=True)
def clean() -> Iterator[None]:
    yield
    i18n.set_translator(None)
    i18n.set_preferred_language("en")


def test_without_a_hook_the_english_is_shown() -> None:
    assert _("Saved {name}.").format(name="a.mp4") == "Saved a.mp4."
    assert N_("Custom") == "Custom"
    assert n_("%n job(s)", 1) == "1 job"
    assert n_("%n job(s) (is|are) waiting", 3) == "3 jobs are waiting"
    assert n_("%n job(s)", 1500) == "1,500 jobs"


def test_the_hook_translates_and_gets_the_count() -> None:
    asked = []

    def hook(msgid: str, disamb: str | None, n: int) -> str:
        asked.append((msgid, disamb, n))
        return {"Custom": "自定义", "%n job(s)": f"{n} 个任务"}.get(msgid, "")

    i18n.set_translator(hook)
    assert _("Custom") == "自定义"
    assert _("Not in the catalogue", "a note") == "Not in the catalogue"  # no translation: the English
    assert n_("%n job(s)", 3) == "3 个任务"
    assert ("Not in the catalogue", "a note", -1) in asked and ("%n job(s)", None, 3) in asked


def test_a_failing_hook_never_breaks_the_message() -> None:
    def hook(msgid: str, disamb: str | None, n: int) -> str:
        raise RuntimeError("broken")

    i18n.set_translator(hook)
    assert _("Custom") == "Custom" and n_("%n job(s)", 2) == "2 jobs"


@pytest.mark.parametrize(("lang", "expected"), [("zh_CN", "zh_CN"), ("zh-Hans-CN", "zh_CN"), ("zh_TW.UTF-8", "zh_CN"),
                                                ("en_GB", "en"), ("de", "en"), ("", "en"), (None, "en")])
def test_languages_are_normalized(lang: str | None, expected: str) -> None:
    assert i18n.normalize_language(lang) == expected


def test_the_api_message_follows_the_interface_language() -> None:
    m = {"en": "Insufficient credits", "zh": "积分不足"}
    assert message_text(m) == "Insufficient credits"
    i18n.set_preferred_language("zh_CN")
    assert message_text(m) == "积分不足"
    assert message_text({"en": "Only English"}) == "Only English"  # no zh text: the English one
    assert message_text("plain") == "plain" and message_text(None) == ""
    i18n.set_preferred_language("en")
    assert message_text({"zh": "只有中文"}) == "只有中文"  # whatever the server sent, rather than nothing
