"""varg as a provider choice in Image Generation, Background Removal and Speech to Text, end to end:
real clicks, the app in sandbox mode (its varg routes over loopback), the result shown in the tab,
the outcome line, a double click = one job, the same request again = "From cache: free"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.conftest import make_audio, make_image
from tests.ui.conftest import until
from tests.ui.test_ai_common import click, drop_file, open_tab, type_text
from verging_desktop.jobs.store import LocalStatus


@pytest.fixture(autouse=True)
def downloads_here(store: Any, tmp_path: Path) -> Path:
    """The results go to the test's own folder (never the home folder's Downloads)."""
    from verging_desktop.core.settings import Settings

    out = tmp_path / "varg-results"
    out.mkdir()
    store.save(Settings(download_dir=str(out)))
    return out


def _varg(ctl: Any) -> Any:
    """The sandbox, after checking the app's varg client is wired to its varg paths and demo key."""
    sb = ctl.session.sandbox
    assert sb is not None and ctl.session.in_sandbox
    assert ctl.ctx.varg.base_url == sb.varg_url.rstrip("/") and ctl.ctx.has_key("varg")
    sb.varg_job_seconds = 0.4
    return sb


def _creates(sb: Any, route: str) -> int:
    return int(sb.varg_stats()["requests"][f"POST {route}"])


def _double_click(qtbot: Any, button: Any) -> None:
    """Two clicks in a row, as an impatient user makes them (the second finds the button off)."""
    click(qtbot, button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _jobs(ctl: Any, kind: str) -> list[Any]:
    q = ctl.ctx.jobs.varg_queue
    return [r for r in q.store.list() if r.kind == kind and r.provider == "varg"]


# -- Image Generation --------------------------------------------------------------------------------
def test_image_generation_with_varg(harness, loop, qtbot, downloads_here) -> None:
    ctl, tab = open_tab(harness, loop, "Image Generation")
    sb = _varg(ctl)
    before = sb.varg_balance(sb.varg_demo_key)
    type_text(qtbot, tab.prompt, "a lighthouse made of glass")
    # both providers' costs side by side before anything is sent
    from verging_desktop.ui.plural import credits

    assert tab.providers.cost_text("verging") == credits(tab.estimate()) and tab.estimate() > 0
    assert "¢" in tab.providers.cost_text("varg") and "$" in tab.providers.cost_text("varg")
    assert not tab.varg_model.isVisible() and tab.model.isVisible()
    click(qtbot, tab.providers.radios["varg"])
    varg_cost = tab.providers.cost_text("varg")
    assert tab.provider == "varg" and tab.varg_model.isVisible() and tab.aspect.isVisible()
    assert not tab.size.isVisible() and not tab.count.isVisible() and not tab.cost.isVisible()
    est = tab.varg.estimate
    assert est is not None and tab.varg.outcome.isVisible() and tab.varg.outcome.text() == f"Estimate: {est.text()}"
    assert est.text().startswith(varg_cost) and est.source in est.text()  # where the figure comes from
    # recraft-v3 takes no reference image: the row goes
    tab.varg_model.setCurrentIndex(tab.varg_model.findData("recraft-v3"))
    assert not tab.reference.isVisible()
    tab.varg_model.setCurrentIndex(tab.varg_model.findData("flux-schnell"))
    assert tab.reference.isVisible()
    tab.aspect.setCurrentText("16:9")
    route = "/image"
    n0 = _creates(sb, route)
    _double_click(qtbot, tab.generate_btn)
    assert not tab.generate_btn.isEnabled() and not tab.providers.isEnabled()
    loop.run_until_complete(until(lambda: tab.gallery.count() == 1, 30, "the varg image in the gallery"))
    assert tab.providers.isEnabled()
    assert _creates(sb, route) - n0 == 1 and len(_jobs(ctl, "varg-image")) == 1
    rec = _jobs(ctl, "varg-image")[0]
    assert rec.status is LocalStatus.COMPLETED and rec.params["cache"] == "miss"
    path = Path(tab.selected_path())
    assert path.is_file() and path == Path(rec.result_path) and path.parent == downloads_here
    charged = before - sb.varg_balance(sb.varg_demo_key)
    assert charged > 0
    loop.run_until_complete(until(lambda: tab.varg.outcome.text().startswith("Charged"), 20, "the charge"))
    assert tab.varg.outcome.text().startswith("Charged ") and "estimate" in tab.varg.outcome.text()
    assert tab.generate_btn.isEnabled()
    # the same request again: the estimate says so, varg answers from its cache, free
    loop.run_until_complete(until(lambda: "probably from cache" in tab.providers.cost_text("varg"), 10))
    mid = sb.varg_balance(sb.varg_demo_key)
    click(qtbot, tab.generate_btn)
    loop.run_until_complete(until(lambda: tab.gallery.count() == 2, 30, "the cached image"))
    assert tab.varg.outcome.text() == "From cache: free" and "made with varg flux-schnell" in tab.note.text()
    assert sb.varg_balance(sb.varg_demo_key) == mid and tab.guard.dialog is None


def test_image_generation_varg_reference_image_and_bad_input(harness, loop, qtbot, ffmpeg, tmp_path) -> None:
    ctl, tab = open_tab(harness, loop, "Image Generation")
    sb = _varg(ctl)
    click(qtbot, tab.providers.radios["varg"])
    type_text(qtbot, tab.prompt, "the same scene at night")
    # a reference that is not an image: refused before anything is sent
    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    assert drop_file(tab.reference, bad)
    n0 = _creates(sb, "/image")
    click(qtbot, tab.generate_btn)
    loop.run_until_complete(until(lambda: tab.error.text, 10, "the refusal"))
    assert "notes.png" in tab.error.text and "Nothing was sent" in tab.error.text
    assert _creates(sb, "/image") == n0 and tab.generate_btn.isEnabled()
    ref = make_image(ffmpeg, tmp_path / "day.png")
    assert drop_file(tab.reference, ref)
    assert tab.reference_path == str(ref) and tab.varg_request().files == (str(ref),)
    click(qtbot, tab.generate_btn)
    loop.run_until_complete(until(lambda: tab.gallery.count() == 1, 30, "the image"))
    rec = _jobs(ctl, "varg-image")[0]
    assert rec.params.get("file_urls"), rec.params
    assert sb.varg_stats()["requests"]["POST /files"] == 1


# -- Background Removal ------------------------------------------------------------------------------
def test_background_removal_with_varg(harness, loop, qtbot, ffmpeg, tmp_path) -> None:
    ctl, tab = open_tab(harness, loop, "Background Removal")
    sb = _varg(ctl)
    a = make_image(ffmpeg, tmp_path / "a.png")
    b = make_image(ffmpeg, tmp_path / "b.png", size="320x200")
    assert drop_file(tab.drop, a) and drop_file(tab.drop, b)
    loop.run_until_complete(until(lambda: [i.state for i in tab.items] == ["ready", "ready"], 10, "checked"))
    # both providers' costs side by side
    assert tab.providers.cost_text("verging") == "2 credits"
    assert "for 2 images" in tab.providers.cost_text("varg") and "¢" in tab.providers.cost_text("varg")
    click(qtbot, tab.providers.radios["varg"])
    assert tab.provider == "varg" and not tab.cost.isVisible() and tab.varg.outcome.isVisible()
    assert tab.submit_button.text() == "Remove backgrounds with varg"
    before = sb.varg_balance(sb.varg_demo_key)
    _double_click(qtbot, tab.submit_button)
    loop.run_until_complete(until(lambda: all(tab.completed_result(i) for i in tab.items), 40, "two cut-outs"))
    assert len(_jobs(ctl, "varg-background-removal")) == 2  # a double click: still one job per image
    assert sb.varg_stats()["requests"]["POST /image"] == 2
    res = tab.completed_result(tab.items[0])
    assert res is not None and res.is_file()
    # the same result view: the first job's cut-out over the original
    loop.run_until_complete(until(lambda: tab.result.result_path is not None, 10, "the result view"))
    assert tab.result.local_id == tab.items[0].local_id and tab.result.save_button.isEnabled()
    loop.run_until_complete(until(lambda: tab.varg.outcome.text().startswith("Charged"), 20, "the charge"))
    assert sb.varg_balance(sb.varg_demo_key) < before
    loop.run_until_complete(until(lambda: "Charged" in tab.items[0].widget.text(), 10, "the row's charge"))
    # the same image again: the estimate says probably free, varg's cache answers: free
    tab.clear_list()
    assert drop_file(tab.drop, a)
    loop.run_until_complete(until(lambda: [i.state for i in tab.items] == ["ready"], 10, "checked again"))
    assert "probably from cache" in tab.providers.cost_text("varg")
    mid = sb.varg_balance(sb.varg_demo_key)
    click(qtbot, tab.submit_button)
    loop.run_until_complete(until(lambda: tab.completed_result(tab.items[0]), 30, "the cached cut-out"))
    loop.run_until_complete(until(lambda: tab.varg.outcome.text() == "From cache: free", 10, "from cache"))
    assert sb.varg_balance(sb.varg_demo_key) == mid and "From cache: free" in tab.items[0].widget.text()


# -- Speech to Text ----------------------------------------------------------------------------------
def _save(tab: Any, button: Any, path: Path) -> None:
    tab.file_dialog = None
    button.click()
    tab.file_dialog.selectFile(str(path))
    tab.file_dialog.accept()


def test_speech_to_text_with_varg(harness, loop, qtbot, ffmpeg, tmp_path) -> None:
    ctl, tab = open_tab(harness, loop, "Speech to Text")
    sb = _varg(ctl)
    audio = make_audio(ffmpeg, tmp_path / "memo.wav", seconds=4.0)
    assert drop_file(tab.drop, audio)
    loop.run_until_complete(until(lambda: tab.plan is not None, 20, "plan"))
    # both providers' costs for this file side by side
    from verging_desktop.ui.plural import credits

    assert tab.providers.cost_text("verging") == credits(tab.plan.estimate)
    assert "¢" in tab.providers.cost_text("varg")
    click(qtbot, tab.providers.radios["varg"])
    assert tab.provider == "varg" and not tab.model.isVisible() and tab.go_btn.text() == "Transcribe with varg"
    tab.language.setCurrentIndex(tab.language.findData("en"))
    before = sb.varg_balance(sb.varg_demo_key)
    _double_click(qtbot, tab.go_btn)
    assert not tab.go_btn.isEnabled()
    loop.run_until_complete(until(lambda: tab.transcript is not None, 30, "the transcript"))
    assert len(_jobs(ctl, "varg-transcription")) == 1
    assert sb.varg_stats()["requests"]["POST /transcription"] == 1
    loop.run_until_complete(until(lambda: tab.transcript.timed, 10, "the timed segments"))
    t = tab.transcript
    assert t.text and tab.text.toPlainText() == t.text and tab.segments.topLevelItemCount() >= 1
    assert t.duration == pytest.approx(4.0, abs=0.3)
    assert "varg whisper" in tab.result.text()
    loop.run_until_complete(until(lambda: tab.varg.outcome.text().startswith("Charged"), 20, "the charge"))
    assert sb.varg_balance(sb.varg_demo_key) < before and tab.go_btn.isEnabled()
    # the same exports as Verging's
    for kind, button in (("txt", tab.txt_btn), ("srt", tab.srt_btn), ("vtt", tab.vtt_btn)):
        _save(tab, button, tmp_path / f"out.{kind}")
    assert (tmp_path / "out.txt").read_text().strip() == t.text
    assert (tmp_path / "out.srt").read_text().startswith("1\n00:00:00,000 --> ")
    assert (tmp_path / "out.vtt").read_text().startswith("WEBVTT\n\n00:00:00.000 --> ")
    # the same file again: from varg's cache, free
    assert "probably from cache" in tab.providers.cost_text("varg")
    mid = sb.varg_balance(sb.varg_demo_key)
    tab.transcript = None
    click(qtbot, tab.go_btn)
    loop.run_until_complete(until(lambda: tab.transcript is not None, 30, "the cached transcript"))
    assert tab.varg.outcome.text() == "From cache: free" and sb.varg_balance(sb.varg_demo_key) == mid


@pytest.mark.parametrize("title", ["Speech to Text", "Image Generation", "Background Removal"])
def test_varg_without_a_key_says_so_with_a_link(harness, loop, qtbot, monkeypatch, title) -> None:
    ctl, tab = open_tab(harness, loop, title)
    real = type(ctl.ctx).has_key
    monkeypatch.setattr(type(ctl.ctx), "has_key", lambda self, p: False if p == "varg" else real(self, p))
    tab.varg.keyChanged.emit(False)
    assert tab.providers.cost_text("varg") == "No varg key: Add a varg key"
    # a real click on the link opens the keys dialog on its varg tab
    label = tab.providers.costs["varg"]
    m = label.contentsMargins()
    x = m.left() + label.fontMetrics().horizontalAdvance("No varg key: Add") + 2
    from PySide6.QtCore import QPoint

    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(x, label.height() // 2))
    w = ctl.window
    loop.run_until_complete(until(lambda: w.keys_dialog is not None and w.keys_dialog.isVisible(), 5, "the keys dialog"))
    dlg = w.keys_dialog
    assert dlg.isVisible() and dlg.tabs.currentWidget() is dlg.varg
    dlg.close()
    click(qtbot, tab.providers.radios["varg"])
    button = getattr(tab, {"Speech to Text": "go_btn", "Image Generation": "generate_btn",
                           "Background Removal": "submit_button"}[title])
    if button.isEnabled():  # nothing is sent without a key
        click(qtbot, button)
    assert tab.varg.runner.orders == 0


def test_image_generation_with_your_own_fal_key(harness, loop, qtbot) -> None:
    ctl, tab = open_tab(harness, loop, "Image Generation")
    sb = _varg(ctl)
    click(qtbot, tab.providers.radios["varg"])
    type_text(qtbot, tab.prompt, "a paper boat on a pond")
    assert "¢" in tab.providers.cost_text("varg")
    # the session never sends a provider key to the local sandbox (a real fal.ai key is a secret of its
    # own): give a made-up one to the clients the tab and the queue use, as a live session does
    queue = loop.run_until_complete(ctl.ctx.jobs.varg_ready())
    fake = "fal_" + "t" * 24
    for client in {id(c): c for c in (ctl.ctx.varg, queue.client)}.values():
        client.set_byok_key("fal", fake)
    tab.varg.keyChanged.emit(True)
    assert tab.providers.cost_text("varg") == "your own fal.ai key: billed by the provider"
    assert tab.varg.outcome.text() == "Estimate: your own fal.ai key: billed by the provider"
    balance = sb.varg_balance(sb.varg_demo_key)
    click(qtbot, tab.generate_btn)
    loop.run_until_complete(until(lambda: tab.gallery.count() == 1, 30, "the image"))
    rec = _jobs(ctl, "varg-image")[0]
    assert rec.params["byok"] == "fal"
    assert tab.varg.outcome.text() == "Your own fal.ai key: billed by the provider"
    assert sb.varg_balance(sb.varg_demo_key) == balance


def test_the_provider_choice_is_kept_for_next_time(harness, loop, qtbot) -> None:
    from verging_desktop.ui.tools.background_removal import BackgroundRemovalPage
    from verging_desktop.ui.tools.image_generation import ImageGenerationTab
    from verging_desktop.ui.tools.speech_to_text import SpeechToTextTab

    ctl, tab = open_tab(harness, loop, "Image Generation")
    click(qtbot, tab.providers.radios["varg"])
    again = ImageGenerationTab(ctl.ctx)  # as the next run builds it
    qtbot.addWidget(again)
    assert again.provider == "varg" and again.generate_btn.text() == "Generate with varg"
    # the other tabs keep their own choice (Verging until changed)
    for cls in (BackgroundRemovalPage, SpeechToTextTab):
        other = cls(ctl.ctx)
        qtbot.addWidget(other)
        assert other.provider == "verging"


def test_a_double_click_in_the_queue_shows_the_varg_result_in_its_tab(harness, loop, qtbot, ffmpeg, tmp_path) -> None:
    ctl, tab = open_tab(harness, loop, "Speech to Text")
    _varg(ctl)
    audio = make_audio(ffmpeg, tmp_path / "call.wav", seconds=2.0)
    assert drop_file(tab.drop, audio)
    loop.run_until_complete(until(lambda: tab.plan is not None, 20, "plan"))
    click(qtbot, tab.providers.radios["varg"])
    click(qtbot, tab.go_btn)
    loop.run_until_complete(until(lambda: tab.transcript is not None, 30, "the transcript"))
    rec = _jobs(ctl, "varg-transcription")[0]
    tab.reset_session_results()
    assert tab.transcript is None
    ctl.ctx.open_job(rec.kind, rec.local_id)  # what the queue panel's double click calls
    assert tab.transcript is not None and "sandbox transcript" in tab.text.toPlainText()
    # an image: shown in Image Generation's gallery
    w = ctl.window
    w.tabs.setCurrentIndex([w.tabs.tabText(i) for i in range(w.tabs.count())].index("Image Generation"))
    loop.run_until_complete(until(lambda: w.pages["Image Generation"].content is not None, 10))
    img = w.pages["Image Generation"].content
    click(qtbot, img.providers.radios["varg"])
    type_text(qtbot, img.prompt, "a kite")
    click(qtbot, img.generate_btn)
    loop.run_until_complete(until(lambda: img.gallery.count() == 1, 30, "the image"))
    made = _jobs(ctl, "varg-image")[0]
    img.reset_session_results()
    ctl.ctx.open_job(made.kind, made.local_id)
    assert img.gallery.count() == 1 and img.selected_path() == made.result_path


def test_a_reference_image_over_50_mb_is_offered_a_smaller_copy(harness, loop, qtbot, ffmpeg, tmp_path) -> None:
    import os
    import subprocess

    big = tmp_path / "huge scan.png"
    noise = os.urandom(5000 * 3600 * 3)  # noise does not compress: a PNG over 50 MB
    subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
                    "-s", "5000x3600", "-i", "-", "-frames:v", "1", str(big)], input=noise, check=True, timeout=120)
    assert big.stat().st_size > 50 * 1024 * 1024
    ctl, tab = open_tab(harness, loop, "Image Generation")
    sb = _varg(ctl)
    click(qtbot, tab.providers.radios["varg"])
    type_text(qtbot, tab.prompt, "the same, as a watercolour")
    assert drop_file(tab.reference, big)
    click(qtbot, tab.generate_btn)
    assert "huge scan.png" in tab.error.text and "Nothing was sent" in tab.error.text
    assert tab.error.retry.isVisible() and tab.error.retry.text() == "Use a smaller copy"
    assert sb.varg_stats()["requests"]["POST /files"] == 0 and tab.varg.runner.orders == 0
    click(qtbot, tab.error.retry)
    loop.run_until_complete(until(lambda: tab.reference_path != str(big), 120, "the smaller copy"))
    small = Path(tab.reference_path)
    assert small.is_file() and small.stat().st_size <= 50 * 1024 * 1024 and big.is_file()
    click(qtbot, tab.generate_btn)
    loop.run_until_complete(until(lambda: tab.gallery.count() == 1, 60, "the image"))
    assert sb.varg_stats()["requests"]["POST /files"] == 1


def test_a_large_inputs_hash_never_blocks_the_window(harness, loop, qtbot, ffmpeg, tmp_path, monkeypatch) -> None:
    """The "probably from cache" estimate needs the input's content hash: a large file is hashed in
    a thread (the window answers meanwhile, the estimate is the full price), then the estimate
    follows with the hint."""
    import shutil
    import threading

    from verging_desktop.ui.tools import varg_hashes

    ctl, tab = open_tab(harness, loop, "Background Removal")
    sb = _varg(ctl)
    a = make_image(ffmpeg, tmp_path / "a.png")
    assert drop_file(tab.drop, a)
    loop.run_until_complete(until(lambda: [i.state for i in tab.items] == ["ready"], 10, "checked"))
    click(qtbot, tab.providers.radios["varg"])
    click(qtbot, tab.submit_button)
    loop.run_until_complete(until(lambda: tab.completed_result(tab.items[0]), 30, "the cut-out"))
    loop.run_until_complete(until(lambda: tab.varg.outcome.text().startswith("Charged"), 20, "the charge"))
    # the same bytes under another name: a file the app has not hashed yet, "large" for this test
    copy = tmp_path / "same-bytes.png"
    shutil.copyfile(a, copy)
    monkeypatch.setattr(varg_hashes, "SYNC_HASH_BYTES", 0)
    go, threads = threading.Event(), []
    real = varg_hashes.hashes_of

    def slow_hashes(req: Any) -> dict[str, str]:
        threads.append(threading.current_thread())
        assert go.wait(20)
        return real(req)

    monkeypatch.setattr(varg_hashes, "hashes_of", slow_hashes)
    tab.clear_list()
    assert drop_file(tab.drop, copy)
    loop.run_until_complete(until(lambda: [i.state for i in tab.items] == ["ready"], 10, "checked again"))
    cost = tab.providers.cost_text("varg")
    assert "¢" in cost and "probably from cache" not in cost  # the full price until the hash is known
    assert threads and all(t is not threading.main_thread() for t in threads)
    go.set()
    loop.run_until_complete(until(lambda: "probably from cache" in tab.providers.cost_text("varg"), 10, "the hint"))
    assert all(t is not threading.main_thread() for t in threads)
    assert sb.varg_stats()["requests"]["POST /image"] == 1


def test_a_cancelled_varg_image_is_said_plainly_not_as_an_error(harness, loop, qtbot) -> None:
    """The user's own Cancel on a running varg job: the tab says "Cancelled on varg." in its plain
    colour (an error's red is for what went wrong), and varg gave the cents back."""
    ctl, tab = open_tab(harness, loop, "Image Generation")
    sb = _varg(ctl)
    sb.varg_job_seconds = 3600  # it runs until it is cancelled
    before = sb.varg_balance(sb.varg_demo_key)
    type_text(qtbot, tab.prompt, "a slow lighthouse")
    click(qtbot, tab.providers.radios["varg"])
    click(qtbot, tab.generate_btn)
    loop.run_until_complete(until(lambda: _jobs(ctl, "varg-image") and _jobs(ctl, "varg-image")[0].remote_id, 20,
                                  "the job on varg"))
    assert tab.varg.busy.isVisible()
    click(qtbot, tab.varg.busy.cancel)
    loop.run_until_complete(until(lambda: tab.error.text, 20, "the cancel's words"))
    assert tab.error.kind == "info" and "Cancelled" in tab.error.text, (tab.error.kind, tab.error.text)
    assert _jobs(ctl, "varg-image")[0].status is LocalStatus.CANCELLED
    assert sb.varg_stats()["requests"].get("DELETE /jobs/{id}", 0) == 1
    loop.run_until_complete(until(lambda: sb.varg_balance(sb.varg_demo_key) == before, 10, "the refund"))


def test_the_varg_panel_says_its_upload_and_the_usual_time(harness, loop, qtbot, ffmpeg, tmp_path) -> None:
    """Speech to Text on varg: the panel's time line names the upload at the varg uplink; once
    varg holds the file (its hash remembered) no upload is said, and the finished job's time
    joins as the usual time of that kind."""
    from verging_desktop.core.providers import VARG
    from verging_desktop.core.uplink import UplinkEstimator, host_of

    ctl, tab = open_tab(harness, loop, "Speech to Text")
    _varg(ctl)
    audio = make_audio(ffmpeg, tmp_path / "memo.wav", seconds=20.0)
    assert audio.stat().st_size > 300_000
    assert drop_file(tab.drop, audio)
    loop.run_until_complete(until(lambda: tab.plan is not None, 20, "plan"))
    click(qtbot, tab.providers.radios["varg"])
    tab.language.setCurrentIndex(tab.language.findData("en"))
    client = ctl.ctx.varg
    est = client.uplink
    assert isinstance(est, UplinkEstimator)
    est.forget()
    n = 4 * 1024 * 1024
    est.record(VARG.id, host_of(client.base_url), n, n / 20_000)  # 0.2 Mbit/s
    panel = tab.varg
    tab.language.setCurrentIndex(tab.language.findData("fr"))  # an input change: priced again
    tab.language.setCurrentIndex(tab.language.findData("en"))
    loop.run_until_complete(until(lambda: panel.time_label.text(), 10, "the time line"))
    assert panel.time_label.isVisible() or not tab.isVisible()
    size = audio.stat().st_size
    text = panel.time_label.text()
    assert text.startswith("About ") and " to upload " in text and "0.2 Mbit/s" in text, text
    assert f"{size / 1e6:.1f} MB" in text and "usually take" not in text
    click(qtbot, tab.go_btn)
    loop.run_until_complete(until(lambda: tab.transcript is not None, 30, "the transcript"))
    rec = _jobs(ctl, "varg-transcription")[0]
    loop.run_until_complete(until(lambda: "Results usually take about" in panel.time_label.text(), 10, "history"))
    text = panel.time_label.text()
    took = rec.finished_at - rec.submitted_at if rec.finished_at else None
    assert " to upload " not in text, text  # varg holds the file now: nothing goes up again
    if took is not None:
        assert text == f"Results usually take about {max(1, round(took))} s."
