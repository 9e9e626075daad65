"""The few fixed colours the tool tabs use for state, one of each for the light and the dark
palette: ``error_color()`` and ``ok_color()`` read the application's palette, so the text reads
(a contrast ratio of at least 4.5 against the window colour) on either theme."""

from __future__ import annotations

#: an error, a shortfall, a failed job (on a light window)
RED = "#c62828"
#: a job done (on a light window)
GREEN = "#2e7d32"
#: the same on a dark window
RED_ON_DARK = "#ef9a9a"
GREEN_ON_DARK = "#81c784"

#: each light colour with its dark twin (a theme switch swaps them in the style sheets)
PAIRS = ((RED, RED_ON_DARK), (GREEN, GREEN_ON_DARK))


def _dark() -> bool:
    from .theme import is_dark

    return is_dark()


def error_color() -> str:
    """The colour of an error or a failed job, for the current palette."""
    return RED_ON_DARK if _dark() else RED


def ok_color() -> str:
    """The colour of a job done, for the current palette."""
    return GREEN_ON_DARK if _dark() else GREEN


def for_palette(sheet: str, dark: bool) -> str:
    """``sheet`` with the state colours of the other palette replaced by this one's."""
    for light, dark_twin in PAIRS:
        sheet = sheet.replace(light, dark_twin) if dark else sheet.replace(dark_twin, light)
    return sheet


def contrast_ratio(a: str, b: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""

    def lum(c: str) -> float:
        def ch(v: int) -> float:
            s = v / 255
            return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

        r, g, b_ = (int(c[i:i + 2], 16) for i in (1, 3, 5))
        return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b_)

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
