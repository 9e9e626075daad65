"""Face Swap tab, end to end against the sandbox: drag a video and a face in, trim to 5 s, see the
cost (5 credits; 15 with HD), tick the consent box, submit, watch the steps and the job in the
queue, compare and seek; batches; a low balance; every kind of bad input; retry of a failure.
The sandbox's charge always equals the app's estimate."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

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


def clip(ffmpeg: str, path: Path, seconds: float) -> Path:
    return make_clip(ffmpeg, path, seconds=seconds, size="160x120", gop=25)


def jobs_of(ctl):
    return ctl.ctx.jobs.queue.store


def wait_loaded(loop, page, name: str):
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None
                    and page.trimmer.path.name == name and page.current is not None
                    and page.current.name == name, 15, f"{name} in the trimmer"))


def wait_done(loop, ctl, ids, timeout=60):
    st = jobs_of(ctl)
    run(loop, until(lambda: all(st.get(i).status is LocalStatus.COMPLETED
                                and st.get(i).download_state is DownloadState.DONE for i in ids), timeout,
                    "jobs completed and downloaded"))


def sent_ids(page) -> list[int]:
    return sorted(page.rows)


def test_drop_trim_cost_consent_submit_queue_and_compare(harness, store, loop, qtbot, tmp_path, ffmpeg):
    video = clip(ffmpeg, tmp_path / "holiday.mp4", 8)
    face = make_image(ffmpeg, tmp_path / "face.png")
    downloads = tmp_path / "downloads"
    ctl = start_app(harness, store, downloads)
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Face Swap")
    panel = queue_panel(loop, ctl)
    assert page.trimmer is None  # made with the first video
    assert not page.submit_button.isEnabled() and page.why_label.text() == "Drop a video."

    assert drop(page.video_drop, [video])
    assert drop(page.face_drop, [face])
    wait_loaded(loop, page, "holiday.mp4")
    run(loop, until(lambda: page.ready_faces(), 10, "the face"))
    # the face preview is shown in its drop zone
    assert page.face_drop.preview.isVisible() and "face.png · 256×256" in page.face_drop.caption.text()
    # the whole 8 s clip to start with
    assert page.cost.text().startswith("Cost: 8 credits (8 s x 1 credit/s)")
    # trim to 5 s: the cost follows
    page.trimmer.set_selection(1.0, 6.0)
    assert page.trimmer.selection() == pytest.approx((1.0, 6.0))
    assert page.cost.text().startswith("Cost: 5 credits (5 s x 1 credit/s)")
    assert "Balance: 1,000 credits" in page.cost.text()
    page.hd_box.click()
    assert page.cost.text().startswith("Cost: 15 credits (5 s x 3 credits/s (HD))")
    page.hd_box.click()
    assert page.cost.credits == 5
    # consent is required (once per face)
    assert not page.consent_box.isChecked() and not page.submit_button.isEnabled()
    assert "right to use this face" in page.why_label.text()
    page.consent_box.click()
    assert page.submit_button.isEnabled() and page.submit_button.text() == "Swap face (5 credits)"
    before, balance = sb.stats()["charged"], sb.credits(DEMO_KEY)

    page.submit_button.click()
    rows = page.steps.rows()
    assert len(rows) == 1 and rows[0].title.full_text() == "holiday.mp4 + face.png"
    assert rows[0].title.toolTip() == "holiday.mp4 + face.png"
    steps_seen: set[str] = set()

    async def watch():
        while not page.rows:
            steps_seen.add(rows[0].step.text().split("…")[0])
            await until(lambda: True)
            await __import__("asyncio").sleep(0.01)

    run(loop, watch())
    assert any(s.startswith("Cutting") for s in steps_seen)
    lid = sent_ids(page)[0]
    # the job is in the queue panel at once; the tab is free for the next job meanwhile
    run(loop, until(lambda: any(r[0] == "Face Swap" for r in panel_rows(panel)), 5, "queue row"))
    assert page.submit_button.isEnabled()
    wait_done(loop, ctl, [lid])
    rec = jobs_of(ctl).get(lid)
    assert rec.estimated_credits == 5 and rec.charged_credits == 5
    assert sb.stats()["charged"] - before == 5 and balance - sb.credits(DEMO_KEY) == 5
    assert sb.stats()["create_jobs"]["faceswap"] == 1
    assert rec.params["duration"] == pytest.approx(5.0, abs=0.05)
    # the uploaded cut is kept under <data>/cuts and is the compare view's original
    assert Path(rec.inputs[0]).parent == Path(ctl.ctx.dirs.data) / "cuts"
    assert (downloads / "holiday_faceswap.mp4").is_file()
    run(loop, until(lambda: "charged 5 credits" in rows[0].step.text(), 5, "charge on the row"))
    assert "estimated 5 credits" in rows[0].step.text()
    run(loop, until(lambda: any(r[2] == "Completed, saved" and r[3] == "5 est. / 5 charged" for r in panel_rows(panel)),
                    5, "queue row completed"))

    # the compare view: the cut and the result, in sync; seek and step
    res = page.result
    cmp_ = res.compare
    run(loop, until(lambda: res.result_path is not None and cmp_.kind == "video" and cmp_.original.frames_seen
                    and cmp_.result.frames_seen and cmp_.duration() > 0, 15, "compare loaded"))
    assert res.charge.text() == "Estimated 5 credits · charged 5 credits"
    assert abs(cmp_.duration() - 5000) < 100
    cmp_.slider.setValue(2000)
    run(loop, until(lambda: abs(cmp_.original.frame_ms - 2000) <= 40 and abs(cmp_.result.frame_ms - 2000) <= 40,
                    10, "both at 2 s"))
    at = cmp_.original.frame_ms
    cmp_.step(1)
    run(loop, until(lambda: cmp_.original.frame_ms == at + 40 and cmp_.result.frame_ms == at + 40, 10, "step"))
    assert res.save_button.isEnabled() and res.folder_button.isEnabled() and not res.retry_button.isVisible()
    mine = tmp_path / "mine.mp4"
    mine.write_bytes(b"my own film")
    out = res.save_to(mine)  # exists: never overwritten silently
    assert out.name == "mine (2).mp4" and mine.read_bytes() == b"my own film"
    assert out.read_bytes() == (downloads / "holiday_faceswap.mp4").read_bytes()

    # double-click in the queue shows the job in this tab
    res.compare.clear()
    ctl.window.open_job("face-swap", lid)
    assert res.local_id == lid and res.title.text() == "Result: holiday.mp4"

    # consent is remembered per face content for the session: the same picture under another name
    page.clear_faces()
    assert not page.consent_box.isChecked()
    same = shutil.copy(face, tmp_path / "same-face.png")
    other = make_image(ffmpeg, tmp_path / "other.jpg", size="200x200")
    assert drop(page.face_drop, [same])
    run(loop, until(lambda: page.ready_faces(), 10, "face again"))
    assert page.consent_box.isChecked() and page.submit_button.isEnabled()
    page.clear_faces()
    assert drop(page.face_drop, [other])
    run(loop, until(lambda: page.ready_faces(), 10, "another face"))
    assert not page.consent_box.isChecked() and not page.submit_button.isEnabled()


def test_batch_several_videos_one_face_and_one_video_several_faces(harness, store, loop, qtbot, tmp_path, ffmpeg):
    short = clip(ffmpeg, tmp_path / "a.mp4", 2)
    mid = clip(ffmpeg, tmp_path / "b.mp4", 3)
    long = clip(ffmpeg, tmp_path / "long.mp4", 32)
    face = make_image(ffmpeg, tmp_path / "face.png")
    face2 = make_image(ffmpeg, tmp_path / "face2.jpg", size="200x200")
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Face Swap")
    assert drop(page.video_drop, [short, mid, long])
    assert drop(page.face_drop, [face])
    run(loop, until(lambda: len(page.ready_videos()) == 3 and page.ready_faces(), 20, "inputs checked"))
    wait_loaded(loop, page, "a.mp4")
    page.consent_box.click()
    # one job each, the same settings; the long one sends its first 30 s (and says so)
    jobs, why = page.plan()
    assert why == "" and [(j.video.name, j.end - j.start) for j in jobs] == [
        ("a.mp4", pytest.approx(2.0, abs=0.05)), ("b.mp4", pytest.approx(3.0, abs=0.05)),
        ("long.mp4", pytest.approx(30.0, abs=0.05))]
    assert page.cost.text().startswith("Cost: 35 credits (3 jobs, 35 s in all x 1 credit/s)")
    assert "first 30 s" in page.batch_label.text() and page.batch_label.isVisible()
    assert "the first 30 s unless trimmed" in page.video_named("long.mp4").widget.text()
    assert page.submit_button.text() == "Swap face: 3 jobs (35 credits)"
    before = sb.stats()["charged"]
    page.submit_button.click()
    run(loop, until(lambda: len(page.rows) == 3, 60, "three jobs sent"))
    wait_done(loop, ctl, sent_ids(page), timeout=90)
    st = jobs_of(ctl)
    est = [st.get(i).estimated_credits for i in sent_ids(page)]
    assert sorted(est) == [2, 3, 30]
    assert sb.stats()["charged"] - before == sum(est) == 35
    assert [st.get(i).charged_credits for i in sent_ids(page)] == est

    # one video with several faces: one job per face, named after both
    page.clear_videos()
    assert drop(page.video_drop, [mid])
    assert drop(page.face_drop, [face2])
    run(loop, until(lambda: len(page.ready_faces()) == 2 and page.ready_videos(), 15, "inputs"))
    wait_loaded(loop, page, "b.mp4")
    assert not page.consent_box.isChecked()  # face2 is new
    page.consent_box.click()
    assert page.cost.text().startswith("Cost: 6 credits (2 jobs, 6 s in all x 1 credit/s)")
    # several videos with several faces is refused with a reason
    assert drop(page.video_drop, [short])
    run(loop, until(lambda: len(page.ready_videos()) == 2, 10, "second video"))
    assert not page.submit_button.isEnabled() and "one face with several videos" in page.why_label.text()
    page.clear_videos()
    assert drop(page.video_drop, [mid])
    run(loop, until(lambda: len(page.ready_videos()) == 1 and page.current is not None, 10, "one video again"))
    wait_loaded(loop, page, "b.mp4")
    before = sb.stats()["charged"]
    n0 = len(page.rows)
    page.submit_button.click()
    # b.mp4 with face.png was part of the first batch: the app asks before sending it again
    box = page.guard.dialog
    assert box is not None and box.isVisible()
    assert box.text().startswith("1 of these jobs is the same as one you sent ")
    assert box.text().endswith("Send all 2 jobs for 6 credits?")
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    run(loop, until(lambda: len(page.rows) == n0 + 2, 30, "two jobs sent"))
    new = sent_ids(page)[n0:]
    wait_done(loop, ctl, new)
    assert sorted(st.get(i).input_name for i in new) == ["b-face.mp4", "b-face2.mp4"]
    assert sb.stats()["charged"] - before == sum(st.get(i).estimated_credits for i in new) == 6


def test_low_balance_shows_the_shortfall_and_a_link(harness, store, loop, qtbot, tmp_path, ffmpeg):
    video = clip(ffmpeg, tmp_path / "v.mp4", 6)
    face = make_image(ffmpeg, tmp_path / "face.png")
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    sb.set_credits(DEMO_KEY, 3)
    run(loop, ctl.session.wait_refreshed())
    page = open_tab(loop, ctl, "Face Swap")
    assert drop(page.video_drop, [video]) and drop(page.face_drop, [face])
    wait_loaded(loop, page, "v.mp4")
    run(loop, until(lambda: page.ready_faces(), 10, "face"))
    page.consent_box.click()
    page.trimmer.set_selection(0.0, 5.0)
    text = page.cost.text()
    assert "Cost: 5 credits" in text and "Balance: 3 credits" in text and "2 credits short" in text
    assert page.cost.buy.isVisible() and "https://verging.ai/pricing" in page.cost.buy.text()
    assert not page.submit_button.isEnabled() and "Not enough credits: 2 credits short" in page.why_label.text()
    page.trimmer.set_selection(0.0, 3.0)
    assert page.submit_button.isEnabled() and not page.cost.buy.isVisible()
    # a submission can be cancelled while it is being prepared: nothing is sent
    page.submit_button.click()
    row = page.steps.rows()[0]
    # Cancel really cancels (before anything is sent); Hide would only take the card away
    assert not row.cancel_button.isHidden() and row.close_button.text() == "Hide"
    row.cancel_button.click()
    run(loop, until(lambda: row.done, 10, "cancelled"))
    assert row.failed and "Cancelled before sending; nothing was charged." in row.step.text()
    assert sb.stats()["create_jobs"]["faceswap"] == 0 and sb.stats()["uploads"] == 0


def noise_png(path: Path) -> Path:
    import os

    from PySide6.QtGui import QImage

    w, h = 2000, 1900
    img = QImage(os.urandom(w * h * 3), w, h, w * 3, QImage.Format.Format_RGB888)
    assert img.save(str(path), "PNG")
    return path


def test_bad_inputs_are_refused_with_reasons_and_never_sent(harness, store, loop, qtbot, tmp_path, ffmpeg):
    good = clip(ffmpeg, tmp_path / "good.mp4", 2)
    face = make_image(ffmpeg, tmp_path / "face.png")
    text_png = tmp_path / "face.txt.png"
    text_png.write_text("hello")
    video_as_face = shutil.copy(good, tmp_path / "selfie.jpg")
    gif = tmp_path / "face.gif"
    subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=64x64:rate=1:duration=1", "-frames:v", "1", str(gif)], check=True)
    huge = noise_png(tmp_path / "huge.png")
    image_as_video = shutil.copy(face, tmp_path / "clip.mp4")
    not_media = tmp_path / "notes.mp4"
    not_media.write_text("not a video at all")
    truncated = tmp_path / "cut-short.mp4"
    truncated.write_bytes(good.read_bytes()[:2000])

    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Face Swap")
    assert drop(page.face_drop, [text_png, video_as_face, gif, huge])
    run(loop, until(lambda: len(page.faces) == 4 and all(f.state != "checking" for f in page.faces), 15, "faces"))
    assert [f.state for f in page.faces] == ["bad"] * 4
    reasons = page.problems.text()
    assert "face.txt.png is not a readable image" in reasons
    assert "selfie.jpg is a video, not an image" in reasons
    assert "face.gif is a GIF image" in reasons
    assert "huge.png is" in reasons and "at most 10 MB" in reasons
    # refused files are listed in one compact notice, not as rows of the face list
    assert page.problems.isVisible() and page.problems.summary.text() == "4 files not added"
    assert not page.face_list.isVisible()
    assert not page.submit_button.isEnabled()

    # a batch of videos where some are bad: the good one goes, the bad ones are listed
    assert drop(page.video_drop, [image_as_video, good, not_media, truncated])
    run(loop, until(lambda: len(page.videos) == 4 and all(v.state != "checking" for v in page.videos), 20,
                    "videos"))
    assert not page.submit_button.isEnabled() and "None of the face images can be used" in page.why_label.text()
    assert drop(page.face_drop, [face])
    run(loop, until(lambda: page.ready_faces(), 20, "the good face"))
    assert {v.name: v.state for v in page.videos} == {"clip.mp4": "bad", "good.mp4": "ready", "notes.mp4": "bad",
                                                      "cut-short.mp4": "bad"}
    reasons = page.problems.text()
    assert "clip.mp4 is an image, not a video" in reasons
    assert "notes.mp4 is not a media file" in reasons
    assert "cut-short.mp4" in reasons
    wait_loaded(loop, page, "good.mp4")
    page.consent_box.click()
    jobs, why = page.plan()
    assert why == "" and [j.video.name for j in jobs] == ["good.mp4"]
    assert page.cost.credits == 2
    page.submit_button.click()
    run(loop, until(lambda: len(page.rows) == 1, 20, "sent"))
    wait_done(loop, ctl, sent_ids(page))
    stats = sb.stats()
    assert stats["create_jobs"]["faceswap"] == 1 and stats["uploads"] == 1 and stats["charged"] == 2


def test_failed_job_is_retried_with_the_cost_shown(harness, store, loop, qtbot, tmp_path, ffmpeg):
    video = clip(ffmpeg, tmp_path / "v.mp4", 2)
    face = make_image(ffmpeg, tmp_path / "face.png")
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Face Swap")
    assert drop(page.video_drop, [video]) and drop(page.face_drop, [face])
    wait_loaded(loop, page, "v.mp4")
    run(loop, until(lambda: page.ready_faces(), 10, "face"))
    page.consent_box.click()
    sb.fail_next(1)
    page.submit_button.click()
    run(loop, until(lambda: page.rows, 20, "sent"))
    lid = sent_ids(page)[0]
    st = jobs_of(ctl)
    run(loop, until(lambda: st.get(lid).status is LocalStatus.FAILED, 30, "failed"))
    res = page.result
    run(loop, until(lambda: res.retry_button.isVisible(), 5, "retry button"))
    assert "Failed" in res.status.text() and "a failed job is not charged" in res.charge.text()
    row = page.rows[lid]
    assert row.failed and "Failed" in row.step.text()
    asked = []
    page.confirm = lambda title, text, yes: (asked.append(text), yes())
    res.retry_button.click()
    assert asked and "charges again: about 2 credits" in asked[0]
    wait_done(loop, ctl, [lid])
    assert sb.stats()["create_jobs"]["faceswap"] == 1  # retried on the server, not created again
    assert st.get(lid).attempts == 2
    # charged twice, the failed one refunded: the balance went down by the estimate once
    assert sb.stats()["charged"] - sb.stats()["refunded"] == st.get(lid).estimated_credits == 2
    assert sb.credits(DEMO_KEY) == 1000 - 2
    run(loop, until(lambda: not res.retry_button.isVisible() and res.result_path is not None, 10, "result"))


def test_a_dropped_video_is_probed_once_and_a_short_whole_mp4_goes_up_uncut(
        harness, store, loop, qtbot, tmp_path, ffmpeg, monkeypatch):
    """The shared video use case (jobs.prepare): one probe of the dropped file feeds the page's
    check, the trimmer and the plan; a short H.264/AAC MP4 whose selection is the whole file is
    uploaded as it is (the uploaded bytes are the file's), not cut."""
    import verging_desktop.media.probe as media_probe
    from verging_desktop.sandbox.jobs import resolve_upload

    video = clip(ffmpeg, tmp_path / "whole.mp4", 3)
    face = make_image(ffmpeg, tmp_path / "face.png")
    probed: list[Path] = []
    real = media_probe.aprobe

    async def counting(path, *args, **kwargs):
        probed.append(Path(path).absolute())
        return await real(path, *args, **kwargs)

    monkeypatch.setattr(media_probe, "aprobe", counting)
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Face Swap")
    assert drop(page.video_drop, [video]) and drop(page.face_drop, [face])
    wait_loaded(loop, page, "whole.mp4")
    run(loop, until(lambda: page.ready_faces(), 10, "face"))
    # the trimmer shows the page's probe: the selection is the whole clip
    assert page.trimmer.info is page.current.info
    assert page.trimmer.selection() == pytest.approx((0.0, 3.0), abs=0.05)
    page.consent_box.click()
    assert page.submit_button.isEnabled()
    page.submit_button.click()
    run(loop, until(lambda: page.rows, 30, "sent"))
    lid = sent_ids(page)[0]
    wait_done(loop, ctl, [lid])
    src = video.absolute()
    assert probed.count(src) == 1, probed  # probed once, from the drop to the upload
    rec = jobs_of(ctl).get(lid)
    # uploaded uncut: the job's input is the dropped file, and the server got exactly its bytes
    assert Path(rec.inputs[0]) == src
    assert not any((Path(ctl.ctx.dirs.data) / "cuts").glob("whole_*"))
    up = resolve_upload(sb.state, rec.target_url)
    assert (sb.state.store.files_dir / up["rel_path"]).read_bytes() == video.read_bytes()
    assert rec.estimated_credits == rec.charged_credits == 3


def test_clear_on_the_video_empties_the_trimmer(harness, store, loop, qtbot, tmp_path, ffmpeg):
    """Clear on the video zone: the trimmer goes back to its empty state (no film strip, points or
    length of the old clip); a new drop fills it again."""
    video = clip(ffmpeg, tmp_path / "old.mp4", 3)
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Face Swap")
    assert drop(page.video_drop, [video])
    wait_loaded(loop, page, "old.mp4")
    tr = page.trimmer
    run(loop, until(lambda: tr.thumbnails_ready[0] > 0, 15, "film strip"))
    assert tr.isVisible() and "of 0:03.000" in tr.length_label.text()
    qtbot.mouseClick(page.video_drop.clear_button, Qt.MouseButton.LeftButton)
    assert tr.info is None and tr.path is None and tr.selection() == (0.0, 0.0)
    assert tr.thumbnails_ready == (0, 0) and tr.length_label.text() == ""
    assert tr.player.source() is None
    assert not tr.isVisible() and page.trimmer_placeholder.isVisible()
    assert page.trimmer_placeholder.text().startswith("Drop a video to trim it")
    assert not page.submit_button.isEnabled()
    # and a new video fills it again
    again = clip(ffmpeg, tmp_path / "new.mp4", 2)
    assert drop(page.video_drop, [again])
    wait_loaded(loop, page, "new.mp4")
    assert tr.isVisible() and not page.trimmer_placeholder.isVisible() and "of 0:02.000" in tr.length_label.text()


def test_the_player_controls_stay_below_the_video_on_a_short_page(harness, store, loop, qtbot, tmp_path, ffmpeg):
    """The results row appears and the window is short: the video shrinks (to its minimum; the
    page scrolls) and never covers its own controls (time readout, Loop, the transport buttons),
    also when the cost line wraps to a second line."""
    from PySide6.QtCore import QRect

    video = clip(ffmpeg, tmp_path / "short.mp4", 3)
    face = make_image(ffmpeg, tmp_path / "face.png")
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Face Swap")
    assert drop(page.video_drop, [video]) and drop(page.face_drop, [face])
    wait_loaded(loop, page, "short.mp4")
    run(loop, until(lambda: page.ready_faces(), 10, "face"))
    page.consent_box.click()
    tr = page.trimmer
    page.show_results_row()
    for size in ((1280, 800), (1024, 600), (960, 500)):
        ctl.window.resize(*size)
        run(loop, __import__("asyncio").sleep(0.3))

        def rect(w) -> QRect:
            return QRect(w.mapTo(page, w.rect().topLeft()), w.size())

        video_r = rect(tr.player.video)
        assert tr.player.video.isVisible() and video_r.height() >= 100, size
        for w in (tr.time_label, tr.loop_box, tr.play_button, tr.timeline, tr.in_spin, tr.length_label):
            assert w.isVisible(), (size, w.objectName())
            assert not rect(w).intersects(video_r), (size, w.objectName() or type(w).__name__, rect(w), video_r)
        # the rows below the trimmer keep their height too: none overlaps the next
        col = [page.hd_box, page.consent_box, page.cost, page.submit_button]
        for a, b in zip(col, col[1:], strict=False):
            assert rect(a).bottom() < rect(b).top(), (size, a.objectName(), b.objectName())
        assert rect(tr).bottom() < rect(page.hd_box).top(), size


def test_cut_files_go_when_nothing_needs_them(harness, store, loop, qtbot, tmp_path, ffmpeg):
    """Real cuts under <data>/cuts: the cut of a job that never reached the queue is deleted; a
    queued job's cut stays (the compare view's original); Clear takes the trimmer's private
    folder away; the user's own video is never touched."""
    from verging_desktop.core.errors import InputError

    video = clip(ffmpeg, tmp_path / "mine.mp4", 4)
    face = make_image(ffmpeg, tmp_path / "face.png")
    ctl = start_app(harness, store, tmp_path / "downloads")
    cuts = Path(ctl.ctx.dirs.data) / "cuts"
    page = open_tab(loop, ctl, "Face Swap")
    assert drop(page.video_drop, [video]) and drop(page.face_drop, [face])
    wait_loaded(loop, page, "mine.mp4")
    run(loop, until(lambda: page.ready_faces(), 10, "face"))
    page.consent_box.click()
    page.trimmer.set_selection(1.0, 3.0)  # a part: it is cut
    page.trimmer.set_mode("smart")  # a forced mode: the trimmer makes the cut (Auto leaves it to jobs.prepare)

    real_send = page._send

    async def refused(*_a, **_k):
        raise InputError("refused before anything was recorded")

    page._send = refused
    tasks = page.submit()
    assert tasks
    run(loop, asyncio.wait(tasks, timeout=30))
    run(loop, until(lambda: not list(cuts.glob("mine_*.mp4")), 5, "the unrecorded cut removed"))
    assert page.rows == {} and video.is_file()

    page._send = real_send
    run(loop, until(lambda: page.submit_button.isEnabled(), 5, "submit again"))
    tasks = page.submit()
    run(loop, until(lambda: page.rows, 30, "sent"))
    lid = sent_ids(page)[0]
    wait_done(loop, ctl, [lid])
    rec = jobs_of(ctl).get(lid)
    kept = Path(rec.inputs[0])
    assert kept.parent == cuts and kept.is_file()
    trim_dirs = list(cuts.glob("verging-trim-*"))
    assert trim_dirs, "the trimmer cut the selection in its folder"
    qtbot.mouseClick(page.video_drop.clear_button, Qt.MouseButton.LeftButton)
    assert not any(d.exists() for d in trim_dirs)
    assert kept.is_file() and video.is_file()
    assert sorted(p.name for p in cuts.iterdir()) == [kept.name]
