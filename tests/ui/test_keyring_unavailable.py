"""No usable keyring: say so plainly, offer this-session-only, never write the key to disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from .conftest import until

KEY = "vrg_sk_sess_test_0001"


@pytest.fixture
def live(sandbox, monkeypatch):
    sandbox.add_key(KEY, email="carol@example.test", name="Carol", credits=300)
    monkeypatch.setenv("VERGING_BASE_URL", sandbox.base_url)
    return sandbox


def files_containing(root: Path, secret: str) -> list[Path]:
    hits = []
    for p in root.rglob("*"):
        if p.is_file():
            try:
                if secret.encode() in p.read_bytes():
                    hits.append(p)
            except OSError:
                pass
    return hits


def type_key(qtbot, dlg, name, key):
    dlg.name_edit.clear()
    qtbot.keyClicks(dlg.name_edit, name)
    qtbot.keyClicks(dlg.key_edit, key)


def test_no_keyring_plain_message_and_session_only(harness, loop, qtbot, live, fail_keyring, isolated, store):
    ctl = harness.start()
    w, s = ctl.window, ctl.session
    dlg = w.open_keys_dialog()
    assert dlg.keyring_banner.isVisible()
    text = dlg.keyring_banner.text()
    assert "keyring is not available" in text and "this session only" in text
    assert dlg.session_only.isChecked() and not dlg.session_only.isEnabled()

    type_key(qtbot, dlg, "carol", KEY)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    loop.run_until_complete(until(lambda: dlg.add_status.property("kind") in ("ok", "error") and not dlg._busy, 10))
    assert dlg.add_status.property("kind") == "ok", dlg.add_status.text()
    assert "this session only" in dlg.add_status.text()
    [p] = s.keystore.profiles()
    assert p.source == "session" and "this session only" in p.label
    assert s.client.api_key == KEY
    assert w.status.balance.text() == "300 credits" and w.status.state_text == "Live"

    # nothing with the key was written anywhere: config, data, logs, QSettings
    ctl.window.save_window_state()
    store.sync()
    for d in isolated.values():
        assert files_containing(d, KEY) == [], f"the key was written under {d}"


def test_locked_keyring_offers_session_only_after_refusal(harness, loop, qtbot, live, locked_keyring, isolated):
    ctl = harness.start()
    w, s = ctl.window, ctl.session
    dlg = w.open_keys_dialog()
    assert not dlg.keyring_banner.isVisible()  # the keyring looks fine until it refuses

    type_key(qtbot, dlg, "carol", KEY)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    loop.run_until_complete(until(lambda: dlg.add_status.property("kind") == "error" and not dlg._busy, 10))
    assert "refused to store" in dlg.add_status.text() and "was not saved" in dlg.add_status.text()
    assert dlg.session_button.isVisible()
    assert s.keystore.names() == []

    qtbot.mouseClick(dlg.session_button, Qt.MouseButton.LeftButton)
    loop.run_until_complete(until(lambda: dlg.add_status.property("kind") == "ok" and not dlg._busy, 10))
    assert [p.source for p in s.keystore.profiles()] == ["session"]
    assert w.status.balance.text() == "300 credits"
    assert locked_keyring.store == {}
    for d in isolated.values():
        assert files_containing(d, KEY) == []
