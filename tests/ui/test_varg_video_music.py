"""Generate Video's and Sound's varg choices end to end, in the real app against the sandbox's varg
paths: both costs side by side, real clicks and a real drop, the durations a model takes, the clip
or tune shown, played and saved, the outcome line with the usage record's charge, a double click is
one job, the same request again is a free cache hit, and no varg key says so."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.conftest import make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, start_app
from tests.ui.conftest import run, until
from verging_desktop.services.varg_cost import cents_text
from verging_desktop.ui.tools.varg_panel import short_name

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def posts(sb, route: str) -> int:
    return sb.varg_stats()["requests"].get(f"POST {route}", 0)


def choose_varg(qtbot, loop, page) -> None:
    radio = page.provider.radios["varg"]
    qtbot.mouseClick(radio, LEFT, pos=QPoint(8, radio.height() // 2))
    run(loop, until(lambda: page.is_varg() and page.varg.isVisible(), 5, "varg chosen"))
    assert not page.page_scroll.isVisible() and not page.key_banner.isVisible()


def pick(combo, data) -> None:
    i = combo.findData(data)
    assert i >= 0, data
    combo.setCurrentIndex(i)


def wait_done(loop, panel, n_before: int, count, timeout: float = 60) -> None:
    run(loop, until(lambda: count() > n_before and not panel.runner.busy, timeout, "the result"))


def wait_charge(loop, panel) -> str:
    run(loop, until(lambda: panel.outcome.text().startswith(("Charged ", "From cache", "Your own")), 15, "the charge"))
    return panel.outcome.text()


def probe(path: Path):
    from verging_desktop.media.probe import probe as _probe

    return _probe(path, require_video=False)


# ==== Generate Video ================================================================================
def test_varg_text_to_video_durations_follow_the_model_double_click_and_cache(harness, store, loop, qtbot, tmp_path):
    downloads = tmp_path / "downloads"
    ctl = start_app(harness, store, downloads)
    sb = ctl.session.sandbox
    key = sb.varg_demo_key
    sb.varg_job_seconds = 0.5
    page = open_tab(loop, ctl, "Generate Video")
    assert page.provider.current() == "vimmerse" and page.page_scroll.isVisible() and not page.varg.isVisible()
    choose_varg(qtbot, loop, page)
    v = page.varg
    # only varg's video models, no lip-sync ones; the durations follow the model
    ids = [v.model.itemData(i) for i in range(v.model.count())]
    assert "kling-v2.5" in ids and "minimax" in ids and "ltx" in ids and "seedance-2-preview" in ids
    assert not {"sync-v2", "sync-v2-pro", "omnihuman"} & set(ids)
    assert v.model.currentData() == "kling-v2.5" and v.durations() == [5, 10] and v.duration.currentData() == 5
    pick(v.model, "minimax")
    assert v.durations() == [6, 10] and v.duration.currentData() == 6
    pick(v.duration, 10)
    pick(v.model, "wan-2.5")
    assert v.durations() == [5, 10] and v.duration.currentData() == 10  # kept: Wan makes 10 s too
    pick(v.model, "minimax")
    pick(v.duration, 6)
    pick(v.model, "kling-v2.5")
    assert v.duration.currentData() == 5  # Kling makes no 6 s clip: its default
    assert [v.ratio.itemData(i) for i in range(v.ratio.count())] == ["16:9", "9:16", "1:1"]
    assert not v.submit_button.isEnabled() and "Describe the clip" in v.why.text()
    assert page.provider.cost_text("varg") == "–"
    qtbot.mouseClick(v.prompt, LEFT)
    qtbot.keyClicks(v.prompt, "a red kite over the dunes at dawn")
    pick(v.ratio, "9:16")
    est = v.estimate
    assert est is not None and est.cents and page.provider.cost_text("varg") == est.text()
    assert v.outcome.text() == f"Estimate: {est.text()}" and v.submit_button.isEnabled()
    assert v.submit_button.text() == f"Generate ({est.cents:g}\u00a0¢)"
    assert page.provider.cost_text("vimmerse")  # Vimmerse's side shows its own line beside it
    balance = sb.varg_balance(key)
    qtbot.mouseClick(v.submit_button, LEFT)  # a double click (two clicks at once): one order
    assert not v.submit_button.isEnabled()
    qtbot.mouseClick(v.submit_button, LEFT)
    assert v.submit() is False
    wait_done(loop, v, 0, v.gallery.count)
    run(loop, asyncio.sleep(0.5))
    assert posts(sb, "/video") == 1 and v.runner.orders == 1 and v.gallery.count() == 1
    rec = v.last_record
    assert rec.kind == "varg-video" and rec.params["model"] == "kling-v2.5" and rec.params["aspect_ratio"] == "9:16"
    assert float(rec.params["duration"]) == 5
    assert rec.input_name.startswith(short_name(rec.params["prompt"])) and rec.input_name.endswith(" - kling-v2.5.mp4")
    res = Path(rec.result_path)
    assert res.is_file() and res.parent == downloads and v.gallery.paths() == [str(res)]
    info = probe(res)
    assert info.has_video and abs(info.duration - 5.0) < 0.5 and info.height > info.width
    text = wait_charge(loop, v)
    charged = balance - sb.varg_balance(key)
    assert charged == pytest.approx(est.cents) and text == f"Charged {cents_text(charged)}, estimate {est.cents:g}\u00a0¢"
    # saved where the user says
    saved = v.gallery.save_to(res, tmp_path / "kite.mp4")
    assert Path(saved).read_bytes() == res.read_bytes()
    # the same request again: probably free, a cache hit, nothing charged
    v.refresh()
    assert v.estimate.probably_cached and page.provider.cost_text("varg").startswith("probably from cache: free")
    assert v.submit_button.text() == "Generate (probably free)"
    balance = sb.varg_balance(key)
    qtbot.mouseClick(v.submit_button, LEFT)
    run(loop, until(lambda: v.last_record is not rec and not v.runner.busy, 30, "the hit"))
    assert v.last_record.params["cache"] == "hit" and v.outcome.text() == "From cache: free"
    assert sb.varg_balance(key) == balance and posts(sb, "/video") == 2
    # the queue's double click on the first job shows its clip here (varg chosen)
    v.gallery.clear()
    page.provider.set_current("vimmerse")
    ctl.ctx.open_job("varg-video", rec.local_id)
    run(loop, until(lambda: v.gallery.count() == 1, 5, "the clip shown"))
    assert page.is_varg() and v.gallery.paths() == [str(res)]
    # the Vimmerse side comes back as it was
    qtbot.mouseClick(page.provider.radios["vimmerse"], LEFT, pos=QPoint(8, 8))
    assert page.page_scroll.isVisible() and not v.isVisible()
    assert ctl.ctx.store.value("providers/generate-video") == "vimmerse"


def test_varg_image_to_video_from_a_dropped_image(harness, store, loop, qtbot, tmp_path, ffmpeg):
    img = make_image(ffmpeg, tmp_path / "dune.png", size="320x180")
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    sb.varg_job_seconds = 0.3
    page = open_tab(loop, ctl, "Generate Video")
    choose_varg(qtbot, loop, page)
    v = page.varg
    assert not v.image_drop.isVisible()
    qtbot.mouseClick(v.image_radio, LEFT, pos=QPoint(8, v.image_radio.height() // 2))
    assert v.image_drop.isVisible()
    qtbot.mouseClick(v.prompt, LEFT)
    qtbot.keyClicks(v.prompt, "the sand starts to blow")
    assert not v.submit_button.isEnabled() and "Drop the image" in v.why.text()
    assert drop(v.image_drop, [img])
    # as on the Vimmerse side, a photo is animated only once its rights are confirmed
    run(loop, until(lambda: v.consent_box.isEnabled(), 5, "the image checked"))
    assert not v.submit_button.isEnabled() and "right to use the people" in v.why.text()
    assert "¢" in page.provider.cost_text("varg")  # the cost is shown meanwhile
    assert v.submit() is False and posts(sb, "/video") == 0 and posts(sb, "/files") == 0
    qtbot.mouseClick(v.consent_box, LEFT, pos=QPoint(8, v.consent_box.height() // 2))
    run(loop, until(lambda: v.submit_button.isEnabled(), 5, "ready"))
    pick(v.model, "ltx")
    pick(v.duration, 10)
    pick(v.ratio, "16:9")
    qtbot.mouseClick(v.submit_button, LEFT)
    wait_done(loop, v, 0, v.gallery.count)
    rec = v.last_record
    assert rec.params["model"] == "ltx" and float(rec.params["duration"]) == 10
    assert posts(sb, "/files") == 1 and rec.params.get("file_urls")  # the image went up once
    info = probe(Path(rec.result_path))
    assert abs(info.duration - 10.0) < 0.5 and info.width > info.height
    wait_charge(loop, v)


def test_generate_video_without_a_varg_key(harness, store, loop, qtbot, tmp_path, monkeypatch):
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Generate Video")
    real = type(ctl.ctx).has_key
    monkeypatch.setattr(type(ctl.ctx), "has_key", lambda self, p: False if p == "varg" else real(self, p))
    page.varg.refresh()
    assert page.provider.cost_text("varg") == "needs a varg key · Add a varg key"
    choose_varg(qtbot, loop, page)
    v = page.varg
    assert v.key_line.isVisible()
    qtbot.mouseClick(v.prompt, LEFT)
    qtbot.keyClicks(v.prompt, "a lighthouse")
    assert not v.submit_button.isEnabled() and "Add a varg key" in v.why.text()
    assert v.submit() is False and posts(sb, "/video") == 0
    opened: list[str] = []
    monkeypatch.setattr(ctl.ctx, "open_keys", opened.append)
    qtbot.mouseClick(v.key_button, LEFT)
    assert opened == ["varg"]
    from tests.ui.test_varg_tts import click_link

    click_link(qtbot, page.provider.costs["varg"], "needs a varg key · ")
    assert opened == ["varg", "varg"]


def test_varg_video_the_button_stays_put_vimmerse_says_why_and_the_clip_is_named_once(
        harness, store, loop, qtbot, tmp_path, ffmpeg):
    img = make_image(ffmpeg, tmp_path / "parrot.png", size="320x180")
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    sb.varg_job_seconds = 0.3
    page = open_tab(loop, ctl, "Generate Video")
    choose_varg(qtbot, loop, page)
    v = page.varg
    ys: dict[str, int] = {}

    def where(tag: str) -> None:
        run(loop, asyncio.sleep(0.05))  # (the layout settles)
        ys[tag] = v.submit_button.mapTo(ctl.window, QPoint(0, 0)).y()

    # Vimmerse's side says why it has no cost, in words, beside varg's
    where("nothing typed")
    assert page.provider.cost_text("vimmerse") == "Vimmerse has no text-to-video"
    assert "reference images" in page.provider.costs["vimmerse"].toolTip()
    qtbot.mouseClick(v.prompt, LEFT)
    qtbot.keyClicks(v.prompt, "a green parrot talks to a tortoise on a sunny beach")
    where("the estimate shown")
    assert v.outcome.text().startswith("Estimate: ") and "¢" in page.provider.cost_text("varg")
    pick(v.model, "ltx")
    where("another model")
    pick(v.model, "kling-v2.5")
    qtbot.mouseClick(v.image_radio, LEFT, pos=QPoint(8, v.image_radio.height() // 2))
    where("image to video")
    assert page.provider.cost_text("vimmerse") == "Vimmerse: needs reference images"
    assert drop(v.image_drop, [img])
    run(loop, until(lambda: v.consent_box.isEnabled(), 5, "the image checked"))
    where("consent asked")
    assert v.why.isVisible() and "right to use the people" in v.why.text()
    # ticking the box: the button is where it was (a click aimed at it lands on it)
    qtbot.mouseClick(v.consent_box, LEFT, pos=QPoint(8, v.consent_box.height() // 2))
    where("consent given")
    assert not v.why.isVisible() and v.submit_button.isEnabled()
    qtbot.mouseClick(v.text_radio, LEFT, pos=QPoint(8, v.text_radio.height() // 2))
    where("text to video again")
    assert page.provider.cost_text("vimmerse") == "Vimmerse has no text-to-video"
    qtbot.mouseClick(v.submit_button, LEFT)
    wait_done(loop, v, 0, v.gallery.count)
    wait_charge(loop, v)
    v.refresh()
    where("done, probably from cache next")
    assert page.provider.cost_text("varg").startswith("probably from cache")
    assert len(set(ys.values())) == 1, ys
    # the clip is named once: the model and the prompt's first words; the file in the tooltip
    rec = v.last_record
    res = Path(rec.result_path)
    v.gallery.select(0)
    caption = v.gallery.caption.full_text()
    assert caption == "Kling 2.5 · a green parrot talks to a tortoise on a…"
    assert caption.count("Kling") == 1 and res.name not in caption and str(res) in v.gallery.caption.toolTip()
    assert v.gallery.grid.item(0).text() == caption


# ==== Sound =======================================================================================
def test_varg_music_played_saved_double_click_and_cache(harness, store, loop, qtbot, tmp_path):
    downloads = tmp_path / "downloads"
    ctl = start_app(harness, store, downloads)
    sb = ctl.session.sandbox
    key = sb.varg_demo_key
    sb.varg_job_seconds = 0.3
    page = open_tab(loop, ctl, "Sound")
    assert page.provider.current() == "vimmerse" and page.video.isVisible()
    choose_varg(qtbot, loop, page)
    m = page.varg
    assert [m.model.itemData(i) for i in range(m.model.count())] == ["music_v1"]
    assert (m.duration.minimum(), m.duration.maximum(), m.duration.value()) == (10, 300, 30)
    # typing a length outside 10..300 is not taken
    m.duration.selectAll()
    qtbot.keyClicks(m.duration, "400")
    assert m.duration.value() <= 300
    m.duration.selectAll()
    qtbot.keyClicks(m.duration, "12")
    assert m.duration.value() == 12
    assert not m.submit_button.isEnabled() and "Describe the music" in m.why.text()
    qtbot.mouseClick(m.prompt, LEFT)
    qtbot.keyClicks(m.prompt, "calm piano, rain outside")
    est = m.estimate
    assert est.cents and page.provider.cost_text("varg") == est.text()
    balance = sb.varg_balance(key)
    qtbot.mouseClick(m.submit_button, LEFT)  # a double click (two clicks at once): one order
    assert not m.submit_button.isEnabled()
    qtbot.mouseClick(m.submit_button, LEFT)
    assert m.submit() is False
    wait_done(loop, m, 0, m.results.count)
    run(loop, asyncio.sleep(0.5))
    assert posts(sb, "/music") == 1 and m.runner.orders == 1 and m.results.count() == 1
    rec = m.last_record
    assert rec.kind == "varg-music" and float(rec.params["duration"]) == 12
    res = Path(rec.result_path)
    assert res.is_file() and res.parent == downloads and m.results.paths() == [str(res)]
    assert abs(probe(res).duration - 12.0) < 0.5
    text = wait_charge(loop, m)
    charged = balance - sb.varg_balance(key)
    assert charged == pytest.approx(est.cents) and text == f"Charged {cents_text(charged)}, estimate {est.cents:g}\u00a0¢"
    run(loop, until(lambda: m.results.list.item(0).text().endswith(text), 5, "the list says the charge"))
    # playable and saved
    from verging_desktop.ui.widgets import multimedia

    if multimedia.available:
        qtbot.mouseClick(m.results.play_btn, LEFT)
        run(loop, until(lambda: m.results.player is not None and m.results.player.source().isLocalFile(), 5, "loaded"))
        assert m.results.player.source().toLocalFile() == str(res)
        qtbot.mouseClick(m.results.play_btn, LEFT)
    saved = m.results.save_to(str(res), str(tmp_path / "piano"))
    assert saved == tmp_path / "piano.mp3" and saved.read_bytes() == res.read_bytes()
    # the same again: free from the cache
    m.refresh()
    assert m.estimate.probably_cached and m.submit_button.text() == "Make music (probably free)"
    balance = sb.varg_balance(key)
    qtbot.mouseClick(m.submit_button, LEFT)
    run(loop, until(lambda: m.last_record is not rec and not m.runner.busy, 30, "the hit"))
    assert m.last_record.params["cache"] == "hit" and m.outcome.text() == "From cache: free"
    assert sb.varg_balance(key) == balance and posts(sb, "/music") == 2
    # the queue's "show job" brings a varg job back to the page
    lid = rec.local_id
    m.results.clear()
    page.provider.set_current("vimmerse")
    page.show_job(lid)
    assert page.is_varg() and m.results.paths() == [str(res)]
    assert ctl.ctx.store.value("providers/sound") == "varg"
    # the tune goes onto a video on the Vimmerse side (its audio file, attach modes and all)
    page.provider.set_current("varg")
    qtbot.mouseClick(m.use_button, LEFT)
    assert page.provider.current() == "vimmerse" and page.mode == "audio" and page.audio.isVisible()
    run(loop, until(lambda: page.audio.ready, 10, "the tune in the audio slot"))
    assert Path(page.audio.path) == res
    page.provider.set_current("varg")
    # a switch of connection (live <-> sandbox) empties this session's list; the file stays
    page.reset_session_results()
    assert m.results.count() == 0 and res.is_file() and not m.outcome.text().startswith("From cache")


def test_sound_says_why_vimmerse_has_no_cost_beside_varg(harness, store, loop, qtbot, tmp_path):
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Sound")
    assert page.provider.cost_text("vimmerse") == "Vimmerse: needs a video"
    choose_varg(qtbot, loop, page)
    assert page.provider.cost_text("vimmerse") == "Vimmerse makes no music from words: it adds sound to a video"
    # a row of the music list: its name, and the length and cost under it whole
    from verging_desktop.ui.widgets.audio_results import DETAIL_ROLE

    res = page.varg.results
    it = res.add(tmp_path / "a very long name of a tune that will not fit.mp3", "a very long name of a tune that "
                 "will not fit.mp3", detail="0:12 · Charged 30 ¢ ($0.30), estimate 30 ¢")
    assert it.text() == "a very long name of a tune that will not fit.mp3 · 0:12 · Charged 30 ¢ ($0.30), estimate 30 ¢"
    title, lines = res.list.itemDelegate().lines(res.list.indexFromItem(it), 150)
    assert "…" in title and " ".join(lines) == it.data(DETAIL_ROLE) and len(lines) > 1
