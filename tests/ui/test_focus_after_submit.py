"""After a submit the keyboard focus stays on the tab (its submit button, once the job is in the
queue), never in the Job Queue's search box: real clicks in an active window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, queue_panel, start_app
from tests.ui.conftest import run, until


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def test_focus_stays_on_the_tab_after_a_submit(harness, store, loop, qtbot, tmp_path, ffmpeg) -> None:
    ctl = start_app(harness, store, tmp_path / "downloads")
    w = ctl.window
    panel = queue_panel(loop, ctl)
    bg = open_tab(loop, ctl, "Background Removal")
    w.activateWindow()
    run(loop, until(lambda: w.isActiveWindow(), 5, "the window to be active"))
    assert drop(bg.drop, [make_image(ffmpeg, tmp_path / "portrait.png")])
    run(loop, until(lambda: bg.items and bg.items[0].state == "ready" and bg.submit_button.isEnabled(), 10,
                    "the image checked"))
    seen: list[object] = []
    QApplication.instance().focusChanged.connect(lambda _old, new: seen.append(new))
    qtbot.mouseClick(bg.submit_button, Qt.MouseButton.LeftButton)
    run(loop, until(lambda: bg.items[0].local_id is not None and not bg.guard.busy, 15, "the job in the queue"))
    run(loop, until(lambda: panel.proxy.rowCount() == 1, 10, "the job in the queue panel"))
    assert panel.search not in seen, "the queue's search box took the focus during the submit"
    assert not panel.search.hasFocus()
    focus = QApplication.focusWidget()
    assert focus is not None and bg.isAncestorOf(focus), focus


def test_focus_stays_on_face_swap_after_a_submit(harness, store, loop, qtbot, tmp_path, ffmpeg) -> None:
    from tests.conftest import make_clip

    video = make_clip(ffmpeg, tmp_path / "holiday.mp4", seconds=3, size="160x120", gop=25)
    face = make_image(ffmpeg, tmp_path / "face.png")
    ctl = start_app(harness, store, tmp_path / "downloads")
    w = ctl.window
    panel = queue_panel(loop, ctl)
    page = open_tab(loop, ctl, "Face Swap")
    w.activateWindow()
    run(loop, until(lambda: w.isActiveWindow(), 5, "the window to be active"))
    assert drop(page.video_drop, [video]) and drop(page.face_drop, [face])
    run(loop, until(lambda: page.current is not None and page.ready_faces(), 15, "the inputs"))
    qtbot.mouseClick(page.consent_box, Qt.MouseButton.LeftButton)
    run(loop, until(lambda: page.submit_button.isEnabled(), 5, "the submit button"))
    seen: list[object] = []
    QApplication.instance().focusChanged.connect(lambda _old, new: seen.append(new))
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    jobs = ctl.ctx.jobs
    run(loop, until(lambda: not page.guard.busy and jobs.store.list(), 20, "the job in the queue"))
    run(loop, until(lambda: panel.proxy.rowCount() == 1, 10, "the job in the queue panel"))
    assert panel.search not in seen, "the queue's search box took the focus during the submit"
    assert not panel.search.hasFocus()
    focus = QApplication.focusWidget()
    assert focus is not None and page.isAncestorOf(focus), focus
