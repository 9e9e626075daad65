"""The icon files in resources/icons/ are there, drawable, and current with their sources."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from verging_desktop.core.resources import resource_path
from verging_desktop.core.tools import TOOLS

ROOT = Path(__file__).resolve().parents[2]


def _make_icons():
    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "packaging" / "make_icons.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _opaque_pixels(image) -> int:
    return sum(1 for y in range(image.height()) for x in range(image.width()) if image.pixelColor(x, y).alpha() > 0)


def _mean_difference(a, b) -> float:
    """Mean absolute difference per channel (0..255) of two same-sized images."""
    assert a.size() == b.size()
    total = 0
    for y in range(a.height()):
        for x in range(a.width()):
            ca, cb = a.pixelColor(x, y), b.pixelColor(x, y)
            total += (abs(ca.red() - cb.red()) + abs(ca.green() - cb.green()) + abs(ca.blue() - cb.blue())
                      + abs(ca.alpha() - cb.alpha()))
    return total / (4 * a.width() * a.height())


def test_the_app_svg_is_a_drawing_not_a_placeholder(qapp) -> None:
    mi = _make_icons()
    svg = resource_path("icons", "app", "verging-desktop.svg")
    assert svg.is_file()
    image = mi.render_svg(svg, 64)
    # most of the tile is painted, and in more than one colour
    assert _opaque_pixels(image) > 64 * 64 * 0.7
    colours = {image.pixelColor(x, y).rgba() for y in range(0, 64, 4) for x in range(0, 64, 4)}
    assert len(colours) > 8


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_each_app_png_is_the_svg_at_its_size(qapp, size: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    mi = _make_icons()
    assert size in mi.APP_SIZES
    png = resource_path("icons", "app", f"verging-desktop-{size}.png")
    assert png.is_file(), f"{png.name} is missing: run packaging/make_icons.py"
    image = QImage(str(png)).convertToFormat(QImage.Format.Format_ARGB32)
    assert (image.width(), image.height()) == (size, size)
    assert _opaque_pixels(image) > size * size * 0.5
    if size <= 128:     # compare pixel by pixel where it is quick; the big ones by a scaled copy
        fresh = mi.render_svg(mi.APP_SVG, size).convertToFormat(QImage.Format.Format_ARGB32)
        assert _mean_difference(image, fresh) < 6, "the PNG is not the SVG any more: run packaging/make_icons.py"
    else:
        fresh = mi.render_svg(mi.APP_SVG, 64).convertToFormat(QImage.Format.Format_ARGB32)
        small = image.scaled(64, 64, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
        assert _mean_difference(small.convertToFormat(QImage.Format.Format_ARGB32), fresh) < 12


def _coarse(image):
    """``image`` smoothed down to 12 x 12: the shape, not the phase of a dash pattern (QtSvg starts
    a dashed path's pattern where the painter's stroker does not)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    return image.scaled(12, 12, Qt.AspectRatioMode.IgnoreAspectRatio,
                        Qt.TransformationMode.SmoothTransformation).convertToFormat(QImage.Format.Format_ARGB32)


def test_every_tool_has_an_svg_that_is_its_own_glyph(qapp) -> None:
    mi = _make_icons()
    names = sorted({t.icon for t in TOOLS})
    assert names == mi.tool_icon_names()
    glyphs = {n: _coarse(mi.render_glyph(n, 48)) for n in names}
    for name in names:
        svg = resource_path("icons", "tools", f"{name}.svg")
        assert svg.is_file(), f"tools/{name}.svg is missing: run packaging/make_icons.py"
        drawn = _coarse(mi.render_svg(svg, 48))
        assert _opaque_pixels(drawn) > 12 * 2, name
        own = _mean_difference(drawn, glyphs[name])
        assert own < 10, f"tools/{name}.svg differs from ui/icons.py's glyph: run packaging/make_icons.py"
        # and it is nearer its own glyph than any other tool's (the comparison can tell them apart)
        nearest = min(names, key=lambda other: _mean_difference(drawn, glyphs[other]))
        assert nearest == name, f"tools/{name}.svg looks like the {nearest} glyph"


def test_the_window_icon_comes_from_the_files(qapp) -> None:
    from verging_desktop.ui.icon import app_icon

    icon = app_icon()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert {(16, 16), (48, 48), (256, 256)} <= sizes
    assert not icon.pixmap(64, 64).isNull()
