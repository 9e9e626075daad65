"""Every tool of the registry has a chart colour of its own (the account dialog's legend and stacked
bars), kept while tools are added, readable on the light and the dark theme."""

from __future__ import annotations

from verging_desktop.core import tools
from verging_desktop.services.usage import SERVICE_COLORS, service_color

#: the chart's background (ui/theme.py: the Base colour of the light and of the dark palette)
BACKGROUNDS = ((255, 255, 255), (30, 32, 36))


def rgb(color: str) -> tuple[int, int, int]:
    assert len(color) == 7 and color.startswith("#"), color
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def luminance(c: tuple[int, int, int]) -> float:
    def lin(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4

    r, g, b = c
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_every_registry_service_has_a_colour_of_its_own() -> None:
    services = [t.service for t in tools.TOOLS]
    colors = {s: service_color(s) for s in services}
    shared = {c: [s for s in services if colors[s] == c] for c in colors.values()}
    assert {c: ss for c, ss in shared.items() if len(ss) > 1} == {}
    # and none of them is the colour of a service without a tool (image_to_video)
    assert not set(colors.values()) & {service_color(s) for s in SERVICE_COLORS if s not in services}


def test_the_colours_are_stable_and_readable_on_both_themes() -> None:
    for s, c in SERVICE_COLORS.items():  # the colours users know keep their place
        assert service_color(s) == c
    for t in tools.TOOLS:
        c = service_color(t.service)
        assert service_color(t.service) == c  # the same on every call (no hashing of names into a few)
        for bg in BACKGROUNDS:
            assert contrast(rgb(c), bg) >= 1.6, (t.title, c, bg)


def test_a_service_no_tool_claims_gets_a_colour_no_tool_has() -> None:
    tool_colors = {service_color(t.service) for t in tools.TOOLS}
    for s in ("vimmerse-crop", "vimmerse-avatar", "other"):
        c = service_color(s)
        assert c == service_color(s) and c not in tool_colors, s
