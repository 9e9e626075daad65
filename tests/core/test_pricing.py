import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verging_desktop.core.errors import InputError
from verging_desktop.core.pricing import Pricing


@pytest.fixture
def pricing() -> Pricing:
    return Pricing.default()


def test_video_rates_follow_the_table(pricing: Pricing) -> None:
    assert pricing.faceswap(5.0).credits == 5
    assert pricing.faceswap(5.0, hd=True).credits == 15
    assert pricing.video_enhance(5.0).credits == 15
    assert pricing.video_enhance(5.0, hd=True).credits == 25


def test_partial_seconds_round_up_past_the_grace(pricing: Pricing) -> None:
    assert pricing.faceswap(5.04).credits == 5  # a few ms of container padding is not a second
    assert pricing.faceswap(5.5).credits == 6
    assert pricing.faceswap(0.3).credits == 1


def test_ai_services(pricing: Pricing) -> None:
    assert pricing.background_removal(3).credits == 3
    assert pricing.imagegen(2, "hd").credits == 10
    assert pricing.imagegen(1, "standard").credits == 3
    assert pricing.tts(1500).credits == 3
    assert pricing.tts(10).credits == 1  # minimum
    assert pricing.stt(61).credits == 2
    assert pricing.stt(5).credits == 1
    assert pricing.chat(10000, 10000).credits == 3
    assert pricing.chat(10, 10).credits == 1
    assert pricing.vision(10000, 10000).credits == 4
    assert pricing.minimum_balance("chat") == 5


def test_skills_table_differs(pricing: Pricing) -> None:
    skills = Pricing.default("skills")
    assert skills.imagegen(1, "hd").credits == 3
    assert skills.chat(10000, 10000).credits == 4
    assert skills.vision(0, 0).credits == 2


def test_dollars() -> None:
    assert Pricing.default().dollars(530) == 10.0


def test_user_override_file(tmp_path, monkeypatch) -> None:
    data = json.loads(Pricing.default().data.__repr__().replace("'", '"').replace("True", "true")) if False else Pricing.default().data
    data = json.loads(json.dumps(data))
    data["tables"]["docs"]["faceswap"]["rate"] = 7
    p = tmp_path / "pricing.json"
    p.write_text(json.dumps(data))
    monkeypatch.setenv("VERGING_PRICING_FILE", str(p))
    assert Pricing.load().faceswap(2).credits == 14


def test_bad_override_is_an_input_error(tmp_path) -> None:
    p = tmp_path / "pricing.json"
    p.write_text("{not json")
    with pytest.raises(InputError):
        Pricing.from_file(p)


def test_estimate_dispatch(pricing: Pricing) -> None:
    assert pricing.estimate("face-swap", duration=5, hd=True).credits == 15
    assert pricing.estimate("enhance", duration=2).credits == 6
    assert pricing.estimate("tts", chars=999).credits == 2
    with pytest.raises(InputError):
        pricing.estimate("faceswap")
    with pytest.raises(InputError):
        pricing.estimate("teleport", duration=1)


@given(st.floats(min_value=0.01, max_value=30), st.booleans())
def test_video_estimate_is_monotonic_and_whole(d: float, hd: bool) -> None:
    p = Pricing.default()
    a = p.faceswap(d, hd).credits
    b = p.faceswap(d + 1.0, hd).credits
    assert isinstance(a, int) and a >= 1 and b >= a


def test_where_the_prices_come_from_in_plain_words(tmp_path):
    import json
    from datetime import date

    from verging_desktop.core.pricing import Pricing, format_day

    p = Pricing.default()
    assert p.published_text == "prices as published by Verging (updated 22 Nov 2026)"
    assert p.updated() == date(2026, 11, 22) and format_day(date(2026, 1, 5)) == "5 Jan 2026"
    assert p.differing_services() == ["imagegen", "chat", "tts", "vision"]
    assert p.list_label("skills") == "Verging's tool guides (updated 22 Nov 2026)"
    assert Pricing.default("skills").published_text == \
        "prices as published in Verging's tool guides (updated 22 Nov 2026)"
    # a user's own file, without the descriptions: still a readable line, no table jargon
    data = json.loads(json.dumps(p.data))
    data.pop("lists")
    f = tmp_path / "pricing.json"
    f.write_text(json.dumps(data), "utf-8")
    own = Pricing.from_file(f)
    assert own.custom_file and own.published_text == "prices from your own price file"
    assert own.list_label("docs") == "docs"
