"""Lip Sync tab, end to end through the real app against the sandbox's Vimmerse wire format: drop a
portrait and an audio file with real drop events, pick the model, see the result's length and the
cost (Vimmerse's estimate), confirm the face, submit once (a double click is one order), watch the
job in the queue, play the result and save it; a video of the face with a text and a voice, trimmed
and compared with the uploaded cut; a talking avatar with typed, remembered ids; bad input that
never reaches the sandbox; the charge equals the estimate."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.conftest import make_audio, make_clip, make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, panel_rows, queue_panel, start_app
from tests.ui.conftest import run, until
from tests.ui.test_double_submit import double_click
from verging_desktop.api.vimmerse.models import LIP_SYNC_OPTIONS
from verging_desktop.jobs.store import DownloadState, LocalStatus
from verging_desktop.media.probe import probe

ESTIMATE = "POST /vimmerse/v2/video/estimate-credits"


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def wait_done(loop, ctl, lid, timeout=90):
    st = ctl.ctx.jobs.queue.store
    run(loop, until(lambda: st.get(lid).status is LocalStatus.COMPLETED
                    and st.get(lid).download_state is DownloadState.DONE, timeout, "job completed and downloaded"))
    return st.get(lid)


def wait_cost(loop, page, text, timeout=15):
    run(loop, until(lambda: text in page.cost_label.text() and page.submit_button.isEnabled()
                    or (text in page.cost_label.text() and page.why_label.text()), timeout, f"cost {text}"))


def created(sb, app="lip-sync"):
    return sb.vimmerse_stats()["created"].get(app, 0)


def test_portrait_and_audio_cost_consent_one_order_play_and_save(harness, store, loop, qtbot, tmp_path, ffmpeg):
    face = make_image(ffmpeg, tmp_path / "anna portrait.png", size="240x320")
    voice = make_audio(ffmpeg, tmp_path / "voice-over.wav", seconds=7.3)
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    key = sb.vimmerse_demo_key
    page = open_tab(loop, ctl, "Lip Sync")
    panel = queue_panel(loop, ctl)
    assert not page.key_banner.isVisible()  # the sandbox has a Vimmerse key
    assert drop(page.face.zone, [face]) and drop(page.audio.zone, [voice])
    run(loop, until(lambda: page.face.ready_file and page.audio.ready_file, 20, "checked"))
    assert page.length_label.text() == "Result: 7.3 s (the audio's length)"
    # the model picker: every option with its one-line description
    from verging_desktop.services.vimmerse_forms import label

    labels = [page.option.itemText(i) for i in range(page.option.count())]
    assert labels == [f"{label(k)} — {v}" for k, v in LIP_SYNC_OPTIONS.items()]  # readable names, not API names
    assert [page.option.itemData(i) for i in range(page.option.count())] == list(LIP_SYNC_OPTIONS)
    page.option.setCurrentIndex(list(LIP_SYNC_OPTIONS).index("KlingAvatar"))
    assert page.option.currentText() == page.option.toolTip() == f"Kling Avatar — {LIP_SYNC_OPTIONS['KlingAvatar']}"
    # 7.3 s of speech: two 5-second blocks of KlingAvatar (20 credits each), Vimmerse's estimate
    wait_cost(loop, page, "Cost: 40 Vimmerse credits (Vimmerse's estimate)")
    assert "billed as 2 blocks of 5 s" in page.cost_label.text()
    assert "Vimmerse: 0 credits charged this month" in page.cost_text()  # it publishes no balance
    # the face must be confirmed first
    assert not page.submit_button.isEnabled() and "right to use this face" in page.why_label.text()
    qtbot.mouseClick(page.consent_box, Qt.MouseButton.LeftButton, pos=QPoint(8, page.consent_box.height() // 2))
    run(loop, until(lambda: page.consent_box.isChecked(), 5, "consent ticked"))
    assert page.submit_button.isEnabled() and page.submit_button.text() == "Lip sync (40 Vimmerse credits)"
    before = sb.vimmerse_credits(key)
    # a double click is one order
    double_click(page.submit_button)
    page.submit()  # and Ctrl+Enter's path, while the first is being sent
    run(loop, until(lambda: page.rows, 30, "in the queue"))
    assert len(page.rows) == 1
    lid = next(iter(page.rows))
    run(loop, until(lambda: any(r[0].startswith("Lip Sync") for r in panel_rows(panel)), 10, "queue row"))
    rec = wait_done(loop, ctl, lid)
    assert created(sb) == 1 and sb.vimmerse_stats()["uploads"] == 2
    assert rec.estimated_credits == rec.charged_credits == 40 and before - sb.vimmerse_credits(key) == 40
    assert rec.kind == "vimmerse-lip-sync" and rec.params["request"]["option"] == "KlingAvatar"
    # the result plays with its own sound (an image has no video to compare with)
    res = page.result
    run(loop, until(lambda: res.result_path is not None and res.view == "play", 10, "result shown"))
    assert not res.compare_view.isVisible() and res.play_button.isVisible()
    info = probe(res.result_path)
    assert info.has_audio and info.duration == pytest.approx(7.3, abs=0.3)
    out = res.save_to(tmp_path / "saved" / "anna talking")
    assert out is not None and out.name == "anna talking.mp4" and out.is_file()
    assert "charged 40 Vimmerse credits" in page.rows[lid].step.text()


def test_video_and_text_trimmed_and_compared_with_the_cut(harness, store, loop, qtbot, tmp_path, ffmpeg):
    talk = make_clip(ffmpeg, tmp_path / "talking head.mp4", seconds=6, size="160x120", gop=25)
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Lip Sync")
    assert drop(page.face.zone, [talk])
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None, 20, "trimmer"))
    assert page.trimmer_box.isVisible()
    page.trimmer.set_selection(1.0, 4.0)
    qtbot.mouseClick(page.speech_text, Qt.MouseButton.LeftButton)
    assert page.speech_stack.currentIndex() == 1
    text = "Welcome back to the channel, today we try the new lens."  # 56 characters: about 3.7 s
    page.text.setFocus()
    qtbot.keyClicks(page.text, text)
    page.voice.setCurrentIndex(page.voice.findText("Aria"))
    assert page.length_label.text() == "Result: about 3.7 s (estimated speech time)"
    wait_cost(loop, page, "Cost: 10 Vimmerse credits (Vimmerse's estimate)")  # one block of AutoLipSync
    page.consent_box.click()
    page.submit_button.click()
    run(loop, until(lambda: page.rows, 60, "in the queue"))
    lid = next(iter(page.rows))
    rec = wait_done(loop, ctl, lid)
    assert rec.estimated_credits == rec.charged_credits == 10
    req = rec.params["request"]
    assert req["prompt"] == text and req["voice"] == "Aria" and not req.get("audio_url")
    # the cut was uploaded (3 s), and the result is compared with it
    cut = Path(rec.params["compare_with"])
    assert cut.is_file() and probe(cut).duration == pytest.approx(3.0, abs=0.1)
    res = page.result
    run(loop, until(lambda: res.result_path is not None and res.compare_view.isVisible(), 10, "compare offered"))
    res.compare_view.click()
    assert res.view == "compare"
    c = res.compare
    assert c.sound_from == "result"  # the new speech is heard, not the source's sound
    run(loop, until(lambda: c.original.frames_seen and c.result.frames_seen, 20, "both playing"))
    assert created(sb) == 1


def test_talking_avatar_with_typed_remembered_ids(harness, store, loop, qtbot, tmp_path, ffmpeg):
    bg = make_image(ffmpeg, tmp_path / "studio.jpg", size="320x180")
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Lip Sync")
    qtbot.mouseClick(page.mode_avatar, Qt.MouseButton.LeftButton)
    assert page.stack.currentIndex() == 1 and "not publish" in page.id_help.text()
    page.avatar_id.setFocus()
    qtbot.keyClicks(page.avatar_id.lineEdit(), "anna_01")
    page.voice_id.setCurrentText("v-42")
    page.script.setPlainText("Hi! Our spring sale starts today.")  # 33 characters
    page.aspect.setCurrentIndex(page.aspect.findData("9:16"))
    page.captions.setChecked(False)
    assert drop(page.avatar_bg.zone, [bg])
    run(loop, until(lambda: page.avatar_bg.ready_file, 10, "background checked"))
    wait_cost(loop, page, "Cost: 8 Vimmerse credits (Vimmerse's estimate)")
    assert "right to use this avatar" in page.why_label.text()
    page.consent_box.click()
    page.submit_button.click()
    run(loop, until(lambda: page.rows, 30, "in the queue"))
    lid = next(iter(page.rows))
    rec = wait_done(loop, ctl, lid)
    assert rec.kind == "vimmerse-avatar" and rec.estimated_credits == rec.charged_credits == 8
    req = rec.params["request"]
    assert (req["avatar_id"], req["voice_id"], req["aspect_ratio"], req["show_caption"]) == ("anna_01", "v-42", "9:16",
                                                                                             "Off")
    info = probe(page.result.result_path)
    assert info.display_height > info.display_width  # portrait, 9:16
    # the ids are remembered for the next time
    assert page.recent.get("avatar") == ["anna_01"] and page.recent.get("voice")[0] == "v-42"
    assert page.avatar_id.findText("anna_01") >= 0
    assert created(sb, "avatar-lip-sync") == 1


def test_bad_input_is_refused_before_anything_reaches_the_sandbox(harness, store, loop, qtbot, tmp_path, ffmpeg):
    photo = make_image(ffmpeg, tmp_path / "photo.png")
    not_audio = shutil.copy(photo, tmp_path / "speech.mp3")
    not_face = tmp_path / "notes.mp4"
    not_face.write_text("just some notes, not a video")
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Lip Sync")
    assert drop(page.face.zone, [not_face]) and drop(page.audio.zone, [not_audio])
    run(loop, until(lambda: not page.face.checking and not page.audio.checking, 20, "checked"))
    assert page.face.file.state == "bad" and page.face.error.isVisible() and "notes.mp4" in page.face.error.text()
    assert page.audio.file.state == "bad" and "speech.mp3" in page.audio.error.text()
    assert not page.submit_button.isEnabled() and page.why_label.text()
    # a good face and no speech: the sentence says what to add
    assert drop(page.face.zone, [photo])
    page.audio.clear()
    run(loop, until(lambda: page.face.ready_file, 10, "face"))
    assert "Drop the audio file" in page.why_label.text() and not page.submit_button.isEnabled()
    page.submit()
    page.consent_box.click()
    page.submit()
    stats = sb.vimmerse_stats()
    assert stats["uploads"] == 0 and not stats["created"] and sb.stats()["requests"].get(ESTIMATE, 0) == 0
    # the same request is asked its cost once: back to an earlier option asks nothing new
    qtbot.mouseClick(page.speech_text, Qt.MouseButton.LeftButton)
    page.text.setPlainText("Hello there.")
    wait_cost(loop, page, "(Vimmerse's estimate)")
    asked = sb.stats()["requests"].get(ESTIMATE, 0)
    page.option.setCurrentIndex(1)
    run(loop, until(lambda: sb.stats()["requests"].get(ESTIMATE, 0) == asked + 1 and page.estimate is not None, 10, "asked"))
    page.option.setCurrentIndex(0)
    run(loop, until(lambda: page.estimate is not None, 5, "known"))
    assert sb.stats()["requests"].get(ESTIMATE, 0) == asked + 1


def test_no_vimmerse_key_says_what_to_do(harness, loop, qtbot, tmp_path, ffmpeg, sandbox, monkeypatch):
    """Live, with a Verging key but no Vimmerse key: the tab says how to add one and sends nothing."""
    face = make_image(ffmpeg, tmp_path / "face.png")
    live = sandbox  # stands for the real servers
    live.add_key("vrg_sk_alic_test_0001", email="alice@example.test", name="Alice", credits=500)
    monkeypatch.setenv("VERGING_BASE_URL", live.base_url)
    monkeypatch.setenv("VERGING_API_KEY", "vrg_sk_alic_test_0001")
    monkeypatch.setenv("VIMMERSE_BASE_URL", live.vimmerse_url)
    monkeypatch.delenv("VIMMERSE_API_KEY", raising=False)
    ctl = harness.start()
    ctl.window.resize(1280, 800)
    page = open_tab(loop, ctl, "Lip Sync")
    assert not ctl.session.in_sandbox and not ctl.ctx.has_key("vimmerse")
    assert page.key_banner.isVisible() and page.key_button.text() == "Add a Vimmerse key…"
    assert drop(page.face.zone, [face])
    page.speech_text.setChecked(True)
    page.text.setPlainText("Hello")
    run(loop, until(lambda: page.face.ready_file, 10, "face"))
    run(loop, until(lambda: "local price table" in page.cost_text(), 10, "the table's cost"))
    assert "Add a Vimmerse key" in page.why_label.text() and not page.submit_button.isEnabled()
    assert live.vimmerse_stats()["uploads"] == 0 and not live.vimmerse_stats()["created"]


def test_cancel_before_sending_and_send_a_failed_job_again(harness, store, loop, qtbot, tmp_path, ffmpeg):
    face = make_image(ffmpeg, tmp_path / "face.png")
    voice = make_audio(ffmpeg, tmp_path / "voice.wav", seconds=2.0)
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    key = sb.vimmerse_demo_key
    page = open_tab(loop, ctl, "Lip Sync")
    assert drop(page.face.zone, [face]) and drop(page.audio.zone, [voice])
    wait_cost(loop, page, "Cost: 10 Vimmerse credits")
    page.consent_box.click()
    # a slow upload: cancelled from its card before anything charges
    sb.faults.latency_ms = 2500
    page.submit_button.click()
    run(loop, until(lambda: page.steps.rows() and page.steps.rows()[0].cancel_button.isVisible(), 10, "cancellable"))
    row = page.steps.rows()[0]
    qtbot.mouseClick(row.cancel_button, Qt.MouseButton.LeftButton)
    run(loop, until(lambda: row.done, 15, "cancelled"))
    assert "nothing was charged" in row.step.text()
    sb.faults.latency_ms = 0
    assert created(sb) == 0 and sb.vimmerse_credits(key) == 1000
    # a job that fails on Vimmerse: refunded, and sent again by hand after saying what it costs
    sb.vimmerse_fail_next(1)
    run(loop, until(lambda: page.submit_button.isEnabled(), 10, "free again"))
    page.submit_button.click()
    run(loop, until(lambda: page.guard.dialog is not None or page.rows, 20, "sent or asked"))
    if page.guard.dialog is not None:  # the same job as the cancelled one: asked first
        page.guard.answer(True)
    run(loop, until(lambda: page.rows, 20, "in the queue"))
    first = next(iter(page.rows))
    st = ctl.ctx.jobs.queue.store
    run(loop, until(lambda: st.get(first).status is LocalStatus.FAILED, 60, "failed"))
    res = page.result
    run(loop, until(lambda: res.resend_button.isVisible(), 10, "Send again offered"))
    asked = []
    page.confirm = lambda title, text, yes: (asked.append(text), yes())
    res.resend_button.click()
    assert asked and "about 10 Vimmerse credits" in asked[0]
    run(loop, until(lambda: len(page.rows) == 2, 30, "sent again"))
    second = max(page.rows)
    rec = wait_done(loop, ctl, second)
    assert rec.charged_credits == rec.estimated_credits == 10 and created(sb) == 2
    stats = sb.vimmerse_stats()
    assert stats["charged"] - stats["refunded"] == 10 and sb.vimmerse_credits(key) == 990
