"""The Vision tab against the sandbox: by file (with conversion), by URL, minimum balance, errors."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from tests.conftest import make_image
from tests.ui.conftest import until
from tests.ui.test_ai_common import click, ctrl_enter, drop_file, open_tab, type_text
from verging_desktop.sandbox import DEMO_KEY


def test_vision_by_file_converts_bmp_and_follow_ups(harness, loop, qtbot, ffmpeg, tmp_path) -> None:
    ctl, tab = open_tab(harness, loop, "Vision")
    sb = ctl.session.sandbox
    click(qtbot, tab.ask_btn)
    assert "Drop an image or paste its URL first" in tab.error.text
    bmp = make_image(ffmpeg, tmp_path / "scan.bmp", size="300x200")
    assert drop_file(tab.drop, bmp)
    loop.run_until_complete(until(lambda: tab.image_size == (300, 200), 10, "preview"))
    assert not tab.preview.pixmap().isNull() and "300×200" in tab.drop.label.text()
    click(qtbot, tab.ask_btn)
    assert "Write a question" in tab.error.text
    type_text(qtbot, tab.prompt, "What size is this picture?")
    assert "Estimate: up to" in tab.cost.text() and "size unknown" not in tab.cost.text()
    ctrl_enter(qtbot, tab.prompt)
    loop.run_until_complete(until(lambda: tab.answers, 20, "answer"))
    a = tab.answers[0]
    assert "300x200 pixels in PNG format" in a["a"] and a["credits"] and a["credits"] <= a["est"]
    text = tab.view.toPlainText()
    assert "(BMP converted to PNG)" in text and "charged" in text and tab.prompt.toPlainText() == ""
    assert sb.stats()["requests"]["POST /api/v1/ai/vision/upload"] == 1
    assert list((ctl.ctx.dirs.data / "vision").iterdir()) == []  # the converted copy is removed
    # a follow-up on the same image
    type_text(qtbot, tab.prompt, "And the colours?")
    click(qtbot, tab.ask_btn)
    loop.run_until_complete(until(lambda: len(tab.answers) == 2, 20, "second answer"))
    assert tab.view.toPlainText().count("Q:") == 2


def test_vision_by_url_and_errors(harness, loop, qtbot) -> None:
    ctl, tab = open_tab(harness, loop, "Vision")
    sb = ctl.session.sandbox
    img = loop.run_until_complete(ctl.session.client.imagegen("a test card", size="512x512"))
    url = img.images[0]
    type_text(qtbot, tab.url, "not a url")
    type_text(qtbot, tab.prompt, "Describe it.")
    click(qtbot, tab.ask_btn)
    assert "must start with http" in tab.error.text
    tab.url.clear()
    type_text(qtbot, tab.url, url)
    assert "size unknown" in tab.cost.text()
    click(qtbot, tab.ask_btn)
    loop.run_until_complete(until(lambda: tab.answers, 20, "answer"))
    assert "512x512 pixels" in tab.answers[0]["a"]
    assert sb.stats()["requests"]["POST /api/v1/ai/vision"] == 1
    # 503 from the proxy: readable, with a retry the user clicks
    sb.faults.error_paths = ("/ai/vision",)
    sb.faults.error_rate = 1.0
    type_text(qtbot, tab.prompt, "Again?")
    click(qtbot, tab.ask_btn)
    loop.run_until_complete(until(lambda: tab.error.text and not tab.runner.is_running, 20, "502"))
    assert "(502)" in tab.error.text and tab.error.retry.isVisible()
    sb.faults.error_rate = 0.0
    click(qtbot, tab.error.retry)
    # the call may have been charged (a 502): Retry asks first, as any repeat does
    box = tab.guard.dialog
    assert box is not None and box.text().startswith("You sent this same request "), box
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    loop.run_until_complete(until(lambda: len(tab.answers) == 2, 20, "answer after retry"))
    # the minimum balance is checked before sending
    sb.set_credits(DEMO_KEY, 3)
    loop.run_until_complete(ctl.session.wait_refreshed())
    type_text(qtbot, tab.prompt, "Once more")
    click(qtbot, tab.ask_btn)
    loop.run_until_complete(until(lambda: tab.error.text, 5, "minimum balance"))
    assert "Vision needs a balance of at least 5 credits" in tab.error.text and len(tab.answers) == 2
