"""What the second newcomer trial found: the face swap consent box stayed ticked for a new video,
a long message's tooltip stayed on the status bar, job cards wider than their column, a green
hard to read on the dark theme, Ctrl+9 doing nothing, and the compare header cut in the middle of
two words. Real widgets, the sandbox app."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import make_clip, make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, start_app
from tests.ui.conftest import run, until


@pytest.fixture(autouse=True)
def _multimedia_noise(request: Any) -> Any:
    yield
    forgive_multimedia_noise(request)


def _loaded(page: Any, name: str) -> bool:
    return (page.trimmer is not None and page.trimmer.info is not None and page.current is not None
            and page.current.name == name and page.ready_faces() != [])


def test_face_swap_consent_is_for_this_face_and_this_video(harness, store, loop, qtbot, tmp_path, ffmpeg):
    a = make_clip(ffmpeg, tmp_path / "a.mp4", seconds=2, size="160x120", gop=25)
    b = make_clip(ffmpeg, tmp_path / "b.mp4", seconds=3, size="160x120", gop=25)
    face = make_image(ffmpeg, tmp_path / "face.png")
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Face Swap")
    assert not page.consent_box.isEnabled()  # nothing to confirm yet
    assert drop(page.face_drop, [face])
    run(loop, until(lambda: page.ready_faces(), 10, "the face"))
    assert not page.consent_box.isEnabled()  # a face, but no video yet
    assert drop(page.video_drop, [a])
    run(loop, until(lambda: _loaded(page, "a.mp4"), 15, "a.mp4"))
    assert page.consent_box.isEnabled() and not page.consent_box.isChecked()
    page.consent_box.click()
    assert page.consent_box.isChecked() and page.submit_button.isEnabled()
    # Clear on the video: nothing is confirmed any more
    page.clear_videos()
    assert not page.consent_box.isChecked() and not page.consent_box.isEnabled()
    # a new video with the same face asks again
    assert drop(page.video_drop, [b])
    run(loop, until(lambda: _loaded(page, "b.mp4"), 15, "b.mp4"))
    assert not page.consent_box.isChecked() and not page.submit_button.isEnabled()
    assert "right to use this face and this video" in page.why_label.text()
    # the first video again (the same face): it was confirmed with it before
    page.clear_videos()
    assert drop(page.video_drop, [a])
    run(loop, until(lambda: _loaded(page, "a.mp4"), 15, "a.mp4 again"))
    assert page.consent_box.isChecked() and page.submit_button.isEnabled()
    # a second video beside it (a batch) needs its own consent
    assert drop(page.video_drop, [b])
    run(loop, until(lambda: len(page.ready_videos()) == 2, 15, "two videos"))
    assert not page.consent_box.isChecked() and not page.submit_button.isEnabled()


def test_a_long_messages_tooltip_goes_with_the_message(harness, store, loop, tmp_path):
    import asyncio

    ctl = start_app(harness, store, tmp_path / "downloads")
    w = ctl.window
    w.resize(1280, 800)
    run(loop, asyncio.sleep(0.2))
    bar = w.statusBar()
    text = "a_face_image_with_an_extremely_long_name " * 8 + "as the face in Face Swap."
    w.show_message(text, 300)
    assert bar.toolTip() == text and bar.currentMessage() != text
    run(loop, until(lambda: bar.currentMessage() == "", 5, "the message to go"))
    assert bar.toolTip() == ""
    w.show_message(text)
    bar.clearMessage()
    assert bar.toolTip() == ""


def test_the_sandbox_state_says_where_the_sandbox_is(harness, loop):
    ctl = harness.start("--sandbox")
    w, s = ctl.window, ctl.session
    assert w.status.state_text == "Sandbox" and s.sandbox_url.startswith("http://127.0.0.1:")
    assert s.sandbox_url in w.status.state.toolTip() and "no credits" in w.status.state.toolTip()


@pytest.mark.parametrize("width", [150, 200, 320])
def test_a_job_card_is_never_wider_than_its_column(qtbot, width):
    from PySide6.QtWidgets import QApplication, QPushButton

    from verging_desktop.ui.widgets.steps import StepsList

    steps = StepsList()
    qtbot.addWidget(steps)
    long = "a_very_long_face_image_file_name_that_goes_on_and_on_for_testing_purposes_only.png"
    rows = []
    for i in range(4):  # a few sends
        row = steps.add(f"clip.mp4 + {long}", detail=f"0.0–3.{i} s")
        row.add_action(QPushButton("Show"))
        row.local_id = 40 + i
        row.finish("Completed · estimated 9 credits, charged 9 credits")
        rows.append(row)
    steps.resize(width, 400)
    steps.show()
    qtbot.waitExposed(steps)
    QApplication.processEvents()
    room = steps.viewport().width()
    for row in rows:
        assert row.width() <= room, (row.width(), room)
        assert row.title.text() != row.title.full_text() and "…" in row.title.text()  # elided, whole on hover
        assert row.title.toolTip().startswith("clip.mp4 + a_very")
        for w in (row.title, row.detail, row.step, row.close_button, row.findChild(QPushButton)):
            assert w.isVisible() and row.rect().contains(w.geometry()), (w.objectName(), w.geometry(), row.rect())


def test_the_state_colours_read_on_the_light_and_the_dark_theme(qtbot):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from verging_desktop.ui.colors import contrast_ratio, error_color, ok_color
    from verging_desktop.ui.theme import apply_theme
    from verging_desktop.ui.widgets.steps import StepsList

    app = QApplication.instance()
    steps = StepsList()
    qtbot.addWidget(steps)
    done, failed = steps.add("clip.mp4"), steps.add("other.mp4")
    try:
        seen = {}
        for theme in ("light", "dark"):
            apply_theme(app, theme)
            window = app.palette().color(QPalette.ColorRole.Window).name()
            for color in (ok_color(), error_color()):
                assert contrast_ratio(color, window) >= 4.5, (theme, color, window)
            seen[theme] = (ok_color(), error_color())
            if theme == "light":  # the cards made on the light theme follow the switch
                done.finish("Completed · estimated 9 credits, charged 9 credits")
                done.step.setStyleSheet(f"color: {ok_color()};")  # as the tab does
                failed.finish("Failed: the job failed on the server", ok=False)
        assert seen["light"] != seen["dark"]
        assert ok_color() in done.step.styleSheet() and error_color() in failed.step.styleSheet()
    finally:
        apply_theme(app, "system")


def test_ctrl_9_goes_to_the_last_tool_and_the_view_menu_says_so(harness, loop, qtbot):
    from PySide6.QtCore import Qt

    ctl = harness.start("--sandbox")
    w = ctl.window
    w.resize(1280, 800)
    w.activateWindow()
    run(loop, until(lambda: w.first_frame_done and hasattr(w, "act_goto"), 5, "the menus"))
    titles = [e.title for e in w.tabs.entries()]
    qtbot.keyClick(w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert w.current_tool == titles[1]
    qtbot.keyClick(w, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert w.current_tool == titles[-1]
    view = {a.text().replace("&", ""): a for a in w.menu_view.actions() if not a.isSeparator()}
    last = view["Last tool"]
    assert last.shortcut().toString() == "Ctrl+9" and "Ctrl+9 to the last" in last.statusTip()
    qtbot.keyClick(w, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    last.trigger()
    assert w.current_tool == titles[-1]


def test_the_compare_sizes_never_cut_a_word_in_the_middle_of_two(qtbot):
    from verging_desktop.ui.video.compare.view import SizesLabel

    label = SizesLabel()
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    label.set_sizes("640×360", "1280×720")
    full = "Original 640×360 · Result 1280×720"
    fm = label.fontMetrics()
    words = set(full.split()) | {"→"}
    seen = []
    for width in range(fm.horizontalAdvance(full) + 10, 20, -3):
        label.resize(width, 20)
        shown = label.text()
        seen.append(shown)
        assert label.toolTip() == full and fm.horizontalAdvance(shown) <= width
        if shown in (full, "640×360 → 1280×720", "… Result 1280×720", "… 1280×720"):
            assert set(shown.split()) <= words | {"…"}, shown  # every word whole: no "640×…esult"
        else:  # only the shortest form is ever cut, at its start, keeping the result's size's end
            assert shown.startswith("…") and shown.count("…") == 1 and "1280×720".endswith(shown[1:]), shown
    assert full in seen and "640×360 → 1280×720" in seen and "… Result 1280×720" in seen and "… 1280×720" in seen
