"""Issue 16 in the window: the Face Swap tab says what will be sent and how long it should take
(the upload choice at the measured uplink, the history's time to result), the trimmer's Auto
mode lets the choice decide, a forced mode says so, and a job's row says the time left."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.conftest import make_clip, make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, start_app
from tests.ui.conftest import run, until
from verging_desktop.core.providers import VERGING
from verging_desktop.core.uplink import UplinkEstimator, host_of
from verging_desktop.jobs.store import DownloadState, LocalStatus


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def estimator(ctl) -> UplinkEstimator:
    client = ctl.session.client
    est = getattr(client, "uplink", None)
    if not isinstance(est, UplinkEstimator):  # the app did not wire one: an in-memory one
        est = UplinkEstimator()
        client.uplink = est
    return est


def set_uplink(ctl, bytes_per_second: float) -> None:
    est = estimator(ctl)
    est.forget()
    nbytes = 4 * 1024 * 1024
    est.record(VERGING.id, host_of(ctl.session.client.base_url), nbytes, nbytes / bytes_per_second)


def test_the_submit_area_says_what_goes_up_and_how_long_it_takes(harness, store, loop, qtbot, tmp_path, ffmpeg):
    video = make_clip(ffmpeg, tmp_path / "holiday.mp4", seconds=8, size="640x360", gop=25)
    face = make_image(ffmpeg, tmp_path / "face.png")
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Face Swap")
    assert drop(page.video_drop, [video]) and drop(page.face_drop, [face])
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None and page.current is not None
                    and page.ready_faces(), 15, "the video in the trimmer"))
    tr = page.trimmer
    # Auto is the first mode and the default
    assert tr.mode_combo.itemData(0) == "auto" and tr.mode == "auto" and tr.forced_mode is None
    assert "compact" in [tr.mode_combo.itemData(i) for i in range(tr.mode_combo.count())]
    tr.set_selection(1.0, 6.0)

    # a slow uplink (20 kB/s): the compact re-encode wins, with its MB and seconds
    set_uplink(ctl, 20_000)
    page._update()
    text = page.time_label.text()
    assert page.time_label.isVisible() or not page.isVisible()
    assert text.startswith("Re-encoding to ") and " MB" in text and " s to upload at your 0.2 Mbit/s instead of " in text
    assert "usually take" not in text  # no history yet

    # a fast one (50 MB/s): the source's own GOPs go up (smart cut or copy)
    set_uplink(ctl, 50e6)
    page._update()
    text = page.time_label.text()
    assert text.startswith(("Smart cut", "Stream copy")) and "400 Mbit/s" in text, text

    # a forced mode says the user chose it
    tr.set_mode("exact")
    assert page.time_label.text().startswith("Exact re-encode as you chose:"), page.time_label.text()
    tr.set_mode("auto")
    assert not page.time_label.text().startswith("Exact")

    # one completed job: the history's time to result joins the line; the row said the time left
    page.consent_box.click()
    assert page.submit_button.isEnabled()
    page.submit_button.click()
    run(loop, until(lambda: page.rows, 30, "the job sent"))
    lid = next(iter(page.rows))
    st = ctl.ctx.jobs.queue.store
    run(loop, until(lambda: st.get(lid).status is LocalStatus.COMPLETED
                    and st.get(lid).download_state is DownloadState.DONE, 60, "the job done"))
    rec = st.get(lid)
    took = rec.finished_at - rec.submitted_at
    run(loop, until(lambda: "Results usually take about" in page.time_label.text(), 5, "the history"))
    # a sentence of its own after the choice's
    assert f". Results usually take about {max(1, round(took))} s." in page.time_label.text()
    # the uploaded file followed the choice (auto: prepared by jobs.prepare, not the trimmer's cut)
    assert Path(rec.inputs[0]).parent == Path(ctl.ctx.dirs.data) / "cuts"

    # the next job on the server: its row says the time left from that history
    page._typical[page.kind] = 3600.0  # a long usual time, so the row is caught while it runs
    tr.set_selection(0.0, 4.0)  # another job (the same one again would ask first)
    run(loop, until(lambda: page.submit_button.isEnabled(), 5, "the submit button"))
    page.submit_button.click()
    run(loop, until(lambda: len(page.rows) == 2, 30, "the second job sent"))
    lid2 = max(page.rows)
    row = page.rows[lid2]
    run(loop, until(lambda: "s left" in row.step.text() or st.get(lid2).status is LocalStatus.COMPLETED, 10,
                    "the time left on the row"))
    if st.get(lid2).status is not LocalStatus.COMPLETED:
        assert "about " in row.step.text() and " s left" in row.step.text()


def test_the_job_queue_rows_say_the_time_left(qapp, tmp_path):
    """The upload's real progress while it goes up (the tab reports it to ui.jobs.uploads), the
    history's median minus the time so far while the job runs; nothing without history."""
    import time

    from verging_desktop.jobs.store import JobStore
    from verging_desktop.ui.jobs import uploads
    from verging_desktop.ui.jobs.queue_model import COL_STATUS, JobTableModel

    st = JobStore(tmp_path / "jobs.db")
    model = JobTableModel(st)
    up = st.add(provider="verging", kind="face-swap", input_name="a.mp4")
    model.reload()

    def status(local_id: int) -> str:
        row = model.row_of(local_id)
        assert row is not None
        return str(model.data(model.index(row, COL_STATUS)))

    assert status(up.local_id) == "Preparing"  # nothing reported yet: no guess
    uploads.report(up.local_id, 0.4, 25.2)
    assert status(up.local_id) == "Uploading… 40 % · about 25 s left"
    uploads.finished(up.local_id)

    now = time.time()
    run_ = st.add(provider="verging", kind="face-swap", input_name="b.mp4")
    st.update(run_.local_id, status=LocalStatus.PROCESSING, submitted_at=now - 10)
    model.reload()
    assert "left" not in status(run_.local_id)  # no history of this kind
    for secs in (30, 40, 50):
        done = st.add(provider="verging", kind="face-swap", input_name="c.mp4")
        st.update(done.local_id, status=LocalStatus.COMPLETED, submitted_at=now - 100, finished_at=now - 100 + secs)
        model.push(st.get(done.local_id))
    model.flush()
    assert status(run_.local_id).endswith(" · about 30 s left")  # median 40 s, 10 s gone
    st.close()


def test_an_uploading_row_says_the_time_left(harness, store, loop, qtbot, tmp_path, ffmpeg):
    """The sandbox uploads at once: a slow upload is played through the tab's own progress
    callback (real time between reports), then the real send goes on."""
    import asyncio

    from tests.e2e.helpers import queue_panel
    from verging_desktop.core.errors import Progress
    from verging_desktop.ui.jobs.queue_model import COL_INPUT, COL_STATUS, SecondLineRole

    video = make_clip(ffmpeg, tmp_path / "slow.mp4", seconds=4, size="160x120", gop=25)
    face = make_image(ffmpeg, tmp_path / "face.png")
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Face Swap")
    panel = queue_panel(loop, ctl)
    assert drop(page.video_drop, [video]) and drop(page.face_drop, [face])
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None and page.current is not None
                    and page.ready_faces(), 15, "the video in the trimmer"))
    page.consent_box.click()
    seen: list[str] = []
    queue_seen: list[str] = []
    real_send = page._send

    async def slow_send(queue, path, job, name, duration, settings, est, progress):
        async def slow_upload(*a, **k):
            total = 1_000_000
            for i in range(0, 9):
                progress(Progress(i * 100_000, total))
                await asyncio.sleep(0.15)
                rows = page.steps.rows()
                seen.append(rows[0].step.text())
                m = panel.model  # (the narrow layout puts the time left on the input's second line)
                queue_seen.extend(f"{m.index(r, COL_STATUS).data()} | {m.index(r, COL_INPUT).data(SecondLineRole)}"
                                  for r in range(m.rowCount()))
            return await real_upload(*a, **k)

        client = queue.client
        real_upload = client.upload_video
        client.upload_video = slow_upload
        try:
            return await real_send(queue, path, job, name, duration, settings, est, progress)
        finally:
            client.upload_video = real_upload

    page._send = slow_send
    page.submit_button.click()
    run(loop, until(lambda: page.rows, 30, "the job sent"))
    assert any("%" in t and " s left" in t and t.startswith("Uploading") for t in seen), seen
    panel.model.tick()
    assert any(t.startswith("Uploading… ") and " s left" in t for t in queue_seen), queue_seen


def test_a_batch_cuts_the_next_video_while_the_previous_uploads(harness, store, loop, qtbot, tmp_path, ffmpeg):
    """Two videos, one face: the submit area predicts the batch; the second cut runs while the
    first uploads, the uploads take turns on the link, and each row said why it waited."""
    from verging_desktop.jobs.pipeline import for_loop

    videos = [make_clip(ffmpeg, tmp_path / f"{n}.mp4", seconds=6, size="640x360", gop=25) for n in ("beach", "city")]
    face = make_image(ffmpeg, tmp_path / "face.png")
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Face Swap")
    assert drop(page.video_drop, videos) and drop(page.face_drop, [face])
    run(loop, until(lambda: len(page.ready_videos()) == 2 and page.ready_faces(), 15, "both videos checked"))
    set_uplink(ctl, 20_000)  # slow: the line predicts the batch's last upload
    page._update()
    text = page.time_label.text()
    assert text.startswith("2 jobs, ") and "the last upload should be done in about " in text, text

    set_uplink(ctl, 50e6)
    page._update()
    ctl.session.sandbox.faults.latency_ms = 400  # every API request takes 0.4 s: an upload is caught running
    pipe = for_loop()
    first_event = len(pipe.events)
    page.consent_box.click()
    page.submit_button.click()
    rows = page.steps.rows()[::-1]  # the list shows the newest first: in the order sent
    assert len(rows) == 2
    said: list[set[str]] = [set(), set()]

    async def watch() -> None:
        while len(page.rows) < 2:
            for i, r in enumerate(rows):
                said[i].add(r.step.text())
            await asyncio.sleep(0.01)

    run(loop, asyncio.wait_for(watch(), 60))
    ctl.session.sandbox.faults.latency_ms = 0
    ev = [(w, t) for w, _lk, t in list(pipe.events)[first_event:]]
    prep_starts = [t for w, t in ev if w == "prepare-start"]
    up_starts = [t for w, t in ev if w == "upload-start"]
    up_ends = [t for w, t in ev if w == "upload-end"]
    assert len(prep_starts) == 2 and len(up_starts) == 2 and len(up_ends) == 2, ev
    assert prep_starts[1] < up_ends[0], "the second cut started only after the first upload"
    assert up_starts[1] >= up_ends[0], "two uploads ran at once"
    # the second row said why it waited (for the first cut, then for the first upload)
    assert "Ready; waiting for the upload before it…" in said[1], said[1]


def test_auto_reuses_the_previews_cut_when_the_choice_is_the_same(harness, store, loop, qtbot, tmp_path, ffmpeg,
                                                                   caplog):
    """Under Auto the trimmer's preview is a smart cut: when the upload choice is smart too, that
    file goes up (no second cut); when the choice is compact, the preview is not what is sent."""
    import logging

    video = make_clip(ffmpeg, tmp_path / "walk.mp4", seconds=10, size="640x360", gop=25)
    face = make_image(ffmpeg, tmp_path / "face.png")
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Face Swap")
    assert drop(page.video_drop, [video]) and drop(page.face_drop, [face])
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None and page.ready_faces(), 15,
                    "the video in the trimmer"))
    tr = page.trimmer
    assert tr.mode == "auto"
    tr.set_selection(1.3, 6.1)
    preview = run(loop, tr.preview_cut())
    assert preview.mode_used == "smart" and tr.holds_cut()
    set_uplink(ctl, 50e6)  # fast: the choice is the smart cut, as the preview
    page._update()
    assert page.time_label.text().startswith("Smart cut"), page.time_label.text()
    caplog.set_level(logging.INFO, logger="verging_desktop.jobs.prepare")
    page.consent_box.click()
    page.submit_button.click()
    run(loop, until(lambda: page.rows, 30, "the job sent"))
    rec = ctl.ctx.jobs.queue.store.get(next(iter(page.rows)))
    assert any("preview's smart cut is reused" in r.getMessage() for r in caplog.records)
    sent = Path(rec.inputs[0])
    assert sent.parent == Path(ctl.ctx.dirs.data) / "cuts" and sent.read_bytes() == preview.path.read_bytes()

    # a slow link: compact, a new file smaller than the preview; the preview is not reused
    caplog.clear()
    set_uplink(ctl, 20_000)
    tr.set_selection(1.3, 6.2)
    preview2 = run(loop, tr.preview_cut())
    page._update()
    assert page.time_label.text().startswith("Re-encoding to"), page.time_label.text()
    run(loop, until(lambda: page.submit_button.isEnabled(), 5, "the submit button"))
    page.submit_button.click()
    run(loop, until(lambda: len(page.rows) == 2, 30, "the second job sent"))
    rec2 = ctl.ctx.jobs.queue.store.get(max(page.rows))
    assert not any("reused" in r.getMessage() for r in caplog.records)
    assert Path(rec2.inputs[0]).stat().st_size < preview2.path.stat().st_size


def test_a_vimmerse_video_page_chooses_by_its_own_uplink(harness, store, loop, qtbot, tmp_path, ffmpeg, caplog):
    """Reframe & Crop (Vimmerse): the line uses the Vimmerse uplink, and a slow one sends the
    compact re-encode (same pixels: the crop's offsets stay true)."""
    from verging_desktop.core.providers import VIMMERSE
    from verging_desktop.media.probe import aprobe

    video = make_clip(ffmpeg, tmp_path / "pier.mp4", seconds=6, size="1280x720", gop=25)
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Reframe & Crop")
    assert drop(page.video_drop, [video])
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None and page.current is not None,
                    20, "the clip"))
    page.trimmer.set_selection(1.0, 5.0)
    vim = ctl.ctx.vimmerse
    est = vim.uplink
    assert isinstance(est, UplinkEstimator)
    set_uplink(ctl, 50e6)  # Verging's link is fast: it must not be the one used here
    n = 4 * 1024 * 1024
    est.record(VIMMERSE.id, host_of(vim.base_url), n, n / 20_000)
    page._update()
    text = page.time_label.text()
    assert text.startswith("Re-encoding to ") and "0.2 Mbit/s" in text, text
    run(loop, until(lambda: page.submit_button.isEnabled(), 10, "the cost"))
    import logging

    caplog.set_level(logging.INFO, logger="verging_desktop.jobs.prepare")
    page.submit_button.click()
    run(loop, until(lambda: page.rows, 30, "sent"))
    assert any(r.getMessage().startswith("prepare pier.mp4: compact") for r in caplog.records)
    rec = ctl.ctx.jobs.queue.store.get(next(iter(page.rows)))
    assert rec.provider == "vimmerse"
    sent = Path(rec.inputs[0])
    info = run(loop, aprobe(sent))
    assert (info.width, info.height) == (1280, 720)
    assert abs(info.duration - 4.0) < 0.1
    # the job queue's own Vimmerse client measured that upload into the app's estimate (a second
    # sample on top of the one written above), so the next choice knows the real link
    from verging_desktop.core.uplink import MIN_BYTES

    assert sent.stat().st_size >= MIN_BYTES
    run(loop, until(lambda: est.sample(VIMMERSE.id, host_of(vim.base_url)).uploads == 2, 10,
                    "the Vimmerse upload measured"))
    assert est.estimate(VIMMERSE.id, host_of(vim.base_url)) > 20_000


def test_a_vimmerse_slot_tab_says_its_upload_and_the_usual_time(harness, store, loop, qtbot, tmp_path, ffmpeg,
                                                                  caplog):
    """Lip Sync with a video (Vimmerse): the line under the cost uses the Vimmerse uplink and the
    upload choice; a slow link sends the compact re-encode; after one finished lip sync the
    history's usual time joins the line."""
    import logging

    from tests.ui.test_tool_lip_sync import wait_done
    from verging_desktop.core.providers import VIMMERSE

    talk = make_clip(ffmpeg, tmp_path / "talking head.mp4", seconds=8, size="1280x720", gop=25)
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Lip Sync")
    assert drop(page.face.zone, [talk])
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None, 20, "trimmer"))
    page.trimmer.set_selection(1.0, 5.0)
    from PySide6.QtCore import Qt

    qtbot.mouseClick(page.speech_text, Qt.MouseButton.LeftButton)
    page.text.setFocus()
    qtbot.keyClicks(page.text, "Welcome back to the channel, today we try the new lens.")
    page.voice.setCurrentIndex(page.voice.findText("Aria"))
    page.consent_box.click()
    vim = ctl.ctx.vimmerse
    est = vim.uplink
    est.forget()
    n = 4 * 1024 * 1024
    est.record(VIMMERSE.id, host_of(vim.base_url), n, n / 20_000)  # 0.2 Mbit/s
    page.refresh()
    text = page.time_label.text()
    assert text.startswith("Re-encoding to ") and "0.2 Mbit/s" in text, text
    assert "usually take" not in text  # no history yet
    run(loop, until(lambda: page.submit_button.isEnabled(), 15, "the cost"))
    caplog.set_level(logging.INFO, logger="verging_desktop.jobs.prepare")
    page.submit_button.click()
    run(loop, until(lambda: page.rows, 60, "in the queue"))
    assert any(r.getMessage().startswith("prepare talking head.mp4: compact") for r in caplog.records)
    rec = wait_done(loop, ctl, next(iter(page.rows)))
    took = rec.finished_at - rec.submitted_at
    run(loop, until(lambda: "Results usually take about" in page.time_label.text(), 10, "the history"))
    assert f"Results usually take about {max(1, round(took))} s." in page.time_label.text()
