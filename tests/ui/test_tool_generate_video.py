"""The Generate Video tab end to end, in the real app against the sandbox's Vimmerse: reference
images dropped (real drop events), reordered and removed, a prompt, 9:16, three clips -> three real
files in the gallery (first frames as tiles, played in place, saved one and all, sent to another
tool); a two-person effect that asks for the second photo; a trimmed video restyled. Consent before
people in photos are animated; the cost said with its source; the charge equals the estimate on
each route; bad input reaches nothing."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from tests.conftest import make_clip, make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, panel_rows, queue_panel, start_app
from tests.ui.conftest import run, until
from verging_desktop.jobs.store import DownloadState, LocalStatus

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def charging_requests(sb) -> int:
    return sum(sb.vimmerse_stats()["created"].values())


def uploads_and_jobs(sb) -> int:
    return sum(n for route, n in sb.stats()["requests"].items() if "/vimmerse/" in route and "estimate" not in route)


def tick(qtbot, box) -> None:
    """Click a check box where a person does: on its box."""
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))


def wait_done(loop, ctl, local_id, timeout=60):
    st = ctl.ctx.jobs.queue.store
    run(loop, until(lambda: st.get(local_id).status.final and (st.get(local_id).status is not LocalStatus.COMPLETED
                                                              or st.get(local_id).download_state in (DownloadState.DONE, DownloadState.FAILED)),
                    timeout, "the job to end"))
    rec = st.get(local_id)
    assert rec.status is LocalStatus.COMPLETED and rec.download_state is DownloadState.DONE, (rec.status, rec.error)
    return rec


def wait_cost(loop, page) -> str:
    run(loop, until(lambda: page.estimate is not None and page.submit_button.isEnabled(), 15, "the cost"))
    return page.cost_text()


def video_info(path: Path):
    from verging_desktop.media.probe import probe

    return probe(path)


def test_three_clips_from_ordered_references_land_in_the_gallery(harness, store, loop, qtbot, tmp_path, ffmpeg):
    imgs = [make_image(ffmpeg, tmp_path / f"{n}.png", size="320x240") for n in ("castle", "knight", "dragon")]
    downloads = tmp_path / "downloads"
    ctl = start_app(harness, store, downloads)
    sb = ctl.session.sandbox
    key = sb.vimmerse_demo_key
    page = open_tab(loop, ctl, "Generate Video")
    panel = queue_panel(loop, ctl)
    assert page.mode == "reference" and not page.results_row.isVisible()
    assert drop(page.refs_drop, imgs)
    run(loop, until(lambda: page.refs.count() == 3 and not page._checking, 20, "three references"))
    assert page.refs.paths() == [str(p) for p in imgs]
    # reorder: the dragon (selected, last) first; then take the knight out
    page.refs.grid.setCurrentRow(2)
    qtbot.mouseClick(page.refs.earlier, LEFT)
    qtbot.mouseClick(page.refs.earlier, LEFT)
    assert page.refs.paths() == [str(imgs[2]), str(imgs[0]), str(imgs[1])]
    page.refs.grid.setCurrentRow(2)
    qtbot.mouseClick(page.refs.remove, LEFT)
    order = [str(imgs[2]), str(imgs[0])]
    assert page.refs.paths() == order and page.refs_drop.caption.full_text() == "2 images in this order"
    qtbot.mouseClick(page.prompt, LEFT)
    QTest.keyClicks(page.prompt, "the dragon lands on the castle")
    page.ratio.setCurrentText("9:16")
    page.duration.setValue(5)
    page.quantity.setValue(3)
    page.model.setCurrentIndex(page.model.findData("SeedanceFast"))
    assert page.model_help.text().startswith("Seedance Fast")
    # people in photos are animated: consent first
    run(loop, until(lambda: "right to use the people" in page.why_label.text(), 5, "consent asked"))
    assert not page.submit_button.isEnabled()
    tick(qtbot, page.consent_box)
    text = wait_cost(loop, page)
    est = page.estimate
    assert est.source == "estimate-credits" and est.total > 0  # reference-to-video: Vimmerse's own estimate
    assert text.startswith(f"Cost: {est.total:g} Vimmerse credits (Vimmerse's estimate)") and "a clip" in text
    assert page.submit_button.text() == f"Generate 3 clips ({est.total:g} Vimmerse credits)"
    before, credits_before = charging_requests(sb), sb.vimmerse_credits(key)
    qtbot.mouseClick(page.submit_button, LEFT)
    run(loop, until(lambda: page.rows, 30, "in the queue"))
    lid = next(iter(page.rows))
    run(loop, until(lambda: any(r[0].startswith("Generate Video") for r in panel_rows(panel)), 10, "queue row"))
    rec = wait_done(loop, ctl, lid)
    assert rec.kind == "vimmerse-reference-to-video"
    assert rec.estimated_credits == rec.charged_credits == est.total
    assert charging_requests(sb) - before == 1 and credits_before - sb.vimmerse_credits(key) == est.total
    req = rec.params["request"]
    assert (req["aspect_ratio"], req["quantity"], req["duration"], req["option"]) == ("9:16", 3, 5, "SeedanceFast")
    # the images went up in the order the user chose (the queue's hosted URLs, in the request's order)
    hosted = rec.params["hosted"]
    asset = run(loop, ctl.ctx.vimmerse.asset(rec.remote_id))
    assert list(asset.args["image_urls"]) == [hosted[p] for p in order]
    # three clips, each a real file, in the gallery
    paths = [Path(p) for p in rec.params["result_paths"]]
    assert len(paths) == 3 and len(set(paths)) == 3
    for p in paths:
        info = video_info(p)
        assert p.is_file() and p.parent == downloads and info.has_video and abs(info.duration - 5.0) < 0.5
        assert info.display_width * 16 == pytest.approx(info.display_height * 9, rel=0.05)
    g = page.gallery
    run(loop, until(lambda: g.count() == 3 and g.posters_ready() == 3, 20, "three tiles with first frames"))
    assert sorted(g.paths()) == sorted(str(p) for p in paths)
    assert page.results_row.isVisible()
    g.select(1)
    assert g.player.source() == Path(g.paths()[1])
    qtbot.mouseClick(g.play_button, LEFT)
    assert g.player.is_playing()
    g.player.pause()
    out = tmp_path / "keep"
    out.mkdir()
    saved = g.save_all_to(out)
    assert len(saved) == 3 and all(p.is_file() for p in saved)
    one = g.save_to(g.paths()[0], out / "best")
    assert one == out / "best.mp4"
    # send one to Sound: its video slot takes it
    acts = {a.objectName(): a for a in g.send_menu.actions()}
    acts["sendTo_sound"].trigger()
    sound = ctl.window.pages["Sound"].content
    run(loop, until(lambda: sound is not None and sound.video.ready, 15, "handed to Sound"))
    assert str(sound.video.path) == g.paths()[1]


def test_a_two_person_effect_then_a_restyled_video(harness, store, loop, qtbot, tmp_path, ffmpeg):
    me = make_image(ffmpeg, tmp_path / "me.png", size="256x256")
    you = make_image(ffmpeg, tmp_path / "you.png", size="240x320")  # another person: another picture
    video = make_clip(ffmpeg, tmp_path / "dance.mp4", seconds=6, size="160x120", gop=25)
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Generate Video")
    qtbot.mouseClick(page.mode_buttons["effect"], LEFT, pos=QPoint(8, page.mode_buttons["effect"].height() // 2))
    assert page.mode == "effect" and not page.second.drop.isVisible()
    assert drop(page.image.drop, [me])
    run(loop, until(lambda: page.image.ready, 15, "the photo"))
    page.effect.setCurrentIndex(page.effect.findData("Hug"))
    # a second photo field appears for a two-person effect; nothing can be sent without it
    assert page.second.drop.isVisible() and "second person" in page.why_label.text()
    assert page.family.currentData() == "KlingEffects"  # the family known for two-person effects
    assert drop(page.second.drop, [you])
    run(loop, until(lambda: page.second.ready, 15, "the second photo"))
    page.family.setCurrentIndex(page.family.findData("KlingEffects"))
    page.quantity.setValue(2)
    tick(qtbot, page.consent_box)
    wait_cost(loop, page)
    est = page.estimate
    assert est.source == "estimate-credits"
    qtbot.mouseClick(page.submit_button, LEFT)
    run(loop, until(lambda: page.rows, 30, "sent"))
    rec = wait_done(loop, ctl, next(iter(page.rows)))
    assert rec.kind == "vimmerse-video-effects" and rec.estimated_credits == rec.charged_credits == est.total
    req = rec.params["request"]
    assert req["effect"] == "Hug" and req["ref_image_url"] == str(you) and req["quantity"] == 2
    assert set(rec.params["hosted"]) == {str(me), str(you)}  # both photos went up
    run(loop, until(lambda: page.gallery.count() == 2, 15, "two clips"))
    assert all(Path(p).is_file() for p in rec.params["result_paths"])

    # -- a video restyled from a prompt: the trimmed selection is what goes up
    page.set_mode("restyle")
    assert not page.consent_box.isVisible() and page.video.box.isVisible()
    assert drop(page.video.drop, [video])
    run(loop, until(lambda: page.video.ready and page.video.trimmer is not None
                    and page.video.trimmer.info is not None and not page.video._loading, 20, "the video"))
    page.video.trimmer.set_selection(2.0, 5.0)
    qtbot.mouseClick(page.prompt, LEFT)
    QTest.keyClicks(page.prompt, "make it a watercolour painting")
    page.v2v_model.setCurrentIndex(page.v2v_model.findData("LumaModify"))
    wait_cost(loop, page)
    est2 = page.estimate
    assert est2.source == "estimate-credits"
    qtbot.mouseClick(page.submit_button, LEFT)
    run(loop, until(lambda: len(page.rows) == 2, 30, "sent"))
    rec2 = wait_done(loop, ctl, max(page.rows))
    assert rec2.kind == "vimmerse-video-to-video" and rec2.estimated_credits == rec2.charged_credits == est2.total
    cut = Path(rec2.inputs[0])
    assert cut != video and abs(video_info(cut).duration - 3.0) < 0.1  # the cut, not the 6 s file
    run(loop, until(lambda: page.gallery.count() == 3, 15, "the restyled clip"))
    assert charging_requests(sb) == 2


def test_bad_references_are_refused_and_nothing_is_sent(harness, store, loop, qtbot, tmp_path, ffmpeg):
    good = make_image(ffmpeg, tmp_path / "good.png")
    clip = make_clip(ffmpeg, tmp_path / "clip.mp4", seconds=1, size="160x120")
    clip_as_png = shutil.copy(clip, tmp_path / "fake.png")
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff" + b"\x00" * 100)
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Generate Video")
    before = uploads_and_jobs(sb)
    assert drop(page.refs_drop, [clip_as_png, good, broken, tmp_path / "missing.png"])
    run(loop, until(lambda: not page._checking and page.problems.count() >= 2, 20, "checked"))
    assert page.refs.paths() == [str(good)]
    assert "fake.png" in page.problems.text() and "broken.jpg" in page.problems.text()
    # no prompt yet: said, and the button is off
    assert "Write a prompt" in page.why_label.text() and not page.submit_button.isEnabled()
    qtbot.mouseClick(page.prompt, LEFT)
    QTest.keyClicks(page.prompt, "a garden")
    page.ratio.setCurrentText("wide")
    run(loop, until(lambda: "W:H" in page.why_label.text(), 5, "the ratio refused"))
    assert not page.submit_button.isEnabled()
    page.ratio.setCurrentText("1:1")
    tick(qtbot, page.consent_box)
    wait_cost(loop, page)
    assert uploads_and_jobs(sb) == before  # refused files, bad settings: nothing uploaded or created
    # a real double click: one order
    button = page.submit_button
    QTest.mouseClick(button, LEFT)
    QTest.mouseDClick(button, LEFT)
    QTest.mouseRelease(button, LEFT)
    assert page.guard.busy and not button.isEnabled()
    run(loop, until(lambda: page.rows and not page.guard.busy and charging_requests(sb) >= 1, 30, "sent"))
    loop.run_until_complete(asyncio.sleep(0.6))
    assert charging_requests(sb) == 1 and len(page.rows) == 1


def test_cancel_while_uploading_charges_nothing_and_a_lost_answer_is_never_sent_again(
        harness, store, loop, qtbot, tmp_path, ffmpeg):
    img = make_image(ffmpeg, tmp_path / "lighthouse.png")
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Generate Video")
    assert drop(page.refs_drop, [img])
    run(loop, until(lambda: page.refs.count() == 1 and not page._checking, 20, "the image"))
    page.prompt.setPlainText("waves crash on the rocks")
    tick(qtbot, page.consent_box)
    wait_cost(loop, page)
    # slow uploads: the card offers Cancel until the charging request goes out
    sb.faults.latency_ms = 1500
    qtbot.mouseClick(page.submit_button, LEFT)
    row = run(loop, until(lambda: page.steps.rows() and page.steps.rows()[0], 10, "a card"))
    run(loop, until(lambda: "Uploading" in row.step.text() and row.cancel_button.isVisible(), 10, "uploading"))
    qtbot.mouseClick(row.cancel_button, LEFT)
    run(loop, until(lambda: row.done, 10, "cancelled"))
    assert "Cancelled before sending; nothing was charged" in row.step.text()
    sb.faults.latency_ms = 0
    loop.run_until_complete(asyncio.sleep(0.5))
    assert charging_requests(sb) == 0 and not page.guard.busy
    # the answer to the create is lost (Vimmerse made and charged it): unknown, never sent again
    sb.faults.drop_answer_next = 1
    sb.faults.error_paths = ("/v2/video/reference-to-video",)
    qtbot.mouseClick(page.submit_button, LEFT)
    if page.guard.dialog is not None:  # the same inputs as the cancelled submit: asked first
        page.guard.answer(True)
    run(loop, until(lambda: len(page.steps.rows()) == 2 and page.steps.rows()[0].done, 30, "the answer lost"))
    card = page.steps.rows()[0]
    assert "may have been created on Vimmerse" in card.step.text() and card.failed
    rec = ctl.ctx.jobs.queue.store.get(card.local_id)
    assert rec.status is LocalStatus.UNKNOWN
    loop.run_until_complete(asyncio.sleep(1.0))
    assert charging_requests(sb) == 1  # created once, never again
    assert not page.guard.busy and page.submit_button.isEnabled()


def test_the_cost_is_asked_once_the_settings_rest(harness, store, loop, qtbot, tmp_path, ffmpeg):
    """Typing and spinning through values asks Vimmerse's estimate once for where they stop (and a
    value seen before is not asked again)."""
    img = make_image(ffmpeg, tmp_path / "mountain.png")
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Generate Video")
    assert drop(page.refs_drop, [img])
    run(loop, until(lambda: page.refs.count() == 1 and not page._checking, 20, "the image"))
    tick(qtbot, page.consent_box)
    qtbot.mouseClick(page.prompt, LEFT)
    QTest.keyClicks(page.prompt, "clouds roll over the peak")  # one change a key stroke

    def estimates() -> int:
        return sum(n for route, n in sb.stats()["requests"].items() if "estimate-credits" in route)

    wait_cost(loop, page)
    base = estimates()
    assert base == 1  # the whole prompt, once
    for n in (2, 3, 4):
        page.quantity.setValue(n)
    page.duration.setValue(12)
    wait_cost(loop, page)
    loop.run_until_complete(asyncio.sleep(0.6))
    assert estimates() == base + 1 and page.estimate.total > 0
    page.quantity.setValue(4)
    page.duration.setValue(5)
    page.duration.setValue(12)  # back where it was: known
    loop.run_until_complete(asyncio.sleep(0.6))
    assert estimates() == base + 1 and page.submit_button.isEnabled()
