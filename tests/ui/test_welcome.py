"""First run with no key anywhere: the welcome view and its two choices."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .conftest import until


def test_welcome_shown_without_any_key(harness, loop):
    ctl = harness.start()
    w = ctl.window
    assert w.showing_welcome and w.welcome.isVisible()
    assert w.welcome.add_key.text() == "Add API key"
    assert w.welcome.sandbox.text() == "Try the sandbox"
    assert w.status.state_text == "No API key"
    assert not w.queue_dock.isVisible()
    assert not w.banner.isVisible()


def test_welcome_add_api_key_opens_the_keys_dialog(harness, loop, qtbot):
    ctl = harness.start()
    w = ctl.window
    qtbot.mouseClick(w.welcome.add_key, Qt.MouseButton.LeftButton)
    assert w.keys_dialog is not None and w.keys_dialog.isVisible()
    assert w.keys_dialog.name_edit.text() == "personal"


def test_welcome_try_the_sandbox(harness, loop, qtbot):
    ctl = harness.start()
    w, s = ctl.window, ctl.session
    qtbot.mouseClick(w.welcome.sandbox, Qt.MouseButton.LeftButton)
    loop.run_until_complete(until(lambda: w.status.state_text == "Sandbox", 20, "the sandbox to start"))
    assert not w.showing_welcome and w.tabs.isVisible()
    assert w.banner.isVisible()
    assert w.status.balance.text() == "1,000 credits"
    assert s.sandbox is not None and s.sandbox.running
    assert w.queue_dock.isVisible()
    sb = s.sandbox
    loop.run_until_complete(ctl.close())
    assert not sb.running  # stopped by the ordered shutdown


def _key_card_text(w) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(lb.text() for lb in w.welcome.findChildren(QLabel) if "Create a key" in lb.text())


def test_welcome_says_where_the_key_goes_with_a_keyring(harness, loop):
    w = harness.start().window
    assert "kept in your system's keyring, never in a file" in _key_card_text(w)


def test_welcome_says_session_only_without_a_keyring(harness, loop, fail_keyring):
    """No OS keyring here: the keys dialog says a key is for this session only; the welcome page
    said it would be "kept in your system's keyring". One true thing, in both places."""
    w = harness.start().window
    text = _key_card_text(w)
    assert "system's keyring, never" not in text
    assert "for this session only" in text and "never in a file" in text
