"""The step card of a submit (cut -> upload -> create -> in the queue) is really on screen right
after the submit: a child of its tab, shown, laid out inside the steps column of the results row
(not a top-level widget's default 640x480 somewhere), with a visible region to paint.

A tab's results row is hidden until its first submit. It used to be shown from a ``ChildAdded``
event of the steps list, which comes in the middle of the card's reparenting: the card was then
left visible and hidden at once, never given a size by the layout and never painted."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QSplitter, QVBoxLayout, QWidget

from tests.conftest import make_clip, make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, start_app
from tests.ui.conftest import run, until
from verging_desktop.ui.widgets.steps import StepRow, StepsList


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def card_problems(row: StepRow, steps: StepsList, page: QWidget) -> list[str]:
    """What keeps ``row`` from being a painted card inside ``steps`` on ``page`` ([] when none)."""
    out = []
    if row.isWindow():
        out.append("the card is a top-level window")
    if row.parentWidget() is not steps.widget():
        out.append("the card is not in the steps list")
    if not page.isAncestorOf(row):
        out.append("the card is not a child of the page")
    if row.isHidden() or not row.isVisible():
        out.append(f"the card is not shown (hidden={row.isHidden()}, visible={row.isVisible()})")
    g = row.geometry()
    if (g.width(), g.height()) == (640, 480):
        out.append("the card keeps a top-level widget's default size 640x480")
    room = steps.viewport()
    if g.width() <= 0 or g.height() <= 0 or g.width() > room.width():
        out.append(f"the card's size {g.width()}x{g.height()} does not fit its {room.width()} px column")
    at = row.mapTo(page, QPoint(0, 0))
    if not QRect(steps.mapTo(page, QPoint(0, 0)), steps.size()).intersects(QRect(at, row.size())):
        out.append("the card is not inside the steps column")
    if row.visibleRegion().isEmpty():
        out.append("nothing of the card can be painted")
    return out


def wait_card(qtbot, row: StepRow, steps: StepsList, page: QWidget) -> None:
    try:
        qtbot.waitUntil(lambda: not card_problems(row, steps, page), timeout=5000)
    except qtbot.TimeoutError:
        raise AssertionError("; ".join(card_problems(row, steps, page))) from None


class ShowOnChildAdded(QObject):
    """How a tab used to show its results row: on the list widget's ``ChildAdded``."""

    def __init__(self, steps: StepsList, row: QWidget) -> None:
        super().__init__()
        self.steps, self.row = steps, row
        steps.widget().installEventFilter(self)

    def eventFilter(self, obj, e):
        if e.type() == QEvent.Type.ChildAdded and obj is self.steps.widget():
            self.row.show()
        return False


def results_page(qtbot) -> tuple[QWidget, QSplitter, StepsList]:
    """A page whose results row (steps | result) is hidden until the first card."""
    page = QWidget()
    qtbot.addWidget(page)
    lay = QVBoxLayout(page)
    lay.addWidget(QLabel("inputs"))
    bottom = QSplitter(Qt.Orientation.Horizontal)
    steps = StepsList()
    bottom.addWidget(steps)
    bottom.addWidget(QLabel("result"))
    bottom.setSizes([300, 600])
    bottom.hide()
    lay.addWidget(bottom)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    return page, bottom, steps


@pytest.mark.parametrize("how", ["rowAdded", "ChildAdded"])
def test_a_card_added_to_a_hidden_results_row_is_laid_out_and_painted(qtbot, how):
    page, bottom, steps = results_page(qtbot)
    if how == "rowAdded":
        steps.rowAdded.connect(lambda _row: bottom.show())
    else:
        keep = ShowOnChildAdded(steps, bottom)  # noqa: F841 (a filter installed for the test)
    windows = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
    row = steps.add("holiday.mp4", detail="0.0–4.0 s")
    # the list never makes the card a window, not even for a moment
    assert not row.isWindow() and row.parentWidget() is steps.widget()
    row.set_step("Cutting…", 0.1)
    assert bottom.isVisible()
    wait_card(qtbot, row, steps, page)
    assert {w for w in QApplication.topLevelWidgets() if w.isVisible()} == windows
    # the second card of the tab too, above the first
    second = steps.add("beach.mp4")
    wait_card(qtbot, second, steps, page)
    assert steps.rows() == [second, row]
    assert second.geometry().bottom() < row.geometry().top()


def face_swap(loop, ctl, ffmpeg, tmp_path: Path):
    page = open_tab(loop, ctl, "Face Swap")
    video = make_clip(ffmpeg, tmp_path / "holiday.mp4", seconds=3, size="160x120", gop=25)
    face = make_image(ffmpeg, tmp_path / "face.png")
    assert drop(page.video_drop, [video]) and drop(page.face_drop, [face])
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None and page.ready_faces(),
                    15, "the video and the face"))
    page.consent_box.setChecked(True)
    return page


def reframe(loop, ctl, ffmpeg, tmp_path: Path):
    page = open_tab(loop, ctl, "Reframe & Crop")
    video = make_clip(ffmpeg, tmp_path / "beach walk.mp4", seconds=3, size="640x360", gop=25)
    assert drop(page.video_drop, [video])
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None
                    and page.overlay is not None and page.overlay.plan is not None, 20, "the clip and its frame"))
    return page


@pytest.mark.parametrize("prepare", [face_swap, reframe], ids=["verging-face-swap", "vimmerse-reframe"])
def test_the_first_card_of_a_tab_is_on_screen_right_after_the_submit(harness, store, loop, qtbot, tmp_path,
                                                                      ffmpeg, prepare):
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = prepare(loop, ctl, ffmpeg, tmp_path)
    run(loop, until(lambda: page.submit_button.isEnabled(), 15, "the cost"))
    assert not page.results_row.isVisible() and not page.steps.rows()
    windows = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    # the card is made by the click itself (before anything is cut or sent)
    rows = page.steps.rows()
    assert len(rows) == 1
    row = rows[0]
    assert not row.isWindow() and row.window() is ctl.window
    assert page.results_row.isVisible()
    try:
        run(loop, until(lambda: not card_problems(row, page.steps, page), 5, "the card in the steps column"))
    except AssertionError:
        raise AssertionError("; ".join(card_problems(row, page.steps, page))) from None
    assert {w for w in QApplication.topLevelWidgets() if w.isVisible()} == windows
    run(loop, until(lambda: page.rows, 30, "sent"))
    assert not card_problems(row, page.steps, page), card_problems(row, page.steps, page)
