"""What a newcomer trial found on the Vimmerse pages, in the real app against the sandbox: a
typed length past 30 s is refused with a sentence (not kept as "3"); the same photo as both people
of Hug is refused; each Generate mode keeps its own prompt; readable labels shown while the API
value is sent; "Vimmerse credits" on the cost, the button and the send-again question; the clip
gallery shows every clip without a scroll box of its own; no sideways scroll at 1024 wide."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from tests.conftest import make_clip, make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, start_app
from tests.ui.conftest import run, until

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def charging_requests(sb) -> int:
    return sum(sb.vimmerse_stats()["created"].values())


def click_mode(qtbot, page, mode):
    b = page.mode_buttons[mode]
    qtbot.mouseClick(b, LEFT, pos=QPoint(8, b.height() // 2))


def test_generate_length_same_photo_prompts_labels_and_units(harness, store, loop, qtbot, tmp_path, ffmpeg):
    me = make_image(ffmpeg, tmp_path / "me.png", size="256x256")
    ref = make_image(ffmpeg, tmp_path / "ref.png")
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Generate Video")
    # typing 31 in Length: refused with a sentence, never silently 3
    page.duration.lineEdit().selectAll()
    QTest.keyClicks(page.duration.lineEdit(), "31")
    page.duration.interpretText()
    assert page.duration.value() == 31
    assert drop(page.refs_drop, [ref])
    run(loop, until(lambda: page.refs.count() == 1, 15, "the reference"))
    qtbot.mouseClick(page.prompt, LEFT)
    QTest.keyClicks(page.prompt, "a dog on a beach")
    assert "31 s" in page.why_label.text() and "1 to 30" in page.why_label.text()
    assert not page.submit_button.isEnabled()
    page.duration.setValue(10)
    assert "31 s" not in page.why_label.text()
    # the prompt stays with its mode
    click_mode(qtbot, page, "restyle")
    assert page.prompt.text() == ""
    QTest.keyClicks(page.prompt, "watercolour")
    click_mode(qtbot, page, "reference")
    assert page.prompt.text() == "a dog on a beach"
    click_mode(qtbot, page, "restyle")
    assert page.prompt.text() == "watercolour"
    # readable labels, the API value sent
    click_mode(qtbot, page, "effect")
    texts = [page.effect.itemText(i) for i in range(page.effect.count())]
    assert "Hold hands" in texts and "HoldHands" not in texts
    fam = [page.family.itemText(i) for i in range(page.family.count())]
    assert "Higgsfield effects" in fam and "HiggsfieldEffects" not in fam
    # the same photo as both people of Hug: refused with a sentence, nothing sent
    assert drop(page.image.drop, [me])
    run(loop, until(lambda: page.image.ready, 15, "the photo"))
    page.effect.setCurrentIndex(page.effect.findData("Hug"))
    assert page.effect.currentText() == "Hug"
    assert drop(page.second.drop, [shutil.copy(me, tmp_path / "me_again.png")])
    run(loop, until(lambda: page.second.ready, 15, "the second photo"))
    assert "same photo" in page.why_label.text() and not page.submit_button.isEnabled()
    you = make_image(ffmpeg, tmp_path / "you.png", size="200x300")
    assert drop(page.second.drop, [you])
    run(loop, until(lambda: page.second.ready and page.second.name == "you.png", 15, "another photo"))
    page.consent_box.setChecked(True)
    run(loop, until(lambda: page.estimate is not None, 20, "the cost"))
    assert "Vimmerse credit" in page.cost_text() and "Vimmerse credit" in page.submit_button.text()
    assert page._plan.request.option in ("KlingEffects", "HiggsfieldEffects")
    assert charging_requests(sb) == 0


def test_sound_labels_units_and_no_sideways_scroll(harness, store, loop, qtbot, tmp_path, ffmpeg):
    video = make_clip(ffmpeg, tmp_path / "a_rather_long_clip_name_for_the_trial_of_the_sound_tab.mp4", seconds=3,
                      size="320x180")
    ctl = start_app(harness, store, tmp_path / "downloads")
    ctl.window.resize(1024, 700)
    page = open_tab(loop, ctl, "Sound")
    texts = [page.attach.itemText(i) for i in range(page.attach.count())]
    assert "Match the video's length" in texts and "MatchVideo" not in texts
    assert page.attach.itemData(texts.index("Match the video's length")) == "MatchVideo"
    assert drop(page.video.drop, [video])
    run(loop, until(lambda: page.estimate is not None or "prompt" in page.why_label.text().lower(), 30, "ready"))
    QTest.keyClicks(page.prompt, "rain on a tin roof")
    run(loop, until(lambda: page.estimate is not None, 20, "the cost"))
    assert "Vimmerse credit" in page.cost_text() and "Vimmerse credit" in page.submit_button.text()
    loop.run_until_complete(__import__("asyncio").sleep(0.3))
    sc = page.page_scroll
    assert sc.horizontalScrollBar().maximum() == 0
    assert sc.widget().width() <= sc.viewport().width()


def test_gallery_shows_every_clip_without_a_scroll_of_its_own(qtbot, loop, tmp_path, ffmpeg):
    from verging_desktop.ui.video.clip_gallery import ClipGallery

    clips = [make_clip(ffmpeg, tmp_path / f"c{i}.mp4", seconds=1, size="160x90") for i in range(4)]
    g = ClipGallery()
    qtbot.addWidget(g)
    g.resize(420, 500)
    g.show()
    g.add_clips(clips, caption="four")
    qtbot.wait(50)
    view = g.grid.viewport().rect()
    for i in range(g.grid.count()):
        assert view.contains(g.grid.visualItemRect(g.grid.item(i))), i
    assert g.grid.verticalScrollBar().maximum() == 0
