"""Video Enhance tab, end to end against the sandbox (which upscales 2x with Lanczos): drop a clip,
trim to 5 s, see the cost (15 credits; 25 with HD), submit, watch the queue, then the compare
view: an upscaled result shown at the original's display size, seek, frame step, modes and zoom
on the same region. Batches, a low balance and bad input; charges equal the estimates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import make_clip, make_image
from tests.e2e.helpers import (
    drop,
    forgive_multimedia_noise,
    open_tab,
    panel_rows,
    queue_panel,
    start_app,
)
from tests.ui.conftest import run, until
from verging_desktop.jobs.store import DownloadState, LocalStatus
from verging_desktop.sandbox import DEMO_KEY


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def clip(ffmpeg: str, path: Path, seconds: float, size: str = "160x120") -> Path:
    return make_clip(ffmpeg, path, seconds=seconds, size=size, gop=25)


def wait_done(loop, ctl, ids, timeout=60):
    st = ctl.ctx.jobs.queue.store
    run(loop, until(lambda: all(st.get(i).status is LocalStatus.COMPLETED
                                and st.get(i).download_state is DownloadState.DONE for i in ids), timeout,
                    "jobs completed and downloaded"))


def test_enhance_trim_cost_submit_and_compare_the_upscale(harness, store, loop, qtbot, tmp_path, ffmpeg):
    video = clip(ffmpeg, tmp_path / "street.mp4", 7)
    downloads = tmp_path / "downloads"
    ctl = start_app(harness, store, downloads)
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Video Enhance")
    panel = queue_panel(loop, ctl)
    assert page.face_drop is None and page.consent_box is None
    assert "3 credits per second" in page.price_label.text() and "HD: 5 credits per second" in page.price_label.text()
    assert drop(page.video_drop, [video])
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None, 15, "trimmer"))
    page.trimmer.set_selection(2.0, 7.0)
    assert page.cost.text().startswith("Cost: 15 credits (5 s x 3 credits/s)")
    page.hd_box.setChecked(True)
    assert page.cost.text().startswith("Cost: 25 credits (5 s x 5 credits/s (HD))")
    assert page.submit_button.text() == "Enhance (25 credits)"
    page.hd_box.setChecked(False)
    assert page.submit_button.isEnabled() and page.submit_button.text() == "Enhance (15 credits)"
    before, balance = sb.stats()["charged"], sb.credits(DEMO_KEY)
    page.submit_button.click()
    run(loop, until(lambda: page.rows, 20, "sent"))
    lid = next(iter(page.rows))
    run(loop, until(lambda: any(r[0] == "Video Enhance" for r in panel_rows(panel)), 5, "queue row"))
    wait_done(loop, ctl, [lid])
    rec = ctl.ctx.jobs.queue.store.get(lid)
    assert rec.estimated_credits == 15 and rec.charged_credits == 15 and rec.params["hd"] is False
    assert sb.stats()["charged"] - before == 15 and balance - sb.credits(DEMO_KEY) == 15
    assert sb.stats()["create_jobs"]["video_enhance"] == 1
    assert (downloads / "street_enhanced.mp4").is_file()
    run(loop, until(lambda: any(r[3] == "15 est. / 15 charged" for r in panel_rows(panel)), 5, "credits column"))

    # the compare view: the cut (160x120) against the 2x upscale (320x240), frame for frame
    res = page.result
    c = res.compare
    run(loop, until(lambda: res.result_path is not None and c.original.frames_seen and c.result.frames_seen
                    and c.duration() > 0, 15, "compare loaded"))
    run(loop, until(lambda: c.info.text() == "Original 160×120 · Result 320×240", 5, "sizes"))
    ref = c.canvas.reference_size()
    assert (ref.width(), ref.height()) == (320, 240)  # both drawn at the same display size
    c.seek(3000)
    run(loop, until(lambda: abs(c.original.frame_ms - 3000) <= 40 and c.original.frame_ms == c.result.frame_ms,
                    10, "both at 3 s"))
    at = c.original.frame_ms
    c.step(-1)
    run(loop, until(lambda: c.original.frame_ms == at - 40 and c.result.frame_ms == at - 40, 10, "frame back"))
    # play a little: they stay on the same frame
    c.play()
    run(loop, until(lambda: c.original.frame_ms >= at + 200, 10, "playing"))
    c.pause()
    run(loop, until(lambda: c.original.frame_ms == c.result.frame_ms, 10, "same frame when paused"))
    # the three modes and 100 % / 200 % on the same region of both
    for mode in ("side", "toggle", "wipe"):
        c.set_mode(mode)
        assert c.mode == mode and not c.canvas.grab().toImage().isNull()
    c.set_mode("side")
    for z in (1.0, 2.0):
        c.set_zoom(z)
        left, right = c.canvas.viewports()
        tl, tr = c.canvas.target_rect(left), c.canvas.target_rect(right)
        assert tl.width() == pytest.approx(320 * z / c.canvas.devicePixelRatioF())
        assert (left.center().x() - tl.left()) / tl.width() == pytest.approx(
            (right.center().x() - tr.left()) / tr.width())


def test_batch_low_balance_and_bad_input(harness, store, loop, qtbot, tmp_path, ffmpeg):
    a = clip(ffmpeg, tmp_path / "a.mp4", 2)
    b = clip(ffmpeg, tmp_path / "b.mp4", 3)
    photo = make_image(ffmpeg, tmp_path / "photo.png")
    image_named_mp4 = shutil.copy(photo, tmp_path / "photo.mp4")
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    sb.set_credits(DEMO_KEY, 10)
    run(loop, ctl.session.wait_refreshed())
    page = open_tab(loop, ctl, "Video Enhance")
    assert drop(page.video_drop, [a, b, photo, image_named_mp4])
    run(loop, until(lambda: len(page.videos) == 4 and all(v.state != "checking" for v in page.videos), 20,
                    "checked"))
    assert [v.state for v in page.videos] == ["ready", "ready", "bad", "bad"]
    assert "photo.png is an image, not a video" in page.problems.text()
    assert "photo.mp4 is an image, not a video" in page.problems.text()
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None, 15, "trimmer"))
    # 2 s + 3 s at 3 credits/s = 15 credits, more than the 10 in the account
    assert page.cost.text().startswith("Cost: 15 credits (2 jobs, 5 s in all x 3 credits/s)")
    assert "5 credits short" in page.cost.text() and page.cost.buy.isVisible()
    assert not page.submit_button.isEnabled()
    sb.set_credits(DEMO_KEY, 100)
    run(loop, ctl.session.wait_refreshed())
    assert page.submit_button.isEnabled() and page.submit_button.text() == "Enhance: 2 jobs (15 credits)"
    page.submit_button.click()
    run(loop, until(lambda: len(page.rows) == 2, 30, "sent"))
    wait_done(loop, ctl, list(page.rows))
    st = ctl.ctx.jobs.queue.store
    assert sorted(st.get(i).estimated_credits for i in page.rows) == [6, 9]
    stats = sb.stats()
    assert stats["charged"] == 15 and stats["create_jobs"]["video_enhance"] == 2 and stats["uploads"] == 2
    assert sb.credits(DEMO_KEY) == 85


def test_a_failed_enhancement_is_sent_again_after_showing_the_cost(harness, store, loop, qtbot, tmp_path, ffmpeg):
    video = clip(ffmpeg, tmp_path / "v.mp4", 2)
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Video Enhance")
    assert drop(page.video_drop, [video])
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None, 15, "trimmer"))
    sb.fail_next(1)
    page.submit_button.click()
    run(loop, until(lambda: page.rows, 20, "sent"))
    first = next(iter(page.rows))
    st = ctl.ctx.jobs.queue.store
    run(loop, until(lambda: st.get(first).status is LocalStatus.FAILED, 30, "failed"))
    res = page.result
    run(loop, until(lambda: res.retry_button.isVisible(), 5, "retry button"))
    asked = []
    page.confirm = lambda title, text, yes: (asked.append(text), yes())
    res.retry_button.click()
    assert asked and "costs about 6 credits" in asked[0]
    run(loop, until(lambda: len(page.rows) == 2, 20, "sent again"))
    second = max(page.rows)
    wait_done(loop, ctl, [second])
    assert res.local_id == second and st.get(second).estimated_credits == st.get(second).charged_credits == 6
    stats = sb.stats()
    assert stats["create_jobs"]["video_enhance"] == 2
    assert stats["charged"] - stats["refunded"] == 6 and sb.credits(DEMO_KEY) == 1000 - 6
