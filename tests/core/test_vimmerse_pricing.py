"""The Vimmerse price table: 5-second blocks, options and modes, quantities, scripts, overrides."""

from __future__ import annotations

import json

import pytest

from verging_desktop.api.vimmerse import (
    ESTIMATE_APP_NAMES,
    REQUEST_TYPES,
    App,
    AvatarRequest,
    EnhanceRequest,
    LipSyncRequest,
    ReferenceToVideoRequest,
    ReplaceBackgroundRequest,
    VideoEffectsRequest,
)
from verging_desktop.api.vimmerse.models import (
    EFFECT_OPTIONS,
    ENHANCE_MODES,
    LIP_SYNC_OPTIONS,
    REFERENCE_OPTIONS,
    V2V_OPTIONS,
)
from verging_desktop.core.errors import InputError
from verging_desktop.core.resources import resource_text
from verging_desktop.core.vimmerse_pricing import VimmersePricing, billed_media, estimate_body


@pytest.fixture
def p() -> VimmersePricing:
    return VimmersePricing.default()


def test_the_table_ships_with_the_package_and_says_what_it_is(p) -> None:
    text = resource_text("vimmerse_pricing.json")
    assert json.loads(text)["apps"]
    assert "not publish" in p.note and "edit them" in p.note and "the truth" in p.note
    assert not p.custom_file and p.source == "built-in"


def test_every_app_option_and_mode_has_a_price(p) -> None:
    for app in App:
        assert app in REQUEST_TYPES
        p.entry(app.app_name)  # raises when missing
        assert app.app_name in ("video-effects", "reference-to-video") or billed_media(app.app_name)
    for name in ESTIMATE_APP_NAMES:
        p.entry(name)
    for opts, app in ((LIP_SYNC_OPTIONS, "lip-sync"), (EFFECT_OPTIONS, "video-effects"),
                      (REFERENCE_OPTIONS, "reference-to-video"), (V2V_OPTIONS, "video-to-video")):
        for o in opts:
            assert p.credits(app, o, duration=5) > 0, (app, o)
    for m in ENHANCE_MODES:
        assert p.credits("enhance", mode=m, duration=5) > 0
    assert p.credits("upload-video") == p.credits("upload-image") == p.credits("upload-audio") == 0


def test_durations_are_billed_in_started_five_second_blocks(p) -> None:
    assert p.blocks(None) == p.blocks(0) == p.blocks(0.5) == p.blocks(5.0) == 1
    assert p.blocks(5.05) == 1  # a hair over (probe jitter) is not billed
    assert p.blocks(5.2) == 2 and p.blocks(10) == 2 and p.blocks(10.3) == 3
    assert p.credits("crop-to-aspect-ratio", duration=12) == 3
    assert p.credits("enhance", mode="4X", duration=6) == 20
    assert p.credits("enhance", duration=6) == 24  # the default mode, 4X&DeepClean


def test_quantities_and_options_multiply_where_they_matter(p) -> None:
    assert p.credits("video-effects", "PikaEffects", quantity=3) == 45
    assert p.credits("reference-to-video", "KlingO", quantity=2, duration=10) == 100
    assert p.credits("reference-to-video", quantity=1) == 25  # KlingO, one block
    assert p.credits("reframe", quantity=4, duration=5) == 10  # quantity means nothing here
    with pytest.raises(InputError, match="Choose one of"):
        p.credits("video-effects", "NoSuchModel")
    with pytest.raises(InputError, match="no prices for 'teleport'"):
        p.credits("teleport")


def test_a_spoken_text_is_billed_by_its_length(p) -> None:
    assert p.script_seconds("x" * 150) == 10
    assert p.credits("lip-sync", "AutoLipSync", prompt="x" * 150) == 20
    assert p.credits("lip-sync", "AutoLipSync", prompt="x" * 151) == 20  # 10.07 s: within the grace
    assert p.credits("lip-sync", "AutoLipSync", prompt="x" * 160) == 30
    assert p.credits("lip-sync", "AutoLipSync", prompt="x" * 150, duration=3) == 10  # audio wins
    assert p.credits("avatar-lip-sync", prompt="hello " * 20) == 16  # 120 chars, 8 s: 2 blocks x 8


def test_requests_price_like_their_estimate_credits_arguments(p) -> None:
    script = "y" * 100
    avatar = AvatarRequest(prompt=script)
    assert p.for_request(avatar, duration=None) == 16  # 100 chars / 15 = 6.7 s: 2 blocks x 8
    body = estimate_body(avatar, None)
    assert body["app_name"] == "lip-sync" and body["option"] == "Avatar"
    assert p.credits(body["app_name"], body["option"], duration=body["duration"], prompt=body["prompt"]) == \
        p.for_request(avatar, duration=None)
    lip = LipSyncRequest(image_url="https://h/i.png", audio_url="https://h/a.wav", audio_duration=11.0,
                         prompt="ignored")
    assert p.for_request(lip, duration=None) == 30  # 3 blocks x AutoLipSync 10, from audio_duration
    bg = ReplaceBackgroundRequest(video_url="https://h/v.mp4", bg_image_url="https://h/i.png")
    b = estimate_body(bg, 7.0)
    assert b["app_name"] == "replace-background-video" and b["duration"] == 7.0
    assert p.credits(b["app_name"], b["option"], duration=b["duration"]) == p.for_request(bg, duration=7.0) == 16
    ref = ReferenceToVideoRequest(image_urls=("https://h/i.png",), duration=12, quantity=2, option="Grok")
    assert p.for_request(ref, duration=99) == 60  # its own duration: 3 blocks x 10 x 2
    fx = VideoEffectsRequest(image_url="https://h/i.png", quantity=4, option="WanEffects")
    assert p.for_request(fx, duration=30) == 60
    assert p.for_request(EnhanceRequest(video_url="https://h/v.mp4", enhance_mode="DeepClean"), duration=9) == 8
    assert p.quote_request(fx, duration=None)[1] == {"app_name": "video-effects", "option": "WanEffects",
                                                    "per_result": 15.0, "quantity": 4}


def test_an_override_file_is_used_from_the_env_the_config_dir_or_a_path(tmp_path, monkeypatch) -> None:
    data = json.loads(resource_text("vimmerse_pricing.json"))
    data["apps"]["crop-to-aspect-ratio"]["credits"] = 4
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps(data))
    assert VimmersePricing.load(mine).credits("crop-to-aspect-ratio", duration=3) == 4
    assert VimmersePricing.load(mine).custom_file
    monkeypatch.setenv("VIMMERSE_PRICING_FILE", str(mine))
    assert VimmersePricing.load().credits("crop-to-aspect-ratio") == 4
    monkeypatch.delenv("VIMMERSE_PRICING_FILE")
    assert VimmersePricing.load().credits("crop-to-aspect-ratio") == 1
    from verging_desktop.core.settings import app_dirs

    (app_dirs().config / "vimmerse_pricing.json").write_text(json.dumps(data))
    assert VimmersePricing.load().credits("crop-to-aspect-ratio") == 4
    folder = tmp_path / "folder"
    folder.mkdir()
    assert VimmersePricing.load(folder).source == "built-in"  # a folder without the file
    (folder / "vimmerse_pricing.json").write_text(json.dumps(data))
    assert VimmersePricing.load(folder).credits("crop-to-aspect-ratio") == 4
    with pytest.raises(InputError, match="Cannot read"):
        VimmersePricing.load(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    with pytest.raises(InputError, match="no 'apps' section"):
        VimmersePricing.load(bad)


def test_a_file_that_cannot_be_used_is_one_plain_sentence(tmp_path) -> None:
    missing = tmp_path / "missing.json"
    with pytest.raises(InputError) as e:
        VimmersePricing.from_file(missing)
    assert str(e.value) == f"Cannot read the Vimmerse pricing file {missing}: there is no such file."
    with pytest.raises(InputError) as e:
        VimmersePricing.from_file(tmp_path)
    assert str(e.value) == f"Cannot read the Vimmerse pricing file {tmp_path}: it is a folder."
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "apps": {\n    "crop": 1,\n  }\n}\n')
    with pytest.raises(InputError) as e:
        VimmersePricing.from_file(broken, name="vimmerse_pricing.json")
    assert str(e.value) == "The Vimmerse pricing file vimmerse_pricing.json is not valid JSON (line 4, column 3)."
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"apps": {}, "note": "caf\xe9"}')
    with pytest.raises(InputError, match=r"is not UTF-8 text\.$"):
        VimmersePricing.from_file(latin)
