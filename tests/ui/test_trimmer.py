"""The timeline trimmer, driven like a person would: real mouse drags on the timeline, key presses,
typing into the spin boxes, and a real smart cut whose file is probed and played.

Clips are generated once for the module (40 s 320x240 at 25 fps with a keyframe every second,
plus small rotated and variable-frame-rate ones).
"""

from __future__ import annotations

import asyncio
import itertools
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

import tests.ui.conftest as ui_conftest
from tests.conftest import make_clip
from tests.ui.conftest import run, until
from verging_desktop.core.errors import InputError
from verging_desktop.core.pricing import Pricing
from verging_desktop.media.probe import aprobe
from verging_desktop.ui.video.trimmer import Trimmer, fmt_time, parse_time

FPS = 25
FD = 1 / FPS

#: harmless QtMultimedia warnings on a headless machine (no GPU decoders, no audio devices)
MULTIMEDIA_WARNINGS = ("va-x11", "va-drm", "va library", "va symbols", "va(in plugin)", "PulseAudio",
                       "pa_context", "PipeWire", "No audio device", "pipewire", "No RHI backend", "libva", "vdpau",
                       "QAudioSink", "ALSA")


@pytest.fixture(autouse=True)
def allow_multimedia_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui_conftest, "QT_WARNINGS_OK", ui_conftest.QT_WARNINGS_OK + MULTIMEDIA_WARNINGS)


@dataclass(frozen=True)
class Clips:
    long: Path  # 40 s, keyframe every second, audio
    rotated: Path  # 3 s, display matrix 90 degrees
    vfr: Path  # 30 fps / 15 fps / 30 fps
    text: Path  # not a video


@pytest.fixture(scope="module")
def clips(ffmpeg: str, tmp_path_factory: pytest.TempPathFactory) -> Clips:
    d = tmp_path_factory.mktemp("trimmer-clips")
    long = make_clip(ffmpeg, d / "forty seconds.mp4", seconds=40, rate=FPS, gop=FPS)
    base = make_clip(ffmpeg, d / "rot_base.mp4", seconds=3, rate=FPS, gop=FPS)
    rotated = d / "rotated.mp4"
    subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-display_rotation", "90", "-i", str(base),
                    "-c", "copy", str(rotated)], check=True, timeout=60)
    vfr = d / "vfr.mp4"
    subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=160x120:rate=30:duration=3",
                    "-vf", "setpts='if(lt(N,30),N/30,(30+(N-30)*2)/30)/TB'", "-fps_mode", "vfr",
                    "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", str(vfr)], check=True, timeout=60)
    text = d / "notes.mp4"
    text.write_text("this is not a video\n", encoding="utf-8")
    return Clips(long, rotated, vfr, text)


def make_trimmer(qtbot, tmp_path: Path, **kw) -> Trimmer:
    t = Trimmer(pricing=Pricing.default(), temp_dir=tmp_path / "cuts", **kw)
    qtbot.addWidget(t)
    t.resize(900, 620)
    t.show()
    return t


def key(qtbot, widget, k, mods=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(widget, k, mods)


# ------------------------------------------------------------------------------------------------


def test_load_shows_filmstrip_keyframes_and_the_first_30_seconds(loop, qtbot, tmp_path, clips) -> None:
    t = make_trimmer(qtbot, tmp_path)
    sel: list[tuple[float, float]] = []
    validity: list[tuple[bool, str]] = []
    t.selectionChanged.connect(lambda s, e: sel.append((s, e)))
    t.validityChanged.connect(lambda ok, r: validity.append((ok, r)))
    assert not t.is_valid() and t.reason() == "Load a video first."

    async def go() -> None:
        info = await t.load(clips.long)
        assert info.duration == pytest.approx(40, abs=0.1)
        # the first thumbnail comes quickly, then all of them
        await until(lambda: t.thumbnails_ready[0] >= 1, timeout=3, what="first thumbnail")
        await until(lambda: t.thumbnails_ready[0] == t.thumbnails_ready[1], timeout=10, what="all thumbnails")
        await until(lambda: t.timeline.has_waveform, timeout=10, what="waveform")

    run(loop, go())
    ready, total = t.thumbnails_ready
    assert total >= 6 and ready == total
    img = t.timeline.thumb(0)
    assert img is not None and img.height() >= 40 and img.width() > img.height()  # 4:3 clip
    assert len(t.timeline._keyframes) == 40
    # a clip longer than the limit starts with its first 30 seconds selected
    assert t.max_seconds == 30
    assert t.selection() == (0.0, pytest.approx(30.0, abs=1e-6))
    assert sel and sel[-1] == t.selection()
    assert t.is_valid() and t.reason() == "" and validity[-1] == (True, "")
    assert t.in_spin.text() == "0:00.000" and t.out_spin.text() == "0:30.000"
    assert "Selected 30.000 s (750 frames)" in t.length_label.text()
    assert t.time_label.text() == "0:00.000 / 0:40.000"
    assert t.player.source() == clips.long
    assert t.preview_button.isEnabled()
    # the painted timeline is not blank: thumbnails and the selection are drawn
    pix = t.timeline.grab().toImage()
    assert pix.width() > 100 and len({pix.pixelColor(x, 40).name() for x in range(20, pix.width() - 20, 7)}) > 5


def test_dragging_the_out_handle_with_the_mouse(loop, qtbot, tmp_path, clips) -> None:
    t = make_trimmer(qtbot, tmp_path)
    run(loop, t.load(clips.long))
    tl = t.timeline
    moves: list[tuple[float, float]] = []
    validity: list[tuple[bool, str]] = []
    t.selectionChanged.connect(lambda s, e: moves.append((s, e)))
    t.validityChanged.connect(lambda ok, r: validity.append((ok, r)))

    start = tl.handle_pos("out").toPoint()
    assert tl.hit_test(start.x(), start.y()) == "out"
    target_t = 20.0
    dx = round(tl.time_to_x(target_t) - tl.time_to_x(30.0))
    qtbot.mousePress(tl, Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 6):
        qtbot.mouseMove(tl, QPoint(start.x() + dx * k // 5, start.y()))
    qtbot.mouseRelease(tl, Qt.MouseButton.LeftButton, pos=QPoint(start.x() + dx, start.y()))
    assert len(moves) >= 3, "selectionChanged fires on every move"
    s, e = t.selection()
    assert s == 0.0
    px = 40.0 / (tl.width() - 20)
    assert e == pytest.approx(target_t, abs=px + FD)
    assert round(e * FPS) == pytest.approx(e * FPS, abs=1e-6), "the out point is on a frame boundary"
    assert t.out_spin.value() == pytest.approx(e, abs=0.0005)
    # the playhead shows the last frame inside the selection while dragging
    assert t.playhead() == pytest.approx(e - FD, abs=1e-6)
    assert t.is_valid()

    # dragging it past 30 s makes the selection invalid and red
    start = tl.handle_pos("out").toPoint()
    dx = round(tl.time_to_x(36.0) - tl.time_to_x(e))
    qtbot.mousePress(tl, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(tl, QPoint(start.x() + dx // 2, start.y()))
    qtbot.mouseMove(tl, QPoint(start.x() + dx, start.y()))
    qtbot.mouseRelease(tl, Qt.MouseButton.LeftButton, pos=QPoint(start.x() + dx, start.y()))
    s, e = t.selection()
    assert e == pytest.approx(36.0, abs=px + FD)
    assert not t.is_valid()
    assert validity[-1][0] is False
    assert validity[-1][1] == (f"The selection is {e:.1f} s; Verging takes at most 30 s per job. "
                               "Move the in or out point.")
    assert t.reason() == validity[-1][1]
    assert not tl._valid and "color: #e53935" in t.length_label.styleSheet()
    assert t.reason_label.isVisible() and t.reason_label.text() == t.reason()
    assert not t.preview_button.isEnabled()
    with pytest.raises(InputError, match="at most 30 s"):
        run(loop, t.cut_selection())

    # the in handle: drag it right until the selection fits again
    start = tl.handle_pos("in").toPoint()
    assert tl.hit_test(start.x(), start.y()) == "in"
    dx = round(tl.time_to_x(10.0) - tl.time_to_x(0.0))
    qtbot.mousePress(tl, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(tl, QPoint(start.x() + dx, start.y()))
    qtbot.mouseRelease(tl, Qt.MouseButton.LeftButton, pos=QPoint(start.x() + dx, start.y()))
    assert t.selection()[0] == pytest.approx(10.0, abs=px + FD)
    assert t.is_valid() and validity[-1] == (True, "")

    # clicking in the ruler moves the playhead there
    x = int(tl.time_to_x(15.0))
    qtbot.mouseClick(tl, Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert t.playhead() == pytest.approx(15.0, abs=px + FD)


def test_keys_step_frames_and_set_in_and_out(loop, qtbot, tmp_path, clips) -> None:
    t = make_trimmer(qtbot, tmp_path)
    info = run(loop, t.load(clips.long))
    tl = t.timeline
    tl.setFocus()
    key(qtbot, tl, Qt.Key.Key_End)
    assert t.playhead() == pytest.approx(40.0, abs=1e-6)
    key(qtbot, tl, Qt.Key.Key_Home)
    assert t.playhead() == 0.0
    key(qtbot, tl, Qt.Key.Key_Right)
    assert t.playhead() == info.frame_times[1] == pytest.approx(FD)  # exactly one frame
    key(qtbot, tl, Qt.Key.Key_Right, times=24)
    assert t.playhead() == info.frame_times[25] == pytest.approx(1.0)
    key(qtbot, tl, Qt.Key.Key_I)
    assert t.selection()[0] == pytest.approx(1.0, abs=1e-9)
    key(qtbot, tl, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier, times=5)  # 5 x one second
    assert t.playhead() == pytest.approx(6.0, abs=1e-9)
    key(qtbot, tl, Qt.Key.Key_Left)
    key(qtbot, tl, Qt.Key.Key_Right)
    key(qtbot, tl, Qt.Key.Key_O)
    assert t.selection() == (pytest.approx(1.0), pytest.approx(6.0))
    assert t.time_label.text() == "0:06.000 / 0:40.000"
    assert t.in_spin.text() == "0:01.000" and t.out_spin.text() == "0:06.000"
    # keyframe jumps, and going to the in / out points
    key(qtbot, tl, Qt.Key.Key_Right, times=3)
    key(qtbot, tl, Qt.Key.Key_Down)
    assert t.playhead() == pytest.approx(7.0)
    key(qtbot, tl, Qt.Key.Key_Up)
    assert t.playhead() == pytest.approx(6.0)
    key(qtbot, tl, Qt.Key.Key_I, Qt.KeyboardModifier.ShiftModifier)
    assert t.playhead() == pytest.approx(1.0)
    key(qtbot, tl, Qt.Key.Key_O, Qt.KeyboardModifier.ShiftModifier)
    assert t.playhead() == pytest.approx(6.0 - FD)

    key(qtbot, tl, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier, times=7)  # playhead 12.96
    key(qtbot, tl, Qt.Key.Key_O)

    # Space plays the selection from the in point; the playhead follows the player
    key(qtbot, tl, Qt.Key.Key_Home)
    key(qtbot, tl, Qt.Key.Key_Space)

    async def playing() -> None:
        await until(lambda: t.player.is_playing(), timeout=5, what="playing")
        await until(lambda: t.playhead() > 1.2, timeout=5, what="playhead follows the player")

    run(loop, playing())
    assert 1.0 <= t.playhead() <= 13.0
    key(qtbot, tl, Qt.Key.Key_Space)
    run(loop, until(lambda: not t.player.is_playing(), timeout=3, what="paused"))


def test_playback_stops_at_the_out_point_or_loops(loop, qtbot, tmp_path, clips) -> None:
    t = make_trimmer(qtbot, tmp_path)
    run(loop, t.load(clips.long))
    t.set_selection(2.0, 2.6)
    seen: list[float] = []
    t.playheadChanged.connect(seen.append)
    qtbot.mouseClick(t.play_button, Qt.MouseButton.LeftButton)

    async def go() -> None:
        await until(lambda: any(2.0 < p < 2.6 for p in seen), timeout=5, what="playing inside the selection")
        await until(lambda: not t.player.is_playing(), timeout=5, what="stopped at the out point")

    run(loop, go())
    assert min(seen) >= 2.0 - 1e-9 and max(seen) < 2.6
    assert t.playhead() == pytest.approx(2.6 - FD)  # the last frame inside the selection
    # with Loop on it starts again from the in point instead of stopping
    qtbot.mouseClick(t.loop_box, Qt.MouseButton.LeftButton)
    seen.clear()
    t.timeline.setFocus()
    qtbot.keyClick(t.timeline, Qt.Key.Key_Space)  # at the last frame: starts from the in point

    async def looping() -> None:
        await until(lambda: any(p > 2.4 for p in seen), timeout=5, what="near the out point")
        n = len(seen)
        await until(lambda: any(p < 2.2 for p in seen[n:]), timeout=5, what="back at the in point")

    run(loop, looping())
    assert t.player.is_playing()
    t.pause()


def test_spin_boxes_edit_the_selection_both_ways(loop, qtbot, tmp_path, clips) -> None:
    t = make_trimmer(qtbot, tmp_path)
    run(loop, t.load(clips.long))
    changes: list[tuple[float, float]] = []
    t.selectionChanged.connect(lambda s, e: changes.append((s, e)))

    def type_into(spin, text: str) -> None:
        spin.setFocus()
        spin.lineEdit().selectAll()
        qtbot.keyClicks(spin.lineEdit(), text)
        qtbot.keyClick(spin, Qt.Key.Key_Return)

    type_into(t.in_spin, "2.6")
    assert t.selection() == (pytest.approx(2.6), pytest.approx(30.0))
    assert t.in_spin.text() == "0:02.600"
    type_into(t.out_spin, "0:07.21")  # snaps to the nearest frame boundary, 7.20
    assert t.selection() == (pytest.approx(2.6), pytest.approx(7.2))
    assert t.out_spin.text() == "0:07.200"
    assert changes[-1] == (pytest.approx(2.6), pytest.approx(7.2))
    # the arrows step one frame
    t.in_spin.stepBy(1)
    assert t.selection()[0] == pytest.approx(2.64)
    t.out_spin.stepBy(-2)
    assert t.selection()[1] == pytest.approx(7.12)
    # setting the points elsewhere updates the spin boxes
    t.set_selection(3.0, 8.0)
    assert (t.in_spin.text(), t.out_spin.text()) == ("0:03.000", "0:08.000")
    # the in point can never pass the out point: it stops one frame before it
    type_into(t.in_spin, "9")
    assert t.selection() == (pytest.approx(8.0 - FD), pytest.approx(8.0))
    assert t.is_valid()
    assert parse_time("1:02:03.5") == pytest.approx(3723.5) and fmt_time(3723.5) == "1:02:03.500"
    assert parse_time("12,5 s") == 12.5


def test_snap_to_keyframes(loop, qtbot, tmp_path, clips) -> None:
    t = make_trimmer(qtbot, tmp_path)
    run(loop, t.load(clips.long))
    t.set_selection(2.33, 7.64)
    assert t.selection() == (pytest.approx(2.32), pytest.approx(7.64))
    qtbot.mouseClick(t.snap_box, Qt.MouseButton.LeftButton)
    assert t.snap_box.isChecked()
    assert t.selection() == (pytest.approx(2.0), pytest.approx(8.0))  # snapped on switching it on
    t.set_in(4.4)
    assert t.selection()[0] == pytest.approx(4.0)
    t.set_out(11.6)
    assert t.selection()[1] == pytest.approx(12.0)
    t.out_spin.stepBy(1)
    assert t.selection()[1] == pytest.approx(13.0)
    # a mouse drag snaps too
    tl = t.timeline
    start = tl.handle_pos("in").toPoint()
    dx = round(tl.time_to_x(6.3) - tl.time_to_x(4.0))
    qtbot.mousePress(tl, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(tl, QPoint(start.x() + dx, start.y()))
    qtbot.mouseRelease(tl, Qt.MouseButton.LeftButton, pos=QPoint(start.x() + dx, start.y()))
    assert t.selection()[0] == pytest.approx(6.0)
    qtbot.mouseClick(t.snap_box, Qt.MouseButton.LeftButton)
    t.set_in(6.33)
    assert t.selection()[0] == pytest.approx(6.32)


def test_the_30_second_limit(loop, qtbot, tmp_path, clips) -> None:
    t = make_trimmer(qtbot, tmp_path)
    run(loop, t.load(clips.long))
    seen: list[tuple[bool, str]] = []
    t.validityChanged.connect(lambda ok, r: seen.append((ok, r)))
    assert t.length() == pytest.approx(30.0) and t.is_valid()
    t.set_out(34.2)
    reason = "The selection is 34.2 s; Verging takes at most 30 s per job. Move the in or out point."
    assert seen == [(False, reason)]
    assert not t.is_valid() and t.reason() == reason
    t.set_out(30.04)  # one frame over: the length is not rounded down to "30.0"
    assert t.reason().startswith("The selection is 30.04 s;")
    t.set_in(0.04)
    assert t.is_valid() and seen[-1] == (True, "")
    t.max_seconds = 10
    assert not t.is_valid() and "at most 10 s" in t.reason()
    t.max_seconds = 30
    assert t.is_valid()


def test_preview_cut_runs_a_real_smart_cut_and_plays_it(loop, qtbot, tmp_path, clips) -> None:
    t = make_trimmer(qtbot, tmp_path)
    run(loop, t.load(clips.long))
    t.set_selection(1.48, 6.2)  # starts between keyframes: the head is re-encoded
    want = 6.2 - 1.48
    finished = []
    t.cutFinished.connect(finished.append)
    frames: list[int] = []
    sink = t.player.video_sink()

    def on_frame(f) -> None:
        if t.showing_cut is not None and f.isValid():
            frames.append(f.startTime())

    sink.videoFrameChanged.connect(on_frame)
    qtbot.mouseClick(t.preview_button, Qt.MouseButton.LeftButton)

    async def go():
        await until(lambda: t.progress.isVisible(), timeout=5, what="progress shown")
        await until(lambda: t.showing_cut is not None, timeout=30, what="cut finished and shown")
        res = t.showing_cut
        probed = await aprobe(res.path)
        await until(lambda: len(frames) >= 5, timeout=10, what="frames of the cut played")
        return res, probed

    res, probed = run(loop, go())
    assert res.mode_used == "smart", res.note
    assert abs(res.duration - want) <= FD + 1e-6
    assert abs(probed.duration - want) <= FD + 1e-6
    assert res.start_actual == pytest.approx(1.48)
    assert finished and finished[-1] is res
    assert t.player.source() == res.path and t.player.is_playing()
    assert "Playing the cut" in t.source_label.text() and t.back_button.isVisible()
    assert "smart" in t.note_label.text()
    assert not t.progress.isVisible() and not t.cancel_button.isVisible()
    assert t.last_cut is res

    # the consumer gets that very file, without cutting again
    again = run(loop, t.cut_selection())
    assert again is res and not t.cutting
    dst = tmp_path / "upload" / "segment.mp4"
    copied = run(loop, t.cut_selection(dst))
    assert copied.path == dst and dst.read_bytes() == res.path.read_bytes()

    # moving a point makes the preview stale: the player goes back to the source
    t.set_out(6.0)
    assert t.last_cut is None and t.showing_cut is None
    assert t.player.source() == clips.long

    # a cut can be cancelled; nothing partial is left behind
    t.set_mode("exact")
    task = t.start_preview_cut()
    run(loop, until(lambda: t.cutting, timeout=5, what="cutting"))
    qtbot.keyClick(t.timeline, Qt.Key.Key_Escape)
    run(loop, asyncio.wait([task], timeout=10))
    assert not t.cutting and t.note_label.text() == "Cut cancelled."
    leftovers = sorted(p.name for p in t.temp_dir.iterdir())
    assert leftovers == [res.path.name], leftovers

    # closing deletes the temporary files
    temp = t.temp_dir
    run(loop, t.aclose())
    assert not temp.exists()
    assert dst.exists()


def test_copy_mode_says_it_starts_early(loop, qtbot, tmp_path, clips) -> None:
    t = make_trimmer(qtbot, tmp_path)
    run(loop, t.load(clips.long))
    t.set_selection(1.48, 3.4)  # 1.92 s: billed as 2 s
    t.set_mode("copy")
    res = run(loop, t.preview_cut())
    assert res.mode_used == "copy"
    assert res.start_actual == pytest.approx(1.0)
    assert "early" in res.note and "early" in t.note_label.text()
    assert "billed as 3 s instead of 2 s" in t.note_label.text()  # it starts at the keyframe at 1.0
    assert t.timeline.cut_range == (pytest.approx(1.0), pytest.approx(1.0 + res.duration))
    assert "#b26a00" in t.note_label.styleSheet()  # shown as a warning


def test_unreadable_file_is_explained_in_the_widget(loop, qtbot, tmp_path, clips) -> None:
    t = make_trimmer(qtbot, tmp_path)
    errors: list[str] = []
    t.error.connect(errors.append)
    with pytest.raises(InputError):
        run(loop, t.load(clips.text))
    assert errors and "notes.mp4" in errors[0]
    assert t.message_label.isVisible() and t.message_label.text() == errors[0]
    assert not t.is_valid() and t.reason() == errors[0]
    assert not t.preview_button.isEnabled() and not t.in_spin.isEnabled()
    # set_media shows the error without raising, and a good clip afterwards clears it
    run(loop, t.set_media(clips.rotated))
    assert not t.message_label.isVisible() and t.is_valid()


def test_a_new_clip_cancels_the_old_ones_work_and_close_cancels_everything(loop, qtbot, tmp_path, clips) -> None:
    t = make_trimmer(qtbot, tmp_path)
    loaded = []
    t.loaded.connect(loaded.append)

    async def go() -> None:
        first = t.set_media(clips.long)
        second = t.set_media(clips.rotated)  # dropped on it before the first finished probing
        assert await first is None  # superseded
        info = await second
        assert info.path == clips.rotated
        await until(lambda: t.thumbnails_ready[0] == t.thumbnails_ready[1] > 0, timeout=10, what="thumbs")
        # the long clip's filmstrip never started; the rotated one's is done
        assert [i.path for i in loaded] == [clips.rotated]
        # load the long clip and close at once: its thumbnail task is running and gets cancelled
        await t.load(clips.long)
        running = t.tasks
        assert running, "thumbnails are being made"
        await t.aclose()
        assert all(task.done() for task in running) and not t.tasks
        assert t.player.released()

    run(loop, go())
    with pytest.raises(Exception, match="closed"):
        run(loop, t.load(clips.rotated))


def test_dropping_a_file_loads_it(loop, qtbot, tmp_path, clips) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    t = make_trimmer(qtbot, tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(clips.rotated))])
    pos = t.rect().center()
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(t, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(t, drop)
    run(loop, until(lambda: t.info is not None, timeout=10, what="dropped clip loaded"))
    assert t.path == clips.rotated


def test_rotated_clip_is_upright(loop, qtbot, tmp_path, clips) -> None:
    t = make_trimmer(qtbot, tmp_path)
    run(loop, t.load(clips.rotated))
    w, h = t.display_size()
    assert h > w  # shown portrait
    run(loop, until(lambda: t.thumbnails_ready[0] == t.thumbnails_ready[1] > 0, timeout=10, what="thumbs"))
    img = t.timeline.thumb(0)
    assert img.height() > img.width()
    assert t.selection() == (0.0, pytest.approx(3.0))  # shorter than the limit: all of it


def test_variable_frame_rate_steps_by_real_frames(loop, qtbot, tmp_path, clips) -> None:
    t = make_trimmer(qtbot, tmp_path)
    info = run(loop, t.load(clips.vfr))
    assert info.vfr
    tl = t.timeline
    tl.setFocus()
    seen = []
    for _ in range(40):
        key(qtbot, tl, Qt.Key.Key_Right)
        seen.append(t.playhead())
    assert seen == list(info.frame_times[1:41])
    gaps = {round(b - a, 3) for a, b in itertools.pairwise(seen)}
    assert gaps == {0.033, 0.067}  # 30 fps, then 15 fps
    key(qtbot, tl, Qt.Key.Key_O)
    assert t.selection()[1] == pytest.approx(info.frame_times[40])


def test_a_loaded_clip_shows_its_first_frame_before_play_and_the_frame_under_the_playhead(
        loop, qtbot, tmp_path, clips) -> None:
    """Offscreen the video widget's grab() is blank, so the frames are counted at its QVideoSink."""
    t = make_trimmer(qtbot, tmp_path)
    frames: list[tuple[int, int]] = []

    def on_frame(frame) -> None:
        if frame.isValid():
            frames.append((frame.width(), round(frame.startTime() / 1000)))

    t.player.video_sink().videoFrameChanged.connect(on_frame)

    async def go() -> None:
        await t.load(clips.long)
        await until(lambda: t.player.frames_seen >= 1, timeout=10, what="the first frame, without Play")
        assert not t.player.is_playing()
        assert frames and frames[0][0] == 320 and frames[0][1] < 100  # the clip's first frame (ms)
        # moving the playhead shows the frame there, still without playing
        t.set_playhead(10.0)
        await until(lambda: any(abs(ms - 10000) <= 80 for _w, ms in frames), timeout=10,
                    what="the frame at 10 s")
        assert not t.player.is_playing()

    run(loop, go())
