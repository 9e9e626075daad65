"""The Speech to Text tab against the sandbox: a 30 MB WAV dropped, converted, then sent; video; exports."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import make_clip, make_image
from tests.ui.conftest import until
from tests.ui.test_ai_common import click, ctrl_enter, drop_file, open_tab
from verging_desktop.sandbox import DEMO_KEY


@pytest.fixture(scope="module")
def big_wav(ffmpeg, tmp_path_factory):
    """3 minutes of 44.1 kHz stereo s16 PCM: about 31 MB, over the 25 MB limit."""
    path = tmp_path_factory.mktemp("stt") / "long interview.wav"
    subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "sine=frequency=220:sample_rate=44100:duration=180", "-ac", "2", "-c:a", "pcm_s16le", str(path)],
                   check=True, timeout=120)
    assert path.stat().st_size > 30 * 1024 * 1024
    return path


def _save(tab, button, path):
    tab.file_dialog = None
    button.click()
    tab.file_dialog.selectFile(str(path))
    tab.file_dialog.accept()


def test_30mb_wav_is_converted_then_sent(harness, loop, qtbot, big_wav, tmp_path) -> None:
    ctl, tab = open_tab(harness, loop, "Speech to Text")
    sb = ctl.session.sandbox
    assert not tab.go_btn.isEnabled() and "Choose a file" in tab.plan_label.text()
    assert drop_file(tab.drop, big_wav)
    loop.run_until_complete(until(lambda: tab.plan is not None, 20, "plan"))
    plan = tab.plan.describe()
    assert "over the 25.0 MB limit" in plan and "16 kHz mono MP3 at 48 kbps" in plan
    assert "Estimated cost: 3 credits" in plan and tab.plan_label.text().startswith(plan[:40])
    tab.language.setCurrentIndex(tab.language.findData("en"))
    sb.reset_stats()
    tab.language.setFocus()
    ctrl_enter(qtbot, tab.language)  # Ctrl+Enter anywhere in the tab
    loop.run_until_complete(until(lambda: tab.transcript is not None, 60, "transcript"))
    t = tab.transcript
    assert t.duration == pytest.approx(180, abs=0.3) and t.parts == 1 and t.charged == 3
    assert sb.credits(DEMO_KEY) == 997 and sb.stats()["requests"]["POST /api/v1/ai/stt"] == 1
    assert "sandbox transcript" in tab.text.toPlainText()
    assert tab.segments.topLevelItemCount() == 36 and tab.segments.topLevelItem(35).text(1) == "00:03:00.000"
    assert "charged <b>3 credits</b> (estimated 3 credits)" in tab.result.text()
    # copy and export as .txt, .srt and .vtt through the (non-blocking) save dialog
    click(qtbot, tab.copy_btn)
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == t.text
    for kind, button in (("txt", tab.txt_btn), ("srt", tab.srt_btn), ("vtt", tab.vtt_btn)):
        _save(tab, button, tmp_path / f"out.{kind}")
    assert (tmp_path / "out.txt").read_text().strip() == t.text
    assert (tmp_path / "out.srt").read_text().startswith("1\n00:00:00,000 --> 00:00:05,000\n")
    assert (tmp_path / "out.vtt").read_text().startswith("WEBVTT\n\n00:00:00.000 --> 00:00:05.000\n")


def test_video_sound_track_and_bad_files(harness, loop, qtbot, ffmpeg, tmp_path) -> None:
    _ctl, tab = open_tab(harness, loop, "Speech to Text")
    img = make_image(ffmpeg, tmp_path / "photo.png")
    assert drop_file(tab.drop, img)
    loop.run_until_complete(until(lambda: tab.error.text, 10, "refusal"))
    assert "image, not audio" in tab.error.text and tab.plan is None and not tab.error.retry.isVisible()
    assert not tab.go_btn.isEnabled()
    clip = make_clip(ffmpeg, tmp_path / "clip.mp4", seconds=3)
    assert drop_file(tab.drop, clip)
    loop.run_until_complete(until(lambda: tab.plan is not None, 10, "plan"))
    assert "is a video: its sound track is extracted" in tab.plan_label.text()
    click(qtbot, tab.go_btn)
    loop.run_until_complete(until(lambda: tab.transcript is not None, 30, "transcript"))
    assert tab.transcript.duration == pytest.approx(3, abs=0.1)


def test_insufficient_credits_is_readable(harness, loop, qtbot, ffmpeg, tmp_path) -> None:
    ctl, tab = open_tab(harness, loop, "Speech to Text")
    sb = ctl.session.sandbox
    from tests.conftest import make_audio

    audio = make_audio(ffmpeg, tmp_path / "note.mp3", seconds=2)
    tab.accept_handoff(str(audio))
    loop.run_until_complete(until(lambda: tab.plan is not None, 10, "plan"))
    assert "sent as it is" in tab.plan_label.text()
    sb.set_credits(DEMO_KEY, 0)
    click(qtbot, tab.go_btn)
    loop.run_until_complete(until(lambda: tab.error.text and not tab.runner.is_running, 20, "402"))
    assert "Not enough credits: this needs 1 credit and your balance is 0" in tab.error.text
    assert tab.error.retry.isVisible() and tab.transcript is None
    sb.set_credits(DEMO_KEY, 10)
    click(qtbot, tab.error.retry)
    loop.run_until_complete(until(lambda: tab.transcript is not None, 20, "transcript"))
