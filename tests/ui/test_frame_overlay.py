"""The Reframe frame over the trimmer's player, driven with real mouse and key events: it paints the
player's frames itself (a native video view cannot be drawn over), the crop is dragged along the
free axis and clamped, the arrow keys move it, Home centres it, and AI Reframe draws the new frame
around the picture."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

import tests.ui.conftest as ui_conftest
from tests.conftest import make_clip
from tests.ui.conftest import run, until
from verging_desktop.services.reframe_geometry import CropPlan, ReframePlan
from verging_desktop.ui.video.frame_overlay import FrameOverlay
from verging_desktop.ui.video.trimmer import Trimmer
from verging_desktop.ui.widgets import multimedia

MULTIMEDIA_WARNINGS = ("va-x11", "va-drm", "va library", "va symbols", "va(in plugin)", "PulseAudio",
                       "pa_context", "PipeWire", "No audio device", "pipewire", "No RHI backend", "libva", "vdpau",
                       "QAudioSink", "ALSA", "No HW decoder")


@pytest.fixture(autouse=True)
def allow_multimedia_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui_conftest, "QT_WARNINGS_OK", ui_conftest.QT_WARNINGS_OK + MULTIMEDIA_WARNINGS)


def mouse(widget, kind: QEvent.Type, pos: QPointF, button=Qt.MouseButton.LeftButton,
          buttons=Qt.MouseButton.LeftButton) -> None:
    g = QPointF(widget.mapToGlobal(pos.toPoint()))
    QApplication.sendEvent(widget, QMouseEvent(kind, pos, g, button, buttons, Qt.KeyboardModifier.NoModifier))


def drag(widget, start: QPointF, end: QPointF, steps: int = 6) -> None:
    """Press, move in steps, release: what a hand on a mouse sends."""
    mouse(widget, QEvent.Type.MouseButtonPress, start)
    for i in range(1, steps + 1):
        p = start + (end - start) * (i / steps)
        mouse(widget, QEvent.Type.MouseMove, p, Qt.MouseButton.NoButton)
    mouse(widget, QEvent.Type.MouseButtonRelease, end, buttons=Qt.MouseButton.NoButton)


@pytest.fixture
def clip(ffmpeg: str, tmp_path: Path) -> Path:
    return make_clip(ffmpeg, tmp_path / "wide.mp4", seconds=2, size="640x360", gop=25)


def make(qtbot, loop, tmp_path, clip) -> tuple[Trimmer, FrameOverlay]:
    tr = Trimmer(temp_dir=tmp_path, max_seconds=30)
    qtbot.addWidget(tr)
    tr.resize(800, 560)
    ov = FrameOverlay(tr.player)
    tr.player.set_overlay(ov)
    tr.show()
    run(loop, tr.load(clip))
    return tr, ov


def test_the_overlay_takes_the_view_place_and_paints_the_frames(qtbot, loop, tmp_path, clip) -> None:
    tr, ov = make(qtbot, loop, tmp_path, clip)
    assert ov.isVisible() and not tr.player.video.isVisible()
    ov.set_plan(CropPlan.centered(640, 360, 9, 16))
    if multimedia.available:
        # the hidden view's sink still gets the frames: the overlay paints them itself
        run(loop, until(lambda: tr.player.frames_seen > 0, 15, "a frame"))
        ov.repaint()
        assert ov.frames_painted > 0
    img = ov.grab().toImage()
    keep = ov.frame_rect()
    inside = img.pixelColor(keep.center().toPoint())
    outside = img.pixelColor(QPoint(int(ov.picture_rect().left()) + 5, int(keep.center().y())))
    if multimedia.available:
        # the kept part is bright, the rest dimmed
        assert inside.value() > outside.value()
    tr.player.set_overlay(None)
    assert not ov.isVisible() and tr.player.video.isVisibleTo(tr.player)


def test_dragging_the_crop_with_the_mouse_sets_the_offsets(qtbot, loop, tmp_path, clip) -> None:
    tr, ov = make(qtbot, loop, tmp_path, clip)
    moved: list[CropPlan] = []
    ov.planChanged.connect(moved.append)
    ov.set_plan(CropPlan.centered(640, 360, 9, 16))
    plan = ov.plan
    assert plan.rect.w == 202 and plan.rect.x == 218 and plan.offsets == (None, None)
    m = ov.view_map()
    start = ov.frame_rect().center()
    # 100 source pixels to the left (and some up: that axis has no room, it stays)
    drag(ov, start, start + QPointF(-100 * m.scale, -40 * m.scale))
    assert moved and not ov.dragging
    got = ov.plan
    assert got.rect.y == 0 and got.rect.x % 2 == 0
    assert abs(got.rect.x - (218 - 100)) <= 2 and got.offsets == (got.rect.x, 0)
    # far beyond the edge: clamped inside the picture
    start = ov.frame_rect().center()
    drag(ov, start, start + QPointF(2000, 0))
    assert ov.plan.rect.right == 640 - (640 - 202) % 2 and ov.plan.offsets[0] == ov.plan.max_x
    # a press beside the frame brings it there
    left = ov.picture_rect().left() + 10
    mouse(ov, QEvent.Type.MouseButtonPress, QPointF(left, ov.height() / 2))
    mouse(ov, QEvent.Type.MouseButtonRelease, QPointF(left, ov.height() / 2), buttons=Qt.MouseButton.NoButton)
    assert ov.plan.rect.x == 0


def test_arrow_keys_move_the_frame_and_home_centres_it(qtbot, loop, tmp_path, clip) -> None:
    tr, ov = make(qtbot, loop, tmp_path, clip)
    ov.set_plan(CropPlan.centered(640, 360, 9, 16))
    ov.setFocus()
    x0 = ov.plan.rect.x
    qtbot.keyClick(ov, Qt.Key.Key_Left)
    step = ov.key_step(False)
    assert ov.plan.rect.x == x0 - step  # 1 % of 640 = 6.4 -> 6 px (even)
    qtbot.keyClick(ov, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert ov.plan.rect.x == x0 - step + 64
    qtbot.keyClick(ov, Qt.Key.Key_Up)  # no room up and down: nothing moves, the key goes on
    assert ov.plan.rect.y == 0
    qtbot.keyClick(ov, Qt.Key.Key_Home)
    assert ov.plan.is_centered and ov.plan.offsets == (None, None)


def test_ai_reframe_draws_the_new_frame_around_the_picture(qtbot, loop, tmp_path, clip) -> None:
    tr, ov = make(qtbot, loop, tmp_path, clip)
    ov.set_plan(ReframePlan.centered(640, 360, 9, 16))
    frame, pic = ov.frame_rect(), ov.picture_rect()
    assert frame.contains(pic) and frame.height() > pic.height() * 2
    assert frame.width() == pytest.approx(pic.width())
    assert ov.caption() == "9:16 · 360×640, AI fills 68 %"
    # the service centres the picture: a drag moves nothing
    before = ov.plan
    start = pic.center()
    drag(ov, start, start + QPointF(0, -1000))
    assert ov.plan == before


def test_without_playback_the_overlay_shows_a_still_and_still_drags(qtbot, loop, tmp_path, clip) -> None:
    from PySide6.QtGui import QColor, QImage

    player = multimedia.NoPlayback()
    qtbot.addWidget(player)
    player.resize(640, 400)
    ov = FrameOverlay(player)
    player.set_overlay(ov)
    ov.set_note(player.message)
    player.show()
    assert not player.video.isVisible() and ov.isVisible()
    still = QImage(640, 360, QImage.Format.Format_RGB32)
    still.fill(QColor(250, 250, 250))
    ov.set_still(still)
    ov.set_plan(CropPlan.centered(640, 360, 1, 1))
    img = ov.grab().toImage()
    keep, pic = ov.frame_rect(), ov.picture_rect()
    bright = img.pixelColor(keep.center().toPoint())
    dim = img.pixelColor(QPoint(int(pic.left()) + 4, int(keep.center().y())))
    assert bright.value() > 240 and dim.value() < bright.value() - 80
    start = keep.center()
    drag(ov, start, start + QPointF(-5000, 0))
    assert ov.plan.rect.x == 0 and ov.plan.offsets == (0, 0)
