"""The Sound tab end to end, in the real app against the sandbox's Vimmerse: drop a clip (a real drop
event), trim it, describe a sound or drop an audio file and pick an attach mode (the result's
length said before anything is sent), see the cost and which price source it is from, submit with
a real click, watch the job in the queue, hear the result in the compare view, save it, send it on.
Bad input never reaches the sandbox; the charge equals the estimate."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.conftest import make_audio, make_clip, make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, panel_rows, queue_panel, start_app
from tests.ui.conftest import run, until
from verging_desktop.jobs.store import DownloadState, LocalStatus
from verging_desktop.services.vimmerse_inputs import attach_result_duration

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def vimmerse_requests(sb) -> int:
    """The requests the sandbox's Vimmerse paths received, free estimates left out."""
    return sum(n for route, n in sb.stats()["requests"].items() if "/vimmerse/" in route and "estimate" not in route)


def charging_requests(sb) -> int:
    return sum(sb.vimmerse_stats()["created"].values())


def probe(path: Path):
    from verging_desktop.media.probe import probe as _probe

    return _probe(path, require_video=False)


def wait_done(loop, ctl, local_id, timeout=60):
    st = ctl.ctx.jobs.queue.store
    run(loop, until(lambda: st.get(local_id).status.final and (st.get(local_id).status is not LocalStatus.COMPLETED
                                                              or st.get(local_id).download_state in (DownloadState.DONE, DownloadState.FAILED)),
                    timeout, "the job to end"))
    rec = st.get(local_id)
    assert rec.status is LocalStatus.COMPLETED and rec.download_state is DownloadState.DONE, (rec.status, rec.error)
    return rec


def load_video(loop, page, video: Path) -> None:
    assert drop(page.video.drop, [video])
    run(loop, until(lambda: page.video.ready and page.video.trimmer is not None
                    and page.video.trimmer.info is not None and not page.video._loading, 20, "the video loaded"))


def wait_cost(loop, page) -> str:
    run(loop, until(lambda: page.estimate is not None and page.submit_button.isEnabled(), 15, "the cost"))
    return page.cost_text()


def test_sound_effect_from_a_prompt_then_an_audio_file_matched_to_it(harness, store, loop, qtbot, tmp_path, ffmpeg):
    video = make_clip(ffmpeg, tmp_path / "harbour walk.mp4", seconds=6, size="160x120", gop=25)
    music = make_audio(ffmpeg, tmp_path / "music.wav", seconds=4)
    downloads = tmp_path / "downloads"
    ctl = start_app(harness, store, downloads)
    sb = ctl.session.sandbox
    key = sb.vimmerse_demo_key
    page = open_tab(loop, ctl, "Sound")
    panel = queue_panel(loop, ctl)
    assert ctl.ctx.has_key("vimmerse") and not page.key_banner.isVisible()
    assert page.mode == "effect" and page.prompt.isVisible() and not page.audio.drop.isVisible()
    load_video(loop, page, video)
    page.video.trimmer.set_selection(1.0, 6.0)
    run(loop, until(lambda: abs(page.video.length - 5.0) < 0.05, 5, "the selection"))
    assert page.length_label.text() == "Result: 5.0 s, the length of the selection."
    qtbot.mouseClick(page.prompt, LEFT)
    QTest.keyClicks(page.prompt, "rain on a tin roof")
    text = wait_cost(loop, page)
    est = page.estimate
    # sound-effect is not an app estimate-credits knows: the local table, and the tab says so
    assert est.source == "table" and est.total > 0
    assert text.startswith(f"Cost: {est.total:g} Vimmerse credits (local price table") and "Vimmerse:" in text
    assert page.submit_button.text().startswith("Add sound (")
    before, credits_before = charging_requests(sb), sb.vimmerse_credits(key)
    said: list[str] = []  # the status bar's lines from here on
    ctl.ctx.session.message.connect(said.append)
    qtbot.mouseClick(page.submit_button, LEFT)
    run(loop, until(lambda: page.rows, 30, "in the queue"))
    lid = next(iter(page.rows))
    run(loop, until(lambda: any(r[0].startswith("Sound") for r in panel_rows(panel)), 10, "the queue row"))
    rec = wait_done(loop, ctl, lid)
    assert rec.kind == "vimmerse-sound-effect" and rec.provider == "vimmerse"
    assert rec.estimated_credits == est.total and rec.charged_credits == est.total  # charged = estimate
    assert charging_requests(sb) - before == 1 and credits_before - sb.vimmerse_credits(key) == est.total
    assert rec.params["request"]["prompt"] == "rain on a tin roof"
    # the cut (5 s) went up, not the 6 s file; the result is a real video with sound
    res = Path(rec.result_path)
    assert res.is_file() and res.parent == downloads
    info = probe(res)
    assert info.has_audio and info.has_video and abs(info.duration - 5.0) < 0.3
    run(loop, until(lambda: page.results_row.isVisible() and page.result.result_path == res, 10, "the result"))
    run(loop, until(lambda: "done" in page.rows[lid].step.text().lower() or "charged" in page.rows[lid].step.text(),
                    10, "the card says charged"))
    assert f"charged {est.total:g} Vimmerse credits" in page.rows[lid].step.text()
    # the end replaces "Sending to Vimmerse: …" in the status bar; the charge is in Vimmerse credits
    end = f"Sound · Vimmerse finished: harbour walk.mp4, saved (charged {est.total:g} Vimmerse credits)."
    run(loop, until(lambda: end in said, 10, f"the job's end in the status bar, not {said!r}"))
    assert said.index(end) > max(i for i, m in enumerate(said) if m.startswith("Sending to Vimmerse")), said
    assert page.result.charge.text() == f"Estimated {est.total:g} Vimmerse credits · charged {est.total:g} Vimmerse credits"
    row = next(r for r in panel_rows(panel) if r[0].startswith("Sound"))
    assert row[3] == f"{est.total:g} est. / {est.total:g} charged (Vimmerse credits)", row
    c = page.result.compare
    assert c.sound_from == "result" and c.result.audio is not None and c.original.audio is None
    run(loop, until(lambda: c.result.frames_seen and c.duration() > 0, 15, "the result plays in place"))
    saved = page.result.save_to(tmp_path / "mine.mp4")
    assert saved is not None and saved.read_bytes() == res.read_bytes()
    assert page.send_button.isEnabled()

    # -- an audio file, matched to the audio's length; the result's length is said before sending
    qtbot.mouseClick(page.audio_radio, LEFT)
    assert page.mode == "audio" and page.audio.drop.isVisible() and not page.prompt.isVisible()
    assert "Drop an audio file" in page.why_label.text()
    assert drop(page.audio.drop, [music])
    run(loop, until(lambda: page.audio.ready, 15, "the audio checked"))
    page.attach.setCurrentIndex(page.attach.findData("MatchAudio"))
    assert page.attach_help.text().startswith("Lasts as long as the audio")
    want = attach_result_duration("MatchAudio", 5.0, page.audio.seconds)
    run(loop, until(lambda: page.length_label.text().startswith(f"Result: {want:.1f} s, the audio's length"), 5,
                    "the result's length"))
    for mode in ("MatchVideo", "PadAudio", "SpeedAdjust", "Strict", "MatchAudio"):  # each explained in a line
        page.attach.setCurrentIndex(page.attach.findData(mode))
        assert page.attach_help.text() and page.length_label.text().startswith("Result: ")
    wait_cost(loop, page)
    est2 = page.estimate
    assert page.submit_button.text().startswith("Add audio (")
    qtbot.mouseClick(page.submit_button, LEFT)
    run(loop, until(lambda: len(page.rows) == 2, 30, "the second job"))
    lid2 = max(page.rows)
    rec2 = wait_done(loop, ctl, lid2)
    assert rec2.kind == "vimmerse-add-audio" and rec2.params["request"]["attach_mode"] == "MatchAudio"
    assert rec2.estimated_credits == rec2.charged_credits == est2.total
    info2 = probe(Path(rec2.result_path))
    assert info2.has_audio and abs(info2.duration - want) < 0.3
    assert charging_requests(sb) - before == 2

    # -- send it on: the Generate Video tab takes it as the video to restyle
    run(loop, until(lambda: page.result.local_id == lid2 and page.result.result_path is not None, 10, "shown"))
    line = page.send_result("generate-video")
    gen = ctl.window.pages["Generate Video"].content
    assert gen is not None and "was opened in Generate Video" in line
    run(loop, until(lambda: gen.mode == "restyle" and gen.video.ready, 15, "handed over"))
    assert gen.video.path == Path(rec2.result_path)


def test_bad_input_reaches_nothing_and_a_double_click_is_one_order(harness, store, loop, qtbot, tmp_path, ffmpeg):
    video = make_clip(ffmpeg, tmp_path / "v.mp4", seconds=2, size="160x120", gop=25)
    photo = make_image(ffmpeg, tmp_path / "photo.png")
    text = tmp_path / "notes.mp4"
    text.write_text("not a video at all\n" * 50)
    image_as_audio = shutil.copy(photo, tmp_path / "song.mp3")
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Sound")
    requests0 = vimmerse_requests(sb)
    # a text file named .mp4: refused inline, by content
    assert drop(page.video.drop, [text])
    run(loop, until(lambda: page.video.state == "bad", 15, "refused"))
    assert page.video.error.isVisible() and "notes.mp4" in page.video.error.text()
    assert not page.submit_button.isEnabled() and "notes.mp4" in page.why_label.text()
    # an image dropped as the video
    assert drop(page.video.drop, [photo])
    run(loop, until(lambda: page.video.state == "bad", 15, "refused"))
    assert "photo.png" in page.video.error.text()
    # an image named .mp3 as the audio
    load_video(loop, page, video)
    assert not page.video.error.isVisible()
    page.set_mode("audio")
    assert drop(page.audio.drop, [image_as_audio])
    run(loop, until(lambda: page.audio.state == "bad", 15, "refused"))
    assert "song.mp3" in page.audio.error.text() and not page.submit_button.isEnabled()
    page.submit()  # nothing to send
    QTest.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # nothing but (free) estimates reached the sandbox: no upload, no job
    assert not page.rows and vimmerse_requests(sb) - requests0 == 0
    assert sb.vimmerse_stats()["uploads"] == 0 and charging_requests(sb) == 0

    # a real double click on the submit button sends one order
    page.set_mode("effect")
    assert "Describe the sound" in page.why_label.text() and not page.submit_button.isEnabled()
    page.prompt.setText("footsteps on gravel")
    wait_cost(loop, page)
    button = page.submit_button
    QTest.mouseClick(button, LEFT)
    QTest.mouseDClick(button, LEFT)
    QTest.mouseRelease(button, LEFT)
    assert page.guard.busy and not button.isEnabled()
    run(loop, until(lambda: page.rows and not page.guard.busy, 30, "sent"))
    run(loop, until(lambda: charging_requests(sb) >= 1, 20, "created"))
    loop.run_until_complete(asyncio.sleep(0.6))  # a second order sent by mistake would arrive meanwhile
    assert charging_requests(sb) == 1 and len(page.rows) == 1


def test_no_key_says_add_one_and_sends_nothing(harness, store, loop, qtbot, tmp_path, ffmpeg, monkeypatch):
    video = make_clip(ffmpeg, tmp_path / "v.mp4", seconds=2, size="160x120", gop=25)
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Sound")
    monkeypatch.setattr(type(ctl.ctx), "has_key", lambda self, p: False)
    page.refresh()
    assert page.key_banner.isVisible() and page.key_button.isEnabled()
    load_video(loop, page, video)
    page.prompt.setText("birdsong")
    run(loop, until(lambda: page.estimate is not None, 15, "the table's cost"))
    assert page.estimate.source == "table"
    assert not page.submit_button.isEnabled() and "Add a Vimmerse key" in page.why_label.text()
    assert page.submit() is None and not page.rows
    # the banner's button opens the keys dialog on Vimmerse's tab
    qtbot.mouseClick(page.key_button, LEFT)
    dlg = ctl.window.keys_dialog
    run(loop, until(lambda: dlg is not None and dlg.isVisible(), 5, "the keys dialog"))
    assert dlg.tabs.currentWidget() is dlg.vimmerse
    dlg.close()
