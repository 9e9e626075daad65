"""The varg side of Image Generation, Background Removal and Speech to Text as a newcomer met it in
a real window: the model list, the reference box at 1024x700 and 1280x800 (no overlap, nothing cut
off, the name elided in the middle with a thumbnail), the drop zone's size limit per provider, a
submit button that stays put while the provider, model or estimate changes, and amounts that wrap
whole."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import QPoint

from tests.conftest import make_image
from tests.ui.layout_check import format_problems, layout_problems
from tests.ui.test_ai_common import click, open_tab
from verging_desktop.core.varg_models import Capability, models_for

LONG = "a_very_long_reference_name_that_the_interface_elides_or_wraps_names_in_the_window_photo"


def _settle(loop: Any, seconds: float = 0.2) -> None:
    loop.run_until_complete(asyncio.sleep(seconds))


def _y(w: Any) -> int:
    return w.mapTo(w.window(), QPoint(0, 0)).y()


def test_image_generation_offers_only_image_models(harness, loop, qtbot) -> None:
    _ctl, tab = open_tab(harness, loop, "Image Generation")
    ids = [tab.varg_model.itemData(i) for i in range(tab.varg_model.count())]
    assert ids == [m.id for m in models_for(Capability.IMAGE, kind="varg-image")]
    assert "background-remover" not in ids and "flux-schnell" in ids


def test_image_generation_reference_box_fits_with_a_long_name(harness, loop, qtbot, ffmpeg, tmp_path) -> None:
    ctl, tab = open_tab(harness, loop, "Image Generation")
    w = ctl.window
    click(qtbot, tab.providers.radios["varg"])
    tab.prompt.setPlainText("the same lighthouse at night")
    tab.varg_model.setCurrentIndex(tab.varg_model.findData("nano-banana-pro"))
    ref = make_image(ffmpeg, tmp_path / f"{LONG}.png")
    tab.set_reference(str(ref))
    failures = []
    for size in ((1024, 700), (1280, 800)):
        w.resize(*size)
        _settle(loop)
        where = f"{size[0]}x{size[1]}"
        problems = layout_problems(w, skip=[w.queue_dock])
        if problems:
            failures.append(format_problems(problems, where))
        box, browse, remove = tab.reference, tab.reference.browse, tab.reference_clear
        assert remove.isVisible() and browse.isVisible(), where
        rb = remove.geometry()
        assert not rb.intersects(browse.geometry()), f"{where}: Remove on Browse…"
        # the dashed box is whole, inside the tab, and holds both buttons
        assert box.visibleRegion().boundingRect().size() == box.size(), f"{where}: the drop box is cut off"
        assert box.rect().contains(rb) and box.rect().contains(browse.geometry()), where
        # the name: its start and its end, elided in the middle; the full path in the tooltip
        shown = type(tab.reference.label).text(tab.reference.label)
        assert "…" in shown and shown.startswith("a_very") and shown.endswith("photo.png"), shown
        assert str(ref) in tab.reference.label.toolTip() and str(ref) in box.toolTip()
        # a small thumbnail of the reference
        pix = tab.reference.thumb.pixmap()
        assert tab.reference.thumb.isVisible() and not pix.isNull() and max(pix.width(), pix.height()) <= 48
    assert not failures, "\n".join(failures)
    tab.set_reference(None)
    assert not tab.reference.thumb.isVisible() and not tab.reference_clear.isVisible()
    assert tab.reference_path is None and tab.varg_request().files == ()


def test_background_removal_drop_hint_follows_the_provider(harness, loop, qtbot) -> None:
    _ctl, tab = open_tab(harness, loop, "Background Removal")
    tab.providers.set_current("verging")
    assert "up to 10 MB each" in tab.drop.hint_label.text()
    click(qtbot, tab.providers.radios["varg"])
    assert "up to 50 MB each" in tab.drop.hint_label.text() and "50 MB" in tab.price_label.text()
    click(qtbot, tab.providers.radios["verging"])
    assert "up to 10 MB each" in tab.drop.hint_label.text()


def test_the_submit_button_stays_put(harness, loop, qtbot) -> None:
    """Changing the provider (Speech to Text, Background Removal), the model (Image Generation) or
    the estimate's words never moves the button under the mouse."""
    from verging_desktop.services.varg_cost import VargEstimate

    ctl, tab = open_tab(harness, loop, "Image Generation")
    ctl.window.resize(1024, 700)
    click(qtbot, tab.providers.radios["varg"])
    tab.prompt.setPlainText("a lighthouse")
    _settle(loop)
    y0 = _y(tab.generate_btn)
    for model in ("recraft-v3", "nano-banana-pro", "flux-schnell"):
        tab.varg_model.setCurrentIndex(tab.varg_model.findData(model))
        _settle(loop, 0.1)
        assert _y(tab.generate_btn) == y0, f"the button moved with {model}"
    assert not tab.reference.isVisible() or tab.varg_model_id() != "recraft-v3"
    # Verging's four settings or varg's model, aspect and reference: the button in the same place
    click(qtbot, tab.providers.radios["verging"])
    _settle(loop)
    assert tab.size.isVisible() and _y(tab.generate_btn) == y0, "the button moved when Verging was chosen"
    click(qtbot, tab.providers.radios["varg"])
    _settle(loop)
    assert _y(tab.generate_btn) == y0, "the button moved when varg was chosen again"
    # a short estimate, an empty one and a two-line one: the same place
    for est in (VargEstimate(0, "table", probably_cached=True), None,
                VargEstimate(30, "route", byok="fal")):
        tab.varg.outcome.show_estimate(est)
        _settle(loop, 0.1)
        assert _y(tab.generate_btn) == y0, f"the button moved with {tab.varg.outcome.text()!r}"
    for title, button in (("Speech to Text", "go_btn"), ("Background Removal", "submit_button")):
        page = _open(ctl, loop, title)
        ctl.window.resize(1024, 700)
        page.providers.set_current("verging")
        _settle(loop)
        b = getattr(page, button)
        y = _y(b)
        click(qtbot, page.providers.radios["varg"])
        _settle(loop)
        assert _y(b) == y, f"{title}: the button moved when varg was chosen"
        click(qtbot, page.providers.radios["verging"])
        _settle(loop)
        assert _y(b) == y, f"{title}: the button moved when Verging was chosen"


def _open(ctl: Any, loop: Any, title: str) -> Any:
    from tests.ui.conftest import until

    w = ctl.window
    w.tabs.setCurrentIndex([w.tabs.tabText(i) for i in range(w.tabs.count())].index(title))
    loop.run_until_complete(until(lambda: w.pages[title].content is not None, 10, f"{title} built"))
    return w.pages[title].content


def test_amounts_wrap_whole_never_elided(harness, loop, qtbot) -> None:
    """A narrow outcome line wraps; "30 ¢ ($0.30)" is never split or cut ("…0 ¢ ($0.30)")."""
    from PySide6.QtGui import QFontMetrics

    from verging_desktop.ui.tools.varg_outcome import VargOutcome

    line = VargOutcome()
    qtbot.addWidget(line)
    line.setText("Charged 30 ¢ ($0.30), estimate 30 ¢ ($0.30)")
    assert line.text() == "Charged 30\u00a0¢ ($0.30), estimate 30\u00a0¢ ($0.30)"
    line.resize(120, line.heightForWidth(120))
    line.show()
    qtbot.waitExposed(line)
    painted = type(line).__mro__[1].text(line)
    assert "…" not in painted and "30\u00a0¢\u00a0($0.30)" in painted
    assert line.wordWrap() and line.height() >= 2 * QFontMetrics(line.font()).lineSpacing()
    assert not layout_problems(line), format_problems(layout_problems(line), "a 120 px outcome line")
