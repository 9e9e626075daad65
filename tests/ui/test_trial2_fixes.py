"""What the second newcomer trial found: the face swap consent box stayed ticked for a new video,
a long message's tooltip stayed on the status bar, job cards wider than their column, a green
hard to read on the dark theme, Ctrl+9 doing nothing, and the compare header cut in the middle of
two words. Real widgets, the sandbox app."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import make_clip, make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, start_app
from tests.ui.conftest import run, until


@pytest.fixture(autouse=True)
def _multimedia_noise(request: Any) -> Any:
    yield
    forgive_multimedia_noise(request)


def _loaded(page: Any, name: str) -> bool:
    return (page.trimmer is not None and page.trimmer.info is not None and page.current is not None
            and page.current.name == name and page.ready_faces() != [])


def test_face_swap_consent_is_for_this_face_and_this_video(harness, store, loop, qtbot, tmp_path, ffmpeg):
    a = make_clip(ffmpeg, tmp_path / "a.mp4", seconds=2, size="160x120", gop=25)
    b = make_clip(ffmpeg, tmp_path / "b.mp4", seconds=3, size="160x120", gop=25)
    face = make_image(ffmpeg, tmp_path / "face.png")
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Face Swap")
    assert not page.consent_box.isEnabled()  # nothing to confirm yet
    assert drop(page.face_drop, [face])
    run(loop, until(lambda: page.ready_faces(), 10, "the face"))
    assert not page.consent_box.isEnabled()  # a face, but no video yet
    assert drop(page.video_drop, [a])
    run(loop, until(lambda: _loaded(page, "a.mp4"), 15, "a.mp4"))
    assert page.consent_box.isEnabled() and not page.consent_box.isChecked()
    page.consent_box.click()
    assert page.consent_box.isChecked() and page.submit_button.isEnabled()
    # Clear on the video: nothing is confirmed any more
    page.clear_videos()
    assert not page.consent_box.isChecked() and not page.consent_box.isEnabled()
    # a new video with the same face asks again
    assert drop(page.video_drop, [b])
    run(loop, until(lambda: _loaded(page, "b.mp4"), 15, "b.mp4"))
    assert not page.consent_box.isChecked() and not page.submit_button.isEnabled()
    assert "right to use this face and this video" in page.why_label.text()
    # the first video again (the same face): it was confirmed with it before
    page.clear_videos()
    assert drop(page.video_drop, [a])
    run(loop, until(lambda: _loaded(page, "a.mp4"), 15, "a.mp4 again"))
    assert page.consent_box.isChecked() and page.submit_button.isEnabled()
    # a second video beside it (a batch) needs its own consent
    assert drop(page.video_drop, [b])
    run(loop, until(lambda: len(page.ready_videos()) == 2, 15, "two videos"))
    assert not page.consent_box.isChecked() and not page.submit_button.isEnabled()


def test_a_long_messages_tooltip_goes_with_the_message(harness, store, loop, tmp_path):
    import asyncio

    ctl = start_app(harness, store, tmp_path / "downloads")
    w = ctl.window
    w.resize(1280, 800)
    run(loop, asyncio.sleep(0.2))
    bar = w.statusBar()
    text = "a_face_image_with_an_extremely_long_name " * 8 + "as the face in Face Swap."
    w.show_message(text, 300)
    assert bar.toolTip() == text and bar.currentMessage() != text
    run(loop, until(lambda: bar.currentMessage() == "", 5, "the message to go"))
    assert bar.toolTip() == ""
    w.show_message(text)
    bar.clearMessage()
    assert bar.toolTip() == ""


def test_the_sandbox_state_says_where_the_sandbox_is(harness, loop):
    ctl = harness.start("--sandbox")
    w, s = ctl.window, ctl.session
    assert w.status.state_text == "Sandbox" and s.sandbox_url.startswith("http://127.0.0.1:")
    assert s.sandbox_url in w.status.state.toolTip() and "no credits" in w.status.state.toolTip()
