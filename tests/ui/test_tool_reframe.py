"""Reframe & Crop, end to end against the sandbox's Vimmerse paths through the real app: drop a
landscape clip, trim it, pick 9:16, drag the frame with real mouse events, see the cost (the local
price table, said so), submit, watch the job in the queue, then the result: its real size is the
planned rectangle (PyAV), the asset's args on the sandbox carry the offsets, the compare view shows
both, Save writes the file. AI Reframe fills a 1:1 frame. Bad input never reaches the sandbox, and
every charge equals its estimate."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt

from tests.conftest import make_clip, make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, panel_rows, queue_panel, start_app
from tests.ui.conftest import run, until
from tests.ui.test_frame_overlay import drag
from verging_desktop.jobs.store import DownloadState, LocalStatus
from verging_desktop.media.probe import aprobe

TITLE = "Reframe & Crop"


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def wide(ffmpeg: str, path: Path, seconds: float = 3, size: str = "640x360") -> Path:
    return make_clip(ffmpeg, path, seconds=seconds, size=size, gop=25)


def vim_store(ctl):
    return ctl.ctx.jobs.queue.store


def wait_done(loop, ctl, ids, timeout=60):
    st = vim_store(ctl)
    run(loop, until(lambda: all(st.get(i).status is LocalStatus.COMPLETED
                                and st.get(i).download_state is DownloadState.DONE for i in ids), timeout,
                    "jobs completed and downloaded"))


def ready_page(loop, ctl, video, *, framed=True):
    page = open_tab(loop, ctl, TITLE)
    assert drop(page.video_drop, [video])
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None and page.overlay is not None
                    and (page.overlay.plan is not None or not framed), 20, "the clip and its frame"))
    return page


def test_crop_to_9_16_dragged_with_the_mouse(harness, store, loop, qtbot, tmp_path, ffmpeg):
    video = wide(ffmpeg, tmp_path / "beach walk.mp4", 4)
    downloads = tmp_path / "downloads"
    ctl = start_app(harness, store, downloads)
    sb = ctl.session.sandbox
    page = ready_page(loop, ctl, video)
    panel = queue_panel(loop, ctl)
    ov = page.overlay
    assert page.ratio_text == "9:16" and page.mode == "crop"
    assert ov.plan.rect.w == 202 and ov.plan.rect.h == 360 and ov.plan.is_centered
    assert "Keeps 202×360 of 640×360, centred" in page.frame_label.text()
    page.trimmer.set_selection(1.0, 3.0)
    # the cost: Vimmerse credits from the local table (crop has no estimate route), said so
    run(loop, until(lambda: page.submit_button.isEnabled(), 10, "the cost"))
    cost = page.vimmerse_cost.text()
    assert cost.startswith("Cost: 1 Vimmerse credit (local price table, editable in Settings)"), cost
    assert "Balance: not published by Vimmerse" in cost and page.submit_button.text() == "Crop (1 credit)"

    # drag the frame 120 source pixels to the left with the mouse (up does nothing: no room)
    m = ov.view_map()
    start = ov.frame_rect().center()
    drag(ov, start, start + QPointF(-120 * m.scale, -30 * m.scale), steps=8)
    x = ov.plan.rect.x
    assert abs(x - (218 - 120)) <= 2 and x % 2 == 0 and ov.plan.rect.y == 0
    assert f"from x {x}, y 0" in page.frame_label.text()
    # and two to the right with the arrow keys (1 % of 640 is 6 px)
    ov.setFocus()
    qtbot.keyClick(ov, Qt.Key.Key_Right)
    qtbot.keyClick(ov, Qt.Key.Key_Right)
    x += 12
    assert ov.plan.rect.x == x
    plan = ov.plan

    before = sb.vimmerse_stats()
    page.submit_button.click()
    page.submit_button.click()  # a double click is one job
    run(loop, until(lambda: page.rows, 30, "sent"))
    lid = next(iter(page.rows))
    rec = vim_store(ctl).get(lid)
    assert rec.kind == "vimmerse-crop" and rec.provider == "vimmerse"
    run(loop, until(lambda: any(r[0].startswith(TITLE) for r in panel_rows(panel)), 10, "queue row"))
    wait_done(loop, ctl, [lid])
    rec = vim_store(ctl).get(lid)
    after = sb.vimmerse_stats()
    assert after["created"].get("crop-to-aspect-ratio", 0) - before["created"].get("crop-to-aspect-ratio", 0) == 1

    # what the sandbox was asked: the offsets, in source pixels
    asset = run(loop, ctl.ctx.vimmerse.asset(rec.remote_id))
    assert asset.args["aspect_ratio"] == "9:16"
    assert asset.args["offset_x"] == x and asset.args["offset_y"] == 0
    # the charge equals the estimate
    assert rec.estimated_credits == rec.charged_credits == asset.credits == 1
    assert after["charged"] - before["charged"] == 1
    # the result really is the planned rectangle (and about the trimmed length)
    info = run(loop, aprobe(rec.result_path))
    assert (info.display_width, info.display_height) == plan.output_size == (202, 360)
    assert info.duration == pytest.approx(2.0, abs=0.15)

    # the compare view: the cut against the crop, side by side; Save writes the file
    res = page.result
    c = res.compare
    run(loop, until(lambda: res.result_path is not None and c.duration() > 0, 20, "compare loaded"))
    run(loop, until(lambda: c.info.full_text() == "Original 640×360 · Result 202×360", 10, "sizes"))
    assert c.mode == "side"
    out = res.save_to(tmp_path / "short.mp4")
    assert out is not None and out.is_file() and out.stat().st_size == Path(rec.result_path).stat().st_size
    # "Send to" hands the result to another tool (here Video Enhance, which takes it as its video)
    assert page.send_button.isEnabled()
    names = [a.text() for a in page.send_button.menu().actions()]
    assert names[0] == "Video Enhance" and "Face Swap" in names
    line = page.send_result_to("video-enhance")
    assert line == f"{Path(rec.result_path).name} was opened in Video Enhance."
    enhance = ctl.window.pages["Video Enhance"].content
    run(loop, until(lambda: [v.path for v in enhance.ready_videos()] == [Path(rec.result_path).absolute()], 20,
                    "the result in Video Enhance"))
    assert ctl.window.current_tool == "Video Enhance"


def test_ai_reframe_fills_a_square_frame(harness, store, loop, qtbot, tmp_path, ffmpeg):
    video = wide(ffmpeg, tmp_path / "city.mp4", 2)
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = ready_page(loop, ctl, video)
    page.set_ratio("1:1")
    page.set_mode("reframe")
    assert page.prompt_edit.isVisible()
    page.prompt_edit.setText("more of the street, evening light")
    ov = page.overlay
    # the new frame is drawn AROUND the picture
    assert ov.frame_rect().contains(ov.picture_rect()) and ov.frame_rect().height() > ov.picture_rect().height()
    assert ov.plan.output_size == (640, 640)
    run(loop, until(lambda: page.submit_button.isEnabled(), 10, "the cost"))
    assert page.vimmerse_cost.text().startswith("Cost: 10 Vimmerse credits (local price table")
    assert page.submit_button.text() == "Reframe with AI (10 credits)"
    page.submit_button.click()
    run(loop, until(lambda: page.rows, 30, "sent"))
    lid = next(iter(page.rows))
    wait_done(loop, ctl, [lid])
    rec = vim_store(ctl).get(lid)
    assert rec.kind == "vimmerse-reframe"
    asset = run(loop, ctl.ctx.vimmerse.asset(rec.remote_id))
    assert asset.args["aspect_ratio"] == "1:1" and asset.args["prompt"] == "more of the street, evening light"
    assert "offset_x" not in asset.args and "x_start" not in asset.args
    assert rec.estimated_credits == rec.charged_credits == asset.credits == 10
    info = run(loop, aprobe(rec.result_path))
    assert (info.display_width, info.display_height) == (640, 640)
    assert sb.vimmerse_stats()["created"] == {"reframe": 1}


def test_a_portrait_clip_is_cropped_up_and_down_and_each_video_keeps_its_frame(harness, store, loop, qtbot,
                                                                                tmp_path, ffmpeg):
    tall = wide(ffmpeg, tmp_path / "tall.mp4", 2, size="360x640")
    other = wide(ffmpeg, tmp_path / "other.mp4", 2)
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = ready_page(loop, ctl, tall, framed=False)
    # the default 9:16 is this clip's own shape: said, nothing to send
    assert "tall.mp4 is already 9:16 (360×640)" in page.ratio_error.text()
    assert not page.submit_button.isEnabled()
    page.set_ratio("1:1")
    ov = page.overlay
    assert ov.plan.rect.size == (360, 360) and ov.plan.movable == (False, True)
    start = ov.frame_rect().center()
    drag(ov, start, start + QPointF(0, -1000))
    assert ov.plan.rect.y == 0 and ov.plan.offsets == (0, 0)
    # a second video gets its own (centred) frame; going back shows the first one's again
    assert drop(page.video_drop, [other])
    run(loop, until(lambda: len(page.ready_videos()) == 2, 20, "second clip"))
    page.video_list.setCurrentRow(1)
    run(loop, until(lambda: page.trimmer.path is not None and page.trimmer.path.name == "other.mp4"
                    and ov.plan is not None and ov.plan.src_w == 640, 20, "second clip shown"))
    assert ov.plan.is_centered
    page.video_list.setCurrentRow(0)
    run(loop, until(lambda: ov.plan is not None and ov.plan.src_w == 360, 20, "first clip again"))
    assert ov.plan.rect.y == 0
    reqs = [page.build_request(v, str(v.path), page.options()) for v in page.ready_videos()]
    assert [(r.offset_x, r.offset_y) for r in reqs] == [(0, 0), (None, None)]
    run(loop, until(lambda: page.submit_button.text() == "Crop: 2 jobs (2 credits)", 10, "both costs"))


def test_bad_input_is_refused_before_anything_reaches_vimmerse(harness, store, loop, qtbot, tmp_path, ffmpeg):
    video = wide(ffmpeg, tmp_path / "clip.mp4", 2)
    photo = make_image(ffmpeg, tmp_path / "photo.png")
    fake = shutil.copy(photo, tmp_path / "photo.mp4")
    text = tmp_path / "notes.mp4"
    text.write_text("not a video at all")
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, TITLE)
    assert drop(page.video_drop, [fake, text])
    run(loop, until(lambda: len(page.videos) == 2 and all(v.state == "bad" for v in page.videos), 20, "refused"))
    assert "photo.mp4" in page.problems.text() and "notes.mp4" in page.problems.text()
    assert not page.submit_button.isEnabled() and page.why_label.text() == "None of the videos can be used."
    assert drop(page.video_drop, [video])
    run(loop, until(lambda: page.overlay is not None and page.overlay.plan is not None, 20, "the clip"))
    # a ratio that is not W:H, one the clip already has, one too far from it: said, not sent
    page.set_ratio("nine by sixteen")
    assert "W:H" in page.ratio_error.text() and not page.submit_button.isEnabled()
    page.set_ratio("16:9")
    assert "already 16:9" in page.ratio_error.text() and not page.submit_button.isEnabled()
    assert "already 16:9" in page.why_label.text()
    page.set_ratio("1:40")
    assert "too extreme a frame" in page.ratio_error.text() and not page.submit_button.isEnabled()
    page.set_ratio("4:1")
    run(loop, until(lambda: page.submit_button.isEnabled(), 10, "a ratio the clip can take"))
    page.set_ratio("4:5")
    run(loop, until(lambda: page.submit_button.isEnabled(), 10, "a good ratio"))
    page.submit()  # Ctrl+Enter's path: still nothing wrong is sent...
    run(loop, until(lambda: page.rows, 30, "sent"))
    wait_done(loop, ctl, list(page.rows))
    stats = sb.vimmerse_stats()
    # ...and the refused files and ratios never reached the sandbox: one upload, one crop
    assert stats["uploads"] == 1 and stats["created"] == {"crop-to-aspect-ratio": 1}


def test_without_a_vimmerse_key_the_tab_says_how_to_add_one(harness, store, loop, qtbot, tmp_path, ffmpeg,
                                                            monkeypatch):
    video = wide(ffmpeg, tmp_path / "clip.mp4", 2)
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = ready_page(loop, ctl, video)
    monkeypatch.setattr(type(ctl.ctx), "has_key", lambda self, pid: False)
    page._connection_changed()
    assert page._key_row.isVisible() and not page.vimmerse_cost.isVisible()
    assert "add your Vimmerse API key" in page.key_label.text()
    assert not page.submit_button.isEnabled() and page.why_label.text() == "Add a Vimmerse key first."
    assert page.key_button.isEnabled()
    qtbot.mouseClick(page.key_button, Qt.MouseButton.LeftButton)
    dlg = ctl.window.keys_dialog
    assert dlg is not None and dlg.isVisible() and dlg.tabs.currentWidget() is dlg.vimmerse
    dlg.close()



def test_a_batch_leaves_out_only_the_clip_that_already_has_the_ratio(harness, store, loop, qtbot, tmp_path, ffmpeg):
    """A landscape and a portrait clip at 9:16: the portrait one is said to be 9:16 already and left
    out; the landscape one is priced and sent (one file used to block the whole batch at Cost 0)."""
    land = wide(ffmpeg, tmp_path / "landscape.mp4", 2)
    tall = wide(ffmpeg, tmp_path / "portrait.mp4", 2, size="360x640")
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = ready_page(loop, ctl, land)
    assert drop(page.video_drop, [tall])
    run(loop, until(lambda: len(page.ready_videos()) == 2, 20, "both clips"))
    assert page.ratio_text == "9:16" and page.mode == "crop"
    run(loop, until(lambda: page.submit_button.isEnabled(), 10, f"the landscape clip priced ({page.why_label.text()})"))
    assert page.submit_button.text() == "Crop (1 credit)"
    assert page.vimmerse_cost.text().startswith("Cost: 1 Vimmerse credit")
    assert [v.name for v, _ in page.skipped] == ["portrait.mp4"]
    assert "Left out: portrait.mp4 is already 9:16 (360×640)" in page.batch_label.text()
    assert page.batch_label.isVisible()
    # the portrait clip shown: its own problem in red, and that the other one is still sent
    page.video_list.setCurrentRow(1)
    run(loop, until(lambda: page.current is not None and page.current.name == "portrait.mp4"
                    and page.ratio_error.isVisible(), 20, "the portrait clip shown"))
    assert "portrait.mp4 is already 9:16" in page.ratio_error.text()
    assert "the other video is sent" in page.ratio_error.text() and page.submit_button.isEnabled()
    page.submit_button.click()
    run(loop, until(lambda: page.rows, 30, "sent"))
    wait_done(loop, ctl, list(page.rows))
    assert sb.vimmerse_stats()["created"] == {"crop-to-aspect-ratio": 1} and len(page.rows) == 1
    assert vim_store(ctl).get(next(iter(page.rows))).input_name == "landscape.mp4"
    # at 16:9 it is the other way round: the landscape clip is left out, the portrait one cropped
    page.set_ratio("16:9")
    run(loop, until(lambda: page.submit_button.text() == "Crop (1 credit)", 10, "the portrait clip priced"))
    assert [v.name for v, _ in page.skipped] == ["landscape.mp4"]
    assert "Left out: landscape.mp4 is already 16:9" in page.batch_label.text()


def test_a_custom_ratio_is_shown_as_typed_and_the_ai_frame_is_said_plainly(harness, store, loop, qtbot, tmp_path,
                                                                          ffmpeg):
    """Custom: no red error before anything is typed, nor while typing; 21:9 stays "21:9" on the frame
    (not 7:3), and AI Reframe says the whole picture is scaled down into the new frame."""
    video = wide(ffmpeg, tmp_path / "clip.mp4", 2)
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = ready_page(loop, ctl, video)
    page.set_mode("reframe")
    qtbot.mouseClick(page.custom_button, Qt.MouseButton.LeftButton)
    assert page.custom_row.isVisible() and page.custom_edit.text() == ""
    assert not page.ratio_error.isVisible(), page.ratio_error.text()
    assert not page.submit_button.isEnabled() and page.why_label.text() == "Type a ratio as W:H, for example 21:9."
    page.custom_edit.setFocus()
    qtbot.keyClicks(page.custom_edit, "21")
    assert not page.ratio_error.isVisible(), page.ratio_error.text()  # still typing
    qtbot.keyClick(page.custom_edit, Qt.Key.Key_Return)
    assert page.ratio_error.isVisible() and "'21' is not an aspect ratio" in page.ratio_error.text()
    qtbot.keyClicks(page.custom_edit, ":9")
    assert not page.ratio_error.isVisible()
    ov = page.overlay
    run(loop, until(lambda: ov.plan is not None, 5, "the 21:9 frame"))
    assert ov.caption() == "21:9 · 640×274, AI fills 24 %"
    assert page.frame_label.text() == ("Result 640×274: the whole 640×360 picture, scaled down to 487×274, in the "
                                       "middle; AI fills the hatched 24 % around it.")
    assert page.options()["aspect_ratio"] == "21:9"
    run(loop, until(lambda: page.submit_button.isEnabled(), 10, "the cost"))


def test_messages_and_results_never_move_the_controls_under_the_cursor(harness, store, loop, qtbot, tmp_path,
                                                                      ffmpeg):
    """A red message takes the place kept for it below the choices (the AI Reframe button stays
    where it was clicked); once a job is sent the player keeps its height (the page scrolls to the
    results instead), and is never tiny in a 1024x700 window."""
    video = wide(ffmpeg, tmp_path / "landscape.mp4", 2)
    ctl = start_app(harness, store, tmp_path / "downloads")
    w = ctl.window
    w.resize(1400, 900)
    page = ready_page(loop, ctl, video)
    run(loop, until(lambda: page.trimmer.player.height() > 0, 5, "the player laid out"))

    def y_of(widget) -> int:
        return widget.mapTo(page, widget.rect().topLeft()).y()

    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    radios = (y_of(page.crop_radio), y_of(page.reframe_radio))
    page.set_ratio("16:9")  # the clip's own shape: a red message
    QApplication.processEvents()
    assert page.ratio_error.isVisible() and "already 16:9" in page.ratio_error.text()
    assert (y_of(page.crop_radio), y_of(page.reframe_radio)) == radios
    page.set_ratio("9:16")
    QApplication.processEvents()
    assert not page.ratio_error.isVisible() and (y_of(page.crop_radio), y_of(page.reframe_radio)) == radios

    player = page.trimmer.player
    before = player.height()
    assert before >= 240, before
    run(loop, until(lambda: page.submit_button.isEnabled(), 10, "the cost"))
    page.submit_button.click()
    run(loop, until(lambda: page.rows and page.results_row.isVisible(), 30, "sent"))
    wait_done(loop, ctl, list(page.rows))
    run(loop, until(lambda: page.result.result_path is not None, 20, "the result"))
    QApplication.processEvents()
    assert player.height() >= before - 2, (before, player.height())
    # a small window: the player stays big enough to drag the frame on; the page scrolls down
    w.resize(1024, 700)
    run(loop, until(lambda: w.width() == 1024, 5, "resized"))
    QApplication.processEvents()
    assert player.height() >= page.PLAYER_MIN_HEIGHT


def test_the_wheel_scrolls_the_page_not_the_values_under_the_cursor(harness, store, loop, qtbot, tmp_path, ffmpeg):
    """Scrolling down the tab with the wheel over the cut mode or the in point leaves them alone and
    scrolls the page (it switched Smart cut to Copy on the way); clicked, they take the wheel."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    video = wide(ffmpeg, tmp_path / "clip.mp4", 2)
    ctl = start_app(harness, store, tmp_path / "downloads")
    ctl.window.resize(1024, 700)
    page = ready_page(loop, ctl, video)
    run(loop, until(lambda: page.page_scroll.verticalScrollBar().maximum() > 0, 5, "a page taller than the window"))
    tr = page.trimmer
    bar = page.page_scroll.verticalScrollBar()

    def wheel(w, down: bool = True) -> None:
        pos = QPointF(w.rect().center())
        ev = QWheelEvent(pos, QPointF(w.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, -120 if down else 120),
                         Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(w, ev)

    mode, start = tr.mode_combo.currentIndex(), tr.in_spin.value()
    assert not tr.mode_combo.hasFocus()
    before = bar.value()
    wheel(tr.mode_combo)
    assert tr.mode_combo.currentIndex() == mode and bar.value() > before
    wheel(tr.in_spin, down=False)
    assert tr.in_spin.value() == start
    # once the control has the focus, the wheel is its own
    tr.mode_combo.setFocus()
    run(loop, until(lambda: tr.mode_combo.hasFocus(), 5, "the focus"))
    wheel(tr.mode_combo)
    assert tr.mode_combo.currentIndex() != mode
