"""The Lip Sync tab's Qt-free logic: the result's length, the requests it builds, the ids it remembers."""

from __future__ import annotations

import json

import pytest

from verging_desktop.api.vimmerse.models import App, request_from_params, request_params
from verging_desktop.core.errors import InputError
from verging_desktop.services import vimmerse_lip_sync as ls


def test_speech_time_of_a_text() -> None:
    from verging_desktop.core.vimmerse_pricing import VimmersePricing

    assert ls.speech_seconds("") == 0.0 and ls.speech_seconds("   \n ") == 0.0
    text = "  " + "word " * 30
    assert ls.speech_seconds(text) == pytest.approx(149 / 15)
    # the same rule as the price table bills a script by
    assert ls.speech_seconds(text) == pytest.approx(VimmersePricing.default().script_seconds(text))


def test_result_length_prefers_the_audio() -> None:
    assert ls.result_length(audio_seconds=7.25, text="ignored").describe() == "Result: 7.2 s (the audio's length)"
    r = ls.result_length(audio_seconds=None, text="x" * 150)
    assert r.source == "text" and r.seconds == pytest.approx(10.0)
    assert r.describe() == "Result: about 10.0 s (estimated speech time)"
    assert ls.result_length(audio_seconds=None, text="").source == ""
    assert ls.fmt_length(65) == "1:05" and ls.billed_blocks(10.0) == 2 and ls.billed_blocks(10.2) == 3


def test_a_lip_sync_request_from_an_image_and_audio() -> None:
    req = ls.lip_sync_request(face="/m/face.png", face_kind="image", audio="/m/voice.wav", text="also typed",
                              option="KlingAvatar", audio_seconds=3.0)
    assert req.app is App.LIP_SYNC
    assert req.media() == {"image_url": ("/m/face.png",), "audio_url": ("/m/voice.wav",)}
    body = req.body()
    assert body["option"] == "KlingAvatar" and body["prompt"] == "" and body["audio_duration"] == 3.0
    assert request_from_params(App.LIP_SYNC, request_params(req)) == req


def test_a_lip_sync_request_from_a_video_and_text() -> None:
    req = ls.lip_sync_request(face="/m/talk.mp4", face_kind="video", text="  Hello there  ", voice="Aria")
    assert req.video_url == "/m/talk.mp4" and not req.image_url and not req.audio_url
    assert req.prompt == "Hello there" and req.voice == "Aria" and req.video_duration is None


@pytest.mark.parametrize(("kw", "words"), [
    ({"face": "", "face_kind": "image", "audio": "a.wav"}, "portrait image or a video"),
    ({"face": "f.png", "face_kind": "image"}, "audio file, or type the text"),
    ({"face": "f.png", "face_kind": "image", "text": "hi", "voice": "Nobody"}, "not a Vimmerse voice"),
    ({"face": "f.png", "face_kind": "image", "text": "hi", "option": "Magic"}, "not a lip-sync option"),
    ({"face": "f.png", "face_kind": "image", "text": "x" * (ls.MAX_TEXT_CHARS + 1)}, "at most"),
])
def test_bad_lip_sync_input_is_refused_in_words(kw: dict[str, str], words: str) -> None:
    with pytest.raises(InputError, match=words):
        ls.lip_sync_request(**kw)  # type: ignore[arg-type]


def test_an_avatar_request() -> None:
    req = ls.avatar_request(avatar_id=" anna_01 ", voice_id="v-42", script="Welcome to the shop.",
                            aspect_ratio="9:16", captions=False, background="/m/bg.jpg")
    assert req.app is App.AVATAR and req.avatar_id == "anna_01" and req.voice_id == "v-42"
    assert req.show_caption == "Off" and req.aspect_ratio == "9:16"
    assert req.media() == {"bg_image_url": ("/m/bg.jpg",)}
    # a script without a voice id: Vimmerse picks (AutoV); audio needs no voice
    assert ls.avatar_request(avatar_id="a", script="Hi").voice_id == "AutoV"
    assert ls.avatar_request(avatar_id="a", audio="/m/a.wav").voice_id == ""
    with pytest.raises(InputError, match="Type the avatar id"):
        ls.avatar_request(avatar_id=" ", script="Hi")
    with pytest.raises(InputError, match="does not look like a avatar id|does not look like"):
        ls.avatar_request(avatar_id="two words", script="Hi")
    with pytest.raises(InputError, match="script"):
        ls.avatar_request(avatar_id="a")
    with pytest.raises(InputError, match="1:1, 16:9, 9:16"):
        ls.avatar_request(avatar_id="a", script="Hi", aspect_ratio="4:5")


def test_recent_ids_are_remembered_newest_first(tmp_path) -> None:
    path = tmp_path / "cfg" / "vimmerse_recent_ids.json"
    r = ls.RecentIds(path)
    assert r.get("avatar") == []
    for v in ("a1", "a2", "a1", "bad id", ""):
        r.add("avatar", v)
    r.add("voice", "v9")
    assert r.get("avatar") == ["a1", "a2"] and r.get("voice") == ["v9"]
    again = ls.RecentIds(path)
    assert again.get("avatar") == ["a1", "a2"]
    for i in range(20):
        again.add("voice", f"v{i}")
    assert len(again.get("voice")) == ls.RecentIds.LIMIT and again.get("voice")[0] == "v19"
    again.forget("avatar", "a2")
    assert ls.RecentIds(path).get("avatar") == ["a1"]
    assert not list(path.parent.glob(".recent-*"))  # no temporary file left behind


def test_a_damaged_recent_file_is_an_empty_list(tmp_path) -> None:
    path = tmp_path / "recent.json"
    path.write_text("{not json")
    assert ls.RecentIds(path).get("voice") == []
    path.write_text(json.dumps({"avatar": ["ok", 5, "not ok"], "voice": "x"}))
    r = ls.RecentIds(path)
    assert r.get("avatar") == ["ok"] and r.get("voice") == []
