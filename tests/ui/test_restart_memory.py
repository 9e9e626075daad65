"""What the app remembers across a real restart of the window (in this process: the controller is
closed through its normal shutdown and a new one is built on the same settings): the tool shown
last (by id), each tool's options and the output folder. (The window's geometry: its own test in
tests/ui/test_settings.py, within the offscreen screen.)"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from tests.e2e.helpers import forgive_multimedia_noise, open_tab, start_app
from tests.ui.conftest import run
from verging_desktop.core.tools import tool_by_title
from verging_desktop.ui.tool_options import OPTIONS, _widget


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def test_every_remembered_option_is_a_widget_of_its_page(harness, store, loop, qtbot, tmp_path):
    ctl = start_app(harness, store, tmp_path / "downloads")
    for title in ctl.window.pages:
        spec = tool_by_title(title)
        page = open_tab(loop, ctl, title)
        for name in OPTIONS.get(spec.id, ()):
            assert isinstance(_widget(page, name), QWidget), f"{spec.id}: {name} is not a widget of its page"
            assert "consent" not in name


def _pick_other(combo: QComboBox, qtbot) -> str:
    """A person picks another item with the keyboard (activated, as with the mouse)."""
    assert combo.count() > 1
    combo.setFocus()
    before = combo.currentIndex()
    qtbot.keyClick(combo, Qt.Key.Key_Down if before < combo.count() - 1 else Qt.Key.Key_Up)
    assert combo.currentIndex() != before
    return combo.currentText()


def test_a_restart_keeps_the_tool_its_options_and_the_output_folder(harness, store, loop, qtbot,
                                                                                  tmp_path):
    out = tmp_path / "my results"
    ctl = start_app(harness, store, tmp_path / "downloads")
    w = ctl.window

    fs = open_tab(loop, ctl, "Face Swap")
    assert not fs.hd_box.isChecked()
    fs.hd_box.click()
    img = open_tab(loop, ctl, "Image Generation")
    size = _pick_other(img.size, qtbot)
    stt = open_tab(loop, ctl, "Speech to Text")
    language = _pick_other(stt.language, qtbot)
    chat = open_tab(loop, ctl, "Chat")
    chat.max_tokens.setValue(chat.max_tokens.value() + 7)  # kept at quit even without editingFinished
    tokens = chat.max_tokens.value()
    s = ctl.settings
    s.download_dir = str(out)
    ctl.apply_settings(s)
    open_tab(loop, ctl, "Vision")

    run(loop, ctl.close())
    ctl.window.hide()
    assert store.value("window/tool") == "vision"
    store.set_value("window/tab", 0)  # an index from before tools were added: the id wins
    ctl2 = harness.start("--sandbox")
    w2 = ctl2.window
    assert w2 is not w
    assert w2.current_tool == "Vision"
    assert ctl2.settings.download_dir == str(out) and ctl2.session.settings.download_dir == str(out)
    assert open_tab(loop, ctl2, "Face Swap").hd_box.isChecked()
    assert open_tab(loop, ctl2, "Image Generation").size.currentText() == size
    assert open_tab(loop, ctl2, "Speech to Text").language.currentText() == language
    assert open_tab(loop, ctl2, "Chat").max_tokens.value() == tokens


def test_a_choice_among_items_that_come_later_is_put_back_when_they_come(harness, store, loop, qtbot, tmp_path):
    store.set_value("options/chat/model", '{"text": "late-model", "data": null}')
    ctl = start_app(harness, store, tmp_path / "downloads")
    chat = open_tab(loop, ctl, "Chat")
    assert chat.model.currentText() != "late-model"
    chat.model.addItem("late-model")  # the list read from the server
    assert chat.model.currentText() == "late-model"
    assert ctl.options.waiting == {}
