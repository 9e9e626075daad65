"""Looks like a real app: the refused-files notice, status messages that end, the dark theme's
check boxes, the Text to Speech length before playing, the Vision preview's aspect ratio, and
one page header on every tab."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QWidget

from tests.conftest import make_clip, make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, start_app
from tests.ui.conftest import run, until


@pytest.fixture(autouse=True)
def _multimedia_noise(request: Any) -> Any:
    yield
    forgive_multimedia_noise(request)


def test_refused_files_make_one_compact_dismissible_notice(harness, store, loop, qtbot, tmp_path, ffmpeg) -> None:
    bad = []
    for i in range(6):
        p = tmp_path / f"{'a very long file name that goes on and on ' * 3}{i}.mp4"
        p.write_text("not a video")
        bad.append(p)
    good = make_clip(ffmpeg, tmp_path / "good.mp4", seconds=2.0, size="160x120", gop=25)
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Video Enhance")
    notice = page.problems
    height_before = page.video_drop.height()
    assert drop(page.video_drop, [good, *bad])
    run(loop, until(lambda: all(v.state != "checking" for v in page.videos) and len(page.videos) == 7, 20,
                    "the videos"))
    # one line, however many files: the drop zone keeps its size
    assert notice.isVisible() and notice.summary.text() == "6 files not added"
    assert not notice.details.isVisible()
    assert notice.height() < 3 * notice.fontMetrics().height() + 12
    assert page.video_drop.height() >= min(height_before, page.video_drop.minimumSizeHint().height())
    # the refused ones are not rows of the video list
    shown = [page.video_list.item(i).text() for i in range(page.video_list.count())
             if not page.video_list.item(i).isHidden()]
    assert len(shown) == 1 and shown[0].startswith("good.mp4")
    # Details (a real click) lists every reason, the full text on hover
    qtbot.mouseClick(notice.toggle, Qt.MouseButton.LeftButton)
    assert notice.details.isVisible() and notice.details.count() == 6
    item = notice.details.item(0)
    # the reason is readable in the row (a long name is shortened in the middle); hover: all of it
    assert "is not a media file" in item.text()
    assert item.toolTip() == notice.text().splitlines()[1] and item.toolTip().startswith(bad[0].name)
    # × dismisses it and forgets the refused files: dropping one again checks it again
    qtbot.mouseClick(notice.close_button, Qt.MouseButton.LeftButton)
    assert not notice.isVisible()
    assert [v.name for v in page.videos] == ["good.mp4"]
    assert drop(page.video_drop, [bad[0]])
    run(loop, until(lambda: len(page.videos) == 2 and page.videos[1].state == "bad", 10, "the re-dropped file"))
    assert notice.isVisible() and notice.summary.text() == "1 file not added"


def test_sending_is_replaced_by_queued_in_the_status_bar(harness, store, loop, tmp_path, ffmpeg) -> None:
    video = make_clip(ffmpeg, tmp_path / "clip.mp4", seconds=2.0, size="160x120", gop=25)
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Video Enhance")
    bar = ctl.window.statusBar()
    assert drop(page.video_drop, [video])
    run(loop, until(lambda: page.submit_button.isEnabled(), 20, "ready to send"))
    page.submit_button.click()
    assert bar.currentMessage() == "Sending 1 job…"
    run(loop, until(lambda: bar.currentMessage() == "1 job queued.", 30, "the queued message"))
    assert page.rows  # it really is in the queue


def _indicator_contrast(theme: str) -> float:
    from verging_desktop.ui.theme import apply_theme

    app = QApplication.instance()
    apply_theme(app, theme)
    try:
        w = QWidget()
        w.setAutoFillBackground(True)
        box = QCheckBox("Loop", w)
        box.move(10, 10)
        box.adjustSize()
        w.resize(120, 40)
        img = w.grab().toImage()
        bg = img.pixelColor(2, 2)
        # the darkest/lightest pixel of the indicator's border differs most from the window
        from PySide6.QtWidgets import QStyle, QStyleOptionButton

        opt = QStyleOptionButton()
        box.initStyleOption(opt)
        r = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, opt, box).translated(box.pos())
        edge = [img.pixelColor(x, r.top() + r.height() // 2) for x in (r.left(), r.left() + 1)]
        edge += [img.pixelColor(r.left() + r.width() // 2, y) for y in (r.top(), r.top() + 1)]

        def lum(c: Any) -> float:
            def ch(v: float) -> float:
                v /= 255
                return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
            return 0.2126 * ch(c.red()) + 0.7152 * ch(c.green()) + 0.0722 * ch(c.blue())

        lb = lum(bg)
        best = 1.0
        for c in edge:
            hi, lo = max(lum(c), lb), min(lum(c), lb)
            best = max(best, (hi + 0.05) / (lo + 0.05))
        return best
    finally:
        apply_theme(app, "system")


def test_dark_theme_unchecked_checkbox_is_visible(qtbot) -> None:
    """The unchecked box's border stands out from the dark window (WCAG: 3:1 for controls)."""
    assert _indicator_contrast("dark") >= 3.0


def test_text_to_speech_shows_the_length_before_playing(harness, store, loop, tmp_path) -> None:
    ctl = start_app(harness, store, tmp_path / "downloads")
    tab = open_tab(loop, ctl, "Text to Speech")
    tab.text.setPlainText("Welcome back to the channel! Today we ride the famous tram twenty-eight.")
    tab.generate()
    run(loop, until(lambda: tab.outcome is not None, 40, "the speech"))
    assert tab.player is None  # nothing has played (the player is made at the first Play)
    from verging_desktop.ui.tools.text_to_speech import clock

    assert tab.outcome.duration > 0
    assert tab.time.text() == f"0:00 / {clock(tab.outcome.duration)}" and tab.time.text() != "0:00 / 0:00"
    assert tab.position.maximum() == int(tab.outcome.duration * 1000)


def test_vision_preview_keeps_the_aspect_ratio(harness, store, loop, tmp_path, ffmpeg) -> None:
    wide = make_image(ffmpeg, tmp_path / "wide.png", size="640x240")
    tall = make_image(ffmpeg, tmp_path / "tall.png", size="200x500")
    ctl = start_app(harness, store, tmp_path / "downloads")
    tab = open_tab(loop, ctl, "Vision")
    for path, ratio in ((wide, 640 / 240), (tall, 200 / 500)):
        tab.set_image(str(path))
        run(loop, until(lambda: tab.image_size is not None, 10, "the image"))
        for size in ((1440, 900), (1024, 700)):
            ctl.window.resize(*size)
            run(loop, until(lambda: True, 1))
            QApplication.processEvents()
            pm = tab.preview.pixmap()
            assert pm is not None and not pm.isNull()
            assert pm.width() / pm.height() == pytest.approx(ratio, rel=0.03)
            # and it fits inside the label (not cut)
            assert pm.width() <= tab.preview.width() and pm.height() <= tab.preview.height()


def test_every_tab_has_the_same_header(harness, store, loop, tmp_path) -> None:
    ctl = start_app(harness, store, tmp_path / "downloads")
    fonts = set()
    places: dict[str, tuple[int, int]] = {}
    for title in ctl.window.pages:
        page = open_tab(loop, ctl, title)
        headers = page.findChildren(QWidget, "pageHeader")
        assert len(headers) == 1, f"{title}: {len(headers)} page headers"
        t = headers[0].findChild(QWidget, "pageTitle")
        s = headers[0].findChild(QWidget, "pageSummary")
        assert t.text() == title and s.full_text() and s.toolTip().startswith(s.full_text())
        fonts.add((t.font().pointSizeF(), t.font().bold()))
        # at the top left of the tab, the same place everywhere
        pos = headers[0].mapTo(page, QPoint(0, 0))
        assert pos.y() < 30 and pos.x() < 30, f"{title}: header at {pos}"
        places[title] = (pos.x(), pos.y())
    assert len(fonts) == 1
    assert len({x for x, _y in places.values()}) == 1, f"headers start at different x: {places}"



def test_a_long_result_title_never_widens_the_tab(harness, store, loop, tmp_path) -> None:
    """Once a job is sent, the result panel's title names its input ("Result: <file name>"); a long
    file name was set as is and pushed the tab wider than the window, so a horizontal scroll bar
    appeared and the submit button scrolled out of sight. It is elided in the middle (full name on
    hover), for every tab with a result panel."""
    from PySide6.QtWidgets import QScrollArea

    name = "a_very_long_file_name_for_testing_the_layout_of_the_face_swap_tab_and_the_queue_panel_v2.mp4"
    ctl = start_app(harness, store, tmp_path / "downloads")
    w = ctl.window
    w.resize(1024, 700)  # the smallest window the app promises to fit
    w.show()
    for title in ("Face Swap", "Video Enhance", "Background Removal"):
        page = open_tab(loop, ctl, title)
        run(loop, until(lambda p=page: p.isVisible(), 5, "the tab"))
        if hasattr(page, "show_results_row"):
            page.show_results_row()  # the video tabs show their result panel with the first job
        run(loop, until(lambda p=page: p.result.isVisible(), 5, "the result panel"))
        room = page.width()
        page.result.title.setText(f"Result: {name}")  # what showing a job does (ResultPanel._apply)
        run(loop, until(lambda: True))
        QApplication.processEvents()
        assert page.width() <= room and page.minimumSizeHint().width() <= room, (title, page.minimumSizeHint())
        bars = [a for a in page.findChildren(QScrollArea) if a.horizontalScrollBar().isVisible()]
        parent = page.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea) and parent.horizontalScrollBar().isVisible():
                bars.append(parent)
            parent = parent.parentWidget()
        assert not bars, (title, [b.objectName() for b in bars])
        t = page.result.title
        assert t.text() == f"Result: {name}" and name in t.toolTip()
        assert t.width() <= page.width()
