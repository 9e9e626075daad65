"""What a newcomer trial found: job cards that looked alike ("cl…ng"), a badge on the tool being
looked at, a stale "1 job queued." after the job ended, the queue's toolbar overflowing to "››"
and a hand-off message cut off in the status bar. Real widgets, the sandbox app."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from tests.conftest import make_clip, make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, start_app
from tests.ui.conftest import run, until


@pytest.fixture(autouse=True)
def _multimedia_noise(request: Any) -> Any:
    yield
    forgive_multimedia_noise(request)


def test_a_job_card_shows_its_whole_name_and_what_tells_it_apart(qtbot: Any) -> None:
    from verging_desktop.ui.widgets.steps import StepsList

    steps = StepsList()
    qtbot.addWidget(steps)
    title = "clip.mp4 + face.png"
    first = steps.add(title, detail="0.0–3.0 s")
    second = steps.add(title, detail="1.0–2.5 s")
    for row in (first, second):
        row.add_action(QPushButton("Show"))  # as the tab does once the job is in the queue
        row.set_step("In the queue: Processing 76%", 0.76)
    steps.resize(200, 300)  # the column's width beside the compare view
    steps.show()
    qtbot.waitUntil(lambda: first.isVisible() and first.width() <= 200)
    QApplication.processEvents()
    # the name fits the card: shown whole, not "cl…ng"
    assert QLabel.text(first.title) == title and first.title.toolTip() == title
    # the detail line tells the cards apart: the range and the time sent, then the job number
    d1, d2 = QLabel.text(first.detail), QLabel.text(second.detail)
    assert d1.startswith("0.0–3.0 s · sent ") and d2.startswith("1.0–2.5 s · sent ") and d1 != d2
    first.local_id = 7
    assert first.detail.full_text().endswith("· job 7")
    # the buttons are still on screen inside the card
    show = first.findChild(QPushButton)
    assert show.isVisible() and show.parentWidget() is first and first.rect().contains(show.geometry())


def test_no_badge_for_a_job_that_finishes_on_the_tool_being_looked_at(harness: Any, store: Any, loop: Any,
                                                                      tmp_path: Any, ffmpeg: str) -> None:
    ctl = start_app(harness, store, tmp_path / "downloads")
    w = ctl.window
    w.activateWindow()
    run(loop, until(lambda: w.isActiveWindow(), 5, "the window active"))
    bg = open_tab(loop, ctl, "Background Removal")
    i = list(w.pages).index("Background Removal")
    assert drop(bg.drop, [make_image(ffmpeg, tmp_path / "portrait.png")])
    run(loop, until(lambda: bg.items and bg.items[0].state == "ready", 10, "the image checked"))
    bg.submit_button.click()
    run(loop, until(lambda: bg.items[0].local_id is not None, 15, "the job sent"))
    rec = lambda: ctl.ctx.jobs.store.get(bg.items[0].local_id)  # noqa: E731
    run(loop, until(lambda: rec().status.value == "completed", 60, "the job done"))
    run(loop, asyncio.sleep(0.3))
    assert w.current_tool == "Background Removal" and w.tabs.badge(i) == 0
    # looking elsewhere, the next one counts
    assert w.looking_at(rec().kind) and not w.looking_at("video_enhance")


def test_queued_does_not_outlive_the_job_in_the_status_bar(harness: Any, store: Any, loop: Any,
                                                          tmp_path: Any, ffmpeg: str) -> None:
    video = make_clip(ffmpeg, tmp_path / "clip.mp4", seconds=2.0, size="160x120", gop=25)
    ctl = start_app(harness, store, tmp_path / "downloads")
    session = ctl.ctx.session
    slow = session.wait_refreshed

    async def wait_refreshed(*a: Any, **kw: Any) -> Any:  # a slow /auth/me after the job was created
        await asyncio.sleep(4.0)
        return await slow(*a, **kw)

    session.wait_refreshed = wait_refreshed
    page = open_tab(loop, ctl, "Video Enhance")
    bar = ctl.window.statusBar()
    assert drop(page.video_drop, [video])
    run(loop, until(lambda: page.submit_button.isEnabled(), 20, "ready to send"))
    tasks = page.submit()
    run(loop, until(lambda: bar.currentMessage() == "1 job queued.", 30, "the queued message"))
    run(loop, until(lambda: "finished" in bar.currentMessage(), 30, "the outcome"))
    run(loop, until(lambda: all(t.done() for t in tasks), 30, "the submit over"))
    assert "finished" in bar.currentMessage()


def test_the_queue_toolbar_fits_at_1280_after_a_resize(harness: Any, store: Any, loop: Any, tmp_path: Any) -> None:
    ctl = start_app(harness, store, tmp_path / "downloads")
    w = ctl.window
    w.resize(1024, 700)
    run(loop, asyncio.sleep(0.2))
    w.resize(1280, 800)
    run(loop, asyncio.sleep(0.3))
    run(loop, until(lambda: w.queue_page.content is not None and w.queue_page.content.panel is not None, 10,
                    "the queue panel"))
    panel = w.queue_page.content.panel
    from PySide6.QtCore import Qt

    w.resizeDocks([w.queue_dock], [100], Qt.Orientation.Horizontal)  # as narrow as the dock goes
    run(loop, asyncio.sleep(0.3))
    bar = panel.toolbar
    assert panel.more_button.isVisible() and panel.more_button.text() == "More"
    assert bar.rect().contains(panel.more_button.geometry())
    ext = bar.findChild(object, "qt_toolbar_ext_button")
    assert ext is None or not ext.isVisible()


def test_a_long_status_message_is_elided_with_the_whole_text_on_hover(harness: Any, store: Any, loop: Any,
                                                                      tmp_path: Any) -> None:
    ctl = start_app(harness, store, tmp_path / "downloads")
    w = ctl.window
    w.resize(1280, 800)
    run(loop, asyncio.sleep(0.2))
    bar = w.statusBar()
    text = ("image 20261202-021002 1.png replaced a_face_image_with_an_extremely_long_name_that_goes_on_and_on_"
            "and_on_to_check_eliding_in_labels.png as the face in Face Swap.")
    w.show_message(text)
    shown = bar.currentMessage()
    assert "…" in shown and shown.startswith("image 2026") and shown.endswith("Face Swap.")
    room = bar.width() - w.status.width()
    assert bar.fontMetrics().horizontalAdvance(shown) < room and bar.toolTip() == text
    w.show_message("1 job queued.")
    assert bar.currentMessage() == "1 job queued." and bar.toolTip() == ""
