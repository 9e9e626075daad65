"""Price texts, Qt-free: the same words in the app and wherever else they are shown."""

from __future__ import annotations

from verging_desktop.app_core.pricing_text import example_cost, price_choice_sentence, price_lines
from verging_desktop.core.pricing import Pricing


def test_price_lines_count_credits_in_english_forms() -> None:
    p = Pricing.default()
    lines = price_lines(p, "faceswap")
    assert lines[0].endswith("per second of video") and "credit" in lines[0]
    assert price_lines(p, "nonsense") == ["Price not listed in the pricing table."]
    one = price_lines(p, "background_removal")[0]
    assert one.endswith(" per image") and (one.startswith("1 credit ") or "credits" in one)


def test_example_cost_and_the_choice_sentence() -> None:
    p = Pricing.default()
    assert example_cost(p, "faceswap").startswith("A 10-second clip: ") and "(about $" in example_cost(p, "faceswap")
    assert example_cost(p, "unknown") == ""
    assert "you are always charged what Verging counts" in price_choice_sentence(p)
