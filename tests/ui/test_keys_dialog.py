"""Manage API keys: add (validated first), switch, remove, remote keys, revoke, read-only env key."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from verging_desktop.core.settings import KEYRING_SERVICE
from verging_desktop.sandbox import DEMO_KEY

from .conftest import until

# fake keys; the server lists the first 12 characters, so they differ there
ALICE = "vrg_sk_alic_test_0001"
BOB = "vrg_sk_bobb_test_0002"
SPARE = "vrg_sk_spar_test_0003"
UNKNOWN = "vrg_sk_nobo_test_0004"


@pytest.fixture
def live(sandbox, monkeypatch):
    """The app in live mode, pointed at a local sandbox that knows Alice's and Bob's keys."""
    sandbox.add_key(ALICE, email="alice@example.test", name="Alice", credits=500)
    sandbox.add_key(BOB, email="bob@example.test", name="Bob", credits=200)
    monkeypatch.setenv("VERGING_BASE_URL", sandbox.base_url)
    return sandbox


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def add_key(qtbot, loop, dlg, name, key):
    dlg.name_edit.clear()
    qtbot.keyClicks(dlg.name_edit, name)
    dlg.key_edit.clear()
    qtbot.keyClicks(dlg.key_edit, key)
    click(qtbot, dlg.save_button)
    loop.run_until_complete(until(lambda: dlg.add_status.property("kind") in ("ok", "error") and dlg._busy == 0,
                                  15, "the key to be checked and saved"))


def test_add_validate_switch_and_remove_keys(harness, loop, qtbot, live, memory_keyring):
    ctl = harness.start()
    w, s = ctl.window, ctl.session
    assert w.showing_welcome
    click(qtbot, w.welcome.add_key)
    dlg = w.keys_dialog
    assert dlg is not None and dlg.isVisible()
    assert dlg.key_edit.echoMode() == QLineEdit.EchoMode.Password

    add_key(qtbot, loop, dlg, "alice", ALICE)
    assert dlg.add_status.property("kind") == "ok", dlg.add_status.text()
    assert ALICE not in dlg.add_status.text()
    assert dlg.key_edit.text() == ""
    assert memory_keyring.store[(KEYRING_SERVICE, "alice")] == ALICE
    assert s.profile == "alice" and s.client.api_key == ALICE
    assert w.status.account.text() == "alice@example.test"
    assert w.status.balance.text() == "500 credits"
    assert w.status.state_text == "Live"
    assert not w.showing_welcome

    add_key(qtbot, loop, dlg, "bob", BOB)
    assert dlg.add_status.property("kind") == "ok", dlg.add_status.text()
    assert s.profile == "bob" and w.status.balance.text() == "200 credits"
    assert s.keystore.names() == ["alice", "bob"]

    # switch back to alice: the balance is read again
    dlg.select_profile("alice")
    click(qtbot, dlg.use_button)
    loop.run_until_complete(until(lambda: s.profile == "alice" and w.status.balance.text() == "500 credits", 10))
    assert w.status.account.text() == "alice@example.test"
    assert "✓ in use" in dlg.profile_list.currentItem().text()

    # remove bob, with a confirmation that names it
    dlg.select_profile("bob")
    click(qtbot, dlg.remove_button)
    box = dlg.confirm_box
    assert box is not None and box.isVisible() and "'bob'" in box.text()
    remove = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    click(qtbot, remove)
    loop.run_until_complete(until(lambda: s.keystore.names() == ["alice"], 10, "bob to be removed"))
    assert (KEYRING_SERVICE, "bob") not in memory_keyring.store
    assert s.profile == "alice"

    # the profile names survive a restart, the keys stay in the keyring only
    profiles = (ctl.dirs.config / "profiles.json").read_text()
    assert "alice" in profiles and ALICE not in profiles


def test_invalid_key_refused_before_saving(harness, loop, qtbot, live, memory_keyring):
    ctl = harness.start()
    w, s = ctl.window, ctl.session
    dlg = w.open_keys_dialog()

    add_key(qtbot, loop, dlg, "typo", UNKNOWN)
    assert dlg.add_status.property("kind") == "error"
    assert "refused" in dlg.add_status.text() and "not saved" in dlg.add_status.text()
    assert UNKNOWN not in dlg.add_status.text()
    assert s.keystore.names() == [] and memory_keyring.store == {}
    assert w.showing_welcome  # still no key

    # a malformed key is refused without asking the server
    live.reset_stats()
    add_key(qtbot, loop, dlg, "junk", "hello world")
    assert dlg.add_status.property("kind") == "error"
    assert "one line" in dlg.add_status.text() or "vrg_sk_" in dlg.add_status.text()
    assert not any("validate" in k for k in live.stats().get("requests", {}))
    assert s.keystore.names() == []


def test_show_hide_toggle(harness, loop, qtbot, live):
    ctl = harness.start()
    dlg = ctl.window.open_keys_dialog()
    qtbot.keyClicks(dlg.key_edit, ALICE)
    assert dlg.key_edit.echoMode() == QLineEdit.EchoMode.Password
    click(qtbot, dlg.show_key)
    assert dlg.key_edit.echoMode() == QLineEdit.EchoMode.Normal and dlg.show_key.text() == "Hide"
    click(qtbot, dlg.show_key)
    assert dlg.key_edit.echoMode() == QLineEdit.EchoMode.Password and dlg.show_key.text() == "Show"


def test_environment_key_is_a_read_only_profile(harness, loop, qtbot, live, monkeypatch):
    monkeypatch.setenv("VERGING_API_KEY", ALICE)
    ctl = harness.start()
    w, s = ctl.window, ctl.session
    assert not w.showing_welcome
    assert s.profile == "environment" and w.status.balance.text() == "500 credits"
    dlg = w.open_keys_dialog()
    dlg.select_profile("environment")
    item = dlg.profile_list.currentItem()
    assert "VERGING_API_KEY" in item.text() and "read-only" in item.text()
    assert not dlg.remove_button.isEnabled()


def test_remote_keys_listed_and_revoked_with_confirmation(harness, loop, qtbot, live):
    live.add_key(SPARE, email="alice@example.test")
    ctl = harness.start()
    w, s = ctl.window, ctl.session
    dlg = w.open_keys_dialog()
    add_key(qtbot, loop, dlg, "alice", ALICE)
    loop.run_until_complete(until(lambda: dlg.remote_table.rowCount() == 2, 10, "the account's keys"))
    assert "alice@example.test" in dlg.remote_box.title()
    statuses = [dlg.remote_table.item(r, 4).text() for r in range(2)]
    assert statuses.count("in use by this app") == 1
    in_use = next(k for k in dlg.remote_keys if k.matches(ALICE))
    assert "This app is using" in dlg.remote_status.text()
    prefixes = [dlg.remote_table.item(r, 1).text() for r in range(2)]
    assert all(ALICE not in p for p in prefixes)  # prefixes only, never the full key

    # revoke the spare key: the confirmation names it
    spare = next(k for k in dlg.remote_keys if k.id != in_use.id)
    dlg.select_remote(spare.id)
    click(qtbot, dlg.revoke_button)
    box = dlg.confirm_box
    assert box.isVisible() and spare.name in box.text() and spare.prefix in box.text()
    assert "using right now" not in box.informativeText()
    revoke = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    click(qtbot, revoke)
    loop.run_until_complete(until(
        lambda: any(dlg.remote_table.item(r, 4).text() == "revoked" for r in range(dlg.remote_table.rowCount())),
        10, "the spare key to show as revoked"))
    assert s.state == "live"

    # revoking the key in use warns about it, and the app then reports a key problem
    dlg.select_remote(in_use.id)
    click(qtbot, dlg.revoke_button)
    box = dlg.confirm_box
    assert "using right now" in box.informativeText()
    revoke = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    click(qtbot, revoke)
    loop.run_until_complete(until(lambda: w.status.state_text == "Key problem", 10, "the key problem"))


def test_401_marks_key_problem_and_offers_the_keys_dialog(harness, loop, qtbot):
    ctl = harness.start("--sandbox")
    w, s = ctl.window, ctl.session
    assert w.status.state_text == "Sandbox"

    async def scenario():
        keys = await s.client.list_api_keys()
        demo = next(k for k in keys if k.matches(DEMO_KEY))
        await s.client.delete_api_key(demo.id)  # revoked on the (sandbox) server
        from verging_desktop.core.errors import AuthError

        with pytest.raises(AuthError):
            await s.client.chat([{"role": "user", "content": "hello"}])
        await until(lambda: w._key_box is not None and w._key_box.isVisible(), 5, "the key problem prompt")

    loop.run_until_complete(scenario())
    assert w.status.state_text == "Key problem"
    assert w.status.fix_key.isVisible()
    box = w._key_box
    assert "refused" in box.text()
    open_btn = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    click(qtbot, open_btn)
    assert w.keys_dialog is not None and w.keys_dialog.isVisible()
