"""The clip gallery (Generate Video's results) and the ordered image list (its reference images),
as widgets: real clips made by ffmpeg, their first frames as tiles, the selected clip in the player,
Save one / Save all never overwriting, "Send to" from the menu; images reordered with the buttons and
the keyboard, removed with Delete, numbered in the order they are sent."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtTest import QTest

from tests.conftest import make_clip
from tests.e2e.helpers import forgive_multimedia_noise
from tests.ui.conftest import run, until
from verging_desktop.ui.video.clip_gallery import ClipGallery
from verging_desktop.ui.widgets.image_list import ImageList


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def colour_clip(ffmpeg: str, path: Path, color: str) -> Path:
    subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    f"color=c={color}:size=160x90:rate=25:duration=1", "-c:v", "libx264", "-preset",
                    "ultrafast", "-pix_fmt", "yuv420p", str(path)], check=True, timeout=60)
    return path


def test_tiles_show_first_frames_play_in_place_and_save_without_overwriting(qtbot, loop, tmp_path, ffmpeg):
    clips = [colour_clip(ffmpeg, tmp_path / f"beach_generate-video_{i}.mp4", c)
             for i, c in enumerate(("red", "lime", "blue"), 1)]
    sent: list[tuple[str, str]] = []
    g = ClipGallery([("reframe", "Reframe & Crop"), ("sound", "Sound")])
    qtbot.addWidget(g)
    g.resize(700, 500)
    g.show()
    g.sendRequested.connect(lambda t, p: sent.append((t, p)))
    assert g.empty.isVisible() and not g.grid.isVisible() and not g.save_all_button.isEnabled()
    g.add_clips(clips, caption="a dog on a beach")
    assert g.count() == 3 and g.paths() == [str(c) for c in clips]
    assert g.grid.item(1).text() == "2/3 · a dog on a beach"
    # the first of the new clips is selected and in the player
    assert g.selected_path() == clips[0] and g.player.source() == clips[0]
    run(loop, until(lambda: g.posters_ready() == 3, 20, "three first frames"))
    # each tile's picture is its clip's first frame (the colours differ)
    icons = [g.grid.item(i).icon().pixmap(64, 36).toImage() for i in range(3)]
    centres = [QColor(img.pixel(img.width() // 2, img.height() // 2)) for img in icons]
    assert centres[0].red() > 200 and centres[1].green() > 200 and centres[2].blue() > 200
    # the same clip is not added twice
    g.add_clips([clips[0]], caption="again")
    assert g.count() == 3
    # selecting another tile plays that one in place
    g.select(2)
    assert g.player.source() == clips[2] and "3/3" in g.caption.full_text()
    # Space on the tiles plays it in place, Space again pauses
    g.grid.setFocus()
    QTest.keyClick(g.grid, Qt.Key.Key_Space)
    assert g.player.is_playing()
    run(loop, until(lambda: g.play_button.text() == "Pause", 10, "playing"))
    QTest.keyClick(g.grid, Qt.Key.Key_Space)
    assert not g.player.is_playing()
    # save one: into a new name; save all twice: the second time gets free names, nothing replaced
    out = tmp_path / "out"
    out.mkdir()
    saved = g.save_to(clips[2], out / "mine")
    assert saved == out / "mine.mp4" and saved.read_bytes() == clips[2].read_bytes()
    first = g.save_all_to(out)
    second = g.save_all_to(out)
    assert sorted(p.name for p in first) == sorted(c.name for c in clips)
    assert all(" (2)" in p.name for p in second)
    for c in clips:
        assert (out / c.name).read_bytes() == c.read_bytes()
    # send to: the menu's action hands the selected clip over
    acts = {a.objectName(): a for a in g.send_menu.actions()}
    acts["sendTo_reframe"].trigger()
    assert sent == [("reframe", str(clips[2]))]
    g.shutdown()


def test_image_list_order_is_what_is_sent(qtbot, tmp_path):
    lst = ImageList()
    qtbot.addWidget(lst)
    lst.show()
    changes = []
    lst.changed.connect(lambda: changes.append(1))
    assert not lst.grid.isVisible()
    pix = QPixmap(20, 20)
    pix.fill(QColor("orange"))
    names = [str(tmp_path / f"{n}.png") for n in ("a", "b", "c")]
    for n in names:
        assert lst.add_image(n, pix, "20×20")
    assert not lst.add_image(names[0], pix)  # once each
    assert lst.paths() == names and lst.grid.isVisible() and len(changes) == 3
    assert [lst.grid.item(i).text() for i in range(3)] == ["1. a.png", "2. b.png", "3. c.png"]
    # the last added is selected: Earlier moves it forward, the buttons follow the ends
    assert not lst.later.isEnabled() and lst.earlier.isEnabled()
    qtbot.mouseClick(lst.earlier, Qt.MouseButton.LeftButton)
    assert lst.paths() == [names[0], names[2], names[1]]
    # the keyboard: Ctrl+Left again, then Delete on the grid
    lst.grid.setFocus()
    QTest.keyClick(lst.grid, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert lst.paths() == [names[2], names[0], names[1]] and lst.grid.currentRow() == 0
    assert lst.grid.item(0).text() == "1. c.png" and "1 of 3" in lst.grid.item(0).toolTip()
    QTest.keyClick(lst.grid, Qt.Key.Key_Delete)
    assert lst.paths() == [names[0], names[1]]
    qtbot.mouseClick(lst.remove, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(lst.remove, Qt.MouseButton.LeftButton)
    assert lst.paths() == [] and not lst.grid.isVisible() and not lst.remove.isVisible()


def test_a_long_clip_name_is_elided_in_its_tile(qtbot, loop, tmp_path, ffmpeg):
    long = make_clip(ffmpeg, tmp_path / ("a very long name of a generated clip " * 3 + "1.mp4"), seconds=1,
                     size="160x90", audio=False)
    g = ClipGallery()
    qtbot.addWidget(g)
    g.resize(520, 420)
    g.show()
    g.add_clips([long])
    assert g.grid.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert str(long) in g.grid.item(0).toolTip()
    assert not g.send_button.isVisible()  # no targets: no Send to
    g.shutdown()
