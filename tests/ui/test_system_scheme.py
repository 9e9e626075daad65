"""The "system" theme follows the desktop's light/dark preference (QStyleHints.colorScheme), also
when it changes while the app runs; a theme chosen in Settings stays whatever the desktop says;
the next start paints its first frame in the preference seen last. The desktop's change is the
real signal Qt emits (``colorSchemeChanged``), emitted here as the platform would."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from verging_desktop.app import SYSTEM_SCHEME_KEY
from verging_desktop.ui import theme
from verging_desktop.ui.theme import apply_theme, dark_palette, follow_system_scheme, is_dark


@pytest.fixture
def app() -> Any:
    a = QApplication.instance()
    assert isinstance(a, QApplication)
    yield a
    apply_theme(a, "system", "unknown")
    theme._FOLLOW.clear()


def _desktop_says(app: QApplication, scheme: Qt.ColorScheme) -> None:
    app.styleHints().colorSchemeChanged.emit(scheme)
    QApplication.processEvents()


def test_system_follows_the_desktop_live_and_a_chosen_theme_stays(app, qtbot):
    from verging_desktop.ui.widgets.dropzone import DropZone

    zone = DropZone("Video", "Drop a video")
    qtbot.addWidget(zone)
    zone.show()
    apply_theme(app, "system", "unknown")
    seen: list[str] = []
    follow_system_scheme(app, seen.append)
    assert not is_dark(app.palette())  # the offscreen platform says nothing: its own light palette
    dark_window = dark_palette().color(dark_palette().ColorRole.Window).name()

    _desktop_says(app, Qt.ColorScheme.Dark)
    assert is_dark(app.palette()) and app.style().objectName() == "vergingDark"
    assert zone.title_label.palette().color(zone.title_label.palette().ColorRole.Window).name() == dark_window
    assert seen == ["dark"]
    _desktop_says(app, Qt.ColorScheme.Light)
    assert not is_dark(app.palette()) and app.style().objectName() != "vergingDark"
    assert seen == ["dark", "light"]

    # the user chose Light in Settings: the desktop going dark changes nothing
    apply_theme(app, "light")
    _desktop_says(app, Qt.ColorScheme.Dark)
    assert not is_dark(app.palette()) and seen == ["dark", "light"]
    # and back to "system" while the desktop is dark: dark
    apply_theme(app, "system", "dark")
    assert is_dark(app.palette())


def test_the_app_remembers_the_scheme_for_its_next_first_frame(app, harness, store, loop, qtbot):
    ctl = harness.start("--sandbox", connect=False)
    loop.run_until_complete(ctl.start())
    _desktop_says(app, Qt.ColorScheme.Dark)
    assert is_dark(app.palette()) and store.value(SYSTEM_SCHEME_KEY) == "dark"
    apply_theme(app, "system", "unknown")  # as a new process starts: the platform's light palette
    assert not is_dark(app.palette())

    from verging_desktop.app import AppController, parse_args

    again = AppController(parse_args(["--sandbox"]), app, store=store, setup_logs=False,
                          install_crash_handler=False, manage_gc=False)
    harness.controllers.append(again)
    assert is_dark(app.palette())  # before its first frame, before the preference is read
