"""Settings dialog: stored with QSettings, applied live; the key is never stored there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from verging_desktop.core.settings import DEFAULT_BASE_URL, Settings
from verging_desktop.ui.settings_store import SettingsStore
from verging_desktop.ui.theme import apply_theme, is_dark

from .conftest import until


def test_settings_dialog_saves_and_applies(harness, loop, qtbot, store):
    ctl = harness.start("--sandbox")
    w, s = ctl.window, ctl.session
    dlg = w.open_settings_dialog()
    assert dlg.isVisible()
    assert dlg.base_url.isEnabled() and dlg.base_url.text() == ""

    dlg.theme.setCurrentIndex(dlg.theme.findData("dark"))
    dlg.poll.setValue(4.5)
    dlg.speed.setValue(3.0)
    dlg.pricing_table.setCurrentIndex(dlg.pricing_table.findData("skills"))
    dlg.download_dir.setText("/tmp/verging-results")
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    try:
        assert not dlg.isVisible()
        assert is_dark(QApplication.palette())
        assert s.pricing.table_name == "skills" and s.settings.poll_interval == 4.5
        # stored with QSettings and read back by a fresh store
        again = SettingsStore(store.q).load()
        assert (again.theme, again.poll_interval, again.sandbox_speed, again.pricing_table, again.download_dir) == \
            ("dark", 4.5, 3.0, "skills", "/tmp/verging-results")
        # the tabs' prices follow the table (image generation: 2 credits per standard image in 'skills')
        w.tabs.setCurrentWidget(w.pages["Image Generation"])
        loop.run_until_complete(until(lambda: w.pages["Image Generation"].content is not None, 5))
        label = w.pages["Image Generation"].content.price_label.text()
        assert "2 credits per image (standard)" in label
        assert "prices as published in Verging's tool guides (updated 22 Nov 2026)" in label
        assert "pricing table" not in label and "'skills'" not in label
    finally:
        apply_theme(QApplication.instance(), "system")


def test_settings_refuse_bad_url_and_key_like_values(harness, loop, qtbot, store):
    ctl = harness.start("--sandbox")
    dlg = ctl.window.open_settings_dialog()
    dlg.base_url.setText("verging.ai/api")
    dlg.accept()
    assert dlg.isVisible() and "https://" in dlg.error.text()
    dlg.base_url.setText("https://example.test/vrg_sk_abcdefgh12345")
    dlg.accept()
    assert dlg.isVisible() and "API key" in dlg.error.text()
    dlg.reject()
    store.sync()
    from pathlib import Path

    ini = Path(store.location)
    assert not ini.exists() or "vrg_sk_" not in ini.read_text("utf-8")


def test_env_base_url_overrides_and_is_shown(harness, loop, monkeypatch, sandbox):
    monkeypatch.setenv("VERGING_BASE_URL", sandbox.base_url)
    ctl = harness.start()
    assert ctl.session.client.base_url == sandbox.base_url
    dlg = ctl.window.open_settings_dialog()
    assert not dlg.base_url.isEnabled()
    assert "VERGING_BASE_URL" in dlg.base_note.text()
    dlg.reject()


def test_store_round_trip_and_key_guard(store):
    s = Settings(base_url="http://127.0.0.1:9/api/v1", theme="light", poll_interval=3.0)
    store.save(s)
    assert store.load().base_url == "http://127.0.0.1:9/api/v1"
    assert store.load().theme == "light"
    import pytest

    with pytest.raises(ValueError):
        store.save(Settings(base_url="vrg_sk_abcdefgh12345678"))
    with pytest.raises(ValueError):
        store.set_value("anything", "ApiKey vrg_sk_abcdefgh12345678")
    assert SettingsStore(store.q).load().base_url != DEFAULT_BASE_URL


def test_window_geometry_is_saved_and_restored(harness, loop, store):
    ctl = harness.start("--sandbox")
    ctl.window.resize(760, 560)  # within the offscreen screen (800x600)
    ctl.window.tabs.setCurrentIndex(4)
    loop.run_until_complete(ctl.close())
    assert store.bytes_value("window/geometry") is not None
    ctl2 = harness.start("--sandbox", connect=False)
    assert (ctl2.window.width(), ctl2.window.height()) == (760, 560)
    assert ctl2.window.tabs.currentIndex() == 4


def test_default_window_size(harness, loop):
    """A first start opens at 1280x800, but never larger than the screen's free area (the
    offscreen screen is 800 px wide), and on the screen."""
    from PySide6.QtCore import QRect, QSize

    from verging_desktop.ui.main_window import DEFAULT_SIZE, first_size

    ctl = harness.start("--sandbox", connect=False)
    avail = ctl.window.screen().availableGeometry()
    expected = QSize(min(1280, avail.width()), min(800, avail.height()))
    assert (ctl.window.width(), ctl.window.height()) == (expected.width(), expected.height())
    assert avail.contains(ctl.window.geometry().topLeft())  # on the screen, not off its edge
    assert ctl.window.palette().color(QPalette.ColorRole.Window).isValid()
    assert first_size(DEFAULT_SIZE, QRect(0, 0, 1024, 700)) == QSize(1024, 700)
    assert first_size(DEFAULT_SIZE, QRect(0, 0, 1920, 1050)) == QSize(1280, 800)
    assert first_size(DEFAULT_SIZE, None) == QSize(1280, 800)


def test_the_price_list_choice_is_explained_in_plain_words(harness, loop, qtbot, store):
    ctl = harness.start("--sandbox")
    w = ctl.window
    dlg = w.open_settings_dialog()
    labels = [dlg.pricing_table.itemText(i) for i in range(dlg.pricing_table.count())]
    assert labels == ["Verging's price list (updated 22 Nov 2026)", "Verging's tool guides (updated 22 Nov 2026)"]
    note = dlg.pricing_note.text()
    assert note == ("Verging publishes two price lists that differ for image generation, chat, text to speech "
                    "and vision: the estimates use the one you choose, and you are always charged what Verging "
                    "counts, shown on each result.")
    assert note.count(". ") == 0 and "docs" not in note and "skills" not in note  # one sentence, no jargon
    dlg.reject()
    # every AI tab says where its prices come from, the same way
    for title in ("Image Generation", "Chat", "Text to Speech", "Speech to Text", "Vision"):
        w.tabs.setCurrentWidget(w.pages[title])
        loop.run_until_complete(until(lambda t=title: w.pages[t].content is not None, 5, title))
        from verging_desktop.ui.widgets.ai_common import PriceLabel

        text = w.pages[title].content.findChild(PriceLabel).text()
        assert text.endswith(" — prices as published by Verging (updated 22 Nov 2026)</span>"), (title, text)
        assert "pricing table" not in text


def test_the_keys_note_says_where_keys_really_go(harness, loop, qtbot, store, fail_keyring):
    """No usable keyring: the Settings footnote does not promise one (the keys dialog and the
    welcome page say "this session only"; the footnote said "they live in your system's keyring")."""
    ctl = harness.start("--sandbox")
    dlg = ctl.window.open_settings_dialog()
    text = dlg.keys_note.text()
    assert "this session only" in text and "no system keyring" in text, text
    assert "live in your system's keyring" not in text
    dlg.reject()


def test_the_keys_note_names_the_keyring_when_there_is_one(harness, loop, qtbot, store):
    ctl = harness.start("--sandbox")
    dlg = ctl.window.open_settings_dialog()
    assert "live in your system's keyring" in dlg.keys_note.text()
    assert "this session only" not in dlg.keys_note.text()
    dlg.reject()
