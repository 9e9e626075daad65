"""The Image Generation tab against the sandbox."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication

from tests.ui.conftest import until
from tests.ui.test_ai_common import click, ctrl_enter, open_tab, type_text
from verging_desktop.core.tools import tool
from verging_desktop.sandbox import DEMO_KEY


def test_generate_gallery_and_actions(harness, loop, qtbot, tmp_path) -> None:
    ctl, tab = open_tab(harness, loop, "Image Generation")
    sb = ctl.session.sandbox
    assert tab.empty.isVisible() and not tab.view_btn.isEnabled()
    # empty prompt: a clear message, nothing sent
    click(qtbot, tab.generate_btn)
    assert "Write a prompt" in tab.error.text
    type_text(qtbot, tab.prompt, "a red lighthouse at dusk")
    tab.count.setValue(2)
    tab.quality.setCurrentText("hd")
    assert "Estimate: <b>10 credits</b>" in tab.cost.text()
    ctrl_enter(qtbot, tab.prompt)
    assert tab.busy.isVisible() and not tab.generate_btn.isEnabled()
    loop.run_until_complete(until(lambda: tab.gallery.count() == 2, 20, "two images"))
    assert not tab.busy.isVisible() and tab.generate_btn.isEnabled()
    assert "charged 10 credits (estimated 10 credits)" in tab.note.text()
    assert sb.credits(DEMO_KEY) == 990
    loop.run_until_complete(until(lambda: ctl.window.status.balance.text() == "990 credits", 10, "balance"))
    # a second generation keeps the first ones
    tab.count.setValue(1)
    tab.quality.setCurrentText("standard")
    click(qtbot, tab.generate_btn)
    loop.run_until_complete(until(lambda: tab.gallery.count() == 3, 20, "three images"))
    first = Path(tab.selected_path())
    assert first.exists() and first.parent == tab.out_dir
    # view large, copy, save
    viewer = tab.view_selected()
    assert viewer is not None and viewer.isVisible() and not viewer.image.pixmap().isNull()
    viewer.close()
    click(qtbot, tab.copy_btn)
    assert not QGuiApplication.clipboard().image().isNull()
    click(qtbot, tab.save_btn)
    dest = tmp_path / "mine.png"
    tab.file_dialog.selectFile(str(dest))
    tab.file_dialog.accept()
    assert dest.exists() and dest.read_bytes() == first.read_bytes()
    # hand-off without a registered hook: the Vision tab is shown and takes the image
    click(qtbot, tab.vision_btn)
    assert "opened in Vision" in tab.note.text()
    w = ctl.window
    assert w.tabs.tabText(w.tabs.currentIndex()) == "Vision"
    assert w.pages["Vision"].content.image_path == str(first)


def test_content_policy_refusal_is_shown_as_such(harness, loop, qtbot) -> None:
    ctl, tab = open_tab(harness, loop, "Image Generation")
    type_text(qtbot, tab.prompt, "something forbidden")
    click(qtbot, tab.generate_btn)
    loop.run_until_complete(until(lambda: tab.error.text, 20, "refusal"))
    assert "content policy" in tab.error.text and not tab.error.retry.isVisible()
    assert tab.gallery.count() == 0 and tab.generate_btn.isEnabled()
    assert ctl.session.sandbox.credits(DEMO_KEY) == 1000


def test_handoff_hook_is_used_when_registered(harness, loop, qtbot) -> None:
    ctl, tab = open_tab(harness, loop, "Image Generation")
    got = []
    ctl.ctx.handoff.set_hook(lambda tool_id, path: got.append((tool(tool_id).title, path)))
    type_text(qtbot, tab.prompt, "a face")
    click(qtbot, tab.generate_btn)
    loop.run_until_complete(until(lambda: tab.gallery.count() == 1, 20, "image"))
    click(qtbot, tab.face_btn)
    click(qtbot, tab.bg_btn)
    assert [t for t, _ in got] == ["Face Swap", "Background Removal"] and Path(got[0][1]).exists()
    assert "sent to Background Removal" in tab.note.text()


def test_use_as_face_and_remove_background_reach_those_tabs(harness, loop, qtbot) -> None:
    ctl, tab = open_tab(harness, loop, "Image Generation")
    type_text(qtbot, tab.prompt, "a portrait")
    click(qtbot, tab.generate_btn)
    loop.run_until_complete(until(lambda: tab.gallery.count() == 1, 20, "image"))
    made = Path(tab.selected_path())
    w = ctl.window
    click(qtbot, tab.face_btn)
    assert w.tabs.tabText(w.tabs.currentIndex()) == "Face Swap"
    face_tab = w.pages["Face Swap"].content
    loop.run_until_complete(until(lambda: [f.state for f in face_tab.faces] == ["ready"], 10, "face checked"))
    assert face_tab.faces[0].path == made
    w.tabs.setCurrentWidget(w.pages["Image Generation"])
    click(qtbot, tab.bg_btn)
    assert w.tabs.tabText(w.tabs.currentIndex()) == "Background Removal"
    bg_tab = w.pages["Background Removal"].content
    loop.run_until_complete(until(lambda: [i.state for i in bg_tab.items] == ["ready"], 10, "image checked"))
    assert bg_tab.items[0].path == made
    assert ctl.session.sandbox.stats()["create_jobs"]["background_removal"] == 0  # nothing sent by a hand-off


def test_count_box_says_image_or_images(harness, loop, qtbot) -> None:
    """The Count box reads "1 image", "2 images": never "1 image(s)"."""
    _ctl, tab = open_tab(harness, loop, "Image Generation")
    tab.count.setValue(1)
    assert tab.count.text() == "1 image"
    tab.count.stepUp()
    assert tab.count.text() == "2 images"
    tab.count.stepDown()
    assert tab.count.text() == "1 image"


def test_an_image_lands_beside_a_file_saved_under_its_name_meanwhile(harness, loop, qtbot) -> None:
    """Another program saves a file under the image's name while the image downloads: the image
    gets the next free name, the gallery shows that file and the other one is left alone."""
    ctl, tab = open_tab(harness, loop, "Image Generation")
    taken: list[Path] = []

    async def take_the_name(resp) -> None:  # when the image's answer arrives, before its bytes are saved
        for part in Path(tab.out_dir).glob("*.part"):
            final = part.with_name(part.name[: -len(".part")])
            if not final.exists():
                final.write_bytes(b"someone else's file")
                taken.append(final)

    ctl.ctx.client._http.event_hooks["response"].append(take_the_name)
    type_text(qtbot, tab.prompt, "a quiet harbour")
    click(qtbot, tab.generate_btn)
    loop.run_until_complete(until(lambda: tab.gallery.count() == 1, 20, "image"))
    (other,) = taken
    shown = Path(tab.selected_path())
    assert shown == other.with_name(f"{other.stem} (2){other.suffix}")
    assert shown.read_bytes()[:4] == b"\x89PNG" and other.read_bytes() == b"someone else's file"
    assert not list(Path(tab.out_dir).glob("*.part"))
