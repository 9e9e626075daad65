"""services/varg_cost.py: estimates in cents from the pricing route's figure, the local table or
nothing; BYOK and "probably from cache" bill 0; the words shared by the tabs and the CLI."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from tests.conftest import make_audio, make_image
from verging_desktop.api.varg.models import CacheMode, VargRequest
from verging_desktop.core.varg_pricing import VargPricing
from verging_desktop.jobs.store import JobRecord, LocalStatus
from verging_desktop.services.varg_cache import SeenRequests, hashes_of, request_key
from verging_desktop.services.varg_cost import ROUTE, TABLE, VargCost, VargEstimate, cents_text, outcome_text


def video(**kw) -> VargRequest:
    return VargRequest(**{"kind": "varg-video", "model": "kling-v2.5", "prompt": "a red fox", **kw})


def route_answer(**cents: float) -> dict:
    return {"data": [{"model": f"fal:{m}", "tool": "video",
                      "providers": [{"provider": "fal", "model_key": m, "user_price_estimate_cents": c}]}
                     for m, c in cents.items()]}


# -- cents_text -------------------------------------------------------------------------------------
def test_cents_text() -> None:
    assert cents_text(35) == "35\u00a0¢ ($0.35)"
    assert cents_text(35.0) == "35\u00a0¢ ($0.35)"
    assert cents_text(0) == "0\u00a0¢ ($0.00)"
    assert cents_text(250) == "250\u00a0¢ ($2.50)"
    assert cents_text(1250) == "1,250\u00a0¢ ($12.50)"
    assert cents_text(0.5) == "0.5\u00a0¢ ($0.005)"
    assert cents_text(7.25) == "7.25\u00a0¢ ($0.0725)"
    assert cents_text(None) == "unknown"
    assert cents_text(math.nan) == "unknown"


# -- the table --------------------------------------------------------------------------------------
def test_table_estimates_follow_the_unit_of_each_model() -> None:
    cost = VargCost(VargPricing.default())
    e = cost.estimate(video(duration=10))
    assert (e.cents, e.source, e.byok, e.probably_cached) == (70, TABLE, "", False)
    assert e.billed_cents == 70 and e.text() == "70\u00a0¢ ($0.70) (local price table)"
    assert cost.estimate(video()).cents == 35            # no duration: the model's default, 5 s
    assert cost.estimate(video(model="minimax")).cents == 30   # MiniMax's default is 6 s at 5 ¢
    assert cost.estimate(video(model="fal:kling-v3", duration=10)).cents == 110
    assert cost.estimate(VargRequest("varg-image", "nano-banana-pro", prompt="x")).cents == 15
    assert cost.estimate(VargRequest("varg-background-removal", "background-remover")).cents == 1
    assert cost.estimate(VargRequest("varg-speech", "eleven_v3", text="a" * 1000)).cents == 30
    assert cost.estimate(VargRequest("varg-speech", "eleven_v3", text="a" * 1001)).cents == 60
    assert cost.estimate(VargRequest("varg-speech", "eleven_flash_v2_5", text="hi")).cents == 15
    assert cost.estimate(VargRequest("varg-music", "music_v1", prompt="x")).cents == 30   # default 30 s
    assert cost.estimate(VargRequest("varg-music", "music_v1", prompt="x", duration=95)).cents == 95
    tr = VargRequest("varg-transcription", "whisper", audio="https://example.com/a.mp3")
    assert cost.estimate(tr, media_seconds=61).cents == 2
    assert cost.estimate(tr, media_seconds=59).cents == 1


def test_a_transcription_is_priced_by_the_probed_audio_or_per_minute(ffmpeg, tmp_path) -> None:
    cost = VargCost(VargPricing.default())
    long = make_audio(ffmpeg, tmp_path / "talk.wav", seconds=125)
    e = cost.estimate(VargRequest("varg-transcription", "whisper", audio=str(long)))
    assert e.cents == 3 and e.per == ""        # 125 s: three started minutes at 1 ¢
    url = cost.estimate(VargRequest("varg-transcription", "whisper", audio="https://example.com/a.mp3"))
    assert url.cents == 1 and url.per == "minute of audio"
    assert url.text() == "1\u00a0¢ ($0.01) per minute of audio (local price table)"


def test_an_unknown_model_has_no_price() -> None:
    e = VargCost(VargPricing.default()).estimate(video(model="kling-v9"))
    assert e.cents is None and e.billed_cents is None and e.source == ""
    assert e.text() == "no price known for kling-v9; varg shows the charge after the job"
    # a model the user's table leaves out, with no route figure: unknown too
    pricing = VargPricing({"models": {"flux-schnell": {"unit": "image", "cents": 1}}})
    e = VargCost(pricing).estimate(video())
    assert e.cents is None and e.text() == "no price known for kling-v2.5; varg shows the charge after the job"


# -- the pricing route ----------------------------------------------------------------------------------
def test_the_route_figure_is_used_and_scaled_like_the_table() -> None:
    pricing = VargPricing.default().with_route(route_answer(**{"kling-v2.5": 40, "minimax": 60, "flux-pro": 6,
                                                              "eleven_v3": 20, "music_v1": 45, "whisper": 2}))
    cost = VargCost(pricing)
    e = cost.estimate(video())
    assert (e.cents, e.source) == (40, ROUTE) and e.text() == "40\u00a0¢ ($0.40) (varg's price list)"
    assert cost.estimate(video(duration=10)).cents == 80          # twice the default 5 s
    assert cost.estimate(video(model="minimax", duration=10)).cents == 100   # 60 for 6 s
    assert cost.estimate(VargRequest("varg-image", "flux-pro", prompt="x")).cents == 6
    assert cost.estimate(VargRequest("varg-speech", "eleven_v3", text="a" * 2500)).cents == 60
    assert cost.estimate(VargRequest("varg-music", "music_v1", prompt="x", duration=60)).cents == 90
    tr = VargRequest("varg-transcription", "whisper", audio="https://example.com/a.mp3")
    assert cost.estimate(tr, media_seconds=150).cents == 6
    # models the route did not name: the table
    e = cost.estimate(video(model="ltx", duration=10))
    assert (e.cents, e.source) == (20, TABLE)


def test_a_route_figure_for_a_model_the_table_lacks_scales_by_its_capability() -> None:
    pricing = VargPricing({"models": {}}).with_route(route_answer(**{"wan-2.5": 30}))
    e = VargCost(pricing).estimate(video(model="wan-2.5", duration=10))
    assert (e.cents, e.source) == (60, ROUTE)


# -- BYOK -----------------------------------------------------------------------------------------------
def test_byok_bills_nothing_only_for_the_models_own_upstream() -> None:
    cost = VargCost(VargPricing.default())
    e = cost.estimate(video(duration=10), byok=frozenset({"fal"}))
    assert e.byok == "fal" and e.cents == 70 and e.billed_cents == 0
    assert e.text() == "your own fal.ai key: billed by the provider"
    # an ElevenLabs key does not pay for a fal.ai model
    e = cost.estimate(video(), byok=frozenset({"elevenlabs", "replicate"}))
    assert e.byok == "" and e.billed_cents == 35
    speech = cost.estimate(VargRequest("varg-speech", "eleven_v3", text="hi"), byok=frozenset({"elevenlabs"}))
    assert speech.text() == "your own ElevenLabs key: billed by the provider" and speech.billed_cents == 0
    soul = cost.estimate(VargRequest("varg-image", "soul", prompt="x"), byok=frozenset({"higgsfield"}))
    assert soul.text() == "your own Higgsfield key: billed by the provider"
    # PiAPI's models take no BYOK key at all
    seed = cost.estimate(video(model="seedance-2-preview"), byok=frozenset({"fal", "elevenlabs", "higgsfield",
                                                                            "replicate"}))
    assert seed.byok == "" and seed.billed_cents == 50


# -- probably from cache --------------------------------------------------------------------------------
def test_a_request_seen_within_30_days_is_probably_free(ffmpeg, tmp_path) -> None:
    now = [1_000_000.0]
    seen = SeenRequests(tmp_path / "seen.json", clock=lambda: now[0])
    cost = VargCost(VargPricing.default(), seen)
    img = make_image(ffmpeg, tmp_path / "start.png")
    req = video(files=(str(img),), duration=10)
    assert not cost.estimate(req).probably_cached
    seen.add(request_key(req, hashes_of(req)), "job_1")
    e = cost.estimate(req)
    assert e.probably_cached and e.billed_cents == 0 and e.cents == 70
    assert e.text() == "probably from cache: free (you made the same request before); otherwise 70\u00a0¢ ($0.70)"
    # the same picture under another name is the same request (varg keys on content)
    copy = tmp_path / "copy.png"
    copy.write_bytes(img.read_bytes())
    assert cost.estimate(video(files=(str(copy),), duration=10)).probably_cached
    # but not with the cache refreshed or not used, nor with another prompt, duration or picture
    assert not cost.estimate(video(files=(str(img),), duration=10, cache=CacheMode.REFRESH)).probably_cached
    assert not cost.estimate(video(files=(str(img),), duration=10, cache=CacheMode.NO_STORE)).probably_cached
    assert not cost.estimate(video(files=(str(img),), duration=5)).probably_cached
    assert not cost.estimate(video(files=(str(img),), duration=10, prompt="a blue fox")).probably_cached
    other = make_image(ffmpeg, tmp_path / "other.png", size="128x128")
    assert not cost.estimate(video(files=(str(other),), duration=10)).probably_cached
    # a missing file can never be the same request
    assert not cost.estimate(video(files=(str(tmp_path / "gone.png"),), duration=10)).probably_cached
    # 30 days later varg has forgotten it
    now[0] += 30 * 24 * 3600 + 1
    assert not cost.estimate(req).probably_cached
    # no memory at all: never "probably"
    assert not VargCost(VargPricing.default()).estimate(req).probably_cached


def test_cached_wins_over_byok_in_the_words() -> None:
    e = VargEstimate(35, TABLE, byok="fal", probably_cached=True)
    assert e.billed_cents == 0 and e.text().startswith("probably from cache: free")
    assert VargEstimate(None, "", probably_cached=True, model="x").text() == \
        "probably from cache: free (you made the same request before)"


# -- outcome_text ---------------------------------------------------------------------------------------
def rec(params: dict, *, charged: float | None, estimated: float | None = 35) -> JobRecord:
    return JobRecord(local_id=1, provider="varg", kind="varg-video", status=LocalStatus.COMPLETED,
                     params=params, estimated_credits=estimated, charged_credits=charged)


def test_outcome_text() -> None:
    assert outcome_text(rec({"cache": "hit", "byok": "fal"}, charged=0)) == "From cache: free"
    assert outcome_text(rec({"cache": "miss", "byok": "elevenlabs"}, charged=0)) == \
        "Your own ElevenLabs key: billed by the provider"
    assert outcome_text(rec({"cache": "miss", "byok": "fal"}, charged=None)) == \
        "Your own fal.ai key: billed by the provider"
    assert outcome_text(rec({"cache": "miss", "byok": ""}, charged=35)) == "Charged 35\u00a0¢ ($0.35), estimate 35\u00a0¢"
    assert outcome_text(rec({}, charged=42.5, estimated=40)) == "Charged 42.5\u00a0¢ ($0.425), estimate 40\u00a0¢"
    assert outcome_text(rec({}, charged=35, estimated=None)) == "Charged 35\u00a0¢ ($0.35)"
    assert outcome_text(rec({"cache": ""}, charged=None)).startswith("Charge not known yet")
    assert outcome_text(rec({}, charged=None, estimated=None)) == "Charge not known yet"


def test_seen_file_holds_no_prompt_or_path(tmp_path: Path) -> None:
    seen = SeenRequests(tmp_path / "seen.json")
    cost = VargCost(VargPricing.default(), seen)
    req = video(prompt="my secret plot twist", files=(str(tmp_path / "x.png"),))
    (tmp_path / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    seen.remember(req, hashes_of(req), "job_9")
    text = (tmp_path / "seen.json").read_text()
    assert "secret" not in text and "x.png" not in text and "job_9" in text
    assert json.loads(text)["requests"]
    assert cost.estimate(req).probably_cached


@pytest.mark.parametrize("kind,model", [("varg-video", "ltx"), ("varg-image", "flux-schnell"),
                                        ("varg-speech", "eleven_flash_v2_5"), ("varg-music", "music_v1")])
def test_every_kind_has_a_price_in_the_built_in_table(kind: str, model: str) -> None:
    e = VargCost().estimate(VargRequest(kind, model, prompt="x", text="x"))
    assert e.cents is not None and e.cents > 0 and e.source == TABLE
