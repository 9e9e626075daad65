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
