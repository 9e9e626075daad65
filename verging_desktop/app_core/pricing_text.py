"""Human sentences for the prices in the pricing table (no Qt).

Counts of credits use the ``%n credit(s)`` form (``core.i18n.n_``; untranslated, the English forms
of :mod:`verging_desktop.core.plural` the app and the command line share).
"""

from __future__ import annotations

from ..core.i18n import N_, _, n_
from ..core.pricing import Pricing

#: services in a sentence
SERVICE_WORDS = {
    "faceswap": N_("face swap"),
    "video_enhance": N_("video enhancement"),
    "image_to_video": N_("image to video"),
    "background_removal": N_("background removal"),
    "imagegen": N_("image generation"),
    "chat": N_("chat"),
    "tts": N_("text to speech"),
    "stt": N_("speech to text"),
    "vision": N_("vision"),
}


def _and(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    return _(", ", "between the items of a list").join(words[:-1]) + _(" and ", "before a list's last item") + words[-1]


def price_source_line(pricing: Pricing) -> str:
    """The end of every price line: "prices as published by Verging (updated 22 Nov 2026)"."""
    return pricing.published_text


def price_choice_sentence(pricing: Pricing) -> str:
    """One sentence for Settings on why there is a choice of price lists and what it changes."""
    differ = [_(SERVICE_WORDS.get(s, s)) for s in pricing.differing_services()]
    charged = _("you are always charged what Verging counts, shown on each result")
    if len(pricing.tables) > 1 and differ:
        line = _("Verging publishes two price lists that differ for {services}: the estimates use the one you "
                 "choose, and {charged}.").format(services=_and(differ), charged=charged)
    else:
        line = _("The estimates use {prices}; {charged}.").format(prices=pricing.published_text, charged=charged)
    if pricing.custom_file:
        line += _(" Prices are read from {source}.").format(source=pricing.source)
    return line


def _n(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:g}"


def _cr(v: float) -> str:
    if not float(v).is_integer():  # a rate such as 0.002 credits: always plural, shown exactly
        return _("{amount} credits", "a fractional amount: always the plural form").format(amount=_n(v))
    return n_("%n credit(s)", int(v))


def price_lines(pricing: Pricing, service: str) -> list[str]:
    """One or more short lines describing what ``service`` costs."""
    try:
        s = pricing.service(service)
    except Exception:
        return [_("Price not listed in the pricing table.")]
    if service in ("faceswap", "video_enhance", "image_to_video"):
        lines = [_("{credits} per second of video").format(credits=_cr(s["rate"])),
                 _("HD: {credits} per second").format(credits=_cr(s["hd_rate"]))]
        if s.get("max_seconds"):
            lines.append(_("Up to {seconds} seconds per job").format(seconds=_n(s["max_seconds"])))
        return lines
    if service == "background_removal":
        return [_("{credits} per image").format(credits=_cr(s["rate"]))]
    if service == "imagegen":
        return [_("{credits} per image (standard)").format(credits=_cr(s.get("standard", 0))),
                _("{credits} per image (HD)").format(credits=_cr(s.get("hd", 0)))]
    if service in ("chat", "vision"):
        lines = []
        if s.get("base"):
            lines.append(_("{credits} per request").format(credits=_cr(s["base"])))
        lines.append(_("{input} per 10,000 input tokens, {output} per 10,000 output tokens").format(
            input=_cr(s["per_10k_input"]), output=_cr(s["per_10k_output"])))
        minimum = _("Minimum {credits} per request").format(credits=_cr(s.get("minimum", 1)))
        if s.get("minimum_balance"):
            minimum += _("; needs a balance of {balance}").format(balance=_n(s["minimum_balance"]))
        lines.append(minimum)
        return lines
    if service == "tts":
        return [_("{credits} per 1,000 characters").format(credits=_cr(s["per_1k_chars"])),
                _("Minimum {credits}").format(credits=_cr(s.get("minimum", 1)))]
    if service == "stt":
        return [_("{credits} per minute of audio").format(credits=_cr(s["per_minute"])),
                _("Minimum {credits}").format(credits=_cr(s.get("minimum", 1)))]
    return [_("See the pricing table.")]


def example_cost(pricing: Pricing, service: str) -> str:
    """A worked example with dollars, e.g. '10 s of video: 10 credits (about $0.19)'."""
    try:
        if service in ("faceswap", "video_enhance"):
            e = pricing.video(service, 10.0)
            what = _("A 10-second clip")
        elif service == "background_removal":
            e, what = pricing.background_removal(1), _("One image")
        elif service == "imagegen":
            e, what = pricing.imagegen(1, "standard"), _("One standard image")
        elif service == "chat":
            e, what = pricing.chat(500, 500), _("A short exchange (500 tokens each way)")
        elif service == "vision":
            e, what = pricing.vision(1000, 300), _("One question about an image")
        elif service == "tts":
            e, what = pricing.tts(1000), _("1,000 characters")
        elif service == "stt":
            e, what = pricing.stt(300.0), _("Five minutes of audio")
        else:
            return ""
    except Exception:
        return ""
    return _("{what}: {credits} (about ${dollars})").format(
        what=what, credits=_cr(e.credits), dollars=f"{pricing.dollars(e.credits):.2f}")
