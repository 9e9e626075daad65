"""Stored job texts (core.stored_text): the English stored is exactly today's, and shown() gives
the interface's language with the arguments kept; a text that is not ours comes back unchanged."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from verging_desktop.core import i18n
from verging_desktop.core import stored_text as st
from verging_desktop.jobs import results, varg_queue, varg_rules, vimmerse_queue, vimmerse_rules


@pytest.fixture(autouse=True)
def clean() -> Iterator[None]:
    yield
    i18n.set_translator(None)


def test_the_english_stored_is_unchanged() -> None:
    assert st.stored(results.DOWNLOAD_FAILED, reason="HTTP 404") == "Download failed: HTTP 404"
    assert st.stored(varg_queue.CANCELLED_NOT_CREATED, reason="Too many jobs.") == (
        "Cancelled; varg did not create it: Too many jobs. Nothing was charged.")
    assert vimmerse_rules.unknown_text(RuntimeError("x")).startswith(
        "Sending failed in an unexpected way (RuntimeError): this job may have been created on Vimmerse; ")
    assert varg_rules.UNKNOWN_NO_ID.endswith("Check your usage at varg.ai (or `verging varg usage`) before sending it again.")
    with pytest.raises(KeyError):
        st.stored("Not registered: {x}", x=1)


def test_every_template_round_trips_in_english() -> None:
    for tpl in (results.DOWNLOAD_FAILED, varg_queue.NOT_SENT, results.NOTHING_CHARGED, varg_queue.NOT_CREATED,
                varg_queue.CANCELLED_NOT_CREATED, varg_queue.TRANSCRIPT_UNREADABLE, vimmerse_queue.STOPPED_NOT_CREATED,
                vimmerse_queue.CREATED_NOT_WATCHED, vimmerse_rules.UNKNOWN_AFTER, varg_rules.UNKNOWN_UNEXPECTED):
        names = st._FIELD.findall(tpl)
        text = st.stored(tpl, **{n: f"<{n} 1>" for n in names})
        assert st.shown(text) == text  # no translator: exactly what was stored


def test_shown_translates_the_template_and_keeps_its_arguments() -> None:
    zh = {"Download failed: {reason}": "下载失败：{reason}",
          "Cancelled; varg did not create it: {reason} Nothing was charged.": "已取消；varg 未创建：{reason} 未扣费。",
          "{reason} Nothing was charged.": "{reason} 未扣费。",
          "Cancelled on varg.": "已在 varg 上取消。"}
    i18n.set_translator(lambda msgid, d, n: zh.get(msgid, ""))
    assert st.shown("Download failed: HTTP 404 (https://x/y.mp4)") == "下载失败：HTTP 404 (https://x/y.mp4)"
    # the template with more fixed text wins over the shorter one that also matches
    assert st.shown("Cancelled; varg did not create it: Busy. Nothing was charged.") == "已取消；varg 未创建：Busy. 未扣费。"
    assert st.shown("Offline. Nothing was charged.") == "Offline. 未扣费。"
    assert st.shown("Cancelled on varg.") == "已在 varg 上取消。"  # a fixed text: by its exact English
    assert st.shown("Quota exceeded for model kling") == "Quota exceeded for model kling"  # the API's own words
    assert st.shown(None) == "" and st.shown("") == ""


def test_a_broken_translation_never_hides_the_message() -> None:
    i18n.set_translator(lambda msgid, d, n: "下载失败：{wrong}" if msgid == "Download failed: {reason}" else "")
    assert st.shown("Download failed: HTTP 500") == "Download failed: HTTP 500"


def test_a_template_names_each_placeholder_once() -> None:
    with pytest.raises(ValueError):
        st.template("{a} and {a}")
