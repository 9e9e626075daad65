"""The compare view: two videos in sync (seek, frame step, play, drift correction, loop), the
three modes painted from the real decoded frames, zoom on the same region, images over a
checkerboard. Frames are read from the QVideoSinks (QVideoWidget cannot be grabbed offscreen)."""

from __future__ import annotations

import asyncio
import itertools
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage

from tests.e2e.helpers import forgive_multimedia_noise
from tests.ui.conftest import run, until
from verging_desktop.ui.video.compare import CompareView


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def solid_clip(ffmpeg: str, path: Path, color: str, size: str, seconds: float = 2.0) -> Path:
    subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    f"color=c={color}:size={size}:rate=25:duration={seconds}", "-c:v", "libx264", "-preset",
                    "ultrafast", "-pix_fmt", "yuv420p", str(path)], check=True, timeout=60)
    return path


def test_clip(ffmpeg: str, path: Path, size: str = "320x240", seconds: float = 2.0, scale: str = "") -> Path:
    vf = ["-vf", f"scale={scale}:flags=lanczos"] if scale else []
    subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc2=size={size}:rate=25:duration={seconds}", *vf, "-c:v", "libx264", "-preset",
                    "ultrafast", "-pix_fmt", "yuv420p", str(path)], check=True, timeout=60)
    return path


test_clip.__test__ = False  # type: ignore[attr-defined]


def close(c: QColor, rgb: tuple[int, int, int], tol: int = 40) -> bool:
    return all(abs(a - b) <= tol for a, b in zip((c.red(), c.green(), c.blue()), rgb, strict=True))


def view(qtbot) -> CompareView:
    v = CompareView()
    qtbot.addWidget(v)
    v.resize(900, 520)
    v.show()
    return v


def both_at(v: CompareView, ms: float) -> bool:
    fi = v.frame_interval()
    return all(s.frame_ms >= 0 and abs(s.frame_ms - ms) <= fi for s in (v.original, v.result))


def in_sync(v: CompareView) -> bool:
    return abs(v.original.frame_ms - v.result.frame_ms) <= v.frame_interval() + 0.5


def test_seek_step_and_play_stay_frame_for_frame_in_sync(loop, qtbot, tmp_path, ffmpeg):
    orig = test_clip(ffmpeg, tmp_path / "cut.mp4")
    result = test_clip(ffmpeg, tmp_path / "enhanced.mp4", scale="640:480")  # an upscale, like enhancement
    v = view(qtbot)

    async def go():
        v.set_media(orig, result)
        await until(lambda: v.original.frames_seen and v.result.frames_seen and v.duration() > 0, 10, "first frames")
        assert v.kind == "video" and v.transport.isVisible()
        assert abs(v.duration() - 2000) <= 50
        assert v.info.text() == "Original 320×240 · Result 640×480"
        assert v.frame_interval() == pytest.approx(40.0, abs=0.5)
        # seek with the slider: both sinks show the frame at 1 s
        v.slider.setValue(1000)
        await until(lambda: both_at(v, 1000), 5, "both at 1 s")
        assert v.original.frame_ms == v.result.frame_ms
        assert "00:01.000" in v.time_label.text()
        # frame step forward and back, one frame each time
        start = v.original.frame_ms
        v.step(1)
        await until(lambda: v.original.frame_ms == start + 40 and v.result.frame_ms == start + 40, 5, "step +1")
        v.step(-2)
        await until(lambda: v.original.frame_ms == start - 40 and v.result.frame_ms == start - 40, 5, "step -2")
        # keys: Right steps too
        v.setFocus()
        qtbot.keyClick(v, Qt.Key.Key_Right)
        await until(lambda: v.original.frame_ms == start and v.result.frame_ms == start, 5, "Right key")
        # play: both move on, and when paused they show the same frame
        v.play()
        assert v.play_button.text() == "Pause"
        await until(lambda: v.original.frame_ms >= start + 300, 5, "playing")
        await asyncio.sleep(0.2)
        v.pause()
        await until(lambda: in_sync(v) and v.original.frame_ms == v.result.frame_ms, 5, "paused in sync")
        # the pictures: the canvas paints both (sizes differ: same display size)
        a, b = v.original.image(), v.result.image()
        assert (a.width(), b.width()) == (320, 640)
        ref = v.canvas.reference_size()
        assert (ref.width(), ref.height()) == (640, 480)

    run(loop, go())
    v.shutdown()


def test_result_is_resynced_when_it_drifts_and_the_selection_loops(loop, qtbot, tmp_path, ffmpeg):
    orig = test_clip(ffmpeg, tmp_path / "a.mp4", seconds=3)
    result = test_clip(ffmpeg, tmp_path / "b.mp4", seconds=3)
    v = view(qtbot)

    async def go():
        v.set_media(orig, result)
        await until(lambda: v.original.frames_seen and v.result.frames_seen and v.duration() > 0, 10, "loaded")
        v.play()
        await until(lambda: v.original.frame_ms > 200, 5, "playing")
        # knock the result 600 ms off: the view seeks it back within a moment
        v.result.player.setPosition(v.result.player.position() + 600)
        await until(lambda: v.resyncs >= 1, 5, "a corrective seek")
        await asyncio.sleep(0.3)
        assert abs(v.result.position() - v.original.position()) <= 2 * v.frame_interval() + 80
        # loop a selection: 0.4 s .. 0.9 s
        v.pause()
        v.seek(400)
        await until(lambda: both_at(v, 400), 5, "at 0.4 s")
        v.set_loop_in()
        v.seek(900)
        await until(lambda: both_at(v, 900), 5, "at 0.9 s")
        v.set_loop_out()
        assert (v.loop_in, v.loop_out) in ((400, 900),) or abs(v.loop_in - 400) < 41 and abs(v.loop_out - 900) < 41
        v.loop_button.click()
        assert v.loop
        v.play()
        seen = []
        for _ in range(30):
            await asyncio.sleep(0.05)
            seen.append(v.original.frame_ms)
        v.pause()
        # it went past the out point at most a frame or two before jumping back to the in point
        assert max(seen) <= 900 + 200 and min(seen[5:]) >= 400 - 41
        assert any(b < a for a, b in itertools.pairwise(seen)), "never looped back"

    run(loop, go())
    v.shutdown()


def test_modes_paint_original_and_result_where_they_belong(loop, qtbot, tmp_path, ffmpeg):
    red = solid_clip(ffmpeg, tmp_path / "red.mp4", "red", "320x180")
    blue = solid_clip(ffmpeg, tmp_path / "blue.mp4", "blue", "640x360")
    v = view(qtbot)

    async def go():
        v.set_media(red, blue)
        await until(lambda: v.original.image() is not None and v.result.image() is not None, 10, "frames")

    run(loop, go())
    c = v.canvas

    def px(x: float, y: float) -> QColor:
        return c.grab().toImage().pixelColor(int(x), int(y))

    t = c.target_rect(c.viewports()[0])
    y = t.center().y()
    # wipe: the original left of the line, the result right of it
    assert v.mode == "wipe"
    assert close(px(t.left() + t.width() * 0.25, y), (255, 0, 0))
    assert close(px(t.left() + t.width() * 0.75, y), (0, 0, 255))
    # drag the line to 80 %: more of the original shows
    qtbot.mouseClick(c, Qt.MouseButton.LeftButton, pos=QPoint(int(t.left() + t.width() * 0.8), int(y)))
    assert c.split == pytest.approx(0.8, abs=0.01)
    assert close(px(t.left() + t.width() * 0.7, y), (255, 0, 0))
    # side by side: the original in the left half, the result in the right
    qtbot.mouseClick(v.mode_buttons["side"], Qt.MouseButton.LeftButton)
    assert v.mode == "side"
    left, right = c.viewports()
    assert close(px(left.center().x(), left.center().y()), (255, 0, 0))
    assert close(px(right.center().x(), right.center().y()), (0, 0, 255))
    # toggle: the result; press and hold to see the original
    v.set_mode("toggle")
    assert v.hold_button.isVisible()
    mid = c.rect().center()
    assert close(px(mid.x(), mid.y()), (0, 0, 255))
    qtbot.mousePress(c, Qt.MouseButton.LeftButton, pos=mid)
    assert c.holding and close(px(mid.x(), mid.y()), (255, 0, 0))
    qtbot.mouseRelease(c, Qt.MouseButton.LeftButton, pos=mid)
    assert not c.holding and close(px(mid.x(), mid.y()), (0, 0, 255))
    v.hold_button.pressed.emit()
    assert c.holding
    v.hold_button.released.emit()
    assert not c.holding
    # keys 1 2 3 switch modes
    v.setFocus()
    qtbot.keyClick(v, Qt.Key.Key_2)
    assert v.mode == "side"
    v.shutdown()


def test_zoom_shows_the_same_region_of_both(loop, qtbot, tmp_path, ffmpeg):
    orig = test_clip(ffmpeg, tmp_path / "a.mp4", size="320x240", seconds=1)
    result = test_clip(ffmpeg, tmp_path / "b.mp4", size="320x240", seconds=1, scale="640:480")
    v = view(qtbot)

    async def go():
        v.set_media(orig, result)
        await until(lambda: v.original.image() is not None and v.result.image() is not None, 10, "frames")

    run(loop, go())
    c = v.canvas
    v.set_mode("side")
    v.zoom_box.setCurrentIndex(v.zoom_box.findText("100%"))
    assert c.zoom == 1.0
    left, right = c.viewports()
    tl, tr = c.target_rect(left), c.target_rect(right)
    # 100 % of the larger picture: 640 screen pixels wide (device pixel ratio 1 offscreen)
    assert tl.width() == pytest.approx(640 / c.devicePixelRatioF())
    # both halves show the same part of the picture
    rl = tl.intersected(left)
    rr = tr.intersected(right)
    assert ((rl.left() - tl.left()) / tl.width()) == pytest.approx((rr.left() - tr.left()) / tr.width(), abs=1e-6)
    assert rl.width() / tl.width() == pytest.approx(rr.width() / tr.width(), abs=1e-6)
    # 200 %: half as much of the picture is visible, around the same centre; pan by dragging
    v.set_zoom(2.0)
    region = c.visible_region()
    assert region.width() == pytest.approx(left.width() / (1280 / c.devicePixelRatioF()), abs=1e-3)
    before = c.center.x()
    qtbot.mousePress(c, Qt.MouseButton.LeftButton, pos=QPoint(int(left.center().x()), int(left.center().y())))
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(left.center().x() + 100, left.center().y()),
                       QPointF(left.center().x() + 100, left.center().y()), Qt.MouseButton.NoButton,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(c, move)
    qtbot.mouseRelease(c, Qt.MouseButton.LeftButton)
    assert c.center.x() < before  # dragged right: looking further left
    img = c.grab().toImage()
    assert not img.isNull()
    # fit again
    v.zoom_box.setCurrentIndex(0)
    assert c.zoom == 0.0
    v.shutdown()


def test_images_are_drawn_over_a_checkerboard(loop, qtbot, tmp_path):
    orig = QImage(200, 100, QImage.Format.Format_RGB32)
    orig.fill(QColor(0, 160, 0))
    cut = QImage(200, 100, QImage.Format.Format_ARGB32)
    cut.fill(Qt.GlobalColor.transparent)
    for x in range(50, 150):
        for y in range(25, 75):
            cut.setPixelColor(x, y, QColor(255, 200, 0))
    orig.save(str(tmp_path / "photo.jpg"))
    cut.save(str(tmp_path / "photo_nobg.png"))
    v = view(qtbot)
    v.set_media(tmp_path / "photo.jpg", tmp_path / "photo_nobg.png")
    assert v.kind == "image" and not v.transport.isVisible()
    assert v.result.image().hasAlphaChannel()
    v.set_mode("toggle")
    c = v.canvas
    t = c.target_rect(c.viewports()[0])
    img = c.grab().toImage()
    low = int(t.bottom() - 3)  # below the mode label
    corner = img.pixelColor(int(t.left() + 3), low)
    assert (corner.red(), corner.green(), corner.blue()) in ((255, 255, 255), (204, 204, 204))
    # the two checker colours both appear in the transparent area
    cols = {img.pixelColor(int(t.left() + dx), low).red() for dx in range(0, 40, 2)}
    assert {255, 204} <= cols
    centre = img.pixelColor(int(t.center().x()), int(t.center().y()))
    assert close(centre, (255, 200, 0), 10)
    # hold: the original photo (no transparency)
    c.set_holding(True)
    assert close(c.grab().toImage().pixelColor(int(t.left() + 3), low), (0, 160, 0), 20)
    c.set_holding(False)
    # a missing result: the original alone, and a placeholder for the result
    v.set_media(tmp_path / "photo.jpg", None)
    assert v.result.empty and not v.original.empty


def test_waiting_for_the_result_is_written_where_the_original_does_not_cover_it(qtbot, tmp_path):
    """Wipe mode with no result yet: the placeholder sits wholly in the result's half, so the
    original drawn over the left half does not cut it in two."""
    orig = QImage(400, 200, QImage.Format.Format_RGB32)
    orig.fill(QColor(0, 160, 0))
    orig.save(str(tmp_path / "clip.png"))
    v = view(qtbot)
    v.set_media(tmp_path / "clip.png", None)
    v.set_mode("wipe")
    c = v.canvas
    port = c.viewports()[0]
    t = c.target_rect(port)
    split_x = t.left() + c.split * t.width()
    img = c.grab().toImage()
    fg = c.palette().color(c.foregroundRole())

    def text_columns(x0: float, x1: float) -> int:
        cols = 0
        for x in range(int(x0), int(x1)):
            if any(close(img.pixelColor(x, y), (fg.red(), fg.green(), fg.blue()), 60)
                   for y in range(int(port.center().y()) - 8, int(port.center().y()) + 8)):
                cols += 1
        return cols

    assert text_columns(split_x + 4, port.right()) > 20, "the placeholder is drawn in the result's half"
    assert text_columns(split_x + 4, split_x + 12) == 0, "the placeholder does not run under the split line"


def test_a_new_job_without_its_result_yet_never_shows_the_last_result(loop, qtbot, tmp_path, ffmpeg):
    """A second job on the same tab: while it is processing, the result half is empty ("Waiting for
    the result…"); the previous job's last frame, delivered by the player after the side was
    cleared, must not come back there (it did: 'Result 640×360' beside 'Processing 37%')."""
    orig = test_clip(ffmpeg, tmp_path / "cut.mp4")
    result = test_clip(ffmpeg, tmp_path / "enhanced.mp4", scale="640:480")
    v = view(qtbot)

    async def go():
        v.set_media(orig, result)
        await until(lambda: v.original.frames_seen and v.result.frames_seen and v.duration() > 0, 10, "first frames")
        v.slider.setValue(1000)
        await until(lambda: both_at(v, 1000), 5, "both at 1 s")
        for _ in range(3):  # the next job of the tab: the same original, no result yet
            v.set_media(orig, None)
            v.set_placeholder("Waiting for the result…")
            await asyncio.sleep(1.0)
            assert v.result.empty and v.result.image() is None and v.result.frames_seen == 0
            assert v.info.text() == "Original 320×240 · Result –", v.info.text()
            v.set_media(orig, result)
            await until(lambda: v.result.frames_seen, 10, "the result again")

    run(loop, go())


def test_the_sizes_line_never_makes_the_view_wider(loop, qtbot, tmp_path, ffmpeg):
    """'Original 1280×720 · Result 2560×1440' is shortened in the middle when the view is narrow
    (a 1024 px window beside the job queue) instead of setting the view's minimum width: the
    results row of Video Enhance needed 762 px there and the whole tab scrolled sideways."""
    orig = test_clip(ffmpeg, tmp_path / "cut.mp4")
    result = test_clip(ffmpeg, tmp_path / "enhanced.mp4", scale="640:480")
    v = view(qtbot)

    async def go():
        v.set_media(orig, result)
        await until(lambda: v.original.frames_seen and v.result.frames_seen and v.duration() > 0, 10, "first frames")

    run(loop, go())
    full = "Original 320×240 · Result 640×480"
    assert v.info.full_text() == full and v.info.toolTip() == full
    bar = v.layout().itemAt(0).minimumSize().width()
    assert bar <= v.transport.minimumSizeHint().width(), (bar, v.transport.minimumSizeHint().width())
    v.resize(v.minimumSizeHint().width(), 400)
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    assert v.info.text() != full and v.info.text().count("…") == 1  # shortened, not cut
    assert v.info.geometry().right() < v.zoom_box.geometry().left()


def _solid(path: Path, w: int, h: int, rgb: tuple[int, int, int]) -> Path:
    img = QImage(w, h, QImage.Format.Format_RGB32)
    img.fill(QColor(*rgb))
    img.save(str(path))
    return path


@pytest.mark.parametrize("result_size", [(606, 1080), (1080, 1920)])
def test_a_result_of_another_shape_keeps_its_own_aspect_in_every_mode(qtbot, tmp_path, result_size):
    """A 9:16 crop (606x1080) or a 9:16 AI reframe (1080x1920) of a 1920x1080 clip: each side keeps its
    own width:height, letterboxed in its box (it was squashed into the original's 16:9 box), in Side by
    side, Wipe (both fitted in the same box, centred) and Toggle, at Fit and at 100 %."""
    orig = _solid(tmp_path / "orig.png", 1920, 1080, (255, 0, 0))
    res = _solid(tmp_path / "res.png", *result_size, (0, 0, 255))
    v = view(qtbot)
    v.set_media(orig, res)
    c = v.canvas
    rw, rh = result_size
    from PySide6.QtWidgets import QApplication, QLabel

    QApplication.processEvents()
    # the sizes line says both (it is given its room once it has a text: it once stayed 2 px wide)
    assert QLabel.text(v.info) == f"Original 1920×1080 · Result {rw}×{rh}"

    def fitted(port, w: int, h: int):
        s = min(port.width() / w, port.height() / h)
        return port.center().x() - w * s / 2, port.center().x() + w * s / 2

    # painted, side by side: the result is as wide as its shape allows, its box beside it background
    v.set_mode("side")
    img = c.grab().toImage()
    rport = c.viewports()[1]
    left, right = fitted(rport, rw, rh)
    y = rport.center().y()
    assert close(img.pixelColor(int((left + right) / 2), int(y)), (0, 0, 255))
    assert left - rport.left() > 20
    assert not close(img.pixelColor(int((rport.left() + left) / 2), int(y)), (0, 0, 255)), "the result is stretched"
    assert not c.same_shape()

    def px(x: float, y: float) -> QColor:
        return c.grab().toImage().pixelColor(int(x), int(y))

    def aspect(r) -> float:
        return r.width() / r.height()

    for mode in ("side", "wipe", "toggle"):
        v.set_mode(mode)
        ports = c.viewports()
        rport = ports[-1]
        ra, rb = c.side_rect(ports[0], c.original), c.side_rect(rport, c.result)
        assert aspect(ra) == pytest.approx(1920 / 1080, rel=0.01), mode
        assert aspect(rb) == pytest.approx(rw / rh, rel=0.01), mode
        # fitted: wholly inside its box, touching it on one axis, centred
        assert rport.adjusted(-1, -1, 1, 1).contains(rb), mode
        assert rb.height() == pytest.approx(rport.height(), abs=1) or rb.width() == pytest.approx(rport.width(), abs=1)
        assert rb.center().x() == pytest.approx(rport.center().x(), abs=1), mode
    # what is painted: beside the narrow result, its box is background, not a stretched result
    v.set_mode("side")
    rport = c.viewports()[1]
    rb = c.side_rect(rport, c.result)
    y = rb.center().y()
    assert close(px(rb.center().x(), y), (0, 0, 255))
    beside = (rport.left() + rb.left()) / 2
    assert rb.left() - rport.left() > 20 and not close(px(beside, y), (0, 0, 255)), "the result is stretched"
    # wipe: the original left of the line, the narrow result right of it, both centred in one box
    v.set_mode("wipe")
    port = c.viewports()[0]
    rb = c.side_rect(port, c.result)
    assert close(px(port.left() + port.width() * 0.1, port.center().y()), (255, 0, 0))
    assert close(px(rb.left() + rb.width() * 0.75, rb.center().y()), (0, 0, 255))
    assert not close(px(port.right() - 3, port.center().y()), (0, 0, 255)), "the result is stretched"
    # 100 %: each at its own pixels (the crop is not widened to the original's width)
    v.set_mode("side")
    v.set_zoom(1.0)
    dpr = c.devicePixelRatioF()
    assert c.side_rect(c.viewports()[1], c.result).width() == pytest.approx(rw / dpr)
    assert c.side_rect(c.viewports()[0], c.original).width() == pytest.approx(1920 / dpr)


def test_an_upscale_is_still_shown_at_the_same_size_as_its_original(qtbot, tmp_path):
    """The same shape at another size (an enhancement): one box for both, as before."""
    v = view(qtbot)
    v.set_media(_solid(tmp_path / "a.png", 320, 180, (255, 0, 0)), _solid(tmp_path / "b.png", 1280, 720, (0, 0, 255)))
    c = v.canvas
    v.set_mode("side")
    left, right = c.viewports()
    assert c.same_shape()
    assert c.side_rect(left, c.original).size() == c.side_rect(right, c.result).size()
    v.set_zoom(1.0)
    assert c.side_rect(left, c.original).width() == pytest.approx(1280 / c.devicePixelRatioF())


def test_the_time_line_gives_way_before_the_view_widens(loop, qtbot, tmp_path, ffmpeg):
    """'00:00.000 / 00:02.000  [in–out]' drops the loop range, then the length, in a narrow view: the
    transport never sets the results row's width (it pushed the video tabs into sideways scrolling)."""
    orig = test_clip(ffmpeg, tmp_path / "cut.mp4")
    v = view(qtbot)

    async def go():
        v.set_media(orig, orig)
        await until(lambda: v.duration() > 0 and v.original.frames_seen, 10, "loaded")

    async def loop_range():
        v.seek(400)
        await until(lambda: both_at(v, 400) and abs(v.position() - 400) < 60, 5, "at 0.4 s")
        v.set_loop_in()
        v.seek(900)
        await until(lambda: both_at(v, 900) and abs(v.position() - 900) < 60, 5, "at 0.9 s")
        v.set_loop_out()

    run(loop, go())
    run(loop, loop_range())
    full = v.time_label.text()
    assert "/ 00:02.000" in full and "[" in full
    fm = v.time_label.fontMetrics()
    assert v.transport.minimumSizeHint().width() < v.transport.sizeHint().width() - fm.horizontalAdvance(full) / 2
    from PySide6.QtWidgets import QApplication, QLabel

    v.resize(v.minimumSizeHint().width(), 400)
    QApplication.processEvents()
    shown = QLabel.text(v.time_label)
    assert shown != full and full.startswith(shown) and v.time_label.toolTip() == full
    assert v.time_label.geometry().right() < v.in_button.geometry().left()
    v.resize(900, 400)
    QApplication.processEvents()
    assert QLabel.text(v.time_label) == full
    v.shutdown()
