"""Replace Background tab, end to end through the real app against the sandbox: drop a green-screen
clip and a background image with real drop events, trim, place the person (alignment, the scale
slider and its number, offsets), pick the key colour from the frame with the mouse, see the
placement preview and the cost, submit once, watch the job in the queue, compare before and after,
save. Exactly one kind of background is sent; none is refused before anything is uploaded; the
charge equals the estimate."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.conftest import make_clip, make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, panel_rows, queue_panel, start_app
from tests.ui.conftest import run, until
from tests.ui.test_double_submit import double_click
from verging_desktop.jobs.store import DownloadState, LocalStatus
from verging_desktop.media.probe import probe
from verging_desktop.services import vimmerse_background as rb

ESTIMATE = "POST /vimmerse/v2/video/estimate-credits"


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def green_screen(ffmpeg: str, path: Path, seconds: float = 4.0) -> Path:
    """A person-sized box of test pattern in front of a pure green backdrop, with sound."""
    subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", f"color=c=0x00ff00:s=160x120:r=25:d={seconds}",
                    "-f", "lavfi", "-i", f"testsrc2=s=60x90:r=25:d={seconds}",
                    "-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=44100:duration={seconds}",
                    "-filter_complex", "[0:v][1:v]overlay=50:30[v]", "-map", "[v]", "-map", "2:a",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv444p", "-g", "25",
                    "-c:a", "aac", "-shortest", str(path)], check=True, timeout=120)
    return path


def wheel(widget) -> None:
    """One notch of the mouse wheel over ``widget`` (up)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    pos = QPointF(widget.rect().center())
    ev = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, 120),
                     Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, ev)


def wait_done(loop, ctl, lid, timeout=90):
    st = ctl.ctx.jobs.queue.store
    run(loop, until(lambda: st.get(lid).status is LocalStatus.COMPLETED
                    and st.get(lid).download_state is DownloadState.DONE, timeout, "job completed and downloaded"))
    return st.get(lid)


def test_place_pick_the_key_submit_compare_and_save(harness, store, loop, qtbot, tmp_path, ffmpeg):
    video = green_screen(ffmpeg, tmp_path / "interview green screen.mp4")
    beach = make_image(ffmpeg, tmp_path / "beach.jpg", size="320x180")
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    key = sb.vimmerse_demo_key
    page = open_tab(loop, ctl, "Replace Background")
    panel = queue_panel(loop, ctl)
    assert drop(page.video.zone, [video])
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None, 20, "trimmer"))
    # no background chosen yet: refused in words, nothing asked
    assert "Choose the new background" in page.why_label.text() and not page.submit_button.isEnabled()
    qtbot.mouseClick(page.bg_buttons[rb.BG_IMAGE], Qt.MouseButton.LeftButton)
    assert drop(page.bg_image.zone, [beach])
    run(loop, until(lambda: page.bg_image.ready_file, 10, "background checked"))
    page.trimmer.set_selection(0.0, 3.0)
    # place: left, half the background's height, 10 px right
    page.align.setCurrentIndex(page.align.findData("left"))
    page.scale_slider.setValue(50)
    assert page.scale_spin.value() == pytest.approx(0.5)
    page.scale_spin.setValue(0.55)
    assert page.scale_slider.value() == 55
    page.scale_spin.setValue(0.5)
    page.x_off.setValue(10)
    r = page.preview.fg_rect()
    assert r is not None
    frame, s = page.preview._frame()
    assert (r.x() - frame.x()) / s == pytest.approx(10, abs=0.01)  # left edge + 10 px of the background
    assert (frame.bottom() - r.bottom()) / s == pytest.approx(0, abs=0.01)  # standing on the bottom edge
    assert r.height() / s == pytest.approx(90, abs=1)  # half of 180
    # pick the key colour from the frame: the backdrop's corner, with the mouse
    qtbot.mouseClick(page.pick_button, Qt.MouseButton.LeftButton)
    assert page.preview.picking
    qtbot.mouseClick(page.preview, Qt.MouseButton.LeftButton, pos=QPoint(int(r.x()) + 2, int(r.y()) + 2))
    c = page.key_color
    assert c is not None and c[1] > 230 and c[0] < 30 and c[2] < 30 and page.key_picked.isChecked()
    assert not page.preview.picking
    # 3 s of video: one 5-second block at 8 credits, Vimmerse's estimate
    run(loop, until(lambda: "Cost: 8 Vimmerse credits (Vimmerse's estimate)" in page.cost_label.text()
                    and page.submit_button.isEnabled(), 15, "cost"))
    assert "for 3.0 s of video" in page.cost_label.text()
    before = sb.vimmerse_credits(key)
    double_click(page.submit_button)
    run(loop, until(lambda: page.rows, 60, "in the queue"))
    lid = next(iter(page.rows))
    run(loop, until(lambda: any(r[0].startswith("Replace Background") for r in panel_rows(panel)), 10, "queue row"))
    rec = wait_done(loop, ctl, lid)
    assert sb.vimmerse_stats()["created"] == {"replace-background": 1}
    assert rec.estimated_credits == rec.charged_credits == 8 and before - sb.vimmerse_credits(key) == 8
    req = rec.params["request"]
    assert req["alignment"] == "left" and req["overlay_scale"] == "0.5" and req["x_offset"] == 10
    assert req["chroma_key_color"] == rb.key_color_text(c) and req["bg_image_url"] and not req.get("bg_video_url")
    assert not req.get("prompt")
    # the compare view: the uploaded cut against the result on the background's canvas
    res = page.result
    run(loop, until(lambda: res.result_path is not None and res.view == "compare", 15, "compare"))
    cv = res.compare
    run(loop, until(lambda: cv.original.frames_seen and cv.result.frames_seen, 20, "both frames"))
    run(loop, until(lambda: cv.info.full_text() == "Original 160×120 · Result 320×180", 10, "sizes"))
    assert probe(res.result_path).duration == pytest.approx(3.0, abs=0.15)
    out = res.save_to(tmp_path / "saved.mp4")
    assert out is not None and out.is_file()
    # Send to: the other tools that take a video (not this one); Lip Sync takes it as the face
    targets = [a.objectName() for a in res.send_menu.actions()]
    assert "sendTo-lip-sync" in targets and "sendTo-replace-background" not in targets
    line = res.send_to("lip-sync")
    assert "opened in Lip Sync" in line
    lip = ctl.window.pages["Lip Sync"].content
    run(loop, until(lambda: lip.face.ready_file is not None, 20, "the result as Lip Sync's face"))
    assert lip.face.ready_file.path == res.result_path and lip.face.ready_file.kind == "video"
    # switching to the plain player works too
    res.play_view.click()
    assert res.view == "play"


def test_exactly_one_background_and_none_is_refused(harness, store, loop, qtbot, tmp_path, ffmpeg):
    video = make_clip(ffmpeg, tmp_path / "v.mp4", seconds=2, size="160x120")
    bg_video = make_clip(ffmpeg, tmp_path / "waves.mp4", seconds=2, size="320x180", audio=False)
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Replace Background")
    assert drop(page.video.zone, [video])
    run(loop, until(lambda: page.video.ready_file, 20, "video"))
    assert "Choose the new background" in page.why_label.text()
    # scrolling the page past a slider does not change it (only once it has the focus)
    tol = page.tol_slider.value()
    wheel(page.tol_slider)
    assert page.tol_slider.value() == tol
    page.tol_slider.setFocus()
    wheel(page.tol_slider)
    assert page.tol_slider.value() != tol
    page.tol_slider.setValue(tol)
    page.bg_buttons[rb.BG_PROMPT].setChecked(True)
    assert "prompt is empty" in page.why_label.text()
    page.bg_buttons[rb.BG_IMAGE].setChecked(True)
    assert drop(page.bg_image.zone, [video])  # a video where an image goes
    run(loop, until(lambda: not page.bg_image.checking, 10, "checked"))
    assert page.bg_image.file.state == "bad" and page.bg_image.error.isVisible()
    assert not page.submit_button.isEnabled()
    page.submit()
    assert sb.vimmerse_stats()["uploads"] == 0 and not sb.vimmerse_stats()["created"]
    assert sb.stats()["requests"].get(ESTIMATE, 0) == 0
    # a video background: only it is sent (the image slot's file is not)
    page.bg_buttons[rb.BG_VIDEO].setChecked(True)
    assert drop(page.bg_video.zone, [bg_video])
    run(loop, until(lambda: page.bg_video.ready_file and page.submit_button.isEnabled(), 20, "ready"))
    page.submit_button.click()
    run(loop, until(lambda: page.rows, 30, "in the queue"))
    rec = wait_done(loop, ctl, next(iter(page.rows)))
    req = rec.params["request"]
    assert req["bg_video_url"] and not req.get("bg_image_url") and not req.get("prompt")
    assert rec.estimated_credits == rec.charged_credits
    assert sb.vimmerse_stats()["uploads"] == 2
