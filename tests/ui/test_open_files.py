"""Files opened with the app (the command line, a second launch): each goes into the tool for
its type as a drop would put it, and nothing the user has in a tool is replaced without asking."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton
from shiboken6 import isValid

from tests.conftest import make_audio, make_clip, make_image
from tests.e2e.helpers import forgive_multimedia_noise, start_app
from tests.ui.conftest import run, until
from verging_desktop.ui.open_files import LAST_VIDEO_TOOL


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def _ready_videos(page) -> list[str]:
    return [i.name for i in page.videos if i.state == "ready"]


def _button(box, name: str) -> QPushButton:
    b = box.findChild(QPushButton, name)
    assert b is not None, name
    return b


def test_videos_go_in_and_what_is_held_is_never_replaced_without_asking(harness, store, loop, qtbot, tmp_path,
                                                                         ffmpeg):
    a = make_clip(ffmpeg, tmp_path / "a.mp4", seconds=1, size="160x120")
    b = make_clip(ffmpeg, tmp_path / "b.mp4", seconds=1, size="160x120")
    c = make_clip(ffmpeg, tmp_path / "c.mp4", seconds=1, size="160x120")
    ctl = start_app(harness, store, tmp_path / "downloads")
    w = ctl.window
    opened: list = []
    ctl.opener.opened.connect(lambda tool_id, files: opened.append((tool_id, files)))
    w.show_tool("Chat")

    ctl.opener.open_paths([str(a)])
    assert w.current_tool == "Face Swap" and opened == [("face-swap", [str(a)])]
    page = w.pages["Face Swap"].content
    run(loop, until(lambda: _ready_videos(page) == ["a.mp4"], 15, "a.mp4 checked"))

    # a second video while a.mp4 is there: asked; Cancel keeps a.mp4 alone
    ctl.opener.open_paths([str(b)])
    box = page.handoff_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "Face Swap already has a.mp4" in box.text() and "b.mp4" in box.text() and "2 jobs" in box.text()
    assert _button(box, "handoffReplace").text() == "Replace it"
    assert [i.name for i in page.videos] == ["a.mp4"]  # nothing changed while the question is open
    box.button(QMessageBox.StandardButton.Cancel).click()
    run(loop, until(lambda: not isValid(box) or not box.isVisible(), 5, "the question closed"))
    assert [i.name for i in page.videos] == ["a.mp4"]

    # asked again: Add to the batch keeps a.mp4 and adds b.mp4
    ctl.opener.open_paths([str(b)])
    _button(page.handoff_box, "handoffAdd").click()
    run(loop, until(lambda: _ready_videos(page) == ["a.mp4", "b.mp4"], 15, "b.mp4 added"))

    # the same file again: nothing asked, nothing doubled
    page.handoff_box = None
    ctl.opener.open_paths([str(b)])
    assert page.handoff_box is None and [i.name for i in page.videos] == ["a.mp4", "b.mp4"]

    # Replace them: c.mp4 alone
    ctl.opener.open_paths([str(c)])
    assert "2 videos" in page.handoff_box.text() and "3 jobs" in page.handoff_box.text()
    assert _button(page.handoff_box, "handoffReplace").text() == "Replace them"
    _button(page.handoff_box, "handoffReplace").click()
    run(loop, until(lambda: _ready_videos(page) == ["c.mp4"], 15, "c.mp4 in place of both"))


def test_each_type_goes_to_its_tool_and_the_last_video_tool_is_remembered(harness, store, loop, qtbot,
                                                                          tmp_path, ffmpeg):
    img = make_image(ffmpeg, tmp_path / "cat.png")
    wav = make_audio(ffmpeg, tmp_path / "talk.wav", seconds=1)
    m4a = make_audio(ffmpeg, tmp_path / "song.m4a", seconds=1, extra=["-c:a", "aac"])
    vid = make_clip(ffmpeg, tmp_path / "v.mp4", seconds=1, size="160x120")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    ctl = start_app(harness, store, tmp_path / "downloads")
    w = ctl.window
    opened: list = []
    ctl.opener.opened.connect(lambda tool_id, files: opened.append(tool_id))

    w.show_tool("Video Enhance")  # the video tool used last
    w.show_tool("Chat")
    assert store.value(LAST_VIDEO_TOOL) == "video-enhance"
    ctl.opener.open_paths([str(vid), str(img), str(text), str(tmp_path / "gone.mp4")])
    assert opened == ["video-enhance", "background-removal"]
    assert w.current_tool == "Background Removal"
    br = w.pages["Background Removal"].content
    assert [i.name for i in br.items] == ["cat.png"]
    enhance = w.pages["Video Enhance"].content
    run(loop, until(lambda: _ready_videos(enhance) == ["v.mp4"], 15, "v.mp4 in Video Enhance"))
    bar = w.statusBar()
    # the refused files are said (the last line stays in the bar)
    assert "gone.mp4 was not opened: there is no such file." in (bar.currentMessage() + bar.toolTip())

    # audio (an .m4a is audio although its content is ISO media) to Speech to Text, one at a time
    ctl.opener.open_paths([str(m4a)])
    stt = w.pages["Speech to Text"].content
    assert w.current_tool == "Speech to Text"
    assert stt.runner.is_running  # song.m4a is being read: talk.wav waits for it, and is offered then
    ctl.opener.open_paths([str(wav)])
    assert stt.opened_next == str(wav) and stt.open_box is None
    run(loop, until(lambda: stt.open_box is not None, 15, "talk.wav offered once song.m4a is read"))
    assert stt.plan is not None and stt.plan.source.name == "song.m4a"
    box = stt.open_box
    assert box.isVisible() and "Speech to Text has song.m4a. Replace it with talk.wav?" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert stt.plan.source.name == "song.m4a"
    ctl.opener.open_paths([str(wav)])
    _button(stt.open_box, "openReplace").click()
    run(loop, until(lambda: stt.plan is not None and stt.plan.source.name == "talk.wav", 15, "talk.wav planned"))


def test_files_given_before_the_services_exist_wait_for_them(harness, store, loop, qtbot, tmp_path, ffmpeg):
    img = make_image(ffmpeg, tmp_path / "early.png")
    ctl = harness.start("--sandbox", connect=False)
    ctl.opener.open_paths([str(img)])
    assert ctl.opener.pending == [str(img)] and ctl.opener.raised == 1
    run(loop, ctl.start())
    assert ctl.opener.pending == []
    assert ctl.window.current_tool == "Background Removal"
    assert [i.name for i in ctl.window.pages["Background Removal"].content.items] == ["early.png"]


def test_a_file_open_event_opens_the_file_as_a_launch_would(harness, store, loop, qtbot, tmp_path, ffmpeg):
    """macOS: Finder's "Open with" arrives as a QFileOpenEvent on the application."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QFileOpenEvent

    img = make_image(ffmpeg, tmp_path / "from finder.png")
    ctl = start_app(harness, store, tmp_path / "downloads")
    QCoreApplication.sendEvent(QCoreApplication.instance(), QFileOpenEvent(str(img)))
    assert ctl.window.current_tool == "Background Removal"
    assert [i.name for i in ctl.window.pages["Background Removal"].content.items] == ["from finder.png"]
