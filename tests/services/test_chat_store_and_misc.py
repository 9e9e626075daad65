"""Chat storage, subtitles, error lines and vision image preparation."""

from __future__ import annotations

import asyncio
import json
import os
import time

import pytest

from tests.conftest import make_image
from verging_desktop.api.verging.models import Segment
from verging_desktop.core.errors import (
    ContentPolicyRefused,
    InputError,
    InsufficientCredits,
    RateLimited,
    ServiceUnavailable,
    UpstreamError,
)
from verging_desktop.core.filetypes import sniff
from verging_desktop.core.pricing import Pricing
from verging_desktop.services import vision
from verging_desktop.services.chat_store import ChatStore, Message, estimate_reply
from verging_desktop.services.errors import can_retry, error_line, retry_wait
from verging_desktop.services.subtitles import timestamp, to_srt, to_vtt


def test_store_round_trip_list_rename_delete(tmp_path) -> None:
    store = ChatStore(tmp_path / "chats")
    assert store.list() == []
    a = store.new(system="Be brief.", temperature=0.3, max_tokens=200)
    a.messages += [Message("user", "What is a lighthouse for?"), Message("assistant", "Ships.", credits=1,
                                                                          prompt_tokens=9, completion_tokens=1)]
    a.auto_title()
    store.save(a)
    time.sleep(0.01)
    b = store.new()
    b.messages.append(Message("user", "second"))
    store.save(b)
    listed = store.list()
    assert [s.id for s in listed] == [b.id, a.id]
    assert listed[1].title == "What is a lighthouse for?" and listed[1].credits == 1
    loaded = store.load(a.id)
    assert loaded.system == "Be brief." and loaded.max_tokens == 200 and loaded.messages[1].completion_tokens == 1
    assert loaded.api_messages("next") == [
        {"role": "system", "content": "Be brief."}, {"role": "user", "content": "What is a lighthouse for?"},
        {"role": "assistant", "content": "Ships."}, {"role": "user", "content": "next"}]
    store.rename(a.id, "  Lighthouses  ")
    assert store.load(a.id).title == "Lighthouses"
    loaded = store.load(a.id)
    loaded.auto_title()
    assert loaded.title == "Lighthouses"  # a chosen name is kept
    with pytest.raises(InputError):
        store.rename(a.id, "   ")
    store.delete(a.id)
    assert [s.id for s in store.list()] == [b.id]
    with pytest.raises(InputError):
        store.load("../../etc/passwd")


def test_store_never_writes_a_key_and_writes_atomically(tmp_path) -> None:
    store = ChatStore(tmp_path)
    c = store.new()
    c.messages.append(Message("user", "my key is vrg_sk_live_abcdefghijklmnop, keep it"))
    path = store.save(c)
    raw = path.read_text("utf-8")
    assert "vrg_sk_live_abcdefghijklmnop" not in raw and "vrg_sk_live…" in raw
    assert json.loads(raw)["version"] == 1
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary files left
    (tmp_path / ("0" * 32 + ".json")).write_text("{broken")
    assert [s.id for s in store.list()] == [c.id]  # unreadable files are skipped


def test_estimate_reply_uses_the_table() -> None:
    p = Pricing.default()
    msgs = [{"role": "user", "content": "x" * 40000}]
    assert estimate_reply(p, msgs, 100) == p.chat(10001, 100).credits
    assert estimate_reply(p, [{"role": "user", "content": "hi"}], None) == 1


def test_subtitles() -> None:
    segs = [Segment(0, 1.5, " Hello "), Segment(61.25, 3725.0, "World"), Segment(5, 6, "  ")]
    assert timestamp(3725.0) == "01:02:05,000" and timestamp(1.5, vtt=True) == "00:00:01.500"
    assert to_srt(segs) == ("1\n00:00:00,000 --> 00:00:01,500\nHello\n\n"
                            "2\n00:01:01,250 --> 01:02:05,000\nWorld\n")
    assert to_vtt(segs).startswith("WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nHello\n")


def test_error_lines() -> None:
    e = InsufficientCredits("x", required=5, available=2)
    assert error_line(e) == ("Not enough credits: this needs 5 credits and your balance is 2. "
                             "Buy credits on verging.ai, then retry.")
    r = RateLimited("slow", reset_at=time.time() + 30)
    assert "wait 30 s" in error_line(r) or "wait 29 s" in error_line(r)
    assert 28 < retry_wait(r) <= 30
    assert "(502)" in error_line(UpstreamError("x", status=502))
    assert "(503)" in error_line(ServiceUnavailable("x", status=503))
    assert not can_retry(ContentPolicyRefused("no")) and not can_retry(InputError("empty"))
    assert can_retry(r) and can_retry(e)
    assert error_line(ValueError("boom vrg_sk_secret_value_123")).startswith("Unexpected error: ValueError")
    assert "vrg_sk_secret_value_123" not in error_line(ValueError("boom vrg_sk_secret_value_123"))


def test_vision_prepare_and_estimates(ffmpeg, tmp_path) -> None:
    png = make_image(ffmpeg, tmp_path / "a.png", size="600x400")
    prep = asyncio.run(vision.prepare_image(png, tmp_path / "work"))
    assert prep.path == png and not prep.converted
    bmp = make_image(ffmpeg, tmp_path / "b.bmp", size="300x200")
    assert sniff(bmp) == "bmp"
    prep = asyncio.run(vision.prepare_image(bmp, tmp_path / "work"))
    assert prep.converted and prep.kind == "png" and sniff(prep.path) == "png"
    txt = tmp_path / "t.tiff"
    txt.write_bytes(b"II*\x00garbage" * 10)
    with pytest.raises(InputError, match="could not be converted"):
        asyncio.run(vision.prepare_image(txt, tmp_path / "work"))
    assert vision.image_tokens(600, 400) == 85 + 170 * 2 and vision.image_tokens(None, None) == 1000
    assert vision.is_url("https://example.com/a.png") and not vision.is_url("/tmp/a.png")
    p = Pricing.default()
    assert vision.estimate(p, "what?", 300, 600, 400) == p.vision(2 + 425, 300).credits
    assert os.path.exists(tmp_path / "work")
