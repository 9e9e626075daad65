"""Switching the theme while the app runs (Settings -> Theme) reaches every widget, also those
under a style sheet of their own (drop zones, banners), not only the ones made afterwards."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget


def _colors(w: QWidget) -> tuple[str, str]:
    p = w.palette()
    return p.color(QPalette.ColorRole.WindowText).name(), p.color(QPalette.ColorRole.Button).name()


def test_a_drop_zone_follows_a_theme_switch_at_run_time(qtbot: Any) -> None:
    from verging_desktop.ui.theme import apply_theme, dark_palette, light_palette
    from verging_desktop.ui.widgets.dropzone import DropZone

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "light")
    try:
        top = QWidget()
        qtbot.addWidget(top)
        lay = QVBoxLayout(top)
        zone = DropZone("Video", "Drop a video")
        lay.addWidget(zone)
        plain = QLabel("plain")
        lay.addWidget(plain)
        zone.set_preview(None, "clip.mp4")
        top.show()
        qtbot.waitExposed(top)
        light = light_palette()
        assert _colors(zone.title_label)[0] == light.color(QPalette.ColorRole.WindowText).name()

        apply_theme(app, "dark")
        QApplication.processEvents()
        dark = dark_palette()
        want = (dark.color(QPalette.ColorRole.WindowText).name(), dark.color(QPalette.ColorRole.Button).name())
        assert _colors(plain) == want
        for w in (zone.title_label, zone.caption, zone.browse_button, zone.clear_button):
            assert _colors(w) == want, f"{w.objectName() or w.text()} kept {_colors(w)} in the dark theme"

        apply_theme(app, "light")
        QApplication.processEvents()
        assert _colors(zone.title_label)[0] == light.color(QPalette.ColorRole.WindowText).name()
    finally:
        apply_theme(app, "system")


def test_disabled_controls_look_disabled_in_both_themes(qtbot: Any) -> None:
    """Each theme has a Disabled colour group: a disabled button or label is drawn in other
    colours than an enabled one (the light theme used to draw both alike)."""
    from PySide6.QtWidgets import QPushButton

    from verging_desktop.ui.theme import apply_theme, dark_palette, light_palette

    R, A, D = QPalette.ColorRole, QPalette.ColorGroup.Active, QPalette.ColorGroup.Disabled
    for pal in (light_palette(), dark_palette()):
        for role in (R.Text, R.WindowText, R.ButtonText, R.PlaceholderText):
            assert pal.color(D, role).name() != pal.color(A, role).name(), role
    light = light_palette()
    assert light.color(D, R.Highlight).name() != light.color(A, R.Highlight).name()
    # what a person sees: a disabled button's text is lighter than an enabled one's
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "light")
    try:
        on, off = QPushButton("Swap face"), QPushButton("Swap face")
        off.setEnabled(False)
        for b in (on, off):
            qtbot.addWidget(b)
            b.show()
        qtbot.waitExposed(off)

        def text_lightness(b: QPushButton) -> int:
            img = b.grab().toImage()
            return min(img.pixelColor(x, y).lightness() for x in range(4, img.width() - 4)
                       for y in range(4, img.height() - 4))

        assert text_lightness(off) > text_lightness(on) + 40
    finally:
        apply_theme(app, "system")
