"""What a newcomer trial of the varg gateway found in a real 1024x700 window: a running varg job
that widened the window past the screen (the busy line's text never wrapped), result images
washed blue while selected, a button that promised "free" for a repeat the cache only probably
has, a transcription's queue row with an empty square for a thumbnail, and "0.0 MB" for a small
audio file. Real widgets, the sandbox app."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage

from tests.ui.conftest import run, until
from tests.ui.test_ai_common import click, open_tab


@pytest.fixture(autouse=True)
def _multimedia_noise(request: Any) -> Any:
    from tests.e2e.helpers import forgive_multimedia_noise

    yield
    forgive_multimedia_noise(request)


def test_a_running_varg_speech_job_keeps_the_window_on_a_1024_screen(harness, loop, qtbot) -> None:
    ctl, tab = open_tab(harness, loop, "Text to Speech")
    w = ctl.window
    sb = ctl.session.sandbox
    sb.varg_job_seconds = 2.0
    w.resize(1024, 700)
    click(qtbot, tab.provider.radios["varg"])
    tab.text.setPlainText("Hello from the varg gateway, this is a test.")
    run(loop, asyncio.sleep(0.3))
    assert w.width() == 1024
    qtbot.mouseClick(tab.generate_btn, Qt.MouseButton.LeftButton)
    run(loop, until(lambda: tab.busy.isVisible(), 10, "the busy line"))
    run(loop, asyncio.sleep(0.3))  # the layout settles
    # "Processing on varg…" wraps in the narrow request pane: nothing asks for more than the screen
    assert tab.busy.label.text() and tab.busy.isVisible()
    assert w.minimumSizeHint().width() <= 1024, w.minimumSizeHint()
    assert w.width() == 1024, f"the window grew to {w.width()} px while the job ran"
    run(loop, until(lambda: not tab.varg_runner.busy, 30, "the speech"))
    assert w.width() == 1024


def _red(size: int = 64) -> QImage:
    img = QImage(size, size, QImage.Format.Format_RGB32)
    img.fill(QColor("#c0392b"))
    return img


def _same_when_selected(icon: QIcon, size: QSize) -> bool:
    normal = icon.pixmap(size, QIcon.Mode.Normal).toImage()
    selected = icon.pixmap(size, QIcon.Mode.Selected).toImage()
    c = normal.rect().center()
    return not normal.isNull() and normal.pixelColor(c) == selected.pixelColor(c) == QColor("#c0392b")


def test_a_selected_result_image_keeps_its_colours(harness, loop, qtbot, tmp_path: Path) -> None:
    _ctl, tab = open_tab(harness, loop, "Image Generation")
    path = tmp_path / "fox.png"
    _red().save(str(path))
    tab._add(path, _red(), "a red fox in the snow at dawn", "1:1", "", detail="varg flux-schnell")
    tab.gallery.setCurrentRow(0)
    item = tab.gallery.item(0)
    assert item.isSelected()
    # the style would wash a selected picture with the highlight colour: the fox turned blue-grey
    assert _same_when_selected(item.icon(), tab.gallery.iconSize())


def test_the_image_list_keeps_its_colours_when_selected(qtbot) -> None:
    from PySide6.QtGui import QPixmap

    from verging_desktop.ui.widgets.image_list import ImageList

    lst = ImageList()
    qtbot.addWidget(lst)
    assert lst.add_image("/nowhere/fox.png", QPixmap.fromImage(_red()))
    assert _same_when_selected(lst.grid.item(0).icon(), lst.grid.iconSize())


def test_a_probable_cache_hit_is_never_promised_free_on_the_button() -> None:
    from verging_desktop.services.varg_cost import VargEstimate
    from verging_desktop.ui.tools.varg_panel import button_text

    assert button_text("Generate", None) == "Generate"
    assert button_text("Generate", VargEstimate(35.0, "varg's price list")) == "Generate (35\u00a0¢)"
    # the same request as before: varg's cache probably has it, but may have dropped it (then it is charged)
    cached = VargEstimate(35.0, "varg's price list", probably_cached=True)
    assert cached.billed_cents == 0 and button_text("Make music", cached) == "Make music (probably free)"
    # your own key: varg bills nothing for certain (the line beside says the provider bills)
    assert button_text("Generate", VargEstimate(35.0, "table", byok="fal")) == "Generate (free)"


def test_a_transcription_in_the_queue_shows_its_tools_icon(loop, qtbot, ffmpeg, tmp_path: Path) -> None:
    from tests.conftest import make_audio
    from verging_desktop.api.retry import RetryPolicy
    from verging_desktop.api.verging import VergingClient
    from verging_desktop.jobs.queue import JobQueue
    from verging_desktop.jobs.store import JobStore, LocalStatus
    from verging_desktop.sandbox import DEMO_KEY
    from verging_desktop.ui.jobs.queue_panel import QueuePanel

    store = JobStore(tmp_path / "jobs.db")
    client = VergingClient(DEMO_KEY, "http://127.0.0.1:9/api/v1", retry=RetryPolicy(attempts=1))  # never asked
    q = JobQueue(store, client)
    mp3 = make_audio(ffmpeg, tmp_path / "speech.mp3", seconds=1)
    running = store.add(provider="varg", kind="varg-transcription", input_name="speech.mp3",
                        inputs=[str(mp3)], status=LocalStatus.PROCESSING)

    def spawn(coro: Any, name: str = "") -> asyncio.Task[Any]:
        return asyncio.ensure_future(coro)

    panel = QueuePanel(q, spawn=spawn)
    qtbot.addWidget(panel)
    panel.resize(1100, 400)
    panel.show()
    thumbs = panel.model._thumbs
    run(loop, until(lambda: running.local_id in thumbs, 10, "the transcription's thumbnail"))
    glyph = thumbs[running.local_id]
    # the microphone glyph, not "no picture" (an empty square): its input is a sound
    assert glyph is not None
    img = glyph.toImage()
    inked = sum(img.pixelColor(x, y).alpha() > 0 for x in range(img.width()) for y in range(img.height()))
    assert 0 < inked < img.width() * img.height() / 2
    run(loop, client.aclose())
    store.close()


def test_a_small_audio_file_says_its_size_in_kb() -> None:
    from verging_desktop.ui.tools.speech_to_text import size_text

    assert size_text(24_284) == "24 KB" and size_text(300) == "1 KB"
    assert size_text(3 * 1024 * 1024 + 400_000) == "3.4 MB"


def test_image_models_are_readable_in_the_combo_at_1024(harness, loop, qtbot) -> None:
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    from verging_desktop.core.varg_models import Capability, models_for

    ctl, tab = open_tab(harness, loop, "Image Generation")
    w = ctl.window
    w.resize(1024, 700)
    click(qtbot, tab.providers.radios["varg"])
    combo = tab.varg_model
    fm = combo.fontMetrics()
    cut = []
    for i in range(len(models_for(Capability.IMAGE, kind="varg-image"))):
        combo.setCurrentIndex(i)
        run(loop, asyncio.sleep(0.05))
        assert w.width() == 1024
        opt = QStyleOptionComboBox()
        combo.initStyleOption(opt)
        field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                             QStyle.SubControl.SC_ComboBoxEditField, combo)
        text = combo.currentText()
        if fm.horizontalAdvance(text) > field.width():
            cut.append(f"{text!r}: {fm.horizontalAdvance(text)} px in {field.width()} px")
    assert not cut, "model names cut in the closed combo at 1024 px: " + "; ".join(cut)
    for i, m in enumerate(models_for(Capability.IMAGE, kind="varg-image")):
        # the id the command line takes is one hover away
        assert m.id in (combo.itemData(i, Qt.ItemDataRole.ToolTipRole) or "")
    widest = max(fm.horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
    assert combo.view().minimumWidth() >= widest  # the open list shows every name whole
    combo.setCurrentIndex(combo.findData("recraft-v3"))
    assert tab.reference_none.text() == "Recraft V3 takes no reference image."


def test_the_provider_radios_stay_put_when_the_provider_changes(harness, loop, qtbot) -> None:
    from PySide6.QtCore import QPoint

    ctl, tab = open_tab(harness, loop, "Image Generation")
    w = ctl.window
    for size in ((1024, 700), (1280, 800)):
        w.resize(*size)
        tab.providers.set_current("verging")
        run(loop, asyncio.sleep(0.1))
        radio = tab.providers.radios["varg"]
        before = radio.mapTo(w, QPoint(0, 0))
        click(qtbot, radio)  # varg's rows ("Aspect ratio", "Reference") come in
        run(loop, asyncio.sleep(0.1))
        after = radio.mapTo(w, QPoint(0, 0))
        assert after.x() == before.x(), f"{size}: the radio moved from x={before.x()} to x={after.x()}"


def test_the_queue_header_says_what_was_spent_without_a_zero_and_refresh_stays_put(loop, qtbot, tmp_path) -> None:
    import time

    from verging_desktop.api.retry import RetryPolicy
    from verging_desktop.api.verging import VergingClient
    from verging_desktop.jobs.queue import JobQueue
    from verging_desktop.jobs.store import JobStore, LocalStatus
    from verging_desktop.sandbox import DEMO_KEY
    from verging_desktop.ui.jobs.queue_panel import QueuePanel

    store = JobStore(tmp_path / "jobs.db")
    client = VergingClient(DEMO_KEY, "http://127.0.0.1:9/api/v1", retry=RetryPolicy(attempts=1))  # never asked
    q = JobQueue(store, client)
    panel = QueuePanel(q, spawn=lambda coro, name="": asyncio.ensure_future(coro))
    qtbot.addWidget(panel)
    panel.resize(290, 400)  # the dock's width in a 1024 px window
    panel.show()
    panel._update_spent()
    qtbot.waitUntil(lambda: panel.refresh_button.isVisible())
    assert panel.spent.text() == "Spent on jobs today: 0 credits"  # nothing spent: said once
    top = panel.refresh_button.mapTo(panel, panel.refresh_button.rect().topLeft()).y()
    rec = store.add(provider="varg", kind="varg-music", input_name="calm piano", estimated_credits=30)
    store.update(rec.local_id, status=LocalStatus.COMPLETED, charged_credits=128, submitted_at=time.time())
    panel._update_spent()
    qtbot.waitUntil(lambda: "varg" in panel.spent.text())
    # only what was spent: no "0 credits ·" for Verging in front of varg's cents
    assert panel.spent.text().startswith("Spent on jobs today: varg\u00a0128"), panel.spent.text()
    assert "0 credits" not in panel.spent.text()
    _settle_layout()
    assert panel.refresh_button.mapTo(panel, panel.refresh_button.rect().topLeft()).y() == top  # Refresh stays put
    run(loop, client.aclose())
    store.close()


def _settle_layout() -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()


def test_a_running_varg_job_never_says_0_percent(loop, qtbot, tmp_path) -> None:
    from verging_desktop.api.retry import RetryPolicy
    from verging_desktop.api.verging import VergingClient
    from verging_desktop.jobs.queue import JobQueue
    from verging_desktop.jobs.store import JobStore, LocalStatus
    from verging_desktop.sandbox import DEMO_KEY
    from verging_desktop.ui.jobs.queue_model import COL_STATUS, ProgressRole
    from verging_desktop.ui.jobs.queue_panel import QueuePanel

    store = JobStore(tmp_path / "jobs.db")
    client = VergingClient(DEMO_KEY, "http://127.0.0.1:9/api/v1", retry=RetryPolicy(attempts=1))  # never asked
    q = JobQueue(store, client)
    store.add(provider="varg", kind="varg-music", input_name="calm piano", status=LocalStatus.PROCESSING)
    panel = QueuePanel(q, spawn=lambda coro, name="": asyncio.ensure_future(coro))
    qtbot.addWidget(panel)
    panel.resize(600, 300)
    panel.show()
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 1)
    idx = panel.proxy.index(0, COL_STATUS)
    # varg reports no percentage: the row says "Processing", not a "Processing 0%" that never moves
    assert idx.data(ProgressRole) is None
    run(loop, client.aclose())
    store.close()
