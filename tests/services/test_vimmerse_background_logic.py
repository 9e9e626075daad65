"""The Replace Background tab's Qt-free logic: where the foreground lands, the colours and numbers
as the route takes them, and the request (exactly one background)."""

from __future__ import annotations

import pytest

from verging_desktop.api.vimmerse.models import App
from verging_desktop.core.errors import InputError
from verging_desktop.services import vimmerse_background as rb


def test_placement_scales_aligns_and_stands_on_the_bottom() -> None:
    # a 320x240 video over a 1280x720 background at 2/3 of its height
    r = rb.placement(320, 240, 1280, 720, scale=0.6666)
    assert (r.w, r.h) == (636, 478) and r.bottom == 720 and r.x == (1280 - 636) // 2
    assert rb.placement(320, 240, 1280, 720, alignment="left").x == 0
    right = rb.placement(320, 240, 1280, 720, alignment="right")
    assert right.right == 1280
    moved = rb.placement(320, 240, 1280, 720, alignment="left", x_offset=40, y_offset=-30)
    assert (moved.x, moved.bottom) == (40, 690)
    # too wide for the background: fitted to its width instead
    wide = rb.placement(1600, 400, 800, 800, scale=1.0)
    assert wide.w == 800 and wide.h == 200 and wide.bottom == 800
    assert all(v % 2 == 0 for v in (r.w, r.h, wide.w, wide.h))
    with pytest.raises(ValueError):
        rb.placement(0, 240, 1280, 720)
    with pytest.raises(ValueError):
        rb.placement(320, 240, 1280, 720, alignment="top")


def test_numbers_and_colours_travel_as_strings() -> None:
    assert rb.scale_text(0.6666) == "0.6666" and rb.scale_text(0.5) == "0.5" and rb.scale_text(9) == "1.5"
    assert rb.tolerance_text(0.1) == "0.1" and rb.tolerance_text(0.125) == "0.125" and rb.tolerance_text(0) == "0.01"
    assert rb.key_color_text(None) == "origin" and rb.key_color_text((0, 255, 16)) == "#00FF10"
    assert rb.parse_key_color("#00ff10") == (0, 255, 16) and rb.parse_key_color("origin") is None
    with pytest.raises(InputError, match="not a key colour"):
        rb.parse_key_color("greenish")


def test_exactly_one_background_is_sent() -> None:
    req = rb.replace_background_request(video="/m/v.mp4", bg_kind="image", background="/m/bg.png",
                                        prompt="a beach", scale=0.5, alignment="left", x_offset=10,
                                        key_color=(0, 200, 0), tolerance=0.2)
    assert req.app is App.REPLACE_BACKGROUND
    assert req.media() == {"video_url": ("/m/v.mp4",), "bg_image_url": ("/m/bg.png",)}
    body = req.body()
    assert body["prompt"] == "" and body["overlay_scale"] == "0.5" and body["chroma_key_color"] == "#00C800"
    assert body["chroma_tolerance"] == "0.2" and body["alignment"] == "left" and body["x_offset"] == 10
    vid = rb.replace_background_request(video="/m/v.mp4", bg_kind="video", background="/m/bg.mp4")
    assert vid.media() == {"video_url": ("/m/v.mp4",), "bg_video_url": ("/m/bg.mp4",)}
    p = rb.replace_background_request(video="/m/v.mp4", bg_kind="prompt", background="/m/bg.png", prompt=" a beach ")
    assert p.media() == {"video_url": ("/m/v.mp4",)} and p.prompt == "a beach" and p.chroma_key_color == "origin"


@pytest.mark.parametrize(("kw", "words"), [
    ({"video": "", "bg_kind": "prompt", "prompt": "x"}, "Drop the video"),
    ({"video": "v", "bg_kind": ""}, "Choose the new background"),
    ({"video": "v", "bg_kind": "prompt", "prompt": "  "}, "prompt is empty"),
    ({"video": "v", "bg_kind": "image"}, "Drop the background image"),
    ({"video": "v", "bg_kind": "video"}, "Drop the background video"),
    ({"video": "v", "bg_kind": "prompt", "prompt": "x", "alignment": "top"}, "not an alignment"),
    ({"video": "v", "bg_kind": "prompt", "prompt": "x", "y_offset": 99999}, "too far"),
])
def test_a_request_without_a_usable_background_is_refused(kw: dict[str, object], words: str) -> None:
    with pytest.raises(InputError, match=words):
        rb.replace_background_request(**kw)  # type: ignore[arg-type]
