"""Reframe & Crop geometry (services/reframe_geometry.py): ratio -> the kept rectangle in source
pixels, even sides and origin, clamping, offsets, the AI Reframe frame around the picture, and the
view mapping the overlay draws with."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.conftest import make_clip
from verging_desktop.core.errors import InputError
from verging_desktop.services.reframe_geometry import (
    PRESETS,
    CropPlan,
    Rect,
    ReframePlan,
    ViewMap,
    crop_size,
    even_ceil,
    even_floor,
    reduce_ratio,
    same_shape,
)

SOURCES = [(1920, 1080), (1280, 720), (640, 360), (160, 120), (1080, 1920), (720, 1280), (1000, 1000),
           (639, 359), (1917, 1081), (3840, 2160), (854, 480), (64, 48)]
RATIOS = [(9, 16), (1, 1), (4, 5), (16, 9), (21, 9), (3, 4), (2, 1), (1920, 1080)]


def test_even_rounding() -> None:
    assert [even_floor(x) for x in (0, 1, 2, 3.9, 607.5, -3)] == [0, 0, 2, 2, 606, 0]
    assert [even_ceil(x) for x in (0, 1, 2, 2.1, 607.5)] == [0, 2, 2, 4, 608]
    assert reduce_ratio(1920, 1080) == (16, 9)
    with pytest.raises(InputError, match="positive"):
        reduce_ratio(0, 9)


def test_the_presets_are_the_four_social_ratios() -> None:
    assert [r for r, _ in PRESETS] == ["9:16", "1:1", "4:5", "16:9"]


@pytest.mark.parametrize(("src", "ratio", "want"), [
    ((1920, 1080), (9, 16), (606, 1080)),    # 1080 * 9/16 = 607.5: rounded down to even
    ((1920, 1080), (1, 1), (1080, 1080)),
    ((1920, 1080), (4, 5), (864, 1080)),
    ((1920, 1080), (16, 9), (1920, 1080)),   # already 16:9: all of it
    ((1080, 1920), (16, 9), (1080, 606)),
    ((1080, 1920), (9, 16), (1080, 1920)),
    ((640, 360), (9, 16), (202, 360)),        # 202.5 -> 202
    ((160, 120), (9, 16), (66, 120)),        # 67.5 -> 66
    ((639, 359), (1, 1), (358, 358)),         # odd sources: even sides inside them
])
def test_crop_size_examples(src: tuple[int, int], ratio: tuple[int, int], want: tuple[int, int]) -> None:
    assert crop_size(*src, *ratio) == want


@pytest.mark.parametrize(("src", "ratio"), list(itertools.product(SOURCES, RATIOS)))
def test_crop_size_is_the_largest_even_rectangle_of_the_ratio_inside(src: tuple[int, int],
                                                                     ratio: tuple[int, int]) -> None:
    sw, sh = src
    rw, rh = reduce_ratio(*ratio)
    try:
        w, h = crop_size(sw, sh, rw, rh)
    except InputError as e:
        assert "closer to the video's own" in str(e)
        return
    assert w % 2 == 0 and h % 2 == 0 and 0 < w <= sw and 0 < h <= sh
    # one side fills the source (to the even pixel); the other is the ratio's, less than 2 px under it
    assert sw - w <= 1 or sh - h <= 1
    assert w * rh <= h * rw + 1e-9 or h * rw <= w * rh + 1e-9
    assert abs(w * rh - h * rw) < 2 * max(rw, rh)
    # no even rectangle of that ratio that is larger fits
    assert not (w + 2 <= sw and h + 2 <= sh)


def test_a_ratio_far_from_the_source_is_refused_in_words() -> None:
    with pytest.raises(InputError, match=r"A 1:40 crop of this 640×360 video would be 8×360 pixels"):
        crop_size(640, 360, 1, 40)
    with pytest.raises(InputError, match="too small to reframe"):
        crop_size(10, 10, 1, 1)


def test_same_shape() -> None:
    assert same_shape(1920, 1080, 16, 9) and same_shape(1917, 1081, 16, 9)
    assert not same_shape(1920, 1080, 9, 16) and not same_shape(1920, 1080, 4, 3)


def test_a_centred_crop_sends_no_offsets_and_a_moved_one_its_corner() -> None:
    p = CropPlan.centered(1920, 1080, 9, 16)
    assert p.rect == Rect(656, 0, 606, 1080) and p.ratio_text == "9:16"
    assert p.is_centered and p.offsets == (None, None)
    assert p.movable == (True, False) and p.max_x == 1314 and p.max_y == 0
    left = p.moved_to(0, 0)
    assert left.rect.x == 0 and left.offsets == (0, 0)
    # a move is clamped inside the picture, on even pixels, and only along the free axis
    far = p.moved_by(5000, 300)
    assert far.rect == Rect(1314, 0, 606, 1080) and far.offsets == (1314, 0)
    assert p.moved_by(-5000, -300).rect.x == 0
    assert [p.moved_by(d, 0).rect.x for d in (100, 99, 97, 1, 1.5)] == [756, 754, 752, 656, 658]
    assert far.rect.right <= 1920 and far.output_size == (606, 1080)
    # centred again: no offsets again
    assert far.moved_to(656, 0).offsets == (None, None)
    assert p.centered_on(100, 540).rect.x == 0 and p.centered_on(960, 540).is_centered
    assert p.kept_fraction() == pytest.approx(606 / 1920)


@pytest.mark.parametrize(("src", "ratio"), list(itertools.product(SOURCES[:8], RATIOS[:5])))
def test_every_move_keeps_the_rectangle_inside_with_even_origin(src: tuple[int, int], ratio: tuple[int, int]) -> None:
    p = CropPlan.centered(*src, *ratio)
    for dx, dy in ((-10**6, 0), (10**6, 0), (0, -10**6), (0, 10**6), (37, -13), (1, 1), (-3, 5)):
        q = p.moved_by(dx, dy)
        r = q.rect
        assert r.x % 2 == 0 and r.y % 2 == 0
        assert r.x >= 0 and r.y >= 0 and r.right <= src[0] and r.bottom <= src[1]
        assert r.size == p.rect.size


def test_a_portrait_source_moves_up_and_down() -> None:
    p = CropPlan.centered(1080, 1920, 1, 1)
    assert p.rect == Rect(0, 420, 1080, 1080) and p.movable == (False, True)
    assert p.moved_by(0, -1000).offsets == (0, 0)


def test_ai_reframe_puts_the_whole_picture_in_a_larger_frame() -> None:
    r = ReframePlan.centered(1920, 1080, 9, 16)
    assert (r.frame_w, r.frame_h) == (1920, 3414)   # 1920 * 16/9 = 3413.3 -> 3414
    assert r.picture == Rect(0, 1166, 1920, 1080) and r.movable == (False, False)
    assert 0.6 < r.added_fraction() < 0.7
    # the result keeps the source's longer side: 1080x1920, the picture scaled into it
    assert r.output_size == (1080, 1920)
    sq = ReframePlan.centered(1280, 720, 1, 1)
    assert (sq.frame_w, sq.frame_h) == (1280, 1280) and sq.picture.y == 280 and sq.output_size == (1280, 1280)
    portrait = ReframePlan.centered(720, 1280, 16, 9)
    assert (portrait.frame_w, portrait.frame_h) == (2276, 1280) and portrait.picture.x == 778
    assert portrait.output_size == (1280, 720)
    same = ReframePlan.centered(1920, 1080, 16, 9)
    assert same.output_size == (1920, 1080) and same.added_fraction() == 0
    with pytest.raises(InputError, match="more than 16 times the picture"):
        ReframePlan.centered(1920, 1080, 1, 30)


def test_the_picture_is_scaled_down_with_the_frame_into_the_result() -> None:
    """21:9 of a 1920x1080 clip: a 2520x1080 frame, a 1920x822 result, the picture 1461x822 in it."""
    wide = ReframePlan.centered(1920, 1080, 21, 9)
    assert (wide.frame_w, wide.frame_h) == (2520, 1080) and wide.output_size == (1920, 822)
    assert wide.picture_in_output == (1461, 822)
    assert ReframePlan.centered(1920, 1080, 9, 16).picture_in_output == (1080, 607)
    assert ReframePlan.centered(1280, 720, 1, 1).picture_in_output == (1280, 720)  # not scaled


@pytest.mark.parametrize(("src", "ratio"), list(itertools.product(SOURCES, RATIOS[:6])))
def test_the_reframe_frame_holds_the_picture_and_has_the_ratio(src: tuple[int, int], ratio: tuple[int, int]) -> None:
    r = ReframePlan.centered(*src, *ratio)
    rw, rh = r.ratio
    assert r.frame_w % 2 == 0 and r.frame_h % 2 == 0
    assert r.frame_w >= src[0] and r.frame_h >= src[1]
    assert abs(r.frame_w * rh - r.frame_h * rw) <= 2 * max(rw, rh)
    p = r.picture
    assert p.x >= 0 and p.right <= r.frame_w and p.y >= 0 and p.bottom <= r.frame_h


def test_the_view_map_fits_and_maps_both_ways() -> None:
    m = ViewMap.fit(1920, 1080, 960, 720)
    assert m.scale == pytest.approx(0.5) and (m.left, m.top) == pytest.approx((0, 90))
    assert m.to_view(1920, 1080) == pytest.approx((960, 630))
    assert m.to_source(*m.to_view(333, 444)) == pytest.approx((333, 444))
    assert m.rect_to_view(Rect(656, 0, 608, 1080)) == pytest.approx((328, 90, 304, 540))
    tall = ViewMap.fit(1080, 1920, 960, 720, margin=10)
    assert tall.scale == pytest.approx(700 / 1920) and tall.top == pytest.approx(10)


# -- against the sandbox's real crop and reframe (ffmpeg), probed with PyAV ------------------------

@pytest.mark.parametrize(("size", "ratio", "move"), [
    ("640x360", (9, 16), None),         # centred: no offsets sent
    ("640x360", (9, 16), (-150, 0)),    # moved left
    ("640x360", (4, 5), (10**6, 0)),    # to the right edge (clamped)
    ("360x640", (1, 1), (0, -37)),      # a portrait clip moves up and down
    ("322x242", (21, 9), (0, 5)),       # odd ratios, small clip
])
def test_the_planned_crop_is_what_the_sandbox_cuts(ffmpeg: str, tmp_path: Path, size: str,
                                                   ratio: tuple[int, int], move: tuple[int, int] | None) -> None:
    from verging_desktop.api.vimmerse.models import App, CropRequest, request_params
    from verging_desktop.media.probe import probe
    from verging_desktop.sandbox.vimmerse_media import render

    src = make_clip(ffmpeg, tmp_path / "src.mp4", seconds=1, size=size, audio=False)
    w, h = (int(v) for v in size.split("x"))
    plan = CropPlan.centered(w, h, *ratio)
    if move is not None:
        plan = plan.moved_by(*move)
    ox, oy = plan.offsets
    req = CropRequest(video_url="https://example.invalid/v.mp4", aspect_ratio=plan.ratio_text, offset_x=ox,
                      offset_y=oy)
    out = render(App.CROP, request_params(req), {"video_url": [src]}, tmp_path / "out", ffmpeg=ffmpeg)
    info = probe(out[0])
    assert (info.display_width, info.display_height) == plan.output_size


def test_the_reframe_result_has_the_planned_size(ffmpeg: str, tmp_path: Path) -> None:
    from verging_desktop.api.vimmerse.models import App
    from verging_desktop.media.probe import probe
    from verging_desktop.sandbox.vimmerse_media import render

    src = make_clip(ffmpeg, tmp_path / "src.mp4", seconds=1, size="640x360", audio=False)
    for ratio in ((9, 16), (1, 1)):
        plan = ReframePlan.centered(640, 360, *ratio)
        out = render(App.REFRAME, {"video_url": "https://example.invalid/v.mp4", "aspect_ratio": plan.ratio_text},
                     {"video_url": [src]}, tmp_path / f"out{ratio[0]}", ffmpeg=ffmpeg)
        info = probe(out[0])
        assert (info.display_width, info.display_height) == plan.output_size


def test_a_rotated_phone_clip_is_cropped_as_it_is_shown(ffmpeg: str, tmp_path: Path) -> None:
    """A landscape-coded clip with a 90-degree display matrix is portrait on screen: the plan is
    made in the shown pixels, and the sandbox's crop (ffmpeg rotates first) has the planned size."""
    import subprocess

    from verging_desktop.api.vimmerse.models import App, CropRequest, request_params
    from verging_desktop.media.probe import probe
    from verging_desktop.sandbox.vimmerse_media import render

    base = make_clip(ffmpeg, tmp_path / "coded.mp4", seconds=1, size="640x360", audio=False)
    phone = tmp_path / "phone.mp4"
    subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-display_rotation", "90", "-i", str(base),
                    "-c", "copy", str(phone)], check=True, timeout=60)
    info = probe(phone)
    assert (info.display_width, info.display_height) == (360, 640)
    plan = CropPlan.centered(info.display_width, info.display_height, 1, 1).moved_by(0, -10**6)
    assert plan.rect == Rect(0, 0, 360, 360) and plan.offsets == (0, 0)
    req = CropRequest(video_url="https://example.invalid/v.mp4", aspect_ratio="1:1", offset_x=0, offset_y=0)
    out = render(App.CROP, request_params(req), {"video_url": [phone]}, tmp_path / "out", ffmpeg=ffmpeg)
    got = probe(out[0])
    assert (got.display_width, got.display_height) == plan.output_size
