"""core/varg_models.py and core/varg_pricing.py: the catalogue (provider:model names, durations,
aspect ratios), the price table's cents per unit, the pricing route's v2 answer overlaid, and a
user's own table with its error messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from verging_desktop.core.errors import InputError
from verging_desktop.core.varg_models import (
    DEFAULTS,
    JOB_KINDS,
    MODELS,
    Capability,
    find_model,
    kind_capability,
    model_names,
    models_for,
    parse_aspect,
)
from verging_desktop.core.varg_pricing import ENV_FILE, FILE_NAME, UNITS, VargPricing


@pytest.fixture(autouse=True)
def _no_pricing_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_FILE, raising=False)


# -- the catalogue ----------------------------------------------------------------------------------
def test_find_model_takes_provider_colon_model_and_any_case() -> None:
    k = find_model("kling-v2.5")
    assert k is not None and k.capability is Capability.VIDEO and k.upstream == "fal" and k.byok == "fal"
    assert find_model("fal:kling-v2.5") is k
    assert find_model("  FAL:Kling-V2.5 ") is k
    assert find_model("replicate:kling-v2.5") is None      # the wrong provider is not this model
    assert find_model("kling-v9") is None and find_model("") is None
    assert k.qualified == "fal:kling-v2.5" and k.upstream_name == "fal.ai"
    assert find_model("elevenlabs:eleven_v3") is find_model("eleven_v3")
    seed = find_model("piapi:seedance-2-preview")
    assert seed is not None and seed.byok is None    # varg takes no key for PiAPI
    assert find_model("background-remover").kind == "varg-background-removal"  # type: ignore[union-attr]


def test_durations_each_model_takes() -> None:
    k = find_model("kling-v2.5")
    assert k is not None and k.durations == (5, 10) and k.default_duration == 5
    assert k.accepts_duration(5) and k.accepts_duration(10.0) and not k.accepts_duration(7)
    mm = find_model("minimax")
    assert mm is not None and mm.accepts_duration(6) and not mm.accepts_duration(5) and mm.default_duration == 6
    music = find_model("music_v1")
    assert music is not None and music.default_duration == 30
    assert music.accepts_duration(10) and music.accepts_duration(300) and music.accepts_duration(42.5)
    assert not music.accepts_duration(9.9) and not music.accepts_duration(301)
    # every default duration is one the model takes
    for m in MODELS:
        if m.default_duration is not None:
            assert m.accepts_duration(m.default_duration), m.id


def test_parse_aspect() -> None:
    assert parse_aspect("16:9") == (16, 9)
    assert parse_aspect(" 9 : 16 ") == (9, 16)
    assert parse_aspect("21:9") == (21, 9)
    for bad in ("16x9", "16:", ":9", "0:1", "1:0", "-1:1", "1.5:1", "a:b", "", "16:9:1"):
        assert parse_aspect(bad) is None, bad


def test_kinds_capabilities_and_defaults() -> None:
    assert kind_capability("varg-background-removal") is Capability.IMAGE
    assert kind_capability("varg-transcription") is Capability.TRANSCRIPTION
    assert {kind_capability(k) for k in JOB_KINDS} == set(Capability)
    with pytest.raises(KeyError):
        kind_capability("varg-3d")
    for route, mid in DEFAULTS.items():
        assert find_model(mid) is not None, route
    assert Capability.VIDEO.route == "/video"
    assert "sync-v2" not in model_names(Capability.VIDEO)            # lip sync is left out unless asked
    assert any(m.id == "sync-v2" for m in models_for(Capability.VIDEO, include_lip_sync=True))
    assert model_names(Capability.IMAGE, kind="varg-image") == "flux-schnell, flux-pro, nano-banana-pro, recraft-v3, soul"


# -- the built-in table -------------------------------------------------------------------------------
def test_every_model_has_a_price_in_a_known_unit() -> None:
    p = VargPricing.default()
    assert p.source == "built-in" and not p.custom_file and "cache hit" in p.note
    for m in MODELS:
        e = p.entry(m.id)
        assert e is not None and e[0] in UNITS and e[1] > 0, m.id


def test_cents_per_unit() -> None:
    p = VargPricing.default()
    assert p.entry("fal:kling-v2.5") == ("second", 7)
    # per second of the result
    assert p.cents("kling-v2.5", seconds=5) == 35
    assert p.cents("kling-v2.5", seconds=10) == 70
    assert p.cents("kling-v2.5") is None                # no duration: not known yet
    assert p.cents("music_v1", seconds=30) == 30
    # per image
    assert p.cents("flux-schnell") == 1 and p.cents("nano-banana-pro", images=2) == 30
    assert p.cents("recraft-v3", images=0) == 4         # at least one image
    # per started 1,000 characters, at least one block
    assert p.cents("eleven_v3", chars=1) == 30 and p.cents("eleven_v3", chars=0) == 30
    assert p.cents("eleven_v3", chars=1000) == 30 and p.cents("eleven_v3", chars=1001) == 60
    assert p.cents("eleven_v3") is None
    # per started minute of audio, at least one
    assert p.cents("whisper", seconds=1) == 1 and p.cents("whisper", seconds=60) == 1
    assert p.cents("whisper", seconds=61) == 2 and p.cents("whisper") is None
    # unknown models
    assert p.cents("kling-v9", seconds=5) is None and p.entry("kling-v9") is None


# -- the pricing route ----------------------------------------------------------------------------------
def test_with_route_reads_the_v2_shape() -> None:
    answer = {"data": [
        {"model": "fal:kling-v2.5", "tool": "video",
         "providers": [{"provider": "fal", "model_key": "fal-ai/kling", "user_price_estimate_cents": 42}]},
        {"model": "flux-pro", "tool": "image", "providers": [{"provider": "fal", "user_price_estimate_cents": "5.5"}]},
        {"model": "eleven_v3", "providers": [{"provider": "elevenlabs"}, {"user_price_estimate_cents": 25}]},
        {"model": "ltx", "providers": [{"user_price_estimate_cents": -3}]},          # unreadable: skipped
        {"model": "wan-2.5", "providers": [{"user_price_estimate_cents": True}]},   # unreadable: skipped
        {"model": "", "providers": [{"user_price_estimate_cents": 1}]},
        "not a row",
    ]}
    base = VargPricing.default()
    p = base.with_route(answer)
    assert p.route_cents("kling-v2.5") == 42 and p.route_cents("fal:kling-v2.5") == 42
    assert p.route_cents("flux-pro") == 5.5 and p.route_cents("eleven_v3") == 25
    assert p.route_cents("ltx") is None and p.route_cents("wan-2.5") is None
    assert base.route_cents("kling-v2.5") is None         # the original table is unchanged
    assert p.cents("kling-v2.5", seconds=5) == 35         # the table's own figure stays the table's
    # the flat list forms are read too; anything else gives no route figures
    flat = base.with_route([{"model": "soul", "price_cents": 4}, {"model": "minimax", "cents": 30}])
    assert flat.route_cents("soul") == 4 and flat.route_cents("minimax") == 30
    for junk in (None, "text", 3, {"data": "x"}, {"other": []}):
        assert base.with_route(junk).route == {}


# -- a user's own table -----------------------------------------------------------------------------------
def test_a_users_file_overrides_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps({"models": {"kling-v2.5": {"unit": "second", "cents": 9},
                                           "flux-pro": {"unit": "image", "cents": "x"},
                                           "soul": {"unit": "banana", "cents": 3}}}))
    p = VargPricing.load(mine)
    assert p.source == str(mine) and p.custom_file
    assert p.cents("kling-v2.5", seconds=10) == 90
    assert p.entry("flux-pro") is None and p.entry("soul") is None   # unreadable entries count as unknown
    assert p.cents("ltx", seconds=5) is None                          # not in the user's file
    # by the environment, and from the config folder
    monkeypatch.setenv(ENV_FILE, str(mine))
    assert VargPricing.load().cents("kling-v2.5", seconds=5) == 45
    monkeypatch.delenv(ENV_FILE)
    from verging_desktop.core.settings import app_dirs

    assert VargPricing.load().source == "built-in"
    cfg = app_dirs().config / FILE_NAME
    cfg.write_text(json.dumps({"models": {"kling-v2.5": {"unit": "second", "cents": 8}}}))
    assert VargPricing.load().cents("kling-v2.5", seconds=5) == 40
    # a folder: its varg_pricing.json, or the built-in table when it has none
    folder = tmp_path / "prices"
    folder.mkdir()
    assert VargPricing.load(folder).source == "built-in"
    (folder / FILE_NAME).write_text(mine.read_text())
    assert VargPricing.load(folder).cents("kling-v2.5", seconds=5) == 45


def test_a_users_file_that_cannot_be_used_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def why(path: Path) -> str:
        with pytest.raises(InputError) as e:
            VargPricing.load(path)
        msg = str(e.value)
        assert "\n" not in msg and msg.endswith(".") and str(path) in msg, msg
        return msg

    gone = tmp_path / "gone.json"
    assert why(gone) == f"Cannot read the varg pricing file {gone}: there is no such file."
    bad = tmp_path / "bad.json"
    bad.write_text('{"models": {\n  "kling-v2.5": }\n}')
    assert why(bad) == f"The varg pricing file {bad} is not valid JSON (line 2, column 17)."
    empty = tmp_path / "empty.json"
    empty.write_text('{"prices": {}}')
    assert why(empty) == f"The varg pricing file {empty} has no 'models' section."
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"models": {}, "note": "\xe9t\xe9"}')
    assert why(latin) == f"The varg pricing file {latin} is not UTF-8 text."
    listed = tmp_path / "list.json"
    listed.write_text("[1, 2]")
    assert "has no 'models' section" in why(listed)
    # the environment variable names a file that is not there: said, not silently ignored
    monkeypatch.setenv(ENV_FILE, str(gone))
    with pytest.raises(InputError, match="there is no such file"):
        VargPricing.load()
    with pytest.raises(InputError, match="no 'models' section"):
        VargPricing({"models": []})
